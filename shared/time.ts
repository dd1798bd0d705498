import { TZDate } from '@date-fns/tz';
import { addDays, format, formatISO } from 'date-fns';

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

/** ISO 8601 with the zone's offset at that instant, e.g. "2026-03-30T08:00:00+02:00". */
export function toIsoInZone(ms: number, tz: string): string {
  return formatISO(new TZDate(ms, tz));
}

/** The local calendar date ("YYYY-MM-DD") of an instant in `tz`. */
export function localDate(ms: number, tz: string): string {
  return format(new TZDate(ms, tz), 'yyyy-MM-dd');
}

/** The local wall-clock time ("HH:MM") of an instant in `tz`. */
export function localTime(ms: number, tz: string): string {
  return format(new TZDate(ms, tz), 'HH:mm');
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
