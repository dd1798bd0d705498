import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, T0, type Client, type TestApp } from '../testing.js';

let t: TestApp;
let admin: Client;
let manager: Client;
let anna: Client;
let bram: Client;
let teamId: number;
beforeEach(async () => {
  t = await makeTestApp();
  [admin, manager, anna, bram] = await Promise.all([t.login('admin@test.nl'), t.login('manager@test.nl'), t.login('anna@test.nl'), t.login('bram@test.nl')]);
  // The manager leads Sociaal Domein, whose neighbourhood is the Stilte zone with three desks.
  teamId = t.db.prepare("SELECT id FROM teams WHERE name = 'Sociaal Domein'").pluck().get() as number;
  await admin.patch(`/api/v1/admin/users/${t.users.manager.id}`, { teams: ['Sociaal Domein'] });
  await admin.patch(`/api/v1/teams/${teamId}`, { zoneId: t.zone.id });
});
afterEach(() => t.close());

// T0 is Tuesday 1 December 2026, 07:00 in Amsterdam.
describe("the team's zone", () => {
  it('its manager may move it to another zone of the same location, never to another location or to none; an admin may', async () => {
    const quiet = t.s.admin.createZone(null, t.hub.id, { name: 'Dynamisch', character: 'dynamisch', floor: 2 }, null);
    const elsewhere = t.s.admin.createLocation(null, { name: 'Stadswinkel Geleen', kind: 'service' }, null);
    const far = t.s.admin.createZone(null, elsewhere.id, { name: 'Balie', character: 'dynamisch', floor: 0 }, null);
    expect((await manager.patch(`/api/v1/teams/${teamId}`, { zoneId: quiet.id })).body.zoneId).toBe(quiet.id);
    const moved = await manager.patch(`/api/v1/teams/${teamId}`, { zoneId: far.id });
    expect([moved.status, moved.body.error.code]).toEqual([403, 'team_location_fixed']);
    expect((await manager.patch(`/api/v1/teams/${teamId}`, { zoneId: null })).body.error.code).toBe('team_location_fixed');
    expect((await anna.get('/api/v1/teams/mine')).body[0].zone).toMatchObject({ name: 'Dynamisch', locationName: 'Werk HUB' });
    expect((await admin.patch(`/api/v1/teams/${teamId}`, { zoneId: far.id })).status).toBe(200);
    // Office days alone do not touch the zone, whatever it is.
    expect((await manager.patch(`/api/v1/teams/${teamId}`, { days: ['wed'], zoneId: far.id })).status).toBe(200);
  });
});

