import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AvailabilityDto } from '../../shared/api.js';
import { createServices } from '../app.js';
import { openDatabase } from '../db/database.js';
import { makeTestApp, T0, type Client, type TestApp } from '../testing.js';

let t: TestApp;
let anna: Client;
let bram: Client;
beforeEach(async () => {
  t = await makeTestApp();
  anna = await t.login('anna@test.nl');
  bram = await t.login('bram@test.nl');
});
afterEach(() => t.close());

const morning = { date: '2026-12-01', part: 'morning' } as const;
const at = (hhmm: string, date = '2026-12-01') => Date.parse(`${date}T${hhmm}:00+01:00`);
const state = (id: number) => t.db.prepare('SELECT state FROM reservations WHERE id = ?').pluck().get(id);

describe('reserving', () => {
  it('a desk for a day-part is converted in the location time zone and answered with offsets', async () => {
    const res = await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, ...morning });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ spaceId: t.desks[0]!.id, spaceCode: 'HUB-3-001', state: 'booked', start: '2026-12-01T08:00:00+01:00', end: '2026-12-01T12:30:00+01:00' });
  });

  it('a room for a time range with offsets', async () => {
    const res = await anna.post('/api/v1/reservations', { spaceId: t.room.id, start: '2026-12-01T10:00:00+01:00', end: '2026-12-01T09:30:00Z' });
    expect(res.status).toBe(201);
    expect(res.body.end).toBe('2026-12-01T10:30:00+01:00');
  });

  it('a second reservation for the same desk and hour is refused with conflict', async () => {
    expect((await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, ...morning })).status).toBe(201);
    const res = await bram.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, start: '2026-12-01T11:00:00+01:00', end: '2026-12-01T13:00:00+01:00' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('conflict');
    expect(t.db.prepare('SELECT count(*) FROM reservations').pluck().get()).toBe(1);
  });

  it('back-to-back reservations on one room are both accepted', async () => {
    const a = await anna.post('/api/v1/reservations', { spaceId: t.room.id, start: '2026-12-01T10:00:00+01:00', end: '2026-12-01T11:00:00+01:00' });
    const b = await bram.post('/api/v1/reservations', { spaceId: t.room.id, start: '2026-12-01T11:00:00+01:00', end: '2026-12-01T12:00:00+01:00' });
    expect([a.status, b.status]).toEqual([201, 201]);
  });

  it('the morning can still be reserved at 09:30, from then on', async () => {
    t.clock.set(at('09:30'));
    const res = await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, ...morning });
    expect(res.status).toBe(201);
    expect(res.body.start).toBe('2026-12-01T09:30:00+01:00');
  });

  it('refuses a time in the past, beyond daysAhead, an empty interval and a finished day-part', async () => {
    const past = await anna.post('/api/v1/reservations', { spaceId: t.room.id, start: '2026-11-30T10:00:00+01:00', end: '2026-11-30T11:00:00+01:00' });
    expect([past.status, past.body.error.code]).toEqual([422, 'start_in_past']);
    const far = await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, date: '2026-12-16', part: 'day' });
    expect([far.status, far.body.error.code]).toEqual([422, 'too_far_ahead']);
    const last = await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, date: '2026-12-15', part: 'day' });
    expect(last.status).toBe(201);
    const empty = await anna.post('/api/v1/reservations', { spaceId: t.room.id, start: '2026-12-01T10:00:00+01:00', end: '2026-12-01T10:00:00+01:00' });
    expect([empty.status, empty.body.error.code]).toEqual([422, 'invalid_interval']);
    t.clock.set(at('13:00'));
    const over = await anna.post('/api/v1/reservations', { spaceId: t.desks[1]!.id, ...morning });
    expect([over.status, over.body.error.code]).toEqual([422, 'start_in_past']);
  });

  it('one desk per person per day-part unless the policy allows more', async () => {
    expect((await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, ...morning })).status).toBe(201);
    const second = await anna.post('/api/v1/reservations', { spaceId: t.desks[1]!.id, date: '2026-12-01', part: 'day' });
    expect([second.status, second.body.error.code]).toEqual([409, 'limit_reached']);
    const afternoon = await anna.post('/api/v1/reservations', { spaceId: t.desks[1]!.id, date: '2026-12-01', part: 'afternoon' });
    expect(afternoon.status).toBe(201);
    const facility = await t.login('facility@test.nl');
    expect((await facility.put(`/api/v1/admin/locations/${t.hub.id}/policy`, { maxPerDay: 2 })).status).toBe(200);
    expect((await anna.post('/api/v1/reservations', { spaceId: t.desks[2]!.id, ...morning })).status).toBe(201);
  });

  it('nobody hoards: at most maxAhead reservations to come per person at a location; a past or released one frees a place', async () => {
    const facility = await t.login('facility@test.nl');
    await facility.put(`/api/v1/admin/locations/${t.hub.id}/policy`, { maxAhead: 3 });
    const room = (day: string) => ({ spaceId: t.room.id, start: `2026-12-${day}T10:00:00+01:00`, end: `2026-12-${day}T11:00:00+01:00` });
    const first = await anna.post('/api/v1/reservations', room('01'));
    expect(first.status).toBe(201);
    expect((await anna.post('/api/v1/reservations', room('02'))).status).toBe(201);
    expect((await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, date: '2026-12-03', part: 'day' })).status).toBe(201);
    const fourth = await anna.post('/api/v1/reservations', room('04'));
    expect([fourth.status, fourth.body.error.code, fourth.body.error.details]).toEqual([409, 'limit_reached', { maxAhead: 3 }]);
    expect((await bram.post('/api/v1/reservations', room('04'))).status).toBe(201); // the limit is per person
    await anna.post(`/api/v1/reservations/${first.body.id}/release`);
    expect((await anna.post('/api/v1/reservations', room('07'))).status).toBe(201);
    t.clock.set('2026-12-02T12:00:00+01:00'); // the one on the 2nd has ended
    expect((await anna.post('/api/v1/reservations', room('08'))).status).toBe(201);
  });

  it('a desk plus a meeting room at the same time is fine', async () => {
    expect((await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, ...morning })).status).toBe(201);
    expect((await anna.post('/api/v1/reservations', { spaceId: t.room.id, start: '2026-12-01T10:00:00+01:00', end: '2026-12-01T11:00:00+01:00' })).status).toBe(201);
  });

  it('an unknown space is not found', async () => {
    const res = await anna.post('/api/v1/reservations', { spaceId: 9999, ...morning });
    expect([res.status, res.body.error.code]).toEqual([404, 'not_found']);
  });

  it('a reservation on 2026-03-29 (DST starts) is 08:00 to 18:00 local', async () => {
    t.clock.set(Date.parse('2026-03-27T12:00:00+01:00'));
    const res = await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, date: '2026-03-29', part: 'day' });
    expect(res.status).toBe(201);
    expect([res.body.start, res.body.end]).toEqual(['2026-03-29T08:00:00+02:00', '2026-03-29T18:00:00+02:00']);
  });
});

