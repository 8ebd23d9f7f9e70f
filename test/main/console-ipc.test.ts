/* eslint-disable @typescript-eslint/no-explicit-any -- raw IPC calls pass deliberately wrong values */
/**
 * The IPC-wrapped HTTP layer against the REAL appliance: renderer host → preload bridge → fake
 * Electron IPC (structured clone, message-only errors) → main handlers → HTTP with the bearer token.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_API_METHODS } from '../../src-shared/console-api.js';
import { ADMIN, type TestAppliance } from '../support/appliance.js';
import { addPasskey, startPasskeyAppliance } from '../support/passkeys.js';
import { SoftwareAuthenticator } from '../support/software-authenticator.js';
import { expectApiError } from '../support/expect-api-error.js';
import { adminToken, call, createUser, loginConsole, loginWeb, tokenFor } from '../support/api-client.js';
import { TestSmtp } from '../support/smtp-sink.js';
import { alignClock, codeFor, enrolTwoFactor } from '../support/two-factor.js';
import { startDesktop } from './support/desktop-harness.js';
import { httpBrowser } from './support/http-browser.js';

let app: TestAppliance;
let smtp: TestSmtp;
let requests = 0;
let admin: string;

beforeAll(async () => {
  smtp = await new TestSmtp().start();
  // At localhost, not 127.0.0.1: passkeys need a host name as relying party.
  app = await startPasskeyAppliance({ smtpUrl: smtp.url });
  app.app.server.on('request', () => requests++); // counted at the appliance itself
  admin = await adminToken(app);
});
afterAll(async () => {
  await app?.close();
  await smtp?.stop();
});

describe('every ConsoleApi method round-trips through IPC to the real appliance', () => {
  let d: Awaited<ReturnType<typeof startDesktop>>;
  let user: { id: number; username: string; password: string };
  beforeAll(async () => {
    user = await createUser(app, admin, { email_address: 'tech@example.com' });
    const browser = httpBrowser(app, () => loginWeb(app, user.username, user.password));
    d = await startDesktop(app.url, { openExternal: (url) => browser.openExternal(url) });
  });
  afterAll(() => d.cleanup());

  it('main registers exactly one handler per ConsoleApi method on console:<method>', () => {
    expect([...d.pair.handlers.keys()].sort()).toEqual(CONSOLE_API_METHODS.map((m) => `console:${m}`).sort());
    expect(
      Object.keys(d.bridge)
        .filter((k) => k !== 'onEvent' && k !== 'kind')
        .sort(),
    ).toEqual([...CONSOLE_API_METHODS].sort());
  });

  it('getSite', async () => {
    const direct = await call(app, 'GET', '/api/site');
    expect(await d.host.getSite()).toEqual(direct.body);
  });

  it('login: a refusal keeps its code; success keeps the token in main only', async () => {
    const bad = await expectApiError(
      d.host.login({ username: user.username, password: 'wrong-password' }),
      'invalid_credentials',
      401,
    );
    expect(bad.message.length).toBeGreaterThan(0);
    const result = await d.host.login({ username: user.username, password: user.password });
    expect(Object.keys(result).sort()).toEqual(['account', 'expires_at']);
    expect(result.account.username).toBe(user.username);
    const token = await d.secrets.get('session_token');
    expect(token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(d.session.token()).toBe(token);
    // The stored token is the live console session...
    expect((await call(app, 'GET', '/api/account', { token: token! })).status).toBe(200);
    // ...and nothing that crossed to the renderer contains it.
    expect(d.seenByRenderer.some((s) => s.includes(token!))).toBe(false);
    // The login carried the console's install id.
    const sessions = await call(app, 'GET', '/api/account/sessions', { token: token! });
    expect(sessions.body.sessions.find((s: any) => s.current).client).toBe('console');
  });

  it('signInWithBrowser and cancelBrowserSignIn (a browser over HTTP plays the system browser)', async () => {
    await d.host.cancelBrowserSignIn();
    const before = d.session.token();
    const result = await d.host.signInWithBrowser({});
    expect(Object.keys(result).sort()).toEqual(['account', 'expires_at']);
    const token = d.session.token()!;
    expect(token).not.toBe(before);
    expect(d.seenByRenderer.some((s) => s.includes(token))).toBe(false);
  });

  it('getAccount, updateAccount, changeEmail', async () => {
    expect((await d.host.getAccount()).username).toBe(user.username);
    const updated = await d.host.updateAccount({ private_display_name: 'Ada Lovelace' });
    expect(updated.private_display_name).toBe('Ada Lovelace');
    const emailed = await d.host.changeEmail({ email_address: 'ada@example.com', current_password: user.password });
    expect(emailed.email_address).toBe('ada@example.com');
    await expectApiError(
      d.host.changeEmail({ email_address: 'x@example.com', current_password: 'not-it' }),
      'invalid_credentials',
      401,
    );
  });

  it('listSessions and endSession', async () => {
    const other = await loginConsole(app, user.username, user.password);
    expect(other.status).toBe(200);
    const sessions = await d.host.listSessions();
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    const foreign = sessions.find((s) => !s.current)!;
    await d.host.endSession(foreign.id);
    expect((await d.host.listSessions()).some((s) => s.id === foreign.id)).toBe(false);
    expect((await call(app, 'GET', '/api/account', { token: other.body.token })).status).toBe(401);
  });

  it('two-factor: setup, activate, regenerate recovery codes, disable', async () => {
    const setup = await d.host.setupTwoFactor({});
    expect(setup.otpauth_uri).toMatch(/^otpauth:\/\/totp\//);
    alignClock(app);
    await expectApiError(
      d.host.activateTwoFactor({
        current_password: user.password,
        code: '000000' === codeFor(app, setup.secret) ? '111111' : '000000',
      }),
      'otp_invalid',
    );
    const codes = await d.host.activateTwoFactor({ current_password: user.password, code: codeFor(app, setup.secret) });
    expect(codes.recovery_codes.length).toBeGreaterThan(0);
    alignClock(app);
    const again = await d.host.regenerateRecoveryCodes({
      current_password: user.password,
      code: codeFor(app, setup.secret),
    });
    expect(again.recovery_codes).not.toEqual(codes.recovery_codes);
    alignClock(app);
    await d.host.disableTwoFactor({ current_password: user.password, code: codeFor(app, setup.secret) });
    expect((await d.host.getAccount()).two_factor.enabled).toBe(false);
  });

  it('uploadPhoto (bytes survive the structured clone) and deletePhoto', async () => {
    const png = await sharp({ create: { width: 96, height: 96, channels: 3, background: { r: 10, g: 120, b: 200 } } })
      .png()
      .toBuffer();
    const uploaded = await d.host.uploadPhoto({ bytes: new Uint8Array(png), content_type: 'image/png' });
    // The renderer's origin is app://console: main hands it the photo URL absolute, on the site.
    const photoUrl = uploaded.photo_url!;
    expect((await d.host.getAccount()).photo_url).toBe(photoUrl);
    expect(photoUrl.startsWith(`${app.url}/api/users/`)).toBe(true);
    const photo = await fetch(photoUrl);
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toMatch(/^image\//);
    const tiny = await sharp({ create: { width: 20, height: 20, channels: 3, background: { r: 0, g: 0, b: 0 } } })
      .png()
      .toBuffer();
    await expectApiError(
      d.host.uploadPhoto({ bytes: new Uint8Array(tiny), content_type: 'image/png' }),
      'photo_too_small',
    );
    expect((await d.host.deletePhoto()).photo_url).toBeNull();
    expect((await d.host.getAccount()).photo_url).toBeNull();
  });

  it('listDownloads', async () => {
    const items = await d.host.listDownloads();
    expect(Array.isArray(items)).toBe(true);
    expect(items.length).toBeGreaterThan(0);
  });

  it('saveDownload: the generated registry file lands in the Downloads folder', async () => {
    const { saved_to } = await d.host.saveDownload('elevation-service.reg');
    expect(saved_to).toBe(path.join(d.downloadsDir, 'elevation-service.reg'));
    expect(fs.readFileSync(saved_to!).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xfe]));
  });

  it('sendInvitation', async () => {
    // Nobody to deliver to yet: the refusal keeps its code.
    await expectApiError(
      d.host.sendInvitation({ to_username: ADMIN.username, message: 'Please join' }),
      'representative_unavailable',
    );
    // The admin's console connects its event socket; the invitation is delivered there.
    const socket = new WebSocket(`${app.url.replace('http', 'ws')}/api/events`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    const received = new Promise<any>((resolve) => socket.on('message', (m) => resolve(JSON.parse(m.toString()))));
    await new Promise((r, j) => socket.once('open', r).once('error', j));
    const result = await d.host.sendInvitation({ to_username: ADMIN.username, message: 'Please join' });
    expect(result).toMatchObject({ delivered_by: 'console' });
    expect(await received).toMatchObject({
      type: 'invitation',
      data: { id: result.id, from_username: user.username, message: 'Please join' },
    });
    socket.close();
  });

  it('listPasskeys, renamePasskey, deletePasskey (a passkey added in the browser; the password when the sign-in is old)', async () => {
    // Registered over HTTP with this console's own session (the ceremony cannot run on app://).
    const token = d.session.token()!;
    const added = await addPasskey(app, { token }, new SoftwareAuthenticator(), 'Browser key');
    const listed = await d.host.listPasskeys();
    expect(listed).toMatchObject({ limit: 10, registration_allowed: true });
    expect(listed.passkeys.map((p) => p.name)).toEqual(['Browser key']);
    expect(await d.host.renamePasskey({ id: added.id, name: 'Work key' })).toMatchObject({
      id: added.id,
      name: 'Work key',
    });
    app.clock.advance(6 * 60_000);
    await expectApiError(d.host.deletePasskey({ id: added.id }), 'recent_sign_in_required', 403);
    await d.host.deletePasskey({ id: added.id, current_password: user.password });
    expect((await d.host.listPasskeys()).passkeys).toEqual([]);
  });

  it("listActivity: the security timeline of this console's user, paged, through IPC", async () => {
    const first = await d.host.listActivity({});
    expect(first.items.find((i) => i.kind === 'sign_in' && i.data.client === 'console')).toBeDefined();
    expect(first.items.some((i) => i.kind === 'passkey_changed')).toBe(true);
    expect(first.items.every((i) => typeof i.id === 'string' && typeof i.at === 'string')).toBe(true);
    if (first.next_cursor) {
      const next = await d.host.listActivity({ cursor: first.next_cursor });
      expect(next.items.map((i) => i.id)).not.toContain(first.items[0]!.id);
    }
    await expectApiError(d.host.listActivity({ cursor: '0' }), 'ipc_invalid_arguments', 400);
  });

  it('Management through IPC (as an admin): users listed, created, edited, 2FA reset, sessions ended; the audit log and its CSV in Downloads', async () => {
    await call(app, 'PATCH', `/api/admin/users/${user.id}`, { token: admin, body: { is_admin: true } });
    try {
      expect((await d.host.listAdminUsers({ q: user.username })).users.map((u) => u.username)).toEqual([user.username]);
      const password = 'Quiet-Harbour-Lantern-93';
      const created = await d.host.createAdminUser({ username: 'ipc_created', password });
      expect(
        (await d.host.updateAdminUser({ id: created.id, patch: { private_display_name: 'Ipc' } })).private_display_name,
      ).toBe('Ipc');
      await expectApiError(d.host.resetUserTwoFactor(created.id), 'two_factor_not_enabled', 409);
      const token = await tokenFor(app, created.username, password);
      await enrolTwoFactor(app, token, password);
      expect((await d.host.resetUserTwoFactor(created.id)).two_factor_enabled).toBe(false);
      expect(await d.host.endUserSessions(created.id)).toEqual({ ended: 1 });
      const audit = await d.host.listAuditLog({ kind: 'user.' });
      expect(audit.entries[0]).toMatchObject({ kind: 'user.sessions_ended', actor_username: user.username });
      const { saved_to } = await d.host.exportAuditLog({ actor: user.username });
      expect(path.dirname(saved_to!)).toBe(d.downloadsDir);
      expect(fs.readFileSync(saved_to!, 'utf8')).toContain('"user.two_factor_reset"');
      await expectApiError(d.host.listAdminUsers({ sort: 'password_hash' as never }), 'ipc_invalid_arguments', 400);
    } finally {
      await call(app, 'PATCH', `/api/admin/users/${user.id}`, { token: admin, body: { is_admin: false } });
    }
  });

  it("Management through IPC (as an admin): a user's sessions (one ended), update tokens (one revoked) and activity", async () => {
    await call(app, 'PATCH', `/api/admin/users/${user.id}`, { token: admin, body: { is_admin: true } });
    try {
      const password = 'Amber-Willow-Quiet-71';
      const created = await d.host.createAdminUser({ username: 'ipc_access', password });
      const token = await tokenFor(app, created.username, password, { install_id: 'ipc-install-1' });
      await tokenFor(app, created.username, password);
      await call(app, 'POST', '/api/console/update-token', { token, body: { install_id: 'ipc-install-1' } });
      const sessions = await d.host.listUserSessions(created.id);
      expect(sessions).toHaveLength(2);
      await d.host.endUserSession({ id: created.id, session_id: sessions[0]!.id });
      expect((await d.host.listUserSessions(created.id)).map((s) => s.id)).toEqual([sessions[1]!.id]);
      const [live] = await d.host.listUserUpdateTokens(created.id);
      expect(live).toMatchObject({ install_id: 'ipc-install-1', revoked_at: null });
      await d.host.revokeUpdateToken(live!.id);
      expect((await d.host.listUserUpdateTokens(created.id))[0]!.revoked_at).not.toBeNull();
      const activity = await d.host.listUserActivity({ id: created.id });
      expect(activity.items.map((i) => i.kind)).toContain('update_token_revoked');
      await expectApiError(
        d.host.endUserSession({ id: created.id, session_id: 'no such/session' }),
        'ipc_invalid_arguments',
        400,
      );
      await expectApiError(d.host.revokeUpdateToken('no-such-token'), 'not_found', 404);
    } finally {
      await call(app, 'PATCH', `/api/admin/users/${user.id}`, { token: admin, body: { is_admin: false } });
    }
  });

  it('Management through IPC (as an admin): the security policy read and saved, a lock-out refused with its reason, the overview, the identity providers, the elevation rules', async () => {
    await call(app, 'PATCH', `/api/admin/users/${user.id}`, { token: admin, body: { is_admin: true } });
    try {
      expect((await d.host.getSecuritySettings()).min_password_length).toBe(8);
      expect((await d.host.updateSecuritySettings({ password_history: 3 })).password_history).toBe(3);
      const refused = await expectApiError(
        d.host.updateSecuritySettings({ two_factor_required: true }),
        'self_lockout',
        422,
      );
      expect(refused.details).toEqual({ reason: 'no_second_factor', field: 'two_factor_required' });
      await d.host.updateSecuritySettings({ password_history: 0 });
      const overview = await d.host.getSecurityOverview({ days: '7' });
      expect(overview.days).toHaveLength(7);
      expect(overview.days.at(-1)!.sign_ins).toBeGreaterThan(0);
      const created = await d.host.createIdentityProvider({
        kind: 'oidc',
        name: 'Ipc',
        issuer: 'https://idp.example.com',
        client_id: 'c',
        client_secret: 's',
        enabled: true,
      });
      expect([created.client_secret_set, 'client_secret' in created]).toEqual([true, false]);
      const renamed = await d.host.updateIdentityProvider({ id: created.id, patch: { name: 'Ipc 2' } });
      expect(renamed.name).toBe('Ipc 2');
      await expectApiError(
        d.host.updateIdentityProvider({ id: created.id, patch: { issuer: 'http://idp.example.com' } }),
        'insecure_issuer_url',
        422,
      );
      await expectApiError(
        d.host.updateIdentityProvider({ id: created.id, patch: {} } as never),
        'ipc_invalid_arguments',
        400,
      );
      const listed = (await d.host.listIdentityProviders()).identity_providers;
      expect(listed.map((p) => [p.name, p.enabled, 'client_secret' in p])).toEqual([['Ipc 2', true, false]]);
      expect((await d.host.setIdentityProviderEnabled({ id: created.id, enabled: false })).enabled).toBe(false);
      await call(app, 'DELETE', `/api/admin/identity-providers/${created.id}`, { token: admin });
      expect(await d.host.getCustomerClient()).toMatchObject({
        elevate_automatically: false,
        elevate_on_request: true,
      });
      expect((await d.host.updateCustomerClient({ elevate_on_request: false })).elevate_on_request).toBe(false);
      await d.host.updateCustomerClient({ elevate_on_request: true });
      await expectApiError(d.host.getSecurityOverview({ days: '365' }), 'ipc_invalid_arguments', 400);
      await expectApiError(d.host.updateCustomerClient({} as never), 'ipc_invalid_arguments', 400);
    } finally {
      await call(app, 'PATCH', `/api/admin/users/${user.id}`, { token: admin, body: { is_admin: false } });
    }
  });

  it('Management through IPC (as an admin): the console releases and the update tokens of every install', async () => {
    await call(app, 'PATCH', `/api/admin/users/${user.id}`, { token: admin, body: { is_admin: true } });
    try {
      expect(await d.host.listConsoleReleases()).toMatchObject({ items: [], upload_max_bytes: expect.any(Number) });
      const tokens = await d.host.listUpdateTokens();
      // The token issued and revoked in the test before, with its owner.
      expect(tokens.find((t) => t.install_id === 'ipc-install-1')).toMatchObject({ username: 'ipc_access' });
      expect(tokens.find((t) => t.install_id === 'ipc-install-1')!.revoked_at).not.toBeNull();
    } finally {
      await call(app, 'PATCH', `/api/admin/users/${user.id}`, { token: admin, body: { is_admin: false } });
    }
  });

  it('changePassword: policy errors keep code and details; success keeps this session', async () => {
    const weak = await expectApiError(
      d.host.changePassword({ username: user.username, current_password: user.password, new_password: 'password' }),
      'password_policy',
    );
    expect(weak.details).toBeTypeOf('object');
    await d.host.changePassword({
      username: user.username,
      current_password: user.password,
      new_password: 'Another-Long-Passphrase-77',
    });
    user.password = 'Another-Long-Passphrase-77';
    expect((await d.host.getAccount()).username).toBe(user.username);
  });

  it('logout forgets the token; the next call is unauthenticated', async () => {
    await d.host.logout();
    expect(await d.secrets.get('session_token')).toBeNull();
    await expectApiError(d.host.getAccount(), 'unauthenticated', 401);
  });

  it('a session ended elsewhere (401) drops the stored token', async () => {
    await d.host.login({ username: user.username, password: user.password });
    const token = (await d.secrets.get('session_token'))!;
    await call(app, 'POST', '/api/auth/logout', { token });
    await expectApiError(d.host.getAccount(), 'unauthenticated', 401);
    expect(await d.secrets.get('session_token')).toBeNull();
  });

  it('requestPasswordReset and confirmPasswordReset (the mailed link, through a real SMTP server)', async () => {
    await d.host.login({ username: user.username, password: user.password });
    // Resolves alike whether or not the account exists (no enumeration).
    await d.host.requestPasswordReset({ username_or_email: 'nobody-here' });
    await d.host.requestPasswordReset({ username_or_email: 'ada@example.com' });
    const mail = await smtp.waitFor(
      (m) => m.to.includes('ada@example.com') && m.subject.startsWith('Reset your password'),
    );
    const token = /#\/password-reset\?token=([A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
    await expectApiError(
      d.host.confirmPasswordReset({ token: 'x'.repeat(43), new_password: 'Reset-Passphrase-2026' }),
      'reset_token_invalid',
    );
    await d.host.confirmPasswordReset({ token, new_password: 'Reset-Passphrase-2026' });
    // A reset ends every session, this console's too: its stored token goes at the next call.
    await expectApiError(d.host.getAccount(), 'unauthenticated', 401);
    expect(await d.secrets.get('session_token')).toBeNull();
    expect((await d.host.login({ username: user.username, password: 'Reset-Passphrase-2026' })).account.username).toBe(
      user.username,
    );
  });

  it('(so every ConsoleApi method has succeeded through IPC at least once)', () => {
    expect([...d.succeeded].sort()).toEqual(CONSOLE_API_METHODS.map((m) => `console:${m}`).sort());
  });
});
