import { describe, expect, it } from 'vitest';
import { compareConsoleVersions, isConsoleVersion } from '../../src-shared/console-version.js';

describe('console versions (SemVer precedence, as electron-updater orders them)', () => {
  it('orders releases and pre-releases', () => {
    const ordered = [
      '0.9.9',
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.1',
      '1.2.0',
      '1.10.0',
      '2.0.0',
    ];
    for (let i = 0; i < ordered.length; i++) {
      for (let j = 0; j < ordered.length; j++) {
        expect(compareConsoleVersions(ordered[i]!, ordered[j]!), `${ordered[i]} vs ${ordered[j]}`).toBe(
          Math.sign(i - j),
        );
      }
    }
    expect(compareConsoleVersions('1.0.0+build.5', '1.0.0')).toBe(0);
  });

  it('refuses what is not a version', () => {
    for (const v of ['', '1', '1.0', 'v1.0.0', '1.0.0.0', '01.a.0', '1.0.0-', 'latest', '1.0.0 ', '9999999999.0.0']) {
      expect(isConsoleVersion(v), v).toBe(v === '1.0.0 ');
    }
    expect(() => compareConsoleVersions('x', '1.0.0')).toThrow(/not a console version/);
  });
});
