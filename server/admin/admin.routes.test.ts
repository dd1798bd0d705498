import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type Client, type TestApp } from '../testing.js';

let t: TestApp;
let admin: Client;
let facility: Client;
let anna: Client;
beforeEach(async () => {
  t = await makeTestApp();
  [admin, facility, anna] = await Promise.all([t.login('admin@test.nl'), t.login('facility@test.nl'), t.login('anna@test.nl')]);
});
afterEach(() => t.close());

describe('users (admin)', () => {
  const newUser = { email: 'carla@test.nl', name: 'Carla', password: 'a long enough password', roles: ['employee', 'manager'], teams: ['Ruimte'] };

  it('an admin creates a user who can then sign in with roles and teams', async () => {
    const res = await admin.post('/api/v1/admin/users', newUser);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ email: 'carla@test.nl', roles: ['employee', 'manager'], teams: [{ name: 'Ruimte' }] });
    expect(JSON.stringify(res.body)).not.toContain('password');
    const carla = await t.login('carla@test.nl', undefined).catch(() => null);
    expect(carla).toBeNull(); // the fixture password is not hers
    const signIn = await t.anonymous().post('/api/v1/auth/login', { email: 'carla@test.nl', password: newUser.password });
    expect(signIn.status).toBe(200);
    const hash = t.db.prepare('SELECT password_hash FROM users WHERE email = ?').pluck().get('carla@test.nl') as string;
    expect(hash).toMatch(/^\$argon2id\$/);
  });

  it('a taken e-mail address is a conflict; a short password and an unknown role are invalid', async () => {
    await admin.post('/api/v1/admin/users', newUser);
    expect((await admin.post('/api/v1/admin/users', { ...newUser, email: 'CARLA@test.nl' })).body.error.code).toBe('email_taken');
    expect((await admin.post('/api/v1/admin/users', { ...newUser, email: 'x@test.nl', password: 'short' })).status).toBe(400);
    expect((await admin.post('/api/v1/admin/users', { ...newUser, email: 'y@test.nl', roles: ['king'] })).status).toBe(400);
  });

  it('facility, employees and signed-out clients cannot manage users', async () => {
    expect((await facility.post('/api/v1/admin/users', newUser)).status).toBe(403);
    expect((await anna.post('/api/v1/admin/users', newUser)).status).toBe(403);
    expect((await anna.post(`/api/v1/admin/users/${t.users.bram.id}/disable`)).status).toBe(403);
    expect((await t.anonymous().post('/api/v1/admin/users', newUser)).status).toBe(401);
    expect(t.db.prepare('SELECT count(*) FROM users WHERE email = ?').pluck().get('carla@test.nl')).toBe(0);
  });
});

