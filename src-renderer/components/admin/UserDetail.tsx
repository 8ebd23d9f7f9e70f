/**
 * One user in Management > Users: their settings (./UserSettingsForm.tsx), the actions (disable or
 * enable, unlock, reset two-factor authentication after a confirmation that names them, end all
 * sessions), and where they have access (./UserAccess.tsx). The last enabled administrator cannot
 * be demoted or disabled: those controls are off, with the reason beside them.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AdminUser, type AdminUserPatch } from '../../../src-shared/api/admin.js';
import { isApiError } from '../../../src-shared/api-error.js';
import { errorMessage } from '../../lib/error-message.js';
import { useAdminUsersStore } from '../../stores/admin-users-store.js';
import { useUserDetailStore } from '../../stores/admin-user-detail-store.js';
import { Alert } from '../ui/Alert.js';
import { Button } from '../ui/Button.js';
import { Card } from '../ui/Section.js';
import { UserAccess } from './UserAccess.js';
import { UserSettingsForm } from './UserSettingsForm.js';

export function UserDetail({ user }: { user: AdminUser }) {
  const { t, i18n } = useTranslation();
  const { update, resetTwoFactor, endSessions } = useAdminUsersStore();
  const refreshAccess = useUserDetailStore((s) => s.refresh);
  const [confirmReset, setConfirmReset] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const name = user.private_display_name || user.username;
  const keepsAdmin = user.last_admin && user.is_admin;

  const act = async (what: string, work: () => Promise<string>) => {
    setBusy(what);
    setMessage(undefined);
    try {
      setMessage({ ok: true, text: await work() });
    } catch (err) {
      const lastAdmin = isApiError(err) && err.status === 409 && err.code === 'conflict';
      setMessage({ ok: false, text: lastAdmin ? t('users.lastAdmin') : errorMessage(t, err, i18n.language) });
    } finally {
      setBusy(null);
    }
  };
  const patch = (p: AdminUserPatch, done: string) =>
    act(done, async () => {
      await update(user.id, p);
      // What the change did shows in the lists: ended sessions, revoked tokens, the timeline.
      await refreshAccess();
      return t(`users.done.${done}`, { name });
    });
  const save = (p: AdminUserPatch) =>
    Object.keys(p).length === 0 ? setMessage({ ok: true, text: t('users.nothingChanged') }) : void patch(p, 'saved');

  return (
    <Card title={t('users.detailTitle', { name, username: user.username })}>
      <div className="user-detail" data-open-user={user.username}>
        <UserSettingsForm user={user} busy={busy === 'saved'} onSave={save} />
        <div className="user-actions" role="group" aria-label={t('users.actions')}>
          {user.enabled ? (
            <Button
              variant="danger"
              busy={busy === 'disabled'}
              disabled={keepsAdmin}
              aria-describedby={keepsAdmin ? 'last-admin-reason' : undefined}
              onClick={() => void patch({ enabled: false }, 'disabled')}
            >
              {t('users.disable')}
            </Button>
          ) : (
            <Button busy={busy === 'enabled'} onClick={() => void patch({ enabled: true }, 'enabled')}>
              {t('users.enable')}
            </Button>
          )}
          {user.locked && (
            <Button busy={busy === 'unlocked'} onClick={() => void patch({ unlock: true }, 'unlocked')}>
              {t('users.unlock')}
            </Button>
          )}
          {user.two_factor_enabled && !confirmReset && (
            <Button variant="danger" onClick={() => setConfirmReset(true)}>
              {t('users.resetTwoFactor')}
            </Button>
          )}
          <Button
            busy={busy === 'sessions'}
            onClick={() =>
              void act('sessions', async () => {
                const count = await endSessions(user.id);
                await refreshAccess();
                return t('users.done.sessions', { name, count });
              })
            }
          >
            {t('users.endSessions')}
          </Button>
          {keepsAdmin && (
            <p id="last-admin-reason" className="field__hint">
              {t('users.lastAdmin')}
            </p>
          )}
        </div>
        {confirmReset && (
          <div className="confirm" role="alertdialog" aria-labelledby="reset-2fa-question">
            <p id="reset-2fa-question">{t('users.resetConfirm', { name, username: user.username })}</p>
            <Button
              variant="danger"
              busy={busy === 'reset'}
              onClick={() =>
                void act('reset', async () => {
                  await resetTwoFactor(user.id);
                  setConfirmReset(false);
                  await refreshAccess();
                  return t('users.done.reset', { name });
                })
              }
            >
              {t('users.resetConfirmButton', { name })}
            </Button>
            <Button onClick={() => setConfirmReset(false)}>{t('users.cancel')}</Button>
          </div>
        )}
        {message && <Alert kind={message.ok ? 'success' : 'error'}>{message.text}</Alert>}
        <UserAccess user={user} />
      </div>
    </Card>
  );
}
