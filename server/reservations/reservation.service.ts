import type { AuditStore } from '../audit/audit.store.js';
import type { CatalogueStore } from '../catalogue/catalogue.store.js';
import type { Clock } from '../clock.js';
import type { UnitOfWork } from '../db/unit-of-work.js';
import type { EventBus } from '../events/event-bus.js';
import type { ReservationMail } from '../mail/mail.service.js';
import { createBookingService, type BookingService } from './booking.service.js';
import { createChangeService, type ChangeService } from './change.service.js';
import { createNoShowSweep, type NoShowSweep } from './no-show-sweep.service.js';
import { createReservationReads, type ReservationReads } from './reservation-reads.service.js';
import type { ReservationStore } from './reservation.store.js';
import { createRoomDisplayService, type RoomDisplayService } from './room-display.service.js';
import { createSpaceRetirement, type SpaceRetirement } from './space-retirement.service.js';
import { createTeamHoldService, type TeamHoldService } from './team-hold.service.js';

interface Deps {
  /** Runs the writes inside the caller's unit of work (a route's write(), a job's), never a nested one. */
  uow: UnitOfWork;
  catalogue: CatalogueStore;
  reservations: ReservationStore;
  audit: AuditStore;
  events: EventBus;
  /** Confirmations and cancellations, queued in the same unit of work as the change. */
  mail: ReservationMail;
  clock: Clock;
}

/**
 * Everything reservations offer, as the wiring (server/app.ts) hands it to the routes. The
 * rules live in one file per use case beside this one; each takes only the stores it uses:
 *
 * - booking.service.ts: a person's bookings (reserve, walk up, check in, release, read back)
 * - change.service.ts: a booking moved to another day-part, time or space, shortened or extended
 * - team-hold.service.ts: a team's block of desks, held desks claimed or released
 * - room-display.service.ts: a room's meeting now and next, check in or end it at the door
 * - reservation-reads.service.ts: availability per space, the week per day
 * - no-show-sweep.service.ts: due no-shows and completions written down
 * - space-retirement.service.ts: a space retired, its future bookings cancelled
 *
 * A service that needs reservations names the use case in its deps (KioskService takes a
 * BookingService, TeamService a TeamHoldService); this object fits all of them.
 */
export function createReservationService(d: Deps): ReservationService {
  return {
    ...createBookingService(d),
    ...createChangeService(d),
    ...createTeamHoldService(d),
    ...createRoomDisplayService(d),
    ...createReservationReads(d),
    ...createNoShowSweep(d),
    ...createSpaceRetirement(d),
  };
}

export type ReservationService = BookingService & ChangeService & TeamHoldService & RoomDisplayService & ReservationReads & NoShowSweep & SpaceRetirement;
