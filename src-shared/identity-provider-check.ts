/**
 * The checks of an identity provider, written once: `POST` and `PATCH /api/admin/identity-providers`
 * refuse a provider by them (after the body's schema) and Management > Security marks each field
 * of the provider form as the admin types. Each field's limits are the contract's own schema
 * (`IdentityProviderCreate` in `api/identity-providers.ts`); the rules a schema cannot say are here.
 */
import { type TSchema } from 'typebox';
import Value from 'typebox/value';
import { IdentityProviderCreate } from './api/identity-providers.js';
import { isLoopbackHost } from './install-options.js';
import { hasControlCharacters, hasInvisibleFormatCharacters } from './text.js';

/** The fields an admin sets, in the form's order. */
export const PROVIDER_FIELDS = [
  'name',
  'issuer',
  'client_id',
  'client_secret',
  'scopes',
  'username_claim',
  'display_name_claim',
  'email_claim',
  'admin_group_claim',
  'admin_group_value',
  'jit_provisioning',
  'enabled',
] as const satisfies readonly (keyof IdentityProviderCreate)[];
export type ProviderField = (typeof PROVIDER_FIELDS)[number];
export type ProviderValues = Required<Pick<IdentityProviderCreate, ProviderField>>;

/** Why an issuer cannot be used. */
export type IssuerProblem = 'not_url' | 'not_https' | 'credentials' | 'query_or_fragment';

export type ProviderProblem =
  /** Too short or too long by the schema (empty where a value is needed is min 1). */
  | { field: ProviderField; rule: 'length'; min: number; max: number }
  /** Not the schema's form: a space in a claim name, scopes not separated by single spaces. */
  | { field: ProviderField; rule: 'format' }
  | { field: 'name'; rule: 'visible_text' }
  | { field: 'issuer'; rule: 'issuer'; reason: IssuerProblem }
  | { field: 'scopes'; rule: 'openid' }
  /** The admin group claim and its value come together or not at all. */
  | { field: 'admin_group_claim' | 'admin_group_value'; rule: 'admin_group_pair' };

/** The issuer identifier: https, or http only on literal loopback; kept exactly as given (it must match `iss`). */
export function issuerProblem(issuer: string): IssuerProblem | null {
  let u: URL;
  try {
    u = new URL(issuer);
  } catch {
    return 'not_url';
  }
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && isLoopbackHost(u.hostname))) return 'not_https';
  if (u.username || u.password) return 'credentials';
  if (u.search || u.hash) return 'query_or_fragment';
  return null;
}

/** The name as it is stored: trimmed, NFC. */
export const providerName = (name: string): string => name.trim().normalize('NFC');

type RuleFields = Pick<ProviderValues, 'name' | 'issuer' | 'scopes' | 'admin_group_claim' | 'admin_group_value'>;

/** The rules a schema cannot say, in the order the appliance refuses by them. */
export function providerRuleProblems(p: RuleFields): ProviderProblem[] {
  const problems: ProviderProblem[] = [];
  const name = providerName(p.name);
  if (!name || hasControlCharacters(name) || hasInvisibleFormatCharacters(name))
    problems.push({ field: 'name', rule: 'visible_text' });
  const issuer = issuerProblem(p.issuer.trim());
  if (issuer) problems.push({ field: 'issuer', rule: 'issuer', reason: issuer });
  if (!p.scopes.split(' ').includes('openid')) problems.push({ field: 'scopes', rule: 'openid' });
  if ((p.admin_group_claim === null) !== (p.admin_group_value === null))
    problems.push({
      field: p.admin_group_claim === null ? 'admin_group_claim' : 'admin_group_value',
      rule: 'admin_group_pair',
    });
  return problems;
}

const fieldSchema = (field: ProviderField): TSchema & Record<string, unknown> =>
  IdentityProviderCreate.properties[field] as unknown as TSchema & Record<string, unknown>;

/** The schema's length limits of a text field (for the message); nullable fields are a union. */
function lengthLimits(schema: Record<string, unknown>): { min: number; max: number } | null {
  const text = (schema.anyOf as Record<string, unknown>[] | undefined)?.[0] ?? schema;
  return text.type === 'string' ? { min: Number(text.minLength ?? 0), max: Number(text.maxLength ?? 0) } : null;
}

/** What is wrong with one field's value by the contract's schema; null when the schema takes it. */
export function providerFieldProblem(field: ProviderField, value: unknown): ProviderProblem | null {
  const schema = fieldSchema(field);
  const checked: unknown = value; // Check narrows what it is given; `value` is read below
  if (Value.Check(schema, checked)) return null;
  const limits = lengthLimits(schema);
  if (limits && typeof value === 'string' && (value.length < limits.min || value.length > limits.max))
    return { field, rule: 'length', ...limits };
  return { field, rule: 'format' };
}

/**
 * Every problem of a provider as the form holds it, the first per field first. `secret` false:
 * the client secret is left out (an edit that keeps the stored one).
 */
export function identityProviderProblems(values: ProviderValues, opts: { secret: boolean }): ProviderProblem[] {
  const fields = PROVIDER_FIELDS.filter((f) => opts.secret || f !== 'client_secret');
  const schema = fields.map((f) => providerFieldProblem(f, values[f])).filter((p) => p !== null);
  const failed = new Set(schema.map((p) => p.field));
  return [...schema, ...providerRuleProblems(values).filter((p) => !failed.has(p.field))];
}
