/**
 * Management > Console software with the fake host: the releases (version, size, sha512, signature
 * state, date), publishing with the progress bar and the site-hash warning, a refused signature
 * said in words, installers replaced, update tokens revoked, German, the desktop host's file
 * chosen through main's dialog, and a desktop host without uploads pointed to the web console.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import { ConsoleSoftwareScreen } from '../../src-renderer/components/admin/software/ConsoleSoftwareScreen.js';
import { registerAdminTexts } from '../../src-renderer/i18n/admin-texts.js';
import { leaveSession } from '../../src-renderer/stores/session-scope.js';
import { type AdminUploads, type UploadProgress } from '../../src-shared/console-api.js';
import { type ConsoleReleaseInfo, type UpdateTokenInfo } from '../../src-shared/api/updates.js';
import { type DownloadItem } from '../../src-shared/api/downloads.js';
import { ApiError } from '../../src-shared/api-error.js';
import { type FakeHost } from './support/fake-host.js';
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

const SHA = 'q'.repeat(86) + '==';
const UPLOAD_MAX = 1024;
const RELEASES: ConsoleReleaseInfo[] = [
  {
    version: '2.0.0',
    platform: 'win',
    file_name: 'Support Console Setup 2.0.0.exe',
    size: 94_371_840,
    sha512: SHA,
    published_at: '2026-03-02T10:00:00.000Z',
    signature: 'c2ln',
  },
  {
    version: '1.0.0',
    platform: 'linux',
    file_name: 'console.AppImage',
    size: 1000,
    sha512: SHA,
    published_at: '2026-01-02T10:00:00.000Z',
    signature: null,
  },
];

function dl(id: string, kind: DownloadItem['kind'], over: Partial<DownloadItem> = {}): DownloadItem {
  return {
    id,
    kind,
    platform: 'windows',
    arch: 'x64',
    audience: null,
    format: 'msi',
    file_name: `${id}.msi`,
    size: null,
    sha256: null,
    available: false,
    note: '',
    url: `/api/downloads/${id}`,
    ...over,
  };
}
const DOWNLOADS: DownloadItem[] = [
  dl('console-windows-x64-exe', 'console', { format: 'exe' }),
  dl('display-driver-windows', 'display_driver', { arch: null, format: 'exe', file_name: 'display-driver.exe' }),
  dl('virtual-smart-card-endpoint-arm64', 'virtual_smart_card', { arch: 'arm64', audience: 'endpoint' }),
  dl('elevation-service-x64', 'elevation_service', { available: true, size: 2048, file_name: 'es-1.msi' }),
  dl('elevation-service.reg', 'elevation_service', { arch: null, format: 'reg', available: true }),
];
const TOKENS: UpdateTokenInfo[] = [
  {
    id: 'tok-1',
    install_id: 'install-aaaa',
    username: 'tech1',
    created_at: '2026-03-01T08:00:00.000Z',
    last_used_at: '2026-03-03T09:00:00.000Z',
    revoked_at: null,
  },
  {
    id: 'tok-2',
    install_id: 'install-bbbb',
    username: null,
    created_at: '2026-02-01T08:00:00.000Z',
    last_used_at: null,
    revoked_at: '2026-02-05T08:00:00.000Z',
  },
];

/** Uploads that report half the file sent, then wait for the test to let them finish. */
function pendingUploads() {
  const sent: { method: string; upload: unknown }[] = [];
  let finish: (answer: unknown) => void = () => {};
  let fail: (err: unknown) => void = () => {};
  const run = (method: string) => (upload: unknown, onProgress: UploadProgress) => {
    sent.push({ method, upload });
    onProgress(512, 1024);
    return new Promise<never>((resolve, reject) => {
      finish = resolve as (a: unknown) => void;
      fail = reject;
    });
  };
  const uploads = { publishRelease: run('publishRelease'), replaceDownload: run('replaceDownload') } as AdminUploads;
  return { uploads, sent, finish: (a: unknown) => finish(a), fail: (e: unknown) => fail(e) };
}

function setup(uploads?: AdminUploads) {
  return (h: FakeHost) => {
    const tokens = structuredClone(TOKENS);
    h.answer('listConsoleReleases', async () => ({ items: structuredClone(RELEASES), upload_max_bytes: UPLOAD_MAX }));
    h.answer('listDownloads', async () => structuredClone(DOWNLOADS));
    h.answer('listUpdateTokens', async () => structuredClone(tokens));
    h.answer('revokeUpdateToken', async (id) => {
      tokens.find((t) => t.id === id)!.revoked_at = '2026-03-04T08:00:00.000Z';
    });
    if (uploads) Object.assign(h, { uploads });
  };
}

const file = (name: string, text: string) => new File([text], name, { type: 'application/octet-stream' });
function pick(label: string, f: File) {
  fireEvent.change(screen.getByLabelText(label), { target: { files: [f] } });
}

