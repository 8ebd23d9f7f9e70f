/**
 * A short browser and OS summary of a User-Agent header ("Chrome 131", "Windows"), for the
 * timeline and the new-device check. Only the family and major version are kept: the header is
 * the client's own claim, and the full string says more about a person than the timeline needs.
 */
export interface UserAgentSummary {
  browser: string | null;
  os: string | null;
}

// Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari", Electron also says "Chrome".
const BROWSERS: Array<[RegExp, string]> = [
  [/\bElectron\/(\d+)/, 'Electron'],
  [/\bEdg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
  [/\bOPR\/(\d+)/, 'Opera'],
  [/\bFirefox\/(\d+)/, 'Firefox'],
  [/\bFxiOS\/(\d+)/, 'Firefox'],
  [/\bCriOS\/(\d+)/, 'Chrome'],
  [/\bHeadlessChrome\/(\d+)/, 'Chrome'],
  [/\bChrom(?:e|ium)\/(\d+)/, 'Chrome'],
  [/\bVersion\/(\d+)[.\d]* (?:Mobile\/\S+ )?Safari\//, 'Safari'],
  [/\bnode(?:-fetch)?\b|\bundici\b/i, 'Node.js'],
  [/\bcurl\/(\d+)/, 'curl'],
];

const SYSTEMS: Array<[RegExp, string]> = [
  [/\b(?:iPhone|iPad|iPod)\b/, 'iOS'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b/, 'Linux'],
];

export function summarizeUserAgent(header: string): UserAgentSummary {
  const ua = header.slice(0, 512);
  let browser: string | null = null;
  for (const [pattern, name] of BROWSERS) {
    const m = pattern.exec(ua);
    if (!m) continue;
    browser = m[1] ? `${name} ${m[1]}` : name;
    break;
  }
  const os = SYSTEMS.find(([pattern]) => pattern.test(ua))?.[1] ?? null;
  return { browser, os };
}

/** The browser without its version: an update of the browser is not a new device. */
export function browserFamily(browser: string | null): string {
  return browser ? browser.replace(/ \d+$/, '') : '';
}
