/**
 * One access-log line per request, written when the answer has gone out: method, the route's
 * pattern (never the raw URL, whose query may carry a single-use token), status, duration. It
 * replaces Fastify's two request lines ("incoming request", "request completed"), which logged the
 * full URL and cost two synchronous writes per request (see bench/appliance-account.bench.ts).
 * Requests that match no route log their path without the query.
 */
import { type FastifyInstance, LogController } from 'fastify';

export const ACCESS_LOG_OPTIONS = { logController: new LogController({ disableRequestLogging: true }) };

export function installAccessLog(app: FastifyInstance): void {
  // Callback style: an async hook costs a promise per response.
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? request.url.split('?', 1)[0];
    request.log.info(
      { method: request.method, route, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 },
      'request',
    );
    done();
  });
}
