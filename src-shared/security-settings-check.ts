/**
 * The checks of the site's security settings, written once: the appliance refuses a
 * `PUT /api/admin/security` with them and Management > Security marks each field as the admin
 * types. The per-field limits are the contract's own schema (`SecuritySettings`, which the route
 * validates its body with); the one rule between fields is here.
 */
import { type TSchema } from 'typebox';
import Value from 'typebox/value';
import { SecuritySettings } from './api/site.js';

export type SecurityField = keyof SecuritySettings;

export type SettingProblem =
  /** A whole number outside its limits (or not a whole number). */
  | { field: SecurityField; rule: 'range'; min: number; max: number }
  /** Too few or too many languages. */
  | { field: 'languages'; rule: 'count'; min: number; max: number }
  | { field: 'default_language'; rule: 'language_not_enabled' }
  | { field: SecurityField; rule: 'invalid' };

export const SECURITY_FIELDS = Object.keys(SecuritySettings.properties) as SecurityField[];

const fieldSchema = (field: SecurityField): TSchema & Record<string, unknown> =>
  SecuritySettings.properties[field] as unknown as TSchema & Record<string, unknown>;

/** The field is a whole number by the schema (its input is a number field). */
export const isIntegerField = (field: SecurityField): boolean => fieldSchema(field).type === 'integer';

/** The schema's limits of a whole-number field (for the input's min/max and the message). */
export function integerLimits(field: SecurityField): { min: number; max: number } {
  const schema = fieldSchema(field);
  return { min: Number(schema.minimum ?? 0), max: Number(schema.maximum ?? Number.MAX_SAFE_INTEGER) };
}

/** The default language must be one of the enabled ones. */
export const defaultLanguageEnabled = (s: Pick<SecuritySettings, 'languages' | 'default_language'>): boolean =>
  s.languages.includes(s.default_language);

/** What is wrong with one field's value, by the contract's schema; null when it is valid. */
export function fieldProblem(field: SecurityField, value: unknown): SettingProblem | null {
  const schema = fieldSchema(field);
  if (Value.Check(schema, value)) return null;
  if (schema.type === 'integer') return { field, rule: 'range', ...integerLimits(field) };
  if (field === 'languages')
    return { field, rule: 'count', min: Number(schema.minItems ?? 1), max: Number(schema.maxItems ?? 1) };
  return { field, rule: 'invalid' };
}

/** Every problem of a complete draft of the settings; empty when the appliance would take it. */
export function securitySettingsProblems(draft: Record<SecurityField, unknown>): SettingProblem[] {
  const problems = SECURITY_FIELDS.map((f) => fieldProblem(f, draft[f])).filter((p) => p !== null);
  if (problems.length === 0 && !defaultLanguageEnabled(draft as SecuritySettings))
    problems.push({ field: 'default_language', rule: 'language_not_enabled' });
  return problems;
}
