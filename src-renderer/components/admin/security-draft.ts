/**
 * Management > Security's form state: the settings as the admin types them (whole numbers as the
 * text in their field), read back into values, checked by the contract's own checks
 * (src-shared/security-settings-check.ts, which the appliance refuses a PUT with), and compared
 * with what is stored.
 */
import { type SecuritySettings, type SecuritySettingsPatch } from '../../../src-shared/api/site.js';
import {
  isIntegerField,
  SECURITY_FIELDS,
  type SecurityField,
  type SettingProblem,
  securitySettingsProblems,
} from '../../../src-shared/security-settings-check.js';

export type SecurityDraft = { [K in SecurityField]: SecuritySettings[K] extends number ? string : SecuritySettings[K] };
type Values = Record<SecurityField, unknown>;

export function draftOf(settings: SecuritySettings): SecurityDraft {
  const draft = { ...settings } as Record<string, unknown>;
  for (const f of SECURITY_FIELDS) if (typeof settings[f] === 'number') draft[f] = String(settings[f]);
  return draft as SecurityDraft;
}

/** The draft's values: digits become numbers; any other text stays text, which the schema refuses. */
export function valuesOf(draft: SecurityDraft): Values {
  const values = { ...draft } as Values;
  for (const f of SECURITY_FIELDS) {
    const v = draft[f];
    if (typeof v === 'string' && isNumberField(f)) values[f] = /^\s*-?\d+\s*$/.test(v) ? Number(v) : v;
  }
  return values;
}

export const isNumberField = isIntegerField;

/** Each field's first problem. */
export function problemsByField(draft: SecurityDraft): Partial<Record<SecurityField, SettingProblem>> {
  const out: Partial<Record<SecurityField, SettingProblem>> = {};
  for (const p of securitySettingsProblems(valuesOf(draft))) out[p.field] ??= p;
  return out;
}

export interface FieldChange {
  field: SecurityField;
  old: unknown;
  new: unknown;
}

/** The fields whose value differs from `saved`, in the form's order. */
export function changesOf(saved: SecuritySettings, values: Values): FieldChange[] {
  return SECURITY_FIELDS.filter((f) => JSON.stringify(saved[f]) !== JSON.stringify(values[f])).map((f) => ({
    field: f,
    old: saved[f],
    new: values[f],
  }));
}

export const patchOf = (changes: FieldChange[]): SecuritySettingsPatch =>
  Object.fromEntries(changes.map((c) => [c.field, c.new])) as SecuritySettingsPatch;
