import type { AdminService } from './admin/admin.service.js';
import type { SpaceCsvService } from './admin/space-csv.service.js';
import type { AuthService } from './auth/auth.service.js';
import type { OidcService } from './auth/oidc.service.js';
import type { CatalogueService } from './catalogue/catalogue.service.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Db } from './db/database.js';
import type { WriteBatcher } from './db/write-batch.js';
import type { UnitOfWork } from './db/unit-of-work.js';
import type { EventBus } from './events/event-bus.js';
import type { IdempotencyStore } from './http/idempotency.store.js';
import type { Backoff } from './auth/throttle.js';
import type { StreamGate } from './events/stream-gate.js';
import type { Log } from './log.js';
import type { Metrics } from './ops/metrics.js';
import type { Bus } from './events/event-bus.js';
import type { GuestService, Notification } from './guests/guest.service.js';
import type { KioskService } from './kiosk/kiosk.service.js';
import type { MailService } from './mail/mail.service.js';
import type { PeopleService } from './people/people.service.js';
import type { FavouritesService } from './favourites/favourites.service.js';
import type { TickService } from './ticks/tick.service.js';
import type { ReportService } from './reports/report.service.js';
import type { CalendarService } from './calendar/calendar.service.js';
import type { TeamService } from './teams/team.service.js';
import type { ReservationService } from './reservations/reservation.service.js';
import type { RecurringService } from './reservations/recurring.service.js';

/** What the routes get: services, never stores. */
export interface Services {
  db: Db;
  clock: Clock;
  config: Config;
  events: EventBus;
  idempotency: IdempotencyStore;
  /** Group commit for the busiest writes (reservations, check-ins). */
  writes: WriteBatcher;
  /** The unit of work every write runs in (server/http/write.ts); the seam a second store implements. */
  uow: UnitOfWork;
  auth: AuthService;
  /** Sign-in through the identity provider, when configured. */
  oidc: OidcService | null;
  admin: AdminService;
  spaceCsv: SpaceCsvService;
  catalogue: CatalogueService;
  reservations: ReservationService;
  /** Recurring reservations: every date booked through reservations' create. */
  series: RecurringService;
  people: PeopleService;
  /** Starred spaces and "my usual". */
  favourites: FavouritesService;
  kiosks: KioskService;
  guests: GuestService;
  ticks: TickService;
  reports: ReportService;
  calendar: CalendarService;
  teams: TeamService;
  /** E-mail: queued by services in their unit of work, sent by a job. */
  mail: MailService;
  notifications: Bus<Notification>;
  /** Wrong pairing codes per address. */
  pairingThrottle: Backoff;
  /** Open event streams per session, kiosk and address. */
  streams: StreamGate;
  /** The process's JSON log (server/ops/log.ts). */
  log: Log;
  /** Prometheus metrics (server/ops/metrics.ts), served at /metrics. */
  metrics: Metrics;
  /** The jobs tell when the no-show sweep last completed (a metric). */
  sweepDone(at: number): void;
}
