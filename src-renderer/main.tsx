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
  if (window.consoleApi)
    return (await import('../src-shared/console-bridge.js')).hostFromBridge(
      window.consoleApi,
      window.consoleUpdates,
      window.consoleUploads,
    );
  return createWebHost();
}

async function start(): Promise<void> {
  setHost(await chooseHost());
  // Ask for the site and the session first and set up the texts while the answers come. React's
  // first render waits for both (the web console has had /api/site preloaded while the scripts
  // loaded), so it is already the right screen: rendering an empty "starting" screen first cost a
  // render and a task before the login form's first paint.
  const started = useAuthStore.getState().start();
  initI18n();
  await started;
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

void start();
