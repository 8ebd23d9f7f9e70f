/**
 * A person's sessions as a table, each but the one in use with its End button: My Account's own
 * sessions and an administrator's view of a user's.
 */
import { useTranslation } from 'react-i18next';
import { type SessionInfo } from '../../../../src-shared/api/account.js';
import { formatDateTime } from '../../../i18n/format.js';
import { Button } from '../../ui/Button.js';
import { DataTable } from '../../ui/DataTable.js';

export function SessionsTable({
  caption,
  sessions,
  busyId,
  onEnd,
}: {
  caption: string;
  sessions: SessionInfo[] | null;
  busyId: string | undefined;
  onEnd(id: string): void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <DataTable
      caption={caption}
      columns={[
        { label: t('sessions.client') },
        { label: t('sessions.agent') },
        { label: t('sessions.address') },
        { label: t('sessions.started') },
        { label: t('sessions.lastSeen') },
        { label: t('sessions.actions'), hidden: true },
      ]}
      rows={sessions}
      empty={t('sessions.none')}
    >
      {(s) => (
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
                onClick={() => onEnd(s.id)}
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
      )}
    </DataTable>
  );
}