describe('team days', () => {
  it("the team's manager sets the office days; members see the coming team days; others cannot set them", async () => {
    const res = await manager.patch(`/api/v1/teams/${teamId}`, { days: ['thu', 'tue'] });
    expect(res.body.days).toEqual(['tue', 'thu']);
    const mine = await anna.get('/api/v1/teams/mine');
    expect(mine.body[0]).toMatchObject({ name: 'Sociaal Domein', days: ['tue', 'thu'], manages: false, members: null, zone: { name: 'Stilte', locationName: 'Werk HUB' } });
    expect(mine.body[0].upcoming.map((d: { date: string }) => d.date)).toEqual(['2026-12-01', '2026-12-03', '2026-12-08', '2026-12-10']);
    expect((await anna.patch(`/api/v1/teams/${teamId}`, { days: ['mon'] })).status).toBe(403);
    const outsider = await admin.post('/api/v1/admin/teams', { name: 'Burgerzaken' });
    expect((await manager.patch(`/api/v1/teams/${outsider.body.id}`, { days: ['mon'] })).status).toBe(403); // a manager, but not of that team
    expect((await manager.patch(`/api/v1/teams/${teamId}`, { days: ['sat'] })).status).toBe(400);
  });

  it('a manager reserves desks for named members in one action; a member with a desk already is skipped', async () => {
    await bram.post('/api/v1/reservations', { spaceId: t.desks[2]!.id, date: '2026-12-03', part: 'morning' });
    const res = await manager.post(`/api/v1/teams/${teamId}/blocks`, { date: '2026-12-03', memberIds: [t.users.anna.id, t.users.bram.id] });
    expect(res.status).toBe(201);
    expect(res.body.reserved).toHaveLength(1);
    expect(res.body.reserved[0]).toMatchObject({ spaceCode: 'HUB-3-001', state: 'booked' });
    expect(res.body.skipped).toEqual([{ userId: t.users.bram.id, reason: 'has_desk' }]);
    const annas = await anna.get('/api/v1/reservations?from=2026-12-03T00:00:00%2B01:00&to=2026-12-04T00:00:00%2B01:00');
    expect(annas.body.map((r: { spaceCode: string }) => r.spaceCode)).toEqual(['HUB-3-001']);
    expect((await manager.post(`/api/v1/teams/${teamId}/blocks`, { date: '2026-12-03', memberIds: [t.users.hr.id] })).status).toBe(400); // not in the team
  });

  it('with too few free desks the named members come first and the answer says how many were not held; with none free nothing is reserved', async () => {
    const res = await manager.post(`/api/v1/teams/${teamId}/blocks`, { date: '2026-12-03', memberIds: [t.users.anna.id], held: 3 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ held: 2, skipped: [], notHeld: { count: 1, reason: 'not_enough_desks', releaseAt: null } });
    expect(res.body.reserved).toHaveLength(1);
    // The zone is full now: Bram gets no desk, and he is named as such; nothing at all is refused.
    const full = await manager.post(`/api/v1/teams/${teamId}/blocks`, { date: '2026-12-03', memberIds: [t.users.bram.id], held: 1 });
    expect([full.status, full.body.error.code, full.body.error.details]).toEqual([409, 'not_enough_desks', { free: 0, needed: 2 }]);
    expect(t.db.prepare('SELECT count(*) FROM reservations').pluck().get()).toBe(3);
    // Two desks held the day after: Anna and Bram are seated, the manager is named as left without one.
    await manager.post(`/api/v1/teams/${teamId}/blocks`, { date: '2026-12-04', held: 1 });
    const partly = await manager.post(`/api/v1/teams/${teamId}/blocks`, { date: '2026-12-04', memberIds: [t.users.anna.id, t.users.bram.id, t.users.manager.id] });
    expect(partly.status).toBe(201);
    expect(partly.body.reserved).toHaveLength(2);
    expect(partly.body).toMatchObject({ skipped: [{ userId: t.users.manager.id, reason: 'no_free_desk' }], notHeld: null });
  });

  it('a block on a day the location is closed is refused with the shared rule', async () => {
    const facility = await t.login('facility@test.nl');
    expect((await facility.put(`/api/v1/admin/locations/${t.hub.id}/policy`, { openDays: ['mon', 'tue', 'wed', 'thu', 'fri'] })).status).toBe(200);
    const saturday = await manager.post(`/api/v1/teams/${teamId}/blocks`, { date: '2026-12-05', memberIds: [t.users.anna.id], held: 1 });
    expect([saturday.status, saturday.body.error.code]).toEqual([409, 'closed_day']);
    expect(t.db.prepare('SELECT count(*) FROM reservations').pluck().get()).toBe(0);
    expect((await manager.post(`/api/v1/teams/${teamId}/blocks`, { date: '2026-12-04', memberIds: [t.users.anna.id] })).status).toBe(201);
  });

  it('after the release time, asking for named members and held desks reserves the members and says the desks could not be held, until when they could', async () => {
    t.clock.set(Date.parse('2026-12-02T17:00:00+01:00'));
    const res = await manager.post(`/api/v1/teams/${teamId}/blocks`, { date: '2026-12-03', memberIds: [t.users.anna.id, t.users.bram.id], held: 1 });
    expect(res.status).toBe(201);
    expect(res.body.reserved).toHaveLength(2);
    expect(t.db.prepare('SELECT count(*) FROM reservations').pluck().get()).toBe(2); // no held desk slipped in
    expect(res.body).toMatchObject({ held: 0, skipped: [], notHeld: { count: 1, reason: 'hold_too_late', releaseAt: '2026-12-02T16:00:00+01:00' } });
  });

  it('held desks keep others off, members claim them, and the unclaimed return to everyone the day before', async () => {
    await manager.patch(`/api/v1/teams/${teamId}`, { days: ['thu'] });
    const block = await manager.post(`/api/v1/teams/${teamId}/blocks`, { date: '2026-12-03', held: 2 });
    expect(block.body).toMatchObject({ reserved: [], held: 2 });
    // Someone outside the team finds only the third desk free that day.
    const hr = await t.login('hr@test.nl');
    const avail = await hr.get(`/api/v1/availability?location=${t.hub.id}&from=2026-12-03T09:00:00%2B01:00&to=2026-12-03T12:00:00%2B01:00`);
    expect(t.desks.filter((d) => avail.body.free.includes(d.id)).map((d) => d.code)).toEqual(['HUB-3-003']);
    expect((await anna.get('/api/v1/teams/mine')).body[0].upcoming).toEqual([{ date: '2026-12-03', held: 2 }, { date: '2026-12-10', held: 0 }]);
    // The manager's own list is not cluttered with the held desks.
    expect((await manager.get('/api/v1/reservations?from=2026-12-03T00:00:00%2B01:00&to=2026-12-04T00:00:00%2B01:00')).body).toEqual([]);

    const claimed = await anna.post(`/api/v1/teams/${teamId}/claim`, { date: '2026-12-03' });
    expect(claimed.status).toBe(201);
    expect(claimed.body).toMatchObject({ spaceCode: 'HUB-3-001', state: 'booked' });
    expect((await anna.post(`/api/v1/teams/${teamId}/claim`, { date: '2026-12-03' })).body.error.code).toBe('limit_reached');
    expect((await hr.post(`/api/v1/teams/${teamId}/claim`, { date: '2026-12-03' })).status).toBe(404); // not a member

    // At 16:00 the day before (the default release time) the unclaimed desk returns.
    t.clock.set(Date.parse('2026-12-02T16:00:00+01:00'));
    expect(t.s.reservations.releaseHolds()).toBe(1);
    expect((await bram.post(`/api/v1/teams/${teamId}/claim`, { date: '2026-12-03' })).body.error.code).toBe('no_held_desk');
    expect((await bram.post('/api/v1/reservations', { spaceId: t.desks[1]!.id, date: '2026-12-03', part: 'morning' })).status).toBe(201);
    // Anna's claimed desk stays hers.
    expect((await anna.get(`/api/v1/reservations/${claimed.body.id}`)).body.state).toBe('booked');
  });

  it('desks reserved by the manager and held desks a member claims count toward the per-person cap', async () => {
    await admin.put(`/api/v1/admin/locations/${t.hub.id}/policy`, { maxAhead: 2 });
    const room = (day: string) => ({ spaceId: t.room.id, start: `2026-12-${day}T10:00:00+01:00`, end: `2026-12-${day}T11:00:00+01:00` });
    expect((await anna.post('/api/v1/reservations', room('07'))).status).toBe(201); // Anna has one to come
    expect((await manager.post(`/api/v1/teams/${teamId}/blocks`, { date: '2026-12-03', memberIds: [t.users.anna.id] })).status).toBe(201);
    expect((await anna.post('/api/v1/reservations', room('08'))).body.error.code).toBe('limit_reached');

    expect((await bram.post('/api/v1/reservations', room('09'))).status).toBe(201); // Bram has one to come
    expect((await manager.post(`/api/v1/teams/${teamId}/blocks`, { date: '2026-12-04', held: 1 })).status).toBe(201);
    expect((await bram.post(`/api/v1/teams/${teamId}/claim`, { date: '2026-12-04' })).status).toBe(201);
    expect((await bram.post('/api/v1/reservations', room('10'))).body.error.code).toBe('limit_reached');
  });

  it('holding desks after the release time is refused; a team without a zone is told so; employees cannot make blocks', async () => {
    t.clock.set(Date.parse('2026-12-02T17:00:00+01:00'));
    expect((await manager.post(`/api/v1/teams/${teamId}/blocks`, { date: '2026-12-03', held: 1 })).body.error.code).toBe('hold_too_late');
    expect((await manager.post(`/api/v1/teams/${teamId}/blocks`, { date: '2026-12-03', memberIds: [t.users.anna.id] })).status).toBe(201);
    await admin.patch(`/api/v1/teams/${teamId}`, { zoneId: null });
    expect((await manager.post(`/api/v1/teams/${teamId}/blocks`, { date: '2026-12-04', held: 1 })).body.error.code).toBe('no_team_zone');
    expect((await anna.post(`/api/v1/teams/${teamId}/blocks`, { date: '2026-12-04', held: 1 })).status).toBe(403);
    expect((await manager.post(`/api/v1/teams/${teamId}/blocks`, { date: '2026-12-04' })).status).toBe(400);
    expect(T0).toBeLessThan(Date.parse('2026-12-02T17:00:00+01:00'));
  });

  it('the release time comes from the location policy', async () => {
    await t.login('facility@test.nl').then((f) => f.put(`/api/v1/admin/locations/${t.hub.id}/policy`, { teamHoldReleaseTime: '12:00' }));
    await manager.post(`/api/v1/teams/${teamId}/blocks`, { date: '2026-12-03', held: 1 });
    t.clock.set(Date.parse('2026-12-02T11:59:00+01:00'));
    expect(t.s.reservations.releaseHolds()).toBe(0);
    t.clock.set(Date.parse('2026-12-02T12:00:00+01:00'));
    expect(t.s.reservations.releaseHolds()).toBe(1);
  });
});
