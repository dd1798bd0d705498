import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type Client, type TestApp } from '../testing.js';

let t: TestApp;
let anna: Client;
let bram: Client;
beforeEach(async () => {
  t = await makeTestApp();
  anna = await t.login('anna@test.nl');
  bram = await t.login('bram@test.nl');
});
afterEach(() => t.close());

const at = (hhmm: string, date = '2026-12-01') => `${date}T${hhmm}:00+01:00`;
const morning = { date: '2026-12-01', part: 'morning' } as const;

describe('a check-in made offline and sent later', () => {
  let id: number;
  beforeEach(async () => {
    id = (await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, ...morning })).body.id;
  });

  it('counts with the scan time when the scan lay in the window, even after the grace has passed', async () => {
    t.clock.set(at('10:00'));
    const res = await anna.post(`/api/v1/reservations/${id}/check-in`, { key: t.desks[0]!.key, scannedAt: at('08:10') });
    expect([res.status, res.body.state, res.body.checkedInAt]).toEqual([200, 'checked_in', '2026-12-01T08:10:00+01:00']);
  });

  it('restores a booking the sweep auto-released when the space is still free', async () => {
    t.clock.set(at('09:00'));
    t.s.reservations.sweep();
    expect(t.db.prepare('SELECT state FROM reservations WHERE id = ?').pluck().get(id)).toBe('no_show');
    const res = await anna.post(`/api/v1/reservations/${id}/check-in`, { key: t.desks[0]!.key, scannedAt: at('08:20') });
    expect([res.status, res.body.state]).toEqual([200, 'checked_in']);
  });

  it('lets a reservation someone else got meanwhile stand, and offers a free alternative in the zone', async () => {
    t.clock.set(at('08:40'));
    expect((await bram.post('/api/v1/walk-up', { code: 'HUB-3-001', key: t.desks[0]!.key })).status).toBe(201);
    const res = await anna.post(`/api/v1/reservations/${id}/check-in`, { key: t.desks[0]!.key, scannedAt: at('08:20') });
    expect([res.status, res.body.error.code]).toEqual([409, 'spot_taken']);
    expect(res.body.error.details.alternative).toMatchObject({ code: 'HUB-3-002' });
    expect(t.db.prepare("SELECT count(*) FROM reservations WHERE space_id = ? AND state = 'checked_in'").pluck().get(t.desks[0]!.id)).toBe(1);
  });

  it('refuses a scan outside the window, one too old to count and one from the future', async () => {
    t.clock.set(at('10:00'));
    const late = await anna.post(`/api/v1/reservations/${id}/check-in`, { key: t.desks[0]!.key, scannedAt: at('08:45') });
    expect(late.body.error.code).toBe('check_in_closed');
    t.clock.set(at('09:00', '2026-12-02'));
    const old = await anna.post(`/api/v1/reservations/${id}/check-in`, { key: t.desks[0]!.key, scannedAt: at('08:10') });
    expect([old.status, old.body.error.code]).toEqual([409, 'scan_too_old']);
    t.clock.set(at('08:00'));
    const future = await anna.post(`/api/v1/reservations/${id}/check-in`, { key: t.desks[0]!.key, scannedAt: at('08:15') });
    expect([future.status, future.body.error.code]).toEqual([422, 'scan_in_future']);
  });

  it('online, a booking past its grace cannot be checked in, even though the sweep has not run', async () => {
    t.clock.set(at('08:31'));
    const res = await anna.post(`/api/v1/reservations/${id}/check-in`, { key: t.desks[0]!.key });
    expect(res.body.error.code).toBe('check_in_closed');
  });
});

describe('a lost race', () => {
  it('offers a free space of the same kind in the same zone', async () => {
    await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, ...morning });
    await anna.post('/api/v1/reservations', { spaceId: t.desks[1]!.id, date: '2026-12-01', part: 'afternoon' });
    const res = await bram.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, ...morning });
    expect(res.body.error).toMatchObject({ code: 'conflict', details: { alternative: { code: 'HUB-3-002' } } });
  });
});

