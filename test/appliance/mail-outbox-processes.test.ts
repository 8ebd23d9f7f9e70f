/**
 * The mail outbox with two appliance processes on one database (the SQLite file of one data
 * directory, or one PostgreSQL database) and a real SMTP server: every queued mail is delivered
 * exactly once, on PostgreSQL a worker passes over a row another one has locked, and a mail that a
 * killed worker had leased is delivered once by the other after the lease has run out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../src-appliance/db/database.js';
import { outboxRepository } from '../../src-appliance/mail/outbox-repository.js';
import { tempDir } from '../support/appliance.js';
import { startChildAppliance, type ChildAppliance } from '../support/child-appliance.js';
import { mailIdOf, TestSmtp } from '../support/smtp-sink.js';
import { databaseUrlFor, TEST_ENGINE, waitUntil } from '../support/test-database.js';

const QUEUED = 200;

let dir: string;
let smtp: TestSmtp;
let database: OpenedDatabase;
let a: ChildAppliance;
let b: ChildAppliance;

const start = () => startChildAppliance(dir, { APPLIANCE_SMTP_URL: smtp.url });

beforeAll(async () => {
  dir = tempDir('mail-outbox-processes-');
  smtp = await new TestSmtp().start();
  a = await start();
  b = await start();
  // The test queues mail itself, as a third process on the same database would.
  database = await openDatabase({ dataDir: dir, databaseUrl: await databaseUrlFor(dir) });
}, 120_000);
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await database?.close();
  await smtp?.stop();
});

const outbox = () => outboxRepository(database.db);
const queue = (to: string, subject: string, dueAt = now()) =>
  outbox().enqueue({ kind: 'test', to, language: 'en', subject, text: subject, html: `<p>${subject}</p>` }, dueAt);
const now = () => new Date().toISOString();
const deliveriesOf = (id: number) => smtp.mails.filter((m) => mailIdOf(m) === id).length;
const row = (id: number) =>
  database.db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe(`the mail outbox with two appliance processes on one database (${TEST_ENGINE})`, () => {
  it(`${QUEUED} queued mails are each delivered exactly once`, async () => {
    const ids: number[] = [];
    for (let i = 0; i < QUEUED; i++) ids.push(await queue(`user${i}@example.test`, `Burst mail ${i}`));
    await waitUntil(() => ids.every((id) => deliveriesOf(id) > 0), `${QUEUED} mails delivered`, 90_000);
    await expect.poll(() => outbox().pendingCount(), { timeout: 10_000 }).toBe(0);
    // No mail went out twice, and each went to its own recipient.
    const burst = smtp.mails.filter((m) => m.subject.startsWith('Burst mail'));
    expect(burst).toHaveLength(QUEUED);
    expect(new Set(burst.map(mailIdOf))).toEqual(new Set(ids));
    for (const [i, id] of ids.entries()) {
      expect((await row(id)).sent_at).not.toBeNull();
      expect(burst.find((m) => mailIdOf(m) === id)!.to).toEqual([`user${i}@example.test`]);
    }
  }, 120_000);

  if (TEST_ENGINE === 'postgres')
    it('on PostgreSQL a worker skips a mail whose row another transaction holds locked and sends the next', async () => {
      // Due in two seconds, so no worker leases it before the lock is taken; due while locked.
      const dueAt = Date.now() + 2000;
      const locked = await queue('locked@example.test', 'Locked mail', new Date(dueAt).toISOString());
      await database.db.transaction().execute(async (trx) => {
        await trx.selectFrom('mail_outbox').select('id').where('id', '=', locked).forUpdate().execute();
        await waitUntil(() => Date.now() > dueAt + 100, 'the locked mail due');
        const next = await queue('next@example.test', 'Next mail');
        // Without SKIP LOCKED both workers would pick the locked row and wait on it.
        await waitUntil(() => deliveriesOf(next) === 1, 'the next mail delivered while the first is locked', 30_000);
        expect(deliveriesOf(locked)).toBe(0);
        expect((await row(locked)).lease_owner).toBeNull();
      });
      await waitUntil(() => deliveriesOf(locked) === 1, 'the locked mail delivered once the lock is gone', 30_000);
    }, 120_000);

  it('a mail leased by a worker that was killed is delivered once by the other, after the lease ran out', async () => {
    await b.stop(); // only A runs, so A leases the mail
    const reached = smtp.holdNextTo('held@example.test');
    const held = await queue('held@example.test', 'Held mail');
    await reached;
    await a.kill(); // mid-conversation, holding the lease
    b = await start();
    const leased = await row(held);
    expect(leased.lease_owner).not.toBeNull();
    expect(leased.sent_at).toBeNull();

    // While the lease is live, B leaves the mail alone: a mail queued after it is sent first.
    const later = await queue('later@example.test', 'Later mail');
    await waitUntil(() => deliveriesOf(later) === 1, 'the later mail delivered', 30_000);
    expect(deliveriesOf(held)).toBe(0);
    expect((await row(held)).lease_owner).toBe(leased.lease_owner);

    // The lease runs out (moved into the past rather than waited for: LEASE_MS is two minutes).
    await database.db
      .updateTable('mail_outbox')
      .set({ leased_until: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', held)
      .execute();
    await waitUntil(() => deliveriesOf(held) === 1, 'the held mail delivered by B', 30_000);
    await expect.poll(async () => (await row(held)).sent_at, { timeout: 10_000 }).not.toBeNull();
    const sent = await row(held);
    expect(sent).toMatchObject({ lease_owner: null, attempts: 1 });
    expect(deliveriesOf(held)).toBe(1);
    expect(smtp.mails.filter((m) => m.subject.startsWith('Burst mail'))).toHaveLength(QUEUED);
  }, 120_000);
});
