import { TZDate, tzOffset } from '@date-fns/tz';
import { addDays, format } from 'date-fns';

/** True when the runtime knows the IANA time zone `tz` (e.g. "Europe/Amsterdam"). */
export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The instant (UTC ms) of wall-clock `time` ("HH:MM") on local `date` ("YYYY-MM-DD") in `tz`. */
export function localToInstant(date: string, time: string, tz: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  return new TZDate(y!, m! - 1, d!, hh!, mm!, tz).getTime();
}

const QUARTER = 15 * 60_000;
const offsetCache = new Map<string, number>();

/**
 * The zone's UTC offset in minutes at an instant, from the runtime's time-zone data. Asking Intl
 * costs tens of microseconds, and a busy availability answer needs thousands; offsets only
 * change on quarter-hour instants, so they are cached per zone and quarter hour.
 */
export function offsetMinutes(ms: number, tz: string): number {
  const key = `${tz}|${Math.floor(ms / QUARTER)}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    if (offsetCache.size > 50_000) offsetCache.clear();
    offset = tzOffset(tz, new Date(ms));
    offsetCache.set(key, offset);
  }
  return offset;
}

/** The wall-clock fields of an instant in `tz`, as an ISO string without offset. */
function wallClock(ms: number, tz: string): string {
  return new Date(ms + offsetMinutes(ms, tz) * 60_000).toISOString().slice(0, 19);
}

/** ISO 8601 with the zone's offset at that instant, e.g. "2026-03-30T08:00:00+02:00". */
export function toIsoInZone(ms: number, tz: string): string {
  const offset = offsetMinutes(ms, tz);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${wallClock(ms, tz)}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The local calendar date ("YYYY-MM-DD") of an instant in `tz`. */
export function localDate(ms: number, tz: string): string {
  return wallClock(ms, tz).slice(0, 10);
}

/** The local wall-clock time ("HH:MM") of an instant in `tz`. */
export function localTime(ms: number, tz: string): string {
  return wallClock(ms, tz).slice(11, 16);
}

/** Calendar arithmetic on "YYYY-MM-DD" dates, independent of any zone. */
export function addDaysToDate(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return format(addDays(new Date(y!, m! - 1, d!), days), 'yyyy-MM-dd');
}

/** True when `date` is a real calendar date written as "YYYY-MM-DD". */
export function isCalendarDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const [y, m, d] = date.split('-').map(Number);
  const probe = new Date(Date.UTC(y!, m! - 1, d!));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m! - 1 && probe.getUTCDate() === d;
}
