/**
 * The pure reservation rules. Server and apps share them so the phone can show, offline, the
 * same answer the server will give. No I/O here: every function takes the time it needs.
 */
import { localDate, localTime, localToInstant, addDaysToDate } from './time.js';
import { daysOfWeek, type DayOfWeek, type DayPart, type Policy, type Reservation, type ReservationState, type SpaceKind, type TimeOfDayRange } from './types.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/**
 * The works council's minimum group size: no report figure may come from fewer distinct people
 * than this. One constant for server, screen and CSV.
 */
export const MIN_GROUP_SIZE = 5;

/** The hours of the occupancy report: 07:00 to 18:00, each counted at its half hour. */
// 07:00 to 23:00: evening check-ins count too (occupancy_days h0..h15, migration 16).
export const OCCUPANCY_HOURS: readonly number[] = Array.from({ length: 16 }, (_, i) => 7 + i);
/** The occupancy report's charts and tables, each downloadable on its own as CSV. */
// compare: every location's weekdays and no-shows over the same range, as the report page's comparison table.
export const occupancyParts = ['weekdays', 'hours', 'spread', 'peaks', 'rooms', 'compare'] as const;
export type OccupancyPart = (typeof occupancyParts)[number];

/**
 * The week's spread month by month, as the report shows it: per month (each week is in the
 * month of its Thursday, `month`) the average of the weeks whose spread is shown. A week cut
 * by the range has none and is left out; a week with a hidden day adds no figure, so nothing
 * hidden comes back through the average. Server (the CSV) and screen share it.
 */
export function spreadByMonth(weeks: readonly { month: string; spread?: number | null }[]): { month: string; spread: number | null; weeks: number }[] {
  const months = new Map<string, number[]>();
  for (const w of weeks) {
    if (w.spread === undefined) continue;
    if (!months.has(w.month)) months.set(w.month, []);
    if (w.spread !== null) months.get(w.month)!.push(w.spread);
  }
  return [...months.entries()].map(([month, xs]) => ({ month, weeks: xs.length, spread: xs.length === 0 ? null : Math.round((10 * xs.reduce((a, b) => a + b, 0)) / xs.length) / 10 }));
}

/** The half hours (UTC ms) at which the report counts who is present on local `date`, one per OCCUPANCY_HOURS. */
export function occupancySlots(date: string, tz: string): number[] {
  return OCCUPANCY_HOURS.map((h) => localToInstant(date, `${String(h).padStart(2, '0')}:30`, tz));
}

/**
 * The report hours (bit i for OCCUPANCY_HOURS[i], `slots` from occupancySlots of its day) in
 * which a use checked in at `checkedInAt` and lasting until `until` was present: at or after
 * check-in and before its end. 0 when it never checked in.
 */
export function presentHours(slots: readonly number[], checkedInAt: number | null, until: number): number {
  if (checkedInAt === null) return 0;
  let mask = 0;
  for (let i = 0; i < slots.length; i++) if (checkedInAt <= slots[i]! && slots[i]! < until) mask |= 1 << i;
  return mask;
}

export const defaultPolicy: Policy = {
  checkInOpensMinutes: 15,
  graceMinutes: { desk: 30, focus: 30, call: 30, meeting: 10, multi: 10 },
  daysAhead: 14,
  maxPerDay: 1,
  dayParts: {
    morning: { start: '08:00', end: '12:30' },
    afternoon: { start: '12:30', end: '18:00' },
    day: { start: '08:00', end: '18:00' },
  },
  offlineCheckInMaxHours: 24,
  guestRetentionDays: 28,
  maxAhead: 20,
  teamHoldReleaseTime: '16:00',
  softCapPercent: {},
  closedOnHolidays: true,
  // Open every day unless facility says otherwise: a location that opens at weekends loses nothing.
  openDays: [...daysOfWeek],
};

export interface Interval {
  start: number;
  end: number;
}

/** Half-open intervals [start, end): back-to-back reservations do not overlap. */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end;
}

/** The instants of a day-part on a local date, in the location's zone (DST-safe). */
export function dayPartInterval(date: string, part: DayPart, policy: Policy, tz: string): Interval {
  const range = policy.dayParts[part];
  return { start: localToInstant(date, range.start, tz), end: localToInstant(date, range.end, tz) };
}

