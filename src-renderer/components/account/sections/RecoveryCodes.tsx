import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { copyText, downloadText } from '../../../lib/clipboard.js';
import { useSiteStore } from '../../../stores/site-store.js';
import { useTwoFactorStore } from '../../../stores/two-factor-store.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';

/** The recovery codes, shown once: copy, download as text, then dismiss (they are not kept). */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  const { t } = useTranslation();
  const site = useSiteStore((s) => s.site);
  const dismiss = useTwoFactorStore((s) => s.dismissCodes);
  const [copied, setCopied] = useState<boolean>();
  const text = codes.join('\n');
  return (
    <div className="recovery" role="region" aria-labelledby="recovery-title">
      <h3 id="recovery-title" className="card__title" tabIndex={-1} ref={(el) => el?.focus()}>
        {t('twoFactor.codesTitle')}
      </h3>
      <p className="muted">{t('twoFactor.codesIntro')}</p>
      <ol className="recovery__codes" id="recovery-codes">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ol>
      {copied !== undefined && (
        <Alert kind={copied ? 'success' : 'error'}>{copied ? t('common.copied') : t('common.copyFailed')}</Alert>
      )}
      <div className="form__actions">
        <Button onClick={() => void copyText(text).then(setCopied)}>{t('twoFactor.copyCodes')}</Button>
        <Button
          onClick={() =>
            downloadText(`${(site?.site_name ?? 'recovery').replace(/[^\w.-]+/g, '-')}-recovery-codes.txt`, `${text}\n`)
          }
        >
          {t('twoFactor.downloadCodes')}
        </Button>
        <Button variant="primary" onClick={dismiss}>
          {t('twoFactor.codesDone')}
        </Button>
      </div>
    </div>
  );
}
