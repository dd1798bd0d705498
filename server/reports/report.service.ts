import type { OccupancyReportDto, ReportFigure, ReportWeekday } from '../../shared/api.js';
import { DomainError } from '../../shared/errors.js';
import { translate, type Language, type MessageKey } from '../../shared/i18n-all.js';
import { MIN_GROUP_SIZE, OCCUPANCY_HOURS, type OccupancyPart } from '../../shared/rules.js';
import { addDaysToDate, localToInstant } from '../../shared/time.js';
import { spaceKinds, type SpaceKind, type Weekday } from '../../shared/types.js';
import type { AuditStore } from '../audit/audit.store.js';
import type { CatalogueStore } from '../catalogue/catalogue.store.js';
import type { Clock } from '../clock.js';
import type { Actor } from '../domain.js';
import { toCsv } from '../csv.js';
import type { DayCell, PeopleFilter, ReportStore } from './report.store.js';

interface Deps {
  reports: ReportStore;
  /** When set, reports are computed there and this thread's requests never wait for one. */
  worker?: OccupancyRunner | null;
  catalogue: CatalogueStore;
  audit: AuditStore;
  clock: Clock;
}

const weekdayNames: readonly ReportWeekday[] = ['ma', 'di', 'wo', 'do', 'vr'];
const weekdayKeys: Record<ReportWeekday, Weekday> = { ma: 'mon', di: 'tue', wo: 'wed', do: 'thu', vr: 'fri' };

export type OccupancyReport = OccupancyReportDto;

const round1 = (n: number) => Math.round(n * 10) / 10;

const weekdayOf = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay();

/** Reservations and check-ins of some group of uses. */
class Tally {
  reservations = 0;
  checkedIn = 0;
  add(c: DayCell): void {
    this.reservations += c.reservations;
    this.checkedIn += c.checkedIn;
  }
}

/**
 * Occupancy insight for facility: aggregates only, over the workdays in range. The counts come
 * from occupancy_days (kept per local day by the database's triggers); the distinct people behind
 * every figure are counted in SQL only as far as needed to tell whether they reach the works
 * council's MIN_GROUP_SIZE, and the figure is suppressed (null) when not. No user id reaches
 * this service.
 */
