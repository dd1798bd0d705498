import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type MiddlewareHandler } from 'hono';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createAdminService } from './admin/admin.service.js';
import { createSpaceCsvService } from './admin/space-csv.service.js';
import { adminDocs, adminRoutes } from './admin/admin.routes.js';
import type { Services } from './app.deps.js';
import { createAuditStore, observedAudit } from './audit/audit.store.js';
import { log } from './log.js';
import { createMetrics } from './ops/metrics.js';
import { opsDocs, opsRoutes } from './ops/ops.routes.js';
import { authDocs, authRoutes } from './auth/auth.routes.js';
import { createAuthService } from './auth/auth.service.js';
import { Backoff, LoginThrottle } from './auth/throttle.js';
import { createUserStore } from './auth/user.store.js';
import { catalogueDocs, catalogueRoutes } from './catalogue/catalogue.routes.js';
import { createTeamService } from './teams/team.service.js';
import { createTeamStore } from './teams/team.store.js';
import { teamDocs, teamRoutes } from './teams/team.routes.js';
import { createSecondFactorStore } from './auth/second-factor.store.js';
import { createOidcService } from './auth/oidc.service.js';
import { createOidcStore } from './auth/oidc.store.js';
import { createCatalogueService } from './catalogue/catalogue.service.js';
import { createCatalogueStore } from './catalogue/catalogue.store.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Db } from './db/database.js';
import { Bus, EventBus } from './events/event-bus.js';
import { StreamGate } from './events/stream-gate.js';
import { createGuestService, type Notification } from './guests/guest.service.js';
import { createGuestStore } from './guests/guest.store.js';
import { guestDocs, guestRoutes } from './guests/guest.routes.js';
import { createKioskService } from './kiosk/kiosk.service.js';
import { createKioskStore } from './kiosk/kiosk.store.js';
import { kioskDocs, kioskRoutes } from './kiosk/kiosk.routes.js';
import { eventsDocs, eventsRoutes } from './events/events.routes.js';
import { createMailService } from './mail/mail.service.js';
import { createMailStore } from './mail/mail.store.js';
import { mailDocs, mailRoutes } from './mail/mail.routes.js';
import type { AppContext, AppEnv } from './http/context.js';
import { compressJson } from './http/compress.js';
import { errorResponse, handleError } from './http/errors.js';
import { createIdempotencyStore } from './http/idempotency.store.js';
import { WriteBatcher } from './db/write-batch.js';
import { sqliteUnitOfWork } from './db/unit-of-work.js';
import { MAX_PLAN_BYTES } from '../shared/schemas.js';
import { MAX_CSV_BYTES } from '../shared/api.js';
import { openApiSchema } from '../shared/answers.js';
import { gate, limitBody, loadSession, noStore, sameOriginWrites } from './http/middleware.js';
import { securityHeaders } from './http/security-headers.js';
import { openApiDocument, type RouteDoc } from './http/openapi.js';
import { createPeopleService } from './people/people.service.js';
import { createPeopleStore } from './people/people.store.js';
import { peopleDocs, peopleRoutes } from './people/people.routes.js';
import { createFavouritesService } from './favourites/favourites.service.js';
import { createFavouritesStore } from './favourites/favourites.store.js';
import { favouritesDocs, favouritesRoutes } from './favourites/favourites.routes.js';
import { createReservationService } from './reservations/reservation.service.js';
import { createTickService } from './ticks/tick.service.js';
import { createReportService } from './reports/report.service.js';
import { createReportStore } from './reports/report.store.js';
import { startReportWorker } from './reports/report.runner.js';
import { reportDocs, reportRoutes } from './reports/report.routes.js';
import { createCalendarService } from './calendar/calendar.service.js';
import { calendarDocs, calendarRoutes } from './calendar/calendar.routes.js';
import { createTickStore } from './ticks/tick.store.js';
import { tickDocs, tickRoutes } from './ticks/tick.routes.js';
import { reservationDocs, reservationRoutes } from './reservations/reservation.routes.js';
import { createReservationStore } from './reservations/reservation.store.js';
import { createRecurringService } from './reservations/recurring.service.js';
import { createSeriesStore } from './reservations/series.store.js';
import { seriesDocs, seriesRoutes } from './reservations/series.routes.js';

