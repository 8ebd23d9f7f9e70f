import { useTranslation } from 'react-i18next';
import { type DownloadItem } from '../../../../src-shared/api/downloads.js';
import { formatBytes } from '../../../i18n/format.js';
import { useSiteStore } from '../../../stores/site-store.js';

/** One download: a link with the file's name and size, or "unavailable" with the reason. */
export function DownloadLink({ item, label, fallbackReason }: { item: DownloadItem | undefined; label: string; fallbackReason: string }) {
  const { t, i18n } = useTranslation();
  const site = useSiteStore((s) => s.site);
  if (!item || !item.available) {
    return (
      <div className="download download--unavailable" data-available="false">
        <span className="download__icon" aria-hidden="true" />
        <div>
          <p className="download__label">{label}</p>
          {/* The appliance's reason is in English; the page gives its own, localized one. */}
          <p className="download__meta" title={item?.note || undefined}><span className="badge badge--off">{t('downloads.unavailable')}</span> {fallbackReason}</p>
        </div>
      </div>
    );
  }
  const href = new URL(item.url, site?.public_url ? `${site.public_url}/` : window.location.href).toString();
  return (
    <div className="download" data-available="true">
      <span className="download__icon" aria-hidden="true" />
      <div>
        <a className="download__label" href={href} download={item.file_name}>{label}</a>
        <p className="download__meta">
          {item.file_name}{item.size !== null ? ` · ${formatBytes(item.size, i18n.language)}` : ''}
          {item.sha256 ? <span className="download__hash" title="SHA-256"> · SHA-256 {item.sha256.slice(0, 16)}…</span> : null}
        </p>
      </div>
    </div>
  );
}
