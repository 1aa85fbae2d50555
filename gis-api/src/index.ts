// The gis-api factory: an express router (/graphql, /healthz, /readyz, /metrics) and graphql-ws on /graphql.
import type http from 'node:http';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { Registry } from 'prom-client';
import type { Database } from '@ioc/sql';
import { AdminUnitRepository } from './admin-units/admin-unit.repository.ts';
import { AdminUnitService } from './admin-units/admin-unit.service.ts';
import { createAnalytics } from './analytics/analytics.ts';
import { AuthService } from './auth/auth.service.ts';
import { CategoryRepository } from './categories/category.repository.ts';
import { CategoryService } from './categories/category.service.ts';
import { ClassifierService } from './classifier/classifier.service.ts';
import { loadClassifier } from './classifier/load-classifier.ts';
import type { GisApiConfig } from './config.ts';
import type { GraphQLContext, Services } from './context.ts';
import { formatError, isDatabaseError } from './errors.ts';
import { EventHub } from './events/event-hub.ts';
import { EventRepository, type EventRecord } from './events/event.repository.ts';
import { EventService } from './events/event.service.ts';
import { FacilityRepository } from './facilities/facility.repository.ts';
import { FacilityService } from './facilities/facility.service.ts';
import { startApollo } from './graphql/apollo.ts';
import { createLoaders } from './graphql/loaders.ts';
import { buildSchema } from './graphql/schema.ts';
import { createGraphQLWebSocket } from './graphql/websocket.ts';
import { cors } from './http/cors.ts';
import { healthRouter } from './http/health.router.ts';
import { createMetrics, type ApiMetrics } from './http/metrics.ts';
import { RateLimiter } from './http/rate-limit.ts';
import { MediaRepository } from './media/media.repository.ts';
import { MediaService } from './media/media.service.ts';
import { MediaStore } from './media/media-store.ts';
import { mediaRouter } from './media/media.router.ts';
import type { CategorySuggester } from './reports/report-ports.ts';
import { ReportRepository } from './reports/report.repository.ts';
import { ReportService } from './reports/report.service.ts';
import { ReportWriteRepository } from './reports/report-write.repository.ts';
import { SlaClock } from './sla/sla-clock.ts';
import { UnitRepository } from './units/unit.repository.ts';
import { UnitService } from './units/unit.service.ts';
import { UserRepository } from './users/user.repository.ts';

export { readGisApiConfig, ConfigError, type GisApiConfig } from './config.ts';
export { hashPassword, verifyPassword } from '@ioc/sql';
export type { EventRecord } from './events/event.repository.ts';

export interface Logger {
  info(message: string): void;
  error(message: string, err?: unknown): void;
}

export interface GisApiOptions {
  database: Database;
  config: GisApiConfig;
  logger?: Logger;
  /** Called for every event of the log as it is read, in order (e.g. to drop cached tiles it touches). */
  onEvent?: (event: EventRecord) => void;
}

export interface GisApi {
  /** Mount at the root: serves /graphql, /healthz, /readyz and /metrics; other paths fall through. */
  router: express.Router;
  /** Takes WebSocket upgrades for /graphql (graphql-ws) on this server; other upgrade paths are left alone. */
  attachWebSocket(server: http.Server): void;
  /** The Prometheus registry behind /metrics, for other parts of a composed server to add their metrics to. */
  metricsRegistry: Registry;
  /** Stops the event hub, WebSockets and Apollo. The database stays open: it belongs to the caller. */
  close(): Promise<void>;
}

const GRAPHQL_PATH = '/graphql';

export async function createGisApi({
  database,
  config,
  logger = consoleLogger,
  onEvent,
}: GisApiOptions): Promise<GisApi> {
  const { db } = database;
  const eventLog = new EventRepository(db);
  let lastEventErrorLog = 0;
  // The subscriber gauge reads the hub only when scraped, by which time the hub exists.
  const metrics = createMetrics({ eventSubscribers: () => hub.subscriberCount });
  const hub = new EventHub(eventLog, {
    listen: (onNotify) => database.listen('ioc_events', onNotify),
    pollMs: config.eventsPollMs,
    onError: (err) => {
      metrics.dbErrors.inc({ source: 'events' });
      // The poll retries every EVENTS_POLL_MS; one line a minute is enough while the database is away.
      if (Date.now() - lastEventErrorLog < 60_000) return;
      lastEventErrorLog = Date.now();
      logger.error('event log read failed; retrying on the next wake-up', err);
    },
    onEvent: (event) => {
      metrics.eventsLastSeq.set(Number(event.seq));
      onEvent?.(event);
    },
  });
  await hub.start();
  if (hub.position) metrics.eventsLastSeq.set(Number(hub.position.seq));
  try {
    return await assemble({ database, config, logger, hub, metrics, eventLog });
  } catch (err) {
    await hub.stop();
    throw err;
  }
}

interface Parts {
  database: Database;
  config: GisApiConfig;
  logger: Logger;
  hub: EventHub;
  metrics: ApiMetrics;
  eventLog: EventRepository;
}

