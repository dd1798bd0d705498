import Holidays from 'date-holidays';
import { DomainError } from '../shared/errors.js';
import { openingInterval, openOn, type Interval } from '../shared/rules.js';
import { addDaysToDate, localDate } from '../shared/time.js';
import type { Holiday, Location } from '../shared/types.js';

/**
 * The Dutch public holidays a municipality does not work on, from date-holidays (its rules
 * for Easter, Koningsdag on the Saturday before when 27 April is a Sunday, and so on):
 * Nieuwjaarsdag, Eerste en Tweede Paasdag, Koningsdag, Bevrijdingsdag, Hemelvaartsdag, Eerste
 * en Tweede Pinksterdag, Eerste en Tweede Kerstdag. Bevrijdingsdag every year, not only every
 * fifth: since the CAO Gemeenten 2023 (article 6.6) 5 May is a paid day off for all municipal
 * staff. Goede Vrijdag is not: the CAO does not count it (date-holidays calls it a school
 * holiday). Server-side only: the library's data of every country stays out of the apps,
 * which get the holidays in the answers that need them.
 */
const nl = new Holidays('NL');
const byYear = new Map<number, Holiday[]>();

function ofYear(year: number): Holiday[] {
  let list = byYear.get(year);
  if (!list) {
    const english = new Map((nl.getHolidays(year, 'en') || []).map((h) => [h.date.slice(0, 10), h.name]));
    list = (nl.getHolidays(year, 'nl') || [])
      .filter((h) => h.type === 'public' || h.rule === '05-05')
      .map((h) => {
        const date = h.date.slice(0, 10);
        return { date, name: { nl: h.name, en: english.get(date) ?? h.name } };
      });
    byYear.set(year, list);
  }
  return list;
}

/** The holidays from `first` to `last` (YYYY-MM-DD, both included), in date order. */
export function holidaysBetween(first: string, last: string): Holiday[] {
  const out: Holiday[] = [];
  for (let year = Number(first.slice(0, 4)); year <= Number(last.slice(0, 4)); year++) {
    out.push(...ofYear(year).filter((h) => h.date >= first && h.date <= last));
  }
  return out;
}

export function holidayOn(date: string): Holiday | undefined {
  return ofYear(Number(date.slice(0, 4))).find((h) => h.date === date);
}

/** Refuses an interval on a holiday when the location's policy closes it then. */
export function ensureOpenOnHolidays(i: Interval, location: Location): void {
  const holiday = locationHolidaysOf(location, i).find((h) => h.closed);
  if (holiday) {
    throw new DomainError('holiday_closed', `${location.name} is closed on ${holiday.name.en}`, { date: holiday.date, holiday: holiday.name });
  }
}

/** The holidays from `first` to `last` (both included) at a location: closed or open then. */
export function locationHolidays(location: Location, first: string, last: string): (Holiday & { closed: boolean })[] {
  return holidaysBetween(first, last).map((h) => ({ ...h, closed: location.policy.closedOnHolidays }));
}

/** The same for the local days an interval touches. */
export function locationHolidaysOf(location: Location, i: Interval): (Holiday & { closed: boolean })[] {
  return locationHolidays(location, localDate(i.start, location.timezone), localDate(Math.max(i.start, i.end - 1), location.timezone));
}

// When a location is closed lives here beside the holidays it depends on: the kiosk board, the
// room display and the phone at a space label all say it the same way.

/**
 * Why the location is closed now: outside its opening hours, a day of the week it does not
 * open, or a public holiday it closes on; and when it opens next (null: not in the weeks ahead).
 */
export interface Closed {
  reason: 'hours' | 'closed_day' | 'holiday';
  holiday: Holiday['name'] | null;
  opensAt: number | null;
}

/** How far ahead the board looks for the next opening: past the longest closure a year has. */
const LOOK_AHEAD_DAYS = 31;

/** Whether the location is closed at `now` and until when; null while it is open. */
export function closedAt(location: Location, now: number): Closed | null {
  const { policy, timezone: tz } = location;
  const shut = (date: string) => (policy.closedOnHolidays ? holidayOn(date) : undefined);
  const today = localDate(now, tz);
  const holiday = shut(today);
  let reason: Closed['reason'];
  if (holiday) reason = 'holiday';
  else if (!openOn(today, policy)) reason = 'closed_day';
  else {
    const hours = openingInterval(today, policy, tz);
    if (now >= hours.start && now < hours.end) return null;
    reason = 'hours';
  }
  let opensAt: number | null = null;
  for (let i = 0; i <= LOOK_AHEAD_DAYS && opensAt === null; i++) {
    const date = addDaysToDate(today, i);
    if (!openOn(date, policy) || shut(date)) continue;
    const start = openingInterval(date, policy, tz).start;
    if (start > now) opensAt = start;
  }
  return { reason, holiday: holiday?.name ?? null, opensAt };
}
