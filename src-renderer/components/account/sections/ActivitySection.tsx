import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../lib/error-message.js';
import { useActivityStore } from '../../../stores/activity-store.js';
import { Alert } from '../../ui/Alert.js';
import { Section } from '../../ui/Section.js';
import { ActivityList } from './ActivityList.js';

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
        <ActivityList
          items={items}
          nextCursor={nextCursor}
          busy={busy}
          onMore={() => void more()}
          empty={t('activity.none')}
          hideLoading={!!error}
        />
      </div>
    </Section>
  );
}
