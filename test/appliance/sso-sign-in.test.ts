/**
 * Single sign-on with OpenID Connect against a real provider on loopback (node-oidc-provider):
 * the web sign-in (a session cookie, the account linked by the username claim), just-in-time
 * provisioning, the admin group claim, every refused ID token with its own code (and counted
 * toward the lockout of the user it names), the sign-in state kept once per browser, the
 * `sso_required_for_non_admins` policy, and the desktop sign-in completed through a provider.
 */
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startTestAppliance, type TestAppliance } from '../support/appliance.js';
import {
  adminToken,
  call,
  createUser,
  expectError,
  loginConsole,
  setSecurity,
  tokenFor,
  webHeaders,
} from '../support/api-client.js';
import { authorize, authorizePath, consoleSecrets, exchange } from '../support/desktop-sign-in.js';
import { startTestIdp, type IdTokenClaims, type TestIdp } from '../support/oidc-provider.js';
import { CookieJar, ssoSignIn, visit, webSessionOf } from '../support/sso-browser.js';
import { registerProvider } from '../support/sso.js';
import { addPasskey, signInWithPasskey, startPasskeyAppliance } from '../support/passkeys.js';
import { SoftwareAuthenticator } from '../support/software-authenticator.js';
import { TestSmtp } from '../support/smtp-sink.js';

let app: TestAppliance;
let idp: TestIdp;
let admin: string;
let provider: { id: number };
beforeAll(async () => {
  [app, idp] = await Promise.all([startTestAppliance(), startTestIdp()]);
  admin = await adminToken(app);
  provider = await registerProvider(app, admin, idp);
});
afterAll(async () => {
  await app?.close();
  await idp?.stop();
});
afterEach(() => {
  idp.tamperIdToken = null;
});

let seq = 0;
const idpUser = (fields: Partial<{ username: string; groups: string[]; name: string; email: string }> = {}) =>
  idp.addUser({
    sub: `sub-${++seq}-${Date.now()}`,
    username: fields.username ?? `sso${seq}_${Date.now().toString(36)}`,
    password: 'idp-password',
    ...fields,
  });

const accountOfOn = async (site: TestAppliance, run: Awaited<ReturnType<typeof ssoSignIn>>) =>
  (await call(site, 'GET', '/api/account', { headers: webHeaders(webSessionOf(run, site), false) })).body;
const accountOf = async (run: Awaited<ReturnType<typeof ssoSignIn>>) =>
  (await call(app, 'GET', '/api/account', { headers: webHeaders(webSessionOf(run, app), false) })).body;

/** The callback's JSON answer is this error (and no session cookie was set). */
function expectRefused(run: Awaited<ReturnType<typeof ssoSignIn>>, status: number, code: string) {
  expect(
    { status: run.answer.status, code: JSON.parse(run.answer.body || '{}')?.error?.code },
    run.answer.body,
  ).toEqual({ status, code });
  expect(run.answer.setCookies.some((c) => c.startsWith('session='))).toBe(false);
}

async function linkedTechnician() {
  const u = await createUser(app, admin);
  return { ...u, person: idpUser({ username: u.username }) };
}

