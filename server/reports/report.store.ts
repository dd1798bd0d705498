import type { SpaceKind } from '../../shared/types.js';
import type { Db } from '../db/database.js';

/** The counts of one local day, space kind and zone (occupancy_days, kept by triggers). */
export interface DayCell {
  day: string;
  kind: SpaceKind;
  zoneId: number | null;
  reservations: number;
  checkedIn: number;
  noShows: number;
  /** Uses present at each report hour (OCCUPANCY_HOURS). */
  hours: number[];
}

/** Which reservations of a location to count the people of; every filter is optional. */
export interface PeopleFilter {
  from: number;
  to: number;
  kind?: SpaceKind;
  /** null: spaces without a zone. */
  zoneId?: number | null;
  checkedIn?: boolean;
  /** Only those finished by then: no longer booked, or started. */
  finishedBy?: number;
  /** Only those present at the report hour with this index. */
  hour?: number;
  /** Only those starting on one of these local days (in `tz`). */
  days?: readonly string[];
  tz: string;
}

const hourColumns = Array.from({ length: 12 }, (_, i) => `h${i}`).join(', ');

/** SQL for occupancy reports: counts per day, and how many distinct people are behind a group, never who. */
export function createReportStore(db: Db) {
  const q = {
    cells: db
      .prepare<[number, string, string], unknown[]>(
        `SELECT day, kind, zone_id, reservations, checked_in, no_shows, ${hourColumns} FROM occupancy_days WHERE location_id = ? AND day >= ? AND day <= ? AND reservations <> 0`,
      )
      .raw(),
    // Booked and not started yet: the only uses that are not finished. Few, through the index of live rows.
    bookedAhead: db.prepare<{ loc: number; from: number; to: number; tz: string; days: string }, { n: number }>(
      `SELECT count(*) AS n FROM reservations r JOIN spaces s ON s.id = r.space_id
       WHERE r.state = 'booked' AND r.start_ms >= @from AND r.start_ms < @to AND s.location_id = @loc
         AND plek_local_day(r.start_ms, @tz) IN (SELECT value FROM json_each(@days))`,
    ),
    // Distinct people up to a limit: deciding "at least five" stops at the fifth, whatever the size.
    people: db.prepare<Record<string, unknown>, { n: number }>(
      // By space and start: the planner, left alone, skip-scans reservations_user over every person.
      `SELECT count(*) AS n FROM (SELECT DISTINCT r.user_id FROM spaces s CROSS JOIN reservations r INDEXED BY reservations_space ON r.space_id = s.id
       WHERE s.location_id = @loc AND (@kind IS NULL OR s.kind = @kind) AND (@zone IS NULL OR coalesce(s.zone_id, 0) = @zone)
         AND r.start_ms >= @from AND r.start_ms < @to AND r.state <> 'cancelled'
         AND (@checkedIn = 0 OR r.checked_in_at IS NOT NULL)
         AND (@finishedBy IS NULL OR r.state <> 'booked' OR r.start_ms < @finishedBy)
         AND (@bit = 0 OR plek_present_hours(r.start_ms, r.checked_in_at, min(coalesce(r.ended_at, r.end_ms), r.end_ms), @tz) & @bit)
         AND (@days IS NULL OR plek_local_day(r.start_ms, @tz) IN (SELECT value FROM json_each(@days)))
       LIMIT @limit)`,
    ),
    // The same for one day's desks checked in, asked for every day of the report: nothing optional.
    presentAtDesks: db.prepare<[number, number, number, number], { n: number }>(
      `SELECT count(*) AS n FROM (SELECT DISTINCT r.user_id FROM spaces s CROSS JOIN reservations r INDEXED BY reservations_space ON r.space_id = s.id
       WHERE s.location_id = ? AND s.kind = 'desk' AND r.start_ms >= ? AND r.start_ms < ? AND r.checked_in_at IS NOT NULL AND r.state <> 'cancelled'
       LIMIT ?)`,
    ),
    // Everyone checked in at a desk, exactly, in one of two ways: through the location's desks
    // (reads each use once: right when they are few) or per person, each stopping at their
    // first such use (right at a busy office, where nearly everyone has one early in the year).
    deskPeopleByDesk: db.prepare<{ loc: number; from: number; to: number; tz: string; days: string }, { n: number }>(
      `SELECT count(DISTINCT r.user_id) AS n FROM spaces s CROSS JOIN reservations r INDEXED BY reservations_space ON r.space_id = s.id
       WHERE s.location_id = @loc AND s.kind = 'desk' AND r.start_ms >= @from AND r.start_ms < @to AND r.checked_in_at IS NOT NULL AND r.state <> 'cancelled'
         AND plek_local_day(r.start_ms, @tz) IN (SELECT value FROM json_each(@days))`,
    ),
    deskPeopleByPerson: db.prepare<{ loc: number; from: number; to: number; tz: string; days: string }, { n: number }>(
      `SELECT count(*) AS n FROM users u WHERE EXISTS (
         SELECT 1 FROM reservations r JOIN spaces s ON s.id = r.space_id
         WHERE r.user_id = u.id AND r.start_ms >= @from AND r.start_ms < @to AND r.checked_in_at IS NOT NULL AND r.state <> 'cancelled'
           AND s.location_id = @loc AND s.kind = 'desk' AND plek_local_day(r.start_ms, @tz) IN (SELECT value FROM json_each(@days)))`,
    ),
    users: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM users'),
  };
  return {
    /** The day cells of a location from local day `from` to `to`, both included. */
    cells: (locationId: number, from: string, to: string): DayCell[] =>
      q.cells.all(locationId, from, to).map((r) => ({
        day: r[0] as string,
        kind: r[1] as SpaceKind,
        zoneId: (r[2] as number) === 0 ? null : (r[2] as number),
        reservations: r[3] as number,
        checkedIn: r[4] as number,
        noShows: r[5] as number,
        hours: r.slice(6) as number[],
      })),
    bookedAhead: (locationId: number, from: number, to: number, tz: string, days: readonly string[]) =>
      q.bookedAhead.get({ loc: locationId, from, to, tz, days: JSON.stringify(days) })!.n,
    /** The distinct people behind the filtered uses, counted up to `limit`. */
    people(locationId: number, f: PeopleFilter, limit: number): number {
      return q.people.get({
        loc: locationId,
        kind: f.kind ?? null,
        zone: f.zoneId === undefined ? null : (f.zoneId ?? 0),
        from: f.from,
        to: f.to,
        checkedIn: f.checkedIn ? 1 : 0,
        finishedBy: f.finishedBy ?? null,
        bit: f.hour === undefined ? 0 : 1 << f.hour,
        tz: f.tz,
        days: f.days ? JSON.stringify(f.days) : null,
        limit,
      })!.n;
    },
    /** The distinct people checked in at a desk of the location in [from, to), counted up to `limit`. */
    presentAtDesks: (locationId: number, from: number, to: number, limit: number) => q.presentAtDesks.get(locationId, from, to, limit)!.n,
    /** Everyone checked in at a desk of the location on one of `days` (local, in `tz`), exactly; `uses` of them in all. */
    deskPeople(locationId: number, from: number, to: number, tz: string, days: readonly string[], uses: number): number {
      const p = { loc: locationId, from, to, tz, days: JSON.stringify(days) };
      // Per person costs about a few rows each when most people have such a use, and all their
      // rows when they have none; through the desks costs every use.
      return (uses > 20 * q.users.get()!.n ? q.deskPeopleByPerson : q.deskPeopleByDesk).get(p)!.n;
    },
  };
}

export type ReportStore = ReturnType<typeof createReportStore>;
