/**
 * Management > Security ("Sicherheit"): every field of `/api/admin/security`, checked as the
 * admin types by the contract's checks; the password rules with a live preview; the unsaved
 * changes and, after saving, what the appliance stored (field: old → new); a refusal that would
 * lock people out said in words; the identity providers (their own card and form, outside the
 * settings form) and the security overview.
 */
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type SecuritySettings } from '../../../src-shared/api/site.js';
import { isApiError } from '../../../src-shared/api-error.js';
import { errorMessage } from '../../lib/error-message.js';
import { useSecurityStore } from '../../stores/security-store.js';
import { Alert } from '../ui/Alert.js';
import { Button } from '../ui/Button.js';
import { Card, Section } from '../ui/Section.js';
import { type Change, ChangeList } from './SecurityChanges.js';
import { IdentityProvidersCard } from './IdentityProvidersCard.js';
import { SecurityForm } from './SecurityForm.js';
import { SecurityOverviewCard } from './SecurityOverviewCard.js';
import { changesOf, draftOf, patchOf, problemsByField, type SecurityDraft, valuesOf } from './security-draft.js';

type Outcome =
  | { kind: 'saved'; changes: Change[] }
  | { kind: 'refused'; reason: string; field: string | null }
  | { kind: 'error'; text: string };

const REFUSALS = new Set(['self_lockout', 'identity_provider_required']);

export function SecurityScreen() {
  const { t, i18n } = useTranslation();
  const { settings, providers } = useSecurityStore();
  const [draft, setDraft] = useState<SecurityDraft | null>(() => (settings ? draftOf(settings) : null));
  const [outcome, setOutcome] = useState<Outcome>();
  const [busy, setBusy] = useState(false);
  const [submitted, setSubmitted] = useState(false);

  useEffect(() => {
    const store = useSecurityStore.getState();
    store.load().then(
      () => setDraft((d) => d ?? draftOf(useSecurityStore.getState().settings!)),
      (err: unknown) => setOutcome({ kind: 'error', text: errorMessage(t, err, i18n.language) }),
    );
    store.loadProviders().catch(() => undefined); // the list says "loading" and the rest works
  }, []);

  const problems = useMemo(() => (draft ? problemsByField(draft) : {}), [draft]);
  const changes = useMemo(() => (draft && settings ? changesOf(settings, valuesOf(draft)) : []), [draft, settings]);
  const labelOf = (field: string) => t(`security.fields.${field}`);

  if (!draft || !settings)
    return (
      <Section id="security" title={t('nav.management.security')} intro={t('security.intro')}>
        {outcome?.kind === 'error' ? (
          <Alert kind="error">{outcome.text}</Alert>
        ) : (
          <p className="muted" role="status">
            {t('app.loading')}
          </p>
        )}
      </Section>
    );

  const set = (patch: Partial<SecurityDraft>) => {
    setDraft({ ...draft, ...patch });
    if (outcome?.kind !== 'saved') setOutcome(undefined);
  };
  const invalid = Object.keys(problems).length > 0;

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (invalid || changes.length === 0) return;
    setBusy(true);
    setOutcome(undefined);
    const before: SecuritySettings = settings;
    try {
      const stored = await useSecurityStore.getState().save(patchOf(changes));
      setDraft(draftOf(stored));
      setSubmitted(false);
      setOutcome({ kind: 'saved', changes: changesOf(before, stored) });
    } catch (err) {
      if (isApiError(err) && REFUSALS.has(err.code))
        setOutcome({
          kind: 'refused',
          reason: String(err.details.reason ?? err.code),
          field: typeof err.details.field === 'string' ? err.details.field : null,
        });
      else setOutcome({ kind: 'error', text: errorMessage(t, err, i18n.language) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section id="security" title={t('nav.management.security')} intro={t('security.intro')}>
      <form
        className="security-form"
        onSubmit={(e) => void save(e)}
        noValidate
        aria-label={t('nav.management.security')}
      >
        <SecurityForm draft={draft} problems={problems} set={set} stored={settings} />
        <Card title={t('security.pending')}>
          {changes.length === 0 ? (
            <p className="muted">{t('security.noChanges')}</p>
          ) : (
            <ChangeList id="security-pending" changes={changes} labelOf={labelOf} />
          )}
          {submitted && invalid && <Alert kind="error">{t('security.fix')}</Alert>}
          {outcome?.kind === 'refused' && (
            <Alert kind="error" id="security-refusal">
              <strong>{t('security.refused.title')}: </strong>
              {t(`security.refused.${outcome.reason}`, { defaultValue: outcome.reason })}
              {outcome.field && ` (${labelOf(outcome.field)})`}
            </Alert>
          )}
          {outcome?.kind === 'error' && <Alert kind="error">{outcome.text}</Alert>}
          {outcome?.kind === 'saved' && (
            <Alert kind="success" id="security-saved">
              <p>{t('security.saved')}</p>
              <ChangeList changes={outcome.changes} labelOf={labelOf} />
            </Alert>
          )}
          <div className="form-actions">
            <Button type="submit" variant="primary" busy={busy} disabled={changes.length === 0}>
              {t('security.save')}
            </Button>
            <Button
              type="button"
              disabled={changes.length === 0 || busy}
              onClick={() => {
                setDraft(draftOf(settings));
                setSubmitted(false);
                setOutcome(undefined);
              }}
            >
              {t('security.reset')}
            </Button>
          </div>
        </Card>
      </form>
      <IdentityProvidersCard providers={providers} />
      <SecurityOverviewCard />
    </Section>
  );
}
