/**
 * Management data for component tests: users and audit entries the fake host searches and pages
 * through in memory (by `answer`), so the screens see the appliance's paging contract.
 */
import { type AdminUser } from '../../../src-shared/api/admin.js';
import { type AuditEntry } from '../../../src-shared/api/audit.js';
import { IDENTITY_PROVIDER_DEFAULTS, type IdentityProvider } from '../../../src-shared/api/identity-providers.js';
import { type FakeHost } from './fake-host.js';

export function adminUser(n: number, over: Partial<AdminUser> = {}): AdminUser {
  const username = `tech${String(n).padStart(4, '0')}`;
  return {
    id: n,
    username,
    private_display_name: `Technician ${n}`,
    public_display_name: `Technician ${n}`,
    email_address: `${username}@example.com`,
    enabled: true,
    is_admin: false,
    locked_until: null,
    locked: false,
    failed_login_count: 0,
    two_factor_required: false,
    two_factor_enabled: false,
    extended_availability_allowed: false,
    password_change_required: false,
    last_admin: false,
    created_at: new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString(),
    ...over,
  };
}

/** An identity provider as the admin API answers it (id 3, "Corp", enabled, the contract's defaults). */
export function identityProvider(over: Partial<IdentityProvider> = {}): IdentityProvider {
  const id = over.id ?? 3;
  return {
    id,
    kind: 'oidc',
    name: 'Corp',
    issuer: 'https://idp.example.com',
    client_id: 'console',
    client_secret_set: true,
    ...IDENTITY_PROVIDER_DEFAULTS,
    enabled: true,
    redirect_uri: `https://support.example.com/api/auth/sso/${id}/callback`,
    created_at: '2026-11-01T00:00:00.000Z',
    updated_at: '2026-11-01T00:00:00.000Z',
    ...over,
  };
}

export function auditEntry(n: number, over: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: n,
    at: new Date(Date.UTC(2026, 2, 1) + n * 60_000).toISOString(),
    actor_id: 1,
    actor_username: 'admin',
    kind: 'user.updated',
    target: `user:${n}`,
    target_label: `tech${n}`,
    changes: { is_admin: { old: false, new: true } },
    ip: '192.0.2.10',
    ...over,
  };
}

/** Pages of `pageSize` after the row whose id is the cursor, as the appliance's keyset cursor does. */
function pageAfter<T extends { id: number }>(rows: T[], cursor: string | undefined, pageSize: number) {
  const start = cursor ? rows.findIndex((r) => String(r.id) === cursor) + 1 : 0;
  const page = rows.slice(start, start + pageSize);
  const more = start + page.length < rows.length;
  return { page: structuredClone(page), next: more ? String(page.at(-1)!.id) : null };
}

/** The users the fake host lists (username order, `q` a case-insensitive substring), edits and creates. */
export function installAdminUsers(host: FakeHost, users: AdminUser[], pageSize = 50): { users: AdminUser[] } {
  const state = { users: structuredClone(users) };
  const find = (id: number) => {
    const user = state.users.find((u) => u.id === id);
    if (!user) throw new Error(`no user ${id} in the fake`);
    return user;
  };
  host.answer('listAdminUsers', async (query) => {
    const q = query.q?.toLowerCase();
    const rows = state.users
      .filter((u) => !q || `${u.username} ${u.private_display_name} ${u.email_address}`.toLowerCase().includes(q))
      .sort((a, b) => a.username.localeCompare(b.username));
    const { page, next } = pageAfter(rows, query.cursor, pageSize);
    return { users: page, next_cursor: next };
  });
  host.answer('createAdminUser', async (create) => {
    const user = adminUser(state.users.length + 100, {
      username: create.username,
      private_display_name: create.private_display_name ?? create.username,
      public_display_name: create.public_display_name ?? create.username,
      email_address: create.email_address ?? null,
      is_admin: create.is_admin ?? false,
      two_factor_required: create.two_factor_required ?? false,
      password_change_required: create.password_change_required ?? false,
    });
    state.users.push(user);
    return structuredClone(user);
  });
  host.answer('updateAdminUser', async ({ id, patch }) => {
    const user = find(id);
    const { unlock, ...fields } = patch;
    Object.assign(user, fields, unlock ? { locked: false, locked_until: null, failed_login_count: 0 } : {});
    return structuredClone(user);
  });
  host.answer('resetUserTwoFactor', async (id) => {
    const user = find(id);
    user.two_factor_enabled = false;
    return structuredClone(user);
  });
  return state;
}

/** The audit log the fake host pages through, newest first as given. */
export function installAuditLog(host: FakeHost, entries: AuditEntry[], pageSize = 100): void {
  host.answer('listAuditLog', async (query) => {
    const rows = entries.filter((e) => !query.kind || e.kind === query.kind || e.kind.startsWith(query.kind));
    const { page, next } = pageAfter(rows, query.cursor, pageSize);
    return { entries: page, next_cursor: next };
  });
}