describe('web sign-in', () => {
  it('signs an existing user in by the username claim: a web session cookie, then /console/', async () => {
    const u = await linkedTechnician();
    const run = await ssoSignIn(app, idp, provider.id, u.person);
    expect(run.answer.status).toBe(303);
    expect(run.answer.location).toBe(`${app.url}/console/`);
    const account = await accountOf(run);
    expect(account.id).toBe(u.id);
    expect(account.identity_provider).toEqual({ id: provider.id, name: 'Example IdP' });
    // The user keeps the password they have.
    expect(account.local_password).toBe(true);
    const sessions = await call(app, 'GET', '/api/account/sessions', {
      headers: webHeaders(webSessionOf(run, app), false),
    });
    expect(sessions.body.sessions.find((s: { current: boolean }) => s.current).client).toBe('web');
    // The security activity names the way in.
    const activity = await call(app, 'GET', '/api/account/activity', {
      headers: webHeaders(webSessionOf(run, app), false),
    });
    expect(activity.body.items.find((i: { kind: string }) => i.kind === 'sign_in')).toMatchObject({
      data: { method: 'sso', second_factor: null, client: 'web' },
    });
  });

  it('sends the provider an authorization code request with PKCE S256, a nonce and a state', async () => {
    const u = await linkedTechnician();
    const run = await ssoSignIn(app, idp, provider.id, u.person);
    const q = run.authorizationUrl.searchParams;
    expect(q.get('response_type')).toBe('code');
    expect(q.get('client_id')).toBe(idp.clientId);
    expect(q.get('redirect_uri')).toBe(`${app.url}/api/auth/sso/${provider.id}/callback`);
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('nonce')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('scope')!.split(' ')).toContain('openid');
    // The verifier and the client secret never travel through the browser.
    expect(run.authorizationUrl.href).not.toContain(idp.clientSecret);
    expect(run.authorizationUrl.href).not.toContain('code_verifier');
  });

  it('once linked, the provider account stays that user even if its username claim changes', async () => {
    const u = await linkedTechnician();
    await ssoSignIn(app, idp, provider.id, u.person);
    const other = await createUser(app, admin);
    u.person.username = other.username;
    idp.users.set(other.username, u.person);
    const run = await ssoSignIn(app, idp, provider.id, u.person);
    expect((await accountOf(run)).id).toBe(u.id);
  });

  it('refuses an unknown username when just-in-time provisioning is off: sso_user_unknown', async () => {
    const run = await ssoSignIn(app, idp, provider.id, idpUser());
    expectRefused(run, 403, 'sso_user_unknown');
  });

  it('a browser is sent to the login page with the code, not shown JSON', async () => {
    const run = await ssoSignIn(app, idp, provider.id, idpUser(), { accept: 'text/html' });
    expect(run.answer.status).toBe(303);
    expect(run.answer.location).toBe(`${app.url}/console/#/login?error=sso_user_unknown`);
  });

  it('refuses a disabled or locked user: account_disabled, account_locked', async () => {
    const disabled = await linkedTechnician();
    await call(app, 'PATCH', `/api/admin/users/${disabled.id}`, { token: admin, body: { enabled: false } });
    expectRefused(await ssoSignIn(app, idp, provider.id, disabled.person), 403, 'account_disabled');

    const locked = await linkedTechnician();
    for (let i = 0; i < 5; i++) await loginConsole(app, locked.username, 'wrong-password');
    expectRefused(await ssoSignIn(app, idp, provider.id, locked.person), 423, 'account_locked');
  });
});

describe('just-in-time provisioning and the admin group', () => {
  let jit: { id: number };
  beforeAll(async () => {
    jit = await registerProvider(app, admin, idp, {
      name: 'Staff IdP',
      scopes: 'openid profile email groups',
      jit_provisioning: true,
      admin_group_claim: 'groups',
      admin_group_value: 'support-admins',
    });
  });

  it('creates the user at the first sign-in from the claims, without a local password', async () => {
    const person = idpUser({ name: 'Jana Jit', email: 'jana@example.com' });
    const run = await ssoSignIn(app, idp, jit.id, person);
    expect(run.answer.status).toBe(303);
    const account = await accountOf(run);
    expect(account).toMatchObject({
      username: person.username,
      private_display_name: 'Jana Jit',
      public_display_name: 'Jana Jit',
      email_address: 'jana@example.com',
      is_admin: false,
      local_password: false,
      identity_provider: { id: jit.id, name: 'Staff IdP' },
    });
    // No password signs this user in here, not even an empty one.
    for (const password of ['', 'idp-password']) {
      const res = await loginConsole(app, person.username, password);
      expect(res.status, password).not.toBe(200);
    }
    // A second sign-in finds the same user.
    expect((await accountOf(await ssoSignIn(app, idp, jit.id, person))).id).toBe(account.id);
  });

  it('the admin group claim sets is_admin at each sign-in, both ways', async () => {
    const person = idpUser({ groups: ['staff', 'support-admins'] });
    const first = await accountOf(await ssoSignIn(app, idp, jit.id, person));
    expect(first.is_admin).toBe(true);
    person.groups = ['staff'];
    const second = await accountOf(await ssoSignIn(app, idp, jit.id, person));
    expect(second.is_admin).toBe(false);
    person.groups = ['support-admins'];
    expect((await accountOf(await ssoSignIn(app, idp, jit.id, person))).is_admin).toBe(true);
  });

  it('the admin group claim also applies to an existing user it links', async () => {
    const u = await createUser(app, admin);
    const person = idpUser({ username: u.username, groups: ['support-admins'] });
    expect((await accountOf(await ssoSignIn(app, idp, jit.id, person))).is_admin).toBe(true);
    person.groups = [];
    expect((await accountOf(await ssoSignIn(app, idp, jit.id, person))).is_admin).toBe(false);
  });

  it('never takes admin away from the last administrator with a local password', async () => {
    // Other administrators here came from the provider and have no password: they do not count.
    const person = idpUser({ username: ADMIN.username, groups: [] });
    const account = await accountOf(await ssoSignIn(app, idp, jit.id, person));
    expect(account.username).toBe(ADMIN.username);
    expect(account.is_admin).toBe(true);
  });
});