describe('my reservations', () => {
  it('lists only my own, and someone else\'s reservation is not found for get, check-in and release', async () => {
    const mine = (await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, ...morning })).body;
    await bram.post('/api/v1/reservations', { spaceId: t.desks[1]!.id, ...morning });
    const list = await anna.get('/api/v1/reservations');
    expect(list.body.map((r: { id: number }) => r.id)).toEqual([mine.id]);
    expect((await bram.get(`/api/v1/reservations/${mine.id}`)).status).toBe(404);
    t.clock.set(at('08:00'));
    expect((await bram.post(`/api/v1/reservations/${mine.id}/check-in`, { key: t.desks[0]!.key })).status).toBe(404);
    expect((await bram.post(`/api/v1/reservations/${mine.id}/release`)).status).toBe(404);
    expect(state(mine.id)).toBe('booked');
  });

  it('the list takes a from/to window', async () => {
    await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, ...morning });
    await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, date: '2026-12-03', part: 'day' });
    const res = await anna.get('/api/v1/reservations?from=2026-12-02T00:00:00%2B01:00&to=2026-12-04T00:00:00%2B01:00');
    expect(res.body).toHaveLength(1);
    expect(res.body[0].start).toBe('2026-12-03T08:00:00+01:00');
    const bad = await anna.get('/api/v1/reservations?from=yesterday');
    expect([bad.status, bad.body.error.code]).toEqual([400, 'invalid_input']);
  });
});

