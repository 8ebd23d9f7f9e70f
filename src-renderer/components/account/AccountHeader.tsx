import { useTranslation } from 'react-i18next';
import { useAccountStore } from '../../stores/account-store.js';
import { useAuthStore } from '../../stores/auth-store.js';
import { useSiteStore } from '../../stores/site-store.js';
import { LanguagePicker } from '../LanguagePicker.js';
import { Button } from '../ui/Button.js';

export function AccountHeader() {
  const { t } = useTranslation();
  const site = useSiteStore((s) => s.site);
  const account = useAccountStore((s) => s.account);
  const logout = useAuthStore((s) => s.logout);
  return (
    <header className="topbar">
      <div className="brand brand--small">
        <span className="brand__mark" aria-hidden="true" />
        <div>
          <p className="brand__product">{t('app.title')}</p>
          <p className="brand__site">{site?.site_name}</p>
        </div>
      </div>
      <div className="topbar__right">
        <LanguagePicker />
        {account && (
          <span className="topbar__user">
            {account.photo_url ? (
              <img className="avatar" src={account.photo_url} alt="" />
            ) : (
              <span className="avatar avatar--initial" aria-hidden="true">
                {account.private_display_name.slice(0, 1).toUpperCase()}
              </span>
            )}
            <span>{t('account.signedInAs', { name: account.private_display_name })}</span>
          </span>
        )}
        <Button variant="secondary" onClick={() => void logout()}>
          {t('account.logout')}
        </Button>
      </div>
    </header>
  );
}