describe('locations, zones, spaces and policy (facility, admin)', () => {
  it('facility creates a location with zone and space; only the answer to facility carries the key', async () => {
    const loc = await facility.post('/api/v1/admin/locations', { name: 'Wijksteunpunt Lindenheuvel', kind: 'wijk' });
    expect(loc.status).toBe(201);
    expect(loc.body).toMatchObject({ kind: 'wijk', timezone: 'Europe/Amsterdam', policy: { daysAhead: 14 } });
    const zone = await facility.post(`/api/v1/admin/locations/${loc.body.id}/zones`, { name: 'Wijkplekken', character: 'gemengd' });
    expect(zone.status).toBe(201);
    const space = await facility.post(`/api/v1/admin/locations/${loc.body.id}/spaces`, { code: 'WLH-001', name: 'Wijkwerkplek 1', kind: 'desk', zoneId: zone.body.id, features: ['wheelchair'] });
    expect(space.status).toBe(201);
    expect(space.body.key).toMatch(/^[A-Za-z0-9_-]{20,}$/);

    const seenByFacility = await facility.get(`/api/v1/locations/${loc.body.id}/spaces`);
    expect(seenByFacility.body[0].key).toBe(space.body.key);
    const seenByAnna = await anna.get(`/api/v1/locations/${loc.body.id}/spaces`);
    expect(seenByAnna.body[0]).toMatchObject({ code: 'WLH-001', features: ['wheelchair'] });
    expect(seenByAnna.body[0]).not.toHaveProperty('key');
    expect(JSON.stringify(seenByAnna.body)).not.toContain(space.body.key);
  });

  it('a location in another time zone keeps it', async () => {
    const loc = await admin.post('/api/v1/admin/locations', { name: 'Aruba', kind: 'wijk', timezone: 'America/Aruba' });
    expect(loc.body.timezone).toBe('America/Aruba');
    expect((await admin.post('/api/v1/admin/locations', { name: 'Mars', kind: 'wijk', timezone: 'Mars/Olympus' })).status).toBe(400);
  });

  it('refuses duplicates, a zone of another location, a bad code and an unknown location', async () => {
    expect((await facility.post('/api/v1/admin/locations', { name: 'werk hub', kind: 'hub' })).body.error.code).toBe('name_taken');
    const other = (await facility.post('/api/v1/admin/locations', { name: 'Elders', kind: 'service' })).body;
    const res = await facility.post(`/api/v1/admin/locations/${other.id}/spaces`, { code: 'ELD-1', name: 'x', kind: 'desk', zoneId: t.zone.id });
    expect([res.status, res.body.error.code]).toEqual([422, 'zone_not_in_location']);
    expect((await facility.post(`/api/v1/admin/locations/${t.hub.id}/spaces`, { code: 'HUB-3-001', name: 'x', kind: 'desk' })).body.error.code).toBe('code_taken');
    expect((await facility.post(`/api/v1/admin/locations/${t.hub.id}/spaces`, { code: 'hub 3', name: 'x', kind: 'desk' })).status).toBe(400);
    expect((await facility.post('/api/v1/admin/locations/999/zones', { name: 'z', character: 'rust' })).status).toBe(404);
    expect((await facility.post(`/api/v1/admin/locations/${t.hub.id}/zones`, { name: 'Stilte', character: 'rust' })).body.error.code).toBe('name_taken');
  });

  it('a policy patch is merged into the current policy and takes effect', async () => {
    const res = await facility.put(`/api/v1/admin/locations/${t.hub.id}/policy`, { graceMinutes: { desk: 15 }, dayParts: { morning: { start: '07:30' } }, daysAhead: 7 });
    expect(res.status).toBe(200);
    expect(res.body.policy.graceMinutes).toEqual({ desk: 15, focus: 30, call: 30, meeting: 10, multi: 10 });
    expect(res.body.policy.dayParts.morning).toEqual({ start: '07:30', end: '12:30' });
    const r = await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, date: '2026-12-01', part: 'morning' });
    expect(r.body.start).toBe('2026-12-01T07:30:00+01:00');
    expect(r.body.checkInClosesAt).toBe('2026-12-01T07:45:00+01:00');
    expect((await anna.post('/api/v1/reservations', { spaceId: t.desks[1]!.id, date: '2026-12-09', part: 'day' })).body.error.code).toBe('too_far_ahead');
  });

  it('an impossible policy is refused and nothing changes', async () => {
    const res = await facility.put(`/api/v1/admin/locations/${t.hub.id}/policy`, { dayParts: { morning: { start: '13:00' } } });
    expect([res.status, res.body.error.code]).toEqual([422, 'invalid_policy']);
    expect((await facility.put(`/api/v1/admin/locations/${t.hub.id}/policy`, { graceMinutes: { desk: -5 } })).status).toBe(400);
    expect((await facility.put(`/api/v1/admin/locations/${t.hub.id}/policy`, { unknownRule: true })).status).toBe(400);
    expect((await anna.get(`/api/v1/locations/${t.hub.id}`)).body.policy.dayParts.morning.start).toBe('08:00');
  });

  it('employees, receptionists and HR cannot use the admin routes', async () => {
    for (const email of ['anna@test.nl', 'reception@test.nl', 'hr@test.nl', 'manager@test.nl']) {
      const c = await t.login(email);
      expect((await c.post('/api/v1/admin/locations', { name: 'X', kind: 'wijk' })).status).toBe(403);
      expect((await c.post(`/api/v1/admin/locations/${t.hub.id}/spaces`, { code: 'X-1', name: 'x', kind: 'desk' })).status).toBe(403);
      expect((await c.put(`/api/v1/admin/locations/${t.hub.id}/policy`, { daysAhead: 1 })).status).toBe(403);
    }
    expect(t.db.prepare('SELECT count(*) FROM locations').pluck().get()).toBe(1);
  });

  it('admin actions are audited with actor and object, and the chain verifies', async () => {
    await facility.post('/api/v1/admin/locations', { name: 'Elders', kind: 'service' });
    const row = t.db.prepare("SELECT actor, object, result FROM audit_log WHERE action = 'admin.location.create' ORDER BY id DESC LIMIT 1").get();
    expect(row).toEqual({ actor: `u:${t.users.facility.id}`, object: expect.stringMatching(/^location:\d+$/), result: 'ok' });
    const { createAuditStore } = await import('../audit/audit.store.js');
    const audit = createAuditStore(t.db);
    expect(audit.verify()).toBeNull();
    t.db.prepare("UPDATE audit_log SET actor = 'u:999' WHERE action = 'admin.location.create'").run();
    expect(audit.verify()).not.toBeNull();
  });
});

