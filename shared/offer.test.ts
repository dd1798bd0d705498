import { describe, expect, it } from 'vitest';
import { bookableParts, bookableStarts, dateRefusal, defaultPolicy, intervalRefusal, minutesUntilClosing, slotRefusal } from './rules.js';
import { localToInstant } from './time.js';

const tz = 'Europe/Amsterdam';
const at = (date: string, time: string) => localToInstant(date, time, tz);
const workdays = { ...defaultPolicy, openDays: ['mon', 'tue', 'wed', 'thu', 'fri'] as const } as typeof defaultPolicy;

describe('what the reservation screen offers, by the rules the server applies', () => {
  it('a room at 10:20 starts from the quarter now running, which the server still takes', () => {
    const now = at('2026-12-01', '10:20');
    const starts = bookableStarts('2026-12-01', defaultPolicy, tz, now);
    expect([starts[0], starts.at(-1)]).toEqual(['10:15', '17:45']);
    const first = { start: at('2026-12-01', '10:15'), end: at('2026-12-01', '10:30') };
    expect([intervalRefusal(first, defaultPolicy, tz, now), slotRefusal(first, defaultPolicy, tz, true)]).toEqual([null, null]);
    // Every start offered is one the server takes, for every length offered from it.
    for (const s of starts) {
      const start = at('2026-12-01', s);
      for (const m of [15, 30, 60, 240].filter((m) => m <= minutesUntilClosing('2026-12-01', s, defaultPolicy, tz))) {
        const i = { start, end: start + m * 60_000 };
        expect([s, m, intervalRefusal(i, defaultPolicy, tz, now), slotRefusal(i, defaultPolicy, tz, true)]).toEqual([s, m, null, null]);
      }
    }
  });

  it('at 19:46 nothing of today, and a day-part ending within a quarter hour is not offered', () => {
    expect(dateRefusal('2026-12-01', defaultPolicy, tz, at('2026-12-01', '19:46'))).toBe('start_in_past');
    expect(bookableStarts('2026-12-01', defaultPolicy, tz, at('2026-12-01', '19:46'))).toEqual([]);
    expect(bookableParts('2026-12-01', defaultPolicy, tz, at('2026-12-01', '12:20'))).toEqual(['afternoon', 'day']);
    expect(bookableParts('2026-12-02', defaultPolicy, tz, at('2026-12-01', '19:46'))).toEqual(['morning', 'afternoon', 'day']);
  });

  it('a closed day of the week, a past date and one beyond daysAhead are refused as the server would', () => {
    const now = at('2026-12-04', '19:46');
    expect(dateRefusal('2026-12-05', workdays, tz, now)).toBe('closed_day');
    expect(dateRefusal('2026-12-05', defaultPolicy, tz, now)).toBeNull();
    expect(dateRefusal('2026-12-03', workdays, tz, now)).toBe('start_in_past');
    expect(dateRefusal('2026-12-18', workdays, tz, now)).toBeNull();
    expect(dateRefusal('2026-12-19', defaultPolicy, tz, now)).toBe('too_far_ahead');
    expect(slotRefusal({ start: at('2026-12-05', '10:00'), end: at('2026-12-05', '11:00') }, workdays, tz, true)).toBe('closed_day');
  });
});
