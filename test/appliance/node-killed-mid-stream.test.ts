/**
 * A node killed in the middle of a stream of writes: two appliance processes (A and B) on one
 * database (the SQLite file of one data directory, or one PostgreSQL database), each with its own
 * real SMTP server so the test knows which node delivered a mail. Clients write through both
 * (display names, the security policy, invitations that queue mails); A is SIGKILLed while its mail
 * worker is in the middle of an SMTP conversation. B answers every request, no record is half
 * written, and the mail A had leased is delivered exactly once, by B, once the lease has run out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../src-appliance/db/database.js';
import { outboxRepository } from '../../src-appliance/mail/outbox-repository.js';
import { ADMIN, tempDir } from '../support/appliance.js';
import { call, createUser, tokenFor } from '../support/api-client.js';
import { ADMIN_ENV, startChildAppliance, type ChildAppliance } from '../support/child-appliance.js';
import { mailIdOf, TestSmtp } from '../support/smtp-sink.js';
import { databaseIntegrity, databaseUrlFor, TEST_ENGINE, waitUntil } from '../support/test-database.js';

const INVITEE_EMAIL = 'invitee@example.test';
/** Writes each writer has had answered by B after the kill before the stream ends. */
const AFTER_KILL = 5;

type Node = 'A' | 'B';
interface Answer {
  node: Node;
  /** The HTTP status, or 0 when the connection failed (A killed). */
  status: number;
  marker: number;
  afterKill: boolean;
}

let dir: string;
let smtpA: TestSmtp;
let smtpB: TestSmtp;
let a: ChildAppliance;
let b: ChildAppliance;
let database: OpenedDatabase;

beforeAll(async () => {
  dir = tempDir('node-killed-mid-stream-');
  [smtpA, smtpB] = await Promise.all([new TestSmtp().start(), new TestSmtp().start()]);
  a = await startChildAppliance(dir, { ...ADMIN_ENV, APPLIANCE_SMTP_URL: smtpA.url });
  b = await startChildAppliance(dir, { ...ADMIN_ENV, APPLIANCE_SMTP_URL: smtpB.url });
  database = await openDatabase({ dataDir: dir, databaseUrl: await databaseUrlFor(dir) });
}, 180_000);
afterAll(async () => {
  await Promise.all([a?.kill(), b?.kill()]);
  await database?.close();
  await Promise.all([smtpA?.stop(), smtpB?.stop()]);
});

const outbox = () => outboxRepository(database.db);
const allMails = () => [...smtpA.mails, ...smtpB.mails];
const deliveriesOf = (id: number) => allMails().filter((m) => mailIdOf(m) === id).length;

/** One client writing in a loop, one request at a time: through A and B in turn until A is killed, then B. */
class Writer {
  readonly answers: Answer[] = [];
  private running = true;
  private done: Promise<void> | null = null;
  constructor(
    private readonly state: { killed: boolean },
    private readonly write: (node: ChildAppliance, marker: number) => Promise<number>,
  ) {}

  start(): this {
    this.done = (async () => {
      for (let marker = 1; this.running; marker++) {
        const afterKill = this.state.killed;
        const node: Node = !afterKill && marker % 2 === 1 ? 'A' : 'B';
        const status = await this.write(node === 'A' ? a : b, marker).catch(() => 0);
        this.answers.push({ node, status, marker, afterKill });
      }
    })();
    return this;
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.done;
  }

  answeredByBAfterKill = () => this.answers.filter((x) => x.afterKill && x.node === 'B').length;
  /** The marker of the last write answered: every write after it is unanswered, so it is the state. */
  lastAnswered = () => this.answers.filter((x) => x.status >= 200 && x.status < 300).at(-1)!.marker;
}

