import { describe, expect, it } from 'vitest';
import { buildMsiCommand, msiCommandNotes } from '../../src-shared/msi-command.js';

const base = { fileName: 'console-1.0.0-x64.msi', siteUrl: 'https://support.example.com' };

describe('MSI command', () => {
  it('with only defaults carries the file and the site binding', () => {
    expect(buildMsiCommand(base)).toBe('msiexec /i "console-1.0.0-x64.msi" SITEURL="https://support.example.com"');
  });
  it('adds each chosen option in order, quoting paths with spaces', () => {
    expect(
      buildMsiCommand({
        ...base,
        installDir: 'C:\\Program Files\\Support Console\\',
        runAtStartup: true,
        allUsers: true,
        shouldAutoUpdate: true,
        quiet: true,
      }),
    ).toBe(
      'msiexec /i "console-1.0.0-x64.msi" SITEURL="https://support.example.com" INSTALLDIR="C:\\Program Files\\Support Console\\" RUNATSTARTUP=1 ALLUSERS=1 SHOULDAUTOUPDATE=1 /quiet',
    );
  });
  it('doubles quotes inside values and drops a blank folder', () => {
    expect(buildMsiCommand({ ...base, installDir: 'C:\\a "b"' })).toContain('INSTALLDIR="C:\\a ""b"""');
    expect(buildMsiCommand({ ...base, installDir: '   ' })).not.toContain('INSTALLDIR');
  });
  it("gives the seed's notes: all users never auto-updates; per user auto-updates without admin rights", () => {
    expect(msiCommandNotes({ ...base, allUsers: true, shouldAutoUpdate: true })).toContain('all_users_no_auto_update');
    expect(msiCommandNotes({ ...base, shouldAutoUpdate: true })).toContain('per_user_auto_update');
    expect(msiCommandNotes(base)).toEqual(['log_in_before_update']);
  });
});
