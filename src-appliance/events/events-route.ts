/**
 * `GET /api/events`: the live-event WebSocket. The upgrade is authenticated like any request
 * (bearer token, or the session cookie; a cookie upgrade must come from the site's own origin, so
 * another web page cannot open it with the user's cookie). Unauthenticated upgrades get a 401
 * answer and no socket. Messages are `{type, data}` from ../events/event-hub.ts; the client sends
 * nothing but pongs.
 */
import { type FastifyRequest } from 'fastify';
import { type ApplianceContext } from '../context.js';
import { type ApplianceApp } from '../http/app-type.js';
import { httpError } from '../http/api-error.js';
import { registerWebSocketRoutes } from '../http/websocket-upgrades.js';
import { authenticate } from '../auth/session-guard.js';
import { type Heartbeat } from './heartbeat.js';

function sameOrigin(ctx: ApplianceContext, request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (!origin) return true; // not a browser page (browsers always send Origin on WebSocket upgrades)
  const allowed = new Set([new URL(ctx.publicUrl()).origin]);
  if (request.headers.host) {
    allowed.add(`http://${request.headers.host}`);
    allowed.add(`https://${request.headers.host}`);
  }
  return allowed.has(origin);
}

export async function registerEventsRoute(
  app: ApplianceApp,
  ctx: ApplianceContext,
  heartbeat: Heartbeat,
): Promise<void> {
  await registerWebSocketRoutes(app, (scope) =>
    scope.get(
      '/api/events',
      {
        websocket: true,
        preValidation: async (request) => {
          if (!request.ws)
            throw httpError(400, 'bad_request', 'GET /api/events is a WebSocket: send an upgrade request.');
          const session = await authenticate(ctx, request);
          if (!request.headers.authorization && !sameOrigin(ctx, request))
            throw httpError(403, 'forbidden', 'Cross-origin event socket refused.');
          request.session = session;
        },
      },
      (socket, request) => {
        const session = request.session!;
        const remove = ctx.events.add(socket, session.userId, session.id, session.client);
        heartbeat.watch(socket);
        socket.once('close', remove);
        // The client has nothing to say; anything it sends is ignored (ws bounds it by maxPayload).
      },
    ),
  );
}
