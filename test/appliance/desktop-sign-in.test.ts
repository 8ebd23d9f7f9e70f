/**
 * The appliance's side of the desktop console's browser sign-in (RFC 8252 + PKCE) over real HTTP:
 * the authorization request and what it refuses, the web session's approval or refusal, and the
 * code exchange with every refusal its own code: wrong, reused or expired code, wrong verifier,
 * another redirect URI or port. A good exchange answers exactly like a console login.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { adminToken, call, createUser, loginConsole, loginWeb, webHeaders } from '../support/api-client.js';
import {
  approve,
  approvedCode,
  authorize,
  authorizePath,
  consoleSecrets,
  exchange,
  openRequest,
} from '../support/desktop-sign-in.js';

let app: TestAppliance;
let admin: string;
beforeAll(async () => {
  app = await startTestAppliance();
  admin = await adminToken(app);
});
afterAll(() => app.close());

async function technician(fields: Record<string, unknown> = {}) {
  const u = await createUser(app, admin, fields);
  const web = await loginWeb(app, u.username, u.password);
  return { ...u, web };
}

/** A technician's request approved in the browser: the console's secrets, the code, and the exchange it sends. */
async function approvedRequest(fields: Record<string, unknown> = {}) {
  const t = await technician(fields);
  const s = consoleSecrets();
  const { code } = await approvedCode(app, t.web, s);
  return { t, s, code, body: { code, code_verifier: s.verifier, redirect_uri: s.redirectUri } };
}

