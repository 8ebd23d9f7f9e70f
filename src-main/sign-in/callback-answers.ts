/**
 * What the browser tab shows at the end of a sign-in. Once the console has (or could not get) its
 * session, the tab is sent to the web console's result page on the bound site, which says "You
 * can return to the console" (or why not) in the language the person just used there. A request
 * the listener refuses itself (another state, a repeat) never came from the sign-in the person is
 * doing, so it gets a short page in both languages instead.
 */
import { desktopSignInResultPage } from '../../src-shared/api/desktop-sign-in.js';
import { ApiError, type ErrorCode } from '../../src-shared/errors.js';
import { type BrowserAnswer } from './loopback-callback.js';

export function resultRedirect(siteUrl: string, error?: ErrorCode): BrowserAnswer {
  return { status: 303, headers: { location: new URL(desktopSignInResultPage(error), siteUrl).href } };
}

export function failureRedirect(siteUrl: string, err: unknown): BrowserAnswer {
  return resultRedirect(siteUrl, err instanceof ApiError ? err.code : 'internal_error');
}

export function refusalPage(code: ErrorCode, status: number): BrowserAnswer {
  return {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': "default-src 'none'",
    },
    body: `<!doctype html><html><head><meta charset="utf-8"><title>Sign-in refused</title></head><body>
<p lang="en">This request does not belong to the sign-in the console is waiting for (${code}).</p>
<p lang="de">Diese Anfrage gehört nicht zu der Anmeldung, auf die die Konsole wartet (${code}).</p>
</body></html>
`,
  };
}
