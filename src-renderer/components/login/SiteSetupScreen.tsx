/**
 * Desktop console, first run without a site binding (no MSI SITEURL, no --site=): the address of
 * the appliance, saved through the preload's site bridge, then the normal start (site, login).
 */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { siteFromBridge } from '../../../src-shared/console-bridge.js';
import { errorMessage } from '../../lib/error-message.js';
import { useAuthStore } from '../../stores/auth-store.js';
import { Button } from '../ui/Button.js';
import { Field } from '../ui/Field.js';
import { LoginCard } from './LoginCard.js';

export default function SiteSetupScreen() {
  const { t, i18n } = useTranslation();
  const [url, setUrl] = useState('https://');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!window.consoleSite) return;
    setBusy(true);
    setError(undefined);
    try {
      await siteFromBridge(window.consoleSite).set(url.trim());
      await useAuthStore.getState().start();
    } catch (err) {
      setError(errorMessage(t, err, i18n.language));
    } finally {
      setBusy(false);
    }
  }

  return (
    <LoginCard titleId="site-title" product={t('app.title')} title={t('siteSetup.title')} languagePicker={false}>
      <form className="form" onSubmit={submit} noValidate>
        <p className="muted">{t('siteSetup.intro')}</p>
        <Field
          label={t('siteSetup.url')}
          hint={t('siteSetup.urlHint')}
          name="site_url"
          type="url"
          inputMode="url"
          autoComplete="url"
          spellCheck={false}
          autoFocus
          required
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          error={error}
        />
        <Button type="submit" variant="primary" className="btn--block" busy={busy}>
          {t('siteSetup.save')}
        </Button>
      </form>
    </LoginCard>
  );
}
