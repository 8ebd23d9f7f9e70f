/**
 * First start of a real appliance process: the first admin from the environment, or with a random
 * password printed once; the start line prints the URL; site state is created once.
 */
import { describe, expect, it } from 'vitest';
import { databaseUrlFor, openOtherConnection } from '../support/test-database.js';
import { tempDir } from '../support/appliance.js';
import { call, loginConsole } from '../support/api-client.js';
import { startChildAppliance } from '../support/child-appliance.js';

describe('first administrator', () => {
  it('without APPLIANCE_ADMIN_PASSWORD a random password is printed once, and must be changed at first login', async () => {
    const dir = tempDir();
    const first = await startChildAppliance(dir);
    let password: string;
    try {
      expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const m = /First administrator created: username "admin", password "([^"]+)"/.exec(first.output());
      expect(m).not.toBeNull();
      password = m![1]!;
      expect(password.length).toBeGreaterThanOrEqual(20);
      const login = await loginConsole(first, 'admin', password);
      expect(login.status).toBe(200);
      expect(login.body.account).toMatchObject({ is_admin: true, password_change_required: true });
      expect((await call(first, 'GET', '/api/admin/users', { token: login.body.token })).body.error.code).toBe(
        'password_change_required',
      );
    } finally {
      await first.stop();
    }
    const second = await startChildAppliance(dir);
    try {
      expect(second.output()).not.toMatch(/First administrator/);
      expect((await loginConsole(second, 'admin', password)).status).toBe(200);
    } finally {
      await second.stop();
    }
  });

  it('APPLIANCE_ADMIN_USERNAME/PASSWORD create the first admin, only while the database has no user', async () => {
    const dir = tempDir();
    const first = await startChildAppliance(dir, {
      APPLIANCE_ADMIN_USERNAME: 'root',
      APPLIANCE_ADMIN_PASSWORD: 'Root-Start-Pass-1',
    });
    try {
      expect(first.output()).not.toMatch(/password "/);
      const login = await loginConsole(first, 'root', 'Root-Start-Pass-1');
      expect(login.body.account).toMatchObject({ username: 'root', is_admin: true, password_change_required: false });
    } finally {
      await first.stop();
    }
    // Started as a user starts it, the appliance hashes with the production argon2id cost.
    const stored = await openOtherConnection({ config: { dataDir: dir, databaseUrl: await databaseUrlFor(dir) } });
    try {
      const row = await stored.db
        .selectFrom('users')
        .select('password_hash')
        .where('username', '=', 'root')
        .executeTakeFirstOrThrow();
      expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    } finally {
      await stored.close();
    }
    const second = await startChildAppliance(dir, {
      APPLIANCE_ADMIN_USERNAME: 'other',
      APPLIANCE_ADMIN_PASSWORD: 'Other-Start-Pass-1',
    });
    try {
      expect((await loginConsole(second, 'other', 'Other-Start-Pass-1')).status).toBe(401);
      expect((await loginConsole(second, 'root', 'Root-Start-Pass-1')).status).toBe(200);
    } finally {
      await second.stop();
    }
  });
});
