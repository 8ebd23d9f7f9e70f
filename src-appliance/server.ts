/**
 * Builds the appliance: Fastify with TypeBox schemas, the embedded database, the features, and the
 * OpenAPI document generated from the route schemas. `startAppliance` also listens and prints the
 * start line; tests use it in-process (real HTTP on a free port) or spawn `cli/main.ts`.
 */
import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { type ApplianceConfig } from './config.js';
import { openDatabase, type OpenedDatabase } from './db/database.js';
import { stdoutLogDestination } from './log-destination.js';
import { type ApplianceContext, type Clock, type Probes, systemClock } from './context.js';
import { EventHub } from './events/event-hub.js';
import { DomainEvents } from './domain-events.js';
import { frameworkErrors, installErrorHandling } from './http/error-handler.js';
import { clientErrorHandler } from './http/client-errors.js';
import { installJsonParser } from './http/json-body.js';
import { installRequestDeadline } from './http/request-deadline.js';
import { ACCESS_LOG_OPTIONS, installAccessLog } from './http/access-log.js';
import { installUpgradeGuard } from './http/websocket-upgrades.js';
import { closeListenerAfterAccept } from './http/listener-close.js';
import {
  HTTP_TIMEOUTS,
  type HttpTimeouts,
  JSON_BODY_LIMIT,
  closeConnectionsAtKeepAliveCap,
  serverTimeoutOptions,
} from './http/limits.js';
import { features as defaultFeatures } from './features.js';
import { ARGON2_COST, type Argon2Cost } from './auth/password-hash.js';
import { checkFeatureOrder, type Feature } from './feature-order.js';
import { type ApplianceApp } from './http/app-type.js';
import { ErrorResponse } from '../src-shared/errors.js';

export interface BuildOptions {
  clock?: Clock;
  features?: readonly Feature[];
  /** pino options; `false` silences the log (tests). Unset: `config.logLevel` to standard output (log-destination.ts). */
  logger?: boolean | Record<string, unknown>;
  /** Shorter timeouts let a test see a slow client cut off without waiting 30 s; production uses HTTP_TIMEOUTS. */
  httpTimeouts?: Partial<HttpTimeouts>;
  /**
   * A cheaper argon2id for new password hashes, so a test suite that creates and logs in users by
   * the hundred does not spend minutes hashing. Only test/support passes it; the product's starts
   * (cli/serve.ts, scripts/start.ts) never do, and nothing in the configuration or the environment
   * sets it. Unset: ARGON2_COST.
   */
  testOnlyPasswordHashCost?: Argon2Cost;
  probes?: Probes;
}

export interface Appliance {
  app: ApplianceApp;
  ctx: ApplianceContext;
  /** Which engine holds the data, and how many migrations this start applied. */
  database: Pick<OpenedDatabase, 'kind' | 'migrationsApplied'>;
  /** Listens on config.host:config.port and returns the URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

export async function buildAppliance(config: ApplianceConfig, opts: BuildOptions = {}): Promise<Appliance> {
  const features = opts.features ?? defaultFeatures;
  checkFeatureOrder(features);
  const timeouts: HttpTimeouts = { ...HTTP_TIMEOUTS, ...opts.httpTimeouts };
  const app = Fastify({
    logger: opts.logger ?? { level: config.logLevel, stream: stdoutLogDestination() },
    ...ACCESS_LOG_OPTIONS,
    bodyLimit: JSON_BODY_LIMIT,
    ...serverTimeoutOptions(timeouts),
    trustProxy: false,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
    // While draining, requests already on an open connection are served (with Connection: close),
    // not refused: a load balancer would pass a 503 on to the user.
    return503OnClosing: false,
    frameworkErrors,
    clientErrorHandler,
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as ApplianceApp;

  const database = await openDatabase(config);
  let listeningUrl = config.publicUrl ?? `http://${config.host}:${config.port}`;
  const ctx: ApplianceContext = {
    config,
    db: database.db,
    changes: database.changes,
    log: app.log,
    passwordHashCost: opts.testOnlyPasswordHashCost ?? ARGON2_COST,
    clock: opts.clock ?? systemClock,
    events: new EventHub(),
    domain: new DomainEvents(),
    publicUrl: () => config.publicUrl ?? listeningUrl,
    loginChecks: { beforePassword: [], afterPassword: [], secondFactors: [] },
    sessionChecks: [],
    accountView: [],
    probes: opts.probes ?? {},
  };

  closeConnectionsAtKeepAliveCap(app.server);
  closeListenerAfterAccept(app.server);
  installErrorHandling(app);
  installRequestDeadline(app, timeouts);
  installAccessLog(app);
  installJsonParser(app);
  app.addSchema({ ...ErrorResponse, $id: 'ErrorResponse' });
  await app.register(swagger, {
    // Shared schemas keep their $id as the component name (`#/components/schemas/ErrorResponse`).
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Support appliance API', version: '1' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'session' },
        },
      },
    },
  });
  // Cookies are parsed when read (http/request-cookies.ts), not by a hook on every request.
  await app.register(cookie, { hook: false });
  installUpgradeGuard(app);
  // Callback style: an async hook costs a promise per response on every route.
  app.addHook('onSend', (_request, reply, payload, done) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    // Draining (the server stopped accepting): the client's next request goes to another node.
    if (!app.server.listening) reply.header('connection', 'close');
    done(null, payload);
  });

  ctx.domain.onError((err) => app.log.error({ err }, 'domain event listener failed'));
  for (const feature of features) await feature.register(app, ctx);

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.ready();

  return {
    app,
    ctx,
    database: { kind: database.kind, migrationsApplied: database.migrationsApplied },
    async listen() {
      const address = await app.listen({ host: config.host, port: config.port });
      const port = (app.server.address() as { port: number }).port;
      const host = config.host.includes(':') ? `[${config.host}]` : config.host;
      listeningUrl = `http://${host}:${port}`;
      return address.startsWith('http') ? listeningUrl : listeningUrl;
    },
    async close() {
      // Requests in flight finish; one that outlives the request timeout (a stalled download) is cut.
      const deadline = setTimeout(() => app.server.closeAllConnections(), HTTP_TIMEOUTS.requestMs);
      deadline.unref();
      try {
        await app.close();
      } finally {
        clearTimeout(deadline);
      }
      await database.close();
    },
  };
}