export const MAX_BODY_BYTES = 64 * 1024;

export const routeDocs: RouteDoc[] = [
  ...authDocs,
  ...catalogueDocs,
  ...reservationDocs,
  ...seriesDocs,
  ...adminDocs,
  ...peopleDocs,
  ...favouritesDocs,
  ...kioskDocs,
  ...guestDocs,
  ...tickDocs,
  ...reportDocs,
  ...calendarDocs,
  ...teamDocs,
  ...mailDocs,
  ...eventsDocs,
  { method: 'get', path: '/api/v1/openapi.json', summary: 'This document', access: 'public', answer: openApiSchema, responses: { 200: 'OpenAPI 3.1' } },
  ...opsDocs,
];


/** Wires stores into services; the one place that knows both. */
export function createServices(db: Db, clock: Clock, config: Config): Services {
  const catalogueStore = createCatalogueStore(db);
  const users = createUserStore(db);
  const writes = new WriteBatcher(db);
  const streams = new StreamGate();
  const metrics = createMetrics({ openStreams: () => streams.size, mailCounts: () => mail.status().counts, dbFile: config.dbFile, lastSweepAt: () => lastSweepAt });
  let lastSweepAt: number | null = null;
  // Every audited action is also a count and a log line, once its transaction has committed.
  // Routine reservation changes that went through log at debug: they are thousands a day, each
  // is in the audit log anyway, and writing them cost a fifth of a create's time. Sign-ins,
  // refusals, admin changes, exports and guests' data log at info.
  const audit = observedAudit(createAuditStore(db), (e) =>
    writes.afterCommit(() => {
      metrics.action(e.action, e.result);
      const level = e.result === 'ok' && e.action.startsWith('reservation.') ? 'debug' : 'info';
      if (log.isLevelEnabled(level)) log[level]({ actor: e.actor, action: e.action, object: e.object ?? null, result: e.result, origin: e.origin ?? null, details: e.details }, e.action);
    }),
  );
  // The one way services reach a transaction: the route's unit of work, or one of their own from a job.
  const uow = sqliteUnitOfWork(db, writes);
  const afterCommit = (announce: () => void) => writes.afterCommit(announce);
  const events = new EventBus(afterCommit);
  const reservationStore = createReservationStore(db);
  const peopleStore = createPeopleStore(db);
  const mail = createMailService({ mail: createMailStore(db), catalogue: catalogueStore, audit, uow, clock, config: config.mail, publicUrl: config.publicUrl, afterCommit });
  const reservations = createReservationService({ uow, catalogue: catalogueStore, reservations: reservationStore, audit, events, mail, clock });
  const notifications = new Bus<Notification>((n) => n.userId, afterCommit);
  const auth = createAuthService({
    users,
    audit,
    clock,
    throttle: new LoginThrottle(clock),
    secondFactorThrottle: new Backoff(clock, { free: 5, firstDelayMs: 30_000, maxDelayMs: 15 * 60_000, forgetMs: 24 * 3_600_000 }),
    sessions: { idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs },
    secondFactor: createSecondFactorStore(db),
    twoFactorRoles: config.twoFactorRoles,
    localLogin: config.localLogin,
  });
  const admin = createAdminService({ uow, users, catalogue: catalogueStore, audit, clock });
  return {
    db,
    clock,
    config,
    events,
    notifications,
    mail,
    idempotency: createIdempotencyStore(db),
    writes,
    uow,
    auth,
    oidc: config.oidc && config.publicUrl ? createOidcService({ logins: createOidcStore(db), config: config.oidc, publicUrl: config.publicUrl, users, admin, auth, audit, clock }) : null,
    streams,
    log,
    metrics,
    sweepDone: (at: number) => (lastSweepAt = at),
    pairingThrottle: new Backoff(clock, { free: 10, firstDelayMs: 60_000, maxDelayMs: 15 * 60_000, forgetMs: 60 * 60_000 }),
    admin,
    spaceCsv: createSpaceCsvService({ uow, catalogue: catalogueStore, audit, clock }),
    catalogue: createCatalogueService(catalogueStore),
    reservations,
    series: createRecurringService({ uow, clock, catalogue: catalogueStore, reservations: reservationStore, series: createSeriesStore(db), users, booking: reservations }),
    people: createPeopleService({ people: peopleStore, users, catalogue: catalogueStore, audit, clock }),
    favourites: createFavouritesService({ favourites: createFavouritesStore(db), catalogue: catalogueStore, clock }),
    kiosks: createKioskService({ uow, kiosks: createKioskStore(db), users, catalogue: catalogueStore, audit, reservations, clock }),
    ticks: createTickService({ ticks: createTickStore(db), audit, clock }),
    teams: createTeamService({ uow, teams: createTeamStore(db), catalogue: catalogueStore, reservations, audit, clock }),
    reports: createReportService({ reports: createReportStore(db), catalogue: catalogueStore, audit, clock, worker: config.reportWorker ? startReportWorker(config.dbFile) : null }),
    calendar: createCalendarService({ users, reservations, catalogue: catalogueStore, audit, clock }),
    guests: createGuestService({ db, uow, guests: createGuestStore(db), people: peopleStore, users, catalogue: catalogueStore, audit, notifications, mail, clock }),
  };
}

