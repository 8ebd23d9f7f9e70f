/**
 * The password and two-factor sections of a person who signs in through an identity provider and
 * has no local password: nothing to change here, and the section says why and where instead.
 */
import { useTranslation } from 'react-i18next';
import { useAccountStore } from '../../../stores/account-store.js';
import { Alert } from '../../ui/Alert.js';
import { Section } from '../../ui/Section.js';

export function ProviderManaged({ id, title }: { id: string; title: string }) {
  const { t } = useTranslation();
  const provider = useAccountStore((s) => s.account?.identity_provider ?? null);
  return (
    <Section id={id} title={title}>
      <Alert kind="info">
        {provider ? t('password.managedByProvider', { provider: provider.name }) : t('password.managedBySite')}
      </Alert>
    </Section>
  );
}
