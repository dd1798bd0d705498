import { occupancySlots, presentHours } from '../../shared/rules.js';
import { localDate } from '../../shared/time.js';
import type { Db } from './database.js';

const slotCache = new Map<string, number[]>();
/** The report's half hours of a local day, converted once per day and zone, not per booking. */
export function reportSlots(date: string, tz: string): number[] {
  const key = `${tz}|${date}`;
  let slots = slotCache.get(key);
  if (!slots) {
    if (slotCache.size > 50_000) slotCache.clear(); // a century of days in a few zones: bounded anyway
    slotCache.set(key, (slots = occupancySlots(date, tz)));
  }
  return slots;
}

/**
 * SQL functions the schema's triggers and the report's queries need: SQLite knows no time
 * zones, so the local date of an instant comes from the same code the rest of Plek uses.
 * Registered on every connection that writes (openDatabase), before the migrations run, since
 * the occupancy triggers call them on every reservation change.
 */
export function registerSqlFunctions(db: Db): void {
  db.function('plek_local_day', { deterministic: true }, (ms: unknown, tz: unknown) => localDate(Number(ms), String(tz)));
  // The report hours a use was present in (a bit mask), or 0 when it never checked in.
  db.function('plek_present_hours', { deterministic: true }, (start: unknown, checkedInAt: unknown, until: unknown, tz: unknown) =>
    checkedInAt === null ? 0 : presentHours(reportSlots(localDate(Number(start), String(tz)), String(tz)), Number(checkedInAt), Number(until)),
  );
}