describe('refused ID tokens', () => {
  const tampered: [string, number, string, (c: IdTokenClaims) => ReturnType<NonNullable<TestIdp['tamperIdToken']>>][] =
    [
      ['a wrong issuer', 401, 'sso_issuer_mismatch', (c) => ({ claims: { ...c, iss: 'http://127.0.0.1:1' } })],
      ['a wrong audience', 401, 'sso_audience_mismatch', (c) => ({ claims: { ...c, aud: 'another-client' } })],
      [
        'an expired ID token',
        401,
        'sso_token_expired',
        (c) => ({ claims: { ...c, iat: Number(c.iat) - 7200, exp: Number(c.iat) - 3600 } }),
      ],
      ['a bad nonce', 401, 'sso_nonce_mismatch', (c) => ({ claims: { ...c, nonce: 'another-sign-in-nonce' } })],
      ['an unknown key', 401, 'sso_signature_invalid', (c) => ({ claims: c, key: 'unknown' })],
    ];
  for (const [what, status, code, tamper] of tampered) {
    it(`refuses ${what}: ${code}, with no session`, async () => {
      const u = await linkedTechnician();
      idp.tamperIdToken = tamper;
      const run = await ssoSignIn(app, idp, provider.id, u.person);
      expect(idp.issuedIdTokens.length).toBeGreaterThan(0);
      expectRefused(run, status, code);
    });
  }

  it('a refused token counts toward the lockout of the user it names', async () => {
    await setSecurity(app, admin, { lockout_after_failures: 3 });
    try {
      const u = await linkedTechnician();
      idp.tamperIdToken = (c) => ({ claims: { ...c, nonce: 'replayed' } });
      expectRefused(await ssoSignIn(app, idp, provider.id, u.person), 401, 'sso_nonce_mismatch');
      expectRefused(await ssoSignIn(app, idp, provider.id, u.person), 401, 'sso_nonce_mismatch');
      const users = await call(app, 'GET', '/api/admin/users', { token: admin });
      expect(users.body.users.find((x: { id: number }) => x.id === u.id).failed_login_count).toBe(2);
      expectRefused(await ssoSignIn(app, idp, provider.id, u.person), 423, 'account_locked');
      idp.tamperIdToken = null;
      // Locked for every way in: the provider's next good token and the password alike.
      expectRefused(await ssoSignIn(app, idp, provider.id, u.person), 423, 'account_locked');
      expectError(await loginConsole(app, u.username, u.password), 423, 'account_locked');
    } finally {
      await setSecurity(app, admin, { lockout_after_failures: 5 });
    }
  });

  it('a good sign-in clears the failures counted before', async () => {
    const u = await linkedTechnician();
    await loginConsole(app, u.username, 'wrong-password');
    idp.tamperIdToken = (c) => ({ claims: { ...c, aud: 'x' } });
    await ssoSignIn(app, idp, provider.id, u.person);
    idp.tamperIdToken = null;
    expect((await ssoSignIn(app, idp, provider.id, u.person)).answer.status).toBe(303);
    const users = await call(app, 'GET', '/api/admin/users', { token: admin });
    expect(users.body.users.find((x: { id: number }) => x.id === u.id).failed_login_count).toBe(0);
  });

  it('refuses the provider saying no (error=access_denied): sso_provider_error', async () => {
    const u = await linkedTechnician();
    const run = await ssoSignIn(app, idp, provider.id, u.person, {
      tamper: (cb) => {
        const url = new URL(cb.pathname, cb);
        url.searchParams.set('error', 'access_denied');
        url.searchParams.set('state', cb.searchParams.get('state')!);
        return url;
      },
    });
    expectRefused(run, 401, 'sso_provider_error');
  });
});