describe('check-in', () => {
  let id: number;
  beforeEach(async () => {
    id = (await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, ...morning })).body.id;
  });

  it('with the key of the space inside the window checks in', async () => {
    t.clock.set(at('07:50'));
    const res = await anna.post(`/api/v1/reservations/${id}/check-in`, { key: t.desks[0]!.key });
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('checked_in');
    expect(res.body.checkedInAt).toBe('2026-12-01T07:50:00+01:00');
  });

  it('with the key of another space is refused with 403 and changes nothing', async () => {
    t.clock.set(at('08:05'));
    const res = await anna.post(`/api/v1/reservations/${id}/check-in`, { key: t.desks[1]!.key });
    expect([res.status, res.body.error.code]).toEqual([403, 'wrong_key']);
    expect(state(id)).toBe('booked');
  });

  it('too early says when it opens; after the grace it has passed', async () => {
    t.clock.set(at('07:40'));
    const early = await anna.post(`/api/v1/reservations/${id}/check-in`, { key: t.desks[0]!.key });
    expect([early.status, early.body.error.code, early.body.error.details.opensAt]).toEqual([409, 'check_in_not_open', '2026-12-01T07:45:00+01:00']);
    t.clock.set(at('08:30'));
    const late = await anna.post(`/api/v1/reservations/${id}/check-in`, { key: t.desks[0]!.key });
    expect([late.status, late.body.error.code]).toEqual([409, 'check_in_closed']);
  });

  it('a repeated scan leaves the check-in as it was', async () => {
    t.clock.set(at('08:00'));
    await anna.post(`/api/v1/reservations/${id}/check-in`, { key: t.desks[0]!.key });
    t.clock.set(at('08:10'));
    const again = await anna.post(`/api/v1/reservations/${id}/check-in`, { key: t.desks[0]!.key });
    expect([again.status, again.body.checkedInAt]).toEqual([200, '2026-12-01T08:00:00+01:00']);
  });
});

describe('release', () => {
  it('before start cancels and frees the desk at once', async () => {
    const r = (await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, ...morning })).body;
    const res = await anna.post(`/api/v1/reservations/${r.id}/release`);
    expect([res.status, res.body.state]).toEqual([200, 'cancelled']);
    expect((await bram.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, ...morning })).status).toBe(201);
  });

  it('after check-in checks out: completed, and the rest of the morning is free', async () => {
    const r = (await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, ...morning })).body;
    t.clock.set(at('08:00'));
    await anna.post(`/api/v1/reservations/${r.id}/check-in`, { key: t.desks[0]!.key });
    t.clock.set(at('10:00'));
    const res = await anna.post(`/api/v1/reservations/${r.id}/release`);
    expect([res.status, res.body.state]).toEqual([200, 'completed']);
    const avail = await bram.get(`/api/v1/availability?location=${t.hub.id}&from=2026-12-01T10:00:00%2B01:00&to=2026-12-01T12:30:00%2B01:00`);
    expect(avail.body.free).toContain(t.desks[0]!.id);
  });

  it('twice is refused with wrong_state', async () => {
    const r = (await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, ...morning })).body;
    await anna.post(`/api/v1/reservations/${r.id}/release`);
    const again = await anna.post(`/api/v1/reservations/${r.id}/release`);
    expect([again.status, again.body.error.code]).toEqual([409, 'wrong_state']);
  });
});

