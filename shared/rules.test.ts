import { describe, expect, it } from 'vitest';
import {
  checkInVerdict,
  clampToNow,
  dayPartInterval,
  defaultPolicy,
  effectiveState,
  holdsSpace,
  intervalRefusal,
  mergePolicy,
  MINUTE,
  noShowDeadline,
  overlaps,
  policyProblems,
  walkUpInterval,
} from './rules.js';
import { addDaysToDate, isCalendarDate, localDate, toIsoInZone } from './time.js';

const tz = 'Europe/Amsterdam';
const at = (iso: string) => Date.parse(iso);

describe('overlap of half-open intervals', () => {
  it('back-to-back reservations do not overlap', () => {
    expect(overlaps({ start: 0, end: 10 }, { start: 10, end: 20 })).toBe(false);
    expect(overlaps({ start: 10, end: 20 }, { start: 0, end: 10 })).toBe(false);
  });
  it('a shared minute overlaps, and containment overlaps', () => {
    expect(overlaps({ start: 0, end: 11 }, { start: 10, end: 20 })).toBe(true);
    expect(overlaps({ start: 0, end: 30 }, { start: 10, end: 20 })).toBe(true);
  });
});

describe('day-parts in the location time zone', () => {
  it('on an ordinary winter day the morning is 08:00 to 12:30 CET', () => {
    const i = dayPartInterval('2026-12-01', 'morning', defaultPolicy, tz);
    expect(new Date(i.start).toISOString()).toBe('2026-12-01T07:00:00.000Z');
    expect(new Date(i.end).toISOString()).toBe('2026-12-01T11:30:00.000Z');
  });
  it('on 2026-03-29, the day summer time starts, the morning is at 08:00 CEST (UTC+2)', () => {
    const i = dayPartInterval('2026-03-29', 'morning', defaultPolicy, tz);
    expect(new Date(i.start).toISOString()).toBe('2026-03-29T06:00:00.000Z');
    expect(i.end - i.start).toBe(270 * MINUTE);
    expect(toIsoInZone(i.start, tz)).toBe('2026-03-29T08:00:00+02:00');
  });
  it('on 2026-10-25, the day summer time ends, the whole day is 08:00 to 18:00 CET (UTC+1)', () => {
    const i = dayPartInterval('2026-10-25', 'day', defaultPolicy, tz);
    expect(new Date(i.start).toISOString()).toBe('2026-10-25T07:00:00.000Z');
    expect(new Date(i.end).toISOString()).toBe('2026-10-25T17:00:00.000Z');
    expect(toIsoInZone(i.end, tz)).toBe('2026-10-25T18:00:00+01:00');
  });
  it('the day before the switch still uses summer time', () => {
    const i = dayPartInterval('2026-10-24', 'day', defaultPolicy, tz);
    expect(new Date(i.start).toISOString()).toBe('2026-10-24T06:00:00.000Z');
  });
  it('local dates turn at local midnight, not UTC midnight', () => {
    expect(localDate(at('2026-11-30T23:30:00Z'), tz)).toBe('2026-12-01');
    expect(localDate(at('2026-11-30T22:59:59Z'), tz)).toBe('2026-11-30');
    expect(addDaysToDate('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDaysToDate('2026-12-31', 1)).toBe('2027-01-01');
  });
  it('only real calendar dates pass', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('1-1-2026')).toBe(false);
  });
});

describe('no-show deadline', () => {
  const start = at('2026-12-01T09:00:00+01:00');
  it('is start plus the grace of the kind for a reservation made in advance', () => {
    const r = { start, createdAt: start - 86_400_000 };
    expect(noShowDeadline(r, 'desk', defaultPolicy)).toBe(start + 30 * MINUTE);
    expect(noShowDeadline(r, 'meeting', defaultPolicy)).toBe(start + 10 * MINUTE);
  });
  it('counts from creation when the reservation was made after its start', () => {
    const createdAt = start + 20 * MINUTE;
    expect(noShowDeadline({ start, createdAt }, 'desk', defaultPolicy)).toBe(createdAt + 30 * MINUTE);
  });
  it('a booking is a no-show from the deadline on, and never a checked-in one', () => {
    const r = { start, end: start + 60 * MINUTE, createdAt: start - MINUTE, state: 'booked' as const };
    expect(effectiveState(r, 'desk', defaultPolicy, start + 30 * MINUTE - 1)).toBe('booked');
    expect(effectiveState(r, 'desk', defaultPolicy, start + 30 * MINUTE)).toBe('no_show');
    expect(holdsSpace(r, 'desk', defaultPolicy, start + 30 * MINUTE)).toBe(false);
    const checkedIn = { ...r, state: 'checked_in' as const };
    expect(effectiveState(checkedIn, 'desk', defaultPolicy, start + 45 * MINUTE)).toBe('checked_in');
    expect(effectiveState(checkedIn, 'desk', defaultPolicy, start + 60 * MINUTE)).toBe('completed');
  });
});

describe('check-in window', () => {
  const start = at('2026-12-01T09:00:00+01:00');
  const r = { start, createdAt: start - 86_400_000 };
  it('opens checkInOpensMinutes before start and closes at the no-show deadline', () => {
    expect(checkInVerdict(r, 'desk', defaultPolicy, start - 16 * MINUTE)).toEqual({ ok: false, reason: 'not_open', opensAt: start - 15 * MINUTE });
    expect(checkInVerdict(r, 'desk', defaultPolicy, start - 15 * MINUTE)).toEqual({ ok: true });
    expect(checkInVerdict(r, 'desk', defaultPolicy, start + 29 * MINUTE)).toEqual({ ok: true });
    expect(checkInVerdict(r, 'desk', defaultPolicy, start + 30 * MINUTE)).toEqual({ ok: false, reason: 'closed', closedAt: start + 30 * MINUTE });
  });
});

