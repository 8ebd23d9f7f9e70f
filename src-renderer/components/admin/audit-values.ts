/** How an audit line's values read: yes/no, lists, empty; kinds by their translated name when known. */
import { type TFunction } from 'i18next';
import { AUDIT_KINDS } from '../../../src-shared/api/audit.js';

export function auditValue(t: TFunction, value: unknown): string {
  if (value === null || value === undefined || value === '') return t('audit.none');
  if (value === true) return t('audit.yes');
  if (value === false) return t('audit.no');
  if (Array.isArray(value)) return value.map((v) => auditValue(t, v)).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function auditKindLabel(t: TFunction, kind: string): string {
  return (AUDIT_KINDS as readonly string[]).includes(kind) ? t(`audit.kinds.${kind.replace('.', '_')}`) : kind;
}
