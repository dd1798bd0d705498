import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../testing.js';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

describe('a refused policy names each field and why, by code', () => {
  it('a value out of range: the field, the zod code and the bound, so the app can say it beside the field', async () => {
    const facility = await t.login('facility@test.nl');
    const res = await facility.put(`/api/v1/admin/locations/${t.hub.id}/policy`, { graceMinutes: { desk: 5000 }, maxPerDay: 0, teamHoldReleaseTime: '25:00', daysAhead: null });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
    const byPath = Object.fromEntries(res.body.error.details.map((d: { path: string }) => [d.path, d]));
    expect(byPath['graceMinutes.desk']).toMatchObject({ code: 'too_big', maximum: 1440 });
    expect(byPath['maxPerDay']).toMatchObject({ code: 'too_small', minimum: 1 });
    expect(byPath['teamHoldReleaseTime']).toMatchObject({ code: 'invalid_format' });
    expect(byPath['daysAhead']).toMatchObject({ code: 'invalid_type' });
  });

  it('day-parts that do not fit: the field to change and a code per problem; nothing is stored', async () => {
    const facility = await t.login('facility@test.nl');
    const before = t.db.prepare('SELECT policy FROM locations WHERE id = ?').pluck().get(t.hub.id);
    const res = await facility.put(`/api/v1/admin/locations/${t.hub.id}/policy`, { dayParts: { morning: { start: '12:00', end: '11:00' }, afternoon: { start: '10:00' } } });
    expect([res.status, res.body.error.code]).toEqual([422, 'invalid_policy']);
    expect(res.body.error.details.map((d: { path: string; code: string }) => [d.path, d.code])).toEqual([
      ['dayParts.morning.end', 'ends_before_start'],
      ['dayParts.afternoon.start', 'overlaps_morning'],
    ]);
    expect(t.db.prepare('SELECT policy FROM locations WHERE id = ?').pluck().get(t.hub.id)).toBe(before);
  });
});
