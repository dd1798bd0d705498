import type { OccupancyReportDto, ReportFigure, ReportPeak, ReportPeakDay, ReportRoomUse, ReportWeekday } from '../../shared/api.js';
import { DomainError } from '../../shared/errors.js';
import { translate, type Language, type MessageKey } from '../../shared/i18n-all.js';
import { MIN_GROUP_SIZE, OCCUPANCY_HOURS, spreadByMonth, type OccupancyPart } from '../../shared/rules.js';
import { addDaysToDate, localToInstant } from '../../shared/time.js';
import { spaceKinds, type Holiday, type SpaceKind, type Weekday } from '../../shared/types.js';
import type { AuditStore } from '../audit/audit.store.js';
import type { CatalogueStore } from '../catalogue/catalogue.store.js';
import type { Clock } from '../clock.js';
import { locationHolidays } from '../holidays.js';
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
        rooms: spaces.filter((s) => s.kind !== 'desk').map((s) => ({ id: s.id, code: s.code, name: s.name, kind: s.kind })),
        listedKinds: spaceKinds.filter((kind) => spaces.some((s) => s.kind === kind)),
        activeZones: d.catalogue.zones(locationId).map((z) => ({ id: z.id, name: z.name })),
        noZoneListed: spaces.some((s) => s.zoneId === null),
        closedHolidays: locationHolidays(location, from, to)
          .filter((h) => h.closed)
          .map((h) => ({ date: h.date, name: h.name })),
      };
      const report = d.worker ? await d.worker.occupancy(input) : computeOccupancy(d.reports, input);
      d.audit.record({ actor: `u:${actor.id}`, action: 'report.occupancy', object: `location:${locationId}`, result: 'ok', details: { from, to } }, d.clock.now());
      // A retired zone's name, from the catalogue the computation does not have.
      return { ...report, zones: report.zones.map((z) => (z.zoneId !== null && z.name === null ? { ...z, name: d.catalogue.zone(z.zoneId)?.name ?? null } : z)) };
    },

    /**
     * The report as CSV in the words of `lang`. The whole report is a run of sections, each with
     * a header row of its own (the section's name in the first column, then its columns), so
     * every figure stands under a header that names it: weekdays, hours, kinds, zones, the
     * spread per week and per month, the busiest and quietest day, the period's totals, the peaks per day and
     * the use per room. ?part=weekdays|hours|spread|peaks|rooms is that one section as a plain
     * table (without the section column); ?part=compare every location side by side, as the
     * page's comparison table. Averages keep their decimals (written with a decimal comma by
     * toCsv, so Dutch Excel reads them as numbers); suppressed figures say so.
     */
    async occupancyCsv(actor: Actor, locationId: number, from: string, to: string, lang: Language, part?: OccupancyPart): Promise<string> {
      const tr = (key: MessageKey, vars?: Record<string, string | number>) => translate(lang, key, vars);
      if (part === 'compare') return this.compareCsv(actor, locationId, from, to, lang);
      const r = await this.occupancy(actor, locationId, from, to);
      const sections = occupancySections(r, lang);
      if (part !== undefined) {
        const one = sections.find((s) => s.part === part)!;
        return toCsv(one.rows.map(([, ...cells]) => cells), one.columns);
      }
      // One BOM for the file; an empty line between sections, so Calc shows them apart.
      return sections.map((s, i) => toCsv([...s.rows, ...(s.fullOnly ?? [])], [tr('occupancyCsv.section'), ...s.columns]).slice(i === 0 ? 0 : 1)).join('\r\n');
    },

    /**
     * Every location (the active ones, as the page lists them) over the same range: its desks,
     * per weekday the desks checked in on average as a percentage of its desks (rounded as the
     * page does), and its no-show rate. A weekday without a day in range, or a location without
     * desks, has an empty cell: there is nothing to hide.
     */
    async compareCsv(actor: Actor, locationId: number, from: string, to: string, lang: Language): Promise<string> {
      if (!d.catalogue.location(locationId)) throw new DomainError('not_found', 'no such location');
      const tr = (key: MessageKey, vars?: Record<string, string | number>) => translate(lang, key, vars);
      const tooFew = tr('occupancy.tooFew');
      const rows: (string | number | null)[][] = [];
      for (const l of d.catalogue.locations()) {
        const r = await this.occupancy(actor, l.id, from, to);
        // A location nobody reserved at has 0 % (which identifies nobody) and no no-show rate, as on the page.
        const percent = (w: OccupancyReport['weekdays'][number]) =>
          w.days === 0 || r.desks === 0 ? null : r.noReservations ? 0 : w.checkedIn === null ? tooFew : Math.round((100 * w.checkedIn) / r.desks);
        rows.push([l.name, r.desks, ...r.weekdays.map(percent), r.noReservations ? null : (r.noShowRate ?? tooFew)]);
      }
      const days = weekdayNames.map((w) => tr('occupancyCsv.dayPercent', { day: tr(`weekday.${weekdayKeys[w]}`) }));
      return toCsv(rows, [tr('occupancyCsv.location'), tr('occupancyCsv.desks'), ...days, tr('occupancyCsv.noShow')]);
    },
  };
}

