/**
 * Renderer entry. The host is the desktop console's preload bridge (`window.consoleApi`, whose
 * error envelopes `hostFromBridge` turns back into ApiError), else the web host (HTTP with the
 * cookie session) in the browser; the renderer never knows which.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App.js';
import { type ConsoleHost } from '../src-shared/console-api.js';
import { createWebHost } from './host/web-host.js';
import { setHost } from './host/host.js';
import { initI18n } from './i18n/i18n.js';
import { useAuthStore } from './stores/auth-store.js';
import './styles.css';

/** The desktop bridge's wrapper (it carries the API schemas) is loaded only in the desktop console. */
async function chooseHost(): Promise<ConsoleHost> {
  if (window.consoleApi) return (await import('../src-shared/console-bridge.js')).hostFromBridge(window.consoleApi);
  return createWebHost();
}

initI18n();
void chooseHost().then((h) => {
  setHost(h);
  // Ask for the site and the session before React's first render, not after it.
  void useAuthStore.getState().start();
  createRoot(document.getElementById('root')!).render(<StrictMode><App /></StrictMode>);
});
