/**
 * Adding or editing one identity provider on Management > Security: every field the admin API
 * takes, each checked as typed by the contract's checks (a field's problem shows once it was
 * changed, or all of them after a save was tried). The client secret is write-only: never shown,
 * and left empty on an edit it stays as stored. A refusal of the appliance is said in the form
 * and nothing typed is lost; after saving, the screen lists what the appliance stored.
 */
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type IdentityProvider } from '../../../src-shared/api/identity-providers.js';
import { type ProviderField } from '../../../src-shared/identity-provider-check.js';
import { errorMessage } from '../../lib/error-message.js';
import { useSecurityStore } from '../../stores/security-store.js';
import { Alert } from '../ui/Alert.js';
import { Button } from '../ui/Button.js';
import { CheckField, Field } from '../ui/Field.js';
import { ChangeList } from './SecurityChanges.js';
import {
  createBodyOf,
  patchOf,
  providerChangesOf,
  providerDraftOf,
  providerProblemsByField,
  providerValuesOf,
  type ProviderDraft,
} from './provider-draft.js';
import { providerProblemText, providerRefusalText, type SavedProvider, useProviderLabels } from './provider-texts.js';

const GROUP_PAIR: ProviderField[] = ['admin_group_claim', 'admin_group_value'];

type TextField = { [K in ProviderField]: ProviderDraft[K] extends string ? K : never }[ProviderField];

export function IdentityProviderForm({
  stored,
  onSaved,
  onCancel,
}: {
  /** The provider as stored; null adds a new one. */
  stored: IdentityProvider | null;
  onSaved(outcome: SavedProvider): void;
  onCancel(): void;
}) {
  const { t, i18n } = useTranslation();
  const { labelOf, secretChange } = useProviderLabels();
  const [draft, setDraft] = useState(() => providerDraftOf(stored));
  const [touched, setTouched] = useState<Set<ProviderField>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  // The form opens from a button: a keyboard user goes on at its first field.
  useEffect(() => document.getElementById('provider-name')?.focus(), []);

  const problems = useMemo(() => providerProblemsByField(draft, stored), [draft, stored]);
  const invalid = Object.keys(problems).length > 0;
  const pending = useMemo(() => {
    const changes = providerChangesOf(stored, providerValuesOf(draft));
    return draft.client_secret === '' ? changes : [...changes, secretChange(stored)];
  }, [draft, stored, secretChange]);

  const set = (field: ProviderField, value: string | boolean) => {
    setDraft({ ...draft, [field]: value });
    setTouched(new Set(touched).add(field));
    setError(undefined);
  };
  // The admin group claim and its value are one rule: typing in either shows the other's problem.
  const seen = (field: ProviderField) =>
    touched.has(field) || (GROUP_PAIR.includes(field) && GROUP_PAIR.some((f) => touched.has(f)));
  const shownProblem = (field: ProviderField) =>
    submitted || seen(field) ? providerProblemText(t, problems[field]) : undefined;
  const text = (field: TextField, extra: { hint?: string; type?: string; autoComplete?: string } = {}) => (
    <Field
      id={`provider-${field}`}
      label={labelOf(field)}
      hint={extra.hint ?? (t(`security.providerForm.hints.${field}`, { defaultValue: '' }) || undefined)}
      error={shownProblem(field)}
      type={extra.type ?? 'text'}
      autoComplete={extra.autoComplete ?? 'off'}
      spellCheck={false}
      value={draft[field]}
      onChange={(e) => set(field, e.target.value)}
    />
  );

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (invalid || pending.length === 0) return;
    setBusy(true);
    setError(undefined);
    const store = useSecurityStore.getState();
    try {
      const patch = stored && patchOf(stored, draft);
      const saved = stored
        ? await store.updateProvider(stored.id, patch!)
        : await store.createProvider(createBodyOf(draft));
      const changes = providerChangesOf(stored, saved);
      onSaved({
        provider: saved,
        added: !stored,
        changes: draft.client_secret ? [...changes, secretChange(stored)] : changes,
      });
    } catch (err) {
      setError(providerRefusalText(t, err, labelOf) ?? errorMessage(t, err, i18n.language));
    } finally {
      setBusy(false);
    }
  };

  const title = stored
    ? t('security.providerForm.editTitle', { name: stored.name })
    : t('security.providerForm.addTitle');
  return (
    <form className="provider-form" onSubmit={(e) => void save(e)} noValidate aria-label={title}>
      <h4 className="card__title">{title}</h4>
      <div className="settings-grid">
        {text('name')}
        {text('issuer')}
        {text('client_id')}
        {text('client_secret', {
          type: 'password',
          // Not the admin's own password: the browser must not offer to fill it in.
          autoComplete: 'new-password',
          hint: t(
            stored ? 'security.providerForm.hints.client_secretEdit' : 'security.providerForm.hints.client_secretNew',
          ),
        })}
      </div>
      {text('scopes')}
      <fieldset className="plain-fieldset">
        <legend>{t('security.providerForm.claims')}</legend>
        <div className="settings-grid">
          {text('username_claim')}
          {text('display_name_claim')}
          {text('email_claim')}
          {text('admin_group_claim')}
          {text('admin_group_value')}
        </div>
      </fieldset>
      <CheckField
        id="provider-jit_provisioning"
        label={labelOf('jit_provisioning')}
        hint={t('security.providerForm.hints.jit_provisioning')}
        checked={draft.jit_provisioning}
        onChange={(v) => set('jit_provisioning', v)}
      />
      <CheckField
        id="provider-enabled"
        label={labelOf('enabled')}
        checked={draft.enabled}
        onChange={(v) => set('enabled', v)}
      />
      <h5 className="provider-form__pending">{t('security.providerForm.pending')}</h5>
      {pending.length === 0 ? (
        <p className="muted">{t('security.noChanges')}</p>
      ) : (
        <ChangeList id="provider-pending" changes={pending} labelOf={labelOf} />
      )}
      {submitted && invalid && <Alert kind="error">{t('security.fix')}</Alert>}
      {error && (
        <Alert kind="error" id="provider-form-error">
          <strong>{t('security.refused.title')}: </strong>
          {error}
        </Alert>
      )}
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={busy} disabled={pending.length === 0}>
          {stored ? t('security.providerForm.save') : t('security.providerForm.create')}
        </Button>
        <Button type="button" disabled={busy} onClick={onCancel}>
          {t('security.providerForm.cancel')}
        </Button>
      </div>
    </form>
  );
}
