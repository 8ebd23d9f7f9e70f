/**
 * The invitations that arrived while this console is open, newest first, each with who sent it,
 * their message and when; a polite live region announces a new one.
 */
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n/format.js';
import { useInvitationsStore } from '../../stores/invitations-store.js';
import { Button } from '../ui/Button.js';

export function InvitationNotices() {
  const { t, i18n } = useTranslation();
  const received = useInvitationsStore((s) => s.received);
  const dismiss = useInvitationsStore((s) => s.dismiss);
  const latest = received[0];
  // The live region is always there, so screen readers announce what appears in it.
  return (
    <>
      <p className="visually-hidden" role="status">
        {latest ? t('invitations.announce', { name: latest.from_display_name }) : ''}
      </p>
      {received.length > 0 && (
        <section className="invitations" aria-label={t('invitations.title')}>
          <ul className="invitations__list">
            {received.map((inv) => (
              <li key={inv.id} className="alert alert--info invitation">
                <p className="invitation__from">
                  {t('invitations.from', { name: inv.from_display_name, username: inv.from_username })}
                </p>
                {inv.message && <q className="invitation__message">{inv.message}</q>}
                <p className="note">
                  {t('invitations.received', { time: formatDateTime(inv.received_at, i18n.language) })}
                </p>
                <Button variant="link" onClick={() => dismiss(inv.id)}>
                  {t('invitations.dismiss')}
                </Button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
