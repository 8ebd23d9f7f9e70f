/**
 * First start: when the database has no user, create the first admin from
 * APPLIANCE_ADMIN_USERNAME / APPLIANCE_ADMIN_PASSWORD, or with a random password printed once
 * (to stdout, not the log) and marked "change at next login".
 */
import crypto from 'node:crypto';
import { type ApplianceContext } from '../context.js';
import { hashPassword } from '../auth/password-hash.js';
import { userRepository } from './user-repository.js';
import { newUser } from './new-user.js';

export interface BootstrapResult {
  username: string;
  /** Set only when generated (it was printed). */
  generatedPassword: string | null;
}

export async function ensureFirstAdmin(
  ctx: ApplianceContext,
  print: (line: string) => void,
): Promise<BootstrapResult | null> {
  const users = userRepository(ctx.db);
  if ((await users.count()) > 0) return null;
  const username = ctx.config.adminUsername ?? 'admin';
  const generatedPassword = ctx.config.adminPassword ? null : crypto.randomBytes(18).toString('base64url');
  const password = ctx.config.adminPassword ?? generatedPassword!;
  const now = ctx.clock.now().toISOString();
  const id = await users.insertFirst(
    newUser(
      {
        username,
        password_hash: await hashPassword(ctx.passwordHashCost, password),
        is_admin: 1,
        password_change_required: generatedPassword ? 1 : 0,
      },
      now,
    ),
  );
  // Another process starting on the same database created it first: its password (if generated) is the one printed.
  if (id === null) return null;
  if (generatedPassword) {
    print(
      `First administrator created: username "${username}", password "${generatedPassword}" (shown once; change it at first login).`,
    );
  } else {
    ctx.log.info({ username }, 'first administrator created from APPLIANCE_ADMIN_USERNAME/PASSWORD');
  }
  return { username, generatedPassword };
}
