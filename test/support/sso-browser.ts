/**
 * A browser over plain HTTP for single sign-on tests: it starts at the appliance's
 * `/api/auth/sso/{id}/start`, follows every redirect by hand (cookies kept per host, as browsers
 * do, so the appliance's and the provider's cookies on 127.0.0.1 live side by side), signs in on
 * the test provider's login page, and stops at the appliance's callback to let the test see (or
 * change) what the provider sent back. Chromium plays this part in the end-to-end tests.
 */
import { type TestIdp } from './oidc-provider.js';

export interface Hop {
  url: string;
  status: number;
  location: string | null;
  body: string;
  setCookies: string[];
}

export class CookieJar {
  private readonly byHost = new Map<string, Map<string, string>>();

  header(url: string): string {
    const jar = this.byHost.get(new URL(url).hostname);
    return jar ? [...jar].map(([k, v]) => `${k}=${v}`).join('; ') : '';
  }

  get(url: string, name: string): string | undefined {
    return this.byHost.get(new URL(url).hostname)?.get(name);
  }

  take(url: string, setCookies: string[]): void {
    const host = new URL(url).hostname;
    let jar = this.byHost.get(host);
    if (!jar) this.byHost.set(host, (jar = new Map()));
    for (const c of setCookies) {
      const [pair, ...attrs] = c.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a));
      if (expired) jar.delete(name);
      else jar.set(name, pair!.slice(eq + 1).trim());
    }
  }
}

export async function visit(
  jar: CookieJar,
  url: string,
  init: { method?: string; body?: string; accept?: string } = {},
): Promise<Hop> {
  const headers: Record<string, string> = { accept: init.accept ?? 'text/html' };
  const cookie = jar.header(url);
  if (cookie) headers.cookie = cookie;
  if (init.body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
  const res = await fetch(url, { method: init.method ?? 'GET', headers, body: init.body, redirect: 'manual' });
  const setCookies = res.headers.getSetCookie();
  jar.take(url, setCookies);
  const location = res.headers.get('location');
  return {
    url,
    status: res.status,
    location: location === null ? null : new URL(location, url).href,
    body: await res.text(),
    setCookies,
  };
}

export interface SsoRun {
  jar: CookieJar;
  /** The provider's redirect to the appliance's callback (code, state, iss), as it came. */
  callbackUrl: URL;
  /** The appliance's answer to the callback. */
  answer: Hop;
  /** The authorization request the appliance sent the browser to. */
  authorizationUrl: URL;
}

export interface SsoRunOptions {
  jar?: CookieJar;
  /** The start path's query (`desktop_request`). */
  query?: string;
  /** Changes the callback URL before it is visited (a replay, another browser, a forged state). */
  tamper?: (callback: URL) => URL;
  /** Runs just before the callback is visited (e.g. an admin turns the provider off meanwhile). */
  beforeCallback?: () => Promise<void>;
  /** The Accept header at the callback: `text/html` as a browser (a page on refusal), else JSON errors. */
  accept?: string;
}

/** Signs in at the provider as `user` for the sign-in the appliance starts; stops after the callback. */
export async function ssoSignIn(
  app: { url: string },
  idp: TestIdp,
  providerId: number,
  user: { username: string; password: string },
  opts: SsoRunOptions = {},
): Promise<SsoRun> {
  const jar = opts.jar ?? new CookieJar();
  const start = await visit(jar, `${app.url}/api/auth/sso/${providerId}/start${opts.query ? `?${opts.query}` : ''}`);
  if (start.status !== 302 || !start.location?.startsWith(idp.issuer))
    throw new Error(`start: ${start.status} ${start.location} ${start.body}`);
  const authorizationUrl = new URL(start.location);
  let hop = await visit(jar, start.location);
  for (let i = 0; i < 12; i++) {
    if (hop.status === 200 && hop.body.includes('/login"')) {
      const action = /action="([^"]+)"/.exec(hop.body)![1]!;
      const form = new URLSearchParams({ username: user.username, password: user.password });
      hop = await visit(jar, new URL(action, hop.url).href, { method: 'POST', body: form.toString() });
      continue;
    }
    if (!hop.location) throw new Error(`provider stopped at ${hop.url}: ${hop.status} ${hop.body.slice(0, 300)}`);
    if (hop.location.startsWith(`${app.url}/api/auth/sso/`)) {
      const callbackUrl = new URL(hop.location);
      const target = opts.tamper ? opts.tamper(new URL(callbackUrl)) : callbackUrl;
      await opts.beforeCallback?.();
      const answer = await visit(jar, target.href, { accept: opts.accept ?? 'application/json' });
      return { jar, callbackUrl, answer, authorizationUrl };
    }
    hop = await visit(jar, hop.location);
  }
  throw new Error('too many redirects at the provider');
}

/** The cookie header of the web session a successful callback set, for API calls. */
export function webSessionOf(run: SsoRun, app: { url: string }): { cookie: string; csrf: string } {
  const session = run.jar.get(app.url, 'session');
  const csrf = run.jar.get(app.url, 'csrf_token');
  if (!session || !csrf) throw new Error(`no web session: ${run.answer.status} ${run.answer.body}`);
  return { cookie: `session=${session}; csrf_token=${csrf}`, csrf };
}
