/**
 * The site's identity providers as Management > Security lists them: name, issuer, state, the
 * redirect URI to register, turning each on or off, and opening it in the provider form.
 * The refusal to turn off the last one while technicians must use a provider is said in words.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type IdentityProvider } from '../../../src-shared/api/identity-providers.js';
import { isApiError } from '../../../src-shared/api-error.js';
import { errorMessage } from '../../lib/error-message.js';
import { useSecurityStore } from '../../stores/security-store.js';
import { Alert } from '../ui/Alert.js';
import { Button } from '../ui/Button.js';

export function IdentityProviderList({
  providers,
  onEdit,
}: {
  providers: IdentityProvider[] | null;
  onEdit(provider: IdentityProvider): void;
}) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState<number | null>(null);
  const [error, setError] = useState<string>();
  if (providers === null)
    return (
      <p className="muted" role="status">
        {t('app.loading')}
      </p>
    );
  if (providers.length === 0) return <p className="muted">{t('security.providers.none')}</p>;
  const toggle = async (p: IdentityProvider) => {
    setBusy(p.id);
    setError(undefined);
    try {
      await useSecurityStore.getState().setProviderEnabled(p.id, !p.enabled);
    } catch (err) {
      setError(
        isApiError(err) && err.code === 'identity_provider_required'
          ? t(`security.refused.${String(err.details.reason)}`, { defaultValue: err.message })
          : errorMessage(t, err, i18n.language),
      );
    } finally {
      setBusy(null);
    }
  };
  return (
    <>
      {error && (
        <Alert kind="error" id="security-provider-refusal">
          {error}
        </Alert>
      )}
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t('security.providers.caption')}>
        <table className="table">
          <caption className="visually-hidden">{t('security.providers.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('security.providers.name')}</th>
              <th scope="col">{t('security.providers.issuer')}</th>
              <th scope="col">{t('security.providers.state')}</th>
              <th scope="col">{t('security.providers.redirect')}</th>
              <th scope="col">{t('security.providers.action')}</th>
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
                <td>
                  <Button
                    type="button"
                    busy={busy === p.id}
                    aria-label={t(p.enabled ? 'security.providers.disableNamed' : 'security.providers.enableNamed', {
                      name: p.name,
                    })}
                    onClick={() => void toggle(p)}
                  >
                    {p.enabled ? t('security.providers.disable') : t('security.providers.enable')}
                  </Button>{' '}
                  <Button
                    type="button"
                    aria-label={t('security.providerForm.editNamed', { name: p.name })}
                    onClick={() => onEdit(p)}
                  >
                    {t('security.providerForm.edit')}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
