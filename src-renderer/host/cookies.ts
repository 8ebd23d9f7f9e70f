/** Reads one cookie from `document.cookie` (the readable `csrf_token`; the session cookie is HttpOnly). */
export function readCookie(name: string, cookieString: string = document.cookie): string | null {
  for (const part of cookieString.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return part.slice(eq + 1).trim();
      }
    }
  }
  return null;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Double-submit CSRF: unsafe methods echo the readable `csrf_token` cookie in `X-CSRF-Token`. */
export function csrfHeaders(method: string, cookieString?: string): Record<string, string> {
  if (SAFE_METHODS.has(method.toUpperCase())) return {};
  const token = readCookie('csrf_token', cookieString);
  return token ? { 'x-csrf-token': token } : {};
}
