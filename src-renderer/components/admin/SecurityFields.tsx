/** One setting of Management > Security: a whole number or a switch, its label, hint and live problem. */
import { type TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { type SecurityField, type SettingProblem } from '../../../src-shared/security-settings-check.js';
import { CheckField, Field } from '../ui/Field.js';
import { type SecurityDraft } from './security-draft.js';

export interface DraftProps {
  draft: SecurityDraft;
  problems: Partial<Record<SecurityField, SettingProblem>>;
  set(patch: Partial<SecurityDraft>): void;
}

export function problemText(t: TFunction, problem: SettingProblem | undefined): string | undefined {
  if (!problem) return undefined;
  return 'min' in problem
    ? t(`security.problems.${problem.rule}`, { min: problem.min, max: problem.max })
    : t(`security.problems.${problem.rule}`);
}

const hintOf = (t: TFunction, field: string): string | undefined => {
  const key = `security.hints.${field}`;
  return t(key, { defaultValue: '' }) || undefined;
};

type NumberField = {
  [K in SecurityField]: SecurityDraft[K] extends string ? K : never;
}[SecurityField];
type SwitchField = { [K in SecurityField]: SecurityDraft[K] extends boolean ? K : never }[SecurityField];

export function NumberSetting({
  field,
  draft,
  problems,
  set,
  disabled,
}: DraftProps & { field: NumberField; disabled?: boolean }) {
  const { t } = useTranslation();
  return (
    <Field
      id={`security-${field}`}
      label={t(`security.fields.${field}`)}
      hint={hintOf(t, field)}
      error={problemText(t, problems[field])}
      inputMode="numeric"
      autoComplete="off"
      value={draft[field]}
      disabled={disabled}
      onChange={(e) => set({ [field]: e.target.value })}
    />
  );
}

export function SwitchSetting({ field, draft, set }: Omit<DraftProps, 'problems'> & { field: SwitchField }) {
  const { t } = useTranslation();
  return (
    <CheckField
      id={`security-${field}`}
      label={t(`security.fields.${field}`)}
      hint={hintOf(t, field)}
      checked={draft[field]}
      onChange={(v) => set({ [field]: v })}
    />
  );
}
