/**
 * How hard the new password is to guess: zxcvbn's score as a four-segment meter, its name, and,
 * while it is below the site's minimum, the reason (e.g. "a common word with digits added").
 */
import { useTranslation } from 'react-i18next';
import { type StrengthEstimate } from '../../../../src-shared/password-strength.js';

export function StrengthMeter({ strength, min }: { strength: StrengthEstimate | undefined; min: number }) {
  const { t } = useTranslation();
  if (!strength) {
    return (
      <p className="strength strength--pending" data-strength="pending">
        {t('password.strength.pending')}
      </p>
    );
  }
  const weak = strength.score < min;
  const label = t(`password.strength.score${strength.score}`);
  return (
    <div className="strength" data-strength={strength.score} data-weak={weak}>
      <div
        className="strength__bar"
        role="meter"
        aria-label={t('password.strength.label')}
        aria-valuemin={0}
        aria-valuemax={4}
        aria-valuenow={strength.score}
        aria-valuetext={label}
      >
        {[1, 2, 3, 4].map((n) => (
          <span key={n} className={`strength__segment${n <= strength.score ? ' strength__segment--on' : ''}`} />
        ))}
      </div>
      <p className="strength__text">
        {t('password.strength.label')}: <strong>{label}</strong>
        {weak && strength.reason && (
          <span className="strength__reason" data-reason={strength.reason}>
            {' '}
            — {t('password.strength.tooGuessable', { reason: t(`password.strength.reasons.${strength.reason}`) })}
          </span>
        )}
      </p>
    </div>
  );
}
