/**
 * The occupancy report as it was computed before occupancy_days: every use of the range read
 * and aggregated in JavaScript, the time zone converted per booking-hour. Kept for the test that
 * holds the new report to the same figures; not used by Plek.
 */
import type { OccupancyReportDto, ReportFigure, ReportRoomUse, ReportWeekday } from '../../shared/api.js';
import { DomainError } from '../../shared/errors.js';
import { MIN_GROUP_SIZE } from '../../shared/rules.js';
import { addDaysToDate, localDate, localToInstant } from '../../shared/time.js';
import { spaceKinds, type ReservationState, type SpaceKind } from '../../shared/types.js';
import type { CatalogueStore } from '../catalogue/catalogue.store.js';
import type { Clock } from '../clock.js';
import { holidaysBetween } from '../holidays.js';
import type { Db } from '../db/database.js';

interface UseRow {
  start_ms: number;
  end_ms: number;
  state: ReservationState;
  checked_in_at: number | null;
  ended_at: number | null;
  kind: SpaceKind;
  zone_id: number | null;
  user_id: number;
  space_id: number;
  code: string;
  name: string;
}

const usesOf = (db: Db, locationId: number, from: number, to: number) =>
  db
    .prepare<[number, number, number], UseRow>(
      `SELECT r.start_ms, r.end_ms, r.state, r.checked_in_at, r.ended_at, s.kind, s.zone_id, r.user_id, s.id AS space_id, s.code, s.name
       FROM reservations r JOIN spaces s ON s.id = r.space_id
       WHERE s.location_id = ? AND r.start_ms >= ? AND r.start_ms < ? AND r.state <> 'cancelled'`,
    )
    .all(locationId, from, to);

const weekdayNames: readonly ReportWeekday[] = ['ma', 'di', 'wo', 'do', 'vr'];
const HOURS = Array.from({ length: 16 }, (_, i) => 7 + i); // 07:00 to 23:00


const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * A figure and the number of distinct people it is computed from: shown only when they are at
 * least MIN_GROUP_SIZE. A 0 from nobody is hidden too, or "< 5 personen" would tell 1 to 4
 * apart from none, and a 0 at a small location says who stayed away.
 */
const figure = (value: number, people: number): ReportFigure => (people >= MIN_GROUP_SIZE ? value : null);
const union = (sets: Iterable<ReadonlySet<number>>): Set<number> => {
  const all = new Set<number>();
  for (const s of sets) for (const p of s) all.add(p);
  return all;
};
const weekdayOf = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay();

/** Reservations and check-ins of some group of uses, with the people behind each. */
class Tally {
  reservations = 0;
  checkedIn = 0;
  readonly reservers = new Set<number>();
  readonly present = new Set<number>();
  add(u: UseRow): void {
    this.reservations++;
    this.reservers.add(u.user_id);
    if (u.checked_in_at === null) return;
    this.checkedIn++;
    this.present.add(u.user_id);
  }
}