describe('walk-up', () => {
  it('a free desk scanned at 09:00 is reserved until the end of the morning and checked in', async () => {
    t.clock.set(at('09:00'));
    const res = await anna.post('/api/v1/walk-up', { code: 'HUB-3-002', key: t.desks[1]!.key });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ state: 'checked_in', start: '2026-12-01T09:00:00+01:00', end: '2026-12-01T12:30:00+01:00' });
  });

  it('near the end of the morning a desk is kept for the afternoon; in the last quarter hour of the day the location is closed, not the desk taken', async () => {
    t.clock.set(at('12:20'));
    const noon = await anna.post('/api/v1/walk-up', { code: 'HUB-3-002', key: t.desks[1]!.key });
    expect([noon.status, noon.body.end]).toEqual([201, '2026-12-01T18:00:00+01:00']);
    t.clock.set(at('17:50'));
    const late = await bram.post('/api/v1/walk-up', { code: 'HUB-3-001', key: t.desks[0]!.key });
    expect([late.status, late.body.error.code]).toEqual([409, 'location_closed']);
  });

  it('a room is taken for 60 minutes, or until the next meeting begins', async () => {
    await bram.post('/api/v1/reservations', { spaceId: t.room.id, start: '2026-12-01T09:30:00+01:00', end: '2026-12-01T10:00:00+01:00' });
    t.clock.set(at('09:00'));
    const res = await anna.post('/api/v1/walk-up', { code: 'HUB-3-M01', key: t.room.key });
    expect([res.status, res.body.end]).toEqual([201, '2026-12-01T09:30:00+01:00']);
    t.clock.set(at('10:00'));
    const later = await anna.post('/api/v1/walk-up', { code: 'HUB-3-M01', key: t.room.key });
    expect([later.status, later.body.end]).toEqual([201, '2026-12-01T11:00:00+01:00']);
  });

  it('a taken desk, a wrong key and an unknown code are refused', async () => {
    await bram.post('/api/v1/reservations', { spaceId: t.desks[1]!.id, ...morning });
    t.clock.set(at('08:10'));
    const taken = await anna.post('/api/v1/walk-up', { code: 'HUB-3-002', key: t.desks[1]!.key });
    expect([taken.status, taken.body.error.code]).toEqual([409, 'conflict']);
    const wrong = await anna.post('/api/v1/walk-up', { code: 'HUB-3-002', key: 'guess' });
    expect([wrong.status, wrong.body.error.code]).toEqual([403, 'wrong_key']);
    const unknown = await anna.post('/api/v1/walk-up', { code: 'NOPE-1', key: 'x' });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'not_found']);
  });

  it('scanning my own booked desk checks in that booking instead of making a new one', async () => {
    const r = (await anna.post('/api/v1/reservations', { spaceId: t.desks[1]!.id, ...morning })).body;
    t.clock.set(at('08:05'));
    const res = await anna.post('/api/v1/walk-up', { code: 'HUB-3-002', key: t.desks[1]!.key });
    expect([res.status, res.body.id, res.body.state]).toEqual([200, r.id, 'checked_in']);
  });

  it('a no-show desk is free for a walk-up before the sweep has run', async () => {
    await bram.post('/api/v1/reservations', { spaceId: t.desks[1]!.id, ...morning });
    t.clock.set(at('08:31'));
    const res = await anna.post('/api/v1/walk-up', { code: 'HUB-3-002', key: t.desks[1]!.key });
    expect(res.status).toBe(201);
  });
});

