/**
 * Reads the MSI's install configuration: `install-config.ini` next to the console's executable
 * (INSTALLDIR), written by the MSI's IniFile table. Windows may write it as ANSI/UTF-8 or, when the
 * file starts with a BOM, UTF-16LE; all three are read. A missing file is "no install config".
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { INSTALL_INI_FILE, parseInstallIni } from '../../src-shared/install-options.js';

export function decodeIniBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('latin1').decode(bytes); // an ANSI code page: close enough for paths and URLs
  }
}

/** The folder the install configuration is looked for in: the executable's (packaged only). */
export function installConfigDir(execPath: string, defaultApp: boolean): string | null {
  return defaultApp ? null : path.dirname(execPath);
}

export async function readInstallConfig(
  dir: string | null,
  log: { warn(msg: string): void },
): Promise<Record<string, string> | null> {
  if (!dir) return null;
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(path.join(dir, INSTALL_INI_FILE));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') log.warn(`install config: ${(err as Error).message}`);
    return null;
  }
  return parseInstallIni(decodeIniBytes(bytes));
}
