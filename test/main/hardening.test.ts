/**
 * The hardening decisions, as pure functions (src-main/electron/ only wires them): who may call
 * IPC, where the window may navigate, what goes to the system browser, the CSP, the app:// file
 * mapping, and the window's webPreferences.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_BASE_URL, isAppUrl, isTrustedSender } from '../../src-main/security/sender-policy.js';
import {
  decideWindowOpen,
  isAllowedExternalUrl,
  navigationAllowed,
} from '../../src-main/security/navigation-policy.js';
import { contentSecurityPolicy } from '../../src-main/security/csp.js';
import { resolveAppAsset } from '../../src-main/security/app-assets.js';
import { secureWebPreferences } from '../../src-main/security/web-preferences.js';

const PROD = [APP_BASE_URL];
const DEV = [APP_BASE_URL, 'http://localhost:5173/'];

describe('IPC sender', () => {
  it('trusts only the app page in the top frame', () => {
    expect(isTrustedSender({ url: 'app://console/index.html', parent: null }, PROD)).toBe(true);
    expect(isTrustedSender({ url: 'app://console/index.html#/account', parent: null }, PROD)).toBe(true);
    expect(isTrustedSender({ url: 'app://console/index.html', parent: {} }, PROD)).toBe(false);
    expect(isTrustedSender(null, PROD)).toBe(false);
    for (const url of [
      'file:///opt/app/out/renderer/index.html',
      'https://console/',
      'app://console.evil/',
      'app://evil/',
      'http://localhost:5173/',
      'about:blank',
      'devtools://devtools/',
      '',
      'app://user@console/',
    ]) {
      expect(isTrustedSender({ url, parent: null }, PROD), url).toBe(false);
    }
  });
  it('trusts the dev server only when it is one of the app locations (development)', () => {
    expect(isTrustedSender({ url: 'http://localhost:5173/', parent: null }, DEV)).toBe(true);
    expect(isTrustedSender({ url: 'http://localhost:5174/', parent: null }, DEV)).toBe(false);
    expect(isAppUrl('http://127.0.0.1:5173/', DEV)).toBe(false);
  });
});

describe('navigation and new windows', () => {
  const site = 'https://support.example.com';
  it('navigation only within the app', () => {
    expect(navigationAllowed('app://console/index.html', PROD)).toBe(true);
    expect(navigationAllowed('https://support.example.com/login', PROD)).toBe(false);
    expect(navigationAllowed('javascript:alert(1)', PROD)).toBe(false);
    expect(navigationAllowed('file:///etc/passwd', PROD)).toBe(false);
  });
  it('new windows are always denied; only bound-site links go to the system browser', () => {
    expect(decideWindowOpen('https://support.example.com/downloads', site)).toEqual({
      action: 'deny',
      openExternal: 'https://support.example.com/downloads',
    });
    for (const url of [
      'https://evil.example.com/',
      'http://support.example.com/downloads',
      'file:///C:/Windows/system32/calc.exe',
      'smb://host/share',
      'javascript:alert(1)',
      'https://support.example.com.evil.com/',
      'https://user@support.example.com/',
      'app://console/index.html',
      'not a url',
    ]) {
      expect(decideWindowOpen(url, site), url).toEqual({ action: 'deny', openExternal: null });
    }
    expect(isAllowedExternalUrl('https://support.example.com/', null)).toBe(false);
    expect(isAllowedExternalUrl('http://127.0.0.1:8080/console/', 'http://127.0.0.1:8080')).toBe(true);
  });
});

describe('Content-Security-Policy', () => {
  it('production: no network from the renderer, no inline or foreign script, photos from the site', () => {
    const csp = contentSecurityPolicy({ siteUrl: 'https://support.example.com/base', devServerUrl: null });
    const d = Object.fromEntries(csp.split('; ').map((p) => [p.split(' ')[0], p.split(' ').slice(1)]));
    expect(d['default-src']).toEqual(["'none'"]);
    expect(d['script-src']).toEqual(["'self'"]);
    expect(d['connect-src']).toEqual(["'none'"]);
    expect(d['object-src']).toEqual(["'none'"]);
    expect(d['frame-ancestors']).toEqual(["'none'"]);
    expect(d['base-uri']).toEqual(["'none'"]);
    expect(d['img-src']).toContain('https://support.example.com');
    expect(csp).not.toMatch(/unsafe-eval/);
  });
  it('development admits the dev server and its HMR socket only', () => {
    const csp = contentSecurityPolicy({ siteUrl: null, devServerUrl: 'http://localhost:5173' });
    expect(csp).toMatch(/script-src 'self' 'unsafe-inline' http:\/\/localhost:5173;/);
    expect(csp).toMatch(/connect-src 'self' http:\/\/localhost:5173 ws:\/\/localhost:5173;/);
  });
});

describe('app:// files', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'renderer-'));
  it('maps to files inside the renderer folder only', () => {
    expect(resolveAppAsset(dir, 'app://console/index.html')).toEqual({
      file: path.join(dir, 'index.html'),
      contentType: 'text/html; charset=utf-8',
    });
    expect(resolveAppAsset(dir, 'app://console/assets/index-abc.js')).toEqual({
      file: path.join(dir, 'assets/index-abc.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
    expect(resolveAppAsset(dir, 'app://console/account/security')!.file).toBe(path.join(dir, 'index.html'));
    for (const url of [
      'app://console/assets/..%2f..%2fx.js',
      'app://console/a%5c..%5cb.js',
      'app://console/x%00.js',
      'app://other/index.html',
      'https://console/index.html',
      'app://console/%E0%A4%A.js',
      'app://console/data.exe',
    ]) {
      expect(resolveAppAsset(dir, url), url).toBeNull();
    }
    // Dot segments the URL parser itself removes stay inside the folder.
    for (const url of [
      'app://console/../secrets/session_token.json',
      'app://console/%2e%2e/%2e%2e/etc/passwd.js',
      'app://console/a/../../../x.css',
    ]) {
      const asset = resolveAppAsset(dir, url);
      expect(asset === null || asset.file.startsWith(dir + path.sep), url).toBe(true);
    }
  });
});

describe('webPreferences', () => {
  it('follow the Electron security checklist', () => {
    expect(secureWebPreferences('/app/out/preload/index.cjs')).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
  });
});

describe('root-relative appliance URLs reach the renderer absolute', () => {
  it('rewrites photo_url anywhere in an answer, nothing else, never protocol-relative ones', async () => {
    const { absolutizeSiteUrls } = await import('../../src-main/session/site-urls.js');
    const site = 'https://support.example.com/base';
    expect(
      absolutizeSiteUrls(
        {
          account: { photo_url: '/api/users/7/photo?v=1', link: '/x' },
          list: [{ photo_url: null }, { photo_url: '//evil.example.com/p' }],
        },
        site,
      ),
    ).toEqual({
      account: { photo_url: 'https://support.example.com/api/users/7/photo?v=1', link: '/x' },
      list: [{ photo_url: null }, { photo_url: '//evil.example.com/p' }],
    });
    const bytes = new Uint8Array([1, 2]);
    expect(absolutizeSiteUrls({ bytes }, site).bytes).toBe(bytes);
    expect(absolutizeSiteUrls(undefined, site)).toBeUndefined();
  });
});
