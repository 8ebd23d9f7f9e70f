import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { AvailabilitySection } from '../../src-renderer/components/account/sections/AvailabilitySection.js';
import { EmailSection } from '../../src-renderer/components/account/sections/EmailSection.js';
import TwoFactorSection, { groupSecret } from '../../src-renderer/components/account/sections/TwoFactorSection.js';
import { formatDateTime } from '../../src-renderer/i18n/format.js';
import { useTwoFactorStore } from '../../src-renderer/stores/two-factor-store.js';
import { useDownloadsStore } from '../../src-renderer/stores/downloads-store.js';
import { DownloadLink } from '../../src-renderer/components/account/sections/DownloadLink.js';
import { type DownloadItem } from '../../src-shared/api/downloads.js';
import { ApiError } from '../../src-shared/api-error.js';
import { renderWithHost } from './support/render.js';
import { ACCOUNT, SITE } from './support/fake-host.js';

afterEach(() => {
  cleanup();
  useTwoFactorStore.setState({ setup: null, recoveryCodes: null });
});

describe('extended availability', () => {
  it('is disabled and explained when the admin has not allowed it', () => {
    renderWithHost(<AvailabilitySection />, {
      account: { ...ACCOUNT, extended_availability: { allowed: false, enabled: false } },
    });
    const button = screen.getByRole('button', { name: 'Enable' });
    expect((button as HTMLButtonElement).disabled).toBe(true);
    const why = screen.getByText('Your administrator has not allowed extended availability for your account.');
    expect(button.getAttribute('aria-describedby')).toBe(why.id);
  });
  it('toggles when allowed and says what happens', async () => {
    const { host } = renderWithHost(<AvailabilitySection />);
    expect(screen.getByText(/receive email invitations from colleagues/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Enable' }));
    await screen.findByText(/Extended availability is on\. A mail with a link/);
    expect(host.calls.at(-1)).toEqual({ method: 'updateAccount', arg: { extended_availability_enabled: true } });
    expect(screen.getByRole('button', { name: 'Disable' })).toBeTruthy();
  });
});

describe('email', () => {
  it('asks for the /login password (not the mail password) and the mail language only with several site languages', async () => {
    const { host } = renderWithHost(<EmailSection />, { language: 'de' });
    expect(screen.getByText('Das Kennwort für Ihr /login-Konto, nicht Ihr E-Mail-Kennwort.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Bevorzugte E-Mail-Sprache'), { target: { value: 'de' } });
    fireEvent.change(screen.getByLabelText('E-Mail-Adresse'), { target: { value: 'neu@example.de' } });
    fireEvent.change(screen.getByLabelText('Kennwort'), { target: { value: 'pw' } });
    fireEvent.click(screen.getByRole('button', { name: 'E-Mail-Einstellungen speichern' }));
    await screen.findByText('Ihre E-Mail-Einstellungen wurden gespeichert.');
    expect(host.calls.at(-1)).toEqual({
      method: 'changeEmail',
      arg: { email_address: 'neu@example.de', current_password: 'pw', preferred_email_language: 'de' },
    });
    cleanup();
    renderWithHost(<EmailSection />, { site: { ...SITE, languages: ['en'] } });
    expect(screen.queryByLabelText('Preferred email language')).toBeNull();
  });
  it('refuses a malformed address on its field before sending', () => {
    const { host } = renderWithHost(<EmailSection />);
    const address = screen.getByLabelText('Email address');
    fireEvent.change(address, { target: { value: 'not-an-address' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'pw' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save email settings' }));
    const err = screen.getByText(/Enter a valid email address/);
    expect(address.getAttribute('aria-describedby')).toContain(err.id);
    expect(host.calls.filter((c) => c.method === 'changeEmail')).toHaveLength(0);
  });
});

describe('two-factor section', () => {
  it('draws the QR code locally as a data: image and shows the secret grouped for typing', async () => {
    renderWithHost(<TwoFactorSection />);
    fireEvent.click(screen.getByRole('button', { name: 'Enable two-factor authentication' }));
    const qr = await screen.findByAltText('QR code to add this account to an authenticator app');
    expect(qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(screen.getByText('JBSW Y3DP EHPK 3PXP')).toBeTruthy();
    expect(groupSecret('ABCDEFGHIJ')).toBe('ABCD EFGH IJ');
  });
  it('when enforced, disable is unavailable and explained', () => {
    renderWithHost(<TwoFactorSection />, {
      account: { ...ACCOUNT, two_factor: { enabled: true, required: true, recovery_codes_left: 7 } },
    });
    expect(
      (screen.getByRole('button', { name: 'Disable two-factor authentication' }) as HTMLButtonElement).disabled,
    ).toBe(true);
    expect(
      screen.getByText('Because your administrator enforces two-factor authentication, you cannot disable it.'),
    ).toBeTruthy();
    expect(screen.getByText(/7 recovery codes left\./)).toBeTruthy();
  });
});

describe('switching the authenticator app', () => {
  const ON = { ...ACCOUNT, two_factor: { enabled: true, required: false, recovery_codes_left: 10 } };

  it('asks for the password and the current factor before the new secret, and again to activate (German)', async () => {
    const { host } = renderWithHost(<TwoFactorSection />, { account: ON, language: 'de' });
    fireEvent.click(screen.getByRole('button', { name: 'Zu einer anderen Authentifikator-App wechseln' }));
    expect(screen.queryByText('JBSW Y3DP EHPK 3PXP')).toBeNull();
    fireEvent.change(screen.getByLabelText('Kennwort'), { target: { value: 'pw' } });
    fireEvent.change(screen.getByLabelText('Code aus Ihrer bisherigen App oder ein Wiederherstellungscode'), {
      target: { value: ' ABCD-EFGH-IJKL-MNOP ' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Weiter' }));
    await screen.findByText('JBSW Y3DP EHPK 3PXP');
    expect(host.calls.at(-1)).toEqual({
      method: 'setupTwoFactor',
      arg: { current_password: 'pw', current_code: 'ABCD-EFGH-IJKL-MNOP' },
    });

    host.failNext(
      'activateTwoFactor',
      new ApiError(401, 'otp_invalid', 'The current code is wrong.', { field: 'current_code' }),
    );
    fireEvent.change(screen.getByLabelText('Kennwort'), { target: { value: 'pw' } });
    const current = screen.getByLabelText('Code aus Ihrer bisherigen App oder ein Wiederherstellungscode');
    fireEvent.change(current, { target: { value: '111111' } });
    fireEvent.change(screen.getByLabelText('Code aus der neuen App'), { target: { value: '222 222' } });
    fireEvent.click(screen.getByRole('button', { name: 'Aktivieren' }));
    await screen.findByText(/Der Code ist ungültig/);
    expect(current.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Code aus der neuen App').getAttribute('aria-invalid')).not.toBe('true');

    fireEvent.change(current, { target: { value: '333333' } });
    fireEvent.click(screen.getByRole('button', { name: 'Aktivieren' }));
    await screen.findByText('Ihre neue Authentifikator-App wird jetzt verwendet.');
    expect(host.calls.at(-2)).toEqual({
      method: 'activateTwoFactor',
      arg: { current_password: 'pw', code: '222222', current_code: '333333' },
    });
  });

  it('refuses to start without the current code, and says current_factor_required in English', async () => {
    const { host } = renderWithHost(<TwoFactorSection />, { account: ON });
    fireEvent.click(screen.getByRole('button', { name: 'Switch authenticator app' }));
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'pw' } });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(screen.getByText('Enter a code from your current app or one of your recovery codes.')).toBeTruthy();
    expect(host.calls.some((c) => c.method === 'setupTwoFactor')).toBe(false);

    host.failNext('setupTwoFactor', new ApiError(403, 'current_factor_required', 'Enter the current factor.'));
    fireEvent.change(screen.getByLabelText('Code from your current app, or a recovery code'), {
      target: { value: '123456' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    const why = await screen.findByText(/enter a code from your current authenticator app or an unused recovery code/);
    expect(
      screen.getByLabelText('Code from your current app, or a recovery code').getAttribute('aria-describedby'),
    ).toContain(why.id);
  });

  it('a first enrolment (2FA off) asks for no current code', async () => {
    const { host } = renderWithHost(<TwoFactorSection />);
    fireEvent.click(screen.getByRole('button', { name: 'Enable two-factor authentication' }));
    await screen.findByText('JBSW Y3DP EHPK 3PXP');
    expect(host.calls.at(-1)).toEqual({ method: 'setupTwoFactor', arg: {} });
    expect(screen.queryByLabelText('Code from your current app, or a recovery code')).toBeNull();
  });
});

describe('localized dates', () => {
  it('formats session times per language', () => {
    expect(formatDateTime('2026-11-25T15:58:00Z', 'de')).toMatch(/25\.11\.2026/);
    expect(formatDateTime('2026-11-25T15:58:00Z', 'en')).toMatch(/Nov 25, 2026/);
  });
});

describe('a download link', () => {
  const ITEM: DownloadItem = {
    id: 'console-windows-x64-msi',
    kind: 'console',
    platform: 'windows',
    arch: 'x64',
    audience: null,
    format: 'msi',
    file_name: 'support-console-1.0.0-win-x64.msi',
    size: 600_000,
    sha256: 'ab'.repeat(32),
    available: true,
    note: '',
    url: '/api/downloads/console-windows-x64-msi',
  };
  afterEach(() => useDownloadsStore.setState({ saves: {} }));

  it('stays a real link, but a click goes through the host and says where the desktop console saved the file', async () => {
    const { host } = renderWithHost(<DownloadLink item={ITEM} label="Windows installer (MSI)" fallbackReason="" />);
    const link = screen.getByRole('link', { name: 'Windows installer (MSI)' });
    expect(link.getAttribute('href')).toBe('https://support.example.com/api/downloads/console-windows-x64-msi');
    fireEvent.click(link);
    await screen.findByText('Saved to /home/tech/Downloads/console-windows-x64-msi');
    expect(host.calls.filter((c) => c.method === 'saveDownload')).toEqual([
      { method: 'saveDownload', arg: 'console-windows-x64-msi' },
    ]);
  });

  it("shows the host's refusal in the person's language", async () => {
    renderWithHost(<DownloadLink item={ITEM} label="Windows-Installationsprogramm (MSI)" fallbackReason="" />, {
      language: 'de',
      setup: (h) => h.failNext('saveDownload', new ApiError(0, 'download_write_failed', 'EACCES')),
    });
    fireEvent.click(screen.getByRole('link', { name: 'Windows-Installationsprogramm (MSI)' }));
    const status = await screen.findByText(/Die Datei konnte nicht gespeichert werden/);
    expect(status.getAttribute('role')).toBe('status');
  });
});