type CsvCell = string | number | null;
/** A section of the occupancy CSV: its rows start with the section's name (the full file's first column). */
interface CsvSection {
  part?: OccupancyPart;
  columns: string[];
  rows: [string, ...CsvCell[]][];
  /** Rows only the full file has (they need its section column to say what they are). */
  fullOnly?: [string, ...CsvCell[]][];
}

/** The report's CSV sections in the words of `lang`, each with the columns that name its figures. */
function occupancySections(r: OccupancyReport, lang: Language): CsvSection[] {
  const tr = (key: MessageKey, vars?: Record<string, string | number>) => translate(lang, key, vars);
  // A range without a workday (a weekend) has nothing to hide: its cells stay empty, as a
  // weekday out of range does, rather than blame too few people for a range with no days.
  const tooFew = r.workdays === 0 ? null : tr('occupancy.tooFew');
  const f = (v: ReportFigure) => v ?? tooFew;
  const cols = (...keys: string[]) => keys.map((k) => tr(`occupancyCsv.${k}` as MessageKey));
  const dayName = (w: ReportWeekday) => tr(`weekday.${weekdayKeys[w]}`);
  const weekday = tr('occupancyCsv.weekday');
  const hour = tr('occupancyCsv.hour');
  const kind = tr('occupancyCsv.kind');
  const zone = tr('occupancyCsv.zone');
  const spread = tr('occupancyCsv.spread');
  const spreadMonth = tr('occupancyCsv.spreadMonth');
  const peaksPerDay = tr('occupancyCsv.peaksPerDay');
  const roomUse = tr('occupancyCsv.roomUse');
  const totals = tr('occupancyCsv.totals');
  const most = r.peakAtOnce;
  return [
    // A weekday with no day in range has nothing to hide: its cells stay empty.
    {
      part: 'weekdays',
      columns: cols('weekday', 'reservedAvg', 'checkedInAvg', 'desks'),
      rows: r.weekdays.map((w) => [weekday, dayName(w.weekday), w.days === 0 ? null : f(w.reserved), w.days === 0 ? null : f(w.checkedIn), w.desks]),
    },
    { part: 'hours', columns: cols('hour', 'checkedInAvg', 'desks'), rows: r.hours.map((h) => [hour, `${String(h.hour).padStart(2, '0')}:00`, f(h.checkedIn), r.desks]) },
    { columns: cols('kind', 'reservations', 'checkIns'), rows: r.kinds.map((k) => [kind, tr(`kind.${k.kind}`), f(k.reservations), f(k.checkedIn)]) },
    { columns: cols('zone', 'reservations', 'checkIns'), rows: r.zones.map((z) => [zone, z.name ?? tr('occupancy.noZone'), f(z.reservations), f(z.checkedIn)]) },
    // A day out of range and a partial week's spread (none: see computeOccupancy) stay empty.
    {
      part: 'spread',
      columns: [tr('occupancyCsv.week'), tr('occupancyCsv.month'), ...weekdayNames.map((w) => tr('occupancyCsv.dayPercent', { day: dayName(w) })), tr('occupancyCsv.spreadPoints')],
      rows: r.weeks.map((w) => [spread, w.week, w.month, ...weekdayNames.map((d) => (w.percent[d] === undefined ? null : f(w.percent[d]!))), w.spread === undefined ? null : f(w.spread)]),
    },
    // As the page's table of months: only whole weeks, each in the month of its Thursday.
    { columns: cols('month', 'spreadPoints', 'weeksShown'), rows: spreadByMonth(r.weeks).map((m) => [spreadMonth, m.month, f(m.spread), m.weeks]) },
    {
      columns: cols('date', 'checkedIn', 'desks'),
      rows: [
        [tr('occupancyCsv.peak'), r.peak?.date ?? tooFew, r.peak?.checkedIn ?? tooFew, r.desks],
        [tr('occupancyCsv.trough'), r.trough?.date ?? tooFew, r.trough?.checkedIn ?? tooFew, r.desks],
      ],
    },
    { columns: cols('noShow', 'flex', 'people'), rows: [[totals, f(r.noShowRate), f(r.flexRatio), f(r.people)]] },
    {
      part: 'peaks',
      columns: cols('date', 'desksAtOnce', 'at', 'desks', 'roomsAtOnce', 'roomsAt', 'rooms'),
      rows: r.peaks.map((p) => [peaksPerDay, p.date, f(p.desks?.inUse ?? null), p.desks?.at ?? null, r.desks, f(p.rooms?.inUse ?? null), p.rooms?.at ?? null, r.rooms]),
      // The range's largest, each on its own row: the desks' beside the desks, the rooms' beside the rooms.
      fullOnly: [
        [tr('occupancyCsv.peakDesksMax'), most.desks?.date ?? tooFew, most.desks?.inUse ?? tooFew, most.desks?.at ?? null, r.desks, null, null, null],
        [tr('occupancyCsv.peakRoomsMax', { n: r.rooms }), most.rooms?.date ?? tooFew, null, null, null, most.rooms?.inUse ?? tooFew, most.rooms?.at ?? null, r.rooms],
      ],
    },
    {
      part: 'rooms',
      columns: cols('room', 'name', 'kind', 'reservations', 'hoursBooked', 'hoursUsed', 'noShows', 'noShow'),
      rows: r.roomUse.map((x) => [roomUse, x.code, x.name, tr(`kind.${x.kind}`), f(x.reservations), f(x.hoursBooked), f(x.hoursUsed), f(x.noShows), f(x.noShowRate)]),
    },
  ];
}

