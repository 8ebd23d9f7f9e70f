/** The published console releases per platform, newest first, and publishing one (./PublishReleaseForm.tsx). */
import { useTranslation } from 'react-i18next';
import { formatBytes, formatDateTime } from '../../../i18n/format.js';
import { useConsoleSoftwareStore } from '../../../stores/console-software-store.js';
import { DataTable } from '../../ui/DataTable.js';
import { PublishReleaseForm } from './PublishReleaseForm.js';

export function ReleasesPanel({ canUpload }: { canUpload: boolean }) {
  const { t, i18n } = useTranslation();
  const releases = useConsoleSoftwareStore((s) => s.releases);
  return (
    <>
      <h3 className="subsection-title">{t('software.releases')}</h3>
      <DataTable
        caption={t('software.releasesCaption')}
        className="releases-table"
        columns={[
          { label: t('software.platform') },
          { label: t('software.version') },
          { label: t('software.file') },
          { label: t('software.size') },
          { label: t('software.sha512') },
          { label: t('software.signature') },
          { label: t('software.published') },
        ]}
        rows={releases}
        empty={t('software.noReleases')}
      >
        {(r) => (
          <tr key={`${r.platform}/${r.version}`} data-release={`${r.platform}/${r.version}`}>
            <td>{t(`software.platforms.${r.platform}`, { defaultValue: r.platform })}</td>
            <td>{r.version}</td>
            <td className="break">{r.file_name}</td>
            <td className="nowrap">{formatBytes(r.size, i18n.language)}</td>
            <td>
              {/* The whole digest, for comparing with the build machine's; wrapped, not cut. */}
              <code className="digest">{r.sha512}</code>
            </td>
            <td>
              <span className={`badge ${r.signature ? 'badge--on' : 'badge--warn'}`}>
                {r.signature ? t('software.signed') : t('software.unsigned')}
              </span>
            </td>
            <td className="nowrap">{formatDateTime(r.published_at, i18n.language)}</td>
          </tr>
        )}
      </DataTable>
      {canUpload && <PublishReleaseForm />}
    </>
  );
}
