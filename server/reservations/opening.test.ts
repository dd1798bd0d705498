import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type Client, type TestApp } from '../testing.js';

let t: TestApp;
let anna: Client;
let facility: Client;
beforeEach(async () => {
  t = await makeTestApp();
  [anna, facility] = await Promise.all([t.login('anna@test.nl'), t.login('facility@test.nl')]);
});
afterEach(() => t.close());

// T0 is Tuesday 1 December 2026, 07:00 in Amsterdam; the default opening hours 08:00 to 18:00.
const room = (start: string, end: string, date = '2026-12-01') => anna.post('/api/v1/reservations', { spaceId: t.room.id, start: `${date}T${start}:00+01:00`, end: `${date}T${end}:00+01:00` });
const count = () => t.db.prepare('SELECT count(*) FROM reservations').pluck().get();

describe('what the server takes: the quarter-hour grid, the opening hours and the open days', () => {
  it('a room off the quarter hour is refused with a code; on it, it is taken', async () => {
    const odd = await room('10:07', '10:22');
    expect([odd.status, odd.body.error.code]).toEqual([422, 'off_grid']);
    expect((await room('10:00', '10:20')).body.error.code).toBe('off_grid');
    expect((await anna.post('/api/v1/reservations', { spaceId: t.room.id, start: '2026-12-01T10:00:30+01:00', end: '2026-12-01T10:15:00+01:00' })).body.error.code).toBe('off_grid');
    expect(count()).toBe(0);
    expect((await room('10:00', '10:15')).status).toBe(201);
  });

  it('a room outside the opening hours is refused, naming the hours; the first and last quarter are taken', async () => {
    const late = await room('22:00', '23:00');
    expect([late.status, late.body.error.code, late.body.error.details]).toEqual([422, 'outside_opening_hours', { start: '08:00', end: '18:00' }]);
    expect((await room('07:45', '08:15')).body.error.code).toBe('outside_opening_hours');
    expect((await room('17:30', '18:15')).body.error.code).toBe('outside_opening_hours');
    expect(count()).toBe(0);
    expect((await room('08:00', '08:15')).status).toBe(201);
    expect((await room('17:45', '18:00')).status).toBe(201);
    // The hours follow the day-parts: a location open until 20:00 takes a room at 19:00.
    await facility.put(`/api/v1/admin/locations/${t.hub.id}/policy`, { dayParts: { day: { end: '20:00' } } });
    expect((await room('19:00', '20:00')).status).toBe(201);
  });

  it('a location open on workdays only refuses a desk and a room on Saturday and shows the weekend as closed', async () => {
    const policy = await facility.put(`/api/v1/admin/locations/${t.hub.id}/policy`, { openDays: ['fri', 'mon', 'tue', 'wed', 'thu', 'mon'] });
    expect(policy.body.policy.openDays).toEqual(['mon', 'tue', 'wed', 'thu', 'fri']);
    const desk = await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, date: '2026-12-05', part: 'morning' });
    expect([desk.status, desk.body.error.code]).toEqual([409, 'closed_day']);
    expect((await room('10:00', '11:00', '2026-12-06')).body.error.code).toBe('closed_day');
    expect(count()).toBe(0);
    expect((await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, date: '2026-12-04', part: 'morning' })).status).toBe(201);

    const week = (await anna.get(`/api/v1/locations/${t.hub.id}/week?from=2026-12-01`)).body as { date: string; closed: boolean }[];
    expect(week.map((d) => [d.date, d.closed])).toEqual([
      ['2026-12-01', false],
      ['2026-12-02', false],
      ['2026-12-03', false],
      ['2026-12-04', false],
      ['2026-12-05', true],
      ['2026-12-06', true],
      ['2026-12-07', false],
    ]);
    // The default stays open every day: a location that opens on Saturdays loses nothing.
    const other = t.s.admin.createLocation(null, { name: 'Stadswinkel', kind: 'service' }, null);
    expect(other.policy.openDays).toEqual(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
  });

  it('open days that name no day or an unknown one are refused with a code', async () => {
    for (const openDays of [[], ['zat'], 'mon']) {
      const res = await facility.put(`/api/v1/admin/locations/${t.hub.id}/policy`, { openDays });
      expect([res.status, res.body.error.code]).toEqual([400, 'invalid_input']);
    }
  });
});
