/**
 * Two-factor authentication (seed: "Zwei-Faktor-Authentifizierung"): enable → QR code and the code
 * for manual entry → password + code → Activate → recovery codes shown once. When on: switch app
 * (password and the current factor to start, again with the new app's code to finish), regenerate
 * recovery codes, disable (refused and explained when enforced). Loaded lazily: the QR library is
 * only needed here.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../lib/error-message.js';
import { formatNumber } from '../../../i18n/format.js';
import { useAccountStore } from '../../../stores/account-store.js';
import { useTwoFactorStore } from '../../../stores/two-factor-store.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { Card, Section } from '../../ui/Section.js';
import { ProofForm } from './ProofForm.js';
import { QrCode } from './QrCode.js';
import { RecoveryCodes } from './RecoveryCodes.js';
import { ProviderManaged } from './ProviderManaged.js';

type Action = 'switch' | 'regenerate' | 'disable' | null;

/** Groups the base32 secret in fours so it can be typed without losing one's place. */
export const groupSecret = (secret: string) =>
  secret
    .replace(/\s+/g, '')
    .match(/.{1,4}/g)
    ?.join(' ') ?? secret;

/** Two-factor here, or, for a person who signs in through an identity provider only, where it lives. */
export default function TwoFactorSection() {
  const { t } = useTranslation();
  const local = useAccountStore((s) => s.account?.local_password ?? true);
  return local ? <TwoFactor /> : <ProviderManaged id="two-factor" title={t('nav.two-factor')} />;
}

function TwoFactor() {
  const { t, i18n } = useTranslation();
  const account = useAccountStore((s) => s.account)!;
  const { setup, recoveryCodes, begin, cancel, activate, disable, regenerate } = useTwoFactorStore();
  const [action, setAction] = useState<Action>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string }>();
  const { enabled, required, recovery_codes_left } = account.two_factor;

  async function start() {
    setBusy(true);
    setResult(undefined);
    try {
      await begin();
    } catch (err) {
      setResult({ ok: false, text: errorMessage(t, err, i18n.language) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section id="two-factor" title={t('nav.two-factor')} intro={t('twoFactor.intro')}>
      <Card>
        <div className="status-row">
          <span className={`badge ${enabled ? 'badge--on' : 'badge--off'}`}>
            {enabled ? t('common.on') : t('common.off')}
          </span>
          <p id="two-factor-status">
            {enabled ? t('twoFactor.statusOn') : t('twoFactor.statusOff')}
            {enabled && (
              <>
                {' '}
                {t('twoFactor.codesLeft', {
                  count: recovery_codes_left,
                  n: formatNumber(recovery_codes_left, i18n.language),
                })}
              </>
            )}
          </p>
        </div>
        {required && (
          <p className="muted" id="two-factor-required">
            {t('twoFactor.required')}
          </p>
        )}
        {result && <Alert kind={result.ok ? 'success' : 'error'}>{result.text}</Alert>}
        {!setup && !recoveryCodes && (
          <div className="form__actions">
            {!enabled && (
              <Button variant="primary" busy={busy} onClick={() => void start()}>
                {t('twoFactor.enable')}
              </Button>
            )}
            {enabled && (
              <Button
                onClick={() => {
                  setAction('switch');
                  setResult(undefined);
                }}
              >
                {t('twoFactor.switchApp')}
              </Button>
            )}
            {enabled && (
              <Button
                onClick={() => {
                  setAction('regenerate');
                  setResult(undefined);
                }}
              >
                {t('twoFactor.regenerate')}
              </Button>
            )}
            {enabled && (
              <Button
                variant="danger"
                disabled={required}
                aria-describedby={required ? 'two-factor-required' : undefined}
                onClick={() => {
                  setAction('disable');
                  setResult(undefined);
                }}
              >
                {t('twoFactor.disable')}
              </Button>
            )}
          </div>
        )}
        {enabled && required && <p className="muted">{t('twoFactor.cannotDisable')}</p>}
      </Card>

      {setup && (
        <Card title={enabled ? t('twoFactor.switchTitle') : t('twoFactor.setupTitle')}>
          <div className="enrol">
            <QrCode value={setup.otpauth_uri} alt={t('twoFactor.qrAlt')} />
            <div className="enrol__steps">
              <p>{t('twoFactor.scan')}</p>
              <p className="muted">{t('twoFactor.manual')}</p>
              <p>
                <code className="secret" id="two-factor-secret" data-secret={setup.secret}>
                  {groupSecret(setup.secret)}
                </code>
              </p>
              <ProofForm
                idPrefix="activate"
                submitLabel={t('twoFactor.activate')}
                withCurrentCode={enabled}
                onCancel={cancel}
                onSubmit={async ({ current_password, code, current_code }) => {
                  await activate({ current_password, code, ...(enabled ? { current_code } : {}) });
                  setResult({ ok: true, text: enabled ? t('twoFactor.switched') : t('twoFactor.activated') });
                }}
              />
            </div>
          </div>
        </Card>
      )}

      {recoveryCodes && (
        <Card>
          <RecoveryCodes codes={recoveryCodes} />
        </Card>
      )}

      {action === 'switch' && !setup && !recoveryCodes && (
        <Card title={t('twoFactor.switchApp')}>
          <p className="muted">{t('twoFactor.switchIntro')}</p>
          <ProofForm
            idPrefix="switch"
            submitLabel={t('twoFactor.switchStart')}
            withCode={false}
            withCurrentCode
            onCancel={() => setAction(null)}
            onSubmit={async ({ current_password, current_code }) => {
              await begin({ current_password, current_code });
              setAction(null);
            }}
          />
        </Card>
      )}

      {action === 'regenerate' && !setup && !recoveryCodes && (
        <Card title={t('twoFactor.regenerate')}>
          <p className="muted">{t('twoFactor.regenerateIntro')}</p>
          <ProofForm
            idPrefix="regenerate"
            submitLabel={t('twoFactor.regenerate')}
            onCancel={() => setAction(null)}
            onSubmit={async ({ current_password, code }) => {
              await regenerate({ current_password, code });
              setAction(null);
            }}
          />
        </Card>
      )}
      {action === 'disable' && !required && !setup && !recoveryCodes && (
        <Card title={t('twoFactor.disable')}>
          <p className="muted">{t('twoFactor.disableIntro')}</p>
          <ProofForm
            idPrefix="disable"
            variant="danger"
            submitLabel={t('twoFactor.disable')}
            onCancel={() => setAction(null)}
            onSubmit={async ({ current_password, code }) => {
              await disable({ current_password, code });
              setAction(null);
              setResult({ ok: true, text: t('twoFactor.disabledNow') });
            }}
          />
        </Card>
      )}
    </Section>
  );
}
