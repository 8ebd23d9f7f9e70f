import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../lib/error-message.js';
import { formatDateTime } from '../../../i18n/format.js';
import { useSessionsStore } from '../../../stores/sessions-store.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { Section } from '../../ui/Section.js';

/** Where the technician is logged in; any session but this one can be ended. */
export function SessionsSection() {
  const { t, i18n } = useTranslation();
  const { sessions, load, end } = useSessionsStore();
  const [busyId, setBusyId] = useState<string>();
  const [result, setResult] = useState<{ ok: boolean; text: string }>();

  useEffect(() => {
    load().catch((err: unknown) => setResult({ ok: false, text: errorMessage(t, err, i18n.language) }));
  }, [load, t, i18n.language]);

  async function endSession(id: string) {
    setBusyId(id);
    setResult(undefined);
    try {
      await end(id);
      setResult({ ok: true, text: t('sessions.ended') });
    } catch (err) {
      setResult({ ok: false, text: errorMessage(t, err, i18n.language) });
    } finally {
      setBusyId(undefined);
    }
  }

  return (
    <Section id="sessions" title={t('nav.sessions')} intro={t('sessions.intro')}>
      {result && <Alert kind={result.ok ? 'success' : 'error'}>{result.text}</Alert>}
      <div className="card card--flush">
        {sessions === null ? (
          <p className="muted pad" role="status">
            {t('app.loading')}
          </p>
        ) : (
          <table className="table">
            <caption className="visually-hidden">{t('sessions.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('sessions.client')}</th>
                <th scope="col">{t('sessions.agent')}</th>
                <th scope="col">{t('sessions.address')}</th>
                <th scope="col">{t('sessions.started')}</th>
                <th scope="col">{t('sessions.lastSeen')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('sessions.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => (
                <tr key={s.id} data-session-id={s.id}>
                  <td>
                    {t(`sessions.clients.${s.client}`)}
                    {s.current && <span className="badge badge--on badge--inline">{t('sessions.current')}</span>}
                  </td>
                  <td className="table__agent" title={s.user_agent}>
                    {s.user_agent || '—'}
                  </td>
                  <td>{s.ip}</td>
                  <td>{formatDateTime(s.created_at, i18n.language)}</td>
                  <td>{formatDateTime(s.last_seen_at, i18n.language)}</td>
                  <td className="table__action">
                    {!s.current && (
                      <Button
                        variant="danger"
                        busy={busyId === s.id}
                        onClick={() => void endSession(s.id)}
                        aria-label={t('sessions.endLabel', {
                          client: t(`sessions.clients.${s.client}`),
                          address: s.ip,
                          time: formatDateTime(s.created_at, i18n.language),
                        })}
                      >
                        {t('sessions.end')}
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </Section>
  );
}
