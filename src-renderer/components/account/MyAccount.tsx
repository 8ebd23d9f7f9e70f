/**
 * My Account: the header, the section navigation and the open section. A session that must change
 * its password or enrol two-factor authentication first sees only that section.
 */
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { host } from '../../host/host.js';
import { registerAccountTexts } from '../../i18n/account-texts.js';
import { useAccountStore } from '../../stores/account-store.js';
import { Alert } from '../ui/Alert.js';
import { AccountHeader } from './AccountHeader.js';
import { AccountNav } from './AccountNav.js';
import { InvitationNotices } from './InvitationNotices.js';
import { SECTION_IDS, type SectionId } from './section-ids.js';
import { useSectionRoute } from './useSectionRoute.js';
import { DownloadsSection } from './sections/DownloadsSection.js';
import { AvailabilitySection } from './sections/AvailabilitySection.js';
import { EmailSection } from './sections/EmailSection.js';
import { PhotoSection } from './sections/PhotoSection.js';
import { PasswordSection } from './sections/PasswordSection.js';
import { DisplayNamesSection } from './sections/DisplayNamesSection.js';
import { SessionsSection } from './sections/SessionsSection.js';
import { ManagementNav } from '../admin/ManagementNav.js';
import { useManagementRoute } from '../admin/useManagementRoute.js';
import { ActivitySection } from './sections/ActivitySection.js';
import './account.css';

registerAccountTexts();

// The QR code library is only needed here: loaded when the section opens.
const TwoFactorSection = lazy(() => import('./sections/TwoFactorSection.js'));
const PasskeysSection = lazy(() => import('./sections/PasskeysSection.js'));
// The Management screens are their own chunk: only admins ever load it.
const Management = lazy(() => import('../admin/Management.js'));

const SECTIONS: Record<SectionId, () => React.JSX.Element> = {
  downloads: DownloadsSection,
  availability: AvailabilitySection,
  email: EmailSection,
  photo: PhotoSection,
  password: PasswordSection,
  'two-factor': TwoFactorSection as unknown as () => React.JSX.Element,
  passkeys: PasskeysSection as unknown as () => React.JSX.Element,
  names: DisplayNamesSection,
  sessions: SessionsSection,
  activity: ActivitySection,
};

export default function MyAccount() {
  const { t } = useTranslation();
  const account = useAccountStore((s) => s.account);
  const forced: SectionId | null = account?.password_change_required
    ? 'password'
    : account?.two_factor_enrollment_required
      ? 'two-factor'
      : null;
  // A second factor can be enrolled as an authenticator app or, where the page can run the
  // ceremony, as a passkey.
  const available: readonly SectionId[] =
    forced === 'two-factor' && host().passkeys ? ['two-factor', 'passkeys'] : forced ? [forced] : SECTION_IDS;
  const routed = useSectionRoute(forced ?? 'downloads');
  const current = forced && !available.includes(routed) ? forced : routed;
  const Current = SECTIONS[current];
  // Management opens only for an admin with no forced step; anyone else stays in My Account.
  const managementRoute = useManagementRoute();
  const showsManagement = account?.is_admin === true && !forced;
  const management = showsManagement ? managementRoute : null;
  // Keep the forced section in the address, so when the restriction lifts (password changed, 2FA
  // enrolled) the person stays there and sees the outcome, e.g. the recovery codes.
  useEffect(() => {
    if (forced && window.location.hash !== `#/${current}`) history.replaceState(null, '', `#/${current}`);
  }, [forced, current]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <AccountHeader />
      <div className="shell__body">
        <aside className="shell__nav">
          <p className="shell__nav-title">{t('account.title')}</p>
          <AccountNav sections={available} current={management ? null : current} />
          {showsManagement && <ManagementNav current={management} />}
        </aside>
        <main id="main" className="shell__main" tabIndex={-1}>
          <InvitationNotices />
          {forced === 'password' && <Alert kind="warning">{t('account.forcedPassword')}</Alert>}
          {forced === 'two-factor' && <Alert kind="warning">{t('account.forcedTwoFactor')}</Alert>}
          <Suspense
            fallback={
              <p className="muted" role="status">
                {t('app.loading')}
              </p>
            }
          >
            {management ? <Management screen={management} /> : <Current key={current} />}
          </Suspense>
        </main>
      </div>
    </div>
  );
}
