/** The changed settings, field: old → new (before saving, and what the appliance stored). */
import { type TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { type SecurityField } from '../../../src-shared/security-settings-check.js';
import { auditValue } from './audit-values.js';

export interface Change {
  field: string;
  old: unknown;
  new: unknown;
}

function valueText(t: TFunction, field: string, value: unknown): string {
  if (field === 'passkey_user_verification' && typeof value === 'string')
    return t(`security.verification.${value}`, { defaultValue: value });
  if ((field === 'languages' || field === 'default_language') && value !== null)
    return ([] as unknown[])
      .concat(value)
      .map((l) => t(`security.languageNames.${String(l)}`, { defaultValue: String(l) }))
      .join(', ');
  return auditValue(t, value);
}

export function ChangeList({
  changes,
  labelOf,
  id,
}: {
  changes: Change[];
  labelOf(field: SecurityField | string): string;
  id?: string;
}) {
  const { t } = useTranslation();
  return (
    <ul className="change-list" id={id}>
      {changes.map((c) => (
        <li key={c.field} data-field={c.field}>
          <span className="change-list__field">{labelOf(c.field)}</span>: {valueText(t, c.field, c.old)} →{' '}
          {valueText(t, c.field, c.new)}
        </li>
      ))}
    </ul>
  );
}
