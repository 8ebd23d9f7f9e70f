/**
 * The security overview: the site's sign-ins, failed attempts and lockouts per day. The totals and
 * a table say it in words; the chart (uPlot) is a chunk of its own that only this card loads.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SECURITY_OVERVIEW_DEFAULT_DAYS } from '../../../src-shared/api/activity.js';
import { errorMessage } from '../../lib/error-message.js';
import { formatDay } from '../../i18n/format.js';
import { useSecurityStore } from '../../stores/security-store.js';
import { Alert } from '../ui/Alert.js';
import { Card } from '../ui/Section.js';

const OverviewChart = lazy(() => import('./OverviewChart.js'));

export function SecurityOverviewCard() {
  const { t, i18n } = useTranslation();
  const overview = useSecurityStore((s) => s.overview);
  const [error, setError] = useState<string>();
  const days = SECURITY_OVERVIEW_DEFAULT_DAYS;
  useEffect(() => {
    useSecurityStore
      .getState()
      .loadOverview(days)
      .catch((err: unknown) => setError(errorMessage(t, err, i18n.language)));
  }, []);
  const sum = (k: 'sign_ins' | 'failed_attempts' | 'lockouts') => (overview?.days ?? []).reduce((s, d) => s + d[k], 0);
  return (
    <Card title={t('security.overview.title')}>
      <p className="muted">{t('security.overview.intro', { days })}</p>
      {error && <Alert kind="error">{error}</Alert>}
      {overview === null ? (
        !error && (
          <p className="muted" role="status">
            {t('app.loading')}
          </p>
        )
      ) : (
        <>
          <p id="security-overview-totals">
            {t('security.overview.totals', {
              days: overview.days.length,
              signIns: sum('sign_ins'),
              failed: sum('failed_attempts'),
              lockouts: sum('lockouts'),
            })}
          </p>
          <Suspense fallback={<div className="overview-chart" />}>
            <OverviewChart days={overview.days} />
          </Suspense>
          <details className="overview-table">
            <summary>{t('security.overview.showTable')}</summary>
            <div className="table-scroll" tabIndex={0} role="region" aria-label={t('security.overview.title')}>
              <table className="table">
                <caption className="visually-hidden">{t('security.overview.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('security.overview.day')}</th>
                    <th scope="col">{t('security.overview.signIns')}</th>
                    <th scope="col">{t('security.overview.failed')}</th>
                    <th scope="col">{t('security.overview.lockouts')}</th>
                  </tr>
                </thead>
                <tbody>
                  {[...overview.days].reverse().map((d) => (
                    <tr key={d.day} data-day={d.day}>
                      <td className="nowrap">{formatDay(d.day, i18n.language)}</td>
                      <td>{d.sign_ins}</td>
                      <td>{d.failed_attempts}</td>
                      <td>{d.lockouts}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </Card>
  );
}
