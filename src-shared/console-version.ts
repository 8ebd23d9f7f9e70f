/**
 * Console versions are semantic versions (`1.2.3`, `1.2.3-beta.1`), the same form electron-updater
 * compares. The appliance's version gate and the console both order them with this one function.
 */
const VERSION = /^(\d{1,9})\.(\d{1,9})\.(\d{1,9})(?:-([0-9A-Za-z.-]{1,64}))?(?:\+[0-9A-Za-z.-]{1,64})?$/;

export interface ParsedVersion {
  major: number;
  minor: number;
  patch: number;
  prerelease: string[];
}

export function parseConsoleVersion(value: string): ParsedVersion | null {
  const m = VERSION.exec(value.trim());
  if (!m) return null;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), prerelease: m[4] ? m[4].split('.') : [] };
}

export function isConsoleVersion(value: string): boolean {
  return parseConsoleVersion(value) !== null;
}

/** -1, 0 or 1 as `a` is older than, equal to or newer than `b` (SemVer 2.0 precedence). Throws on an invalid version. */
export function compareConsoleVersions(a: string, b: string): -1 | 0 | 1 {
  const pa = parseConsoleVersion(a);
  const pb = parseConsoleVersion(b);
  if (!pa || !pb) throw new Error(`not a console version: "${pa ? b : a}"`);
  for (const k of ['major', 'minor', 'patch'] as const) {
    if (pa[k] !== pb[k]) return pa[k] < pb[k] ? -1 : 1;
  }
  // A release is newer than its pre-releases.
  if (pa.prerelease.length === 0 || pb.prerelease.length === 0) {
    return pa.prerelease.length === pb.prerelease.length ? 0 : pa.prerelease.length === 0 ? 1 : -1;
  }
  const n = Math.max(pa.prerelease.length, pb.prerelease.length);
  for (let i = 0; i < n; i++) {
    const x = pa.prerelease[i];
    const y = pb.prerelease[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    const xn = /^\d+$/.test(x);
    const yn = /^\d+$/.test(y);
    if (xn && yn) return Number(x) < Number(y) ? -1 : 1;
    if (xn !== yn) return xn ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return 0;
}
