// The registry's public REST API, as any tool calls it: same endpoints, same auth.
// Credentials typed into the sign-in form live in sessionStorage (this tab only).
const KEY = 'accord.authorization';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export function authorization() {
  return sessionStorage.getItem(KEY);
}

export function setAuthorization(value) {
  if (value) sessionStorage.setItem(KEY, value);
  else sessionStorage.removeItem(KEY);
}

export function basicAuthorization(user, password) {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return 'Basic ' + btoa(binary);
}

export async function api(path, { method = 'GET', body } = {}) {
  const headers = { Accept: 'application/vnd.schemaregistry.v1+json, application/json' };
  const auth = authorization();
  // Without credentials of its own the UI lets the browser prompt (basic auth) and keep
  // what the user typed; with them it says so, and a refusal comes back to its form.
  if (auth) {
    headers.Authorization = auth;
    headers['X-Requested-With'] = 'XMLHttpRequest';
  }
  if (body !== undefined) headers['Content-Type'] = 'application/vnd.schemaregistry.v1+json';
  const response = await fetch(path, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin',
  });
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = text;
  }
  if (!response.ok) {
    const message = data && data.message ? data.message : `${response.status} ${response.statusText}`;
    throw new ApiError(response.status, data && data.error_code, message);
  }
  return data;
}

// Query string of the non-empty values.
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? '?' + text : '';
}
