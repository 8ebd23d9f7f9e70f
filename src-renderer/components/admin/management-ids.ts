/**
 * The Management ("Verwaltung") screens, in the seed's order, and their hash routes (#/admin/id).
 * Only admins are routed there: for anyone else `#/admin/...` opens My Account's first section, and
 * the admin API answers 403 whatever the address says.
 */
export const MANAGEMENT_IDS = ['security', 'users', 'software', 'customer-client', 'audit'] as const;
export type ManagementId = (typeof MANAGEMENT_IDS)[number];

export function managementFromHash(hash: string): ManagementId | null {
  const m = /^#\/admin\/([a-z-]+)/.exec(hash);
  return m && (MANAGEMENT_IDS as readonly string[]).includes(m[1]!) ? (m[1] as ManagementId) : null;
}

export const managementHref = (id: ManagementId): string => `#/admin/${id}`;