describe('the sign-in state', () => {
  it('a callback is answered once: a replay is sso_state_invalid', async () => {
    const u = await linkedTechnician();
    const run = await ssoSignIn(app, idp, provider.id, u.person);
    expect(run.answer.status).toBe(303);
    const replay = await visit(run.jar, run.callbackUrl.href, { accept: 'application/json' });
    expect(JSON.parse(replay.body).error.code).toBe('sso_state_invalid');
    expect(replay.status).toBe(400);
  });

  it('a callback in another browser than the one that started is sso_state_invalid (login CSRF)', async () => {
    const u = await linkedTechnician();
    let handedOn: URL | null = null;
    // The attacker signs in, stops before the callback, and hands the URL to someone else's browser.
    await ssoSignIn(app, idp, provider.id, u.person, {
      tamper: (cb) => {
        handedOn = cb;
        return new URL(`/api/auth/sso/${provider.id}/callback`, cb);
      },
    });
    const victim = await visit(new CookieJar(), handedOn!.href, { accept: 'application/json' });
    expect(victim.status).toBe(400);
    expect(JSON.parse(victim.body).error.code).toBe('sso_state_invalid');
    expect(victim.setCookies.some((c) => c.startsWith('session='))).toBe(false);
  });

  it('a forged or missing state is sso_state_invalid', async () => {
    for (const q of ['?code=abc&state=forged-state-value', '?code=abc', '']) {
      const res = await call(app, 'GET', `/api/auth/sso/${provider.id}/callback${q}`);
      expectError(res, 400, 'sso_state_invalid');
    }
  });
});

describe('a disabled provider', () => {
  it('refuses to start (identity_provider_disabled) and is not listed on /api/site', async () => {
    const off = await registerProvider(app, admin, idp, { name: 'Old IdP', enabled: false });
    const site = await call(app, 'GET', '/api/site');
    const listed = site.body.identity_providers.map((p: { id: number }) => p.id);
    expect(listed).toContain(provider.id);
    expect(listed).not.toContain(off.id);
    expectError(await call(app, 'GET', `/api/auth/sso/${off.id}/start`), 403, 'identity_provider_disabled');
    const page = await visit(new CookieJar(), `${app.url}/api/auth/sso/${off.id}/start`);
    expect(page.status).toBe(303);
    expect(page.location).toBe(`${app.url}/console/#/login?error=identity_provider_disabled`);
  });

  it('refuses a callback that arrives after an admin turned it off meanwhile', async () => {
    const p = await registerProvider(app, admin, idp, { name: 'Soon off' });
    const u = await linkedTechnician();
    const run = await ssoSignIn(app, idp, p.id, u.person, {
      beforeCallback: async () => {
        await call(app, 'PATCH', `/api/admin/identity-providers/${p.id}`, { token: admin, body: { enabled: false } });
      },
    });
    expectRefused(run, 403, 'identity_provider_disabled');
  });

  it('an unknown provider is not_found', async () => {
    expectError(await call(app, 'GET', '/api/auth/sso/999999/start'), 404, 'not_found');
  });
});

describe('sso_required_for_non_admins', () => {
  afterEach(() => setSecurity(app, admin, { sso_required_for_non_admins: false }));

  it('refuses a technician’s right password (sso_required) but lets the provider and admins in', async () => {
    const u = await linkedTechnician();
    await setSecurity(app, admin, { sso_required_for_non_admins: true });
    expect((await call(app, 'GET', '/api/site')).body.sso_required_for_non_admins).toBe(true);
    expectError(await loginConsole(app, u.username, u.password), 403, 'sso_required');
    // A wrong password is still just wrong (and counted).
    expectError(await loginConsole(app, u.username, 'not-it'), 401, 'invalid_credentials');
    expect((await loginConsole(app, ADMIN.username, ADMIN.password)).status).toBe(200);
    const run = await ssoSignIn(app, idp, provider.id, u.person);
    expect(run.answer.status).toBe(303);
    // My Account has no password for this technician now.
    expect((await accountOf(run)).local_password).toBe(false);
  });
});

describe('sso_required_for_non_admins and passkeys', () => {
  it('a technician’s passkey is refused (sso_required), an administrator’s signs in', async () => {
    const site = await startPasskeyAppliance();
    try {
      const siteAdmin = await adminToken(site);
      const u = await createUser(site, siteAdmin);
      const techKey = new SoftwareAuthenticator();
      await addPasskey(site, { token: await tokenFor(site, u.username, u.password) }, techKey, 'Laptop');
      const adminKey = new SoftwareAuthenticator();
      await addPasskey(site, { token: siteAdmin }, adminKey, 'Admin key');
      // SSO can be required only while a provider is enabled (never contacted in this test).
      const enabledProvider = await call(site, 'POST', '/api/admin/identity-providers', {
        token: siteAdmin,
        body: {
          kind: 'oidc',
          name: 'Corp',
          issuer: 'https://idp.example.com',
          client_id: 'c',
          client_secret: 's',
          enabled: true,
        },
      });
      expect(enabledProvider.status).toBe(201);
      await setSecurity(site, siteAdmin, { sso_required_for_non_admins: true });
      expectError(await signInWithPasskey(site, techKey), 403, 'sso_required');
      expect((await signInWithPasskey(site, adminKey)).status).toBe(200);
      await setSecurity(site, siteAdmin, { sso_required_for_non_admins: false });
      expect((await signInWithPasskey(site, techKey)).status).toBe(200);
    } finally {
      await site.close();
    }
  });
});

