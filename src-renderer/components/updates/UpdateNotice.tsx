/**
 * The console's software update in its window (desktop only, loaded when main reports one): the
 * download's progress, Restart now / Later when it is ready, a forced update that installs at
 * once, and a failure as a banner with the download page and the retry state. Main decides; this
 * shows its `UpdateStatus` and passes the technician's answers on (stores/update-store.ts).
 */
import { useTranslation } from 'react-i18next';
import { type RetryState, type UpdateStatus } from '../../../src-shared/software-update.js';
import { failureTextKey } from '../../../src-shared/update-texts.js';
import { registerUpdateTexts } from '../../i18n/update-texts.js';
import { errorMessage } from '../../lib/error-message.js';
import { useUpdateStore } from '../../stores/update-store.js';
import { Button } from '../ui/Button.js';
import { TransferBar } from '../ui/TransferBar.js';
import './updates.css';

registerUpdateTexts();

function RetryLine({ retry }: { retry: RetryState }) {
  const { t, i18n } = useTranslation();
  if (retry.state === 'running') return <p className="update__retry">{t('update.retryRunning')}</p>;
  if (retry.state === 'none') return <p className="update__retry">{t('update.retryNone')}</p>;
  const time = new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' }).format(new Date(retry.at));
  return <p className="update__retry">{t('update.retryScheduled', { time })}</p>;
}

function Body({ status }: { status: Exclude<UpdateStatus, { phase: 'idle' }> }) {
  const { t } = useTranslation();
  const busy = useUpdateStore((s) => s.busy);
  const act = useUpdateStore((s) => s.act);
  switch (status.phase) {
    case 'downloading':
      return (
        <>
          <p className="update__message" role="status">
            {status.forced
              ? t('update.forced', { version: status.version })
              : t('update.downloading', { version: status.version })}
          </p>
          <TransferBar progress={status.progress} label={t('update.progressLabel', { version: status.version })} />
          {status.forced ? null : <p className="update__detail">{t('update.downloadingDetail')}</p>}
        </>
      );
    case 'ready':
      return (
        <>
          <p className="update__message" role="status">
            {status.choice === 'later'
              ? t('update.laterChosen', { version: status.version })
              : t('update.ready', { version: status.version })}
          </p>
          {status.choice === 'pending' ? <p className="update__detail">{t('update.readyDetail')}</p> : null}
          <div className="update__actions">
            <Button variant="primary" busy={busy === 'restartNow'} onClick={() => void act('restartNow')}>
              {t('update.restartButton')}
            </Button>
            {status.choice === 'pending' ? (
              <Button busy={busy === 'later'} onClick={() => void act('later')}>
                {t('update.laterButton')}
              </Button>
            ) : null}
          </div>
        </>
      );
    case 'installing':
      return (
        <p className="update__message" role="status">
          {t(status.forced ? 'update.installingForced' : 'update.installing', { version: status.version })}
        </p>
      );
    case 'failed':
      return (
        <>
          <p className="update__message" role="alert">
            {t(`update.failure.${failureTextKey(status.kind)}`)}
          </p>
          <RetryLine retry={status.retry} />
          <div className="update__actions">
            <Button variant="primary" busy={busy === 'openDownloadPage'} onClick={() => void act('openDownloadPage')}>
              {t('update.downloadButton')}
            </Button>
            <Button busy={busy === 'retryNow' || status.retry.state === 'running'} onClick={() => void act('retryNow')}>
              {t('update.retryButton')}
            </Button>
            <Button variant="link" onClick={() => useUpdateStore.getState().dismiss()}>
              {t('update.closeButton')}
            </Button>
          </div>
        </>
      );
  }
}

export function UpdateNotice() {
  const { t, i18n } = useTranslation();
  const status = useUpdateStore((s) => s.status);
  const dismissed = useUpdateStore((s) => s.dismissed);
  const error = useUpdateStore((s) => s.error);
  if (status.phase === 'idle' || dismissed === status) return null;
  return (
    <section
      className={`update update--${status.phase === 'failed' ? 'failed' : 'info'}`}
      aria-labelledby="update-title"
      data-update-phase={status.phase}
    >
      <div className="update__inner">
        <h2 id="update-title" className="update__title">
          {t('update.title')}
        </h2>
        <Body status={status} />
        {error ? (
          <p className="update__error" role="alert">
            {errorMessage(t, error, i18n.language)}
          </p>
        ) : null}
      </div>
    </section>
  );
}

export default UpdateNotice;
