import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { DisplayNamesSection } from '../../src-renderer/components/account/sections/DisplayNamesSection.js';
import { initialNames, typePrivateName, typePublicName } from '../../src-renderer/lib/name-sync.js';
import { renderWithHost } from './support/render.js';
import { ACCOUNT } from './support/fake-host.js';

afterEach(cleanup);

describe('display-name sync rule', () => {
  it('while synced, typing the private name fills the public one', () => {
    let s = initialNames('Al', 'Al');
    s = typePrivateName(s, 'Alice');
    expect(s).toEqual({ privateName: 'Alice', publicName: 'Alice', synced: true });
  });
  it('editing the public name unsyncs; then the private name no longer copies', () => {
    let s = typePublicName(initialNames('Alice', 'Alice'), 'Support Team');
    expect(s.synced).toBe(false);
    s = typePrivateName(s, 'Alice B.');
    expect(s).toEqual({ privateName: 'Alice B.', publicName: 'Support Team', synced: false });
  });
  it('equal again means synced, whichever field made them equal', () => {
    expect(typePublicName(initialNames('Alice', 'Bob'), 'Alice').synced).toBe(true);
    expect(typePrivateName(initialNames('Alice', 'Bob'), 'Bob').synced).toBe(true);
  });
});

describe('display names section', () => {
  it('mirrors the private name, unsyncs on a public edit, re-syncs, explains each state and saves both', async () => {
    const { host } = renderWithHost(<DisplayNamesSection />);
    const priv = screen.getByLabelText('Private display name') as HTMLInputElement;
    const pub = screen.getByLabelText('Public display name') as HTMLInputElement;
    const state = screen.getByTestId('sync-state');
    expect(state.textContent).toMatch(/^Synced/);
    // Both meanings are explained and tied to their fields.
    expect(document.getElementById(priv.getAttribute('aria-describedby')!)!.textContent).toMatch(
      /internal communication/,
    );
    expect(document.getElementById(pub.getAttribute('aria-describedby')!)!.textContent).toMatch(/shown to customers/);

    fireEvent.change(priv, { target: { value: 'Alice Example' } });
    expect(pub.value).toBe('Alice Example');

    fireEvent.change(pub, { target: { value: 'Your Support Team' } });
    expect(state.textContent).toMatch(/^Not synced/);
    fireEvent.change(priv, { target: { value: 'Alice E.' } });
    expect(pub.value).toBe('Your Support Team');

    fireEvent.change(pub, { target: { value: 'Alice E.' } });
    expect(state.textContent).toMatch(/^Synced/);
    fireEvent.change(priv, { target: { value: 'Alice' } });
    expect(pub.value).toBe('Alice');

    fireEvent.change(pub, { target: { value: 'Support' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save display names' }));
    await screen.findByText('Your display names were saved.');
    expect(host.calls.find((c) => c.method === 'updateAccount')!.arg).toEqual({
      private_display_name: 'Alice',
      public_display_name: 'Support',
    });
  });

  it('refuses an empty or control-character name before saving, with the error tied to the field', async () => {
    const { host } = renderWithHost(<DisplayNamesSection />, {
      account: { ...ACCOUNT, private_display_name: 'A', public_display_name: 'B' },
    });
    const priv = screen.getByLabelText('Private display name');
    fireEvent.change(priv, { target: { value: '   ' } });
    fireEvent.change(screen.getByLabelText('Public display name'), { target: { value: 'Bad\u202Ename' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save display names' }));
    const error = await screen.findByText('Enter a name.');
    expect(priv.getAttribute('aria-describedby')).toContain(error.id);
    expect(screen.getByText('The name contains characters that are not allowed.')).toBeTruthy();
    expect(host.calls.filter((c) => c.method === 'updateAccount')).toHaveLength(0);
  });
});