/** When an unclaimed reservation becomes a no-show: max(start, createdAt) + grace for its kind. */
export function noShowDeadline(r: Pick<Reservation, 'start' | 'createdAt'>, kind: SpaceKind, policy: Policy): number {
  return Math.max(r.start, r.createdAt) + policy.graceMinutes[kind] * MINUTE;
}

/** The check-in window: from `checkInOpensMinutes` before start until the no-show deadline. */
export function checkInWindow(r: Pick<Reservation, 'start' | 'createdAt'>, kind: SpaceKind, policy: Policy): Interval {
  return { start: r.start - policy.checkInOpensMinutes * MINUTE, end: noShowDeadline(r, kind, policy) };
}

/**
 * The state a reservation has at `now`, whether or not the sweep has written it yet: a booking
 * past its deadline is a no-show, a check-in past its end is completed. This is what lets a
 * late sweep never show a no-show as taken.
 */
export function effectiveState(
  r: Pick<Reservation, 'start' | 'end' | 'createdAt' | 'state'>,
  kind: SpaceKind,
  policy: Policy,
  now: number,
): ReservationState {
  if (r.state === 'booked' && now >= noShowDeadline(r, kind, policy)) return 'no_show';
  if (r.state === 'checked_in' && now >= r.end) return 'completed';
  return r.state;
}

/** True when the reservation keeps its space from others at `now`. */
export function holdsSpace(
  r: Pick<Reservation, 'start' | 'end' | 'createdAt' | 'state'>,
  kind: SpaceKind,
  policy: Policy,
  now: number,
): boolean {
  const state = effectiveState(r, kind, policy, now);
  return state === 'booked' || state === 'checked_in';
}

export type CheckInVerdict = { ok: true } | { ok: false; reason: 'not_open'; opensAt: number } | { ok: false; reason: 'closed'; closedAt: number };

/** Whether a booking may be checked in at `at` (the scan time). */
export function checkInVerdict(r: Pick<Reservation, 'start' | 'createdAt'>, kind: SpaceKind, policy: Policy, at: number): CheckInVerdict {
  const window = checkInWindow(r, kind, policy);
  if (at < window.start) return { ok: false, reason: 'not_open', opensAt: window.start };
  if (at >= window.end) return { ok: false, reason: 'closed', closedAt: window.end };
  return { ok: true };
}

/** Shortest walk-up worth giving: less than this of a day-part left, or before the next booking, is none. */
export const MIN_WALK_UP = 15 * MINUTE;

/**
 * The interval of a walk-up at `now`: for a desk, until the end of the current day-part (the
 * morning, else the afternoon), or of the next one when less than MIN_WALK_UP of it is left
 * (someone arriving at 12:20 stays the afternoon); for rooms, 60 minutes. Null when the
 * location's day is over or nearly so.
 */
export function walkUpInterval(kind: SpaceKind, policy: Policy, tz: string, now: number): Interval | null {
  const start = Math.floor(now / MINUTE) * MINUTE;
  if (kind !== 'desk') return { start, end: start + 60 * MINUTE };
  const today = localDate(now, tz);
  for (const part of ['morning', 'afternoon'] as const) {
    const { end } = dayPartInterval(today, part, policy, tz);
    if (end - start >= MIN_WALK_UP) return { start, end };
  }
  return null;
}

export type IntervalRefusal = 'invalid_interval' | 'start_in_past' | 'too_far_ahead';

/** Tolerance for a start slightly in the past: a room for 10:00 may still be booked at 10:10. */
export const PAST_START_TOLERANCE = 15 * MINUTE;
/** Longest single reservation. */
export const MAX_DURATION = 24 * HOUR;

/** Checks a requested interval against the clock and the policy's booking horizon. */
export function intervalRefusal(i: Interval, policy: Policy, tz: string, now: number): IntervalRefusal | null {
  if (!(i.end > i.start) || i.end - i.start > MAX_DURATION) return 'invalid_interval';
  if (i.end <= now || i.start < now - PAST_START_TOLERANCE) return 'start_in_past';
  const lastDate = addDaysToDate(localDate(now, tz), policy.daysAhead);
  if (localDate(i.start, tz) > lastDate) return 'too_far_ahead';
  return null;
}

