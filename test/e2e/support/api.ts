/** Plain HTTP calls to the appliance beside the browser: admin setup, a second (console) session, checks. */
import { ADMIN } from '../../support/appliance.js';

export async function api<T = unknown>(
  url: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown } = {},
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${url}${path}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

export async function consoleLogin(
  url: string,
  username: string,
  password: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const res = await api<{ token: string }>(url, 'POST', '/api/auth/login', {
    body: { username, password, client: 'console', ...extra },
  });
  if (res.status !== 200) throw new Error(`console login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token;
}

export async function createTechnician(url: string, user: Record<string, unknown>): Promise<{ id: number }> {
  const admin = await consoleLogin(url, ADMIN.username, ADMIN.password);
  const res = await api<{ id: number }>(url, 'POST', '/api/admin/users', { token: admin, body: user });
  if (res.status !== 201 && res.status !== 200)
    throw new Error(`create user: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
