/**
 * A stand-in for the system browser in main's tests of the sign-in through it: given the URL main
 * opens, it does what a person's browser does over plain HTTP: follows the appliance's redirect
 * to the web console's sign-in, approves (or refuses) the request there with a web session, then
 * goes to the console's loopback callback and records what the listener answered. Chromium plays
 * this part in the end-to-end test.
 */
import http from 'node:http';
import { call, webHeaders, type WebSession } from '../../support/api-client.js';

export interface CallbackVisit {
  url: string;
  status: number;
  location: string | undefined;
  body: string;
}

export interface HttpBrowserOptions {
  decision?: 'approve' | 'deny';
  /** Changes the callback URL before it is visited (a stale tab, an attacker's guess). */
  tamper?: (callback: URL) => URL;
  /** Visits made before the real callback (e.g. with a wrong state). */
  before?: (callback: URL) => URL[];
}

function get(url: string): Promise<CallbackVisit> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ url, status: res.statusCode!, location: res.headers.location, body }));
      })
      .on('error', reject);
  });
}

export function httpBrowser(app: { url: string }, web: () => Promise<WebSession>, opts: HttpBrowserOptions = {}) {
  const opened: string[] = [];
  const visits: CallbackVisit[] = [];
  let finished!: (v: CallbackVisit) => void;
  let failed!: (e: unknown) => void;
  const done = new Promise<CallbackVisit>((res, rej) => {
    finished = res;
    failed = rej;
  });
  done.catch(() => undefined);

  async function browse(url: string): Promise<void> {
    const authorize = await fetch(url, { redirect: 'manual', headers: { accept: 'text/html' } });
    const location = authorize.headers.get('location') ?? '';
    const id = /request=([A-Za-z0-9_-]+)/.exec(location)?.[1];
    if (authorize.status !== 302 || !id) throw new Error(`authorize answered ${authorize.status} → ${location}`);
    const session = await web();
    const decision = await call(app, 'POST', `/api/auth/desktop/requests/${id}/${opts.decision ?? 'approve'}`, {
      headers: webHeaders(session),
    });
    if (decision.status !== 200) throw new Error(`decision: ${decision.status} ${JSON.stringify(decision.body)}`);
    const callback = new URL(decision.body.redirect_to);
    for (const early of opts.before?.(callback) ?? []) visits.push(await get(early.href));
    const visit = await get((opts.tamper ? opts.tamper(callback) : callback).href);
    visits.push(visit);
    finished(visit);
  }

  return {
    opened,
    visits,
    /** What the console's listener answered the (last) callback. */
    done,
    /** As `shell.openExternal`: returns at once, the browser goes on by itself. */
    async openExternal(url: string): Promise<void> {
      opened.push(url);
      browse(url).catch(failed);
    },
  };
}
