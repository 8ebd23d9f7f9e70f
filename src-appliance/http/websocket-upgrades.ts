/**
 * WebSocket upgrades. The `ws` plugin lives in the scope of the routes that are WebSockets
 * (`registerWebSocketRoutes`), so its two hooks run on those routes and not on every request
 * (bench appliance-account: two hooks fewer on the hottest read). Refused upgrades answer in the
 * one error shape: an upgrade to a path with no WebSocket endpoint is `404 not_found` (the plugin
 * would otherwise accept the handshake and close at once); a handshake `ws` refuses (method,
 * missing or invalid Sec-WebSocket-Key, Version, Protocol) is `400 websocket_handshake_invalid`
 * (405 for a method other than GET). Refusals by the route's own hooks (401 unauthenticated,
 * 403 cross-origin) already are ordinary error answers.
 */
import { type IncomingMessage } from 'node:http';
import { type Duplex } from 'node:stream';
import websocket from '@fastify/websocket';
import { type FastifyInstance } from 'fastify';
import { answerOnSocket } from './client-errors.js';
import { WEBSOCKET_MESSAGE_LIMIT } from './limits.js';
import { type ApplianceApp } from './app-type.js';
import { EVENT_SOCKET_CLOSE } from '../../src-shared/api/events.js';

/** Call before any route is added (it records the WebSocket routes as they are declared). */
export function installUpgradeGuard(app: FastifyInstance): void {
  const websocketRoutes = new Set<string>();
  app.addHook('onRoute', (route) => {
    if (route.websocket || route.wsHandler) websocketRoutes.add(route.url);
  });
  app.addHook('onRequest', (request, reply, done) => {
    // Node's parser flags a request that came with `Connection: upgrade` (the ws plugin routes those).
    if (
      (request.raw as IncomingMessage & { upgrade?: boolean }).upgrade &&
      !websocketRoutes.has(request.routeOptions.url ?? '')
    ) {
      reply.hijack();
      answerOnSocket(request.raw.socket, 404, {
        code: 'not_found',
        message: `No WebSocket endpoint at ${request.url.split('?')[0]}.`,
        details: {},
      });
    }
    done();
  });
}

/**
 * Registers WebSocket routes in a scope of their own with the `ws` plugin: messages bounded by
 * WEBSOCKET_MESSAGE_LIMIT, refused handshakes answered in the error shape, and a close of the
 * appliance that begins a drain: every socket is told to reconnect elsewhere (1012) before the
 * server stops accepting and waits for the requests in flight.
 */
export async function registerWebSocketRoutes(app: ApplianceApp, routes: (scope: ApplianceApp) => void): Promise<void> {
  await app.register(async (scope: ApplianceApp) => {
    await scope.register(websocket, {
      options: { maxPayload: WEBSOCKET_MESSAGE_LIMIT },
      preClose(done) {
        for (const client of scope.websocketServer.clients) {
          client.close(EVENT_SOCKET_CLOSE.reconnectElsewhere, 'draining');
        }
        scope.websocketServer.close();
        done();
      },
    });
    scope.websocketServer.on('wsClientError', (err: Error, socket: Duplex) => {
      const version = /Sec-WebSocket-Version/.test(err.message);
      answerOnSocket(
        socket,
        err.message === 'Invalid HTTP method' ? 405 : 400,
        { code: 'websocket_handshake_invalid', message: err.message, details: {} },
        version ? ['sec-websocket-version: 13, 8'] : [],
      );
    });
    routes(scope);
  });
}
