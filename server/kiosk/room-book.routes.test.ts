import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { roomBookOptions } from '../../shared/room-display.js';
import { Client, makeTestApp, type TestApp } from '../testing.js';

let t: TestApp;
let display: Client;
let anna: Client;
beforeEach(async () => {
  t = await makeTestApp();
  const admin = await t.login('admin@test.nl');
  const created = await admin.post('/api/v1/admin/kiosks', { name: 'Deur M01', locationId: t.hub.id, spaceId: t.room.id });
  display = new Client(t.app);
  expect((await display.post('/api/v1/kiosk/pair', { code: created.body.pairingCode })).status).toBe(200);
  anna = await t.login('anna@test.nl');
  // As in issue 17 (19:55, a meeting at 20:04), on the quarter-hour grid: a meeting at 20:00, looked at 19:51.
  t.s.admin.updatePolicy(null, t.hub.id, { dayParts: { morning: { start: '07:00', end: '12:00' }, afternoon: { start: '12:00', end: '23:00' }, day: { start: '07:00', end: '23:00' } } }, null);
  t.clock.set('2026-12-01T19:00:00+01:00');
  const meeting = await anna.post('/api/v1/reservations', { spaceId: t.room.id, start: '2026-12-01T20:00:00+01:00', end: '2026-12-01T21:00:00+01:00' });
  expect(meeting.status).toBe(201);
  t.clock.set('2026-12-01T19:51:20+01:00');
});
afterEach(() => t.close());

const book = (body: object) => display.post('/api/v1/kiosk/room/book', body, { 'idempotency-key': crypto.randomUUID() });
const meetings = () => t.db.prepare("SELECT start_ms, end_ms FROM reservations WHERE space_id = ? AND state IN ('booked', 'checked_in') ORDER BY start_ms").all(t.room.id) as { start_ms: number; end_ms: number }[];

describe('booking a room at its display', () => {
  it('refuses a length that runs into the next meeting with not_free_that_long and the time it is free until, instead of cutting it short', async () => {
    for (const minutes of [15, 30, 60]) {
      const res = await book({ minutes });
      expect([res.status, res.body.error.code, res.body.error.details]).toEqual([409, 'not_free_that_long', { freeUntil: '2026-12-01T20:00:00+01:00' }]);
    }
    expect(meetings()).toHaveLength(1);
  });

  it('books "tot 20:00": the gap up to the next meeting, checked in at once', async () => {
    const status = (await display.get('/api/v1/kiosk/room')).body;
    expect(status.next).toMatchObject({ start: '2026-12-01T20:00:00+01:00' });
    // What the display offers at 19:51 is only that gap; the server takes exactly that.
    expect(roomBookOptions(t.clock.now(), Date.parse(status.next.start))).toEqual([{ until: Date.parse('2026-12-01T20:00:00+01:00'), end: Date.parse('2026-12-01T20:00:00+01:00') }]);
    const res = await book({ until: status.next.start });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ start: '2026-12-01T19:51:00+01:00', end: '2026-12-01T20:00:00+01:00', state: 'checked_in' });
    expect((await display.get('/api/v1/kiosk/room')).body.current).toMatchObject({ end: '2026-12-01T20:00:00+01:00' });
  });

  it('takes 15 and 30 minutes when the next meeting is 45 minutes away, and offers "until" for the rest of the gap', async () => {
    t.clock.set('2026-12-01T19:15:00+01:00');
    const next = Date.parse('2026-12-01T20:00:00+01:00');
    expect(roomBookOptions(t.clock.now(), next).map((o) => ('minutes' in o ? o.minutes : 'until'))).toEqual([15, 30, 'until']);
    expect((await book({ minutes: 60 })).body.error.code).toBe('not_free_that_long');
    const res = await book({ minutes: 30 });
    expect(res.status).toBe(201);
    expect(res.body.end).toBe('2026-12-01T19:45:00+01:00');
  });

  it('refuses an end past the next meeting, under five minutes away, or more than an hour away, with a code', async () => {
    expect((await book({ until: '2026-12-01T20:30:00+01:00' })).body.error.code).toBe('not_free_that_long');
    t.clock.set('2026-12-01T19:57:00+01:00');
    const short = await book({ until: '2026-12-01T20:00:00+01:00' });
    expect([short.status, short.body.error.code]).toEqual([422, 'invalid_interval']);
    t.clock.set('2026-12-01T21:00:00+01:00');
    expect((await book({ until: '2026-12-01T22:30:00+01:00' })).body.error.code).toBe('invalid_interval');
    expect((await book({ until: 'tomorrow' })).status).toBe(400);
    expect(meetings()).toHaveLength(1);
  });

  it('while a meeting is on, refuses any booking with conflict', async () => {
    t.clock.set('2026-12-01T20:05:00+01:00');
    expect((await book({ minutes: 15 })).body.error.code).toBe('conflict');
  });
});
