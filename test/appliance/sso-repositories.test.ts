/**
 * The single sign-on tables through their repositories, on the engine of the project (SQLite
 * files here, PostgreSQL in appliance-pg): a provider inserted with its secret sealed for its own
 * id in one transaction, the enabled ones listed by name, a sign-in spent once (also when two
 * callbacks race) and never after it expired, provider accounts linked once, and a deleted
 * provider taking its sign-ins and links with it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenedDatabase } from '../../src-appliance/db/database.js';
import { identityProviderRepository } from '../../src-appliance/sso/identity-provider-repository.js';
import { ssoSignInRepository } from '../../src-appliance/sso/sso-sign-in-repository.js';
import '../../src-appliance/users/tables.js';
import { tempDir } from '../support/appliance.js';
import { insertTestUser, openTestDatabase, TEST_ENGINE } from '../support/test-database.js';

let database: OpenedDatabase;
beforeAll(async () => {
  database = await openTestDatabase(tempDir('sso-repo-'));
});
afterAll(() => database?.close());

const now = () => new Date().toISOString();
const provider = (name: string, enabled = 1) => ({
  kind: 'oidc' as const,
  name,
  issuer: 'https://idp.example.com',
  client_id: 'client',
  scopes: 'openid',
  username_claim: 'preferred_username',
  display_name_claim: 'name',
  email_claim: 'email',
  admin_group_claim: null,
  admin_group_value: null,
  jit_provisioning: 0,
  enabled,
  created_at: now(),
  updated_at: now(),
});

const user = (username: string) => insertTestUser(database.db, username);

const signIn = (providerId: number, stateHash: string, expiresInMs = 60_000) => ({
  state_hash: stateHash,
  provider_id: providerId,
  browser_hash: 'b'.repeat(64),
  nonce: 'n',
  code_verifier: 'v',
  desktop_request: null,
  created_at: now(),
  expires_at: new Date(Date.now() + expiresInMs).toISOString(),
  used_at: null,
});

describe(`single sign-on repositories (${TEST_ENGINE})`, () => {
  it('inserts a provider and seals its secret for the id it got, in one step', async () => {
    const providers = identityProviderRepository(database.db);
    const row = await providers.insert(provider('Zeta'), (id) => `sealed-for-${id}`);
    expect(row.client_secret_sealed).toBe(`sealed-for-${row.id}`);
    expect(await providers.findById(row.id)).toEqual(row);
    // A seal that fails leaves no provider without a secret behind.
    const before = (await providers.list()).length;
    await expect(
      providers.insert(provider('Broken'), () => {
        throw new Error('no site key');
      }),
    ).rejects.toThrow('no site key');
    expect((await providers.list()).length).toBe(before);
  });

  it('lists the enabled providers by name; updates and deletes answer what happened', async () => {
    const providers = identityProviderRepository(database.db);
    const b = await providers.insert(provider('Beta'), () => 's');
    const a = await providers.insert(provider('Alpha'), () => 's');
    const off = await providers.insert(provider('Aardvark', 0), () => 's');
    const enabled = await providers.listEnabled();
    const names = enabled.map((p) => p.name);
    expect(names.indexOf('Alpha')).toBeLessThan(names.indexOf('Beta'));
    expect(names).not.toContain('Aardvark');
    expect(enabled.find((p) => p.id === a.id)).toEqual({ id: a.id, name: 'Alpha' });
    expect((await providers.update(b.id, { name: 'Beta 2' }))?.name).toBe('Beta 2');
    expect(await providers.update(999_999, { name: 'x' })).toBeNull();
    expect(await providers.delete(off.id)).toBe(true);
    expect(await providers.delete(off.id)).toBe(false);
  });

  it('spends a sign-in once, also when two callbacks race; an expired one never', async () => {
    const p = await identityProviderRepository(database.db).insert(provider('Spend'), () => 's');
    const signIns = ssoSignInRepository(database.db);
    await signIns.insert(signIn(p.id, 'state-1'));
    const [x, y] = await Promise.all([signIns.spend('state-1', now()), signIns.spend('state-1', now())]);
    expect([x, y].filter((r) => r !== null)).toHaveLength(1);
    expect(await signIns.spend('state-1', now())).toBeNull();

    await signIns.insert(signIn(p.id, 'state-old', -1000));
    expect(await signIns.spend('state-old', now())).toBeNull();
    await signIns.pruneExpiredBefore(now());
    const left = await database.db.selectFrom('sso_sign_ins').select('state_hash').execute();
    expect(left.map((r) => r.state_hash)).not.toContain('state-old');
  });

  it('links a provider account to one user and names the provider the user last signed in with', async () => {
    const providers = identityProviderRepository(database.db);
    const p1 = await providers.insert(provider('First'), () => 's');
    const p2 = await providers.insert(provider('Second'), () => 's');
    const signIns = ssoSignInRepository(database.db);
    const uid = await user(`linked_${TEST_ENGINE}`);
    expect(await signIns.linkedUser(p1.id, 'sub-1')).toBeNull();
    expect(await signIns.providerOf(uid)).toBeNull();
    await signIns.recordSignIn(p1.id, 'sub-1', uid, '2026-01-01T00:00:00.000Z');
    await signIns.recordSignIn(p1.id, 'sub-1', uid, '2026-01-02T00:00:00.000Z');
    expect(await signIns.linkedUser(p1.id, 'sub-1')).toBe(uid);
    const links = await database.db.selectFrom('user_identities').selectAll().where('user_id', '=', uid).execute();
    expect(links).toEqual([
      expect.objectContaining({
        subject: 'sub-1',
        created_at: '2026-01-01T00:00:00.000Z',
        last_sign_in_at: '2026-01-02T00:00:00.000Z',
      }),
    ]);
    await signIns.recordSignIn(p2.id, 'other-sub', uid, '2026-01-03T00:00:00.000Z');
    expect(await signIns.providerOf(uid)).toEqual({ id: p2.id, name: 'Second' });

    // Deleting a provider takes its links and waiting sign-ins with it.
    await signIns.insert(signIn(p2.id, 'state-p2'));
    await providers.delete(p2.id);
    expect(await signIns.linkedUser(p2.id, 'other-sub')).toBeNull();
    expect(await signIns.spend('state-p2', now())).toBeNull();
    expect(await signIns.providerOf(uid)).toEqual({ id: p1.id, name: 'First' });
  });
});