describe(`SIGKILL on node A in the middle of a stream of writes (${TEST_ENGINE})`, () => {
  it('B answers every request, each record is wholly old or new, and the mail A had leased goes out once', async () => {
    const admin = await tokenFor(b, ADMIN.username, ADMIN.password);
    const invitee = await createUser(b, admin, { email_address: INVITEE_EMAIL, extended_availability_allowed: true });
    const inviteeToken = await tokenFor(b, invitee.username, invitee.password);
    const on = await call(b, 'PATCH', '/api/account', {
      token: inviteeToken,
      body: { extended_availability_enabled: true },
    });
    expect(on.status).toBe(200);
    const people = await Promise.all([0, 1, 2, 3].map(() => createUser(b, admin)));
    const tokens = await Promise.all(people.map((p) => tokenFor(b, p.username, p.password)));
    const [nameTokens, inviteTokens] = [tokens.slice(0, 2), tokens.slice(2)];

    const state = { killed: false };
    const name = (i: number, marker: number) => `Writer ${i} #${marker}`;
    const nameWriters = nameTokens.map((token, i) =>
      new Writer(state, async (node, marker) => {
        const body = { private_display_name: name(i, marker), public_display_name: name(i, marker) };
        return (await call(node, 'PATCH', '/api/account', { token, body })).status;
      }).start(),
    );
    // Both lockout fields move together: failures 100 + m, duration 1000 + m.
    const policyWriter = new Writer(state, async (node, marker) => {
      const body = { lockout_after_failures: 100 + marker, lockout_duration_minutes: 1000 + marker };
      return (await call(node, 'PUT', '/api/admin/security', { token: admin, body })).status;
    }).start();
    const message = (i: number, marker: number) => `Invitation [${i}:${marker}]`;
    const invitationIds: string[] = [];
    const inviteWriters = inviteTokens.map((token, i) =>
      new Writer(state, async (node, marker) => {
        const body = { to_username: invitee.username, message: message(i, marker) };
        const res = await call(node, 'POST', '/api/invitations', { token, body });
        if (res.status === 201) invitationIds.push(res.body.id as string);
        return res.status;
      }).start(),
    );
    const writers = [...nameWriters, policyWriter, ...inviteWriters];

    // Mid-stream: the next invitation mail A's worker sends stalls at RCPT TO, and A is killed there.
    await waitUntil(() => writers.every((w) => w.answers.length >= 6), 'the stream under way', 60_000);
    let held = false;
    void smtpA.holdNextTo(INVITEE_EMAIL).then(() => (held = true));
    await waitUntil(() => held, "A's worker in the middle of sending an invitation mail", 60_000);
    state.killed = true;
    await a.kill();

    // Right after the kill, before B rewrites them: each name pair is one write's, never half of two.
    const rows = await database.db
      .selectFrom('users')
      .select(['private_display_name', 'public_display_name'])
      .where(
        'username',
        'in',
        people.slice(0, 2).map((p) => p.username),
      )
      .execute();
    for (const row of rows) expect(row.public_display_name).toBe(row.private_display_name);

    await waitUntil(
      () => writers.every((w) => w.answeredByBAfterKill() >= AFTER_KILL),
      'B answering the stream after the kill',
      90_000,
    );
    await Promise.all(writers.map((w) => w.stop()));

    // B never failed a request; of A's, only the one in flight when it was killed got no answer.
    const ok = (x: Answer) => x.status >= 200 && x.status < 300;
    for (const w of writers) {
      expect(w.answers.filter((x) => x.node === 'B' && !ok(x))).toEqual([]);
      const fromA = w.answers.filter((x) => x.node === 'A');
      expect(fromA.slice(0, -1).filter((x) => !ok(x))).toEqual([]);
      expect(fromA.filter((x) => x.afterKill)).toEqual([]);
    }

    // Each record is the state of the last answered write, all of its fields together.
    for (const [i, w] of nameWriters.entries()) {
      const account = await call(b, 'GET', '/api/account', { token: nameTokens[i]! });
      expect(account.body).toMatchObject({
        private_display_name: name(i, w.lastAnswered()),
        public_display_name: name(i, w.lastAnswered()),
      });
    }
    const policy = await call(b, 'GET', '/api/admin/security', { token: admin });
    expect(policy.body).toMatchObject({
      lockout_after_failures: 100 + policyWriter.lastAnswered(),
      lockout_duration_minutes: 1000 + policyWriter.lastAnswered(),
    });
    const stored = await database.db.selectFrom('invitations').select('id').execute();
    expect(stored.map((r) => r.id)).toEqual(expect.arrayContaining(invitationIds));
    expect(await databaseIntegrity(database.db)).toBe('ok');

    // B sends everything else while A's lease is live, and leaves A's mail alone.
    await expect.poll(() => outbox().pendingCount(), { timeout: 60_000, interval: 200 }).toBe(1);
    const leased = await database.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('sent_at', 'is', null)
      .executeTakeFirstOrThrow();
    expect(leased).toMatchObject({ to_address: INVITEE_EMAIL, attempts: 0 });
    expect(leased.lease_owner).not.toBeNull();
    expect(deliveriesOf(leased.id)).toBe(0);

    // The lease runs out (moved into the past: LEASE_MS is two minutes and has no setting).
    await database.db
      .updateTable('mail_outbox')
      .set({ leased_until: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', leased.id)
      .execute();
    await waitUntil(() => deliveriesOf(leased.id) === 1, "A's leased mail delivered by B", 30_000);
    expect(smtpB.mails.filter((m) => mailIdOf(m) === leased.id)).toHaveLength(1);
    await expect.poll(() => outbox().pendingCount(), { timeout: 10_000 }).toBe(0);

    // Every queued mail went out exactly once, and every answered invitation is in one of them.
    const queued = await database.db.selectFrom('mail_outbox').select('id').execute();
    expect(queued.map((r) => deliveriesOf(r.id))).toEqual(queued.map(() => 1));
    expect(allMails()).toHaveLength(queued.length);
    // An invitation and its mail are one write: neither is ever stored without the other.
    const invitationIdIn = (text: string) => /\/invitations\/([\w-]+)/.exec(text)?.[1];
    const mailed = allMails().flatMap((m) => invitationIdIn(m.text) ?? []);
    expect(mailed.sort()).toEqual(stored.map((r) => r.id).sort());
    for (const [i, w] of inviteWriters.entries()) {
      for (const answer of w.answers.filter((x) => x.status === 201)) {
        expect(allMails().filter((m) => m.text.includes(message(i, answer.marker)))).toHaveLength(1);
      }
    }
  }, 180_000);
});
