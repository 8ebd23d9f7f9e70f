/**
 * The update notice and the transfer progress bar in a DOM, German and English: what each
 * `UpdateStatus` main reports looks like, and which update control each button calls.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { act, fireEvent, screen } from '@testing-library/react';
import { TransferBar } from '../../src-renderer/components/ui/TransferBar.js';
import { DownloadLink } from '../../src-renderer/components/account/sections/DownloadLink.js';
import { type UpdateNotice as UpdateNoticeType } from '../../src-renderer/components/updates/UpdateNotice.js';
import { initI18n } from '../../src-renderer/i18n/i18n.js';
import { registerAccountTexts } from '../../src-renderer/i18n/account-texts.js';
import { useUpdateStore } from '../../src-renderer/stores/update-store.js';
import { useDownloadsStore } from '../../src-renderer/stores/downloads-store.js';
import { type UpdateControls, type UpdateStatus } from '../../src-shared/software-update.js';
import { UPDATE_FAILURE_MESSAGE } from '../../src-shared/api/updates.js';
import { ApiError } from '../../src-shared/api-error.js';
import { transferProgress } from '../../src-shared/transfer-progress.js';
import { type FakeHost } from './support/fake-host.js';
import { renderWithHost, resetRendered } from './support/render.js';

// The notice's chunk registers its texts when it loads, as in the console: after i18next starts.
let UpdateNotice: typeof UpdateNoticeType;
beforeAll(async () => {
  initI18n('en');
  registerAccountTexts();
  ({ UpdateNotice } = await import('../../src-renderer/components/updates/UpdateNotice.js'));
});

afterEach(() => {
  resetRendered();
  useUpdateStore.setState(useUpdateStore.getInitialState(), true);
  useDownloadsStore.setState({ saves: {}, progress: {} });
});

const MB = 1024 * 1024;

/** The desktop host's update controls, recording each call (main's side is tested in test/main). */
function withUpdates(calls: string[], refuse?: keyof UpdateControls) {
  return (host: FakeHost) => {
    const control = (name: keyof UpdateControls) => async () => {
      calls.push(name);
      if (name === refuse) throw new ApiError(409, 'update_not_ready', 'no update is waiting');
    };
    (host as { updates?: UpdateControls }).updates = {
      status: async () => useUpdateStore.getState().status,
      restartNow: control('restartNow'),
      later: control('later'),
      retryNow: control('retryNow'),
      openDownloadPage: control('openDownloadPage'),
    };
  };
}

function showStatus(
  status: UpdateStatus,
  language: 'en' | 'de' = 'en',
  calls: string[] = [],
  refuse?: keyof UpdateControls,
) {
  const rendered = renderWithHost(<UpdateNotice />, { kind: 'desktop', language, setup: withUpdates(calls, refuse) });
  act(() => useUpdateStore.getState().apply(status));
  return rendered;
}

const bar = () => screen.getByRole('progressbar');

describe('transfer progress bar', () => {
  it('shows percent, bytes, speed and time left as text and as the bar’s values, in English', () => {
    renderWithHost(<TransferBar progress={transferProgress(1.25 * MB, 3 * MB, 256 * 1024)} label="Installer" />);
    expect(bar().getAttribute('aria-label')).toBe('Installer');
    expect(bar().getAttribute('aria-valuenow')).toBe('42');
    expect(bar().getAttribute('aria-valuemin')).toBe('0');
    expect(bar().getAttribute('aria-valuemax')).toBe('100');
    expect(bar().getAttribute('aria-valuetext')).toBe('42% · 1.3 MB of 3 MB · 256 kB/s · 7 seconds left');
    expect(screen.getByText('42% · 1.3 MB of 3 MB · 256 kB/s · 7 seconds left')).toBeTruthy();
  });

  it('is in German', () => {
    renderWithHost(<TransferBar progress={transferProgress(1.25 * MB, 3 * MB, 256 * 1024)} label="Installer" />, {
      language: 'de',
    });
    // German puts a no-break space between number and percent sign.
    expect(bar().getAttribute('aria-valuetext')!.replace(/\s/g, ' ')).toBe(
      '42 % · 1,3 MB von 3 MB · 256 kB/s · noch 7 Sekunden',
    );
  });

  it('without a size it has no value (indeterminate) and says how much has come so far', () => {
    renderWithHost(<TransferBar progress={transferProgress(2 * MB, null, 0)} label="Installer" />);
    expect(bar().hasAttribute('aria-valuenow')).toBe(false);
    expect(bar().getAttribute('aria-valuetext')).toBe('2 MB so far');
    expect(bar().className).toContain('transfer__track--indeterminate');
  });
});

