/**
 * What wixl 0.101 cannot write, added to the built MSI with `msibuild` (msitools):
 *   - the IniFile table: install-config.ini in INSTALLDIR, section [Install], one key per public
 *     property with the formatted value `[PROPERTY]` (the main process reads it with
 *     parseInstallIni/resolveInstallOptions from src-shared/install-options.ts);
 *   - WriteIniValues/RemoveIniValues in InstallExecuteSequence (wixl sequences neither);
 *   - a RemoveFile row deleting install-config.ini on uninstall (RemoveIniValues empties the file
 *     but leaves it; wixl has no RemoveFile element);
 *   - Registry.Root -1 (HKMU: HKCU per user, HKLM per machine) for console.wxs's values: wixl
 *     0.101 writes 4 for Root="HKMU", which Windows Installer does not know;
 *   - SecureCustomProperties: wixl writes its own row (the upgrade properties only), so public
 *     properties given on the command line would be dropped when the install runs elevated.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { INSTALL_INI_FILE, INSTALL_INI_KEYS, INSTALL_INI_SECTION } from '../../src-shared/install-options.js';

/**
 * The public properties the seed documents, in its order (SITEURL is the site binding), and
 * RELEASEKEY: the release public keys IT pins instead of the console's built-in ones.
 */
export const PUBLIC_PROPERTIES = INSTALL_INI_KEYS;

/** The component that owns the INI rows (defined in console.wxs). */
const CONFIG_COMPONENT = 'InstallConfig';
/** Standard sequence numbers: RemoveIniValues before RemoveFiles (3500), WriteIniValues after InstallFiles (4000). */
const REMOVE_INI_SEQUENCE = 3450;
const WRITE_INI_SEQUENCE = 5100;
/** IniFile.Action 0 = msidbIniFileActionAddLine (set or replace the key). */
const INI_ADD_LINE = 0;
/** Registry.Root -1: HKCU for a per-user install, HKLM for a per-machine one. */
const HKMU = -1;
/** RemoveFile.InstallMode 2 = msidbRemoveFileInstallModeOnRemove. */
const REMOVE_ON_UNINSTALL = 2;

function idtTable(name: string, columns: [string, string][], keys: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => cells.join('\t') + '\r\n';
  return (
    line(columns.map(([c]) => c)) + line(columns.map(([, t]) => t)) + line([name, ...keys]) + rows.map(line).join('')
  );
}

export function iniFileIdt(): string {
  const rows = INSTALL_INI_KEYS.map((k) => [
    `Ini_${k}`,
    INSTALL_INI_FILE,
    'INSTALLDIR',
    INSTALL_INI_SECTION,
    k,
    `[${k}]`,
    INI_ADD_LINE,
    CONFIG_COMPONENT,
  ]);
  return idtTable(
    'IniFile',
    [
      ['IniFile', 's72'],
      ['FileName', 'l255'],
      ['DirProperty', 'S72'],
      ['Section', 'l96'],
      ['Key', 'l128'],
      ['Value', 'l255'],
      ['Action', 'i2'],
      ['Component_', 's72'],
    ],
    ['IniFile'],
    rows,
  );
}

/** Reads one table as rows of cells (`msiinfo export`: three header lines, then tab-separated rows). */
export function exportTable(msiPath: string, table: string): string[][] {
  const text = execFileSync('msiinfo', ['export', msiPath, table], { encoding: 'utf8' });
  return text
    .split(/\r?\n/)
    .slice(3)
    .filter((l) => l.length > 0)
    .map((l) => l.split('\t'));
}

function sqlString(value: string): string {
  if (value.includes("'")) throw new Error(`value for an MSI query must not contain a quote: ${value}`);
  return `'${value}'`;
}

export function patchMsi(msiPath: string, workDir: string): void {
  const idt = path.join(workDir, 'IniFile.idt');
  fs.writeFileSync(idt, iniFileIdt());

  const existing = exportTable(msiPath, 'Property').find(([name]) => name === 'SecureCustomProperties')?.[1] ?? '';
  const secure = [...new Set([...existing.split(';').filter(Boolean), ...PUBLIC_PROPERTIES])].join(';');
  const sequence = exportTable(msiPath, 'InstallExecuteSequence').map(([action]) => action);

  const queries: string[] = [];
  if (!sequence.includes('RemoveIniValues'))
    queries.push(
      `INSERT INTO \`InstallExecuteSequence\` (\`Action\`, \`Sequence\`) VALUES ('RemoveIniValues', ${REMOVE_INI_SEQUENCE})`,
    );
  if (!sequence.includes('WriteIniValues'))
    queries.push(
      `INSERT INTO \`InstallExecuteSequence\` (\`Action\`, \`Sequence\`) VALUES ('WriteIniValues', ${WRITE_INI_SEQUENCE})`,
    );
  queries.push(
    `INSERT INTO \`RemoveFile\` (\`FileKey\`, \`Component_\`, \`FileName\`, \`DirProperty\`, \`InstallMode\`) VALUES ('RemoveInstallIni', '${CONFIG_COMPONENT}', '${INSTALL_INI_FILE}', 'INSTALLDIR', ${REMOVE_ON_UNINSTALL})`,
  );
  queries.push(`UPDATE \`Registry\` SET \`Root\` = ${HKMU} WHERE \`Component_\` = '${CONFIG_COMPONENT}'`);
  queries.push(
    existing
      ? `UPDATE \`Property\` SET \`Value\` = ${sqlString(secure)} WHERE \`Property\` = 'SecureCustomProperties'`
      : `INSERT INTO \`Property\` (\`Property\`, \`Value\`) VALUES ('SecureCustomProperties', ${sqlString(secure)})`,
  );
  execFileSync('msibuild', [msiPath, '-i', idt, ...queries.flatMap((q) => ['-q', q])], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}
