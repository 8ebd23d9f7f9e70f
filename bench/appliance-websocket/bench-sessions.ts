/**
 * The benchmark's sessions: users of 10 sessions each, written straight into the appliance's
 * database in one transaction (no argon2 per user, no HTTP logins). Returns the tokens.
 */
import crypto from 'node:crypto';
import { type Db } from '../../src-appliance/db/database.js';
import { inTransaction } from '../../src-appliance/db/transaction.js';
import { hashToken } from '../../src-appliance/auth/sessions.js';

export async function insertSessions(db: Db, count: number): Promise<string[]> {
  const now = new Date();
  const iso = now.toISOString();
  const expires = new Date(now.getTime() + 12 * 3_600_000).toISOString();
  const tokens: string[] = [];
  await inTransaction(db, async (trx) => {
    const admin = await trx.selectFrom('users').select('password_hash').limit(1).executeTakeFirstOrThrow();
    for (let first = 0; first < count; first += 500) {
      const n = Math.min(500, count - first);
      const users = await trx
        .insertInto('users')
        .values(
          Array.from({ length: Math.ceil(n / 10) }, (_, k) => {
            const u = (first + k * 10) / 10;
            return {
              username: `bench${u}`,
              password_hash: admin.password_hash,
              private_display_name: `Bench ${u}`,
              public_display_name: `Bench ${u}`,
              email_address: null,
              preferred_email_language: null,
              enabled: 1,
              is_admin: 0,
              failed_login_count: 0,
              locked_until: null,
              locked_by_admin_only: 0,
              password_change_required: 0,
              two_factor_required: 0,
              extended_availability_allowed: 0,
              extended_availability_enabled: 0,
              photo_etag: null,
              password_changed_at: iso,
              created_at: iso,
              updated_at: iso,
            };
          }),
        )
        .returning('id')
        .execute();
      const rows = Array.from({ length: n }, (_, k) => {
        const token = crypto.randomBytes(32).toString('base64url');
        tokens.push(token);
        return {
          id: crypto.randomBytes(16).toString('base64url'),
          token_hash: hashToken(token),
          user_id: users[Math.floor(k / 10)]!.id,
          client: 'console' as const,
          install_id: null,
          console_version: null,
          restriction: null,
          created_at: iso,
          last_seen_at: iso,
          expires_at: expires,
          ip: '127.0.0.1',
          user_agent: 'bench',
        };
      });
      await trx.insertInto('sessions').values(rows).execute();
    }
  });
  return tokens;
}