export function createReportService(d: Deps) {
  return {
    async occupancy(actor: Actor, locationId: number, from: string, to: string): Promise<OccupancyReport> {
      const location = d.catalogue.location(locationId);
      if (!location) throw new DomainError('not_found', 'no such location');
      if (!(to >= from) || addDaysToDate(from, 370) < to) throw new DomainError('invalid_interval', 'from must not be after to, at most a year apart');
      const spaces = d.catalogue.spaces(locationId);
      const input: OccupancyInput = {
        locationId,
        from,
        to,
        now: d.clock.now(),
        tz: location.timezone,
        desks: spaces.filter((s) => s.kind === 'desk').length,
        listedKinds: spaceKinds.filter((kind) => spaces.some((s) => s.kind === kind)),
        activeZones: d.catalogue.zones(locationId).map((z) => ({ id: z.id, name: z.name })),
        noZoneListed: spaces.some((s) => s.zoneId === null),
      };
      const report = d.worker ? await d.worker.occupancy(input) : computeOccupancy(d.reports, input);
      d.audit.record({ actor: `u:${actor.id}`, action: 'report.occupancy', object: `location:${locationId}`, result: 'ok', details: { from, to } }, d.clock.now());
      // A retired zone's name, from the catalogue the computation does not have.
      return { ...report, zones: report.zones.map((z) => (z.zoneId !== null && z.name === null ? { ...z, name: d.catalogue.zone(z.zoneId)?.name ?? null } : z)) };
    },

    /**
     * The report as CSV in the words of `lang`: one row per weekday, hour, kind, zone and week,
     * then the totals; suppressed figures say so. Averages keep their decimals (written with a
     * decimal comma by toCsv, so Dutch Excel reads them as numbers).
     */
    async occupancyCsv(actor: Actor, locationId: number, from: string, to: string, lang: Language, part?: OccupancyPart): Promise<string> {
      const r = await this.occupancy(actor, locationId, from, to);
      const tr = (key: MessageKey) => translate(lang, key);
      const tooFew = tr('occupancy.tooFew');
      const f = (v: ReportFigure) => v ?? tooFew;
      const rows: (string | number | null)[][] = [];
      // A weekday with no day in range has nothing to hide: its cells stay empty.
      const want = (p: OccupancyPart) => part === undefined || part === p;
      if (want('weekdays')) for (const w of r.weekdays) rows.push([tr('occupancyCsv.weekday'), tr(`weekday.${weekdayKeys[w.weekday]}`), w.days === 0 ? null : f(w.reserved), w.days === 0 ? null : f(w.checkedIn), w.desks]);
      if (want('hours')) for (const h of r.hours) rows.push([tr('occupancyCsv.hour'), `${String(h.hour).padStart(2, '0')}:00`, null, f(h.checkedIn), r.desks]);
      if (part === undefined) for (const k of r.kinds) rows.push([tr('occupancyCsv.kind'), tr(`kind.${k.kind}`), f(k.reservations), f(k.checkedIn), null]);
      if (part === undefined) for (const z of r.zones) rows.push([tr('occupancyCsv.zone'), z.name ?? tr('occupancy.noZone'), f(z.reservations), f(z.checkedIn), null]);
      if (want('spread')) for (const w of r.weeks) rows.push([tr('occupancyCsv.spread'), w.week, null, w.spread === undefined ? null : f(w.spread), null]);
      if (part === undefined) {
        rows.push([tr('occupancyCsv.peak'), r.peak?.date ?? tooFew, null, r.peak?.checkedIn ?? tooFew, r.desks]);
        rows.push([tr('occupancyCsv.trough'), r.trough?.date ?? tooFew, null, r.trough?.checkedIn ?? tooFew, r.desks]);
        rows.push([tr('occupancyCsv.noShow'), null, f(r.noShowRate), null, null]);
        rows.push([tr('occupancyCsv.flex'), null, f(r.flexRatio), null, null]);
      }
      return toCsv(rows, (['group', 'value', 'reserved', 'checkedIn', 'desks'] as const).map((k) => tr(`occupancyCsv.${k}`)));
    },
  };
}

/** What the computation needs from the catalogue, so it can run on a connection of its own. */
export interface OccupancyInput {
  locationId: number;
  from: string;
  to: string;
  now: number;
  tz: string;
  desks: number;
  /** The kinds and zones the location has now: they get a row, used or not. */
  listedKinds: SpaceKind[];
  activeZones: { id: number; name: string }[];
  noZoneListed: boolean;
}

/** Runs computeOccupancy elsewhere (a worker thread with its own read connection). */
export interface OccupancyRunner {
  occupancy(input: OccupancyInput): Promise<OccupancyReport>;
}

/**
 * Occupancy insight for facility: aggregates only, over the workdays in range. The counts come
 * from occupancy_days (kept per local day by the database's triggers); the distinct people behind
 * every figure are counted in SQL only as far as needed to tell whether they reach the works
 * council's MIN_GROUP_SIZE, and the figure is suppressed (null) when not. No user id reaches
 * this function. A retired zone's name is left null for the caller.
 */
