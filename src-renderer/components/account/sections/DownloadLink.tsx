import { type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { type DownloadItem } from '../../../../src-shared/api/downloads.js';
import { formatBytes } from '../../../i18n/format.js';
import { errorMessage } from '../../../lib/error-message.js';
import { useDownloadsStore } from '../../../stores/downloads-store.js';
import { useSiteStore } from '../../../stores/site-store.js';
import { TransferBar } from '../../ui/TransferBar.js';

/**
 * One download: a link with the file's name and size, or "unavailable" with the reason. The link
 * stays a real link (copy, keyboard, screen readers); a click goes through the host, because in
 * the desktop console only main holds the session that may fetch the file.
 */
export function DownloadLink({
  item,
  label,
  fallbackReason,
}: {
  item: DownloadItem | undefined;
  label: string;
  fallbackReason: string;
}) {
  const { t, i18n } = useTranslation();
  const site = useSiteStore((s) => s.site);
  const saving = useDownloadsStore((s) => (item ? s.saves[item.id] : undefined));
  const save = useDownloadsStore((s) => s.save);
  // Main reports how far a save is (desktop console); the browser shows its own download.
  const progress = useDownloadsStore((s) => (item ? s.progress[item.id] : undefined));
  if (!item || !item.available) {
    return (
      <div className="download download--unavailable" data-available="false">
        <span className="download__icon" aria-hidden="true" />
        <div>
          <p className="download__label">{label}</p>
          {/* The appliance's reason is in English; the page gives its own, localized one. */}
          <p className="download__meta" title={item?.note || undefined}>
            <span className="badge badge--off">{t('downloads.unavailable')}</span> {fallbackReason}
          </p>
        </div>
      </div>
    );
  }
  const href = new URL(item.url, site?.public_url ? `${site.public_url}/` : window.location.href).toString();
  const onClick = (e: MouseEvent) => {
    e.preventDefault();
    void save(item.id);
  };
  const outcome = !saving
    ? ''
    : saving.busy
      ? t('downloads.saving')
      : 'error' in saving
        ? errorMessage(t, saving.error, i18n.language)
        : saving.saved_to
          ? t('downloads.savedTo', { path: saving.saved_to })
          : '';
  return (
    <div className="download" data-available="true">
      <span className="download__icon" aria-hidden="true" />
      <div>
        <a
          className="download__label"
          href={href}
          download={item.file_name}
          onClick={onClick}
          aria-busy={saving?.busy || undefined}
        >
          {label}
        </a>
        <p className="download__meta">
          {item.file_name}
          {item.size !== null ? ` · ${formatBytes(item.size, i18n.language)}` : ''}
          {item.sha256 ? (
            <span className="download__hash" title="SHA-256">
              {' '}
              · SHA-256 {item.sha256.slice(0, 16)}…
            </span>
          ) : null}
        </p>
        {saving?.busy && progress ? <TransferBar progress={progress} label={label} /> : null}
        <p className={`download__meta${saving && 'error' in saving ? ' download__meta--error' : ''}`} role="status">
          {outcome}
        </p>
      </div>
    </div>
  );
}