describe('QR labels', () => {
  it('facility gets each space label URL; rotating a key makes the old label useless', async () => {
    const labels = (await facility.get(`/api/v1/admin/locations/${t.hub.id}/labels`)).body;
    const label = labels.find((l: { code: string }) => l.code === 'HUB-3-001');
    expect(label.url).toBe(`http://localhost/s/HUB-3-001?k=${encodeURIComponent(t.desks[0]!.key)}`);
    expect((await anna.get(`/api/v1/admin/locations/${t.hub.id}/labels`)).status).toBe(403);

    const rotated = await facility.post(`/api/v1/admin/spaces/${t.desks[0]!.id}/rotate-key`);
    expect(rotated.body.key).not.toBe(t.desks[0]!.key);
    t.clock.set('2026-12-01T09:00:00+01:00');
    const old = await anna.post('/api/v1/walk-up', { code: 'HUB-3-001', key: t.desks[0]!.key });
    expect([old.status, old.body.error.code]).toEqual([403, 'wrong_key']);
    expect((await anna.post('/api/v1/walk-up', { code: 'HUB-3-001', key: rotated.body.key })).status).toBe(201);
    expect((await anna.post(`/api/v1/admin/spaces/${t.desks[1]!.id}/rotate-key`)).status).toBe(403);
  });
});

describe('retiring a space', () => {
  it('keeps its history, takes no new reservations, cancels future bookings and tells their owners', async () => {
    t.clock.set('2026-12-01T09:00:00+01:00');
    anna = await t.login('anna@test.nl');
    const past = (await anna.post('/api/v1/walk-up', { code: 'HUB-3-001', key: t.desks[0]!.key })).body;
    const future = (await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, date: '2026-12-03', part: 'day' })).body;
    facility = await t.login('facility@test.nl');
    expect((await facility.post(`/api/v1/admin/spaces/${t.desks[0]!.id}/retire`)).body).toEqual({ cancelled: 1 });
    const state = (id: number) => t.db.prepare('SELECT state FROM reservations WHERE id = ?').pluck().get(id);
    expect([state(past.id), state(future.id)]).toEqual(['checked_in', 'cancelled']);
    const refused = await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, date: '2026-12-04', part: 'day' });
    expect(refused.body.error.code).toBe('space_unavailable');
    expect((await anna.get(`/api/v1/locations/${t.hub.id}/spaces`)).body.map((s: { code: string }) => s.code)).not.toContain('HUB-3-001');
    expect((await anna.get('/api/v1/notifications')).body[0]).toMatchObject({ kind: 'reservation_cancelled', spaceCode: 'HUB-3-001', start: '2026-12-03T08:00:00+01:00', reason: 'space_retired' });
    expect((await anna.post(`/api/v1/admin/spaces/${t.desks[1]!.id}/retire`)).status).toBe(403);
  });
});
