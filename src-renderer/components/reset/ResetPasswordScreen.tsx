/**
 * The page the reset mail links to (`/console/#/password-reset?token=…`): a new password with the
 * site's live checklist, sent with the token. Loaded lazily: it shares the checklist and its texts
 * with My Account.
 */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../src-shared/api-error.js';
import { host } from '../../host/host.js';
import { registerAccountTexts } from '../../i18n/account-texts.js';
import { errorMessage } from '../../lib/error-message.js';
import { policyRefusal } from '../../lib/policy-refusal.js';
import { useSiteStore } from '../../stores/site-store.js';
import { NewPasswordFields, useNewPassword } from '../account/sections/NewPasswordFields.js';
import { LoginCard } from '../login/LoginCard.js';
import { Alert } from '../ui/Alert.js';
import { Button } from '../ui/Button.js';

registerAccountTexts();

export default function ResetPasswordScreen({ token, onDone }: { token: string; onDone(): void }) {
  const { t, i18n } = useTranslation();
  const site = useSiteStore((s) => s.site)!;
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string }>();
  // The account is not known before the token is spent: the appliance adds its names when it checks.
  const password = useNewPassword({ knownWords: [site.site_name] });

  async function submit(e: FormEvent) {
    e.preventDefault();
    password.setSubmitted(true);
    setResult(undefined);
    if (!password.acceptable) return;
    setBusy(true);
    try {
      await host().confirmPasswordReset({ token, new_password: password.next });
      setResult({ ok: true, text: t('login.resetDone') });
    } catch (err) {
      if (isApiError(err) && err.code === 'password_policy') password.setRefusal(policyRefusal(err));
      else setResult({ ok: false, text: errorMessage(t, err, i18n.language) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <LoginCard titleId="reset-title" product={site.site_name} title={t('login.resetTitle')}>
      {result && <Alert kind={result.ok ? 'success' : 'error'}>{result.text}</Alert>}
      {result?.ok ? (
        <Button variant="primary" className="btn--block" onClick={onDone}>
          {t('login.goToLogin')}
        </Button>
      ) : (
        <form className="form" onSubmit={submit} noValidate>
          <p className="muted">{t('login.resetIntro')}</p>
          <NewPasswordFields state={password} idPrefix="reset" autoFocus />
          <Button type="submit" variant="primary" className="btn--block" busy={busy}>
            {t('login.resetSubmit')}
          </Button>
          <div className="form__links">
            <Button variant="link" onClick={onDone}>
              {t('login.backToLogin')}
            </Button>
          </div>
        </form>
      )}
    </LoginCard>
  );
}
