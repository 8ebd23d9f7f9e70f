/**
 * Management > Security's identity providers card and form with the fake host: a new provider's fields
 * checked as typed by the contract's checks, the request it sends, an edit that keeps the secret
 * (not sent) or replaces it, a refusal of the appliance said in the form with the draft kept, and
 * what was saved listed; English and German.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { configure, fireEvent, screen, waitFor } from '@testing-library/react';
import { useEffect } from 'react';
import { IdentityProvidersCard } from '../../src-renderer/components/admin/IdentityProvidersCard.js';
import { useSecurityStore } from '../../src-renderer/stores/security-store.js';
import { registerAdminTexts } from '../../src-renderer/i18n/admin-texts.js';
import { leaveSession } from '../../src-renderer/stores/session-scope.js';
import { type IdentityProvider } from '../../src-shared/api/identity-providers.js';
import { ApiError } from '../../src-shared/api-error.js';
import { type FakeHost } from './support/fake-host.js';
import { identityProvider } from './support/fake-admin.js';
import { renderWithHost, resetRendered } from './support/render.js';

beforeAll(() => {
  // A save goes through the store and two renders; on a loaded machine that outlasts the 1 s default.
  configure({ asyncUtilTimeout: 4000 });
  renderWithHost(<p />);
  registerAdminTexts();
  resetRendered();
});
afterEach(() => {
  resetRendered();
  leaveSession();
});

const CORP = identityProvider();

/** The providers card as Management > Security holds it, without the rest of the screen. */
function ProvidersCard() {
  const providers = useSecurityStore((s) => s.providers);
  useEffect(() => void useSecurityStore.getState().loadProviders(), []);
  return <IdentityProvidersCard providers={providers} />;
}

function install(host: FakeHost, providers: IdentityProvider[]) {
  host.answer('listIdentityProviders', async () => ({ identity_providers: structuredClone(providers) }));
  host.answer('createIdentityProvider', async ({ client_secret: _secret, ...shown }) =>
    identityProvider({ ...shown, id: 4 }),
  );
  host.answer('updateIdentityProvider', async ({ patch: { client_secret: _secret, ...shown } }) => ({
    ...CORP,
    ...shown,
  }));
}

const type = (label: string, value: string) =>
  fireEvent.change(screen.getByLabelText(label, { exact: true }), { target: { value } });
const errorOf = (label: string) => {
  const id = screen
    .getByLabelText(label, { exact: true })
    .getAttribute('aria-describedby')
    ?.split(' ')
    .find((x) => x.endsWith('-error'));
  return id ? document.getElementById(id)?.textContent : undefined;
};
const calls = (host: FakeHost, method: string) => host.calls.filter((c) => c.method === method).map((c) => c.arg);

describe('adding an identity provider', () => {
  it('checks each field as typed by the contract’s rules; saving with problems left sends nothing', async () => {
    const { host } = renderWithHost(<ProvidersCard />, { setup: (h) => install(h, []) });
    fireEvent.click(await screen.findByRole('button', { name: 'Add identity provider' }));
    expect(screen.getByLabelText('Scopes', { exact: true })).toHaveProperty('value', 'openid profile email');
    type('Name (on the sign-in button)', 'Entra ID');
    type('Issuer URL', 'http://login.example.com/tenant');
    expect(errorOf('Issuer URL')).toBe('The issuer must use https (http only for localhost, 127.0.0.0/8 and [::1]).');
    expect(screen.getByLabelText('Issuer URL').getAttribute('aria-invalid')).toBe('true');
    type('Issuer URL', 'https://login.example.com/tenant?x=1');
    expect(errorOf('Issuer URL')).toBe('The issuer must not contain a query (?) or fragment (#).');
    type('Scopes', 'profile email');
    expect(errorOf('Scopes')).toBe('The scopes must include openid.');
    type('Scopes', 'openid profile email');
    // The group without its claim: the claim is what is missing (the field the appliance names too).
    type('Administrators’ group', 'admins');
    expect(errorOf('Group claim for administrators')).toBe(
      'Give both the group claim and the administrators’ group, or neither.',
    );
    type('Administrators’ group', '');
    // Saving with problems left shows every field's problem (the untouched client ID's too).
    fireEvent.click(screen.getByRole('button', { name: 'Add provider' }));
    expect(errorOf('Client ID')).toBe('Enter 1 to 256 characters.');
    expect(calls(host, 'createIdentityProvider')).toEqual([]);
  });

  it('sends the provider with the contract’s defaults and lists what was set, the secret only as new', async () => {
    const { host } = renderWithHost(<ProvidersCard />, { setup: (h) => install(h, []) });
    fireEvent.click(await screen.findByRole('button', { name: 'Add identity provider' }));
    type('Name (on the sign-in button)', 'Entra ID');
    type('Issuer URL', 'https://login.example.com/tenant');
    type('Client ID', 'support-console');
    type('Client secret', 's3cret-value');
    fireEvent.click(screen.getByRole('button', { name: 'Add provider' }));
    const saved = await screen.findByText(/^Added Entra ID\./);
    expect(calls(host, 'createIdentityProvider')).toEqual([
      {
        kind: 'oidc',
        name: 'Entra ID',
        issuer: 'https://login.example.com/tenant',
        client_id: 'support-console',
        client_secret: 's3cret-value',
        scopes: 'openid profile email',
        username_claim: 'preferred_username',
        display_name_claim: 'name',
        email_claim: 'email',
        admin_group_claim: null,
        admin_group_value: null,
        jit_provisioning: false,
        enabled: true,
      },
    ]);
    const list = saved.closest('#provider-saved')!.textContent!;
    expect(list).toContain('Client secret: — → new (not shown)');
    expect(list).not.toContain('s3cret-value');
    expect(await screen.findByText('https://support.example.com/api/auth/sso/4/callback')).toBeTruthy();
  });
});