describe('idempotency', () => {
  const key = '6f1c7a52-5d0e-4a55-8d52-7d7a1a0a9b11';
  it('a replay with the same key returns the first answer and creates nothing', async () => {
    const first = await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, ...morning }, { 'idempotency-key': key });
    const replay = await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, ...morning }, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(t.db.prepare('SELECT count(*) FROM reservations').pluck().get()).toBe(1);
  });

  it('a refusal is replayed as the same refusal', async () => {
    await bram.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, ...morning });
    const first = await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, ...morning }, { 'idempotency-key': key });
    const replay = await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, ...morning }, { 'idempotency-key': key });
    expect([first.status, replay.status, replay.body.error.code]).toEqual([409, 409, 'conflict']);
  });

  it('the same key for another request is refused; keys are per person', async () => {
    await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, ...morning }, { 'idempotency-key': key });
    const other = await anna.post('/api/v1/reservations', { spaceId: t.desks[1]!.id, date: '2026-12-02', part: 'day' }, { 'idempotency-key': key });
    expect([other.status, other.body.error.code]).toEqual([422, 'idempotency_key_reused']);
    const bramsOwn = await bram.post('/api/v1/reservations', { spaceId: t.desks[1]!.id, ...morning }, { 'idempotency-key': key });
    expect(bramsOwn.status).toBe(201);
  });

  it('a key that is not a UUID is invalid input', async () => {
    const res = await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, ...morning }, { 'idempotency-key': 'abc' });
    expect([res.status, res.body.error.code]).toEqual([400, 'invalid_input']);
  });
});

describe('availability and no-shows', () => {
  const window = (from: string, to: string) => `/api/v1/availability?location=${t.hub.id}&from=2026-12-01T${from}:00%2B01:00&to=2026-12-01T${to}:00%2B01:00`;
  const desk = (body: AvailabilityDto, i: number) => ({ free: body.free.includes(t.desks[i]!.id) });

  it('lists the free spaces by id and the held ones with their ranges in ms and state, no space details', async () => {
    const desk0 = (await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, ...morning })).body;
    await bram.post('/api/v1/reservations', { spaceId: t.room.id, start: '2026-12-01T14:00:00+01:00', end: '2026-12-01T15:00:00+01:00' });
    await bram.post('/api/v1/reservations', { spaceId: t.room.id, start: '2026-12-01T09:00:00+01:00', end: '2026-12-01T09:30:00+01:00' });
    t.clock.set(at('08:00'));
    expect((await anna.post(`/api/v1/reservations/${desk0.id}/check-in`, { key: t.desks[0]!.key })).status).toBe(200);
    const res = await bram.get(window('08:00', '18:00'));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      locationId: t.hub.id,
      from: '2026-12-01T08:00:00+01:00',
      to: '2026-12-01T18:00:00+01:00',
      free: [t.desks[1]!.id, t.desks[2]!.id],
      busy: [
        { spaceId: t.desks[0]!.id, ranges: [[Date.parse('2026-12-01T08:00:00+01:00'), Date.parse('2026-12-01T12:30:00+01:00'), 'checked_in']] },
        {
          spaceId: t.room.id,
          ranges: [
            [Date.parse('2026-12-01T09:00:00+01:00'), Date.parse('2026-12-01T09:30:00+01:00'), 'booked'],
            [Date.parse('2026-12-01T14:00:00+01:00'), Date.parse('2026-12-01T15:00:00+01:00'), 'booked'],
          ],
        },
      ],
      holidays: [],
    });
  });

  it('a space retired since leaves both lists, so a cached catalogue does not show it free', async () => {
    const facility = await t.login('facility@test.nl');
    expect((await facility.post(`/api/v1/admin/spaces/${t.desks[2]!.id}/retire`)).status).toBe(200);
    const body: AvailabilityDto = (await bram.get(window('08:00', '18:00'))).body;
    expect([...body.free, ...body.busy.map((b) => b.spaceId)]).not.toContain(t.desks[2]!.id);
    expect(body.free).toContain(t.desks[1]!.id);
  });

  it('a no-show whose grace has passed is free before the sweep has run', async () => {
    const r = (await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, ...morning })).body;
    t.clock.set(at('08:29'));
    expect(desk((await bram.get(window('08:29', '12:00'))).body, 0).free).toBe(false);
    t.clock.set(at('08:30'));
    expect(desk((await bram.get(window('08:30', '12:00'))).body, 0).free).toBe(true);
    expect(state(r.id)).toBe('booked');
    expect((await anna.get(`/api/v1/reservations/${r.id}`)).body.state).toBe('no_show');
    expect((await bram.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, ...morning })).status).toBe(201);
    expect(state(r.id)).toBe('no_show');
  });

  it('the sweep marks due no-shows, keeps the rows, never touches check-ins, and is safe twice and after a restart', async () => {
    const a = (await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, ...morning })).body;
    const b = (await bram.post('/api/v1/reservations', { spaceId: t.desks[1]!.id, ...morning })).body;
    const room = (await bram.post('/api/v1/reservations', { spaceId: t.room.id, start: '2026-12-01T09:00:00+01:00', end: '2026-12-01T10:00:00+01:00' })).body;
    t.clock.set(at('08:10'));
    await bram.post(`/api/v1/reservations/${b.id}/check-in`, { key: t.desks[1]!.key });
    t.clock.set(at('08:30'));
    expect(t.s.reservations.sweep()).toEqual({ noShows: 1, completed: 0 });
    expect([state(a.id), state(b.id), state(room.id)]).toEqual(['no_show', 'checked_in', 'booked']);
    expect(t.s.reservations.sweep()).toEqual({ noShows: 0, completed: 0 });

    // A restart: new services on the same file, the clock past the room's grace (10 minutes).
    const restarted = createServices(openDatabase(t.dbFile), t.clock, t.s.config);
    t.clock.set(at('09:10'));
    expect(restarted.reservations.sweep()).toEqual({ noShows: 1, completed: 0 });
    expect(state(room.id)).toBe('no_show');
    t.clock.set(at('12:30'));
    expect(restarted.reservations.sweep()).toEqual({ noShows: 0, completed: 1 });
    expect(state(b.id)).toBe('completed');
    expect(t.db.prepare('SELECT count(*) FROM reservations').pluck().get()).toBe(3);
  });

  it('refuses a window that is reversed or longer than 31 days, and an unknown location', async () => {
    expect((await bram.get(window('12:00', '08:00'))).body.error.code).toBe('invalid_interval');
    const unknown = await bram.get(`/api/v1/availability?location=999&from=2026-12-01T08:00:00Z&to=2026-12-01T09:00:00Z`);
    expect(unknown.status).toBe(404);
    const missing = await bram.get(`/api/v1/availability?location=${t.hub.id}`);
    expect([missing.status, missing.body.error.code]).toEqual([400, 'invalid_input']);
  });

});