export function referenceOccupancy(d: { db: Db; catalogue: CatalogueStore; clock: Clock }, locationId: number, from: string, to: string): OccupancyReportDto {
  const location = d.catalogue.location(locationId);
  if (!location) throw new DomainError('not_found', 'no such location');
  if (!(to >= from) || addDaysToDate(from, 370) < to) throw new DomainError('invalid_interval', 'from must not be after to, at most a year apart');
  const tz = location.timezone;
  const spaces = d.catalogue.spaces(locationId);
  const desks = spaces.filter((s) => s.kind === 'desk').length;

  // The holidays the location is closed on are no workdays (as the service has them).
  const closedHolidays = location.policy.closedOnHolidays ? holidaysBetween(from, to) : [];
  const closed = new Set(closedHolidays.map((h) => h.date));
  const days: string[] = [];
  for (let day = from; day <= to; day = addDaysToDate(day, 1)) {
    const wd = weekdayOf(day);
    if (wd !== 0 && wd !== 6 && !closed.has(day)) days.push(day);
  }
  const perDay = new Map(days.map((day) => [day, new Tally()]));
  // Only uses on the report's workdays count, everywhere: a weekend use in the kinds but not
  // in the weekdays would come back as the difference between the two.
  const everyDay = usesOf(d.db, locationId, localToInstant(from, '00:00', tz), localToInstant(addDaysToDate(to, 1), '00:00', tz));
  const uses = everyDay.filter((u) => perDay.has(localDate(u.start_ms, tz)));

  const hourly = new Map(HOURS.map((h) => [h, { count: 0, people: new Set<number>() }]));
  const people = new Set<number>();
  for (const u of uses) {
    if (u.kind !== 'desk') continue;
    const date = localDate(u.start_ms, tz);
    perDay.get(date)!.add(u);
    if (u.checked_in_at === null) continue;
    people.add(u.user_id);
    // A sweep that completes the reservation late stamps ended_at then; the use ends by end_ms.
    const until = Math.min(u.ended_at ?? u.end_ms, u.end_ms);
    for (const h of HOURS) {
      const slot = localToInstant(date, `${String(h).padStart(2, '0')}:30`, tz);
      if (u.checked_in_at > slot || slot >= until) continue;
      const at = hourly.get(h)!;
      at.count++;
      at.people.add(u.user_id);
    }
  }

  const percentOf = (date: string) => (desks === 0 ? 0 : round1((100 * perDay.get(date)!.checkedIn) / desks));
  const dayFigure = (date: string) => figure(percentOf(date), perDay.get(date)!.present.size);
  const ranked = [...days].sort((a, b) => perDay.get(b)!.checkedIn - perDay.get(a)!.checkedIn || a.localeCompare(b));
  // The busiest and the quietest day are that day's figure: shown only when that day's is.
  const extreme = (date: string | undefined) => (date === undefined || dayFigure(date) === null ? null : { date, checkedIn: perDay.get(date)!.checkedIn });

  const finished = uses.filter((u) => u.state !== 'booked' || u.start_ms < d.clock.now());
  const noShows = finished.filter((u) => u.state === 'no_show').length;

  const byKind = new Map<SpaceKind, Tally>();
  const byZone = new Map<number | null, Tally>();
  for (const u of uses) {
    if (!byKind.has(u.kind)) byKind.set(u.kind, new Tally());
    byKind.get(u.kind)!.add(u);
    if (!byZone.has(u.zone_id)) byZone.set(u.zone_id, new Tally());
    byZone.get(u.zone_id)!.add(u);
  }
  const tallied = (t = new Tally()) => ({ reservations: figure(t.reservations, t.reservers.size), checkedIn: figure(t.checkedIn, t.present.size) });
  // Every kind and zone the location has gets a row, used or not, so a missing row tells
  // nothing. A retired one only has a row when it has a figure to show: all suppressed, its
  // row would still tell that someone used it.
  const worthARow = (listed: boolean, t: Tally | undefined) => listed || (t !== undefined && (t.reservers.size >= MIN_GROUP_SIZE || t.present.size >= MIN_GROUP_SIZE));
  const kinds = spaceKinds
    .filter((kind) => worthARow(spaces.some((s) => s.kind === kind), byKind.get(kind)))
    .map((kind) => ({ kind, ...tallied(byKind.get(kind)) }));
  const activeZones = d.catalogue.zones(locationId);
  const zoneIds = [...activeZones.map((z) => z.id), ...[...byZone.keys()].filter((id): id is number => id !== null && !activeZones.some((z) => z.id === id))];
  const zones = [
    ...zoneIds
      .filter((id) => worthARow(activeZones.some((z) => z.id === id), byZone.get(id)))
      .map((zoneId) => ({ zoneId, name: (activeZones.find((z) => z.id === zoneId) ?? d.catalogue.zone(zoneId))?.name ?? null, ...tallied(byZone.get(zoneId)) })),
    ...(worthARow(spaces.some((s) => s.zoneId === null), byZone.get(null)) ? [{ zoneId: null, name: null, ...tallied(byZone.get(null)) }] : []),
  ];

  const weeks = new Map<string, string[]>();
  for (const date of days) {
    const monday = addDaysToDate(date, 1 - weekdayOf(date));
    weeks.set(monday, [...(weeks.get(monday) ?? []), date]);
  }

  // Peaks: on each day, desks and rooms apart, the uses present at every report half hour.
  const pad = (h: number) => String(h).padStart(2, '0');
  const peakOf = (date: string, desks: boolean) => {
    const ofDay = uses.filter((u) => u.checked_in_at !== null && (u.kind === 'desk') === desks && localDate(u.start_ms, tz) === date);
    const at = HOURS.map((h) => {
      const slot = localToInstant(date, `${pad(h)}:30`, tz);
      const here = ofDay.filter((u) => u.checked_in_at! <= slot && slot < Math.min(u.ended_at ?? u.end_ms, u.end_ms));
      return { n: here.length, people: new Set(here.map((u) => u.user_id)).size };
    });
    let best = 0;
    at.forEach((x, i) => x.n > at[best]!.n && (best = i));
    return { inUse: at[best]!.n, figure: at[best]!.people >= MIN_GROUP_SIZE ? { inUse: at[best]!.n, at: `${pad(HOURS[best]!)}:30` } : null };
  };
  const peaks = days.map((date) => ({ date, desks: peakOf(date, true), rooms: peakOf(date, false) }));
  const largest = (group: 'desks' | 'rooms') => {
    let top: (typeof peaks)[number] | undefined;
    for (const p of peaks) if (!top || p[group].inUse > top[group].inUse) top = p;
    return top && top[group].figure ? { date: top.date, ...top[group].figure } : null;
  };

  // Per room: every use of it, the people behind each figure counted in full.
  const roomRow = (room: { id: number; code: string; name: string; kind: SpaceKind }): ReportRoomUse => {
    const of = uses.filter((u) => u.space_id === room.id);
    const present = of.filter((u) => u.checked_in_at !== null);
    const done = of.filter((u) => u.state !== 'booked' || u.start_ms < d.clock.now());
    const people = (xs: UseRow[]) => new Set(xs.map((u) => u.user_id)).size;
    const h = (ms: number) => round1(ms / 3_600_000);
    const noShows = done.filter((u) => u.state === 'no_show').length;
    return {
      spaceId: room.id,
      code: room.code,
      name: room.name,
      kind: room.kind,
      reservations: figure(of.length, people(of)),
      hoursBooked: figure(h(of.reduce((a, u) => a + u.end_ms - u.start_ms, 0)), people(of)),
      hoursUsed: figure(h(present.reduce((a, u) => a + Math.max(0, Math.min(u.ended_at ?? u.end_ms, u.end_ms) - u.checked_in_at!), 0)), people(present)),
      noShows: figure(noShows, people(done)),
      noShowRate: figure(done.length === 0 ? 0 : round1((100 * noShows) / done.length), people(done)),
    };
  };
  const listedRooms = spaces.filter((s) => s.kind !== 'desk');
  const otherRooms = new Map<number, { id: number; code: string; name: string; kind: SpaceKind }>();
  for (const u of uses) if (u.kind !== 'desk' && !listedRooms.some((s) => s.id === u.space_id)) otherRooms.set(u.space_id, { id: u.space_id, code: u.code, name: u.name, kind: u.kind });
  const roomUse = [
    ...listedRooms.map(roomRow),
    ...[...otherRooms.values()].map(roomRow).filter((r) => r.reservations !== null || r.hoursUsed !== null || r.noShows !== null),
  ].sort((a, b) => {
    if ((a.hoursUsed === null) !== (b.hoursUsed === null)) return a.hoursUsed === null ? 1 : -1;
    return (b.hoursUsed ?? 0) - (a.hoursUsed ?? 0) || (a.code < b.code ? -1 : a.code > b.code ? 1 : a.spaceId - b.spaceId);
  });

  const enoughPeople = people.size >= MIN_GROUP_SIZE;
  return {
    locationId,
    from,
    to,
    minGroupSize: MIN_GROUP_SIZE,
    desks,
    workdays: days.length,
    noReservations: everyDay.length === 0,
    closedHolidays,
    weekdays: weekdayNames.map((weekday, i) => {
      const ofDay = days.filter((date) => weekdayOf(date) === i + 1).map((date) => perDay.get(date)!);
      const avg = (n: number) => (ofDay.length === 0 ? 0 : round1(n / ofDay.length));
      return {
        weekday,
        days: ofDay.length,
        reserved: figure(avg(ofDay.reduce((a, x) => a + x.reservations, 0)), union(ofDay.map((x) => x.reservers)).size),
        checkedIn: figure(avg(ofDay.reduce((a, x) => a + x.checkedIn, 0)), union(ofDay.map((x) => x.present)).size),
        desks,
      };
    }),
    hours: HOURS.map((hour) => ({ hour, checkedIn: figure(days.length === 0 ? 0 : round1(hourly.get(hour)!.count / days.length), hourly.get(hour)!.people.size) })),
    peak: extreme(ranked[0]),
    trough: extreme(ranked.at(-1)),
    noShowRate: figure(finished.length === 0 ? 0 : round1((100 * noShows) / finished.length), new Set(finished.map((u) => u.user_id)).size),
    kinds,
    zones,
    flexRatio: enoughPeople ? Math.round((desks / people.size) * 100) / 100 : null,
    people: enoughPeople ? people.size : null,
    weeks: [...weeks.entries()].map(([week, dates]) => {
      const percent = Object.fromEntries(dates.map((date) => [weekdayNames[weekdayOf(date) - 1]!, dayFigure(date)]));
      // The month of the week's Thursday (ISO 8601); a spread only for a week from its Monday to
      // its Friday in range. Said apart from the service's way (its count of days) on purpose.
      const thursday = new Date(Date.parse(`${week}T12:00:00Z`) + 3 * 86_400_000);
      const month = `${thursday.getUTCFullYear()}-${String(thursday.getUTCMonth() + 1).padStart(2, '0')}`;
      if (week < from || addDaysToDate(week, 4) > to) return { week, month, percent };
      // The spread is computed from every day of the week: with one day hidden it would give
      // that day back against the busiest one.
      const spread = dates.some((date) => dayFigure(date) === null) ? null : round1(Math.max(...dates.map(percentOf)) - Math.min(...dates.map(percentOf)));
      return { week, month, percent, spread };
    }),
    rooms: listedRooms.length,
    peaks: peaks.map((p) => ({ date: p.date, desks: p.desks.figure, rooms: p.rooms.figure })),
    peakAtOnce: { desks: largest('desks'), rooms: largest('rooms') },
    roomUse,
  };
}
