/** What the appliance's `422 password_policy` said: the rules it failed and its strength estimate. */
import { type ApiError } from '../../src-shared/api-error.js';
import { type PasswordRuleId } from '../../src-shared/password-policy.js';
import { type StrengthEstimate } from '../../src-shared/password-strength.js';

export interface PolicyRefusal {
  failed: PasswordRuleId[];
  strength?: StrengthEstimate;
}

export function policyRefusal(err: ApiError): PolicyRefusal {
  return {
    failed: (err.details.failed_rules as PasswordRuleId[] | undefined) ?? [],
    strength: err.details.strength as StrengthEstimate | undefined,
  };
}
