/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are checked field by field in the tests */
/**
 * The appliance's side of the desktop browser sign-in as a test drives it over HTTP: what the
 * console would send (its PKCE secrets, a loopback redirect URI), the browser's redirects (not
 * followed, so each one is checked) and the web console's approve call with a cookie session.
 */
import crypto from 'node:crypto';
import { call, webHeaders, type Res, type WebSession } from './api-client.js';

export interface ConsoleSecrets {
  verifier: string;
  challenge: string;
  state: string;
  redirectUri: string;
}

export function consoleSecrets(port = 50_000 + Math.floor(Math.random() * 10_000)): ConsoleSecrets {
  const verifier = crypto.randomBytes(32).toString('base64url');
  return {
    verifier,
    challenge: crypto.createHash('sha256').update(verifier).digest('base64url'),
    state: crypto.randomBytes(24).toString('base64url'),
    redirectUri: `http://127.0.0.1:${port}/callback`,
  };
}

export function authorizePath(s: Partial<ConsoleSecrets>, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  if (s.redirectUri !== undefined) q.set('redirect_uri', s.redirectUri);
  if (s.challenge !== undefined) q.set('code_challenge', s.challenge);
  q.set('code_challenge_method', 'S256');
  if (s.state !== undefined) q.set('state', s.state);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return `/api/auth/desktop/authorize?${q}`;
}

/** `GET authorize` without following the redirect. */
export async function authorize(
  app: { url: string },
  path: string,
  accept = 'application/json',
): Promise<{ status: number; location: string | null; body: any }> {
  const res = await fetch(`${app.url}${path}`, { redirect: 'manual', headers: { accept } });
  const text = await res.text();
  return { status: res.status, location: res.headers.get('location'), body: text ? JSON.parse(text) : null };
}

/** Opens a request as the console's browser would; its id (from the web console address it redirects to). */
export async function openRequest(app: { url: string }, s: ConsoleSecrets): Promise<string> {
  const res = await authorize(app, authorizePath(s));
  if (res.status !== 302) throw new Error(`authorize: ${res.status} ${JSON.stringify(res.body)}`);
  const id = /request=([A-Za-z0-9_-]+)/.exec(res.location ?? '')?.[1];
  if (!id) throw new Error(`authorize redirected to ${res.location}`);
  return id;
}

export async function approve(app: { url: string }, web: WebSession, id: string): Promise<Res> {
  return call(app, 'POST', `/api/auth/desktop/requests/${id}/approve`, { headers: webHeaders(web) });
}

/** Opens and approves a request; the code and state the browser would bring to the console's callback. */
export async function approvedCode(
  app: { url: string },
  web: WebSession,
  s: ConsoleSecrets,
): Promise<{ code: string; state: string; redirectTo: URL }> {
  const id = await openRequest(app, s);
  const res = await approve(app, web, id);
  if (res.status !== 200) throw new Error(`approve: ${res.status} ${JSON.stringify(res.body)}`);
  const redirectTo = new URL(res.body.redirect_to);
  return { code: redirectTo.searchParams.get('code')!, state: redirectTo.searchParams.get('state')!, redirectTo };
}

export function exchange(
  app: { url: string },
  body: Partial<{
    code: string;
    code_verifier: string;
    redirect_uri: string;
    install_id: string;
    console_version: string;
  }>,
): Promise<Res> {
  return call(app, 'POST', '/api/auth/desktop/token', {
    body: { install_id: 'install-abcdef-123', console_version: '1.0.0', ...body },
  });
}
