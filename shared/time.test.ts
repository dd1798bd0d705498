import { describe, expect, it } from 'vitest';
import { addDaysToDate, localDate, localTime, toIsoInZone } from './time.js';

const AMS = 'Europe/Amsterdam';

describe('time in a zone', () => {
  it('writes instants with the offset of that moment, also around the DST changes and when asked again', () => {
    for (let round = 0; round < 2; round++) {
      expect(toIsoInZone(Date.parse('2026-03-29T00:59:00Z'), AMS)).toBe('2026-03-29T01:59:00+01:00');
      expect(toIsoInZone(Date.parse('2026-03-29T01:00:00Z'), AMS)).toBe('2026-03-29T03:00:00+02:00');
      expect(toIsoInZone(Date.parse('2026-10-25T00:30:00Z'), AMS)).toBe('2026-10-25T02:30:00+02:00');
      expect(toIsoInZone(Date.parse('2026-10-25T01:30:00Z'), AMS)).toBe('2026-10-25T02:30:00+01:00');
      expect(toIsoInZone(Date.parse('2026-12-01T09:15:42.123Z'), AMS)).toBe('2026-12-01T10:15:42+01:00');
    }
  });

  it('gives the local date and time, to the second before midnight', () => {
    expect(localDate(Date.parse('2026-12-01T22:59:59.999Z'), AMS)).toBe('2026-12-01');
    expect(localDate(Date.parse('2026-12-01T23:00:00Z'), AMS)).toBe('2026-12-02');
    expect(localTime(Date.parse('2026-12-01T22:59:59.999Z'), AMS)).toBe('23:59');
    expect(localDate(Date.parse('2026-07-01T21:59:30Z'), AMS)).toBe('2026-07-01');
    expect(localDate(Date.parse('2026-07-01T22:00:30Z'), AMS)).toBe('2026-07-02');
  });

  it('adds days across months, years and leap days, the same every time', () => {
    for (let round = 0; round < 2; round++) {
      expect(addDaysToDate('2026-12-31', 1)).toBe('2027-01-01');
      expect(addDaysToDate('2028-02-28', 1)).toBe('2028-02-29');
      expect(addDaysToDate('2026-03-01', -1)).toBe('2026-02-28');
      expect(addDaysToDate('2026-12-01', 90)).toBe('2027-03-01');
      expect(addDaysToDate('2026-12-01', 11)).toBe('2026-12-12');
      expect(addDaysToDate('2026-12-0', 11)).not.toBe(addDaysToDate('2026-12-01', 1)); // no mixed-up keys
    }
  });
});
