import { TZDate, tzOffset } from '@date-fns/tz';

/** True when the runtime knows the IANA time zone `tz` (e.g. "Europe/Amsterdam"). */
export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const instantCache = new Map<string, number>();

/** The instant (UTC ms) of wall-clock `time` ("HH:MM") on local `date` ("YYYY-MM-DD") in `tz`. */
export function localToInstant(date: string, time: string, tz: string): number {
  // A pure function of its arguments, asked again and again for the same few (every create
  // checks the day's opening hours): TZDate costs about 20 µs, the cache lookup next to nothing.
  const key = `${tz} ${date} ${time}`;
  const known = instantCache.get(key);
  if (known !== undefined) return known;
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const instant = new TZDate(y!, m! - 1, d!, hh!, mm!, tz).getTime();
  if (instantCache.size >= 20_000) instantCache.clear(); // bounded: a report's year is ~2,000 keys
  instantCache.set(key, instant);
  return instant;
}

const MINUTE = 60_000;
const QUARTER = 15 * MINUTE;
interface Offset {
  minutes: number;
  /** "+01:00" */
  suffix: string;
}
const offsetCache = new Map<string, Map<number, Offset>>();

/**
 * The zone's UTC offset at an instant, from the runtime's time-zone data. Asking Intl costs
 * tens of microseconds and a busy availability answer needs hundreds; offsets only change on
 * quarter-hour instants, so they are cached per zone and quarter hour.
 */
function offsetAt(ms: number, tz: string): Offset {
  let zone = offsetCache.get(tz);
  if (!zone) offsetCache.set(tz, (zone = new Map()));
  const bucket = Math.floor(ms / QUARTER);
  let offset = zone.get(bucket);
  if (offset === undefined) {
    if (zone.size > 50_000) zone.clear();
    const minutes = tzOffset(tz, new Date(ms));
    const abs = Math.abs(minutes);
    const suffix = `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
    zone.set(bucket, (offset = { minutes, suffix }));
  }
  return offset;
}

/** The zone's UTC offset in minutes at an instant. */
export function offsetMinutes(ms: number, tz: string): number {
  return offsetAt(ms, tz).minutes;
}

const wallClockCache = new Map<number, string>();

/**
 * The wall-clock fields of an instant in `tz`, as an ISO string without offset. Formatting
 * through Date costs about a microsecond, and a reservation's answer formats half a dozen
 * instants that are whole minutes (starts, ends, check-in windows), so those are kept.
 */
function wallClock(ms: number, offset: Offset): string {
  const local = ms + offset.minutes * 60_000;
  if (local % MINUTE !== 0) return new Date(local).toISOString().slice(0, 19);
  let text = wallClockCache.get(local);
  if (text === undefined) {
    if (wallClockCache.size >= 50_000) wallClockCache.clear();
    wallClockCache.set(local, (text = new Date(local).toISOString().slice(0, 19)));
  }
  return text;
}

/** ISO 8601 with the zone's offset at that instant, e.g. "2026-03-30T08:00:00+02:00". */
export function toIsoInZone(ms: number, tz: string): string {
  const offset = offsetAt(ms, tz);
  return wallClock(ms, offset) + offset.suffix;
}

/** The local calendar date ("YYYY-MM-DD") of an instant in `tz`. */
export function localDate(ms: number, tz: string): string {
  const minute = Math.floor(ms / MINUTE) * MINUTE; // offsets are whole minutes: same date
  return wallClock(minute, offsetAt(minute, tz)).slice(0, 10);
}

/** The local wall-clock time ("HH:MM") of an instant in `tz`. */
export function localTime(ms: number, tz: string): string {
  const minute = Math.floor(ms / MINUTE) * MINUTE;
  return wallClock(minute, offsetAt(minute, tz)).slice(11, 16);
}

const dateCache = new Map<string, string>();

/**
 * Calendar arithmetic on "YYYY-MM-DD" dates, independent of any zone (UTC has no DST). Every
 * reservation asks for today plus the booking horizon, so answers are kept.
 */
export function addDaysToDate(date: string, days: number): string {
  const key = `${date}|${days}`;
  let sum = dateCache.get(key);
  if (sum === undefined) {
    const [y, m, d] = date.split('-').map(Number);
    sum = new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
    if (dateCache.size >= 50_000) dateCache.clear();
    dateCache.set(key, sum);
  }
  return sum;
}

/** True when `date` is a real calendar date written as "YYYY-MM-DD". */
export function isCalendarDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const [y, m, d] = date.split('-').map(Number);
  const probe = new Date(Date.UTC(y!, m! - 1, d!));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m! - 1 && probe.getUTCDate() === d;
}
