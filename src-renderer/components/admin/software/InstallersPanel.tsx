/**
 * The installers of the downloads catalog (display driver, virtual smart card, elevation service,
 * per architecture): what technicians can download now, and adding or replacing one by upload.
 */
import { type FormEvent, useState } from 'react';
import { type TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { type DownloadItem } from '../../../../src-shared/api/downloads.js';
import { errorMessage } from '../../../lib/error-message.js';
import { formatBytes } from '../../../i18n/format.js';
import { useConsoleSoftwareStore } from '../../../stores/console-software-store.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { DataTable } from '../../ui/DataTable.js';
import { SelectField } from '../../ui/Field.js';
import { TransferBar } from '../../ui/TransferBar.js';
import { FileField } from './FileField.js';
import { host } from '../../../host/host.js';
import { type UploadFile } from '../../../../src-shared/console-api.js';

const INSTALLER_KINDS = ['display_driver', 'virtual_smart_card', 'elevation_service'] as const;

export const isInstaller = (d: DownloadItem): boolean =>
  (INSTALLER_KINDS as readonly string[]).includes(d.kind) && d.format !== 'reg';

/** "Virtual smart card · endpoint · arm64" */
export function installerName(t: TFunction, d: DownloadItem): string {
  return [t(`software.kinds.${d.kind}`), d.audience ? t(`software.audiences.${d.audience}`) : null, d.arch]
    .filter(Boolean)
    .join(' · ');
}

export function InstallersPanel({ canUpload }: { canUpload: boolean }) {
  const { t, i18n } = useTranslation();
  const downloads = useConsoleSoftwareStore((s) => s.downloads);
  const installers = downloads?.filter(isInstaller) ?? null;
  return (
    <>
      <h3 className="subsection-title">{t('software.installers')}</h3>
      <p className="muted">{t('software.installersIntro')}</p>
      <DataTable
        caption={t('software.installersCaption')}
        columns={[
          { label: t('software.item') },
          { label: t('software.file') },
          { label: t('software.size') },
          { label: t('software.state') },
        ]}
        rows={installers}
        empty={t('software.notProvided')}
      >
        {(d) => (
          <tr key={d.id} data-download={d.id}>
            <td>{installerName(t, d)}</td>
            <td className="break">{d.available ? d.file_name : '—'}</td>
            <td className="nowrap">{d.size !== null ? formatBytes(d.size, i18n.language) : '—'}</td>
            <td>
              <span className={`badge ${d.available ? 'badge--on' : 'badge--off'}`}>
                {d.available ? t('software.available') : t('software.notProvided')}
              </span>
            </td>
          </tr>
        )}
      </DataTable>
      {canUpload && installers && installers.length > 0 && <ReplaceInstallerForm installers={installers} />}
    </>
  );
}

function ReplaceInstallerForm({ installers }: { installers: DownloadItem[] }) {
  const { t, i18n } = useTranslation();
  const { replaceDownload, upload } = useConsoleSoftwareStore();
  const [id, setId] = useState(installers[0]!.id);
  const [file, setFile] = useState<UploadFile | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const busy = upload?.target.kind === 'download';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setMessage(undefined);
    if (!file) return;
    try {
      const item = await replaceDownload({ id, file, file_name: file.name });
      setMessage({ ok: true, text: t('software.replaced_ok', { name: installerName(t, item) }) });
    } catch (err) {
      setMessage({ ok: false, text: errorMessage(t, err, i18n.language) });
    }
  };

  return (
    <form className="card form-grid" onSubmit={(e) => void submit(e)} aria-labelledby="replace-installer-title">
      <h4 className="card__title" id="replace-installer-title">
        {t('software.replaceTitle')}
      </h4>
      <SelectField
        label={t('software.replaceWhich')}
        value={id}
        onChange={setId}
        options={installers.map((d) => ({ value: d.id, label: `${installerName(t, d)} (${d.file_name})` }))}
      />
      <FileField label={t('software.replaceFile')} pick={host().uploads?.pickFile} onChange={setFile} />
      {busy && upload && (
        <TransferBar progress={upload.progress} label={t('software.uploading', { name: file?.name ?? '' })} />
      )}
      {message && <Alert kind={message.ok ? 'success' : 'error'}>{message.text}</Alert>}
      <div>
        <Button type="submit" variant="primary" busy={busy}>
          {t('software.replace')}
        </Button>
      </div>
    </form>
  );
}
