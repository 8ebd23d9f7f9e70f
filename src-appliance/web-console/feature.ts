/**
 * The web representative console: the built renderer (out/renderer, `npm run build:renderer`)
 * served at /console/ with a strict CSP; `/` and `/console` redirect to `/console/`. Hashed assets
 * are cached for a year, index.html is revalidated on each load so an appliance update shows at
 * once. Without a build the page says how to make one (503), instead of a bare 404.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { type ApplianceApp } from '../http/app-type.js';
import { type ApplianceContext } from '../context.js';
import { WEB_CONSOLE_HEADERS } from './csp.js';

export const DEFAULT_WEB_CONSOLE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../out/renderer');

export interface WebConsoleOptions {
  /** The built renderer; APPLIANCE_WEB_CONSOLE_DIR, else out/renderer of this checkout. */
  root?: string;
}

export function webConsole(opts: WebConsoleOptions = {}) {
  return async function registerWebConsole(app: ApplianceApp, _ctx: ApplianceContext): Promise<void> {
    const root = path.resolve(opts.root ?? (process.env.APPLIANCE_WEB_CONSOLE_DIR || DEFAULT_WEB_CONSOLE_DIR));

    app.get('/', { schema: { hide: true } }, (_req, reply) => reply.redirect('/console/', 302));
    app.get('/console', { schema: { hide: true } }, (_req, reply) => reply.redirect('/console/', 301));

    await app.register(async (scope) => {
      scope.addHook('onSend', async (_req, reply, payload) => {
        for (const [name, value] of Object.entries(WEB_CONSOLE_HEADERS)) reply.header(name, value);
        return payload;
      });
      if (!fs.existsSync(path.join(root, 'index.html'))) {
        scope.get('/console/*', { schema: { hide: true } }, (_req, reply) =>
          reply
            .status(503)
            .type('text/plain; charset=utf-8')
            .send('The web console is not built. Run `npm run build:renderer`.\n'),
        );
        return;
      }
      await scope.register(fastifyStatic, {
        root,
        prefix: '/console/',
        decorateReply: false,
        index: ['index.html'],
        dotfiles: 'deny',
        serveDotFiles: false,
        cacheControl: false,
        setHeaders(reply, filePath) {
          const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
          reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
          // The login screen waits for /api/site: let the browser fetch it while the scripts load.
          // A header, not a tag in index.html, so the desktop console (same files) is not affected.
          if (path.basename(filePath) === 'index.html')
            reply.header('link', '</api/site>; rel=preload; as=fetch; crossorigin');
        },
      });
    });
  };
}

export const name = 'web-console';
export const dependencies = [] as const;
export const register = webConsole();
