import type { FloorPlan, Location, Zone } from '../../shared/types.js';
import { addDaysToDate, localDate, localToInstant } from '../../shared/time.js';
import { closedAt, type Closed } from '../holidays.js';
import type { CatalogueStore } from '../catalogue/catalogue.store.js';
import type { Clock } from '../clock.js';
import type { SpaceWithKey } from '../domain.js';
import type { ReservationReads } from '../reservations/reservation-reads.service.js';

interface Deps {
  catalogue: CatalogueStore;
  reservations: Pick<ReservationReads, 'availability'>;
  clock: Clock;
}

/** A space on the board: free or taken now, and until when (null: free for the rest of the day). */
export interface BoardSpace {
  space: SpaceWithKey;
  free: boolean;
  until: number | null;
}

/** What an entrance kiosk's live board shows of its location at `now`. */
export interface Board {
  location: Location;
  now: number;
  /** Null while the location is open. */
  closed: Closed | null;
  zones: Zone[];
  plans: FloorPlan[];
  spaces: BoardSpace[];
}

/**
 * The kiosk's live board: every space of the location, free or taken now and until when. It
 * is read again on every availability event the kiosk hears, so it is the availability read
 * model for the rest of the local day and nothing more.
 */
export function createBoardService(d: Deps) {
  return {
    board(locationId: number): Board {
      const location = d.catalogue.location(locationId)!;
      const now = d.clock.now();
      const tz = location.timezone;
      const endOfDay = localToInstant(addDaysToDate(localDate(now, tz), 1), '00:00', tz);
      const v = d.reservations.availability(locationId, now, endOfDay);
      return {
        location,
        now,
        closed: closedAt(location, now),
        zones: d.catalogue.zones(locationId),
        plans: d.catalogue.plans(locationId),
        spaces: v.spaces.map(({ space, busy }) => {
          const current = busy.find((b) => b.start <= now);
          // Taken until the current booking ends; free until the next one starts (or all day).
          return { space, free: !current, until: current ? current.end : busy[0] ? busy[0].start : null };
        }),
      };
    },
  };
}

export type BoardService = ReturnType<typeof createBoardService>;
