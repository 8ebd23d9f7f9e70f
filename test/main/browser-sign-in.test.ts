/**
 * The desktop console's sign-in through the system browser, with main's real units under Node
 * against the real appliance: the renderer's host → fake Electron IPC → main's handler → the
 * loopback listener and PKCE secrets → `shell.openExternal` (a browser over plain HTTP here) → the
 * appliance's authorize, approval and token exchange. What crosses to the renderer is recorded,
 * to show the session token never does.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { desktopSignInResultPage } from '../../src-shared/api/desktop-sign-in.js';
import { startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { adminToken, call, createUser, loginWeb } from '../support/api-client.js';
import { expectApiError } from '../support/expect-api-error.js';
import { startDesktop } from './support/desktop-harness.js';
import { httpBrowser, type HttpBrowserOptions } from './support/http-browser.js';
import { startTestConsole } from './support/updater-harness.js';

let app: TestAppliance;
let admin: string;
let tech: { id: number; username: string; password: string };
const cleanups: (() => void)[] = [];

beforeAll(async () => {
  app = await startTestAppliance();
  admin = await adminToken(app);
  tech = await createUser(app, admin);
});
afterAll(() => app?.close());
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

async function desktopWithBrowser(opts: HttpBrowserOptions & { appVersion?: string } = {}) {
  const browser = httpBrowser(app, () => loginWeb(app, tech.username, tech.password), opts);
  const d = await startDesktop(app.url, { openExternal: browser.openExternal, appVersion: opts.appVersion });
  cleanups.push(d.cleanup);
  return { d, browser };
}

describe('sign-in through the system browser', () => {
  it('signs the console in: the login answer reaches the renderer without the token, which main keeps', async () => {
    const { d, browser } = await desktopWithBrowser();
    const result = await d.host.signInWithBrowser({});
    expect(Object.keys(result).sort()).toEqual(['account', 'expires_at']);
    expect(result.account.username).toBe(tech.username);

    const token = (await d.secrets.get('session_token'))!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(d.session.token()).toBe(token);
    expect(d.seenByRenderer.length).toBeGreaterThan(0);
    expect(d.seenByRenderer.some((s) => s.includes(token))).toBe(false);
    // The token is the console's own session, with this install's id.
    const sessions = await call(app, 'GET', '/api/account/sessions', { token });
    expect(sessions.body.sessions.find((s: { current: boolean }) => s.current).client).toBe('console');
    expect((await d.host.getAccount()).username).toBe(tech.username);

    // The browser was sent to the bound site's authorize endpoint with an S256 challenge and a state...
    expect(browser.opened).toHaveLength(1);
    const opened = new URL(browser.opened[0]!);
    expect(opened.origin).toBe(app.url);
    expect(opened.pathname).toBe('/api/auth/desktop/authorize');
    expect(opened.searchParams.get('code_challenge_method')).toBe('S256');
    expect(opened.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(opened.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    // ...and its tab to the page that says "You can return to the console"; the window came to the front.
    const visit = await browser.done;
    expect(visit.status).toBe(303);
    expect(visit.location).toBe(`${app.url}${desktopSignInResultPage()}`);
    expect(d.focused).toHaveLength(1);
    // The verifier never travelled through the browser.
    expect(browser.opened[0]).not.toContain('code_verifier');
  });

  it('the first sign-in through the browser fetches the update token, as a first password login does', async () => {
    const browser = httpBrowser(app, () => loginWeb(app, tech.username, tech.password));
    const c = await startTestConsole({ siteUrl: app.url, openExternal: browser.openExternal });
    cleanups.push(() => c.updates.dispose());
    expect(await c.secrets.get('update_token')).toBeNull();
    await c.session.api().signInWithBrowser({});
    expect(await c.updates.lastTokenStep()).toBe('issued');
    expect(await c.secrets.get('update_token')).toMatch(/^ut_/);
  });

  it('refused in the browser: desktop_sign_in_denied, and no token', async () => {
    const { d, browser } = await desktopWithBrowser({ decision: 'deny' });
    await expectApiError(d.host.signInWithBrowser({}), 'desktop_sign_in_denied');
    expect(await d.secrets.get('session_token')).toBeNull();
    expect((await browser.done).location).toBe(`${app.url}${desktopSignInResultPage('desktop_sign_in_denied')}`);
    expect(d.focused).toHaveLength(1);
  });

  it('a code the appliance refuses at exchange fails the sign-in with its code, and the browser tab says why', async () => {
    const { d, browser } = await desktopWithBrowser({
      tamper: (cb) => {
        cb.searchParams.set('code', 'x'.repeat(43));
        return cb;
      },
    });
    await expectApiError(d.host.signInWithBrowser({}), 'desktop_code_invalid', 400);
    expect(await d.secrets.get('session_token')).toBeNull();
    expect((await browser.done).location).toBe(`${app.url}${desktopSignInResultPage('desktop_code_invalid')}`);
  });

  it('a callback with another state is refused at the listener; the real one still signs in', async () => {
    const { d, browser } = await desktopWithBrowser({
      before: (cb) => {
        const wrong = new URL(cb);
        wrong.searchParams.set('state', 'not-the-state-of-this-sign-in');
        return [wrong];
      },
    });
    const result = await d.host.signInWithBrowser({});
    expect(result.account.username).toBe(tech.username);
    expect(browser.visits.map((v) => v.status)).toEqual([400, 303]);
    expect(browser.visits[0]!.body).toContain('desktop_state_mismatch');
  });

  it('an outdated console is told to update (426), through the same listeners as a refused login', async () => {
    const { d } = await desktopWithBrowser({ appVersion: '0.9.0' });
    const seen: string[] = [];
    d.session.onApiError((method, err) => seen.push(`${method}:${err.code}`));
    await expectApiError(d.host.signInWithBrowser({}), 'console_update_required', 426);
    expect(seen).toEqual(['signInWithBrowser:console_update_required']);
    expect(await d.secrets.get('session_token')).toBeNull();
  });

  it('cancelBrowserSignIn ends the wait with desktop_sign_in_cancelled', async () => {
    // A browser that opens nothing: the person never signs in.
    const d = await startDesktop(app.url, { openExternal: async () => undefined });
    cleanups.push(d.cleanup);
    const waiting = d.host.signInWithBrowser({});
    await expect.poll(() => d.opened.length).toBe(1);
    await d.host.cancelBrowserSignIn();
    await expectApiError(waiting, 'desktop_sign_in_cancelled');
    expect(d.focused).toHaveLength(0);
  });

  it('asks the appliance to go straight to an identity provider when one was chosen', async () => {
    const d = await startDesktop(app.url, { openExternal: async () => undefined });
    cleanups.push(d.cleanup);
    const waiting = d.host.signInWithBrowser({ identity_provider_id: 7 });
    await expect.poll(() => d.opened.length).toBe(1);
    expect(new URL(d.opened[0]!).searchParams.get('identity_provider')).toBe('7');
    await d.host.cancelBrowserSignIn();
    await expectApiError(waiting, 'desktop_sign_in_cancelled');
  });

  it('opens the system browser only on the bound site: a site in clear http off loopback is refused', async () => {
    const d = await startDesktop('http://support.example.com', { openExternal: async () => undefined });
    cleanups.push(d.cleanup);
    await expectApiError(d.host.signInWithBrowser({}), 'insecure_site_url');
    expect(d.opened).toHaveLength(0);
    expect(await d.secrets.get('session_token')).toBeNull();
  });

  it('refuses bad arguments in main before anything listens or opens', async () => {
    const d = await startDesktop(app.url, { openExternal: async () => undefined });
    cleanups.push(d.cleanup);
    await expectApiError(d.host.signInWithBrowser({ identity_provider_id: -1 } as never), 'ipc_invalid_arguments', 400);
    expect(d.opened).toHaveLength(0);
  });
});