/**
 * A day-part asked for today after it began still counts from now, so "this morning" can be
 * reserved at 09:30; a day-part that has ended cannot.
 */
export function clampToNow(i: Interval, now: number): Interval {
  return i.start < now && now < i.end ? { start: Math.floor(now / MINUTE) * MINUTE, end: i.end } : i;
}

/** Rooms are booked in quarter hours: what the screens offer and the server takes. */
export const SLOT_MINUTES = 15;
/** A kiosk silent this long is flagged in the admin's list (it refreshes every 10 s when well). */
export const KIOSK_SILENT_MINUTES = 5;

/** The day of the week of a local date (YYYY-MM-DD). */
export function dayOfWeek(date: string): DayOfWeek {
  return daysOfWeek[(new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7]!;
}

/** Whether the location opens on a local date by its days of the week (holidays apart). */
export function openOn(date: string, policy: Policy): boolean {
  return policy.openDays.includes(dayOfWeek(date));
}

/**
 * The opening hours: from the first day-part's start to the last one's end. Desks and rooms
 * follow the same hours, so a room is never bookable when the desks around it are not.
 */
export function openingHours(policy: Policy): TimeOfDayRange {
  const { morning, afternoon, day } = policy.dayParts;
  return { start: morning.start < day.start ? morning.start : day.start, end: afternoon.end > day.end ? afternoon.end : day.end };
}

/** The opening hours of a local date as instants. */
export function openingInterval(date: string, policy: Policy, tz: string): Interval {
  const hours = openingHours(policy);
  return { start: localToInstant(date, hours.start, tz), end: localToInstant(date, hours.end, tz) };
}

export type SlotRefusal = 'closed_day' | 'outside_opening_hours' | 'off_grid';

/**
 * Checks a requested interval against the location's week and hours: a closed day of the
 * week, outside the opening hours, or (for a start and end chosen by the person) off the
 * quarter-hour grid. A day-part asked for today counts from now (clampToNow), so `chosen`
 * false skips the grid for it.
 */
export function slotRefusal(i: Interval, policy: Policy, tz: string, chosen: boolean): SlotRefusal | null {
  const date = localDate(i.start, tz);
  if (!openOn(date, policy)) return 'closed_day';
  const open = openingInterval(date, policy, tz);
  if (i.start < open.start || i.end > open.end) return 'outside_opening_hours';
  if (chosen && (!onGrid(i.start, tz) || !onGrid(i.end, tz))) return 'off_grid';
  return null;
}

function onGrid(ms: number, tz: string): boolean {
  return ms % MINUTE === 0 && Number(localTime(ms, tz).slice(3, 5)) % SLOT_MINUTES === 0;
}

const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Why a policy field is refused: the apps word each code beside the field its path names. */
export type PolicyProblemCode = 'invalid_format' | 'ends_before_start' | 'overlaps_morning' | 'no_open_day';
export interface PolicyProblem {
  /** The field, as the patch names it: `dayParts.morning.end`. */
  path: string;
  code: PolicyProblemCode;
  /** For a developer reading the answer; people read the app's words for `code`. */
  message: string;
}

/** The reasons a policy is unusable, each on the field to change; empty when it is fine. */
export function policyProblems(p: Policy): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  for (const part of ['morning', 'afternoon', 'day'] as const) {
    const r = p.dayParts[part];
    if (!hhmm.test(r.start) || !hhmm.test(r.end)) {
      problems.push({ path: `dayParts.${part}.${hhmm.test(r.start) ? 'end' : 'start'}`, code: 'invalid_format', message: `dayParts.${part} must be HH:MM` });
    } else if (r.start >= r.end) {
      problems.push({ path: `dayParts.${part}.end`, code: 'ends_before_start', message: `dayParts.${part} must start before it ends` });
    }
  }
  if (p.dayParts.morning.end > p.dayParts.afternoon.start) problems.push({ path: 'dayParts.afternoon.start', code: 'overlaps_morning', message: 'the morning must end before the afternoon starts' });
  if (p.openDays.length === 0) problems.push({ path: 'openDays', code: 'no_open_day', message: 'openDays must name at least one day' });
  return problems;
}

