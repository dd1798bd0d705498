import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type Client, type TestApp } from '../testing.js';

let t: TestApp;
let anna: Client;
beforeEach(async () => {
  t = await makeTestApp(); // Tuesday 1 December 2026, 07:00; the hub books 14 days ahead
  anna = await t.login('anna@test.nl');
});
afterEach(() => t.close());

type Occ = { date: string; status: string; code: string | null; reservation: { id: number; state: string; start: string } | null };
const outcomes = (occ: Occ[]) => occ.map((o) => `${o.date} ${o.status}${o.code ? ` ${o.code}` : ''}`);
const tueThu = () => ({ spaceId: t.desks[0]!.id, days: ['tue', 'thu'], from: '2026-12-01', until: '2026-12-31', part: 'morning' });

describe('a series: every Tuesday and Thursday until the end of the month', () => {
  it('books each date by the single booking rules and says per date what happened and why', async () => {
    const bram = await t.login('bram@test.nl');
    expect((await bram.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, date: '2026-12-08', part: 'morning' })).status).toBe(201);
    expect((await anna.post('/api/v1/reservations', { spaceId: t.desks[1]!.id, date: '2026-12-10', part: 'morning' })).status).toBe(201);
    const res = await anna.post('/api/v1/series', tueThu());
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(outcomes(res.body.occurrences)).toEqual([
      '2026-12-01 created',
      '2026-12-03 created',
      '2026-12-08 refused conflict', // Bram has that desk
      '2026-12-10 refused limit_reached', // Anna already has a desk that morning
      '2026-12-15 created', // the last day within daysAhead
      '2026-12-17 pending',
      '2026-12-22 pending',
      '2026-12-24 pending',
      '2026-12-29 pending',
      '2026-12-31 pending',
    ]);
    const first = res.body.occurrences[0] as Occ;
    expect([first.reservation!.state, first.reservation!.start]).toEqual(['booked', '2026-12-01T08:00:00+01:00']);
    // The bookings are ordinary ones: they are in the person's list and read back alike.
    const mine = await anna.get('/api/v1/reservations?from=2026-12-01T00:00:00%2B01:00&to=2026-12-16T00:00:00%2B01:00');
    expect(mine.body.map((r: { start: string }) => r.start.slice(0, 10))).toEqual(['2026-12-01', '2026-12-03', '2026-12-10', '2026-12-15']);
    expect((await anna.get(`/api/v1/series/${res.body.id}`)).body).toEqual(res.body);
    expect((await anna.get('/api/v1/series')).body.map((s: { id: number }) => s.id)).toEqual([res.body.id]);
  });

  it('the kiosk board hears of each booked date once, after the commit', async () => {
    const heard: { spaceId: number; inTransaction: boolean }[] = [];
    t.s.events.subscribe(t.hub.id, (e) => heard.push({ spaceId: e.spaceId, inTransaction: t.db.inTransaction }));
    const res = await anna.post('/api/v1/series', tueThu(), { 'idempotency-key': crypto.randomUUID() });
    expect(res.status).toBe(201);
    const created = (res.body.occurrences as Occ[]).filter((o) => o.status === 'created');
    expect(created).toHaveLength(5);
    expect(heard).toEqual(created.map(() => ({ spaceId: t.desks[0]!.id, inTransaction: false })));
  });

  it('a date on a closed holiday is refused with its reason; a room by time', async () => {
    t.clock.set('2026-12-14T09:00:00+01:00');
    const fridays = await anna.post('/api/v1/series', { spaceId: t.room.id, days: ['fri'], from: '2026-12-14', until: '2026-12-26', startTime: '10:00', endTime: '11:30' });
    expect(fridays.status, JSON.stringify(fridays.body)).toBe(201);
    expect(outcomes(fridays.body.occurrences)).toEqual(['2026-12-18 created', '2026-12-25 refused holiday_closed']);
    expect(fridays.body.occurrences[0].reservation.start).toBe('2026-12-18T10:00:00+01:00');
    expect(fridays.body.occurrences[0].reservation.end).toBe('2026-12-18T11:30:00+01:00');
  });

  it('dates beyond daysAhead are booked by the job once they come within reach, by the rules of then', async () => {
    const made = await anna.post('/api/v1/series', tueThu());
    t.clock.set('2026-12-03T07:00:00+01:00'); // reach is now 17 December
    const heard: number[] = [];
    t.s.events.subscribe(t.hub.id, (e) => heard.push(e.spaceId));
    expect(await t.s.series.bookDue()).toBe(1);
    expect(heard).toEqual([t.desks[0]!.id]);
    let now = (await anna.get(`/api/v1/series/${made.body.id}`)).body;
    expect(outcomes(now.occurrences).slice(5, 7)).toEqual(['2026-12-17 created', '2026-12-22 pending']);
    // Someone took the desk for the 22nd before the job got there: that date says so.
    t.clock.set('2026-12-08T07:00:00+01:00');
    const bram = await t.login('bram@test.nl');
    expect((await bram.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, date: '2026-12-22', part: 'morning' })).status).toBe(201);
    await t.s.series.bookDue();
    now = (await anna.get(`/api/v1/series/${made.body.id}`)).body;
    expect(outcomes(now.occurrences).slice(6)).toEqual(['2026-12-22 refused conflict', '2026-12-24 pending', '2026-12-29 pending', '2026-12-31 pending']);
    expect(await t.s.series.bookDue()).toBe(0); // nothing more within reach: a repeated run does nothing
  });

  it('cancel one date, a holiday range, or every date from today', async () => {
    const id = (await anna.post('/api/v1/series', tueThu())).body.id;
    const one = await anna.post(`/api/v1/series/${id}/cancel`, { from: '2026-12-03', to: '2026-12-03' });
    expect(one.status).toBe(200);
    expect(outcomes(one.body.occurrences).slice(0, 3)).toEqual(['2026-12-01 created', '2026-12-03 cancelled', '2026-12-08 created']);
    expect(one.body.occurrences[1].reservation.state).toBe('cancelled');
    const holiday = await anna.post(`/api/v1/series/${id}/cancel`, { from: '2026-12-21', to: '2026-12-27' });
    expect(outcomes(holiday.body.occurrences).slice(5)).toEqual(['2026-12-17 pending', '2026-12-22 cancelled', '2026-12-24 cancelled', '2026-12-29 pending', '2026-12-31 pending']);
    t.clock.set('2026-12-15T07:00:00+01:00');
    expect(await t.s.series.bookDue()).toBe(2); // the 17th and the 29th; the holiday week stays free
    t.clock.set('2026-12-15T08:10:00+01:00');
    anna = await t.login('anna@test.nl'); // two weeks on: a fresh session
    // Anna checked in this morning: cancelling the rest leaves the morning she is using, and the past.
    const read = await anna.get(`/api/v1/series/${id}`);
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    const today = read.body.occurrences[4];
    expect((await anna.post(`/api/v1/reservations/${today.reservation.id}/check-in`, { key: t.desks[0]!.key })).status).toBe(200);
    const all = await anna.post(`/api/v1/series/${id}/cancel`, {});
    expect(outcomes(all.body.occurrences)).toEqual([
      '2026-12-01 created',
      '2026-12-03 cancelled',
      '2026-12-08 created',
      '2026-12-10 created',
      '2026-12-15 created',
      '2026-12-17 cancelled',
      '2026-12-22 cancelled',
      '2026-12-24 cancelled',
      '2026-12-29 cancelled',
      '2026-12-31 cancelled',
    ]);
    expect(all.body.occurrences[4].reservation.state).toBe('checked_in');
    expect(all.body.occurrences[5].reservation.state).toBe('cancelled');
    expect(await t.s.series.bookDue()).toBe(0);
  });

  it('the same Idempotency-Key twice makes one series', async () => {
    const headers = { 'idempotency-key': crypto.randomUUID() };
    const first = await anna.post('/api/v1/series', tueThu(), headers);
    const again = await anna.post('/api/v1/series', tueThu(), headers);
    expect([again.status, again.body, again.headers.get('idempotent-replayed')]).toEqual([201, first.body, 'true']);
    expect(t.db.prepare('SELECT count(*) FROM reservation_series').pluck().get()).toBe(1);
    expect(t.db.prepare("SELECT count(*) FROM reservations WHERE state = 'booked'").pluck().get()).toBe(5);
  });

  it('bad input is a clear refusal with a code, never a 500', async () => {
    const base = tueThu();
    const cases: [unknown, number, string][] = [
      [{ ...base, days: [] }, 400, 'invalid_input'],
      [{ ...base, days: ['tue', 'holiday'] }, 400, 'invalid_input'],
      [{ ...base, until: '2026-02-30' }, 400, 'invalid_input'],
      [{ ...base, until: '2026-11-30' }, 422, 'invalid_interval'],
      [{ ...base, from: '2026-11-01', until: '2026-11-30' }, 422, 'start_in_past'],
      [{ ...base, until: '2028-01-01' }, 422, 'invalid_interval'],
      [{ ...base, days: ['sat'], until: '2026-12-04' }, 422, 'invalid_interval'], // no Saturday in it
      [{ spaceId: t.room.id, days: ['wed'], from: '2026-12-02', until: '2026-12-09', startTime: '11:00', endTime: '10:00' }, 422, 'invalid_interval'],
      [{ ...base, spaceId: 9999 }, 404, 'not_found'],
    ];
    for (const [body, status, code] of cases) {
      const res = await anna.post('/api/v1/series', body);
      expect([JSON.stringify(body), res.status, res.body.error?.code]).toEqual([JSON.stringify(body), status, code]);
    }
    const id = (await anna.post('/api/v1/series', base)).body.id;
    const bram = await t.login('bram@test.nl');
    expect((await bram.get(`/api/v1/series/${id}`)).status).toBe(404);
    expect((await bram.post(`/api/v1/series/${id}/cancel`, {})).status).toBe(404);
    expect((await anna.post(`/api/v1/series/${id}/cancel`, { from: '2026-12-10' })).status).toBe(400);
    expect((await anna.post(`/api/v1/series/${id}/cancel`, { from: '2026-12-10', to: '2026-12-09' })).body.error.code).toBe('invalid_interval');
  });
});
