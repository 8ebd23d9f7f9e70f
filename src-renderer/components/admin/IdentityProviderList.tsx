/** The site's identity providers as Management > Security lists them: name, issuer, state and the redirect URI to register. */
import { useTranslation } from 'react-i18next';
import { type IdentityProvider } from '../../../src-shared/api/identity-providers.js';

export function IdentityProviderList({ providers }: { providers: IdentityProvider[] | null }) {
  const { t } = useTranslation();
  if (providers === null)
    return (
      <p className="muted" role="status">
        {t('app.loading')}
      </p>
    );
  if (providers.length === 0) return <p className="muted">{t('security.providers.none')}</p>;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={t('security.providers.caption')}>
      <table className="table">
        <caption className="visually-hidden">{t('security.providers.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('security.providers.name')}</th>
            <th scope="col">{t('security.providers.issuer')}</th>
            <th scope="col">{t('security.providers.state')}</th>
            <th scope="col">{t('security.providers.redirect')}</th>
          </tr>
        </thead>
        <tbody>
          {providers.map((p) => (
            <tr key={p.id} data-provider-id={p.id}>
              <td>{p.name}</td>
              <td>
                <code>{p.issuer}</code>
              </td>
              <td>{p.enabled ? t('security.providers.enabled') : t('security.providers.disabled')}</td>
              <td>
                <code>{p.redirect_uri}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
