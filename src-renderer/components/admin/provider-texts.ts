/** How the identity provider form says its fields, their problems, the secret and a refusal. */
import { type TFunction } from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { type IdentityProvider } from '../../../src-shared/api/identity-providers.js';
import { isApiError } from '../../../src-shared/api-error.js';
import { type ProviderProblem } from '../../../src-shared/identity-provider-check.js';
import { type Change } from './SecurityChanges.js';

/** What the form hands the screen after the appliance stored a provider. */
export interface SavedProvider {
  provider: IdentityProvider;
  added: boolean;
  changes: Change[];
}

export function providerProblemText(t: TFunction, p: ProviderProblem | undefined): string | undefined {
  if (!p) return undefined;
  const key = 'security.providerForm.problems';
  switch (p.rule) {
    case 'length':
      return p.min > 0 && p.max > 0 ? t(`${key}.length`, { min: p.min, max: p.max }) : t(`${key}.format`);
    case 'format':
      return t(p.field === 'scopes' ? `${key}.format_scopes` : `${key}.format`);
    case 'issuer':
      return t(`${key}.issuer_${p.reason}`);
    default:
      return t(`${key}.${p.rule}`);
  }
}

/** The appliance's refusal of a provider in words, with the field it names; undefined for other errors. */
export function providerRefusalText(t: TFunction, err: unknown, labelOf: (f: string) => string): string | undefined {
  if (!isApiError(err)) return undefined;
  const { field, reason, rule } = err.details as Record<string, unknown>;
  const withField = (text: string) => (typeof field === 'string' ? `${text} (${labelOf(field)})` : text);
  if (err.code === 'insecure_issuer_url' && typeof reason === 'string')
    return withField(t(`security.providerForm.problems.issuer_${reason}`, { defaultValue: err.message }));
  if (err.code === 'identity_provider_invalid' && typeof rule === 'string')
    return withField(t(`security.providerForm.problems.${rule}`, { defaultValue: err.message }));
  if (err.code === 'identity_provider_required' && typeof reason === 'string')
    return t(`security.refused.${reason}`, { defaultValue: err.message });
  return undefined;
}

export function useProviderLabels() {
  const { t } = useTranslation();
  const labelOf = useCallback((field: string) => t(`security.providerForm.fields.${field}`), [t]);
  /** The secret's line in a change list: whether one was set, never its value. */
  const secretChange = useCallback(
    (stored: IdentityProvider | null): Change => ({
      field: 'client_secret',
      old: stored?.client_secret_set ? t('security.providerForm.secretSet') : null,
      new: t('security.providerForm.secretNew'),
    }),
    [t],
  );
  return { labelOf, secretChange };
}
