/**
 * Management > Audit log ("Prüfprotokoll"): every administrative change, newest first, filtered by
 * actor, kind and dates on the appliance; the same filter exports as CSV.
 */
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_KINDS } from '../../../src-shared/api/audit.js';
import { errorMessage } from '../../lib/error-message.js';
import { formatDateTime } from '../../i18n/format.js';
import { type AuditFilter, useAuditStore } from '../../stores/audit-store.js';
import { Alert } from '../ui/Alert.js';
import { Button } from '../ui/Button.js';
import { DataTable } from '../ui/DataTable.js';
import { Field } from '../ui/Field.js';
import { Section } from '../ui/Section.js';
import { auditKindLabel, auditValue } from './audit-values.js';

const KIND_GROUPS = ['security.', 'user.', 'release.', 'download.', 'update_token.', 'customer_client.'] as const;

export function AuditLogScreen() {
  const { t, i18n } = useTranslation();
  const { entries, nextCursor, load, more, exportCsv } = useAuditStore();
  const [form, setForm] = useState<AuditFilter>(() => useAuditStore.getState().filter);
  const [busy, setBusy] = useState<'load' | 'more' | 'export' | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();

  const run = async (what: 'load' | 'more' | 'export', work: () => Promise<void>) => {
    setBusy(what);
    setMessage(undefined);
    try {
      await work();
    } catch (err) {
      setMessage({ ok: false, text: errorMessage(t, err, i18n.language) });
    } finally {
      setBusy(null);
    }
  };

  useEffect(() => {
    void run('load', () => load(useAuditStore.getState().filter));
    // The first page once, when the screen opens (the filter is the one kept from the last visit).
  }, []);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const filter: AuditFilter = {};
    if (form.actor?.trim()) filter.actor = form.actor.trim();
    if (form.kind) filter.kind = form.kind;
    if (form.from) filter.from = form.from;
    if (form.to) filter.to = form.to;
    void run('load', () => load(filter));
  };
  const exportFile = () =>
    run('export', async () => {
      const saved = await exportCsv();
      setMessage({ ok: true, text: saved ? t('audit.savedTo', { path: saved }) : t('audit.exportStarted') });
    });

  return (
    <Section id="audit" title={t('nav.management.audit')} intro={t('audit.intro')}>
      <form className="card filter-bar" onSubmit={apply} aria-label={t('audit.filter')}>
        <Field
          label={t('audit.actor')}
          value={form.actor ?? ''}
          onChange={(e) => setForm({ ...form, actor: e.target.value })}
          autoComplete="off"
          maxLength={64}
        />
        <div className="field">
          <label htmlFor="audit-kind">{t('audit.kind')}</label>
          <select id="audit-kind" value={form.kind ?? ''} onChange={(e) => setForm({ ...form, kind: e.target.value })}>
            <option value="">{t('audit.allKinds')}</option>
            {KIND_GROUPS.map((group) => (
              <optgroup key={group} label={t(`audit.groups.${group.slice(0, -1)}`)}>
                <option value={group}>
                  {t('audit.everyKindOf', { group: t(`audit.groups.${group.slice(0, -1)}`) })}
                </option>
                {AUDIT_KINDS.filter((k) => k.startsWith(group)).map((k) => (
                  <option key={k} value={k}>
                    {auditKindLabel(t, k)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <Field
          label={t('audit.from')}
          type="date"
          value={form.from ?? ''}
          onChange={(e) => setForm({ ...form, from: e.target.value })}
        />
        <Field
          label={t('audit.to')}
          type="date"
          value={form.to ?? ''}
          onChange={(e) => setForm({ ...form, to: e.target.value })}
        />
        <div className="filter-bar__actions">
          <Button type="submit" variant="primary" busy={busy === 'load'}>
            {t('audit.apply')}
          </Button>
          <Button type="button" onClick={() => void exportFile()} busy={busy === 'export'}>
            {t('audit.export')}
          </Button>
        </div>
      </form>
      {message && <Alert kind={message.ok ? 'success' : 'error'}>{message.text}</Alert>}
      <DataTable
        caption={t('audit.caption')}
        className="audit-table"
        columns={[
          { label: t('audit.time') },
          { label: t('audit.actor') },
          { label: t('audit.kind') },
          { label: t('audit.target') },
          { label: t('audit.changes') },
          { label: t('audit.address') },
        ]}
        rows={entries}
        empty={t('audit.empty')}
        paging={{
          hasMore: nextCursor !== null,
          busy: busy === 'more',
          label: t('audit.more'),
          onMore: () => void run('more', more),
        }}
      >
        {(e) => (
          <tr key={e.id} data-audit-id={e.id} data-kind={e.kind}>
            <td className="nowrap">{formatDateTime(e.at, i18n.language)}</td>
            <td>{e.actor_username ?? t('audit.system')}</td>
            <td>{auditKindLabel(t, e.kind)}</td>
            <td>{e.target_label ?? e.target ?? t('audit.none')}</td>
            <td>
              <ul className="audit-changes">
                {Object.entries(e.changes).map(([field, c]) => (
                  <li key={field}>
                    <code>{field}</code>: {auditValue(t, c.old)} → {auditValue(t, c.new)}
                  </li>
                ))}
              </ul>
            </td>
            <td>{e.ip ?? t('audit.none')}</td>
          </tr>
        )}
      </DataTable>
    </Section>
  );
}