describe('requested intervals', () => {
  const now = at('2026-12-01T10:00:00+01:00');
  it('refuses an empty or reversed interval and one longer than a day', () => {
    expect(intervalRefusal({ start: now + 60 * MINUTE, end: now + 60 * MINUTE }, defaultPolicy, tz, now)).toBe('invalid_interval');
    expect(intervalRefusal({ start: now + 60 * MINUTE, end: now }, defaultPolicy, tz, now)).toBe('invalid_interval');
    expect(intervalRefusal({ start: now, end: now + 25 * 60 * MINUTE }, defaultPolicy, tz, now)).toBe('invalid_interval');
  });
  it('refuses a start in the past beyond a quarter of an hour', () => {
    expect(intervalRefusal({ start: now - 10 * MINUTE, end: now + 50 * MINUTE }, defaultPolicy, tz, now)).toBeNull();
    expect(intervalRefusal({ start: now - 20 * MINUTE, end: now + 50 * MINUTE }, defaultPolicy, tz, now)).toBe('start_in_past');
  });
  it('allows up to daysAhead local days ahead, not one more', () => {
    const last = dayPartInterval('2026-12-15', 'day', defaultPolicy, tz);
    const beyond = dayPartInterval('2026-12-16', 'day', defaultPolicy, tz);
    expect(intervalRefusal(last, defaultPolicy, tz, now)).toBeNull();
    expect(intervalRefusal(beyond, defaultPolicy, tz, now)).toBe('too_far_ahead');
  });
  it('a day-part asked for after it began counts from now', () => {
    const morning = dayPartInterval('2026-12-01', 'morning', defaultPolicy, tz);
    expect(clampToNow(morning, now)).toEqual({ start: now, end: morning.end });
  });
});

describe('walk-up interval', () => {
  it('a desk until the end of the current day-part, a room for an hour', () => {
    const morning = at('2026-12-01T09:07:30+01:00');
    expect(walkUpInterval('desk', defaultPolicy, tz, morning)).toEqual({ start: at('2026-12-01T09:07:00+01:00'), end: at('2026-12-01T12:30:00+01:00') });
    expect(walkUpInterval('desk', defaultPolicy, tz, at('2026-12-01T13:00:00+01:00'))!.end).toBe(at('2026-12-01T18:00:00+01:00'));
    expect(walkUpInterval('meeting', defaultPolicy, tz, morning)!.end - at('2026-12-01T09:07:00+01:00')).toBe(60 * MINUTE);
  });
  it('no desk walk-up after the day is over, or in its last quarter hour', () => {
    expect(walkUpInterval('desk', defaultPolicy, tz, at('2026-12-01T18:00:00+01:00'))).toBeNull();
    expect(walkUpInterval('desk', defaultPolicy, tz, at('2026-12-01T17:50:00+01:00'))).toBeNull();
    expect(walkUpInterval('desk', defaultPolicy, tz, at('2026-12-01T17:45:00+01:00'))!.end).toBe(at('2026-12-01T18:00:00+01:00'));
  });
  it('a desk taken in the last minutes of the morning is kept for the afternoon', () => {
    expect(walkUpInterval('desk', defaultPolicy, tz, at('2026-12-01T12:20:00+01:00'))).toEqual({ start: at('2026-12-01T12:20:00+01:00'), end: at('2026-12-01T18:00:00+01:00') });
  });
});

describe('policy', () => {
  it('a patch merges into the current policy key by key', () => {
    const merged = mergePolicy(defaultPolicy, { graceMinutes: { meeting: 5 }, dayParts: { morning: { end: '12:00' } } });
    expect(merged.graceMinutes).toEqual({ ...defaultPolicy.graceMinutes, meeting: 5 });
    expect(merged.dayParts.morning).toEqual({ start: '08:00', end: '12:00' });
    expect(merged.daysAhead).toBe(defaultPolicy.daysAhead);
  });
  it('day-parts that end before they start or overlap are problems', () => {
    expect(policyProblems(defaultPolicy)).toEqual([]);
    expect(policyProblems(mergePolicy(defaultPolicy, { dayParts: { day: { start: '18:00', end: '08:00' } } }))).toHaveLength(1);
    expect(policyProblems(mergePolicy(defaultPolicy, { dayParts: { morning: { end: '13:00' } } }))).toHaveLength(1);
  });
});

describe('instants shown in the zone', () => {
  it('carry the offset valid at that instant, across both DST switches', () => {
    expect(toIsoInZone(Date.parse('2026-03-29T00:59:59Z'), tz)).toBe('2026-03-29T01:59:59+01:00');
    expect(toIsoInZone(Date.parse('2026-03-29T01:00:00Z'), tz)).toBe('2026-03-29T03:00:00+02:00');
    expect(toIsoInZone(Date.parse('2026-10-25T00:59:00Z'), tz)).toBe('2026-10-25T02:59:00+02:00');
    expect(toIsoInZone(Date.parse('2026-10-25T01:00:00Z'), tz)).toBe('2026-10-25T02:00:00+01:00');
    expect(toIsoInZone(Date.parse('2026-07-01T12:00:00Z'), 'America/St_Johns')).toBe('2026-07-01T09:30:00-02:30');
    expect(toIsoInZone(Date.parse('2026-07-01T12:00:00Z'), 'UTC')).toBe('2026-07-01T12:00:00+00:00');
  });
});
