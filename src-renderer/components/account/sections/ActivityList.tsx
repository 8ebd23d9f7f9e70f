/**
 * A security timeline, newest first, each entry in the reader's language from its kind and data,
 * an older page at a time: My Account's own and an administrator's view of a user's.
 */
import { useTranslation } from 'react-i18next';
import { type ActivityItem } from '../../../../src-shared/api/activity.js';
import { formatDateTime } from '../../../i18n/format.js';
import { Button } from '../../ui/Button.js';
import { describeActivity } from './activity-entry.js';
import './activity.css';

export function ActivityList({
  items,
  nextCursor,
  busy,
  onMore,
  empty,
  hideLoading = false,
}: {
  items: ActivityItem[] | null;
  nextCursor: string | null;
  busy: boolean;
  onMore(): void;
  empty: string;
  /** No "loading" while an error explains why nothing came. */
  hideLoading?: boolean;
}) {
  const { t, i18n } = useTranslation();
  if (items === null)
    return hideLoading ? null : (
      <p className="muted" role="status">
        {t('app.loading')}
      </p>
    );
  if (items.length === 0) return <p className="muted">{empty}</p>;
  return (
    <>
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
      <div className="activity__more">
        {nextCursor ? (
          <Button busy={busy} onClick={onMore}>
            {t('activity.more')}
          </Button>
        ) : (
          <p className="muted">{t('activity.end')}</p>
        )}
      </div>
    </>
  );
}
