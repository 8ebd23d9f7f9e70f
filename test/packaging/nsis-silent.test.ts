/**
 * build/installer.nsh on its own (electron-builder cannot build the Windows EXE here): a small
 * installer compiled with Debian's makensis (64-bit Unicode stubs, the only ones 64-bit wine runs)
 * includes it and calls its macros where electron-builder's template does (preInit at the start of
 * .onInit, customInstall after the files), then runs under wine with --silent and with /S.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWinePrefix, type WinePrefix } from './wine.js';

const INCLUDE = path.resolve('build/installer.nsh');
const EXE = 'payload.exe';
let wine: WinePrefix;
let work: string;

/** The test installer; PROBE builds one that only reports, after preInit, whether silent mode is on. */
const SCRIPT = `Unicode true
Target amd64-unicode
!define APP_EXECUTABLE_FILENAME "${EXE}"
!include "${INCLUDE}"
Name "Silent Include Test"
OutFile "\${OUT}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\\Programs\\SilentIncludeTest"
Page directory
Page instfiles

Function .onInit
  !insertmacro preInit
  !ifdef PROBE
    FileOpen $0 "$EXEDIR\\probe.txt" w
    \${If} \${Silent}
      FileWrite $0 "silent"
    \${Else}
      FileWrite $0 "interactive"
    \${EndIf}
    FileClose $0
    Quit
  !endif
FunctionEnd

Section
  SetOutPath $INSTDIR
  File "${EXE}"
  \${If} \${Silent}
    FileOpen $0 "$INSTDIR\\silent-mode.txt" w
    FileWrite $0 "on"
    FileClose $0
  \${EndIf}
  !insertmacro customInstall
SectionEnd
`;

function makensis(defines: string[]): void {
  const r = spawnSync('makensis', ['-V2', ...defines.map((d) => `-D${d}`), 'test.nsi'], {
    cwd: work,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`makensis failed: ${r.stdout}${r.stderr}`);
}

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'nsis-'));
  fs.writeFileSync(path.join(work, EXE), 'stand-in for the console executable');
  fs.writeFileSync(path.join(work, 'test.nsi'), SCRIPT);
  makensis(['OUT=console-setup.exe']);
  makensis(['OUT=probe-setup.exe', 'PROBE']);
  wine = createWinePrefix();
  console.log(`wine prefix: ${wine.origin}`);
});
afterAll(() => {
  wine?.dispose();
  fs.rmSync(work, { recursive: true, force: true });
});

const installDir = () => wine.hostPath(`${wine.expand('LOCALAPPDATA')}\\Programs\\SilentIncludeTest`);
const logFile = () => wine.hostPath(`${wine.expand('TEMP')}\\support-console-install.log`);

function probe(args: string[]): string {
  fs.rmSync(path.join(work, 'probe.txt'), { force: true });
  wine.run([path.join(work, 'probe-setup.exe'), ...args], { cwd: work, timeoutMs: 60_000 });
  return fs.readFileSync(path.join(work, 'probe.txt'), 'utf8');
}

describe('installer.nsh under wine', () => {
  it('turns exactly --silent (and NSIS /S) into silent mode before any page', () => {
    expect(probe(['--silent'])).toBe('silent');
    expect(probe(['--silent', '--updated'])).toBe('silent');
    expect(probe(['/S'])).toBe('silent');
    // Controls: without the flag, or with look-alikes, the installer would show its pages.
    expect(probe([])).toBe('interactive');
    expect(probe(['--silently'])).toBe('interactive');
    expect(probe(['--SILENT'])).toBe('interactive');
  });

  for (const flag of ['--silent', '/S']) {
    it(`installs with ${flag}: files in place, silent mode on, exit code 0, outcome logged`, () => {
      fs.rmSync(installDir(), { recursive: true, force: true });
      fs.rmSync(logFile(), { force: true });
      const r = wine.run([path.join(work, 'console-setup.exe'), flag], { cwd: work, timeoutMs: 60_000 });
      expect(r.status).toBe(0);
      expect(fs.readFileSync(path.join(installDir(), EXE), 'utf8')).toBe('stand-in for the console executable');
      expect(fs.readFileSync(path.join(installDir(), 'silent-mode.txt'), 'utf8')).toBe('on');
      const log = fs.readFileSync(logFile(), 'utf8').split('\r\n');
      expect(log[0]).toMatch(
        new RegExp(`^silent install started: ".*console-setup\\.exe" ${flag.replace('/', '\\/')}$`),
      );
      expect(log[1]).toMatch(/^installed to C:\\.*\\Programs\\SilentIncludeTest$/);
    });
  }

  it('a failed silent install ends with exit code 2 and says so in the log, with no dialog', () => {
    fs.rmSync(installDir(), { recursive: true, force: true });
    fs.rmSync(logFile(), { force: true });
    // A file where the install folder should be: nothing can be written there.
    fs.writeFileSync(installDir(), 'in the way');
    try {
      const r = wine.run([path.join(work, 'console-setup.exe'), '--silent'], { cwd: work, timeoutMs: 60_000 });
      expect(r.status).toBe(2);
      expect(fs.readFileSync(logFile(), 'utf8')).toMatch(/install FAILED: .*payload\.exe could not be written/);
    } finally {
      fs.rmSync(installDir(), { force: true });
    }
  });
});
