/** The update tokens of console installs: install, user, issued, last use, and revoking one. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../lib/error-message.js';
import { formatDateTime } from '../../../i18n/format.js';
import { useConsoleSoftwareStore } from '../../../stores/console-software-store.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { DataTable } from '../../ui/DataTable.js';

export function UpdateTokensPanel() {
  const { t, i18n } = useTranslation();
  const { tokens, revokeToken } = useConsoleSoftwareStore();
  const [busyId, setBusyId] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const when = (iso: string | null) => (iso ? formatDateTime(iso, i18n.language) : t('software.never'));

  const revoke = async (id: string, install: string) => {
    setBusyId(id);
    setMessage(undefined);
    try {
      await revokeToken(id);
      setMessage({ ok: true, text: t('software.revoked_ok', { install }) });
    } catch (err) {
      setMessage({ ok: false, text: errorMessage(t, err, i18n.language) });
    } finally {
      setBusyId(null);
    }
  };

  return (
    <>
      <h3 className="subsection-title">{t('software.tokens')}</h3>
      <p className="muted">{t('software.tokensIntro')}</p>
      {message && <Alert kind={message.ok ? 'success' : 'error'}>{message.text}</Alert>}
      <DataTable
        caption={t('software.tokensCaption')}
        columns={[
          { label: t('software.install') },
          { label: t('software.user') },
          { label: t('software.created') },
          { label: t('software.lastUse') },
          { label: t('software.state') },
          { label: t('users.actions'), hidden: true },
        ]}
        rows={tokens}
        empty={t('software.noTokens')}
      >
        {(tk) => (
          <tr key={tk.id} data-token={tk.id}>
            <td>
              <code>{tk.install_id}</code>
            </td>
            <td>{tk.username ?? '—'}</td>
            <td className="nowrap">{when(tk.created_at)}</td>
            <td className="nowrap">{when(tk.last_used_at)}</td>
            <td>
              {tk.revoked_at ? (
                <span className="badge badge--off">{t('software.revokedAt', { when: when(tk.revoked_at) })}</span>
              ) : (
                <span className="badge badge--on">{t('software.active')}</span>
              )}
            </td>
            <td>
              {!tk.revoked_at && (
                <Button
                  variant="danger"
                  busy={busyId === tk.id}
                  aria-label={t('software.revokeLabel', { install: tk.install_id })}
                  onClick={() => void revoke(tk.id, tk.install_id)}
                >
                  {t('software.revoke')}
                </Button>
              )}
            </td>
          </tr>
        )}
      </DataTable>
    </>
  );
}
