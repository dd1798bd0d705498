import { noShowDeadline } from '../../shared/rules.js';
import type { Location } from '../../shared/types.js';
import type { Clock } from '../clock.js';
import type { UnitOfWork } from '../db/unit-of-work.js';
import { settle, type Settling } from './reservation.steps.js';

interface Deps extends Settling {
  /** Opens the transactions, one per page. */
  uow: UnitOfWork;
  clock: Clock;
}

/** Reservations per transaction of the sweep. */
const SWEEP_PAGE = 1000;

/**
 * The no-show sweep: a booking not checked in by its deadline becomes a no-show (the space is
 * free again), a check-in past its end is completed. Run by the jobs (server/jobs/jobs.ts) at
 * the moment the next one falls due.
 */
export function createNoShowSweep(d: Deps) {
  return {
    /**
     * The earliest moment before `horizon` at which a booking becomes a no-show or a check-in
     * ends, so the sweep can run right then and boards see the space free within a second.
     */
    nextDue(horizon: number): number | null {
      const locations = new Map<number, Location>();
      let next: number | null = null;
      for (const r of d.reservations.sweepCandidates(horizon)) {
        const location = locations.get(r.locationId) ?? d.catalogue.location(r.locationId)!;
        locations.set(location.id, location);
        const due = r.state === 'booked' ? noShowDeadline(r, r.kind, location.policy) : r.end;
        if (due <= horizon && (next === null || due < next)) next = due;
      }
      return next;
    },

    /**
     * Writes the due no-shows and completions. Idempotent: state lives in the database, and each
     * transition only applies to a row still in its old state, so a second run or a restart
     * changes nothing twice. A checked-in reservation never becomes a no-show.
     */
    sweep(): { noShows: number; completed: number } {
      const now = d.clock.now();
      const locations = new Map<number, Location>();
      let noShows = 0;
      let completed = 0;
      // A page at a time, each in its own transaction: a big backlog (after downtime) neither
      // holds all rows in memory nor blocks other writers for the whole sweep.
      for (const state of ['booked', 'checked_in'] as const) {
        let after = { start: -Infinity, id: 0 };
        for (;;) {
          const page = d.reservations.sweepPage(state, now, after, SWEEP_PAGE);
          if (page.length === 0) break;
          d.uow.run(() => {
            for (const r of page) {
              const location = locations.get(r.locationId) ?? d.catalogue.location(r.locationId)!;
              locations.set(location.id, location);
              if (!settle(d, r, location, now)) continue;
              if (r.state === 'booked') noShows++;
              else completed++;
            }
          });
          const last = page.at(-1)!;
          after = { start: last.start, id: last.id };
        }
      }
      return { noShows, completed };
    },
  };
}

export type NoShowSweep = ReturnType<typeof createNoShowSweep>;