describe('console software screen', () => {
  it('lists the releases with version, size, whole sha512, signature state and date; installers; tokens', async () => {
    renderWithHost(<ConsoleSoftwareScreen />, { setup: setup(pendingUploads().uploads) });
    await screen.findByText('Support Console Setup 2.0.0.exe');
    const win = document.querySelector<HTMLElement>('tr[data-release="win/2.0.0"]')!;
    const row = within(win);
    expect(row.getByText('Windows')).toBeTruthy();
    expect(row.getByText('Support Console Setup 2.0.0.exe')).toBeTruthy();
    expect(row.getByText(SHA)).toBeTruthy();
    expect(row.getByText('Signed')).toBeTruthy();
    expect(win.textContent).toContain('90 MB');
    expect(
      within(document.querySelector<HTMLElement>('tr[data-release="linux/1.0.0"]')!).getByText('Not signed'),
    ).toBeTruthy();
    // Installers: the three kinds only (no console build, no registry file).
    expect([...document.querySelectorAll('tr[data-download]')].map((r) => r.getAttribute('data-download'))).toEqual([
      'display-driver-windows',
      'virtual-smart-card-endpoint-arm64',
      'elevation-service-x64',
    ]);
    expect(screen.getByText('Virtual smart card · endpoint · arm64')).toBeTruthy();
    const tok = within(document.querySelector<HTMLElement>('tr[data-token="tok-1"]')!);
    expect(tok.getByText('tech1')).toBeTruthy();
    expect(tok.getByText('Active')).toBeTruthy();
    expect(within(document.querySelector<HTMLElement>('tr[data-token="tok-2"]')!).getByText(/^Revoked/)).toBeTruthy();
    expect(
      screen.getByText(/Systems that already run the elevation service need its registry file again/),
    ).toBeTruthy();
  });

  it('publishes with a progress bar, adds the row, and warns that the registry file must be downloaded again', async () => {
    const up = pendingUploads();
    renderWithHost(<ConsoleSoftwareScreen />, { setup: setup(up.uploads) });
    await screen.findByText('Support Console Setup 2.0.0.exe');
    fireEvent.change(screen.getByLabelText('Version', { exact: false }), { target: { value: ' 2.1.0 ' } });
    pick('Build file', file('Setup 2.1.0.exe', 'build-bytes'));
    pick('Signature file (.sig)', file('Setup 2.1.0.exe.sig', 'U0lH\n'));
    fireEvent.click(screen.getByRole('button', { name: 'Publish' }));

    const bar = await screen.findByRole('progressbar', { name: 'Uploading Setup 2.1.0.exe' });
    expect(bar.getAttribute('aria-valuenow')).toBe('50');
    expect(up.sent[0]).toMatchObject({
      method: 'publishRelease',
      upload: { platform: 'win', version: '2.1.0', file_name: 'Setup 2.1.0.exe', signature: 'U0lH\n' },
    });
    up.finish({
      release: { ...RELEASES[0]!, version: '2.1.0', file_name: 'Setup 2.1.0.exe' },
      site_updated: true,
      console_version: '2.1.0',
    });
    expect(await screen.findByText('Version 2.1.0 for Windows is published.')).toBeTruthy();
    expect(document.querySelector('tr[data-release="win/2.1.0"]')).toBeTruthy();
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.getByText(/The site is now at version 2\.1\.0 and its site hash has changed/)).toBeTruthy();
  });

  it('a refused signature is said in words and nothing is added', async () => {
    const up = pendingUploads();
    renderWithHost(<ConsoleSoftwareScreen />, { setup: setup(up.uploads) });
    await screen.findByText('Support Console Setup 2.0.0.exe');
    fireEvent.change(screen.getByLabelText('Version', { exact: false }), { target: { value: '3.0.0' } });
    pick('Build file', file('Setup.exe', 'x'));
    pick('Signature file (.sig)', file('Setup.exe.sig', 'bad'));
    fireEvent.click(screen.getByRole('button', { name: 'Publish' }));
    await screen.findByRole('progressbar');
    up.fail(new ApiError(400, 'release_signature_invalid', 'no'));
    expect((await screen.findByRole('alert')).textContent).toMatch(/signature does not match this build and version/);
    expect(document.querySelector('tr[data-release="win/3.0.0"]')).toBeNull();
    expect(screen.queryByText(/its site hash has changed/)).toBeNull();
  });

  it("a file over the appliance's cap is refused before anything is sent", async () => {
    const up = pendingUploads();
    renderWithHost(<ConsoleSoftwareScreen />, { setup: setup(up.uploads) });
    await screen.findByText('es-1.msi');
    pick('File', file('huge.msi', 'x'.repeat(UPLOAD_MAX + 1)));
    fireEvent.click(screen.getByRole('button', { name: 'Upload' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The file is too large.');
    expect(up.sent).toEqual([]);
  });

  it('replaces an installer with progress and shows the new file', async () => {
    const up = pendingUploads();
    renderWithHost(<ConsoleSoftwareScreen />, { setup: setup(up.uploads) });
    await screen.findByText('es-1.msi');
    fireEvent.change(screen.getByLabelText('Installer'), { target: { value: 'elevation-service-x64' } });
    pick('File', file('es-2.msi', 'msi'));
    fireEvent.click(screen.getByRole('button', { name: 'Upload' }));
    await screen.findByRole('progressbar', { name: 'Uploading es-2.msi' });
    expect(up.sent[0]).toMatchObject({
      method: 'replaceDownload',
      upload: { id: 'elevation-service-x64', file_name: 'es-2.msi' },
    });
    up.finish({ item: { ...DOWNLOADS[3]!, file_name: 'es-2.msi', size: 3 }, replaced: true });
    expect(await screen.findByText('Elevation service · x64 is now offered for download.')).toBeTruthy();
    expect(
      within(document.querySelector<HTMLElement>('tr[data-download="elevation-service-x64"]')!).getByText('es-2.msi'),
    ).toBeTruthy();
  });

  it('revokes an update token and shows it revoked', async () => {
    const { host } = renderWithHost(<ConsoleSoftwareScreen />, { setup: setup(pendingUploads().uploads) });
    fireEvent.click(await screen.findByRole('button', { name: 'Revoke the update token of install-aaaa' }));
    expect(await screen.findByText('The update token of install-aaaa is revoked.')).toBeTruthy();
    expect(host.calls.filter((c) => c.method === 'revokeUpdateToken').map((c) => c.arg)).toEqual(['tok-1']);
    const row = within(document.querySelector<HTMLElement>('tr[data-token="tok-1"]')!);
    expect(row.getByText(/^Revoked/)).toBeTruthy();
    expect(row.queryByRole('button')).toBeNull();
  });

  it('speaks German', async () => {
    renderWithHost(<ConsoleSoftwareScreen />, { language: 'de', setup: setup(pendingUploads().uploads) });
    expect(await screen.findByRole('heading', { level: 2, name: 'Konsolensoftware' })).toBeTruthy();
    await screen.findByText('Support Console Setup 2.0.0.exe');
    expect(screen.getByText('Signiert')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Veröffentlichen' })).toBeTruthy();
    expect(screen.getByText(/brauchen dessen Registrierungsdatei erneut/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Update-Token von install-aaaa widerrufen' })).toBeTruthy();
  });

  it('the desktop host: the build is chosen in main’s dialog (Choose file…) and published by the file main picked', async () => {
    const up = pendingUploads();
    const picked = { file_id: 'f-1', name: 'Setup 2.2.0.exe', size: 700 };
    const dialogs: number[] = [];
    const pickFile = async () => (dialogs.push(dialogs.length), dialogs.length === 1 ? picked : null);
    renderWithHost(<ConsoleSoftwareScreen />, { kind: 'desktop', setup: setup({ ...up.uploads, pickFile }) });
    await screen.findByText('Support Console Setup 2.0.0.exe');
    const build = screen.getByRole('group', { name: 'Build file' });
    expect(within(build).getByText('No file chosen')).toBeTruthy();
    fireEvent.click(within(build).getByRole('button', { name: 'Choose file…' }));
    expect(await within(build).findByText('Setup 2.2.0.exe')).toBeTruthy();
    // A second dialog that is cancelled keeps the file chosen.
    fireEvent.click(within(build).getByRole('button', { name: 'Choose file…' }));
    await expect.poll(() => dialogs.length).toBe(2);
    expect(within(build).getByText('Setup 2.2.0.exe')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Version', { exact: false }), { target: { value: '2.2.0' } });
    pick('Signature file (.sig)', file('Setup 2.2.0.exe.sig', 'U0lH\n'));
    fireEvent.click(screen.getByRole('button', { name: 'Publish' }));
    expect(await screen.findByRole('progressbar', { name: 'Uploading Setup 2.2.0.exe' })).toBeTruthy();
    expect(up.sent[0]).toMatchObject({
      method: 'publishRelease',
      upload: { version: '2.2.0', file: picked, file_name: 'Setup 2.2.0.exe', signature: 'U0lH\n' },
    });
    expect(screen.queryByText(/in a browser/)).toBeNull();
  });

  it('a desktop host without uploads shows the tables and points to the web console for publishing', async () => {
    renderWithHost(<ConsoleSoftwareScreen />, { kind: 'desktop', setup: setup() });
    await screen.findByText('Support Console Setup 2.0.0.exe');
    expect(screen.getByText(/open https:\/\/support\.example\.com\/console\/ in a browser/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Publish' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Upload' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Revoke the update token of install-aaaa' })).toBeTruthy();
  });
});
