/**
 * Renderer entry. The host is the preload's `window.consoleApi` in the desktop console, else the
 * web host (HTTP with the cookie session) in the browser; the renderer never knows which.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App.js';
import { createWebHost } from './host/web-host.js';
import { setHost } from './host/host.js';
import { initI18n } from './i18n/i18n.js';
import './styles.css';

setHost(window.consoleApi ?? createWebHost());
initI18n();
createRoot(document.getElementById('root')!).render(<StrictMode><App /></StrictMode>);
