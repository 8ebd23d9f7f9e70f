/**
 * Where the open user has access, and what happened to their account: their sessions (each can be
 * ended), the update tokens of their console installs (each can be revoked), and their security
 * activity, an older page at a time.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AdminUser } from '../../../src-shared/api/admin.js';
import { errorMessage } from '../../lib/error-message.js';
import { formatDateTime } from '../../i18n/format.js';
import { useUserDetailStore } from '../../stores/admin-user-detail-store.js';
import { ActivityList } from '../account/sections/ActivityList.js';
import { SessionsTable } from '../account/sections/SessionsTable.js';
import { Alert } from '../ui/Alert.js';
import { Button } from '../ui/Button.js';
import { DataTable } from '../ui/DataTable.js';

export function UserAccess({ user }: { user: AdminUser }) {
  const { t, i18n } = useTranslation();
  const { sessions, tokens, activity, activityCursor, load, endSession, revokeToken, moreActivity } =
    useUserDetailStore();
  const [busy, setBusy] = useState<string>();
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const name = user.private_display_name || user.username;
  const when = (at: string | null) => (at ? formatDateTime(at, i18n.language) : t('users.tokens.never'));

  const run = async (what: string, work: () => Promise<string | void>) => {
    setBusy(what);
    setMessage(undefined);
    try {
      const done = await work();
      if (done) setMessage({ ok: true, text: done });
    } catch (err) {
      setMessage({ ok: false, text: errorMessage(t, err, i18n.language) });
    } finally {
      setBusy(undefined);
    }
  };
  useEffect(() => {
    void run('load', () => load(user.id));
    // Read once per opened user (UserDetail is keyed by the user's id).
  }, []);

  return (
    <div className="user-access">
      {message && <Alert kind={message.ok ? 'success' : 'error'}>{message.text}</Alert>}
      <h4>{t('users.sessionsTitle')}</h4>
      <SessionsTable
        caption={t('users.sessionsCaption', { name })}
        sessions={sessions}
        busyId={busy}
        onEnd={(id) =>
          void run(id, async () => {
            await endSession(id);
            return t('sessions.ended');
          })
        }
      />
      <h4>{t('users.tokens.title')}</h4>
      <DataTable
        caption={t('users.tokens.caption', { name })}
        columns={[
          { label: t('users.tokens.install') },
          { label: t('users.tokens.issued') },
          { label: t('users.tokens.lastUsed') },
          { label: t('users.state') },
          { label: t('users.actions'), hidden: true },
        ]}
        rows={tokens}
        empty={t('users.tokens.none')}
      >
        {(token) => (
          <tr key={token.id} data-token-install={token.install_id}>
            <td>
              <code>{token.install_id}</code>
            </td>
            <td>{when(token.created_at)}</td>
            <td>{when(token.last_used_at)}</td>
            <td>
              {token.revoked_at
                ? t('users.tokens.revokedAt', { time: when(token.revoked_at) })
                : t('users.tokens.active')}
            </td>
            <td className="table__action">
              {!token.revoked_at && (
                <Button
                  variant="danger"
                  busy={busy === token.id}
                  aria-label={t('users.tokens.revokeLabel', { install: token.install_id })}
                  onClick={() =>
                    void run(token.id, async () => {
                      await revokeToken(token.id);
                      return t('users.tokens.revoked', { install: token.install_id });
                    })
                  }
                >
                  {t('users.tokens.revoke')}
                </Button>
              )}
            </td>
          </tr>
        )}
      </DataTable>
      <h4>{t('users.activityTitle')}</h4>
      <div className="card">
        <ActivityList
          items={activity}
          nextCursor={activityCursor}
          busy={busy === 'activity'}
          onMore={() => void run('activity', moreActivity)}
          empty={t('users.activityNone')}
        />
      </div>
    </div>
  );
}