export function computeOccupancy(reports: ReportStore, input: OccupancyInput): OccupancyReport {
  const { locationId, from, to, now, tz, desks } = input;
  const days: string[] = [];
  for (let day = from; day <= to; day = addDaysToDate(day, 1)) {
    const wd = weekdayOf(day);
    if (wd !== 0 && wd !== 6) days.push(day);
  }
  const perDay = new Map(days.map((day) => [day, new Tally()]));
  const lo = localToInstant(from, '00:00', tz);
  const hi = localToInstant(addDaysToDate(to, 1), '00:00', tz);
  const dayRange = (date: string) => ({ from: localToInstant(date, '00:00', tz), to: localToInstant(addDaysToDate(date, 1), '00:00', tz) });
  // Only uses on the report's workdays count, everywhere: a weekend use in the kinds but not
  // in the weekdays would come back as the difference between the two.
  const cells = reports.cells(locationId, from, to).filter((c) => perDay.has(c.day));
  const range = { from: lo, to: hi, tz, days };
  /**
   * At least MIN_GROUP_SIZE distinct people behind the uses `f` picks (`count` of them, which
   * bounds the people). A 0 from nobody is hidden too, or "te weinig gegevens" would tell 1 to
   * 4 apart from none, and a 0 at a small location says who stayed away.
   */
  const enough = (count: number, f: Omit<PeopleFilter, 'from' | 'to' | 'tz'> & Partial<PeopleFilter>) =>
    count >= MIN_GROUP_SIZE && reports.people(locationId, { ...range, ...f }, MIN_GROUP_SIZE) >= MIN_GROUP_SIZE;

  const hourly = OCCUPANCY_HOURS.map(() => 0);
  const byKind = new Map<SpaceKind, Tally>();
  const byZone = new Map<number | null, Tally>();
  let total = 0;
  let noShows = 0;
  for (const c of cells) {
    total += c.reservations;
    noShows += c.noShows;
    if (!byKind.has(c.kind)) byKind.set(c.kind, new Tally());
    byKind.get(c.kind)!.add(c);
    if (!byZone.has(c.zoneId)) byZone.set(c.zoneId, new Tally());
    byZone.get(c.zoneId)!.add(c);
    if (c.kind !== 'desk') continue;
    perDay.get(c.day)!.add(c);
    c.hours.forEach((n, i) => (hourly[i]! += n));
  }
  const presentOnDay = new Map(
    days.map((date) => {
      const { from: start, to: end } = dayRange(date);
      return [date, perDay.get(date)!.checkedIn >= MIN_GROUP_SIZE && reports.presentAtDesks(locationId, start, end, MIN_GROUP_SIZE) >= MIN_GROUP_SIZE];
    }),
  );

  const percentOf = (date: string) => (desks === 0 ? 0 : round1((100 * perDay.get(date)!.checkedIn) / desks));
  const dayFigure = (date: string): ReportFigure => (presentOnDay.get(date) ? percentOf(date) : null);
  const ranked = [...days].sort((a, b) => perDay.get(b)!.checkedIn - perDay.get(a)!.checkedIn || a.localeCompare(b));
  // The busiest and the quietest day are that day's figure: shown only when that day's is.
  const extreme = (date: string | undefined) => (date === undefined || dayFigure(date) === null ? null : { date, checkedIn: perDay.get(date)!.checkedIn });

  const finished = total - (now < hi ? reports.bookedAhead(locationId, Math.max(now, lo), hi, tz, days) : 0);

  // A figure of a group is shown when its people reach the minimum; a group of no use has
  // no row of its own, and one with fewer uses than the minimum cannot have enough people.
  const tallied = (t: Tally | undefined, f: { kind?: SpaceKind; zoneId?: number | null }) => {
    const reservers = t !== undefined && enough(t.reservations, f);
    const present = t !== undefined && enough(t.checkedIn, { ...f, checkedIn: true });
    return { reservers, present, figures: { reservations: reservers ? t.reservations : null, checkedIn: present ? t.checkedIn : null } };
  };
  // Every kind and zone the location has gets a row, used or not, so a missing row tells
  // nothing. A retired one only has a row when it has a figure to show: all suppressed, its
  // row would still tell that someone used it.
  const worthARow = (listed: boolean, t: { reservers: boolean; present: boolean }) => listed || t.reservers || t.present;
  const kinds = spaceKinds
    .map((kind) => ({ kind, t: tallied(byKind.get(kind), { kind }) }))
    .filter(({ kind, t }) => worthARow(input.listedKinds.includes(kind), t))
    .map(({ kind, t }) => ({ kind, ...t.figures }));
  const activeZones = input.activeZones;
  const zoneIds = [...activeZones.map((z) => z.id), ...[...byZone.keys()].filter((id): id is number => id !== null && !activeZones.some((z) => z.id === id)).sort((a, b) => a - b)];
  const noZone = tallied(byZone.get(null), { zoneId: null });
  const zones = [
    ...zoneIds
      .map((zoneId) => ({ zoneId, t: tallied(byZone.get(zoneId), { zoneId }) }))
      .filter(({ zoneId, t }) => worthARow(activeZones.some((z) => z.id === zoneId), t))
      .map(({ zoneId, t }) => ({ zoneId, name: activeZones.find((z) => z.id === zoneId)?.name ?? null, ...t.figures })),
    ...(worthARow(input.noZoneListed, noZone) ? [{ zoneId: null, name: null, ...noZone.figures }] : []),
  ];

  const weeks = new Map<string, string[]>();
  for (const date of days) {
    const monday = addDaysToDate(date, 1 - weekdayOf(date));
    weeks.set(monday, [...(weeks.get(monday) ?? []), date]);
  }

  // An hour with fewer uses than the minimum cannot have enough people: only the others are asked.
  const busyHours = OCCUPANCY_HOURS.map((_, i) => i).filter((i) => hourly[i]! >= MIN_GROUP_SIZE);
  const presentAt = busyHours.length === 0 ? new Map<number, boolean>() : reports.presentAtHours(locationId, lo, hi, tz, days, busyHours, MIN_GROUP_SIZE);
  const deskCheckIns = days.reduce((a, date) => a + perDay.get(date)!.checkedIn, 0);
  const people = deskCheckIns < MIN_GROUP_SIZE ? 0 : reports.deskPeople(locationId, lo, hi, tz, days, deskCheckIns);
  const enoughPeople = people >= MIN_GROUP_SIZE;
  return {
    locationId,
    from,
    to,
    minGroupSize: MIN_GROUP_SIZE,
    desks,
    workdays: days.length,
    weekdays: weekdayNames.map((weekday, i) => {
      const dates = days.filter((date) => weekdayOf(date) === i + 1);
      const ofDay = dates.map((date) => perDay.get(date)!);
      const avg = (n: number) => (ofDay.length === 0 ? 0 : round1(n / ofDay.length));
      const reservations = ofDay.reduce((a, x) => a + x.reservations, 0);
      const checkedIn = ofDay.reduce((a, x) => a + x.checkedIn, 0);
      return {
        weekday,
        days: ofDay.length,
        reserved: enough(reservations, { kind: 'desk', days: dates }) ? avg(reservations) : null,
        // One day with enough people present is enough for all days of its weekday together.
        checkedIn: dates.some((date) => presentOnDay.get(date)) || enough(checkedIn, { kind: 'desk', checkedIn: true, days: dates }) ? avg(checkedIn) : null,
        desks,
      };
    }),
    hours: OCCUPANCY_HOURS.map((hour, i) => ({
      hour,
      checkedIn: presentAt.get(i) ? round1(hourly[i]! / days.length) : null,
    })),
    peak: extreme(ranked[0]),
    trough: extreme(ranked.at(-1)),
    noShowRate: enough(finished, { finishedBy: now }) ? round1((100 * noShows) / finished) : null,
    kinds,
    zones,
    flexRatio: enoughPeople ? Math.round((desks / people) * 100) / 100 : null,
    people: enoughPeople ? people : null,
    weeks: [...weeks.entries()].map(([week, dates]) => {
      const percent = Object.fromEntries(dates.map((date) => [weekdayNames[weekdayOf(date) - 1]!, dayFigure(date)]));
      if (dates.length < 2) return { week, percent };
      // The spread is computed from every day of the week: with one day hidden it would give
      // that day back against the busiest one.
      const spread = dates.some((date) => dayFigure(date) === null) ? null : round1(Math.max(...dates.map(percentOf)) - Math.min(...dates.map(percentOf)));
      return { week, percent, spread };
    }),
  };
}

export type ReportService = ReturnType<typeof createReportService>;