/** The HTTP app: API under /api/v1, the built apps (dist/) for everything else. */
export function createApp(s: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const https = s.config.publicUrl?.startsWith('https:') ?? false;

  // Every answer is timed and carries the security headers: one middleware, see gate() for why.
  const secure = securityHeaders({ https, trustProxy: s.config.trustProxy });
  app.use((c, next) => {
    secure(c);
    return s.metrics.timing(c, next);
  });
  app.route('/', opsRoutes(s));

  const api = new Hono<AppEnv>();
  // Floor plan images and spaces CSV files are the large bodies; everything else stays small.
  const smallBodies = limitBody(MAX_BODY_BYTES);
  const planBodies = limitBody(Math.ceil((MAX_PLAN_BYTES * 4) / 3) + 4096);
  // A spaces CSV up to twice its limit gets in, to be told the limit in words (csv_too_large).
  const csvBodies = limitBody(Math.ceil((2 * MAX_CSV_BYTES * 4) / 3) + 4096);
  const bodiesOf = (c: AppContext) => (/^\/api\/v1\/admin\/locations\/\d+\/plans$/.test(c.req.path) ? planBodies : /^\/api\/v1\/admin\/locations\/\d+\/spaces\/import$/.test(c.req.path) ? csvBodies : smallBodies);
  api.use(gate([noStore, compressJson(1024), sameOriginWrites(s.config), loadSession(s.auth, s.kiosks)], bodiesOf));
  api.route('/', authRoutes(s));
  api.route('/', catalogueRoutes(s));
  api.route('/', reservationRoutes(s));
  api.route('/', seriesRoutes(s));
  api.route('/admin', adminRoutes(s));
  api.route('/', eventsRoutes(s));
  api.route('/', peopleRoutes(s));
  api.route('/', favouritesRoutes(s));
  api.route('/', kioskRoutes(s));
  api.route('/', guestRoutes(s));
  api.route('/', tickRoutes(s));
  api.route('/', reportRoutes(s));
  api.route('/', calendarRoutes(s));
  api.route('/', teamRoutes(s));
  api.route('/', mailRoutes(s));
  const openapi = openApiDocument(routeDocs, { publicUrl: s.config.publicUrl });
  api.get('/openapi.json', (c) => c.json(openapi));
  api.all('*', (c) => errorResponse(c, 'not_found', 'no such API route'));
  // No api.onError: the app's own (the same handleError) catches what the API throws. With one
  // set here, Hono wraps every API handler and middleware in a fresh error-catching compose on
  // every request, which was most of what a request allocated.
  app.route('/api/v1', api);
  app.all('/api/*', (c) => errorResponse(c, 'not_found', 'no such API route'));

  serveApps(app, s.config.distDir);
  app.onError(handleError);
  return app;
}

