// The console's pages for apps: list, show (with unlock and delete) and
// create, each from react-admin's stock components.
import { useState } from 'react';
import {
  BooleanField, BooleanInput, Create, DataTable, DateField, DeleteButton, Form, List, Pagination,
  PasswordInput, SaveButton, SearchInput, SelectInput, Show, SimpleForm, SimpleShowLayout, TextField,
  TextInput, TopToolbar, required, useDataProvider, useNotify, useRecordContext, useRefresh,
} from 'react-admin';
import { appToken } from './api';

const filters = [<SearchInput key="q" source="q" alwaysOn />];

// 100 a page, so the list of 100 apps is one page, as in the console.
export const AppList = () => (
  <List perPage={100} sort={{ field: 'AppName', order: 'ASC' }} filters={filters} pagination={<Pagination rowsPerPageOptions={[25, 50, 100]} />}>
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="AppName" label="Name" />
      <DataTable.Col source="AppID" label="App ID" />
      <DataTable.Col source="ExotelAccountSid" label="Account SID" />
      <DataTable.Col source="ExotelDomain" label="Domain" />
      <DataTable.Col source="IsActive" label="Active"><BooleanField source="IsActive" /></DataTable.Col>
      <DataTable.Col source="CreatedAt" label="Created"><DateField source="CreatedAt" showTime /></DataTable.Col>
      <DataTable.Col source="UpdatedAt" label="Updated"><DateField source="UpdatedAt" showTime /></DataTable.Col>
    </DataTable>
  </List>
);

/** The app's secret, traded for its token: needed to read it from the API
 * and to delete it (the list's customer token cannot). */
function Unlock({ onUnlocked }) {
  const record = useRecordContext();
  const dataProvider = useDataProvider();
  const notify = useNotify();
  const refresh = useRefresh();
  const submit = async ({ secret }) => {
    try {
      await dataProvider.unlock(record.id, secret);
      onUnlocked();
      refresh();
    } catch (e) {
      notify(e.message, { type: 'error' });
    }
  };
  return (
    <Form onSubmit={submit} record={{}}>
      <div style={{ padding: '0 1em 1em' }}>
        <PasswordInput source="secret" label="App secret" validate={required()} helperText="To read this app from the API and to delete it" />
        <SaveButton label="Unlock" icon={<span />} />
      </div>
    </Form>
  );
}

function ShowBody() {
  const record = useRecordContext();
  const [, setUnlocked] = useState(0);
  if (!record) return null;
  const unlocked = Boolean(appToken(record.id));
  return (
    <>
      <TopToolbar>{unlocked && <DeleteButton mutationMode="pessimistic" confirmTitle={`Delete “${record.AppName}”?`} />}</TopToolbar>
      <SimpleShowLayout>
        <TextField source="AppName" label="Name" />
        <TextField source="AppID" label="App ID" />
        <TextField source="CustomerID" label="Customer ID" />
        <TextField source="ExotelAccountSid" label="Account SID" />
        <TextField source="ExotelDomain" label="Domain" />
        <BooleanField source="IsActive" label="Active" />
        <DateField source="CreatedAt" label="Created" showTime />
        <DateField source="UpdatedAt" label="Updated" showTime />
      </SimpleShowLayout>
      {!unlocked && <Unlock onUnlocked={() => setUnlocked((n) => n + 1)} />}
    </>
  );
}

export const AppShow = () => (
  <Show actions={false}>
    <ShowBody />
  </Show>
);

const domains = [{ id: 'mumbai', name: 'Mumbai' }, { id: 'singapore', name: 'Singapore' }];

export const AppCreate = () => (
  <Create redirect="show">
    <SimpleForm>
      <TextInput source="AppName" label="App name" validate={required()} />
      <TextInput source="ExotelAccountSid" label="Exotel Account SID" validate={required()} />
      <TextInput source="ExotelApiKey" label="Exotel API key" validate={required()} />
      <PasswordInput source="ExotelApiToken" label="Exotel API token" validate={required()} />
      <SelectInput source="ExotelDomain" label="Exotel domain" choices={domains} validate={required()} />
      <BooleanInput source="IsActive" label="Active" defaultValue />
    </SimpleForm>
  </Create>
);
