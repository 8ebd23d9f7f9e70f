/**
 * Refused WebSocket upgrades answer in the one error shape. An upgrade to a path with no WebSocket
 * endpoint is `404 not_found` (the plugin would otherwise accept the handshake and close at once);
 * a handshake `ws` refuses (method, missing or invalid Sec-WebSocket-Key, Version, Protocol) is
 * `400 websocket_handshake_invalid` (405 for a method other than GET). Refusals by the route's own
 * hooks (401 unauthenticated, 403 cross-origin) already are ordinary error answers.
 */
import { type Duplex } from 'node:stream';
import { type FastifyInstance } from 'fastify';
import { httpError } from './api-error.js';
import { answerOnSocket } from './client-errors.js';

/** Call before any route is added (it records the WebSocket routes as they are declared). */
export function installUpgradeGuard(app: FastifyInstance): void {
  const websocketRoutes = new Set<string>();
  app.addHook('onRoute', (route) => {
    if (route.websocket || route.wsHandler) websocketRoutes.add(route.url);
  });
  app.addHook('onRequest', (request, _reply, done) => {
    if (request.ws && !websocketRoutes.has(request.routeOptions.url ?? '')) {
      done(httpError(404, 'not_found', `No WebSocket endpoint at ${request.url.split('?')[0]}.`));
      return;
    }
    done();
  });
  app.addHook('onReady', (done) => {
    app.websocketServer.on('wsClientError', (err: Error, socket: Duplex) => {
      const version = /Sec-WebSocket-Version/.test(err.message);
      answerOnSocket(
        socket,
        err.message === 'Invalid HTTP method' ? 405 : 400,
        { code: 'websocket_handshake_invalid', message: err.message, details: {} },
        version ? ['sec-websocket-version: 13, 8'] : [],
      );
    });
    done();
  });
}