/**
 * The built PWA at / and the kiosk at /kiosk. Unknown paths get the app's index.html, so a
 * space label's URL (/s/HUB-2-014?k=...) opens the app on that space.
 *
 * The build writes a .br and a .gz beside each text file (vite.config.ts); serveStatic sends
 * the one the request's Accept-Encoding names (br, then gzip; an encoding with q=0 or not
 * named is never sent) with Content-Encoding, and the original otherwise.
 */
function serveApps(app: Hono<AppEnv>, dist: string): void {
  const appHtml = join(dist, 'pwa/index.html');
  const kioskHtml = join(dist, 'kiosk/index.html');
  if (!existsSync(appHtml)) {
    app.get('*', (c) => c.text('Plek: de apps zijn nog niet gebouwd (npm run build) / the apps are not built yet', 503));
    return;
  }
  app.use('*', async (c, next) => {
    await next();
    const type = c.res.headers.get('content-type') ?? '';
    // The identity answer varies by Accept-Encoding too: a cache that kept it without Vary
    // would hand it to every client, and one that kept the .br would hand that to all.
    if (c.res.headers.has('content-encoding') || COMPRESSIBLE.test(type)) {
      if (!/accept-encoding/i.test(c.res.headers.get('vary') ?? '')) c.header('Vary', 'Accept-Encoding', { append: true });
    }
    if (c.req.path === '/sw.js') c.header('Cache-Control', 'no-cache'); // a new service worker must be found at once
    else if (c.req.path.startsWith('/assets/') && c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable'); // hashed names
    else if (type.startsWith('text/html')) c.header('Cache-Control', 'no-cache'); // names the current hashed assets: ask each time
  });
  app.get('/', files({ path: appHtml }));
  app.get('/kiosk', files({ path: kioskHtml }));
  app.get('/kiosk/*', files({ path: kioskHtml }));
  app.use('*', files({ root: dist }));
  app.get('*', files({ path: appHtml }));
}

const COMPRESSIBLE = /^(?:text\/|application\/(?:javascript|json|manifest\+json)|image\/svg\+xml)/;

/**
 * serveStatic with the precompressed siblings, except for a Range request (its byte offsets
 * are meant in the file itself, a resumed download, not in its .br) and for a file whose
 * siblings are older than itself: one replaced without them (a hot fix, a test's next
 * release) must be sent as it is now, never as the previous version's .br. The second of
 * slack covers copies that do not keep times (cp -r) and write a sibling just before its file.
 */
function files(opts: { path: string } | { root: string }): MiddlewareHandler<AppEnv> {
  const plain = serveStatic(opts);
  const packed = serveStatic({ ...opts, precompressed: true });
  return (c, next) => {
    const file = 'path' in opts ? opts.path : join(opts.root, c.req.path);
    return (c.req.header('range') === undefined && siblingsCurrent(file) ? packed : plain)(c, next);
  };
}

function siblingsCurrent(file: string): boolean {
  const mtime = (f: string) => statSync(f, { throwIfNoEntry: false })?.mtimeMs;
  const own = mtime(file);
  if (own === undefined) return false;
  return ['.br', '.gz'].every((ext) => (mtime(file + ext) ?? Infinity) >= own - 1000);
}
