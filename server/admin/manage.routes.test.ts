import QRCode from 'qrcode';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listen, makeTestApp, type Client, type TestApp } from '../testing.js';

let t: TestApp;
let admin: Client;
let facility: Client;
let anna: Client;
beforeEach(async () => {
  t = await makeTestApp();
  [admin, facility, anna] = await Promise.all([t.login('admin@test.nl'), t.login('facility@test.nl'), t.login('anna@test.nl')]);
});
afterEach(() => t.close());

const tomorrow = { date: '2026-12-02', part: 'morning' };

describe('editing and retiring locations, zones and spaces', () => {
  it('facility renames a location and changes its kind; a taken name is refused; employees are refused', async () => {
    const res = await facility.patch(`/api/v1/admin/locations/${t.hub.id}`, { name: 'Werk HUB Stadskantoor', kind: 'townhall' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Werk HUB Stadskantoor', kind: 'townhall' });
    expect((await anna.get('/api/v1/locations')).body[0].name).toBe('Werk HUB Stadskantoor');
    await facility.post('/api/v1/admin/locations', { name: 'Wijkpost Noord', kind: 'wijk' });
    expect((await facility.patch(`/api/v1/admin/locations/${t.hub.id}`, { name: 'wijkpost noord' })).body.error.code).toBe('name_taken');
    expect((await facility.patch(`/api/v1/admin/locations/${t.hub.id}`, {})).status).toBe(400);
    expect((await anna.patch(`/api/v1/admin/locations/${t.hub.id}`, { name: 'Mine' })).status).toBe(403);
    expect((await facility.patch('/api/v1/admin/locations/999', { name: 'X' })).status).toBe(404);
  });

  it('facility edits a space: name, kind, zone, capacity and features; a zone of another location is refused', async () => {
    const other = await facility.post('/api/v1/admin/locations', { name: 'Wijkpost Noord', kind: 'wijk' });
    const foreignZone = await facility.post(`/api/v1/admin/locations/${other.body.id}/zones`, { name: 'Balie', character: 'dynamisch' });
    const quiet = await facility.post(`/api/v1/admin/locations/${t.hub.id}/zones`, { name: 'Focus', character: 'geconcentreerd', floor: 3 });
    const id = t.desks[0]!.id;
    const res = await facility.patch(`/api/v1/admin/spaces/${id}`, { name: 'Focusplek 3.01', kind: 'focus', zoneId: quiet.body.id, features: ['second_screen', 'second_screen'] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Focusplek 3.01', kind: 'focus', zoneId: quiet.body.id, features: ['second_screen'], code: 'HUB-3-001' });
    expect((await facility.patch(`/api/v1/admin/spaces/${id}`, { zoneId: foreignZone.body.id })).body.error.code).toBe('zone_not_in_location');
    expect((await facility.patch(`/api/v1/admin/spaces/${id}`, { capacity: 0 })).status).toBe(400);
    expect((await facility.patch(`/api/v1/admin/spaces/${id}`, { code: 'NEW-1' })).status).toBe(400); // the code is the label: never edited
    expect((await anna.patch(`/api/v1/admin/spaces/${id}`, { name: 'x' })).status).toBe(403);
  });

  it('retiring a zone retires its spaces, cancels their future bookings and tells the owners; history stays', async () => {
    const booked = await anna.post('/api/v1/reservations', { spaceId: t.desks[1]!.id, ...tomorrow });
    expect(booked.status).toBe(201);
    const res = await facility.post(`/api/v1/admin/zones/${t.zone.id}/retire`);
    expect(res.body).toEqual({ cancelled: 1 });
    expect((await anna.get(`/api/v1/reservations/${booked.body.id}`)).body.state).toBe('cancelled');
    expect((await anna.get(`/api/v1/locations/${t.hub.id}/zones`)).body).toEqual([]);
    expect((await anna.get(`/api/v1/locations/${t.hub.id}/spaces`)).body).toEqual([]);
    const notes = await anna.get('/api/v1/notifications');
    expect(JSON.stringify(notes.body)).toContain('space_retired');
    expect((await anna.post('/api/v1/reservations', { spaceId: t.desks[2]!.id, ...tomorrow })).status).toBe(409);
    expect((await facility.patch(`/api/v1/admin/zones/${t.zone.id}`, { name: 'Terug' })).status).toBe(404);
  });

  it('renaming a zone to a taken name is refused; a zone moves to another floor', async () => {
    await facility.post(`/api/v1/admin/locations/${t.hub.id}/zones`, { name: 'Plein', character: 'dynamisch' });
    expect((await facility.patch(`/api/v1/admin/zones/${t.zone.id}`, { name: 'plein' })).body.error.code).toBe('name_taken');
    expect((await facility.patch(`/api/v1/admin/zones/${t.zone.id}`, { floor: 4, character: 'geconcentreerd' })).body).toMatchObject({ floor: 4, character: 'geconcentreerd', name: 'Stilte' });
  });

  it('retiring a location takes it out of the lists and cancels its future bookings', async () => {
    await anna.post('/api/v1/reservations', { spaceId: t.room.id, ...tomorrow });
    expect((await anna.post(`/api/v1/admin/locations/${t.hub.id}/retire`)).status).toBe(403);
    expect((await facility.post(`/api/v1/admin/locations/${t.hub.id}/retire`)).body).toEqual({ cancelled: 1 });
    expect((await anna.get('/api/v1/locations')).body).toEqual([]);
    expect(t.db.prepare("SELECT count(*) FROM reservations WHERE state = 'cancelled'").pluck().get()).toBe(1);
  });
});

describe('floor plans', () => {
  async function png(): Promise<string> {
    return QRCode.toDataURL('plattegrond', { width: 200 });
  }

  it('facility uploads a plan and places a space on it; everyone sees the plan and the place; the image is served', async () => {
    const plan = await facility.post(`/api/v1/admin/locations/${t.hub.id}/plans`, { name: 'Verdieping 3', floor: 3, image: await png() });
    expect(plan.status).toBe(201);
    expect(plan.body).toMatchObject({ name: 'Verdieping 3', floor: 3, imageUrl: `/api/v1/plans/${plan.body.id}/image` });
    const placed = await facility.put(`/api/v1/admin/spaces/${t.desks[0]!.id}/position`, { at: { planId: plan.body.id, x: 0.25, y: 0.75 } });
    expect(placed.body.plan).toEqual({ planId: plan.body.id, x: 0.25, y: 0.75 });
    expect((await anna.get(`/api/v1/plans?location=${t.hub.id}`)).body).toHaveLength(1);
    const spaces = (await anna.get(`/api/v1/locations/${t.hub.id}/spaces`)).body;
    expect(spaces.find((s: { id: number }) => s.id === t.desks[0]!.id).plan).toEqual({ planId: plan.body.id, x: 0.25, y: 0.75 });
    const image = await anna.get(plan.body.imageUrl);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect((await t.anonymous().get(plan.body.imageUrl)).status).toBe(401);
    // Through Node's server too: the image's own caching wins over the API's no-store.
    const server = await listen(t.app);
    try {
      const wire = await fetch(server.url + plan.body.imageUrl, { headers: { cookie: anna.cookie! } });
      expect([wire.status, wire.headers.get('cache-control'), wire.headers.get('content-type')]).toEqual([200, 'private, max-age=86400, immutable', 'image/png']);
      expect(wire.headers.get('x-content-type-options')).toBe('nosniff');
    } finally {
      await server.close();
    }
  });

  it('refuses an image that is not what it claims, a place outside the plan, a plan of another location, and employees', async () => {
    const fake = `data:image/png;base64,${Buffer.from('<svg onload="alert(1)"></svg>').toString('base64')}`;
    expect((await facility.post(`/api/v1/admin/locations/${t.hub.id}/plans`, { name: 'X', image: fake })).body.error.code).toBe('unsupported_media_type');
    expect((await facility.post(`/api/v1/admin/locations/${t.hub.id}/plans`, { name: 'X', image: 'data:image/svg+xml;base64,PHN2Zz4=' })).status).toBe(400);
    expect((await anna.post(`/api/v1/admin/locations/${t.hub.id}/plans`, { name: 'X', image: await png() })).status).toBe(403);
    const plan = await facility.post(`/api/v1/admin/locations/${t.hub.id}/plans`, { name: 'V3', image: await png() });
    expect((await facility.put(`/api/v1/admin/spaces/${t.desks[0]!.id}/position`, { at: { planId: plan.body.id, x: 1.5, y: 0 } })).status).toBe(400);
    const other = await facility.post('/api/v1/admin/locations', { name: 'Wijkpost Noord', kind: 'wijk' });
    const foreign = await facility.post(`/api/v1/admin/locations/${other.body.id}/plans`, { name: 'W', image: await png() });
    expect((await facility.put(`/api/v1/admin/spaces/${t.desks[0]!.id}/position`, { at: { planId: foreign.body.id, x: 0.5, y: 0.5 } })).body.error.code).toBe('plan_not_in_location');
    expect((await anna.put(`/api/v1/admin/spaces/${t.desks[0]!.id}/position`, { at: null })).status).toBe(403);
  });

  it('an image over 2 MB is refused before it is read; deleting a plan takes its spaces off it', async () => {
    const huge = `data:image/png;base64,${'A'.repeat(3 * 1024 * 1024)}`;
    const res = await facility.post(`/api/v1/admin/locations/${t.hub.id}/plans`, { name: 'Groot', image: huge });
    expect(res.status).toBe(413);
    const plan = await facility.post(`/api/v1/admin/locations/${t.hub.id}/plans`, { name: 'V3', image: await png() });
    await facility.put(`/api/v1/admin/spaces/${t.desks[0]!.id}/position`, { at: { planId: plan.body.id, x: 0.5, y: 0.5 } });
    expect((await facility.delete(`/api/v1/admin/plans/${plan.body.id}`)).body).toEqual({ deleted: true });
    const spaces = (await anna.get(`/api/v1/locations/${t.hub.id}/spaces`)).body;
    expect(spaces.every((s: { plan: unknown }) => s.plan === null)).toBe(true);
    expect((await anna.get(`/api/v1/plans/${plan.body.id}/image`)).status).toBe(404);
  });
});

describe('users and teams (admin)', () => {
  it('lists people a page at a time with search; kiosk stand-ins are not people', async () => {
    const all = await admin.get('/api/v1/admin/users');
    expect(all.body).toMatchObject({ total: 7, page: 1, pageSize: 50 });
    const found = await admin.get('/api/v1/admin/users?q=ANN');
    expect(found.body.users.map((u: { email: string }) => u.email)).toEqual(['anna@test.nl']);
    expect(found.body.users[0]).toMatchObject({ teams: [{ name: 'Sociaal Domein' }], locationIds: [], bhv: false });
    expect((await admin.get('/api/v1/admin/users?q=%25')).body.total).toBe(0); // a % is a character, not a wildcard
    expect((await admin.get('/api/v1/admin/users?page=0')).status).toBe(400);
    expect((await facility.get('/api/v1/admin/users')).status).toBe(403);
  });

  it('an admin changes a name, roles and teams; the person has the new roles at once', async () => {
    const res = await admin.patch(`/api/v1/admin/users/${t.users.anna.id}`, { name: 'Anna de Vries', roles: ['employee', 'facility'], teams: ['Ruimte', 'Sociaal Domein'] });
    expect(res.body).toMatchObject({ name: 'Anna de Vries', roles: ['employee', 'facility'], teams: [{ name: 'Ruimte' }, { name: 'Sociaal Domein' }] });
    expect((await anna.get(`/api/v1/admin/locations/${t.hub.id}/labels`)).status).toBe(200);
    expect((await facility.patch(`/api/v1/admin/users/${t.users.anna.id}`, { roles: ['admin'] })).status).toBe(403);
  });

  it('the last admin cannot lose the admin role', async () => {
    const res = await admin.patch(`/api/v1/admin/users/${t.users.admin.id}`, { roles: ['employee'] });
    expect([res.status, res.body.error.code]).toEqual([409, 'last_admin']);
    await admin.patch(`/api/v1/admin/users/${t.users.hr.id}`, { roles: ['hr', 'admin'] });
    expect((await admin.patch(`/api/v1/admin/users/${t.users.admin.id}`, { roles: ['employee'] })).status).toBe(200);
  });

  it('the last active admin cannot be disabled, not even by themselves; with a second admin it can', async () => {
    const self = await admin.post(`/api/v1/admin/users/${t.users.admin.id}/disable`);
    expect([self.status, self.body.error.code]).toEqual([409, 'last_admin']);
    expect((await admin.get('/api/v1/me')).status).toBe(200); // still signed in, still admin
    await admin.patch(`/api/v1/admin/users/${t.users.hr.id}`, { roles: ['hr', 'admin'] });
    expect((await admin.post(`/api/v1/admin/users/${t.users.hr.id}/disable`)).status).toBe(200);
    // A disabled admin does not count: the one left is again the last.
    expect((await admin.post(`/api/v1/admin/users/${t.users.admin.id}/disable`)).body.error.code).toBe('last_admin');
    expect((await admin.post(`/api/v1/admin/users/${t.users.hr.id}/enable`)).status).toBe(200);
    expect((await admin.post(`/api/v1/admin/users/${t.users.admin.id}/disable`)).status).toBe(200);
  });

  it('an admin creates teams with a zone; names are unique; only admins list them', async () => {
    const res = await admin.post('/api/v1/admin/teams', { name: 'Vergunningen', zoneId: t.zone.id });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'Vergunningen', zoneId: t.zone.id, days: [], memberCount: 0 });
    expect((await admin.post('/api/v1/admin/teams', { name: 'vergunningen' })).body.error.code).toBe('name_taken');
    expect((await admin.post('/api/v1/admin/teams', { name: 'X', zoneId: 999 })).status).toBe(404);
    expect((await admin.get('/api/v1/admin/teams')).body.map((x: { name: string }) => x.name)).toEqual(['Sociaal Domein', 'Vergunningen']);
    expect((await anna.get('/api/v1/admin/teams')).status).toBe(403);
    expect((await anna.post('/api/v1/admin/teams', { name: 'Y' })).status).toBe(403);
  });
});

describe('page size', () => {
  it('the user list answers 50 at a time, however many there are', async () => {
    for (let i = 0; i < 113; i++) t.s.admin.createUserWithHash(null, { email: `p${String(i).padStart(3, '0')}@test.nl`, name: `Persoon ${String(i).padStart(3, '0')}`, roles: ['employee'] }, 'x', null);
    const first = await admin.get('/api/v1/admin/users?q=Persoon');
    expect([first.body.total, first.body.users.length, first.body.users[0].name]).toEqual([113, 50, 'Persoon 000']);
    const last = await admin.get('/api/v1/admin/users?q=Persoon&page=3');
    expect([last.body.users.length, last.body.users[12].name]).toEqual([13, 'Persoon 112']);
    expect((await admin.get('/api/v1/admin/users?q=Persoon&page=4')).body.users).toEqual([]);
  });
});
