import { stringify } from 'csv-stringify/sync';
import { DomainError } from '../../shared/errors.js';
import { addDaysToDate, localDate, localToInstant } from '../../shared/time.js';
import { spaceKinds, type SpaceKind } from '../../shared/types.js';
import type { AuditStore } from '../audit/audit.store.js';
import type { CatalogueStore } from '../catalogue/catalogue.store.js';
import type { Clock } from '../clock.js';
import type { Actor } from '../http/context.js';
import type { ReportStore } from './report.store.js';

interface Deps {
  reports: ReportStore;
  catalogue: CatalogueStore;
  audit: AuditStore;
  clock: Clock;
}

const weekdayNames = ['ma', 'di', 'wo', 'do', 'vr'] as const;
const HOURS = Array.from({ length: 12 }, (_, i) => 7 + i); // 07:00 to 18:00

export interface OccupancyReport {
  locationId: number;
  from: string;
  to: string;
  desks: number;
  workdays: number;
  /** Average desks reserved and checked in on each weekday, against the desks. */
  weekdays: { weekday: (typeof weekdayNames)[number]; days: number; reserved: number; checkedIn: number; desks: number }[];
  /** Average desks in use (checked in) per hour of the day over the workdays. */
  hours: { hour: number; checkedIn: number }[];
  peak: { date: string; checkedIn: number } | null;
  trough: { date: string; checkedIn: number } | null;
  noShowRate: number | null;
  kinds: { kind: SpaceKind; reservations: number; checkedIn: number }[];
  /** Desks per person who used the location (checked in at least once). */
  flexRatio: number | null;
  people: number;
  /**
   * Per week (by its Monday): desks checked in on each workday as a percentage of the desks,
   * and the spread, the busiest minus the quietest workday in percentage points. A falling
   * spread means the week is filling more evenly.
   */
  weeks: { week: string; percent: Record<(typeof weekdayNames)[number], number | null>; spread: number | null }[];
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Occupancy insight for facility: aggregates only. Nothing here names or counts one person;
 * `people` is the number of distinct users, which is only shown when at least 5 (the works
 * council's minimum group size), as is the flex ratio derived from it.
 */
export function createReportService(d: Deps) {
  return {
    occupancy(actor: Actor, locationId: number, from: string, to: string): OccupancyReport {
      const location = d.catalogue.location(locationId);
      if (!location) throw new DomainError('not_found', 'no such location');
      if (!(to >= from) || addDaysToDate(from, 370) < to) throw new DomainError('invalid_interval', 'from must not be after to, at most a year apart');
      const tz = location.timezone;
      const uses = d.reports.uses(locationId, localToInstant(from, '00:00', tz), localToInstant(addDaysToDate(to, 1), '00:00', tz));
      const desks = d.catalogue.spaces(locationId).filter((s) => s.kind === 'desk').length;

      const days: string[] = [];
      for (let day = from; day <= to; day = addDaysToDate(day, 1)) {
        const wd = new Date(`${day}T12:00:00Z`).getUTCDay();
        if (wd !== 0 && wd !== 6) days.push(day);
      }
      const perDay = new Map(days.map((day) => [day, { reserved: 0, checkedIn: 0 }]));
      const hourly = new Map(HOURS.map((h) => [h, 0]));
      const people = new Set<number>();
      for (const u of uses) {
        if (u.kind !== 'desk') continue;
        const day = perDay.get(localDate(u.start_ms, tz));
        if (!day) continue;
        day.reserved++;
        if (u.checked_in_at === null) continue;
        day.checkedIn++;
        people.add(u.user_id);
        const until = u.ended_at ?? u.end_ms;
        for (const h of HOURS) {
          const slot = localToInstant(localDate(u.start_ms, tz), `${String(h).padStart(2, '0')}:30`, tz);
          if (u.checked_in_at <= slot && slot < until) hourly.set(h, hourly.get(h)! + 1);
        }
      }

      const dayList = [...perDay.entries()].map(([date, v]) => ({ date, ...v }));
      const byCheckIn = [...dayList].sort((a, b) => b.checkedIn - a.checkedIn || a.date.localeCompare(b.date));
      const finished = uses.filter((u) => u.state !== 'booked' || u.start_ms < d.clock.now());
      const kinds = spaceKinds
        .map((kind) => ({ kind, reservations: uses.filter((u) => u.kind === kind).length, checkedIn: uses.filter((u) => u.kind === kind && u.checked_in_at !== null).length }))
        .filter((k) => k.reservations > 0);
      const enoughPeople = people.size >= 5;
      const weeks = new Map<string, OccupancyReport['weeks'][number]>();
      for (const day of dayList) {
        const weekday = new Date(`${day.date}T12:00:00Z`).getUTCDay();
        const monday = addDaysToDate(day.date, 1 - weekday);
        const week = weeks.get(monday) ?? { week: monday, percent: { ma: null, di: null, wo: null, do: null, vr: null }, spread: null };
        week.percent[weekdayNames[weekday - 1]!] = desks === 0 ? 0 : round1((100 * day.checkedIn) / desks);
        weeks.set(monday, week);
      }
      for (const week of weeks.values()) {
        const known = Object.values(week.percent).filter((p): p is number => p !== null);
        week.spread = known.length < 2 ? null : round1(Math.max(...known) - Math.min(...known));
      }
      d.audit.record({ actor: `u:${actor.id}`, action: 'report.occupancy', object: `location:${locationId}`, result: 'ok', details: { from, to } }, d.clock.now());
      return {
        locationId,
        from,
        to,
        desks,
        workdays: days.length,
        weekdays: weekdayNames.map((weekday, i) => {
          const ofDay = dayList.filter((x) => new Date(`${x.date}T12:00:00Z`).getUTCDay() === i + 1);
          const avg = (f: (x: (typeof dayList)[number]) => number) => (ofDay.length === 0 ? 0 : round1(ofDay.reduce((a, x) => a + f(x), 0) / ofDay.length));
          return { weekday, days: ofDay.length, reserved: avg((x) => x.reserved), checkedIn: avg((x) => x.checkedIn), desks };
        }),
        hours: HOURS.map((hour) => ({ hour, checkedIn: days.length === 0 ? 0 : round1(hourly.get(hour)! / days.length) })),
        peak: byCheckIn[0] ? { date: byCheckIn[0].date, checkedIn: byCheckIn[0].checkedIn } : null,
        trough: byCheckIn.at(-1) ? { date: byCheckIn.at(-1)!.date, checkedIn: byCheckIn.at(-1)!.checkedIn } : null,
        noShowRate: finished.length === 0 ? null : round1((100 * finished.filter((u) => u.state === 'no_show').length) / finished.length),
        kinds,
        flexRatio: enoughPeople ? Math.round((desks / people.size) * 100) / 100 : null,
        people: enoughPeople ? people.size : 0,
        weeks: [...weeks.values()],
      };
    },

    /** The report as CSV: one row per weekday, then per hour, then the totals. */
    occupancyCsv(actor: Actor, locationId: number, from: string, to: string): string {
      const r = this.occupancy(actor, locationId, from, to);
      const rows: (string | number | null)[][] = [];
      for (const w of r.weekdays) rows.push(['weekdag', w.weekday, w.reserved, w.checkedIn, w.desks]);
      for (const h of r.hours) rows.push(['uur', `${String(h.hour).padStart(2, '0')}:00`, null, h.checkedIn, r.desks]);
      for (const k of r.kinds) rows.push(['soort', k.kind, k.reservations, k.checkedIn, null]);
      for (const w of r.weeks) rows.push(['spreiding week', w.week, null, w.spread, null]);
      rows.push(['no-show %', null, r.noShowRate, null, null]);
      rows.push(['flexratio', null, r.flexRatio, null, null]);
      return stringify(rows, { header: true, columns: ['groep', 'waarde', 'gereserveerd', 'ingecheckt', 'werkplekken'] });
    },
  };
}

export type ReportService = ReturnType<typeof createReportService>;
