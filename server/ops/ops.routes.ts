import { healthSchema } from '../../shared/answers.js';
import { Hono } from 'hono';
import { timingSafeEqual } from 'node:crypto';
import type { Services } from '../app.deps.js';
import type { AppEnv } from '../http/context.js';
import { errorResponse } from '../http/errors.js';
import type { RouteDoc } from '../http/openapi.js';
import { createHealthStore } from './health.store.js';

export const opsDocs: RouteDoc[] = [
  { method: 'get', path: '/healthz', summary: 'For the load balancer: the process runs and the database is readable and writable with current migrations', access: 'public', answer: { 200: healthSchema, 503: healthSchema }, responses: { 200: 'ok', 503: 'unavailable (database not_readable, not_writable or migrations_not_current)' } },
  { method: 'get', path: '/metrics', summary: 'Prometheus metrics (text format), with Authorization: Bearer PLEK_METRICS_TOKEN; 404 when no token is configured', access: 'public', produces: 'text/plain', responses: { 200: 'the metrics', 401: 'unauthenticated', 404: 'not_found (metrics off)' } },
];

/**
 * For the load balancer and Prometheus, outside /api/v1: `GET /healthz` (no sign-in; says only
 * ok or what is wrong, nothing about the data) and `GET /metrics` behind PLEK_METRICS_TOKEN
 * (404 when unset, as if there were none).
 */
export function opsRoutes(s: Services) {
  const metrics = s.metrics;
  const app = new Hono<AppEnv>();
  const health = createHealthStore(s.db);
  let lastWrite: { at: number; done: Promise<boolean> } | null = null;

  app.get('/healthz', async (c) => {
    c.header('Cache-Control', 'no-store');
    let migrations: ReturnType<typeof health.migrationsCurrent>;
    try {
      migrations = health.migrationsCurrent();
    } catch (err) {
      s.log.error({ err }, 'healthz: database not readable');
      return c.json({ status: 'unavailable', database: 'not_readable' }, 503);
    }
    if (!migrations.current) return c.json({ status: 'unavailable', database: 'migrations_not_current', ...migrations }, 503);
    // The write proves the disk takes writes. Anyone may ask, so a loop of probes shares one
    // write a second instead of each adding a WAL frame.
    const now = s.clock.now();
    if (!lastWrite || now - lastWrite.at >= 1000 || now < lastWrite.at) {
      lastWrite = {
        at: now,
        // In the group commit like any write: it waits its turn instead of taking the lock.
        done: s.uow.schedule(() => health.touch(migrations.version!)).then(
          () => true,
          (err: unknown) => {
            s.log.error({ err }, 'healthz: database not writable');
            return false;
          },
        ),
      };
    }
    if (!(await lastWrite.done)) return c.json({ status: 'unavailable', database: 'not_writable' }, 503);
    return c.json({ status: 'ok', database: 'ok', version: migrations.version });
  });

  const token = s.config.metricsToken;
  app.get('/metrics', async (c) => {
    if (!token) return errorResponse(c, 'not_found', 'no such route');
    const given = /^Bearer (.+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
    const a = Buffer.from(given);
    const b = Buffer.from(token);
    if (a.length !== b.length || !timingSafeEqual(a, b)) {
      c.header('WWW-Authenticate', 'Bearer realm="plek-metrics"');
      return errorResponse(c, 'unauthenticated', 'metrics need the bearer token (PLEK_METRICS_TOKEN)');
    }
    c.header('Cache-Control', 'no-store');
    c.header('Content-Type', metrics.registry.contentType);
    return c.body(await metrics.registry.metrics());
  });
  return app;
}
