/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are checked field by field in the tests */
/**
 * HTTP helpers for tests against a real appliance: JSON requests, console (bearer) and web (cookie +
 * CSRF) logins, user creation through the admin API.
 */
import { expect } from 'vitest';
import { ADMIN, type TestAppliance } from './appliance.js';

export interface Res<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export async function call<T = any>(
  app: { url: string },
  method: string,
  path: string,
  opts: { body?: unknown; token?: string; headers?: Record<string, string>; raw?: string } = {},
): Promise<Res<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined = opts.raw;
  if (opts.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = JSON.stringify(opts.body);
  }
  const res = await fetch(`${app.url}${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}

export async function loginConsole(
  app: { url: string },
  username: string,
  password: string,
  extra: Record<string, unknown> = {},
): Promise<Res> {
  return call(app, 'POST', '/api/auth/login', { body: { username, password, client: 'console', ...extra } });
}

/** Logs in as a console client and returns the bearer token (fails the test otherwise). */
export async function tokenFor(
  app: { url: string },
  username: string,
  password: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const res = await loginConsole(app, username, password, extra);
  if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token as string;
}

export const adminToken = (app: TestAppliance) => tokenFor(app, ADMIN.username, ADMIN.password);

export interface WebSession {
  cookie: string;
  csrf: string;
}

/** Logs in as the browser does; returns the cookie header to send back and the CSRF token. */
export async function loginWeb(
  app: { url: string },
  username: string,
  password: string,
): Promise<WebSession & { res: Res }> {
  const res = await call(app, 'POST', '/api/auth/login', { body: { username, password, client: 'web' } });
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
  return { cookie: cookies.join('; '), csrf: res.body?.csrf_token, res };
}

export const webHeaders = (s: WebSession, withCsrf = true): Record<string, string> =>
  withCsrf ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : { cookie: s.cookie };

let seq = 0;
export const USER_PASSWORD = 'Correct-Horse-42-Battery';

/** Creates a technician through the admin API; returns its id and username. */
export async function createUser(
  app: { url: string },
  token: string,
  fields: Record<string, unknown> = {},
): Promise<{ id: number; username: string; password: string }> {
  const username = (fields.username as string) ?? `tech${++seq}_${Date.now().toString(36)}`;
  const password = (fields.password as string) ?? USER_PASSWORD;
  const res = await call(app, 'POST', '/api/admin/users', { token, body: { username, password, ...fields } });
  if (res.status !== 201) throw new Error(`create user failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id, username, password };
}

/** A user's failed sign-in count as the admin's user list shows it. */
export async function failedLoginCount(app: { url: string }, adminToken: string, id: number): Promise<number> {
  const res = await call(app, 'GET', '/api/admin/users', { token: adminToken });
  return res.body.users.find((x: { id: number }) => x.id === id).failed_login_count;
}

export async function setSecurity(app: { url: string }, token: string, patch: Record<string, unknown>): Promise<Res> {
  const res = await call(app, 'PUT', '/api/admin/security', { token, body: patch });
  if (res.status !== 200) throw new Error(`security update failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

/** The answer is the error envelope with this status and code (the message is for people, not checked). */
export function expectError(res: Res, status: number, code: string): void {
  expect({ status: res.status, code: res.body?.error?.code }, JSON.stringify(res.body)).toEqual({ status, code });
}