describe('password reset for a user without a local password', () => {
  it('mails no link (a reset would give them a password the provider cannot turn off)', async () => {
    const smtp = await new TestSmtp().start();
    const site = await startTestAppliance({ smtpUrl: smtp.url });
    try {
      const siteAdmin = await adminToken(site);
      const p = await registerProvider(site, siteAdmin, idp, { name: 'Reset IdP', jit_provisioning: true });
      // First the provider's user, then a local one with the same address: the reset handles them in that order.
      const person = idpUser({ email: 'shared@example.test' });
      const sso = await accountOfOn(site, await ssoSignIn(site, idp, p.id, person));
      expect(sso.local_password).toBe(false);
      const local = await createUser(site, siteAdmin, { email_address: 'shared@example.test' });
      const res = await call(site, 'POST', '/api/auth/password-reset', {
        body: { username_or_email: 'shared@example.test' },
      });
      expect(res.status).toBe(202);
      await smtp.waitFor((m) => m.subject.startsWith('Reset your password'));
      const { rows } = await sql<{ user_id: number }>`SELECT user_id FROM password_reset_tokens`.execute(site.ctx.db);
      expect(rows.map((t) => t.user_id)).toEqual([local.id]);
      expect(smtp.mails.filter((m) => m.subject.startsWith('Reset your password'))).toHaveLength(1);
    } finally {
      await site.close();
      await smtp.stop();
    }
  });
});

describe('the desktop sign-in through a provider', () => {
  it('authorize with identity_provider goes to the provider; its callback completes the exchange', async () => {
    const u = await linkedTechnician();
    const s = consoleSecrets();
    const auth = await authorize(app, authorizePath(s, { identity_provider: String(provider.id) }));
    expect(auth.status).toBe(302);
    const m = /^\/api\/auth\/sso\/(\d+)\/start\?desktop_request=([A-Za-z0-9_-]{22})$/.exec(auth.location!);
    expect(m?.[1]).toBe(String(provider.id));
    const run = await ssoSignIn(app, idp, provider.id, u.person, { query: `desktop_request=${m![2]}` });
    expect(run.answer.status).toBe(302);
    const back = new URL(run.answer.location!);
    expect(`${back.origin}${back.pathname}`).toBe(s.redirectUri);
    expect(back.searchParams.get('state')).toBe(s.state);
    // No web session for the browser: the console gets the session.
    expect(run.answer.setCookies.some((c) => c.startsWith('session='))).toBe(false);
    const res = await exchange(app, {
      code: back.searchParams.get('code')!,
      code_verifier: s.verifier,
      redirect_uri: s.redirectUri,
    });
    expect(res.status).toBe(200);
    expect(res.body.account.id).toBe(u.id);
    expect(res.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('a start for an unknown or malformed desktop request goes nowhere near the provider', async () => {
    const unknown = await call(app, 'GET', `/api/auth/sso/${provider.id}/start?desktop_request=${'A'.repeat(22)}`);
    expectError(unknown, 404, 'desktop_request_invalid');
    const malformed = await call(app, 'GET', `/api/auth/sso/${provider.id}/start?desktop_request=x`);
    expectError(malformed, 400, 'validation_failed');
  });

  it('a refused provider sign-in goes back to the desktop sign-in page with the code', async () => {
    const s = consoleSecrets();
    const auth = await authorize(app, authorizePath(s, { identity_provider: String(provider.id) }));
    const id = /desktop_request=(.+)$/.exec(auth.location!)![1]!;
    const run = await ssoSignIn(app, idp, provider.id, idpUser(), {
      query: `desktop_request=${id}`,
      accept: 'text/html',
    });
    expect(run.answer.status).toBe(303);
    expect(run.answer.location).toBe(`${app.url}/console/#/desktop-sign-in?request=${id}&error=sso_user_unknown`);
  });
});
