// Prometheus metrics for one API instance, in its own registry (several instances may share a process in tests).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface ApiMetrics {
  readonly registry: Registry;
  readonly httpDuration: Histogram<'route' | 'method' | 'status'>;
  readonly graphqlOperations: Counter<'type' | 'name' | 'outcome'>;
  readonly dbErrors: Counter<'source'>;
  readonly eventsLastSeq: Gauge;
  readonly wsConnections: Gauge;
  /** A label-safe operation name: client-chosen names are capped so they cannot grow the series without bound. */
  operationLabel(name: string | null | undefined): string;
}

const MAX_OPERATION_NAMES = 200;

export function createMetrics(gauges: { eventSubscribers: () => number }): ApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const seenNames = new Set<string>();
  new Gauge({
    name: 'ioc_event_subscribers',
    help: 'Open event subscriptions (graphql-ws).',
    registers,
    collect() {
      this.set(gauges.eventSubscribers());
    },
  });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'ioc_http_request_duration_seconds',
      help: 'HTTP request duration by route, method and status.',
      labelNames: ['route', 'method', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    graphqlOperations: new Counter({
      name: 'ioc_graphql_operations_total',
      help: 'GraphQL operations by type (query, mutation, subscription), operation name and outcome.',
      labelNames: ['type', 'name', 'outcome'],
      registers,
    }),
    dbErrors: new Counter({
      name: 'ioc_db_query_errors_total',
      help: 'Database queries that failed, by where they were made (graphql, readyz, events).',
      labelNames: ['source'],
      registers,
    }),
    eventsLastSeq: new Gauge({
      name: 'ioc_events_last_seq',
      help: 'Sequence number of the last event read from the log and fanned out.',
      registers,
    }),
    wsConnections: new Gauge({
      name: 'ioc_graphql_ws_connections',
      help: 'Open graphql-ws connections.',
      registers,
    }),
    operationLabel(name) {
      if (!name) return 'anonymous';
      if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) return 'invalid';
      if (seenNames.has(name)) return name;
      if (seenNames.size >= MAX_OPERATION_NAMES) return 'other';
      seenNames.add(name);
      return name;
    },
  };
}
