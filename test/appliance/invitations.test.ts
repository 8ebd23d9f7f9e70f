/**
 * Extended availability and invitations against the real appliance, a real SMTP server and real
 * event sockets: enabling needs the admin's permission and mails a one-click disable link that
 * works once without login; an invitation goes to a connected console, else by mail when extended
 * availability is on, else 409 (a console that must first enrol 2FA does not count).
 */
import { describe, expect, it } from 'vitest';
import { startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { call, createUser, loginWeb, tokenFor } from '../support/api-client.js';
import { type TestSmtp } from '../support/smtp-sink.js';
import { useApplianceWithSmtp } from '../support/appliance-with-smtp.js';
import { EventClient } from './event-client.js';

const PUBLIC_URL = 'https://support.example.test';

describe('extended availability and invitations', () => {
  let smtp: TestSmtp;
  let app: TestAppliance;
  let admin: string;

  useApplianceWithSmtp(
    (smtpUrl) => startTestAppliance({ smtpUrl, publicUrl: PUBLIC_URL }),
    (started) => ({ smtp, app, admin } = started),
  );

  const enable = (token: string, on: boolean) =>
    call(app, 'PATCH', '/api/account', { token, body: { extended_availability_enabled: on } });
  const invite = (token: string, to: string, message?: string) =>
    call(app, 'POST', '/api/invitations', { token, body: { to_username: to, ...(message ? { message } : {}) } });
  const eaMails = (to: string) =>
    smtp.mails.filter((m) => m.to.includes(to) && m.subject.startsWith('Extended availability is on'));
  async function waitCount(fn: () => unknown[], n: number) {
    const end = Date.now() + 10_000;
    while (fn().length < n) {
      if (Date.now() > end) throw new Error(`expected ${n} mails, have ${fn().length}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const linkIn = (text: string) => {
    const m = /(https:\/\/support\.example\.test\/api\/extended-availability\/disable\?token=\S+)/.exec(text);
    return new URL(m![1]!);
  };
  const local = (u: URL) => `${app.url}${u.pathname}${u.search}`;

  it("enabling needs the admin's permission; each enabling mails a disable link that works once without login", async () => {
    const b = await createUser(app, admin, { email_address: 'bob@example.test' });
    const tb = await tokenFor(app, b.username, b.password);
    const refused = await enable(tb, true);
    expect([refused.status, refused.body.error.code]).toEqual([403, 'extended_availability_not_allowed']);
    await call(app, 'PATCH', `/api/admin/users/${b.id}`, {
      token: admin,
      body: { extended_availability_allowed: true },
    });

    expect((await enable(tb, true)).body.extended_availability).toEqual({ allowed: true, enabled: true });
    await waitCount(() => eaMails('bob@example.test'), 1);
    const mail = eaMails('bob@example.test')[0]!;
    expect(mail.text).toContain(PUBLIC_URL);
    const link = linkIn(mail.text);
    expect(mail.html).toContain(link.search.replace(/&/g, '&amp;'));
    // Enabling again while on is not a new enabling: no second mail.
    await enable(tb, true);
    await new Promise((r) => setTimeout(r, 300));
    expect(eaMails('bob@example.test')).toHaveLength(1);

    const used = await fetch(local(link)); // no session, no cookie
    expect(used.status).toBe(200);
    expect(used.headers.get('content-type')).toContain('text/html');
    expect(await used.text()).toContain('Extended availability is off');
    expect((await call(app, 'GET', '/api/account', { token: tb })).body.extended_availability).toEqual({
      allowed: true,
      enabled: false,
    });
    const again = await fetch(local(link));
    expect(again.status).toBe(400);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('token_invalid');

    // Re-enabling sends a new link; the old one stays dead, the new one works.
    await enable(tb, true);
    await waitCount(() => eaMails('bob@example.test'), 2);
    const second = linkIn(eaMails('bob@example.test')[1]!.text);
    expect(second.search).not.toBe(link.search);
    expect((await fetch(local(link))).status).toBe(400);
    const tampered = new URL(second);
    tampered.searchParams.set('token', tampered.searchParams.get('token')!.replace(/^\d+/, String(b.id + 1)));
    expect((await fetch(local(tampered))).status).toBe(400);
    expect((await fetch(local(second))).status).toBe(200);
  });

  it('delivers by socket when a console is connected, by mail when only extended availability is on, 409 otherwise', async () => {
    const a = await createUser(app, admin, { private_display_name: 'Alice Inviter' });
    const c = await createUser(app, admin, {
      email_address: 'carol@example.test',
      extended_availability_allowed: true,
    });
    const ta = await tokenFor(app, a.username, a.password);
    const tc = await tokenFor(app, c.username, c.password);

    const none = await invite(ta, c.username);
    expect([none.status, none.body.error.code]).toEqual([409, 'representative_unavailable']);

    // A browser socket is not a console: still unavailable.
    const web = await loginWeb(app, c.username, c.password);
    const webSocket = await EventClient.open(app, { cookie: web.cookie, origin: app.url });
    expect((await invite(ta, c.username)).body.error.code).toBe('representative_unavailable');

    const consoleSocket = await EventClient.open(app, { authorization: `Bearer ${tc}` });
    const bySocket = await invite(ta, c.username, 'Need a hand with a printer');
    expect(bySocket.status).toBe(201);
    expect(bySocket.body.delivered_by).toBe('console');
    const event = await consoleSocket.next('invitation');
    expect(event.data).toMatchObject({
      id: bySocket.body.id,
      from_username: a.username,
      from_display_name: 'Alice Inviter',
      message: 'Need a hand with a printer',
    });
    expect(event.data.link).toBe(`${PUBLIC_URL}/console/#/invitations/${bySocket.body.id}`);
    consoleSocket.ws.close();
    await consoleSocket.closed();
    await new Promise((r) => setTimeout(r, 100));

    expect((await enable(tc, true)).status).toBe(200);
    const byMail = await invite(ta, c.username, 'Printer again');
    expect([byMail.status, byMail.body.delivered_by]).toEqual([201, 'email']);
    const mail = await smtp.waitFor(
      (m) => m.to.includes('carol@example.test') && m.subject.startsWith('Alice Inviter invites you'),
    );
    expect(mail.text).toContain('Printer again');
    expect(mail.text).toContain(`${PUBLIC_URL}/console/#/invitations/${byMail.body.id}`);

    // The disable link from the enabling mail turns mail delivery off again.
    await waitCount(() => eaMails('carol@example.test'), 1);
    expect((await fetch(local(linkIn(eaMails('carol@example.test')[0]!.text)))).status).toBe(200);
    expect((await invite(ta, c.username)).body.error.code).toBe('representative_unavailable');
    webSocket.ws.close();
  });

  it('a console that must first enrol 2FA does not count as connected', async () => {
    const a = await createUser(app, admin);
    const d = await createUser(app, admin, { two_factor_required: true });
    const ta = await tokenFor(app, a.username, a.password);
    const login = await call(app, 'POST', '/api/auth/login', {
      body: { username: d.username, password: d.password, client: 'console' },
    });
    expect(login.body.account.two_factor_enrollment_required).toBe(true);
    const restricted = await EventClient.open(app, { authorization: `Bearer ${login.body.token}` });
    expect((await invite(ta, d.username)).body.error.code).toBe('representative_unavailable');
    await new Promise((r) => setTimeout(r, 100));
    expect(restricted.messages.some((m) => m.type === 'invitation')).toBe(false);
    restricted.ws.close();
  });

  it('refuses unknown colleagues, yourself, and anonymous callers', async () => {
    const a = await createUser(app, admin);
    const ta = await tokenFor(app, a.username, a.password);
    expect((await invite(ta, 'no-such-tech')).body.error.code).toBe('not_found');
    expect((await invite(ta, a.username)).body.error.code).toBe('bad_request');
    expect((await call(app, 'POST', '/api/invitations', { body: { to_username: a.username } })).status).toBe(401);
    expect(
      (
        await call(app, 'POST', '/api/invitations', {
          token: ta,
          body: { to_username: a.username, message: 'x'.repeat(501) },
        })
      ).body.error.code,
    ).toBe('validation_failed');
  });
});
