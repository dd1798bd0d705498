import type { FloorPlan, Holiday, Location, Zone } from '../../shared/types.js';
import { openingInterval, openOn } from '../../shared/rules.js';
import { addDaysToDate, localDate, localToInstant } from '../../shared/time.js';
import { holidayOn } from '../holidays.js';
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

/**
 * Why the location is closed now: outside its opening hours, a day of the week it does not
 * open, or a public holiday it closes on; and when it opens next (null: not in the weeks ahead).
 */
export interface Closed {
  reason: 'hours' | 'closed_day' | 'holiday';
  holiday: Holiday['name'] | null;
  opensAt: number | null;
}

/** How far ahead the board looks for the next opening: past the longest closure a year has. */
const LOOK_AHEAD_DAYS = 31;

/** Whether the location is closed at `now` and until when; null while it is open. */
export function closedAt(location: Location, now: number): Closed | null {
  const { policy, timezone: tz } = location;
  const shut = (date: string) => (policy.closedOnHolidays ? holidayOn(date) : undefined);
  const today = localDate(now, tz);
  const holiday = shut(today);
  let reason: Closed['reason'];
  if (holiday) reason = 'holiday';
  else if (!openOn(today, policy)) reason = 'closed_day';
  else {
    const hours = openingInterval(today, policy, tz);
    if (now >= hours.start && now < hours.end) return null;
    reason = 'hours';
  }
  let opensAt: number | null = null;
  for (let i = 0; i <= LOOK_AHEAD_DAYS && opensAt === null; i++) {
    const date = addDaysToDate(today, i);
    if (!openOn(date, policy) || shut(date)) continue;
    const start = openingInterval(date, policy, tz).start;
    if (start > now) opensAt = start;
  }
  return { reason, holiday: holiday?.name ?? null, opensAt };
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
