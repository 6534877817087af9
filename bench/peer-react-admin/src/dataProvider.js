// The one resource, "apps", over the console's endpoints:
//   list    GET    /app?entity=customer  (customer token)
//   show    GET    /app?entity=app       (the app's own token, else the list)
//   create  POST   /app                  (customer token), then the app's token
//   delete  DELETE /app                  (the app's own token), then list again
// The API lists everything at once, so sorting, the search and paging are
// done here, as the console does them in the page.
import { appToken, call, customerToken, forgetAppToken, setAppToken, token } from './api';

const withId = (app) => ({ ...app, id: app.AppID });

async function listAll() {
  const apps = await call('GET', '/app?entity=customer', { token: customerToken() });
  return (apps || []).map(withId);
}

/** Calls made with an app's token: a refusal is that app's, not the session's. */
async function asApp(id, method, path) {
  try {
    return await call(method, path, { token: appToken(id) });
  } catch (e) {
    e.appToken = true;
    if (e.status === 401) forgetAppToken(id);
    throw e;
  }
}

function compare(field, order) {
  const sign = order === 'DESC' ? -1 : 1;
  return (a, b) => sign * String(a[field] ?? '').localeCompare(String(b[field] ?? ''));
}

export const dataProvider = {
  async getList(_resource, { pagination, sort, filter }) {
    const q = (filter.q || '').toLowerCase();
    const apps = (await listAll())
      .filter((a) => !q || [a.AppName, a.AppID, a.ExotelAccountSid].some((v) => String(v).toLowerCase().includes(q)))
      .sort(compare(sort.field, sort.order));
    const start = (pagination.page - 1) * pagination.perPage;
    return { data: apps.slice(start, start + pagination.perPage), total: apps.length };
  },

  async getOne(_resource, { id }) {
    if (appToken(id)) return { data: withId(await asApp(id, 'GET', '/app?entity=app')) };
    const app = (await listAll()).find((a) => a.id === id);
    if (!app) throw new Error('This app is not in your app list.');
    return { data: app };
  },

  async getMany(_resource, { ids }) {
    return { data: (await listAll()).filter((a) => ids.includes(a.id)) };
  },

  async create(_resource, { data }) {
    const created = await call('POST', '/app', { token: customerToken(), body: data });
    // The AppSecret comes only in this answer: trade it for the app's token
    // at once, so the new app can be shown and deleted in this session.
    setAppToken(created.AppID, await token(created.AppID, created.AppSecret, 'app'));
    const { AppSecret: _secret, ...app } = created;
    return { data: withId(app) };
  },

  async delete(_resource, { id, previousData }) {
    if (!appToken(id)) throw new Error('Unlock this app with its secret before deleting it.');
    await asApp(id, 'DELETE', '/app');
    forgetAppToken(id);
    // The live API has answered "Deleted" and deleted nothing: list again.
    if ((await listAll()).some((a) => a.id === id)) throw new Error('The API said deleted, but the app is still listed.');
    return { data: previousData || { id } };
  },

  async deleteMany(resource, { ids }) {
    for (const id of ids) await dataProvider.delete(resource, { id });
    return { data: ids };
  },

  async update() {
    throw new Error('The integrations API has no call to edit an app.');
  },
  async updateMany() {
    throw new Error('The integrations API has no call to edit an app.');
  },
  async getManyReference() {
    return { data: [], total: 0 };
  },

  /** The app's token from its secret (the show page's unlock form). */
  async unlock(id, secret) {
    setAppToken(id, await token(id, secret, 'app'));
  },
};
