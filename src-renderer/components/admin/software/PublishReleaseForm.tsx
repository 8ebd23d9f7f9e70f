/**
 * Publishing a console build: platform, version, the build file and its .sig, sent with a progress
 * bar. The appliance checks the signature as `publish-console` does; a refusal is said in words.
 */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONSOLE_PLATFORMS } from '../../../../src-shared/api/updates.js';
import { errorMessage } from '../../../lib/error-message.js';
import { useConsoleSoftwareStore } from '../../../stores/console-software-store.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { Field, SelectField } from '../../ui/Field.js';
import { TransferBar } from '../../ui/TransferBar.js';
import { FileField } from './FileField.js';
import { host } from '../../../host/host.js';
import { type UploadFile } from '../../../../src-shared/console-api.js';

export function PublishReleaseForm() {
  const { t, i18n } = useTranslation();
  const { publish, upload } = useConsoleSoftwareStore();
  const [platform, setPlatform] = useState<string>('win');
  const [version, setVersion] = useState('');
  const [build, setBuild] = useState<UploadFile | null>(null);
  const [sig, setSig] = useState<File | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const busy = upload?.target.kind === 'release';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setMessage(undefined);
    if (!build || !sig) {
      setMessage({ ok: false, text: t('software.missingFile') });
      return;
    }
    try {
      const release = await publish({
        platform,
        version: version.trim(),
        file: build,
        file_name: build.name,
        signature: await sig.text(),
      });
      setMessage({
        ok: true,
        text: t('software.published_ok', {
          version: release.version,
          platform: t(`software.platforms.${release.platform}`),
        }),
      });
    } catch (err) {
      setMessage({ ok: false, text: errorMessage(t, err, i18n.language) });
    }
  };

  return (
    <form className="card form-grid" onSubmit={(e) => void submit(e)} aria-labelledby="publish-release-title">
      <h4 className="card__title" id="publish-release-title">
        {t('software.publishTitle')}
      </h4>
      <p className="muted">{t('software.publishIntro')}</p>
      <SelectField
        label={t('software.platform')}
        value={platform}
        onChange={setPlatform}
        options={CONSOLE_PLATFORMS.map((p) => ({ value: p, label: t(`software.platforms.${p}`) }))}
      />
      <Field
        label={t('software.version')}
        hint={t('software.versionHint')}
        value={version}
        onChange={(e) => setVersion(e.target.value)}
        required
        maxLength={64}
        autoComplete="off"
        spellCheck={false}
      />
      <FileField label={t('software.build')} pick={host().uploads?.pickFile} onChange={setBuild} />
      <FileField
        label={t('software.signatureFile')}
        accept=".sig,text/plain"
        onChange={(f) => setSig(f instanceof File ? f : null)}
      />
      {busy && upload && (
        <TransferBar progress={upload.progress} label={t('software.uploading', { name: build?.name ?? '' })} />
      )}
      {message && <Alert kind={message.ok ? 'success' : 'error'}>{message.text}</Alert>}
      <div>
        <Button type="submit" variant="primary" busy={busy}>
          {t('software.publish')}
        </Button>
      </div>
    </form>
  );
}