describe('authorization request', () => {
  it('a valid request is stored and the browser is sent to the web console sign-in for it', async () => {
    const s = consoleSecrets();
    const res = await authorize(app, authorizePath(s));
    expect(res.status).toBe(302);
    expect(res.location).toMatch(/^\/console\/#\/desktop-sign-in\?request=[A-Za-z0-9_-]{22}$/);
    const id = /request=(.+)$/.exec(res.location!)![1]!;
    const info = await call(app, 'GET', `/api/auth/desktop/requests/${id}`);
    expect(info.status).toBe(200);
    expect(info.body.id).toBe(id);
    expect(Date.parse(info.body.expires_at) - Date.now()).toBeGreaterThan(4 * 60_000);
    expect(Date.parse(info.body.expires_at) - Date.now()).toBeLessThanOrEqual(5 * 60_000);
  });

  it('accepts the IPv6 loopback and any port', async () => {
    for (const redirectUri of ['http://[::1]:1/callback', 'http://127.0.0.1:65535/callback']) {
      const res = await authorize(app, authorizePath({ ...consoleSecrets(), redirectUri }));
      expect(res.status, redirectUri).toBe(302);
    }
  });

  it('refuses a redirect URI that is not a loopback /callback: desktop_redirect_invalid', async () => {
    for (const redirectUri of [
      'https://127.0.0.1:5000/callback',
      'http://localhost:5000/callback',
      'http://127.0.0.2:5000/callback',
      'http://127.0.0.1/callback',
      'http://127.0.0.1:0/callback',
      'http://127.0.0.1:65536/callback',
      'http://127.0.0.1:5000/callback/',
      'http://127.0.0.1:5000/other',
      'http://127.0.0.1:5000/callback?x=1',
      'http://user@127.0.0.1:5000/callback',
      'http://evil.example@127.0.0.1:5000/callback',
      'http://[::1]@evil.example:5000/callback',
      'http://evil.example/callback',
    ]) {
      const res = await authorize(app, authorizePath({ ...consoleSecrets(), redirectUri }));
      expect(res.status, redirectUri).toBe(400);
      expect(res.body.error.code, redirectUri).toBe('desktop_redirect_invalid');
    }
    const missing = await authorize(app, authorizePath({ ...consoleSecrets(), redirectUri: undefined }));
    expect(missing.body.error.code).toBe('desktop_redirect_invalid');
  });

  it('refuses a missing challenge or a method other than S256: desktop_challenge_invalid', async () => {
    const s = consoleSecrets();
    const plain = await authorize(
      app,
      authorizePath(s).replace('code_challenge_method=S256', 'code_challenge_method=plain'),
    );
    expect(plain.body.error.code).toBe('desktop_challenge_invalid');
    const none = await authorize(app, authorizePath(s).replace('&code_challenge_method=S256', ''));
    expect(none.body.error.code).toBe('desktop_challenge_invalid');
    const missing = await authorize(app, authorizePath({ ...s, challenge: undefined }));
    expect(missing.body.error.code).toBe('desktop_challenge_invalid');
    const short = await authorize(app, authorizePath({ ...s, challenge: 'abc' }));
    expect(short.body.error.code).toBe('desktop_challenge_invalid');
  });

  it('refuses a missing or malformed state: desktop_state_invalid', async () => {
    for (const state of [undefined, 'short', 'has spaces in it here', 'x'.repeat(129)]) {
      const res = await authorize(app, authorizePath({ ...consoleSecrets(), state }));
      expect(res.status, String(state)).toBe(400);
      expect(res.body.error.code, String(state)).toBe('desktop_state_invalid');
    }
  });

  it('sends a browser (Accept: text/html) to the web console page that explains the refusal, never to the redirect URI', async () => {
    const res = await authorize(
      app,
      authorizePath({ ...consoleSecrets(), redirectUri: 'https://evil.example/callback' }),
      'text/html,application/xhtml+xml',
    );
    expect(res.status).toBe(303);
    expect(res.location).toBe('/console/#/desktop-sign-in/failed?error=desktop_redirect_invalid');
  });
});

describe('approval in the browser', () => {
  it('a web session approves once: the callback gets a code and the same state; a second approval is refused', async () => {
    const t = await technician();
    const s = consoleSecrets();
    const id = await openRequest(app, s);
    const first = await approve(app, t.web, id);
    expect(first.status).toBe(200);
    const to = new URL(first.body.redirect_to);
    expect(`${to.origin}${to.pathname}`).toBe(s.redirectUri);
    expect(to.searchParams.get('state')).toBe(s.state);
    expect(to.searchParams.get('code')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const again = await approve(app, t.web, id);
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('desktop_request_invalid');
    expect((await call(app, 'GET', `/api/auth/desktop/requests/${id}`)).body.error.code).toBe(
      'desktop_request_invalid',
    );
  });

  it('needs a browser session with its CSRF token; a console token cannot approve', async () => {
    const t = await technician();
    const id = await openRequest(app, consoleSecrets());
    const anonymous = await call(app, 'POST', `/api/auth/desktop/requests/${id}/approve`);
    expect(anonymous.status).toBe(401);
    const noCsrf = await call(app, 'POST', `/api/auth/desktop/requests/${id}/approve`, {
      headers: webHeaders(t.web, false),
    });
    expect(noCsrf.body.error.code).toBe('csrf_failed');
    const consoleToken = (await loginConsole(app, t.username, t.password)).body.token;
    const fromConsole = await call(app, 'POST', `/api/auth/desktop/requests/${id}/approve`, { token: consoleToken });
    expect(fromConsole.status).toBe(403);
    expect(fromConsole.body.error.code).toBe('forbidden');
    expect((await approve(app, t.web, id)).status).toBe(200);
  });

  it('a request left for more than five minutes can no longer be approved', async () => {
    const t = await technician();
    const id = await openRequest(app, consoleSecrets());
    app.clock.advance(5 * 60_000 + 1000);
    try {
      const res = await approve(app, t.web, id);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('desktop_request_invalid');
    } finally {
      app.clock.advance(-(5 * 60_000 + 1000));
    }
  });

  it('refusing sends the console access_denied with its state, and the request cannot be approved after', async () => {
    const t = await technician();
    const s = consoleSecrets();
    const id = await openRequest(app, s);
    const denied = await call(app, 'POST', `/api/auth/desktop/requests/${id}/deny`);
    expect(denied.status).toBe(200);
    const to = new URL(denied.body.redirect_to);
    expect(to.searchParams.get('error')).toBe('access_denied');
    expect(to.searchParams.get('state')).toBe(s.state);
    expect(to.searchParams.has('code')).toBe(false);
    expect((await approve(app, t.web, id)).body.error.code).toBe('desktop_request_invalid');
  });

  it('an unknown request id is refused', async () => {
    const t = await technician();
    expect((await approve(app, t.web, 'A'.repeat(22))).body.error.code).toBe('desktop_request_invalid');
    expect((await call(app, 'GET', '/api/auth/desktop/requests/not-an-id')).status).toBe(400);
  });
});

describe('code exchange', () => {
  it('answers like a console login: a bearer token for a console session with the install id and version', async () => {
    const { t, body } = await approvedRequest();
    const res = await exchange(app, {
      ...body,
      install_id: 'install-desktop-0001',
      console_version: '1.0.0',
    });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['account', 'expires_at', 'token']);
    expect(res.body.account.username).toBe(t.username);
    const login = await loginConsole(app, t.username, t.password);
    expect(Object.keys(res.body.account).sort()).toEqual(Object.keys(login.body.account).sort());
    const sessions = await call(app, 'GET', '/api/account/sessions', { token: res.body.token });
    expect(sessions.status).toBe(200);
    const current = sessions.body.sessions.find((x: { current: boolean }) => x.current);
    expect(current.client).toBe('console');
    // The update token a console asks for at its first login is issued to this session too.
    const updateToken = await call(app, 'POST', '/api/console/update-token', {
      token: res.body.token,
      body: { install_id: 'install-desktop-0001' },
    });
    expect(updateToken.status).toBe(200);
  });

  it('a wrong code: desktop_code_invalid', async () => {
    const s = consoleSecrets();
    const res = await exchange(app, { code: 'x'.repeat(43), code_verifier: s.verifier, redirect_uri: s.redirectUri });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('desktop_code_invalid');
  });

  it('a reused code: desktop_code_used', async () => {
    const { body } = await approvedRequest();
    expect((await exchange(app, body)).status).toBe(200);
    const again = await exchange(app, body);
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('desktop_code_used');
  });

  it('a code exchanged by many requests at once gives exactly one session', async () => {
    const { body } = await approvedRequest();
    const answers = await Promise.all(Array.from({ length: 12 }, () => exchange(app, body)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.body?.error?.code === 'desktop_code_used')).toHaveLength(11);
  });

  it('a wrong verifier: desktop_verifier_mismatch, and the code is spent', async () => {
    const { s, code, body } = await approvedRequest();
    const wrong = await exchange(app, {
      code,
      code_verifier: consoleSecrets().verifier,
      redirect_uri: s.redirectUri,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('desktop_verifier_mismatch');
    const right = await exchange(app, body);
    expect(right.body.error.code).toBe('desktop_code_used');
  });

  it('the challenge itself is not a verifier', async () => {
    const { s, code } = await approvedRequest();
    const res = await exchange(app, { code, code_verifier: s.challenge, redirect_uri: s.redirectUri });
    expect(res.body.error.code).toBe('desktop_verifier_mismatch');
  });

  it('an expired code (older than 60 s): desktop_code_expired', async () => {
    const { body } = await approvedRequest();
    app.clock.advance(61_000);
    try {
      const res = await exchange(app, body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('desktop_code_expired');
    } finally {
      app.clock.advance(-61_000);
    }
  });

  it('another redirect URI or port at exchange: desktop_redirect_mismatch', async () => {
    const t = await technician();
    const s = consoleSecrets(51_234);
    for (const redirect_uri of ['http://127.0.0.1:51235/callback', 'http://[::1]:51234/callback']) {
      const { code } = await approvedCode(app, t.web, s);
      const res = await exchange(app, { code, code_verifier: s.verifier, redirect_uri });
      expect(res.status, redirect_uri).toBe(400);
      expect(res.body.error.code, redirect_uri).toBe('desktop_redirect_mismatch');
    }
  });

  it('an outdated console is sent to update, as at a console login (426 console_update_required)', async () => {
    const { body } = await approvedRequest();
    const res = await exchange(app, { ...body, console_version: '0.9.0' });
    expect(res.status).toBe(426);
    expect(res.body.error.code).toBe('console_update_required');
  });

  it('a user disabled after approving gets no session', async () => {
    const { t, body } = await approvedRequest();
    await call(app, 'PATCH', `/api/admin/users/${t.id}`, { token: admin, body: { enabled: false } });
    const res = await exchange(app, body);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('account_disabled');
  });

  it('a browser session that must still enrol two-factor hands the same restriction to the console', async () => {
    const { t, body } = await approvedRequest({ two_factor_required: true });
    expect(t.web.res.body.account.two_factor_enrollment_required).toBe(true);
    const res = await exchange(app, body);
    expect(res.status).toBe(200);
    expect(res.body.account.two_factor_enrollment_required).toBe(true);
    const sessions = await call(app, 'GET', '/api/account/sessions', { token: res.body.token });
    expect(sessions.body.error.code).toBe('two_factor_enrollment_required');
  });

  it('malformed exchanges are refused before anything is looked up', async () => {
    const s = consoleSecrets();
    const short = await exchange(app, { code: 'abc', code_verifier: 'short', redirect_uri: s.redirectUri });
    expect(short.status).toBe(400);
    expect(short.body.error.code).toBe('validation_failed');
    const extra = await call(app, 'POST', '/api/auth/desktop/token', {
      body: {
        code: 'a',
        code_verifier: s.verifier,
        redirect_uri: s.redirectUri,
        install_id: 'install-x-1',
        console_version: '1',
        x: 1,
      },
    });
    expect(extra.status).toBe(400);
  });
});
