// The integrations API as the console speaks it: same origin, the raw token
// in Authorization (no "Bearer"), and the {RequestId, Status, Code, Error,
// Data} envelope, where Status decides (a failure can come with HTTP 200).
import { HttpError } from 'react-admin';

const BASE = '/v2/integrations';
const CUSTOMER_TOKEN = 'peer.customerToken';
const APP_TOKENS = 'peer.appTokens';

// Tokens live in session storage only, like the console's.
export const customerToken = () => sessionStorage.getItem(CUSTOMER_TOKEN);
export const setCustomerToken = (t) => sessionStorage.setItem(CUSTOMER_TOKEN, t);
export const forgetTokens = () => {
  sessionStorage.removeItem(CUSTOMER_TOKEN);
  sessionStorage.removeItem(APP_TOKENS);
};
const appTokens = () => JSON.parse(sessionStorage.getItem(APP_TOKENS) || '{}');
export const appToken = (id) => appTokens()[id];
export const setAppToken = (id, t) => sessionStorage.setItem(APP_TOKENS, JSON.stringify({ ...appTokens(), [id]: t }));
export const forgetAppToken = (id) => {
  const all = appTokens();
  delete all[id];
  sessionStorage.setItem(APP_TOKENS, JSON.stringify(all));
};

/** One call; resolves to the envelope's Data, or throws an HttpError with
 * the API's message (and its RequestId, to quote to support). */
export async function call(method, path, { token, body } = {}) {
  const headers = {};
  if (token) headers.Authorization = token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(BASE + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* not JSON: a proxy's page or an empty body */ }
  if (json && typeof json.Status === 'string') {
    if (json.Status.toLowerCase() === 'success') return json.Data;
    const id = json.RequestId ? ` (request ${json.RequestId})` : '';
    throw new HttpError(`${json.Error || 'The API refused the call'}${id}`, json.Code || res.status, json);
  }
  const message = (json && (json.error || json.message)) || `HTTP ${res.status} without an API answer`;
  throw new HttpError(message, res.status, json);
}

/** A token for a customer or an app (POST /token). */
export const token = (Id, Secret, Entity) => call('POST', '/token', { body: { Id, Secret, Entity } });
