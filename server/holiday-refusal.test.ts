import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type Client, type TestApp } from './testing.js';

let t: TestApp;
let anna: Client;
let facility: Client;
beforeEach(async () => {
  t = await makeTestApp();
  [anna, facility] = await Promise.all([t.login('anna@test.nl'), t.login('facility@test.nl')]);
  // Christmas lies beyond the default 14 days from T0 (Tuesday 1 December 2026).
  await facility.put(`/api/v1/admin/locations/${t.hub.id}/policy`, { daysAhead: 60 });
});
afterEach(() => t.close());

describe('reservations on public holidays', () => {
  it('a location closed on holidays refuses reservations then with a code the apps put into words; one that opens takes them', async () => {
    const desk = await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, date: '2026-12-25', part: 'day' });
    expect([desk.status, desk.body.error.code, desk.body.error.details]).toEqual([409, 'holiday_closed', { date: '2026-12-25', holiday: { nl: 'Kerstmis', en: 'Christmas Day' } }]);
    // A meeting from the evening before into the holiday touches it too.
    const room = await anna.post('/api/v1/reservations', { spaceId: t.room.id, start: '2026-12-31T23:30:00+01:00', end: '2027-01-01T00:30:00+01:00' });
    expect([room.status, room.body.error.code]).toEqual([409, 'holiday_closed']);
    expect((await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, date: '2026-12-24', part: 'day' })).status).toBe(201);
    expect(t.db.prepare('SELECT count(*) FROM reservations').pluck().get()).toBe(1);

    // A team's block for the holiday is refused alike.
    const admin = await t.login('admin@test.nl');
    const teamId = t.db.prepare("SELECT id FROM teams WHERE name = 'Sociaal Domein'").pluck().get() as number;
    await admin.patch(`/api/v1/admin/users/${t.users.manager.id}`, { teams: ['Sociaal Domein'] });
    await admin.patch(`/api/v1/teams/${teamId}`, { zoneId: t.zone.id });
    const manager = await t.login('manager@test.nl');
    expect((await manager.post(`/api/v1/teams/${teamId}/blocks`, { date: '2026-12-25', memberIds: [t.users.bram.id] })).body.error?.code).toBe('holiday_closed');

    expect((await facility.put(`/api/v1/admin/locations/${t.hub.id}/policy`, { closedOnHolidays: false })).body.policy.closedOnHolidays).toBe(false);
    expect((await anna.post('/api/v1/reservations', { spaceId: t.room.id, start: '2026-12-25T10:00:00+01:00', end: '2026-12-25T11:00:00+01:00' })).status).toBe(201);
    const week = (await anna.get(`/api/v1/locations/${t.hub.id}/week?from=2026-12-25`)).body;
    expect(week[0]).toMatchObject({ holiday: { nl: 'Kerstmis', en: 'Christmas Day' }, closed: false });
    expect((await facility.put(`/api/v1/admin/locations/${t.hub.id}/policy`, { closedOnHolidays: 'ja' })).status).toBe(400);
  });
});