/** What the computation needs from the catalogue, so it can run on a connection of its own. */
export interface OccupancyInput {
  locationId: number;
  from: string;
  to: string;
  now: number;
  tz: string;
  desks: number;
  /** The location's rooms now (every kind but desk), by code: each gets a row, used or not. */
  rooms: { id: number; code: string; name: string; kind: SpaceKind }[];
  /** The kinds and zones the location has now: they get a row, used or not. */
  listedKinds: SpaceKind[];
  activeZones: { id: number; name: string }[];
  noZoneListed: boolean;
  /**
   * The public holidays in range the location is closed on (its policy's closedOnHolidays): no
   * workdays, or Koningsdag would count as a Monday nobody came and pull Monday's average down.
   * Their names go back in the report, for the page to say which holiday a range is.
   */
  closedHolidays?: readonly Holiday[];
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
  const closedHolidays = [...(input.closedHolidays ?? [])];
  const closed = new Set(closedHolidays.map((h) => h.date));
  const days: string[] = [];
  for (let day = from; day <= to; day = addDaysToDate(day, 1)) {
    const wd = weekdayOf(day);
    if (wd !== 0 && wd !== 6 && !closed.has(day)) days.push(day);
  }
  const perDay = new Map(days.map((day) => [day, new Tally()]));
  const lo = localToInstant(from, '00:00', tz);
  const hi = localToInstant(addDaysToDate(to, 1), '00:00', tz);
  const dayRange = (date: string) => ({ from: localToInstant(date, '00:00', tz), to: localToInstant(addDaysToDate(date, 1), '00:00', tz) });
  // Only uses on the report's workdays count, everywhere: a weekend use in the kinds but not
  // in the weekdays would come back as the difference between the two.
  const everyDay = reports.cells(locationId, from, to);
  const cells = everyDay.filter((c) => perDay.has(c.day));
  const range = { from: lo, to: hi, tz, days };
  /**
   * At least MIN_GROUP_SIZE distinct people behind the uses `f` picks (`count` of them, which
   * bounds the people). A 0 from nobody is hidden too, or "< 5 personen" would tell 1 to
   * 4 apart from none, and a 0 at a small location says who stayed away.
   */
  const enough = (count: number, f: Omit<PeopleFilter, 'from' | 'to' | 'tz'> & Partial<PeopleFilter>) =>
    count >= MIN_GROUP_SIZE && reports.people(locationId, { ...range, ...f }, MIN_GROUP_SIZE) >= MIN_GROUP_SIZE;

