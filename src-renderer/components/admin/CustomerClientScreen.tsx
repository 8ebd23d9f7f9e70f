/**
 * Management > Customer client ("Kunden-Client :: Sonstige Optionen"): the two elevation rules of
 * the seed. Saving shows what changed (rule: old → new); every change is in the audit log.
 */
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CustomerClientPatch } from '../../../src-shared/api/customer-client.js';
import { errorMessage } from '../../lib/error-message.js';
import { formatDateTime } from '../../i18n/format.js';
import { useCustomerClientStore } from '../../stores/customer-client-store.js';
import { Alert } from '../ui/Alert.js';
import { Button } from '../ui/Button.js';
import { CheckField } from '../ui/Field.js';
import { Card, Section } from '../ui/Section.js';
import { type Change, ChangeList } from './SecurityChanges.js';

const RULES = ['elevate_automatically', 'elevate_on_request'] as const;
type Rules = Record<(typeof RULES)[number], boolean>;

export function CustomerClientScreen() {
  const { t, i18n } = useTranslation();
  const rules = useCustomerClientStore((s) => s.rules);
  const [draft, setDraft] = useState<Rules | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: true; changes: Change[] } | { ok: false; text: string }>();

  useEffect(() => {
    useCustomerClientStore
      .getState()
      .load()
      .then(
        () => setDraft(pick(useCustomerClientStore.getState().rules!)),
        (err: unknown) => setMessage({ ok: false, text: errorMessage(t, err, i18n.language) }),
      );
  }, []);

  const changed = draft && rules ? RULES.filter((r) => draft[r] !== rules[r]) : [];
  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft || !rules || changed.length === 0) return;
    setBusy(true);
    setMessage(undefined);
    const patch: CustomerClientPatch = Object.fromEntries(changed.map((r) => [r, draft[r]]));
    try {
      const stored = await useCustomerClientStore.getState().save(patch);
      setDraft(pick(stored));
      setMessage({
        ok: true,
        changes: RULES.filter((r) => stored[r] !== rules[r]).map((r) => ({ field: r, old: rules[r], new: stored[r] })),
      });
    } catch (err) {
      setMessage({ ok: false, text: errorMessage(t, err, i18n.language) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section id="customer-client" title={t('nav.management.customer-client')} intro={t('customerClient.intro')}>
      {!draft || !rules ? (
        message && !message.ok ? (
          <Alert kind="error">{message.text}</Alert>
        ) : (
          <p className="muted" role="status">
            {t('app.loading')}
          </p>
        )
      ) : (
        <form onSubmit={(e) => void save(e)} aria-label={t('nav.management.customer-client')}>
          <Card>
            <CheckField
              id="customer-client-elevate_automatically"
              label={t('customerClient.elevate_automatically')}
              hint={t('customerClient.elevate_automaticallyHint')}
              checked={draft.elevate_automatically}
              onChange={(v) => setDraft({ ...draft, elevate_automatically: v })}
            />
            <CheckField
              id="customer-client-elevate_on_request"
              label={t('customerClient.elevate_on_request')}
              hint={
                draft.elevate_automatically
                  ? t('customerClient.onRequestCovered')
                  : t('customerClient.elevate_on_requestHint')
              }
              checked={draft.elevate_on_request}
              onChange={(v) => setDraft({ ...draft, elevate_on_request: v })}
            />
            <p className="muted">{t('customerClient.hashNote')}</p>
            <p className="muted">
              {rules.updated_at
                ? t('customerClient.lastChanged', { time: formatDateTime(rules.updated_at, i18n.language) })
                : t('customerClient.never')}
            </p>
            {message?.ok === false && <Alert kind="error">{message.text}</Alert>}
            {message?.ok && (
              <Alert kind="success" id="customer-client-saved">
                <p>{t('customerClient.saved')}</p>
                <ChangeList changes={message.changes} labelOf={(f) => t(`customerClient.${f}`)} />
              </Alert>
            )}
            <div className="form-actions">
              <Button type="submit" variant="primary" busy={busy} disabled={changed.length === 0}>
                {t('customerClient.save')}
              </Button>
            </div>
          </Card>
        </form>
      )}
    </Section>
  );
}

const pick = (r: Rules): Rules => ({
  elevate_automatically: r.elevate_automatically,
  elevate_on_request: r.elevate_on_request,
});