describe('the database itself', () => {
  const insert = (space: number, start: string, end: string, state = 'booked') =>
    t.db
      .prepare('INSERT INTO reservations (space_id, user_id, start_ms, end_ms, state, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(space, t.users.anna.id, Date.parse(start), Date.parse(end), state, T0);

  it('refuses an overlapping active reservation even when the service is bypassed', () => {
    insert(t.desks[0]!.id, '2026-12-01T09:00:00Z', '2026-12-01T10:00:00Z');
    expect(() => insert(t.desks[0]!.id, '2026-12-01T09:59:00Z', '2026-12-01T11:00:00Z')).toThrow(/reservation_overlap/);
    expect(() => insert(t.desks[0]!.id, '2026-12-01T08:00:00Z', '2026-12-02T08:00:00Z')).toThrow(/reservation_overlap/);
    insert(t.desks[0]!.id, '2026-12-01T10:00:00Z', '2026-12-01T11:00:00Z');
    insert(t.desks[0]!.id, '2026-12-01T09:30:00Z', '2026-12-01T10:30:00Z', 'cancelled');
    const id = insert(t.desks[0]!.id, '2026-12-01T09:30:00Z', '2026-12-01T09:45:00Z', 'no_show').lastInsertRowid;
    expect(() => t.db.prepare("UPDATE reservations SET state = 'booked' WHERE id = ?").run(id)).toThrow(/reservation_overlap/);
  });

  it('refuses a reservation longer than a day or ending before it starts', () => {
    expect(() => insert(t.desks[1]!.id, '2026-12-01T09:00:00Z', '2026-12-02T09:00:01Z')).toThrow(/CHECK/);
    expect(() => insert(t.desks[1]!.id, '2026-12-01T09:00:00Z', '2026-12-01T09:00:00Z')).toThrow(/CHECK/);
  });
});
