/**
 * Everything My Account offers to download (the seed's list), one entry per file a technician can
 * pick: the console per platform (Windows EXE and MSI, macOS, Linux), the display driver, the
 * virtual smart card installer (x86/x64/arm64, for the representative's system or the endpoint),
 * the elevation service installer (x86/x64) and its registry file. Ids are stable: they are URLs
 * (`/api/downloads/{id}`) and the folder names of the data-directory layout.
 */
import { type DownloadKind } from '../../src-shared/api/downloads.js';
import { type ConsolePlatform } from '../../src-shared/api/updates.js';

export interface CatalogEntry {
  id: string;
  kind: DownloadKind;
  platform: 'windows' | 'macos' | 'linux';
  arch: string | null;
  audience?: 'representative' | 'endpoint';
  format?: 'exe' | 'msi' | 'dmg' | 'appimage' | 'deb' | 'reg';
  /** The file name offered when nothing is registered yet (and the extension a registered file needs). */
  defaultFileName: string;
  /** What the page says about an available item. */
  description: string;
  /** A console build published with `publish-console` for this platform also serves this entry. */
  release?: { platform: ConsolePlatform; extension: string };
}

/** The registry file is generated per request (site hash), never stored. */
export const REGISTRY_FILE_ID = 'elevation-service.reg';

const smartCard = (audience: 'representative' | 'endpoint', arch: string): CatalogEntry => ({
  id: `virtual-smart-card-${audience}-${arch}`,
  kind: 'virtual_smart_card',
  platform: 'windows',
  arch,
  audience,
  format: 'msi',
  defaultFileName: `virtual-smart-card-${audience}-${arch}.msi`,
  description:
    audience === 'representative'
      ? `Virtual smart card driver for the representative's own system (Windows ${arch}).`
      : `Virtual smart card driver for the endpoint (remote system, Windows ${arch}); it must run elevated.`,
});

export const CATALOG: readonly CatalogEntry[] = [
  {
    id: 'console-windows-x64-exe',
    kind: 'console',
    platform: 'windows',
    arch: 'x64',
    format: 'exe',
    defaultFileName: 'support-console-win-x64.exe',
    description: 'Console installer for Windows. Add --silent to install with no window or notice.',
    release: { platform: 'win', extension: '.exe' },
  },
  {
    id: 'console-windows-x64-msi',
    kind: 'console',
    platform: 'windows',
    arch: 'x64',
    format: 'msi',
    defaultFileName: 'support-console-win-x64.msi',
    description: 'Windows Installer package for mass deployment (see the MSI command).',
  },
  {
    id: 'console-macos-universal-dmg',
    kind: 'console',
    platform: 'macos',
    arch: 'universal',
    format: 'dmg',
    defaultFileName: 'support-console-mac-universal.dmg',
    description: 'Console for macOS (Apple silicon and Intel).',
    release: { platform: 'mac', extension: '.dmg' },
  },
  {
    id: 'console-linux-x64-appimage',
    kind: 'console',
    platform: 'linux',
    arch: 'x64',
    format: 'appimage',
    defaultFileName: 'support-console-linux-x86_64.AppImage',
    description: 'Console for Linux (AppImage).',
    release: { platform: 'linux', extension: '.AppImage' },
  },
  {
    id: 'console-linux-x64-deb',
    kind: 'console',
    platform: 'linux',
    arch: 'x64',
    format: 'deb',
    defaultFileName: 'support-console-linux-amd64.deb',
    description: 'Console for Debian and Ubuntu (.deb).',
  },
  {
    id: 'display-driver-windows',
    kind: 'display_driver',
    platform: 'windows',
    arch: null,
    format: 'exe',
    defaultFileName: 'display-driver.exe',
    description:
      'Display driver for faster screen sharing. Windows XP and later, Windows Server 2003 and later; install it on the computer whose screen is shown.',
  },
  smartCard('representative', 'x86'),
  smartCard('representative', 'x64'),
  smartCard('representative', 'arm64'),
  smartCard('endpoint', 'x86'),
  smartCard('endpoint', 'x64'),
  smartCard('endpoint', 'arm64'),
  {
    id: 'elevation-service-x86',
    kind: 'elevation_service',
    platform: 'windows',
    arch: 'x86',
    format: 'msi',
    defaultFileName: 'elevation-service-x86.msi',
    description: 'Elevation service installer (Windows x86); install it with an administrator account.',
  },
  {
    id: 'elevation-service-x64',
    kind: 'elevation_service',
    platform: 'windows',
    arch: 'x64',
    format: 'msi',
    defaultFileName: 'elevation-service-x64.msi',
    description: 'Elevation service installer (Windows x64); install it with an administrator account.',
  },
  {
    id: REGISTRY_FILE_ID,
    kind: 'elevation_service',
    platform: 'windows',
    arch: null,
    format: 'reg',
    defaultFileName: REGISTRY_FILE_ID,
    description:
      "Registry file with this site's hash for systems that already run the elevation service. Download and run it again (as administrator) after every software update.",
  },
];

export function catalogEntry(id: string): CatalogEntry | undefined {
  return CATALOG.find((e) => e.id === id);
}
