/**
 * Management > Console software ("Konsolensoftware"): the published releases and publishing one,
 * the installers of the downloads catalog, and the update tokens of console installs. Uploads run
 * wherever the host has them (AdminUploads: the browser's, or main's in the desktop console); a
 * host without them shows the rest and says where to publish.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../lib/error-message.js';
import { host } from '../../../host/host.js';
import { useConsoleSoftwareStore } from '../../../stores/console-software-store.js';
import { useSiteStore } from '../../../stores/site-store.js';
import { Alert } from '../../ui/Alert.js';
import { Section } from '../../ui/Section.js';
import { InstallersPanel } from './InstallersPanel.js';
import { ReleasesPanel } from './ReleasesPanel.js';
import { SiteHashNotice } from './SiteHashNotice.js';
import { UpdateTokensPanel } from './UpdateTokensPanel.js';

export function ConsoleSoftwareScreen() {
  const { t, i18n } = useTranslation();
  const load = useConsoleSoftwareStore((s) => s.load);
  const publicUrl = useSiteStore((s) => s.site?.public_url) ?? '';
  const [error, setError] = useState<string>();
  const canUpload = !!host().uploads;

  useEffect(() => {
    load().catch((err: unknown) => setError(errorMessage(t, err, i18n.language)));
    // Read once when the screen opens.
  }, []);

  return (
    <Section id="software" title={t('nav.management.software')} intro={t('software.intro')}>
      {error && <Alert kind="error">{error}</Alert>}
      {!canUpload && <Alert kind="info">{t('software.desktopUploads', { url: `${publicUrl}/console/` })}</Alert>}
      <SiteHashNotice />
      <ReleasesPanel canUpload={canUpload} />
      <InstallersPanel canUpload={canUpload} />
      <UpdateTokensPanel />
    </Section>
  );
}
