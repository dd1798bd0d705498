import { OCCUPANCY_HOURS } from '../../shared/rules.js';
import type { SpaceKind } from '../../shared/types.js';
import { addDaysToDate, localToInstant } from '../../shared/time.js';
import type { Db } from '../db/database.js';
import { reportSlots } from '../db/sql-functions.js';

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

/** One room's uses starting on the report's days. */
export interface RoomCell {
  spaceId: number;
  code: string;
  name: string;
  kind: SpaceKind;
  reservations: number;
  bookedMs: number;
  /** From check-in until the end or release. */
  usedMs: number;
  checkedIn: number;
  noShows: number;
  /** Uses no longer booked, or started. */
  finished: number;
  /** The distinct people of all its uses, of those checked in, of the finished ones: each counted up to the minimum asked for. */
  reservers: number;
  present: number;
  finishers: number;
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
  /** Only those starting on one of these local days (in `tz`). */
  days?: readonly string[];
  tz: string;
}

const hourColumns = OCCUPANCY_HOURS.map((_, i) => `h${i}`).join(', ');

/** In the room query: the distinct people of room g's uses that `where` picks, up to @min; 0 unless `count` of them reach it. */
const people = (count: string, where: string) =>
  `CASE WHEN g.${count} >= @min THEN (SELECT count(*) FROM (SELECT DISTINCT p.user_id FROM d CROSS JOIN reservations p INDEXED BY reservations_space ON p.space_id = g.id AND p.start_ms >= d.s AND p.start_ms < d.e
     WHERE p.state <> 'cancelled' ${where} LIMIT @min)) ELSE 0 END`;

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
    // Present at a report hour, looking only at the first @scan desk check-ins: settles nearly
    // every hour at once, and never reads the whole year for an hour few people were present in.
    presentAtHourSample: db.prepare<Record<string, unknown>, { n: number }>(
      `SELECT count(*) AS n FROM (SELECT DISTINCT user_id FROM (
         SELECT r.user_id, r.start_ms, r.checked_in_at, r.ended_at, r.end_ms FROM spaces s CROSS JOIN reservations r INDEXED BY reservations_space ON r.space_id = s.id
         WHERE s.location_id = @loc AND s.kind = 'desk' AND r.start_ms >= @from AND r.start_ms < @to AND r.checked_in_at IS NOT NULL AND r.state <> 'cancelled'
         LIMIT @scan)
       WHERE plek_present_hours(start_ms, checked_in_at, min(coalesce(ended_at, end_ms), end_ms), @tz) & @bit
         AND plek_local_day(start_ms, @tz) IN (SELECT value FROM json_each(@days))
       LIMIT @min)`,
    ),
    // Who was present at which report hours, once for every hour the sample left open: day by
    // day, reading the mask only of uses that overlap those hours' half hours (@days holds each
    // day's [start, end, first half hour, last half hour]), so a late hour costs its late uses.
    presentHoursByPerson: db
      .prepare<{ loc: number; tz: string; days: string }, unknown[]>(
        `WITH d(s, e, a, b) AS MATERIALIZED (SELECT value->>0, value->>1, value->>2, value->>3 FROM json_each(@days))
         SELECT DISTINCT r.user_id, plek_present_hours(r.start_ms, r.checked_in_at, min(coalesce(r.ended_at, r.end_ms), r.end_ms), @tz)
         FROM d CROSS JOIN spaces s INDEXED BY spaces_location CROSS JOIN reservations r INDEXED BY reservations_space ON r.space_id = s.id AND r.start_ms >= d.s AND r.start_ms < d.e
         WHERE s.location_id = @loc AND s.kind = 'desk' AND r.checked_in_at <= d.b AND min(coalesce(r.ended_at, r.end_ms), r.end_ms) > d.a AND r.state <> 'cancelled'`,
      )
      .raw(),
    // For each of @days ([start, end, instant] of a day): the distinct people checked in at
    // desks (@desk 1) or rooms (0) at that instant among the day's uses (present from check-in
    // until the end or release), up to @min: is that day's peak shown? One statement for all
    // days, each stopping at the fifth person.
    presentAt: db
      .prepare<{ loc: number; desk: number; days: string; min: number }, number>(
        `WITH d(s, e, at) AS MATERIALIZED (SELECT value->>0, value->>1, value->>2 FROM json_each(@days)),
         sp(id) AS MATERIALIZED (SELECT id FROM spaces WHERE location_id = @loc AND (kind = 'desk') = @desk)
         SELECT (SELECT count(*) FROM (SELECT DISTINCT r.user_id FROM sp CROSS JOIN reservations r INDEXED BY reservations_space ON r.space_id = sp.id
           WHERE r.start_ms >= d.s AND r.start_ms < d.e AND r.state <> 'cancelled'
             AND r.checked_in_at <= d.at AND min(coalesce(r.ended_at, r.end_ms), r.end_ms) > d.at
           LIMIT @min)) FROM d ORDER BY d.s`,
      )
      .pluck(),
    // Per room (every kind but desk) with a use on one of @days: its counts and hours from
    // occupancy_space_days (kept per space and local day by triggers), and the distinct people
    // behind them up to @min, asked of the reservations starting in the runs of workdays
    // (@runs, each [start, end]) and stopping at the fifth person.
    rooms: db
      .prepare<{ loc: number; from: string; to: string; days: string; runs: string; now: number; min: number }, unknown[]>(
        `WITH d(s, e) AS MATERIALIZED (SELECT value->>0, value->>1 FROM json_each(@runs)),
         g AS MATERIALIZED (
           SELECT s.id, s.code, s.name, s.kind, sum(o.reservations) AS n, sum(o.booked_ms) AS booked, sum(o.used_ms) AS used,
             sum(o.checked_in) AS present, sum(o.no_shows) AS no_shows
           FROM spaces s INDEXED BY spaces_location CROSS JOIN occupancy_space_days o ON o.space_id = s.id AND o.day >= @from AND o.day <= @to
           WHERE s.location_id = @loc AND s.kind <> 'desk' AND o.reservations <> 0 AND o.day IN (SELECT value FROM json_each(@days))
           GROUP BY s.id)
         SELECT g.*,
           ${people('n', '')},
           ${people('present', 'AND p.checked_in_at IS NOT NULL')},
           ${people('n', "AND (p.state <> 'booked' OR p.start_ms < @now)")}
         FROM g`,
      )
      .raw(),
    // Per room: its uses booked and not started yet, the only ones not finished. Few, through the index of live rows.
    roomsAhead: db
      .prepare<{ loc: number; from: number; to: number; tz: string; days: string }, [number, number]>(
        `SELECT r.space_id, count(*) FROM reservations r JOIN spaces s ON s.id = r.space_id
         WHERE r.state = 'booked' AND r.start_ms >= @from AND r.start_ms < @to AND s.location_id = @loc AND s.kind <> 'desk'
           AND plek_local_day(r.start_ms, @tz) IN (SELECT value FROM json_each(@days))
         GROUP BY r.space_id`,
      )
      .raw(),
  };
  /** The runs of consecutive local days in `days` as [start, end) instants: a week is one run, so one index seek per room. */
  const runsOf = (days: readonly string[], tz: string) => {
    const runs: [string, number, number][] = [];
    for (const date of days) {
      const end = localToInstant(addDaysToDate(date, 1), '00:00', tz);
      const last = runs.at(-1);
      if (last && addDaysToDate(last[0], 1) === date) (last[0] = date), (last[2] = end);
      else runs.push([date, localToInstant(date, '00:00', tz), end]);
    }
    return JSON.stringify(runs.map(([, start, end]) => [start, end]));
  };
  return {
    /**
     * For each of `instants` ([start, end) of a day's uses and an instant of that day): were at
     * least `min` distinct people checked in at desks (or at rooms) of the location then?
     */
    presentAt: (locationId: number, rooms: boolean, instants: readonly [number, number, number][], min: number): boolean[] =>
      instants.length === 0 ? [] : q.presentAt.all({ loc: locationId, desk: rooms ? 0 : 1, days: JSON.stringify(instants), min }).map((n) => n >= min),
    /** Per room of the location (its current kind not desk) with a use starting on one of `days` (local, in `tz`); people counted up to `min`. */
    rooms(locationId: number, tz: string, days: readonly string[], now: number, min: number): RoomCell[] {
      if (days.length === 0) return [];
      const lo = localToInstant(days[0]!, '00:00', tz);
      const hi = localToInstant(addDaysToDate(days.at(-1)!, 1), '00:00', tz);
      const ahead = new Map(now < hi ? q.roomsAhead.all({ loc: locationId, from: Math.max(now, lo), to: hi, tz, days: JSON.stringify(days) }) : []);
      const rows = q.rooms.all({ loc: locationId, from: days[0]!, to: days.at(-1)!, days: JSON.stringify(days), runs: runsOf(days, tz), now, min }) as [number, string, string, SpaceKind, ...number[]][];
      return rows.map(([spaceId, code, name, kind, reservations, bookedMs, usedMs, checkedIn, noShows, reservers, present, finishers]) => ({
        spaceId,
        code,
        name,
        kind,
        reservations: reservations!,
        bookedMs: bookedMs!,
        usedMs: usedMs!,
        checkedIn: checkedIn!,
        noShows: noShows!,
        finished: reservations! - (ahead.get(spaceId) ?? 0),
        reservers: reservers!,
        present: present!,
        finishers: finishers!,
      }));
    },
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
        tz: f.tz,
        days: f.days ? JSON.stringify(f.days) : null,
        limit,
      })!.n;
    },
    /** The distinct people checked in at a desk of the location in [from, to), counted up to `limit`. */
    presentAtDesks: (locationId: number, from: number, to: number, limit: number) => q.presentAtDesks.get(locationId, from, to, limit)!.n,
    /**
     * For each report hour index in `hours`: were at least `min` distinct people present at a
     * desk of the location then, on one of `days`? The user ids this needs stay in here.
     */
    presentAtHours(locationId: number, from: number, to: number, tz: string, days: readonly string[], hours: readonly number[], min: number): Map<number, boolean> {
      const p = { loc: locationId, from, to, tz, days: JSON.stringify(days) };
      const answer = new Map<number, boolean>();
      const open = hours.filter((h) => {
        const enough = q.presentAtHourSample.get({ ...p, bit: 1 << h, scan: 5000, min })!.n >= min;
        if (enough) answer.set(h, true);
        return !enough;
      });
      if (open.length === 0) return answer;
      const people = open.map(() => new Set<number>());
      const first = Math.min(...open);
      const last = Math.max(...open);
      const bounds = days.map((date) => {
        const slots = reportSlots(date, tz);
        return [localToInstant(date, '00:00', tz), localToInstant(addDaysToDate(date, 1), '00:00', tz), slots[first], slots[last]];
      });
      for (const [user, mask] of q.presentHoursByPerson.all({ loc: locationId, tz, days: JSON.stringify(bounds) }) as [number, number][]) open.forEach((h, i) => mask & (1 << h) && people[i]!.add(user));
      open.forEach((h, i) => answer.set(h, people[i]!.size >= min));
      return answer;
    },
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
