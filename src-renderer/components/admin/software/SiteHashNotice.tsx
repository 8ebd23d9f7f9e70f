/**
 * The seed's rule: after a software update the site hash changes, so systems that already run the
 * elevation service need its registry file again. Said always; said as a warning, with the new
 * version, once a publish here has moved the site.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../lib/error-message.js';
import { host } from '../../../host/host.js';
import { useConsoleSoftwareStore } from '../../../stores/console-software-store.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';

export const REGISTRY_FILE_ID = 'elevation-service.reg';

export function SiteHashNotice() {
  const { t, i18n } = useTranslation();
  const changedTo = useConsoleSoftwareStore((s) => s.siteHashChangedTo);
  const [error, setError] = useState<string>();
  const download = () =>
    host()
      .saveDownload(REGISTRY_FILE_ID)
      .then(() => setError(undefined))
      .catch((err: unknown) => setError(errorMessage(t, err, i18n.language)));
  return (
    <div className="card site-hash" data-changed={changedTo ? 'true' : undefined}>
      <h3 className="card__title">{t('software.siteHashTitle')}</h3>
      {changedTo ? (
        <Alert kind="warning">{t('software.siteHashChanged', { version: changedTo })}</Alert>
      ) : (
        <p>{t('software.siteHashNote')}</p>
      )}
      <Button onClick={() => void download()}>{t('software.downloadRegistry')}</Button>
      {error && <Alert kind="error">{error}</Alert>}
    </div>
  );
}
