import { statSync } from 'node:fs';
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** What the gauges read when Prometheus scrapes; nothing of it is kept up to date per request. */
export interface MetricSources {
  openStreams(): number;
  mailCounts(): { queued: number; failed: number };
  dbFile: string;
  lastSweepAt(): number | null;
}

/**
 * Plek's Prometheus metrics, in a registry of its own (several apps live in one test process).
 * Request durations by route pattern (`/api/v1/reservations/:id`, never the id itself, so the
 * number of series stays bounded), audited actions by name and result (reservation.create,
 * reservation.check_in, reservation.no_show, auth.login ...), and gauges read at scrape time.
 */
export function createMetrics(sources: MetricSources) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'plek_node_' });
  const requests = new Histogram({
    name: 'plek_http_request_duration_seconds',
    help: 'Time from the request reaching Plek to its answer, by route pattern, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const actions = new Counter({
    name: 'plek_actions_total',
    help: 'Audited actions by name and result: reservation.create, reservation.check_in, reservation.no_show, auth.login, ...',
    labelNames: ['action', 'result'] as const,
    registers: [registry],
  });
  new Gauge({ name: 'plek_event_streams_open', help: 'Event streams open now (boards, apps)', registers: [registry], collect() { this.set(sources.openStreams()); } });
  new Gauge({
    name: 'plek_mail_queue_length',
    help: 'Mail waiting for the relay',
    registers: [registry],
    collect() {
      this.set(sources.mailCounts().queued);
    },
  });
  new Gauge({
    name: 'plek_mail_failed',
    help: 'Mail the relay did not take after every retry (see Beheer, e-mail)',
    registers: [registry],
    collect() {
      this.set(sources.mailCounts().failed);
    },
  });
  new Gauge({
    name: 'plek_wal_bytes',
    help: "Size of the database's write-ahead log; it should shrink back after checkpoints",
    registers: [registry],
    collect() {
      this.set(statSync(`${sources.dbFile}-wal`, { throwIfNoEntry: false })?.size ?? 0);
    },
  });
  new Gauge({
    name: 'plek_last_sweep_timestamp_seconds',
    help: 'When the no-show sweep last completed (Unix time); 0 before the first',
    registers: [registry],
    collect() {
      this.set((sources.lastSweepAt() ?? 0) / 1000);
    },
  });

  /** Times every request; the label is the route that answered, "static" for the apps' files. */
  const timing: MiddlewareHandler = async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const route = routePath(c);
      const api = route.startsWith('/api/');
      requests.observe({ route: api ? route : route === '/metrics' || route === '/healthz' ? route : 'static', method: c.req.method, status: String(c.res.status) }, (performance.now() - started) / 1000);
    }
  };

  return {
    registry,
    timing,
    action: (action: string, result: string) => actions.inc({ action, result }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
