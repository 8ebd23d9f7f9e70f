/**
 * The site's password rules, checked live by the same evaluator the appliance enforces with, and
 * the strength meter. Rules only the appliance can check (history; the breach list and strength
 * until the dictionaries have loaded) read "checked when you save" until it has answered; the
 * appliance's `failed_rules` then mark them.
 */
import { useTranslation } from 'react-i18next';
import {
  type PasswordEvaluation,
  type PasswordRuleId,
  type PasswordRuleResult,
} from '../../../../src-shared/password-policy.js';
import { type StrengthEstimate } from '../../../../src-shared/password-strength.js';
import { StrengthMeter } from './StrengthMeter.js';
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
  evaluation,
  serverFailed,
  serverStrength,
  hasInput,
}: {
  id: string;
  evaluation: PasswordEvaluation;
  serverFailed: readonly PasswordRuleId[];
  /** The appliance's estimate from its refusal of this password (it may know more words than the page). */
  serverStrength?: StrengthEstimate;
  hasInput: boolean;
}) {
  const { t } = useTranslation();
  const rules = evaluation.rules;
  const strengthRule = rules.find((r) => r.id === 'strength');
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
      {strengthRule && hasInput && (
        <StrengthMeter strength={serverStrength ?? evaluation.strength} min={Number(strengthRule.params.min)} />
      )}
    </div>
  );
}