  const hourly = OCCUPANCY_HOURS.map(() => 0);
  // Per day, desks and rooms apart: the uses present at each report hour, for the day's peak.
  const atHour = new Map(days.map((day) => [day, { desks: OCCUPANCY_HOURS.map(() => 0), rooms: OCCUPANCY_HOURS.map(() => 0) }]));
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
    const present = atHour.get(c.day)![c.kind === 'desk' ? 'desks' : 'rooms'];
    c.hours.forEach((n, i) => (present[i]! += n));
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
  // The most desks and rooms checked in at once on each day, at the report's half hours: the
  // first half hour with the most, shown when at least the minimum of people were there then.
  const peakOf = (group: 'desks' | 'rooms') => {
    const found = days.map((date) => {
      const counts = atHour.get(date)![group];
      const inUse = Math.max(...counts);
      return { date, inUse, at: `${String(OCCUPANCY_HOURS[counts.indexOf(inUse)]!).padStart(2, '0')}:30` };
    });
    // Fewer uses than the minimum cannot have enough people: only the other days are asked.
    const asked = found.filter((p) => p.inUse >= MIN_GROUP_SIZE);
    const instants = asked.map((p): [number, number, number] => [dayRange(p.date).from, dayRange(p.date).to, localToInstant(p.date, p.at, tz)]);
    const shown = reports.presentAt(locationId, group === 'rooms', instants, MIN_GROUP_SIZE);
    const ok = new Set(asked.filter((_, i) => shown[i]).map((p) => p.date));
    return new Map(found.map((p) => [p.date, { inUse: p.inUse, figure: ok.has(p.date) ? { inUse: p.inUse, at: p.at } : null }]));
  };
  const deskPeaks = peakOf('desks');
  const roomPeaks = peakOf('rooms');
  const peaks = days.map((date) => ({ date, desks: deskPeaks.get(date)!, rooms: roomPeaks.get(date)! }));
  // The range's largest: that day's figure, shown only when that day's is.
  const largest = (group: 'desks' | 'rooms'): ReportPeakDay => {
    const top = [...peaks].sort((a, b) => b[group].inUse - a[group].inUse || a.date.localeCompare(b.date))[0];
    const figure = top?.[group].figure;
    return top && figure ? { date: top.date, ...figure } : null;
  };

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
    // Any day in range, a weekend's too: "no reservations" must hold for the whole period it names.
    noReservations: everyDay.length === 0,
    closedHolidays,
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
      // A week counts in the month of its Thursday (the ISO 8601 rule): 31 Aug – 4 Sep is
      // September's, as most of its workdays are.
      const month = addDaysToDate(week, 3).slice(0, 7);
      // Only a week from its Monday to its Friday in range has a spread: a range starting on a
      // Thursday would give that week the spread of two days, set beside weeks of five. A week
      // with a holiday the location is closed on has the spread of its other days.
      if (week < from || addDaysToDate(week, 4) > to) return { week, month, percent };
      // The spread is computed from every day of the week: with one day hidden it would give
      // that day back against the busiest one.
      const spread = dates.some((date) => dayFigure(date) === null) ? null : round1(Math.max(...dates.map(percentOf)) - Math.min(...dates.map(percentOf)));
      return { week, month, percent, spread };
    }),
    rooms: input.rooms.length,
    peaks: peaks.map((p): { date: string; desks: ReportPeak; rooms: ReportPeak } => ({ date: p.date, desks: p.desks.figure, rooms: p.rooms.figure })),
    peakAtOnce: { desks: largest('desks'), rooms: largest('rooms') },
    roomUse: roomUse(reports, input, days),
  };
}

const hours = (ms: number) => round1(ms / 3_600_000);

/**
 * Per room: reservations and the hours booked (shown when their reservers reach the minimum),
 * the hours checked in (those checked in), the no-shows and their share of the finished uses
 * (the people of those). Every room the location has gets a row; a retired one or one moved
 * away only with a figure to show. Most used first; hidden figures sort last, by code, so the
 * order tells nothing a hidden figure would.
 */
function roomUse(reports: ReportStore, input: OccupancyInput, days: readonly string[]): ReportRoomUse[] {
  const { locationId, now, tz } = input;
  const cells = reports.rooms(locationId, tz, days, now, MIN_GROUP_SIZE);
  const byId = new Map(cells.map((c) => [c.spaceId, c]));
  const rowOf = (room: { id: number; code: string; name: string; kind: SpaceKind }): ReportRoomUse => {
    const c = byId.get(room.id);
    const reservers = c !== undefined && c.reservers >= MIN_GROUP_SIZE;
    const present = c !== undefined && c.present >= MIN_GROUP_SIZE;
    const finishers = c !== undefined && c.finishers >= MIN_GROUP_SIZE;
    return {
      spaceId: room.id,
      code: room.code,
      name: room.name,
      kind: room.kind,
      reservations: reservers ? c.reservations : null,
      hoursBooked: reservers ? hours(c.bookedMs) : null,
      hoursUsed: present ? hours(c.usedMs) : null,
      noShows: finishers ? c.noShows : null,
      noShowRate: finishers ? round1((100 * c.noShows) / c.finished) : null,
    };
  };
  const listed = input.rooms.map(rowOf);
  const others = cells
    .filter((c) => !input.rooms.some((r) => r.id === c.spaceId))
    .map((c) => rowOf({ id: c.spaceId, code: c.code, name: c.name, kind: c.kind }))
    .filter((r) => r.reservations !== null || r.hoursUsed !== null || r.noShows !== null);
  return sortRooms([...listed, ...others]);
}

/** Most hours checked in first; hidden ones last; then by code. */
export const sortRooms = (rows: ReportRoomUse[]): ReportRoomUse[] =>
  rows.sort((a, b) => (b.hoursUsed ?? -1) - (a.hoursUsed ?? -1) || (a.code < b.code ? -1 : a.code > b.code ? 1 : a.spaceId - b.spaceId));

export type ReportService = ReturnType<typeof createReportService>;