describe('update notice', () => {
  it('shows nothing while idle', () => {
    const { container } = showStatus({ phase: 'idle' });
    expect(container.innerHTML).toBe('');
  });

  it('while downloading: the version, the progress bar and that work can go on', () => {
    showStatus({ phase: 'downloading', version: '2.1.0', forced: false, progress: transferProgress(MB, 4 * MB, MB) });
    expect(screen.getByRole('status').textContent).toBe('Downloading version 2.1.0 of the console…');
    expect(screen.getByRole('progressbar', { name: 'Download of version 2.1.0' }).getAttribute('aria-valuenow')).toBe(
      '25',
    );
    expect(screen.getByText(/You can keep working/)).toBeTruthy();
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });

  it('a forced update (426) says the site requires it and that it installs at once, with no Later', () => {
    showStatus(
      { phase: 'downloading', version: '3.0.0', forced: true, progress: transferProgress(0, 4 * MB, 0) },
      'de',
    );
    expect(screen.getByRole('status').textContent).toContain('Diese Site erfordert Version 3.0.0 der Konsole');
    expect(screen.getByRole('status').textContent).toContain('wird installiert, sobald sie heruntergeladen ist');
    expect(screen.queryByRole('button', { name: 'Später' })).toBeNull();
    act(() => useUpdateStore.getState().apply({ phase: 'installing', version: '3.0.0', forced: true }));
    expect(screen.getByRole('status').textContent).toBe(
      'Version 3.0.0, die diese Site erfordert, wird installiert. Die Konsole wird beendet und startet neu.',
    );
  });

  it('when ready: Restart now and Later call main; after Later it says it installs at quit', async () => {
    const calls: string[] = [];
    showStatus({ phase: 'ready', version: '2.1.0', choice: 'pending' }, 'en', calls);
    expect(screen.getByRole('status').textContent).toBe('Version 2.1.0 of the console is ready to install.');
    const later = screen.getByRole('button', { name: 'Later' });
    later.focus();
    expect(document.activeElement).toBe(later);
    fireEvent.click(later);
    await act(async () => undefined);
    expect(calls).toEqual(['later']);
    act(() => useUpdateStore.getState().apply({ phase: 'ready', version: '2.1.0', choice: 'later' }));
    expect(screen.getByRole('status').textContent).toBe('Version 2.1.0 will be installed when you quit the console.');
    expect(screen.queryByRole('button', { name: 'Later' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Restart now' }));
    await act(async () => undefined);
    expect(calls).toEqual(['later', 'restartNow']);
  });

  it('in German: Jetzt neu starten / Später, and main’s refusal is said in the window', async () => {
    const calls: string[] = [];
    showStatus({ phase: 'ready', version: '2.1.0', choice: 'pending' }, 'de', calls, 'restartNow');
    expect(screen.getByRole('status').textContent).toBe('Version 2.1.0 der Konsole ist bereit zur Installation.');
    expect(screen.getByRole('button', { name: 'Später' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Jetzt neu starten' }));
    await act(async () => undefined);
    expect(calls).toEqual(['restartNow']);
    expect(useUpdateStore.getState().error?.code).toBe('update_not_ready');
    expect(screen.getAllByRole('alert').length).toBeGreaterThan(0);
  });
});

describe('update failure banner', () => {
  const at = new Date(2026, 11, 2, 14, 5).toISOString();

  it('1.1gws: the seed’s message, when it tries again, the download page and Try again now', async () => {
    const calls: string[] = [];
    showStatus(
      {
        phase: 'failed',
        kind: '1.1gws',
        download_url: 'https://s/console/#/downloads',
        retry: { state: 'scheduled', at },
      },
      'en',
      calls,
    );
    expect(screen.getByRole('alert').textContent).toBe(UPDATE_FAILURE_MESSAGE.en);
    expect(screen.getByText('The console tries again at 2:05 PM.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Open download page' }));
    await act(async () => undefined);
    fireEvent.click(screen.getByRole('button', { name: 'Try again now' }));
    await act(async () => undefined);
    expect(calls).toEqual(['openDownloadPage', 'retryNow']);
  });

  it('1.1gws in German, and Schließen hides it until main reports again', () => {
    showStatus(
      { phase: 'failed', kind: '1.1gws', download_url: 'https://s/console/#/downloads', retry: { state: 'none' } },
      'de',
    );
    expect(screen.getByRole('alert').textContent).toBe(UPDATE_FAILURE_MESSAGE.de);
    expect(screen.getByText('Die Konsole versucht es nicht von selbst erneut.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Downloadseite öffnen' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Schließen' }));
    expect(screen.queryByRole('alert')).toBeNull();
    act(() =>
      useUpdateStore.getState().apply({
        phase: 'failed',
        kind: '1.1gws',
        download_url: 'https://s/console/#/downloads',
        retry: { state: 'scheduled', at },
      }),
    );
    expect(screen.getByText('Die Konsole versucht es um 14:05 erneut.')).toBeTruthy();
  });

  it('another failure while its retry runs: its own message, and Try again now waits', () => {
    showStatus({ phase: 'failed', kind: 'network', download_url: 'https://s/d', retry: { state: 'running' } });
    expect(screen.getByRole('alert').textContent).toContain('could not reach the server (network problem)');
    expect(screen.getByText('Trying again…')).toBeTruthy();
    const retry = screen.getByRole('button', { name: 'Try again now' });
    expect(retry.getAttribute('aria-busy')).toBe('true');
    expect((retry as HTMLButtonElement).disabled).toBe(true);
  });

  it('an untrusted update in German says nothing was installed', () => {
    showStatus({ phase: 'failed', kind: 'untrusted', download_url: 'https://s/d', retry: { state: 'none' } }, 'de');
    expect(screen.getByRole('alert').textContent).toContain('nicht vom Herausgeber dieser Konsole signiert');
  });
});

describe('installer download in My Account', () => {
  it('shows main’s progress while the save runs, and the bar goes when it is saved', async () => {
    let finish: (v: { saved_to: string }) => void = () => undefined;
    const item = {
      id: 'win-msi',
      kind: 'console' as const,
      platform: 'windows' as const,
      arch: 'x64' as const,
      format: 'msi' as const,
      file_name: 'Console Setup 2.0.msi',
      size: 4 * MB,
      sha256: null,
      available: true,
      note: '',
      url: '/api/downloads/win-msi',
    };
    renderWithHost(<DownloadLink item={item} label="Windows Installer package (MSI)" fallbackReason="" />, {
      kind: 'desktop',
      setup: (host) => {
        host.saveDownload = () => new Promise((resolve) => (finish = resolve));
      },
    });
    fireEvent.click(screen.getByRole('link', { name: 'Windows Installer package (MSI)' }));
    expect(screen.queryByRole('progressbar')).toBeNull();
    act(() => useDownloadsStore.getState().progressed('win-msi', transferProgress(3 * MB, 4 * MB, MB)));
    expect(
      screen.getByRole('progressbar', { name: 'Windows Installer package (MSI)' }).getAttribute('aria-valuenow'),
    ).toBe('75');
    expect(screen.getByText('75% · 3 MB of 4 MB · 1 MB/s · 1 second left')).toBeTruthy();
    await act(async () => finish({ saved_to: '/home/t/Downloads/Console Setup 2.0.msi' }));
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.getByText('Saved to /home/t/Downloads/Console Setup 2.0.msi')).toBeTruthy();
  });
});
