import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../lib/error-message.js';
import { useAccountStore } from '../../../stores/account-store.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { Section } from '../../ui/Section.js';

/** Extended availability: on/off with what it means; disabled and explained when the admin has not allowed it. */
export function AvailabilitySection() {
  const { t, i18n } = useTranslation();
  const account = useAccountStore((s) => s.account)!;
  const update = useAccountStore((s) => s.update);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string }>();
  const { allowed, enabled } = account.extended_availability;

  async function toggle() {
    setBusy(true);
    setResult(undefined);
    try {
      const next = await update({ extended_availability_enabled: !enabled });
      setResult({
        ok: true,
        text: next.extended_availability.enabled ? t('availability.enabledNow') : t('availability.disabledNow'),
      });
    } catch (err) {
      setResult({ ok: false, text: errorMessage(t, err, i18n.language) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section id="availability" title={t('nav.availability')} intro={t('availability.intro')}>
      <div className="card">
        <div className="status-row">
          <span className={`badge ${enabled ? 'badge--on' : 'badge--off'}`}>
            {enabled ? t('common.on') : t('common.off')}
          </span>
          <p id="availability-status">{enabled ? t('availability.statusOn') : t('availability.statusOff')}</p>
        </div>
        {!allowed && (
          <p className="muted" id="availability-not-allowed">
            {t('availability.notAllowed')}
          </p>
        )}
        {allowed && !account.email_address && <p className="muted">{t('availability.noEmail')}</p>}
        {result && <Alert kind={result.ok ? 'success' : 'error'}>{result.text}</Alert>}
        <div className="form__actions">
          <Button
            variant={enabled ? 'secondary' : 'primary'}
            busy={busy}
            disabled={!allowed}
            onClick={() => void toggle()}
            aria-describedby={allowed ? 'availability-status' : 'availability-not-allowed'}
          >
            {enabled ? t('availability.disable') : t('availability.enable')}
          </Button>
        </div>
      </div>
    </Section>
  );
}
