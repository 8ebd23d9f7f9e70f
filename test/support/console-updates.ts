/** Helpers for the console-update tests: console logins, a plain technician, release files. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ADMIN, tempDir, type TestAppliance } from './appliance.js';
import { hashPassword } from '../../src-appliance/auth/password-hash.js';

export const TECH = { username: 'tech1', password: 'Tech-Passw0rd!-long' };

export async function createTechnician(app: TestAppliance, who = TECH): Promise<void> {
  const now = new Date().toISOString();
  await app.ctx.db
    .insertInto('users')
    .values({
      username: who.username,
      password_hash: await hashPassword(app.ctx.passwordHashCost, who.password),
      private_display_name: who.username,
      public_display_name: who.username,
      password_changed_at: now,
      created_at: now,
      updated_at: now,
    } as never)
    .execute();
}

export interface LoginOutcome {
  status: number;
  body: { token?: string; error?: { code: string; details: Record<string, unknown> } };
}

export async function login(app: TestAppliance, body: Record<string, unknown>, who = ADMIN): Promise<LoginOutcome> {
  const res = await fetch(`${app.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...who, ...body }),
  });
  return { status: res.status, body: (await res.json()) as LoginOutcome['body'] };
}

export async function consoleToken(
  app: TestAppliance,
  installId = 'install-test-0001',
  version = '1.0.0',
  who = ADMIN,
): Promise<string> {
  const r = await login(app, { client: 'console', console_version: version, install_id: installId }, who);
  if (r.status !== 200 || !r.body.token) throw new Error(`console login failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.token;
}

export async function requestUpdateToken(
  app: { url: string },
  sessionToken: string,
  installId = 'install-test-0001',
): Promise<Response> {
  return fetch(`${app.url}/api/console/update-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${sessionToken}` },
    body: JSON.stringify({ install_id: installId }),
  });
}

/** A pseudo installer of `size` random bytes; returns its path and base64 sha512. */
export function makeBuild(
  name: string,
  size: number,
  dir = tempDir('console-build-'),
): { file: string; sha512: string; bytes: Buffer } {
  const bytes = crypto.randomBytes(size);
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return { file, sha512: crypto.createHash('sha512').update(bytes).digest('base64'), bytes };
}
