// react-admin's defaults throughout: its layout, theme, router (hash URLs),
// store and components; only the login form's fields are the console's.
import { Admin, Form, Login, PasswordInput, Resource, SaveButton, TextInput, required, useLogin, useNotify } from 'react-admin';
import { authProvider } from './authProvider';
import { dataProvider } from './dataProvider';
import { AppCreate, AppList, AppShow } from './apps';

function LoginPage() {
  const login = useLogin();
  const notify = useNotify();
  const submit = (values) => login(values).catch((e) => notify(e.message || 'Sign-in failed', { type: 'error' }));
  return (
    <Login>
      <Form onSubmit={submit}>
        <div style={{ padding: '0 1em 1em' }}>
          <TextInput source="customerId" label="Customer ID" autoComplete="username" validate={required()} fullWidth />
          <PasswordInput source="secret" label="Customer secret" autoComplete="current-password" validate={required()} fullWidth />
          <SaveButton label="Connect" icon={<span />} fullWidth />
        </div>
      </Form>
    </Login>
  );
}

export const App = () => (
  // disableTelemetry: react-admin otherwise fetches a tracking image from
  // its vendor's host on first load, which would add a request the
  // console does not make.
  <Admin dataProvider={dataProvider} authProvider={authProvider} loginPage={LoginPage} disableTelemetry>
    <Resource name="apps" list={AppList} show={AppShow} create={AppCreate} recordRepresentation="AppName" />
  </Admin>
);
