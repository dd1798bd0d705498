import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type Client, type TestApp } from '../testing.js';

let t: TestApp;
let anna: Client;
let bram: Client;
beforeEach(async () => {
  t = await makeTestApp(); // Tuesday 1 December 2026, 07:00
  anna = await t.login('anna@test.nl');
  bram = await t.login('bram@test.nl');
});
afterEach(() => t.close());

const desk = (who: Client, i: number, date: string, part: 'morning' | 'afternoon' | 'day') => who.post('/api/v1/reservations', { spaceId: t.desks[i]!.id, date, part });
const room = (who: Client, start: string, end: string) =>
  who.post('/api/v1/reservations', { spaceId: t.room.id, start: `2026-12-02T${start}:00+01:00`, end: `2026-12-02T${end}:00+01:00` });
const read = async (who: Client, id: number) => (await who.get(`/api/v1/reservations/${id}`)).body;

describe('changing a reservation', () => {
  it('another day-part on the same desk: the same reservation, and the morning is free for someone else', async () => {
    const mine = (await desk(anna, 0, '2026-12-02', 'morning')).body;
    const heard: { spaceId: number; reservationId: number }[] = [];
    t.s.events.subscribe(t.hub.id, (e) => heard.push({ spaceId: e.spaceId, reservationId: e.reservationId }));
    const changed = await anna.patch(`/api/v1/reservations/${mine.id}`, { date: '2026-12-02', part: 'afternoon' });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect([changed.body.id, changed.body.start, changed.body.end, changed.body.state]).toEqual([mine.id, '2026-12-02T12:30:00+01:00', '2026-12-02T18:00:00+01:00', 'booked']);
    expect(heard).toEqual([{ spaceId: t.desks[0]!.id, reservationId: mine.id }]);
    expect((await desk(bram, 0, '2026-12-02', 'morning')).status).toBe(201);
  });

  it('another space at the same time: the old space is free and both boards hear of it', async () => {
    const mine = (await desk(anna, 0, '2026-12-02', 'morning')).body;
    const heard: number[] = [];
    t.s.events.subscribe(t.hub.id, (e) => heard.push(e.spaceId));
    const moved = await anna.patch(`/api/v1/reservations/${mine.id}`, { spaceId: t.desks[2]!.id });
    expect([moved.status, moved.body.spaceId, moved.body.start]).toEqual([200, t.desks[2]!.id, mine.start]);
    expect(heard.sort()).toEqual([t.desks[0]!.id, t.desks[2]!.id].sort());
    expect((await desk(bram, 0, '2026-12-02', 'morning')).status).toBe(201);
  });

  it('atomic: a change into a taken slot is refused and the old reservation stays as it was', async () => {
    const mine = (await desk(anna, 0, '2026-12-02', 'morning')).body;
    expect((await desk(bram, 0, '2026-12-02', 'afternoon')).status).toBe(201);
    const refused = await anna.patch(`/api/v1/reservations/${mine.id}`, { date: '2026-12-02', part: 'afternoon' });
    expect([refused.status, refused.body.error.code]).toEqual([409, 'conflict']);
    expect(refused.body.error.details.alternative.spaceId).not.toBe(t.desks[0]!.id); // a free desk offered instead
    expect(await read(anna, mine.id)).toEqual(mine);
    // Bram still has his afternoon: nobody lost anything.
    expect((await desk(anna, 1, '2026-12-02', 'morning')).status).toBe(409); // her own limit: the morning is still hers
  });

  it('a room: extended up to the next booking, shortened, and not extended into the next meeting', async () => {
    const mine = (await room(anna, '10:00', '11:00')).body;
    expect((await room(bram, '12:00', '13:00')).status).toBe(201);
    const extended = await anna.patch(`/api/v1/reservations/${mine.id}`, { untilNext: true });
    expect([extended.status, extended.body.end]).toEqual([200, '2026-12-02T12:00:00+01:00']);
    const shorter = await anna.patch(`/api/v1/reservations/${mine.id}`, { end: '2026-12-02T10:30:00+01:00' });
    expect([shorter.status, shorter.body.start, shorter.body.end]).toEqual([200, '2026-12-02T10:00:00+01:00', '2026-12-02T10:30:00+01:00']);
    const into = await anna.patch(`/api/v1/reservations/${mine.id}`, { end: '2026-12-02T12:30:00+01:00' });
    expect([into.status, into.body.error.code]).toEqual([409, 'conflict']);
    expect((await read(anna, mine.id)).end).toBe('2026-12-02T10:30:00+01:00');
    // Bram's meeting is the last of the day: his extends to closing time.
    const bramsId = (await bram.get('/api/v1/reservations')).body[0].id;
    expect((await bram.patch(`/api/v1/reservations/${bramsId}`, { untilNext: true })).body.end).toBe('2026-12-02T18:00:00+01:00');
    expect((await bram.patch(`/api/v1/reservations/${bramsId}`, { untilNext: true })).body.error.code).toBe('conflict');
  });

  it('in use: a checked-in meeting may run longer, but keeps its room and start', async () => {
    const mine = (await room(anna, '10:00', '11:00')).body;
    t.clock.set('2026-12-02T10:02:00+01:00');
    anna = await t.login('anna@test.nl');
    expect((await anna.post(`/api/v1/reservations/${mine.id}/check-in`, { key: t.room.key })).status).toBe(200);
    const longer = await anna.patch(`/api/v1/reservations/${mine.id}`, { end: '2026-12-02T11:30:00+01:00' });
    expect([longer.status, longer.body.state, longer.body.end]).toEqual([200, 'checked_in', '2026-12-02T11:30:00+01:00']);
    const later = await anna.patch(`/api/v1/reservations/${mine.id}`, { start: '2026-12-02T10:30:00+01:00', end: '2026-12-02T11:30:00+01:00' });
    expect([later.status, later.body.error.code]).toEqual([409, 'wrong_state']);
  });

  it('the race: two people changing into the same slot at once get one success and one clear refusal', async () => {
    const annas = (await desk(anna, 0, '2026-12-02', 'morning')).body;
    const brams = (await desk(bram, 1, '2026-12-02', 'morning')).body;
    const [a, b] = await Promise.all([
      anna.patch(`/api/v1/reservations/${annas.id}`, { spaceId: t.desks[2]!.id }, { 'idempotency-key': crypto.randomUUID() }),
      bram.patch(`/api/v1/reservations/${brams.id}`, { spaceId: t.desks[2]!.id }, { 'idempotency-key': crypto.randomUUID() }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.error.code).toBe('conflict');
    expect(loser.body.error.message).toMatch(/already reserved/);
    // The loser keeps what they had; exactly one reservation holds desk 3 that morning.
    const [loserClient, loserOld] = a.status === 409 ? [anna, annas] : [bram, brams];
    expect(await read(loserClient, loserOld.id)).toEqual(loserOld);
    expect(t.db.prepare("SELECT count(*) FROM reservations WHERE space_id = ? AND state = 'booked'").pluck().get(t.desks[2]!.id)).toBe(1);
  });

  it('the rules of a new booking hold, each refusal with its code', async () => {
    t.s.admin.updatePolicy(null, t.hub.id, { openDays: ['mon', 'tue', 'wed', 'thu', 'fri'] }, null);
    const mine = (await desk(anna, 0, '2026-12-02', 'morning')).body;
    expect((await desk(anna, 1, '2026-12-02', 'afternoon')).status).toBe(201);
    const cases: [unknown, number, string][] = [
      [{ date: '2026-11-30', part: 'morning' }, 422, 'start_in_past'],
      [{ date: '2026-12-31', part: 'morning' }, 422, 'too_far_ahead'],
      [{ date: '2026-12-02', part: 'day' }, 409, 'limit_reached'], // her afternoon desk is one already
      [{ date: '2026-12-05', part: 'morning' }, 409, 'closed_day'], // a Saturday
      [{ start: '2026-12-02T10:07:00+01:00', end: '2026-12-02T11:00:00+01:00' }, 422, 'off_grid'],
      [{ end: '2026-12-02T12:10:00+01:00' }, 422, 'off_grid'],
      [{ start: '2026-12-02T17:00:00+01:00', end: '2026-12-02T19:00:00+01:00' }, 422, 'outside_opening_hours'],
      [{ spaceId: 9999 }, 404, 'not_found'],
      [{ end: '2026-12-02T07:00:00+01:00' }, 422, 'invalid_interval'],
      [{ date: '2026-12-02' }, 400, 'invalid_input'],
      [{ untilNext: false }, 400, 'invalid_input'],
      [{ part: 'afternoon', colour: 'red' }, 400, 'invalid_input'],
    ];
    for (const [body, status, code] of cases) {
      const res = await anna.patch(`/api/v1/reservations/${mine.id}`, body);
      expect([JSON.stringify(body), res.status, res.body.error?.code]).toEqual([JSON.stringify(body), status, code]);
    }
    expect(await read(anna, mine.id)).toEqual(mine);
    expect((await bram.patch(`/api/v1/reservations/${mine.id}`, { date: '2026-12-03', part: 'morning' })).status).toBe(404);
    expect((await anna.post(`/api/v1/reservations/${mine.id}/release`)).status).toBe(200);
    expect((await anna.patch(`/api/v1/reservations/${mine.id}`, { date: '2026-12-03', part: 'morning' })).body.error.code).toBe('wrong_state');
    t.clock.set('2026-12-14T07:00:00+01:00');
    anna = await t.login('anna@test.nl');
    const eve = (await desk(anna, 0, '2026-12-24', 'morning')).body;
    const christmas = await anna.patch(`/api/v1/reservations/${eve.id}`, { date: '2026-12-25', part: 'morning' });
    expect([christmas.status, christmas.body.error.code]).toEqual([409, 'holiday_closed']);
    expect(await read(anna, eve.id)).toEqual(eve);
  });
});