/** Everything after the event hub: services, Apollo, WebSockets and the router. */
async function assemble({ database, config, logger, hub, metrics, eventLog }: Parts): Promise<GisApi> {
  const { db } = database;
  const categories = new CategoryService(new CategoryRepository(db));
  const trained = loadClassifier();
  logger.info(`category classifier: ${trained.examples} examples, trained in ${trained.trainingMs} ms`);
  const services: Services = {
    auth: new AuthService(new UserRepository(db), {
      secret: config.authSecret,
      ttlSeconds: config.authTokenTtlSeconds,
      loginLimiter: new RateLimiter(config.loginRateLimit),
    }),
    categories,
    classifier: new ClassifierService(trained.classifier, categories),
    units: new UnitService(new UnitRepository(db)),
    adminUnits: new AdminUnitService(new AdminUnitRepository(db)),
    facilities: new FacilityService(new FacilityRepository(db)),
    events: new EventService(hub, eventLog),
    media: new MediaService(new MediaRepository(db), new MediaStore(config.mediaDir), {
      maxPhotoBytes: config.mediaMaxPhotoBytes,
      maxVideoBytes: config.mediaMaxVideoBytes,
    }),
    reports: new ReportService(
      new ReportRepository(db),
      new ReportWriteRepository(db),
      // Late-bound: the neighbours live in `services` too; the classifier may not be wired (yet).
      {
        classifier: () => (services as Partial<{ classifier: CategorySuggester }>).classifier,
        media: () => services.media,
      },
      new RateLimiter(config.reportRateLimit),
    ),
    analytics: createAnalytics(db, (user, args) => services.events.subscribe(user, args)),
  };

  const onInternal = (err: unknown) => {
    if (isDatabaseError(err)) metrics.dbErrors.inc({ source: 'graphql' });
    logger.error('GraphQL request failed', err);
  };
  const formatClientError = (formatted: Parameters<typeof formatError>[0], original: unknown) =>
    formatError(formatted, original, onInternal);

  const schema = buildSchema();
  const apollo = await startApollo({
    schema,
    maxDepth: config.graphqlMaxDepth,
    maxCost: config.graphqlMaxCost,
    introspection: config.graphqlIntrospection,
    metrics,
    formatError: formatClientError,
  });
  const webSocket = createGraphQLWebSocket({
    schema,
    path: GRAPHQL_PATH,
    services,
    maxDepth: config.graphqlMaxDepth,
    maxCost: config.graphqlMaxCost,
    introspection: config.graphqlIntrospection,
    maxPayloadBytes: config.bodyLimitBytes,
    metrics,
    formatError: formatClientError,
  });

  const router = express.Router();
  for (const route of [GRAPHQL_PATH, '/healthz', '/readyz', '/metrics', '/media']) {
    router.use(route, (req, res, next) => {
      const end = metrics.httpDuration.startTimer({ route, method: req.method });
      res.once('finish', () => end({ status: String(res.statusCode) }));
      next();
    });
  }
  router.use(
    healthRouter(database, {
      timeoutMs: config.readyTimeoutMs,
      onDbError: () => metrics.dbErrors.inc({ source: 'readyz' }),
    }),
  );
  router.get('/metrics', async (_req, res) => {
    res.setHeader('content-type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });
  router.all(
    GRAPHQL_PATH,
    cors(config.corsOrigins),
    express.json({ limit: config.bodyLimitBytes }),
    (req, _res, next) => {
      // Apollo insists on req.body existing; a GET has none.
      if (!('body' in req)) (req as { body?: unknown }).body = undefined;
      next();
    },
    expressMiddleware(apollo, {
      context: async ({ req }): Promise<GraphQLContext> => ({
        user: await services.auth.userFromAuthorization(req.headers.authorization),
        clientIp: req.ip ?? null,
        services,
        loaders: createLoaders(services),
      }),
    }),
  );
  router.use(GRAPHQL_PATH, bodyErrors(config.bodyLimitBytes));
  router.use(
    mediaRouter({
      media: services.media,
      auth: services.auth,
      uploadLimiter: new RateLimiter(config.mediaUploadRateLimit),
      logger,
    }),
  );

  // Runs on every instance; row locks make each overdue report marked (and announced) exactly once.
  let lastSlaErrorLog = 0;
  const slaClock = new SlaClock(db, {
    intervalMs: config.slaClockIntervalMs,
    onError: (err) => {
      metrics.dbErrors.inc({ source: 'sla' });
      if (Date.now() - lastSlaErrorLog < 60_000) return;
      lastSlaErrorLog = Date.now();
      logger.error('SLA clock tick failed; trying again on the next tick', err);
    },
    onMarked: ({ ack, resolve }) =>
      logger.info(`SLA clock: ${ack} report(s) past the acknowledge deadline, ${resolve} past resolve`),
  });
  slaClock.start();

  let closed = false;
  return {
    router,
    metricsRegistry: metrics.registry,
    attachWebSocket: (server) => webSocket.attach(server),
    async close() {
      if (closed) return;
      closed = true;
      await slaClock.stop();
      await webSocket.close();
      await hub.stop();
      await apollo.stop();
    },
  };
}

/** Turns body-parser failures (too large, not JSON) into GraphQL-shaped JSON errors instead of HTML pages. */
function bodyErrors(limit: number): express.ErrorRequestHandler {
  return (err, _req, res, next) => {
    const status = (err as { status?: number }).status;
    if (status === 413) {
      res.status(413).json({
        errors: [
          {
            message: `Request body is larger than ${limit} bytes`,
            extensions: { code: 'PAYLOAD_TOO_LARGE' },
          },
        ],
      });
    } else if (status === 400) {
      res.status(400).json({
        errors: [{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }],
      });
    } else {
      next(err);
    }
  };
}

const consoleLogger: Logger = {
  info: (message) => console.log(`[gis-api] ${message}`),
  error: (message, err) => console.error(`[gis-api] ${message}`, err ?? ''),
};
