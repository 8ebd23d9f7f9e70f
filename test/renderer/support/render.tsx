/** Renders a component with the fake host installed, the stores primed and i18n in the chosen language. */
import { type ReactElement } from 'react';
import { cleanup, render } from '@testing-library/react';
import i18next from 'i18next';
import { setHost } from '../../../src-renderer/host/host.js';
import { initI18n } from '../../../src-renderer/i18n/i18n.js';
import { registerAccountTexts } from '../../../src-renderer/i18n/account-texts.js';
import { useAccountStore } from '../../../src-renderer/stores/account-store.js';
import { useSiteStore } from '../../../src-renderer/stores/site-store.js';
import { useAuthStore } from '../../../src-renderer/stores/auth-store.js';
import { createFakeHost, type FakeHost, SITE, ACCOUNT } from './fake-host.js';
import { type Site } from '../../../src-shared/api/site.js';
import { type Account } from '../../../src-shared/api/account.js';

export function renderWithHost(
  ui: ReactElement,
  opts: {
    site?: Site;
    account?: Account;
    language?: 'en' | 'de';
    kind?: 'web' | 'desktop';
    setup?: (host: FakeHost) => void;
  } = {},
) {
  const host: FakeHost = createFakeHost(opts.site ?? SITE, opts.account ?? ACCOUNT, opts.kind);
  opts.setup?.(host);
  setHost(host);
  if (!i18next.isInitialized) {
    initI18n(opts.language ?? 'en');
    registerAccountTexts();
  } else void i18next.changeLanguage(opts.language ?? 'en');
  useSiteStore.setState({ site: opts.site ?? SITE });
  useAccountStore.setState({ account: host.account });
  return { host, ...render(ui) };
}

/** Unmounts what a test rendered and puts the login flow back where a fresh start has it. */
export function resetRendered(): void {
  cleanup();
  useAuthStore.setState(useAuthStore.getInitialState(), true);
}
