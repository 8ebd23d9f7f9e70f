/**
 * The site's password rules, checked live by the same evaluator the appliance enforces with. Rules
 * only the appliance can check (the common-password list, history) read "checked when you save"
 * until it has answered; the appliance's `failed_rules` then mark them.
 */
import { useTranslation } from 'react-i18next';
import { type PasswordRuleId, type PasswordRuleResult } from '../../../../src-shared/password-policy.js';
import './password-checklist.css';

export type RuleState = 'passed' | 'failed' | 'pending';

export function ruleState(
  rule: PasswordRuleResult,
  serverFailed: readonly PasswordRuleId[],
  hasInput: boolean,
): RuleState {
  if (serverFailed.includes(rule.id)) return 'failed';
  if (!rule.checked) return 'pending';
  if (!hasInput) return 'pending';
  return rule.passed ? 'passed' : 'failed';
}

export function PasswordChecklist({
  id,
  rules,
  serverFailed,
  hasInput,
}: {
  id: string;
  rules: PasswordRuleResult[];
  serverFailed: readonly PasswordRuleId[];
  hasInput: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className="checklist" id={id}>
      <p className="checklist__title">{t('password.rulesTitle')}</p>
      <ul>
        {rules.map((rule) => {
          const state = ruleState(rule, serverFailed, hasInput);
          return (
            <li
              key={rule.id}
              className={`checklist__item checklist__item--${state}`}
              data-rule={rule.id}
              data-state={state}
            >
              <span className="checklist__mark" aria-hidden="true" />
              <span>{t(`password.rules.${rule.id}`, rule.params)}</span>
              <span className="visually-hidden">: {t(`password.ruleStatus.${state}`)}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
