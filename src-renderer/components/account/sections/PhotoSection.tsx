import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../lib/error-message.js';
import { formatBytes } from '../../../i18n/format.js';
import { useAccountStore } from '../../../stores/account-store.js';
import { usePhotoStore } from '../../../stores/photo-store.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { Section } from '../../ui/Section.js';

/**
 * Current photo, choose a file (checked here: PNG/JPEG, ≤ 1 MiB, ≥ 80×80), preview, Upload or
 * Cancel, Delete. The appliance's own answer is shown when it refuses.
 */
export function PhotoSection() {
  const { t, i18n } = useTranslation();
  const account = useAccountStore((s) => s.account)!;
  const { pending, problem, choose, cancel, upload, remove } = usePhotoStore();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<'upload' | 'delete'>();
  const [result, setResult] = useState<{ ok: boolean; text: string }>();

  async function run(kind: 'upload' | 'delete', action: () => Promise<void>, success: string) {
    setBusy(kind);
    setResult(undefined);
    try {
      await action();
      setResult({ ok: true, text: success });
      if (input.current) input.current.value = '';
    } catch (err) {
      setResult({ ok: false, text: errorMessage(t, err, i18n.language) });
    } finally {
      setBusy(undefined);
    }
  }

  function onCancel() {
    cancel();
    setResult(undefined);
    if (input.current) input.current.value = '';
    input.current?.focus();
  }

  // photo_url carries the photo's version (?v=etag), so a new photo is a new URL.
  const photoSrc = account.photo_url;
  const problemText = problem ? t(`photo.problems.${problem}`) : undefined;

  return (
    <Section id="photo" title={t('nav.photo')} intro={t('photo.intro')}>
      <div className="card photo">
        <div className="photo__frames">
          <figure className="photo__frame">
            {photoSrc ? (
              <img src={photoSrc} alt={t('photo.currentAlt')} className="photo__img" id="current-photo" />
            ) : (
              <div className="photo__empty">{t('photo.none')}</div>
            )}
            <figcaption>{t('photo.current')}</figcaption>
          </figure>
          {pending && (
            <figure className="photo__frame photo__frame--preview">
              <img src={pending.previewUrl} alt={t('photo.previewAlt')} className="photo__img" id="photo-preview" />
              <figcaption>{t('photo.preview')}</figcaption>
            </figure>
          )}
        </div>
        <div className="photo__controls">
          <p className="field__hint" id="photo-rules">
            {t('photo.rules')}
          </p>
          <div className="field">
            <label htmlFor="photo-file" className="btn btn--secondary file-button">
              {t('photo.choose')}
            </label>
            <input
              ref={input}
              id="photo-file"
              type="file"
              className="visually-hidden-file"
              accept="image/png,image/jpeg"
              aria-describedby={`photo-rules${problemText ? ' photo-problem' : ''}`}
              aria-invalid={problemText ? true : undefined}
              onChange={(e) => {
                setResult(undefined);
                const f = e.target.files?.[0];
                if (f) void choose(f);
              }}
            />
            {problemText && (
              <p className="field__error" id="photo-problem" role="alert">
                {problemText}
              </p>
            )}
          </div>
          {pending && (
            <p className="photo__chosen" id="photo-chosen">
              {t('photo.chosen', {
                name: pending.name,
                width: pending.width,
                height: pending.height,
                size: formatBytes(pending.bytes.byteLength, i18n.language),
              })}
            </p>
          )}
          {result && <Alert kind={result.ok ? 'success' : 'error'}>{result.text}</Alert>}
          <div className="form__actions">
            {pending && (
              <Button
                variant="primary"
                busy={busy === 'upload'}
                onClick={() => void run('upload', upload, t('photo.uploaded'))}
              >
                {t('photo.upload')}
              </Button>
            )}
            {pending && <Button onClick={onCancel}>{t('common.cancel')}</Button>}
            {!pending && account.photo_url && (
              <Button
                variant="danger"
                busy={busy === 'delete'}
                onClick={() => void run('delete', remove, t('photo.deleted'))}
              >
                {t('photo.delete')}
              </Button>
            )}
          </div>
        </div>
      </div>
    </Section>
  );
}