/** A policy patch merged into the current policy (nested maps merged key by key). */
export function mergePolicy(current: Policy, patch: PolicyPatch): Policy {
  return {
    ...current,
    ...stripUndefined(patch),
    graceMinutes: { ...current.graceMinutes, ...stripUndefined(patch.graceMinutes ?? {}) },
    softCapPercent: Object.fromEntries(
      Object.entries({ ...current.softCapPercent, ...stripUndefined(patch.softCapPercent ?? {}) }).filter(([, v]) => v !== null),
    ),
    dayParts: {
      morning: { ...current.dayParts.morning, ...stripUndefined(patch.dayParts?.morning ?? {}) },
      afternoon: { ...current.dayParts.afternoon, ...stripUndefined(patch.dayParts?.afternoon ?? {}) },
      day: { ...current.dayParts.day, ...stripUndefined(patch.dayParts?.day ?? {}) },
    },
  };
}

export type PolicyPatch = Partial<Omit<Policy, 'graceMinutes' | 'dayParts' | 'softCapPercent'>> & {
  /** null removes a day's cap. */
  softCapPercent?: Partial<Record<keyof Policy['softCapPercent'], number | null>>;
  graceMinutes?: Partial<Policy['graceMinutes']>;
  dayParts?: Partial<Record<DayPart, Partial<Policy['dayParts'][DayPart]>>>;
};

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The day-part that covers a local time, for labels; null outside opening hours. */
export function dayPartAt(ms: number, policy: Policy, tz: string): DayPart | null {
  const t = localTime(ms, tz);
  if (t >= policy.dayParts.morning.start && t < policy.dayParts.morning.end) return 'morning';
  if (t >= policy.dayParts.afternoon.start && t < policy.dayParts.afternoon.end) return 'afternoon';
  return null;
}

/**
 * What the reservation screen may offer, by the rules the server applies (intervalRefusal,
 * slotRefusal): a date is bookable from today up to daysAhead on an open day of the week
 * (holidays come from the server's answers, not from here), while something of it is left.
 */
export function dateRefusal(date: string, policy: Policy, tz: string, now: number): 'start_in_past' | 'too_far_ahead' | 'closed_day' | null {
  const today = localDate(now, tz);
  if (date < today) return 'start_in_past';
  if (date > addDaysToDate(today, policy.daysAhead)) return 'too_far_ahead';
  if (!openOn(date, policy)) return 'closed_day';
  if (date === today && now >= openingInterval(date, policy, tz).end - SLOT_MINUTES * MINUTE) return 'start_in_past';
  return null;
}

/** The day-parts of `date` still worth booking at `now`: not ended, nor ending within MIN_WALK_UP. */
export function bookableParts(date: string, policy: Policy, tz: string, now: number): DayPart[] {
  return (['morning', 'afternoon', 'day'] as const).filter((p) => dayPartInterval(date, p, policy, tz).end - MIN_WALK_UP >= now);
}

/**
 * The quarter hours a room may start at on `date` (HH:MM): inside the opening hours, leaving
 * at least one quarter before closing, and not past (the quarter now running still counts,
 * as the server takes a start up to PAST_START_TOLERANCE ago).
 */
export function bookableStarts(date: string, policy: Policy, tz: string, now: number): string[] {
  const open = openingInterval(date, policy, tz);
  const step = SLOT_MINUTES * MINUTE;
  const starts: string[] = [];
  for (let at = Math.ceil(open.start / step) * step; at + step <= open.end; at += step) {
    if (at + step > now && at >= now - PAST_START_TOLERANCE) starts.push(localTime(at, tz));
  }
  return starts;
}

/** The longest room reservation from `from` on `date` before the location closes, in minutes. */
export function minutesUntilClosing(date: string, from: string, policy: Policy, tz: string): number {
  return Math.max(0, (openingInterval(date, policy, tz).end - localToInstant(date, from, tz)) / MINUTE);
}