describe('editing an identity provider', () => {
  it('sends only the changed fields, no secret when none was typed; a refusal is said and the draft stays', async () => {
    const { host } = renderWithHost(<ProvidersCard />, { setup: (h) => install(h, [CORP]) });
    fireEvent.click(await screen.findByRole('button', { name: 'Edit Corp' }));
    expect(screen.getByLabelText('Client secret', { exact: true })).toHaveProperty('value', '');
    expect(screen.getByText(/^Leave empty to keep the stored secret/)).toBeTruthy();
    type('Email claim', 'mail');
    host.failNext(
      'updateIdentityProvider',
      new ApiError(422, 'insecure_issuer_url', 'The issuer must use https', { field: 'issuer', reason: 'not_https' }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Save provider' }));
    const refusal = await screen.findByRole('alert');
    expect(refusal.textContent).toBe(
      'Not saved: The issuer must use https (http only for localhost, 127.0.0.0/8 and [::1]). (Issuer URL)',
    );
    expect(screen.getByLabelText('Email claim', { exact: true })).toHaveProperty('value', 'mail');

    fireEvent.click(screen.getByRole('button', { name: 'Save provider' }));
    await screen.findByText('Saved Corp. What changed:');
    expect(document.getElementById('provider-saved')!.textContent).toContain('Email claim: email → mail');
    expect(calls(host, 'updateIdentityProvider')).toEqual([
      { id: 3, patch: { email_claim: 'mail' } },
      { id: 3, patch: { email_claim: 'mail' } },
    ]);
  });

  it('a secret typed on an edit replaces the stored one, and is listed only as new', async () => {
    const { host } = renderWithHost(<ProvidersCard />, { setup: (h) => install(h, [CORP]) });
    fireEvent.click(await screen.findByRole('button', { name: 'Edit Corp' }));
    type('Client secret', 'replaced');
    fireEvent.click(screen.getByRole('button', { name: 'Save provider' }));
    await screen.findByText('Saved Corp. What changed:');
    expect(calls(host, 'updateIdentityProvider')).toEqual([{ id: 3, patch: { client_secret: 'replaced' } }]);
    await waitFor(() =>
      expect(document.getElementById('provider-saved')!.textContent).toContain(
        'Client secret: set (not shown) → new (not shown)',
      ),
    );
  });

  it('in German: the labels, a problem and the secret’s hint', async () => {
    renderWithHost(<ProvidersCard />, { language: 'de', setup: (h) => install(h, [CORP]) });
    fireEvent.click(await screen.findByRole('button', { name: 'Corp bearbeiten' }));
    type('Aussteller-URL', 'ftp://idp.example.com');
    expect(errorOf('Aussteller-URL')).toBe(
      'Der Aussteller muss https verwenden (http nur für localhost, 127.0.0.0/8 und [::1]).',
    );
    expect(screen.getByText(/^Leer lassen, um das gespeicherte Geheimnis zu behalten/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Anbieter speichern' })).toBeTruthy();
  });
});
