/**
 * Management > Audit log with the fake host: entries with who, what and before → after in English
 * and German, older pages through the shared paging footer, the filter sent to the appliance, the
 * empty state, and the CSV export's answer (saved path on the desktop, an error kept visible).
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { AuditLogScreen } from '../../src-renderer/components/admin/AuditLogScreen.js';
import { registerAdminTexts } from '../../src-renderer/i18n/admin-texts.js';
import { leaveSession } from '../../src-renderer/stores/session-scope.js';
import { ApiError } from '../../src-shared/api-error.js';
import { auditEntry, installAuditLog } from './support/fake-admin.js';
import { renderWithHost, resetRendered } from './support/render.js';

beforeAll(() => {
  renderWithHost(<p />);
  registerAdminTexts();
  resetRendered();
});
afterEach(() => {
  resetRendered();
  leaveSession();
});

const ENTRIES = Array.from({ length: 7 }, (_, i) => auditEntry(7 - i));
ENTRIES[0] = auditEntry(7, {
  kind: 'security.updated',
  target: 'security',
  target_label: null,
  changes: { min_password_length: { old: 8, new: 11 } },
});
ENTRIES[6] = auditEntry(1, { kind: 'user.created', actor_username: null, ip: null });

const rows = () => document.querySelectorAll('tr[data-audit-id]');

describe('audit log screen', () => {
  it('shows who changed what, before and after, newest first', async () => {
    renderWithHost(<AuditLogScreen />, { setup: (h) => installAuditLog(h, ENTRIES) });
    await waitFor(() => expect(rows()).toHaveLength(7));
    const policy = within(document.querySelector<HTMLElement>('tr[data-audit-id="7"]')!);
    expect(policy.getByText('Security settings changed')).toBeTruthy();
    expect(policy.getByText('min_password_length').parentElement!.textContent).toBe('min_password_length: 8 → 11');
    const edit = within(document.querySelector<HTMLElement>('tr[data-audit-id="6"]')!);
    expect(edit.getByText('is_admin').parentElement!.textContent).toBe('is_admin: no → yes');
    expect(edit.getByText('tech6')).toBeTruthy();
    const created = within(document.querySelector<HTMLElement>('tr[data-audit-id="1"]')!);
    expect(created.getByText('The appliance')).toBeTruthy();
    expect([...rows()].map((r) => r.getAttribute('data-audit-id'))).toEqual(['7', '6', '5', '4', '3', '2', '1']);
    expect(screen.queryByRole('button', { name: 'Show older changes' })).toBeNull();
  });

  it('speaks German', async () => {
    renderWithHost(<AuditLogScreen />, { language: 'de', setup: (h) => installAuditLog(h, ENTRIES) });
    expect(await screen.findByRole('heading', { level: 2, name: 'Prüfprotokoll' })).toBeTruthy();
    await waitFor(() => expect(rows()).toHaveLength(7));
    const edit = within(document.querySelector<HTMLElement>('tr[data-audit-id="6"]')!);
    expect(edit.getByText('is_admin').parentElement!.textContent).toBe('is_admin: nein → ja');
  });

  it('reads older pages through the paging footer, each entry once, until the last', async () => {
    const { host } = renderWithHost(<AuditLogScreen />, { setup: (h) => installAuditLog(h, ENTRIES, 3) });
    await waitFor(() => expect(rows()).toHaveLength(3));
    fireEvent.click(screen.getByRole('button', { name: 'Show older changes' }));
    await waitFor(() => expect(rows()).toHaveLength(6));
    fireEvent.click(screen.getByRole('button', { name: 'Show older changes' }));
    await waitFor(() => expect(rows()).toHaveLength(7));
    expect(screen.queryByRole('button', { name: 'Show older changes' })).toBeNull();
    expect(new Set([...rows()].map((r) => r.getAttribute('data-audit-id'))).size).toBe(7);
    expect(host.calls.filter((c) => c.method === 'listAuditLog').map((c) => c.arg)).toEqual([
      {},
      { cursor: '5' },
      { cursor: '2' },
    ]);
  });

  it('sends the filter to the appliance and says when nothing matches', async () => {
    const { host } = renderWithHost(<AuditLogScreen />, { setup: (h) => installAuditLog(h, ENTRIES) });
    await waitFor(() => expect(rows()).toHaveLength(7));
    fireEvent.change(screen.getByLabelText('Action'), { target: { value: 'user.created' } });
    fireEvent.change(screen.getByLabelText('Changed by'), { target: { value: ' admin ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Show' }));
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(host.calls.filter((c) => c.method === 'listAuditLog').at(-1)!.arg).toEqual({
      actor: 'admin',
      kind: 'user.created',
    });
    fireEvent.change(screen.getByLabelText('Action'), { target: { value: 'user.two_factor_reset' } });
    fireEvent.click(screen.getByRole('button', { name: 'Show' }));
    expect(await screen.findByText('No changes match this filter.')).toBeTruthy();
    expect(rows()).toHaveLength(0);
  });

  it('says where the desktop saved the CSV, and why an export failed', async () => {
    const { host } = renderWithHost(<AuditLogScreen />, { kind: 'desktop', setup: (h) => installAuditLog(h, ENTRIES) });
    await waitFor(() => expect(rows()).toHaveLength(7));
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(await screen.findByText('Saved to /home/tech/Downloads/audit-log.csv')).toBeTruthy();
    host.failNext('exportAuditLog', new ApiError(403, 'forbidden', 'Administrators only.'));
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(rows()).toHaveLength(7);
  });
});