describe('colleagues', () => {
  it('shows where people of my teams sit, not others, and not those who opted out', async () => {
    const manager = await t.login('manager@test.nl'); // no shared team with anna
    await bram.post('/api/v1/reservations', { spaceId: t.desks[1]!.id, ...morning });
    await manager.post('/api/v1/reservations', { spaceId: t.desks[2]!.id, ...morning });
    const seen = await anna.get('/api/v1/colleagues');
    expect(seen.body).toEqual([
      { id: t.users.bram.id, name: 'bram', teams: ['Sociaal Domein'], places: [expect.objectContaining({ spaceCode: 'HUB-3-002', zoneName: 'Stilte', locationName: 'Werk HUB', start: '2026-12-01T08:00:00+01:00' })] },
    ]);
    expect((await bram.put('/api/v1/me/settings', { showPresence: false })).body.showPresence).toBe(false);
    expect((await bram.get('/api/v1/me')).body.showPresence).toBe(false);
    expect((await anna.get('/api/v1/colleagues')).body).toEqual([]);
  });

  it('a no-show is not a place', async () => {
    await bram.post('/api/v1/reservations', { spaceId: t.desks[1]!.id, ...morning });
    t.clock.set(at('08:30'));
    expect((await anna.get('/api/v1/colleagues')).body[0].places).toEqual([]);
  });
});

describe('the pass and the week', () => {
  it('gives my phone the TOTP seed of my pass, different per person', async () => {
    const mine = (await anna.get('/api/v1/me/pass')).body;
    expect(mine).toMatchObject({ userId: t.users.anna.id, period: 30, digits: 6, algorithm: 'SHA1' });
    expect(mine.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect((await bram.get('/api/v1/me/pass')).body.secret).not.toBe(mine.secret);
    expect((await t.anonymous().get('/api/v1/me/pass')).status).toBe(401);
  });

  it('counts people with a desk per day for seven days', async () => {
    await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, ...morning });
    await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, date: '2026-12-01', part: 'afternoon' });
    await bram.post('/api/v1/reservations', { spaceId: t.desks[1]!.id, date: '2026-12-03', part: 'day' });
    await bram.post('/api/v1/reservations', { spaceId: t.room.id, start: at('10:00', '2026-12-02'), end: at('11:00', '2026-12-02') });
    const week = (await anna.get(`/api/v1/locations/${t.hub.id}/week`)).body;
    expect(week).toHaveLength(7);
    expect(week.slice(0, 3)).toEqual([
      { date: '2026-12-01', reserved: 1, desks: 3, expected: 1, cap: null, overCap: false, holiday: null, closed: false },
      { date: '2026-12-02', reserved: 0, desks: 3, expected: 0, cap: null, overCap: false, holiday: null, closed: false },
      { date: '2026-12-03', reserved: 1, desks: 3, expected: 1, cap: null, overCap: false, holiday: null, closed: false },
    ]);
    expect((await anna.get(`/api/v1/locations/${t.hub.id}/week?from=2026-12-03`)).body[0]).toMatchObject({ date: '2026-12-03', reserved: 1, desks: 3 });
  });

  it('expects later days from the same weekday in recent weeks, and flags days above the soft cap', async () => {
    // Three people on Tuesday 24 November (a week before "today", Tuesday 1 December).
    t.clock.set('2026-11-24T07:00:00+01:00');
    for (const [who, desk] of [['anna', 0], ['bram', 1], ['manager', 2]] as const) {
      const c = await t.login(`${who}@test.nl`);
      expect((await c.post('/api/v1/reservations', { spaceId: t.desks[desk]!.id, date: '2026-11-24', part: 'day' })).status).toBe(201);
    }
    t.clock.set('2026-12-01T07:00:00+01:00');
    const facility = await t.login('facility@test.nl');
    await facility.put(`/api/v1/admin/locations/${t.hub.id}/policy`, { softCapPercent: { tue: 67 } });
    anna = await t.login('anna@test.nl');
    const week = (await anna.get(`/api/v1/locations/${t.hub.id}/week?from=2026-12-07`)).body;
    const tuesday = week.find((d: { date: string }) => d.date === '2026-12-08');
    // Tuesdays of the last weeks: 3, 0 and 0 people (today does not count yet): about 1 expected.
    expect(tuesday).toEqual({ date: '2026-12-08', reserved: 0, desks: 3, expected: 1, cap: 2, overCap: false, holiday: null, closed: false });
    const today = (await anna.get(`/api/v1/locations/${t.hub.id}/week`)).body[0];
    expect(today).toMatchObject({ date: '2026-12-01', expected: 0, cap: 2 });
    await facility.put(`/api/v1/admin/locations/${t.hub.id}/policy`, { softCapPercent: { tue: 30 } });
    expect((await anna.get(`/api/v1/locations/${t.hub.id}/week?from=2026-12-07`)).body[1]).toMatchObject({ cap: 0, overCap: true });
  });
});
