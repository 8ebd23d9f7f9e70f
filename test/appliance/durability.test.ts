/**
 * Durability: a real appliance process gets a stream of password and display-name changes from
 * several technicians at once, is SIGKILLed in the middle, and restarts on the same data
 * directory. Every record must be either the last acknowledged state or the one in flight (never a
 * mix, never older), the password history must match the password in force, and the database
 * must pass the engine's integrity check (SQLite's file as the killed process left it).
 */
import { describe, expect, it } from 'vitest';
import { ADMIN, tempDir } from '../support/appliance.js';
import { call, loginConsole, tokenFor } from '../support/api-client.js';
import { databaseIntegrity, databaseUrlFor, openOtherConnection } from '../support/test-database.js';
import { ADMIN_ENV, startChildAppliance } from '../support/child-appliance.js';

interface Track {
  username: string;
  id: number;
  token: string;
  ackedName: string;
  pendingName: string | null;
  ackedPassword: string;
  pendingPassword: string | null;
  passwordChanges: number;
}

describe('durability under SIGKILL', () => {
  it('every record is the old or the new state after a kill mid-stream, and the database is intact', async () => {
    const dir = tempDir('appliance-durability-');
    const first = await startChildAppliance(dir, ADMIN_ENV);
    const admin = await tokenFor(first, ADMIN.username, ADMIN.password);
    const tracks: Track[] = [];
    for (let i = 0; i < 4; i++) {
      const username = `keeper${i}`;
      const password = `Initial-Secret-${i}-Xy`;
      const res = await call(first, 'POST', '/api/admin/users', {
        token: admin,
        body: { username, password, private_display_name: `Name ${i}.0` },
      });
      expect(res.status).toBe(201);
      tracks.push({
        username,
        id: res.body.id,
        token: await tokenFor(first, username, password),
        ackedName: `Name ${i}.0`,
        pendingName: null,
        ackedPassword: password,
        pendingPassword: null,
        passwordChanges: 0,
      });
    }

    let stopped = false;
    const stream = async (t: Track, n: number) => {
      for (let step = 1; !stopped; step++) {
        try {
          if (step % 2 === 1) {
            t.pendingName = `Name ${n}.${step}`;
            const res = await call(first, 'PATCH', '/api/account', {
              token: t.token,
              body: { private_display_name: t.pendingName },
            });
            if (res.status !== 200) throw new Error(`name change ${res.status}`);
            t.ackedName = t.pendingName;
            t.pendingName = null;
          } else {
            t.pendingPassword = `Rotated-Secret-${n}-${step}`;
            const res = await call(first, 'PUT', '/api/account/password', {
              token: t.token,
              body: { username: t.username, current_password: t.ackedPassword, new_password: t.pendingPassword },
            });
            if (res.status !== 204) throw new Error(`password change ${res.status}`);
            t.ackedPassword = t.pendingPassword;
            t.pendingPassword = null;
            t.passwordChanges++;
          }
        } catch {
          return; // the process was killed under this request: it stays "pending"
        }
      }
    };
    const streams = tracks.map((t, i) => stream(t, i));
    await new Promise((r) => setTimeout(r, 2500));
    await first.kill();
    stopped = true;
    await Promise.all(streams);
    expect(tracks.reduce((n, t) => n + t.passwordChanges, 0)).toBeGreaterThan(0);
    // The streams never pause, so the kill caught requests in flight.
    expect(tracks.filter((t) => t.pendingName !== null || t.pendingPassword !== null).length).toBeGreaterThan(0);

    // The database as the killed process left it (SQLite: WAL included), before the appliance opens it again.
    const config = { dataDir: dir, databaseUrl: await databaseUrlFor(dir) };
    const left = await openOtherConnection({ config });
    try {
      expect(await databaseIntegrity(left.db)).toBe('ok');
    } finally {
      await left.close();
    }

    const second = await startChildAppliance(dir, ADMIN_ENV);
    try {
      const { db, close } = await openOtherConnection({ config });
      for (const t of tracks) {
        const row = await db
          .selectFrom('users')
          .select(['private_display_name', 'public_display_name'])
          .where('id', '=', t.id)
          .executeTakeFirstOrThrow();
        expect([t.ackedName, t.pendingName]).toContain(row.private_display_name);
        expect(row.public_display_name).toBe(row.private_display_name); // synced names change together or not at all

        const history = Number(
          (
            await db
              .selectFrom('password_history')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where('user_id', '=', t.id)
              .executeTakeFirstOrThrow()
          ).n,
        );
        const ackedWorks = (await loginConsole(second, t.username, t.ackedPassword)).status === 200;
        if (ackedWorks) {
          expect(history).toBe(t.passwordChanges);
        } else {
          expect(t.pendingPassword).not.toBeNull();
          expect((await loginConsole(second, t.username, t.pendingPassword!)).status).toBe(200);
          expect(history).toBe(t.passwordChanges + 1);
        }
      }
      expect(await databaseIntegrity(db)).toBe('ok');
      await close();
    } finally {
      await second.stop();
    }
  }, 120_000);
});
