/**
 * One user in Management > Users: their settings (saved together) and the actions: disable or
 * enable, unlock, reset two-factor authentication (after a confirmation that names them), end all
 * sessions. The appliance refuses to demote or disable the last administrator; the screen says so.
 */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AdminUser, type AdminUserPatch } from '../../../src-shared/api/admin.js';
import { isApiError } from '../../../src-shared/errors.js';
import { errorMessage } from '../../lib/error-message.js';
import { useAdminUsersStore } from '../../stores/admin-users-store.js';
import { Alert } from '../ui/Alert.js';
import { Button } from '../ui/Button.js';
import { Card } from '../ui/Section.js';

const FLAGS = ['is_admin', 'two_factor_required', 'extended_availability_allowed', 'password_change_required'] as const;
type Flags = Pick<AdminUser, (typeof FLAGS)[number]>;

export function UserDetail({ user }: { user: AdminUser }) {
  const { t, i18n } = useTranslation();
  const { update, resetTwoFactor, endSessions } = useAdminUsersStore();
  const [flags, setFlags] = useState<Flags>(() => Object.fromEntries(FLAGS.map((f) => [f, user[f]])) as Flags);
  const [confirmReset, setConfirmReset] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const name = user.private_display_name || user.username;

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
      return t(`users.done.${done}`, { name });
    });
  const save = (e: FormEvent) => {
    e.preventDefault();
    const changed = Object.fromEntries(FLAGS.filter((f) => flags[f] !== user[f]).map((f) => [f, flags[f]]));
    if (Object.keys(changed).length === 0) return setMessage({ ok: true, text: t('users.nothingChanged') });
    void patch(changed, 'saved');
  };

  return (
    <Card title={t('users.detailTitle', { name, username: user.username })}>
      <div className="user-detail" data-open-user={user.username}>
        <form onSubmit={save} className="form-grid">
          <fieldset className="plain-fieldset">
            <legend>{t('users.settings')}</legend>
            {FLAGS.map((flag) => (
              <label key={flag} className="check">
                <input
                  type="checkbox"
                  checked={flags[flag]}
                  onChange={(e) => setFlags({ ...flags, [flag]: e.target.checked })}
                />
                {t(`users.flags.${flag}`)}
              </label>
            ))}
          </fieldset>
          <div>
            <Button type="submit" variant="primary" busy={busy === 'saved'}>
              {t('users.save')}
            </Button>
          </div>
        </form>
        <div className="user-actions" role="group" aria-label={t('users.actions')}>
          {user.enabled ? (
            <Button
              variant="danger"
              busy={busy === 'disabled'}
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
              void act('sessions', async () => t('users.done.sessions', { name, count: await endSessions(user.id) }))
            }
          >
            {t('users.endSessions')}
          </Button>
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
      </div>
    </Card>
  );
}
