import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { MsiCommandBuilder } from '../../src-renderer/components/account/sections/MsiCommandBuilder.js';
import { DownloadsSection } from '../../src-renderer/components/account/sections/DownloadsSection.js';
import { useDownloadsStore } from '../../src-renderer/stores/downloads-store.js';
import { renderWithHost } from './support/render.js';

afterEach(() => {
  cleanup();
  useDownloadsStore.setState({ items: [], apiAvailable: false, loaded: false });
});

const command = () => screen.getByTestId('msi-command').textContent;
const notes = () => [...document.querySelectorAll('[data-note]')].map((n) => n.getAttribute('data-note'));

describe('MSI command builder', () => {
  it('starts with the defaults only, and the log-in-before-update note with the 1.1gws message', () => {
    renderWithHost(<MsiCommandBuilder fileName="Support Console 2.0.msi" siteUrl="https://support.example.com" />);
    expect(command()).toBe('msiexec /i "Support Console 2.0.msi" SITEURL="https://support.example.com"');
    expect(notes()).toEqual(['log_in_before_update']);
    expect(screen.getByText(/\(1\.1gws\)/).textContent).toContain(
      'Communication error with server during software update',
    );
  });

  it('quotes an install folder with spaces and adds each option the user ticks, in order', () => {
    renderWithHost(<MsiCommandBuilder fileName="console.msi" siteUrl="https://s.example" />);
    fireEvent.change(screen.getByLabelText('Install folder (INSTALLDIR)'), {
      target: { value: 'C:\\Program Files\\My "Tools"\\Console\\' },
    });
    fireEvent.click(screen.getByLabelText('Run at startup (RUNATSTARTUP=1)'));
    fireEvent.click(screen.getByLabelText('Update automatically (SHOULDAUTOUPDATE=1)'));
    fireEvent.click(screen.getByLabelText('Quiet install (/quiet)'));
    expect(command()).toBe(
      'msiexec /i "console.msi" SITEURL="https://s.example" INSTALLDIR="C:\\Program Files\\My ""Tools""\\Console\\" RUNATSTARTUP=1 SHOULDAUTOUPDATE=1 /quiet',
    );
    expect(notes()).toEqual(['per_user_auto_update', 'log_in_before_update']);

    fireEvent.click(screen.getByLabelText('Install for all users (ALLUSERS=1)'));
    expect(command()).toContain('RUNATSTARTUP=1 ALLUSERS=1 SHOULDAUTOUPDATE=1 /quiet');
    expect(notes()).toEqual(['all_users_no_auto_update', 'log_in_before_update']);

    fireEvent.click(screen.getByLabelText('Run at startup (RUNATSTARTUP=1)'));
    fireEvent.change(screen.getByLabelText('Install folder (INSTALLDIR)'), { target: { value: '  ' } });
    expect(command()).toBe('msiexec /i "console.msi" SITEURL="https://s.example" ALLUSERS=1 SHOULDAUTOUPDATE=1 /quiet');
  });

  it('is in German with the seed’s wording', () => {
    renderWithHost(<MsiCommandBuilder fileName="c.msi" siteUrl="https://s" />, { language: 'de' });
    fireEvent.click(screen.getByLabelText('Für alle Benutzer installieren (ALLUSERS=1)'));
    fireEvent.click(screen.getByLabelText('Automatisch aktualisieren (SHOULDAUTOUPDATE=1)'));
    expect(
      screen.getByText(/Mit ALLUSERS=1 und SHOULDAUTOUPDATE=1 wird die Konsole nicht automatisch aktualisiert/),
    ).toBeTruthy();
    expect(screen.getByText(/Kommunikationsfehler mit Server während der Softwareaktualisierung/)).toBeTruthy();
  });
});

describe('downloads section without a downloads API', () => {
  it('shows every item as unavailable (not broken) and still builds the MSI command for Windows', async () => {
    const { host } = renderWithHost(<DownloadsSection />);
    await screen.findAllByText('This appliance does not offer downloads yet.');
    expect(host.calls.some((c) => c.method === 'listDownloads')).toBe(true);
    fireEvent.change(screen.getByLabelText('Platform'), { target: { value: 'windows' } });
    const items = [...document.querySelectorAll('[data-available]')];
    expect(items.length).toBeGreaterThanOrEqual(6);
    expect(items.every((i) => i.getAttribute('data-available') === 'false')).toBe(true);
    expect(document.querySelectorAll('a[download]')).toHaveLength(0);
    expect(command()).toBe('msiexec /i "support-console-2.0.0-x64.msi" SITEURL="https://support.example.com"');
    expect(screen.getByRole('link', { name: 'Launch the web console' }).getAttribute('href')).toBe(
      'https://support.example.com/console/',
    );
  });

  it('with the API, links available items and says why others are missing', async () => {
    renderWithHost(<DownloadsSection />, {
      setup: (host) => {
        host.listDownloads = async () => [
          {
            id: 'win-msi',
            kind: 'console',
            platform: 'windows',
            arch: 'x64',
            format: 'msi',
            file_name: 'Console Setup 2.0.msi',
            size: 2_500_000,
            sha256: 'ab'.repeat(32),
            available: true,
            note: '',
            url: '/api/downloads/win-msi',
          },
          {
            id: 'driver',
            kind: 'display_driver',
            platform: 'windows',
            arch: null,
            file_name: 'driver.exe',
            size: null,
            sha256: null,
            available: false,
            note: 'No driver uploaded',
            url: '/api/downloads/driver',
          },
        ];
      },
    });
    fireEvent.change(await screen.findByLabelText('Platform'), { target: { value: 'windows' } });
    const link = await screen.findByRole('link', { name: 'Windows Installer package (MSI)' });
    expect(link.getAttribute('href')).toBe('https://support.example.com/api/downloads/win-msi');
    const titles = screen
      .getAllByText('This file is not on the appliance.')
      .map((r) => r.closest('p')!.getAttribute('title'));
    expect(titles).toContain('No driver uploaded');
    expect(command()).toContain('msiexec /i "Console Setup 2.0.msi"');
  });
});
