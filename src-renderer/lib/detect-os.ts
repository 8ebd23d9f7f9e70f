/** The operating system the page runs on, for the platform dropdown's default. */
export type Platform = 'windows' | 'macos' | 'linux';
export const PLATFORMS: Platform[] = ['windows', 'macos', 'linux'];

export function detectPlatform(
  nav: { userAgent: string; platform?: string; userAgentData?: { platform?: string } } = navigator as never,
): Platform {
  const hint = `${nav.userAgentData?.platform ?? ''} ${nav.platform ?? ''} ${nav.userAgent}`.toLowerCase();
  if (hint.includes('win')) return 'windows';
  if (hint.includes('mac') || hint.includes('iphone') || hint.includes('ipad')) return 'macos';
  return 'linux';
}

export type WindowsArch = 'x86' | 'x64' | 'arm64';
export function detectWindowsArch(nav: { userAgent: string } = navigator): WindowsArch {
  const ua = nav.userAgent.toLowerCase();
  if (ua.includes('arm64') || ua.includes('aarch64')) return 'arm64';
  if (ua.includes('win64') || ua.includes('x64') || ua.includes('wow64') || ua.includes('x86_64')) return 'x64';
  return ua.includes('windows') ? 'x86' : 'x64';
}
