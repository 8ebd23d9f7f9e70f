/**
 * The identity provider form's state: the provider as the admin types it (an empty admin group
 * field is "none"; an empty client secret on an edit keeps the stored one), checked by the
 * contract's own checks (src-shared/identity-provider-check.ts, which the appliance refuses a
 * provider with), and compared with what is stored.
 */
import {
  IDENTITY_PROVIDER_DEFAULTS,
  type IdentityProvider,
  type IdentityProviderCreate,
  type IdentityProviderPatch,
} from '../../../src-shared/api/identity-providers.js';
import {
  identityProviderProblems,
  PROVIDER_FIELDS,
  type ProviderField,
  type ProviderProblem,
  type ProviderValues,
} from '../../../src-shared/identity-provider-check.js';

export type ProviderDraft = {
  [K in ProviderField]: ProviderValues[K] extends boolean ? boolean : string;
};

/** The fields the appliance answers back (the secret is never among them). */
export const SHOWN_FIELDS = PROVIDER_FIELDS.filter((f) => f !== 'client_secret');
type ShownField = Exclude<ProviderField, 'client_secret'>;

export function providerDraftOf(p: IdentityProvider | null): ProviderDraft {
  const from = p ?? { name: '', issuer: '', client_id: '', enabled: true, ...IDENTITY_PROVIDER_DEFAULTS };
  return {
    name: from.name,
    issuer: from.issuer,
    client_id: from.client_id,
    client_secret: '',
    scopes: from.scopes,
    username_claim: from.username_claim,
    display_name_claim: from.display_name_claim,
    email_claim: from.email_claim,
    admin_group_claim: from.admin_group_claim ?? '',
    admin_group_value: from.admin_group_value ?? '',
    jit_provisioning: from.jit_provisioning,
    enabled: from.enabled,
  };
}

export function providerValuesOf(d: ProviderDraft): ProviderValues {
  return {
    ...d,
    admin_group_claim: d.admin_group_claim === '' ? null : d.admin_group_claim,
    admin_group_value: d.admin_group_value === '' ? null : d.admin_group_value,
  };
}

/** A new provider needs a secret; an edit sends one only when one was typed. */
export const sendsSecret = (d: ProviderDraft, stored: IdentityProvider | null): boolean =>
  stored === null || d.client_secret !== '';

/** Each field's first problem. */
export function providerProblemsByField(
  d: ProviderDraft,
  stored: IdentityProvider | null,
): Partial<Record<ProviderField, ProviderProblem>> {
  const out: Partial<Record<ProviderField, ProviderProblem>> = {};
  for (const p of identityProviderProblems(providerValuesOf(d), { secret: sendsSecret(d, stored) })) out[p.field] ??= p;
  return out;
}

export interface ProviderChange {
  field: ShownField;
  old: unknown;
  new: unknown;
}

/** The shown fields whose value differs from `before` (every field given, for a new provider). */
export function providerChangesOf(
  before: Pick<IdentityProvider, ShownField> | null,
  after: Pick<ProviderValues, ShownField>,
): ProviderChange[] {
  const changed = (f: ShownField) =>
    before === null ? after[f] !== null : JSON.stringify(before[f]) !== JSON.stringify(after[f]);
  return SHOWN_FIELDS.filter(changed).map((f) => ({
    field: f,
    old: before === null ? null : before[f],
    new: after[f],
  }));
}

export function createBodyOf(d: ProviderDraft): IdentityProviderCreate {
  return { kind: 'oidc', ...providerValuesOf(d) };
}

/** The changed fields, and the secret when one was typed; null when nothing would change. */
export function patchOf(stored: IdentityProvider, d: ProviderDraft): IdentityProviderPatch | null {
  const values = providerValuesOf(d);
  const patch: Record<string, unknown> = Object.fromEntries(
    providerChangesOf(stored, values).map((c) => [c.field, c.new]),
  );
  if (d.client_secret !== '') patch.client_secret = d.client_secret;
  return Object.keys(patch).length > 0 ? (patch as IdentityProviderPatch) : null;
}
