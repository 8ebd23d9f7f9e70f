/**
 * The desktop host: the renderer uses the preload's bridge through `hostFromBridge` (errors come
 * back as ApiError), and a console without a site asks for one through the site bridge. The
 * bridge is faked here: it is the Electron boundary.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, screen } from '@testing-library/react';
import { hostFromBridge, okResult, type ConsoleBridge, type SiteBridge } from '../../src-shared/console-bridge.js';
import { CONSOLE_API_METHODS } from '../../src-shared/console-api.js';
import { App } from '../../src-renderer/components/App.js';
import { setHost } from '../../src-renderer/host/host.js';
import { useAuthStore } from '../../src-renderer/stores/auth-store.js';
import { renderWithHost, resetRendered } from './support/render.js';
import { SITE } from './support/fake-host.js';

afterEach(() => {
  resetRendered();
  delete window.consoleSite;
});

function fakeBridge(siteUrl: { value: string | null }): ConsoleBridge {
  const methods = Object.fromEntries(
    CONSOLE_API_METHODS.map((m) => [
      m,
      async () => ({ ok: false, error: { status: 401, code: 'unauthenticated', message: 'no', details: {} } }),
    ]),
  );
  return {
    ...methods,
    getSite: async () =>
      siteUrl.value
        ? okResult(SITE)
        : { ok: false, error: { status: 0, code: 'site_not_configured', message: 'none', details: {} } },
    onEvent: () => () => undefined,
    kind: 'desktop',
  } as unknown as ConsoleBridge;
}

describe('desktop host', () => {
  it('without a site binding asks for the address, refuses http to a remote host, then shows the login', async () => {
    const site = { value: null as string | null };
    const siteBridge: SiteBridge = {
      get: async () => okResult(site.value),
      set: async (url) =>
        url.startsWith('https://')
          ? okResult((site.value = url))
          : { ok: false, error: { status: 400, code: 'insecure_site_url', message: 'https only', details: {} } },
    };
    window.consoleSite = siteBridge;
    renderWithHost(<App />);
    setHost(hostFromBridge(fakeBridge(site)));
    void useAuthStore.getState().start();
    const url = await screen.findByLabelText('Site address');
    fireEvent.change(url, { target: { value: 'http://support.example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    const err = await screen.findByText('The address must start with https:// (http:// only for this computer).');
    expect(url.getAttribute('aria-describedby')).toContain(err.id);
    fireEvent.change(url, { target: { value: 'https://support.example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    await screen.findByLabelText('Username');
    expect(site.value).toBe('https://support.example.com');
  });
});
