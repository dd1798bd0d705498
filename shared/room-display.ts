/**
 * What a room display beside a meeting room offers as "nu boeken", so the screen offers only
 * what the server takes: the display and the server call the same function.
 */
const MINUTE = 60_000;

/** The lengths the display offers, when they end before the next meeting. */
export const ROOM_BOOK_MINUTES = [15, 30, 60] as const;
export type RoomBookMinutes = (typeof ROOM_BOOK_MINUTES)[number];
/** The longest booking from the display. */
export const ROOM_BOOK_MAX = 60 * MINUTE;
/**
 * The shortest gap before the next meeting that is offered as "tot 20:04": shorter, nobody
 * gets anything out of the room, and the meeting's people are already at the door.
 */
export const ROOM_BOOK_MIN = 5 * MINUTE;

/** One booking the display offers: a length, or up to the start of the next meeting. */
export type RoomBookOption = { minutes: RoomBookMinutes; end: number } | { until: number; end: number };

/** Bookings from the display start on the whole minute, as the server's walk-up does. */
export const roomBookStart = (now: number) => Math.floor(now / MINUTE) * MINUTE;

/**
 * The bookings a free room's display offers at `now` when the next meeting starts at
 * `nextStart` (null: none today): each length that ends by then, and "until the next meeting"
 * when that gap is shorter than an hour and not one of those lengths already.
 */
export function roomBookOptions(now: number, nextStart: number | null): RoomBookOption[] {
  const start = roomBookStart(now);
  const options: RoomBookOption[] = ROOM_BOOK_MINUTES.map((minutes) => ({ minutes, end: start + minutes * MINUTE })).filter((o) => nextStart === null || o.end <= nextStart);
  if (nextStart !== null && nextStart - start < ROOM_BOOK_MAX && nextStart - start >= ROOM_BOOK_MIN && !options.some((o) => o.end === nextStart)) {
    options.push({ until: nextStart, end: nextStart });
  }
  return options;
}

/**
 * The end of a booking asked for at the display at `now` (a length or an end), or why it
 * cannot be one: shorter than ROOM_BOOK_MIN or longer than an hour.
 */
export function roomBookEnd(now: number, ask: { minutes: number } | { until: number }): number | 'invalid_interval' {
  const start = roomBookStart(now);
  const end = 'minutes' in ask ? start + ask.minutes * MINUTE : ask.until;
  return end - start < ROOM_BOOK_MIN || end - start > ROOM_BOOK_MAX ? 'invalid_interval' : end;
}
