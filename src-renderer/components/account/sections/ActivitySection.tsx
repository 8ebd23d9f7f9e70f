import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../lib/error-message.js';
import { formatDateTime } from '../../../i18n/format.js';
import { useActivityStore } from '../../../stores/activity-store.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { Section } from '../../ui/Section.js';
import { describeActivity } from './activity-entry.js';
import './activity.css';

/** My Account → Security activity: the last 90 days, newest first, an older page at a time. */
export function ActivitySection() {
  const { t, i18n } = useTranslation();
  const { items, nextCursor, load, loadMore } = useActivityStore();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    load().catch((err: unknown) => setError(errorMessage(t, err, i18n.language)));
  }, [load, t, i18n.language]);

  async function more() {
    setBusy(true);
    setError(undefined);
    try {
      await loadMore();
    } catch (err) {
      setError(errorMessage(t, err, i18n.language));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section id="activity" title={t('nav.activity')} intro={t('activity.intro')}>
      {error && <Alert kind="error">{error}</Alert>}
      <div className="card">
        {items === null ? (
          !error && (
            <p className="muted" role="status">
              {t('app.loading')}
            </p>
          )
        ) : items.length === 0 ? (
          <p className="muted">{t('activity.none')}</p>
        ) : (
          <ol className="activity" aria-label={t('activity.caption')}>
            {items.map((item) => {
              const entry = describeActivity(t, item, i18n.language);
              return (
                <li key={item.id} className="activity__entry" data-kind={item.kind}>
                  <time className="activity__time" dateTime={item.at}>
                    {formatDateTime(item.at, i18n.language)}
                  </time>
                  <div>
                    <p className="activity__title">
                      {entry.title}
                      {entry.newDevice && <span className="badge badge--inline">{t('activity.newDevice')}</span>}
                    </p>
                    {entry.details.map((line) => (
                      <p key={line} className="activity__detail">
                        {line}
                      </p>
                    ))}
                  </div>
                </li>
              );
            })}
          </ol>
        )}
        {items !== null && items.length > 0 && (
          <div className="activity__more">
            {nextCursor ? (
              <Button busy={busy} onClick={() => void more()}>
                {t('activity.more')}
              </Button>
            ) : (
              <p className="muted">{t('activity.end')}</p>
            )}
          </div>
        )}
      </div>
    </Section>
  );
}
