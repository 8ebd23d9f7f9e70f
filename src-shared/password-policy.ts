/**
 * The password-policy evaluator: the one piece of code that decides whether a new password meets
 * the site's rules (/login > Management > Security). The appliance enforces with it; the renderer
 * draws its live checklist with it, so both always agree.
 *
 * Length counts Unicode code points, not UTF-16 units, so an emoji is one character (ASVS 6.2.x:
 * any Unicode, no composition rules beyond what the admin turned on).
 *
 * "Block common passwords" turns on the two guessability rules: `not_common` (the whole password is
 * on the breach list) and `strength` (zxcvbn's score at least `min_password_strength`; 0 leaves
 * only the breach list).
 */
import { type PasswordPolicy, MAX_PASSWORD_LENGTH } from './api/site.js';
import { type StrengthEstimate, type StrengthEstimator } from './password-strength.js';

export type PasswordRuleId =
  | 'min_length'
  | 'max_length'
  | 'lowercase'
  | 'uppercase'
  | 'digit'
  | 'symbol'
  | 'not_username'
  | 'not_common'
  | 'strength'
  | 'not_reused';

export interface PasswordRuleResult {
  id: PasswordRuleId;
  passed: boolean;
  /** Values the message needs, e.g. `{ min: 8 }`. */
  params: Record<string, number | string>;
  /** False for rules only the appliance can check (history); the checklist shows them as pending. */
  checked: boolean;
}

export interface PasswordEvaluation {
  ok: boolean;
  rules: PasswordRuleResult[];
  failed_rules: PasswordRuleId[];
  /** The guessability estimate, when an estimator was given and the policy checks it. */
  strength?: StrengthEstimate;
}

export interface PasswordContext {
  username?: string;
  /** Words an attacker knows about the account: display names, email address, site name. */
  userInputs?: readonly string[];
  /** zxcvbn with its dictionaries; absent until loaded, when the two rules that need it are pending. */
  estimator?: StrengthEstimator;
  /** History lookup (appliance only). */
  wasUsedBefore?: boolean;
}

const HAS_LOWER = /\p{Ll}/u;
const HAS_UPPER = /\p{Lu}/u;
const HAS_DIGIT = /\p{Nd}/u;
const HAS_SYMBOL = /[^\p{L}\p{Nd}]/u;

export function codePointLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

export function evaluatePassword(
  password: string,
  policy: PasswordPolicy,
  ctx: PasswordContext = {},
): PasswordEvaluation {
  const length = codePointLength(password);
  const max = Math.min(policy.max_password_length || MAX_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH);
  const rules: PasswordRuleResult[] = [
    {
      id: 'min_length',
      passed: length >= policy.min_password_length,
      params: { min: policy.min_password_length },
      checked: true,
    },
    { id: 'max_length', passed: length <= max, params: { max }, checked: true },
  ];
  if (policy.require_complex_passwords) {
    rules.push(
      { id: 'lowercase', passed: HAS_LOWER.test(password), params: {}, checked: true },
      { id: 'uppercase', passed: HAS_UPPER.test(password), params: {}, checked: true },
      { id: 'digit', passed: HAS_DIGIT.test(password), params: {}, checked: true },
      { id: 'symbol', passed: HAS_SYMBOL.test(password), params: {}, checked: true },
    );
  }
  if (ctx.username !== undefined && ctx.username.length > 0) {
    const lowered = password.toLowerCase();
    const user = ctx.username.toLowerCase();
    rules.push({
      id: 'not_username',
      passed: !(lowered.includes(user) || (user.includes(lowered) && lowered.length > 0)),
      params: {},
      checked: true,
    });
  }
  let strength: StrengthEstimate | undefined;
  if (policy.block_common_passwords) {
    const inputs = [ctx.username ?? '', ...(ctx.userInputs ?? [])].filter((s) => s.length > 0);
    strength = ctx.estimator && length > 0 ? ctx.estimator(password, inputs) : undefined;
    const checked = ctx.estimator !== undefined;
    rules.push({ id: 'not_common', passed: !strength?.common, params: {}, checked });
    if (policy.min_password_strength > 0) {
      rules.push({
        id: 'strength',
        passed: strength ? strength.score >= policy.min_password_strength : !checked,
        params: { min: policy.min_password_strength, score: strength?.score ?? 0, reason: strength?.reason ?? '' },
        checked,
      });
    }
  }
  if (policy.password_history > 0) {
    const checked = ctx.wasUsedBefore !== undefined;
    rules.push({
      id: 'not_reused',
      passed: checked ? !ctx.wasUsedBefore : true,
      params: { count: policy.password_history },
      checked,
    });
  }
  const failed_rules = rules.filter((r) => !r.passed).map((r) => r.id);
  return { ok: failed_rules.length === 0, rules, failed_rules, ...(strength ? { strength } : {}) };
}
