/**
 * Session- and contents-wide guards (Electron security checklist): the app:// protocol with its CSP,
 * the dev server's CSP, permission requests denied, navigation and new windows denied except the
 * app's own pages, external links only through the allow-list to the system browser, no <webview>.
 */
import fs from 'node:fs/promises';
import { app, protocol, session, shell, type WebContents } from 'electron';
import { resolveAppAsset } from '../security/app-assets.js';
import { contentSecurityPolicy } from '../security/csp.js';
import { decideWindowOpen, navigationAllowed } from '../security/navigation-policy.js';
import { APP_SCHEME, isAppUrl, type AppLocations } from '../security/sender-policy.js';

/**
 * Must run before `app.ready`. `standard` (relative URLs, an origin), `secure` (a secure context);
 * `corsEnabled` because Vite's `<script type="module" crossorigin>` loads in CORS mode, which
 * Chromium refuses for schemes outside its CORS list. No response carries
 * Access-Control-Allow-Origin, so no other origin gains access.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, corsEnabled: true } },
  ]);
}

export interface HardeningOptions {
  rendererDir: string;
  devServerUrl: string | null;
  appLocations: AppLocations;
  siteUrl(): string | null;
}

export function hardenSession(opts: HardeningOptions): void {
  const csp = () => contentSecurityPolicy({ siteUrl: opts.siteUrl(), devServerUrl: opts.devServerUrl });
  const ses = session.defaultSession;

  protocol.handle(APP_SCHEME, async (request) => {
    const asset = resolveAppAsset(opts.rendererDir, request.url);
    if (!asset) return new Response('Not found', { status: 404 });
    try {
      const body = await fs.readFile(asset.file);
      return new Response(body, {
        headers: {
          'content-type': asset.contentType,
          'content-security-policy': csp(),
          'x-content-type-options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });

  if (opts.devServerUrl) {
    ses.webRequest.onHeadersReceived({ urls: [`${new URL(opts.devServerUrl).origin}/*`] }, (details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp()] } });
    });
  }

  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);

  app.on('web-contents-created', (_event, contents) => guardContents(contents, opts));
}

function guardContents(contents: WebContents, opts: HardeningOptions): void {
  const deny = (event: { preventDefault(): void }, url: string) => {
    if (!navigationAllowed(url, opts.appLocations)) event.preventDefault();
  };
  contents.on('will-navigate', (event) => deny(event, event.url));
  contents.on('will-redirect', (event) => deny(event, event.url));
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame && !isAppUrl(event.url, opts.appLocations)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url, opts.siteUrl());
    if (decision.openExternal) void shell.openExternal(decision.openExternal);
    return { action: decision.action };
  });
}
