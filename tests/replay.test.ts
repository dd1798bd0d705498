/**
 * Replay-safe everywhere: every write route of the OpenAPI document, sent twice with the same
 * Idempotency-Key by a caller allowed to use it, answers the second time exactly as the first
 * (marked Idempotent-Replayed) and changes nothing in between. This is what makes the outbox's
 * resend after a lost answer harmless. A new write route fails this test until it has a case
 * here or a reason to be excluded.
 */
import { createHash, randomUUID } from 'node:crypto';
import QRCode from 'qrcode';
import { Secret, TOTP } from 'otpauth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { routeDocs } from '../server/app.js';
import { Client, makeTestApp, type TestApp } from '../server/testing.js';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
  t.clock.set('2026-12-01T09:00:00+01:00'); // a Tuesday morning: check-in windows are open
});
afterEach(() => t.close());

/** Write routes that take no Idempotency-Key by design, and why (see their routes' comments). */
const excluded: Record<string, string> = {
  'post /api/v1/auth/login': 'no caller to key by before sign-in; argon2 awaits; the answer is a session cookie that must never be replayed',
  'post /api/v1/auth/second-factor': 'the answer is a session cookie; a ticket works once, so a resend is refused anyway',
  'post /api/v1/auth/second-factor/enrol': 'the answer is a session cookie and one-time recovery codes; a ticket works once',
  'post /api/v1/auth/logout': 'ends the session it is keyed by; signing out again ends nothing',
  'post /api/v1/kiosk/pair': 'the device has no identity to key by yet; the answer is its credential cookie; a pairing code works once',
};

/** What a case sends: who, where, what. */
interface Sent {
  client: Client;
  path: string;
  body?: unknown;
}

const login = (email: string) => t.login(email);

async function kiosk(spaceId?: number): Promise<Client> {
  const admin = await login('admin@test.nl');
  const created = await admin.post('/api/v1/admin/kiosks', { name: spaceId ? 'Ruimte' : 'Ingang', locationId: t.hub.id, spaceId });
  const device = new Client(t.app);
  expect((await device.post('/api/v1/kiosk/pair', { code: created.body.pairingCode })).status).toBe(200);
  return device;
}

function passOf(userId: number): string {
  const secret = t.db.prepare('SELECT pass_secret FROM users WHERE id = ?').pluck().get(userId) as string;
  const totp = new TOTP({ secret: new Secret({ buffer: new Uint8Array(Buffer.from(secret, 'base64url')).buffer }), period: 30, digits: 6 });
  return `PLEK-PASS:${userId}:${totp.generate({ timestamp: t.clock.now() })}`;
}

async function annaBooking(anna: Client): Promise<number> {
  const r = await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, date: '2026-12-01', part: 'morning' });
  expect(r.status).toBe(201);
  return r.body.id;
}

async function guestOfAnna(): Promise<{ id: number; inviteCode: string }> {
  const anna = await login('anna@test.nl');
  const g = await anna.post('/api/v1/guests', { name: 'Sanne de Vries', organisation: 'Gemeente Zwolle', expectedAt: '2026-12-01T10:00:00+01:00', locationId: t.hub.id });
  expect(g.status).toBe(201);
  return g.body;
}

async function plan(facility: Client): Promise<number> {
  const p = await facility.post(`/api/v1/admin/locations/${t.hub.id}/plans`, { name: 'Verdieping 3', floor: 3, image: await QRCode.toDataURL('plattegrond', { width: 100 }) });
  expect(p.status).toBe(201);
  return p.body.id;
}

async function teamOfManager(): Promise<number> {
  const admin = await login('admin@test.nl');
  const teamId = t.db.prepare("SELECT id FROM teams WHERE name = 'Sociaal Domein'").pluck().get() as number;
  await admin.patch(`/api/v1/admin/users/${t.users.manager.id}`, { teams: ['Sociaal Domein'] });
  await admin.patch(`/api/v1/teams/${teamId}`, { zoneId: t.zone.id });
  return teamId;
}

/** One realistic, valid request per write route, with whatever it needs set up first. */
const cases: Record<string, () => Promise<Sent>> = {
  'post /api/v1/reservations': async () => ({ client: await login('anna@test.nl'), path: '/api/v1/reservations', body: { spaceId: t.desks[0]!.id, date: '2026-12-02', part: 'morning' } }),
  'post /api/v1/reservations/:id/check-in': async () => {
    const anna = await login('anna@test.nl');
    return { client: anna, path: `/api/v1/reservations/${await annaBooking(anna)}/check-in`, body: { key: t.desks[0]!.key } };
  },
  'post /api/v1/reservations/:id/release': async () => {
    const anna = await login('anna@test.nl');
    return { client: anna, path: `/api/v1/reservations/${await annaBooking(anna)}/release` };
  },
  'patch /api/v1/reservations/:id': async () => {
    const anna = await login('anna@test.nl');
    return { client: anna, path: `/api/v1/reservations/${await annaBooking(anna)}`, body: { date: '2026-12-01', part: 'afternoon' } };
  },
  'post /api/v1/series': async () => ({ client: await login('anna@test.nl'), path: '/api/v1/series', body: { spaceId: t.desks[1]!.id, days: ['tue', 'thu'], from: '2026-12-01', until: '2026-12-31', part: 'afternoon' } }),
  'post /api/v1/series/:id/cancel': async () => {
    const anna = await login('anna@test.nl');
    const series = await anna.post('/api/v1/series', { spaceId: t.desks[1]!.id, days: ['tue', 'thu'], from: '2026-12-01', until: '2026-12-31', part: 'afternoon' });
    return { client: anna, path: `/api/v1/series/${series.body.id}/cancel`, body: { from: '2026-12-03', to: '2026-12-24' } };
  },
  'post /api/v1/walk-up': async () => ({ client: await login('anna@test.nl'), path: '/api/v1/walk-up', body: { code: t.desks[1]!.code, key: t.desks[1]!.key } }),

  'post /api/v1/admin/users': async () => ({ client: await login('admin@test.nl'), path: '/api/v1/admin/users', body: { email: 'nieuw@test.nl', name: 'Nieuw', password: 'a long enough password', roles: ['employee'], teams: ['Sociaal Domein'] } }),
  'patch /api/v1/admin/users/:id': async () => ({ client: await login('admin@test.nl'), path: `/api/v1/admin/users/${t.users.bram.id}`, body: { name: 'Bram B.', roles: ['employee', 'manager'] } }),
  'post /api/v1/admin/users/:id/disable': async () => ({ client: await login('admin@test.nl'), path: `/api/v1/admin/users/${t.users.bram.id}/disable` }),
  'post /api/v1/admin/users/:id/enable': async () => {
    const admin = await login('admin@test.nl');
    await admin.post(`/api/v1/admin/users/${t.users.bram.id}/disable`);
    return { client: admin, path: `/api/v1/admin/users/${t.users.bram.id}/enable` };
  },
  'put /api/v1/admin/users/:id/locations': async () => ({ client: await login('admin@test.nl'), path: `/api/v1/admin/users/${t.users.anna.id}/locations`, body: { locationIds: [t.hub.id] } }),
  'post /api/v1/admin/users/:id/bhv': async () => ({ client: await login('admin@test.nl'), path: `/api/v1/admin/users/${t.users.anna.id}/bhv`, body: { bhv: true } }),

  'post /api/v1/admin/locations': async () => ({ client: await login('facility@test.nl'), path: '/api/v1/admin/locations', body: { name: 'Stadskantoor', kind: 'townhall' } }),
  'post /api/v1/admin/locations/:id/zones': async () => ({ client: await login('facility@test.nl'), path: `/api/v1/admin/locations/${t.hub.id}/zones`, body: { name: 'Reuring', character: 'dynamisch', floor: 2 } }),
  'post /api/v1/admin/locations/:id/spaces': async () => ({ client: await login('facility@test.nl'), path: `/api/v1/admin/locations/${t.hub.id}/spaces`, body: { code: 'HUB-3-009', name: 'Werkplek 3.09', kind: 'desk', zoneId: t.zone.id } }),
  'patch /api/v1/admin/locations/:id': async () => ({ client: await login('facility@test.nl'), path: `/api/v1/admin/locations/${t.hub.id}`, body: { name: 'Werk HUB Zuid' } }),
  'post /api/v1/admin/locations/:id/retire': async () => {
    await annaBooking(await login('anna@test.nl')); // a booking to cancel, an owner to tell
    return { client: await login('facility@test.nl'), path: `/api/v1/admin/locations/${t.hub.id}/retire` };
  },
  'patch /api/v1/admin/zones/:id': async () => ({ client: await login('facility@test.nl'), path: `/api/v1/admin/zones/${t.zone.id}`, body: { name: 'Stiltezone', floor: 4 } }),
  'post /api/v1/admin/zones/:id/retire': async () => {
    await annaBooking(await login('anna@test.nl'));
    return { client: await login('facility@test.nl'), path: `/api/v1/admin/zones/${t.zone.id}/retire` };
  },
  'patch /api/v1/admin/spaces/:id': async () => ({ client: await login('facility@test.nl'), path: `/api/v1/admin/spaces/${t.desks[2]!.id}`, body: { name: 'Werkplek bij het raam', features: ['second_screen'] } }),
  'put /api/v1/admin/spaces/:id/position': async () => {
    const facility = await login('facility@test.nl');
    return { client: facility, path: `/api/v1/admin/spaces/${t.desks[0]!.id}/position`, body: { at: { planId: await plan(facility), x: 0.25, y: 0.5 } } };
  },
  'post /api/v1/admin/locations/:id/plans': async () => ({ client: await login('facility@test.nl'), path: `/api/v1/admin/locations/${t.hub.id}/plans`, body: { name: 'Verdieping 3', floor: 3, image: await QRCode.toDataURL('plattegrond', { width: 100 }) } }),
  'delete /api/v1/admin/plans/:id': async () => {
    const facility = await login('facility@test.nl');
    return { client: facility, path: `/api/v1/admin/plans/${await plan(facility)}` };
  },
  'post /api/v1/admin/spaces/:id/rotate-key': async () => ({ client: await login('facility@test.nl'), path: `/api/v1/admin/spaces/${t.desks[0]!.id}/rotate-key` }),
  'post /api/v1/admin/spaces/:id/retire': async () => {
    await annaBooking(await login('anna@test.nl'));
    return { client: await login('facility@test.nl'), path: `/api/v1/admin/spaces/${t.desks[0]!.id}/retire` };
  },
  'post /api/v1/admin/locations/:id/spaces/import': async () => ({
    client: await login('facility@test.nl'),
    path: `/api/v1/admin/locations/${t.hub.id}/spaces/import`,
    body: { csv: 'code,name,kind,zone,capacity,features\nHUB-3-010,Werkplek 3.10,desk,Stilte,1,second_screen;sit_stand\nHUB-3-F01,Focusruimte,focus,,1,\n' },
  }),
  'put /api/v1/admin/locations/:id/policy': async () => ({ client: await login('facility@test.nl'), path: `/api/v1/admin/locations/${t.hub.id}/policy`, body: { checkInOpensMinutes: 30 } }),

  'put /api/v1/me/settings': async () => ({ client: await login('anna@test.nl'), path: '/api/v1/me/settings', body: { showPresence: false } }),
  'put /api/v1/me/favourites/:spaceId': async () => ({ client: await login('anna@test.nl'), path: `/api/v1/me/favourites/${t.desks[0]!.id}` }),
  'delete /api/v1/me/favourites/:spaceId': async () => {
    const anna = await login('anna@test.nl');
    await anna.put(`/api/v1/me/favourites/${t.desks[0]!.id}`);
    return { client: anna, path: `/api/v1/me/favourites/${t.desks[0]!.id}` };
  },
  'put /api/v1/me/mail': async () => ({ client: await login('anna@test.nl'), path: '/api/v1/me/mail', body: { language: 'en', confirmations: false, reminders: true } }),

  'post /api/v1/admin/kiosks': async () => ({ client: await login('admin@test.nl'), path: '/api/v1/admin/kiosks', body: { name: 'Ingang Oost', locationId: t.hub.id } }),
  'post /api/v1/admin/kiosks/:id/pairing-code': async () => {
    const admin = await login('admin@test.nl');
    const created = await admin.post('/api/v1/admin/kiosks', { name: 'Ingang Oost', locationId: t.hub.id });
    return { client: admin, path: `/api/v1/admin/kiosks/${created.body.kiosk.id}/pairing-code` };
  },
  'post /api/v1/admin/kiosks/:id/revoke': async () => {
    const admin = await login('admin@test.nl');
    const created = await admin.post('/api/v1/admin/kiosks', { name: 'Ingang Oost', locationId: t.hub.id });
    return { client: admin, path: `/api/v1/admin/kiosks/${created.body.kiosk.id}/revoke` };
  },

  'post /api/v1/kiosk/check-in': async () => {
    await annaBooking(await login('anna@test.nl'));
    return { client: await kiosk(), path: '/api/v1/kiosk/check-in', body: { pass: passOf(t.users.anna.id) } };
  },
  'post /api/v1/kiosk/walk-up': async () => {
    const device = await kiosk();
    const visit = (await device.post('/api/v1/kiosk/check-in', { pass: passOf(t.users.bram.id) })).body.visit as string;
    return { client: device, path: '/api/v1/kiosk/walk-up', body: { visit, spaceId: t.desks[1]!.id } };
  },
  'post /api/v1/kiosk/guests/lookup': async () => {
    await guestOfAnna();
    return { client: await kiosk(), path: '/api/v1/kiosk/guests/lookup', body: { surname: 'de Vries' } };
  },
  'post /api/v1/kiosk/guests/arrive': async () => {
    const { inviteCode } = await guestOfAnna();
    return { client: await kiosk(), path: '/api/v1/kiosk/guests/arrive', body: { inviteCode } };
  },
  'post /api/v1/kiosk/room/book': async () => ({ client: await kiosk(t.room.id), path: '/api/v1/kiosk/room/book', body: { minutes: 30 } }),
  'post /api/v1/kiosk/room/check-in': async () => {
    const device = await kiosk(t.room.id);
    expect((await device.post('/api/v1/kiosk/room/book', { minutes: 30 })).status).toBe(201);
    return { client: device, path: '/api/v1/kiosk/room/check-in' };
  },
  'post /api/v1/kiosk/room/end': async () => {
    const device = await kiosk(t.room.id);
    expect((await device.post('/api/v1/kiosk/room/book', { minutes: 30 })).status).toBe(201);
    return { client: device, path: '/api/v1/kiosk/room/end' };
  },

  'post /api/v1/guests': async () => ({ client: await login('anna@test.nl'), path: '/api/v1/guests', body: { name: 'Sanne de Vries', organisation: 'Gemeente Zwolle', expectedAt: '2026-12-01T10:00:00+01:00', locationId: t.hub.id, note: 'Komt voor het overleg' } }),
  'patch /api/v1/guests/:id': async () => {
    const { id } = await guestOfAnna();
    return { client: await login('anna@test.nl'), path: `/api/v1/guests/${id}`, body: { expectedAt: '2026-12-01T14:00:00+01:00', note: 'Komt later' } };
  },
  'delete /api/v1/guests/:id': async () => {
    const { id } = await guestOfAnna();
    return { client: await login('anna@test.nl'), path: `/api/v1/guests/${id}` };
  },
  'post /api/v1/reception/guests': async () => ({ client: await login('reception@test.nl'), path: '/api/v1/reception/guests', body: { name: 'Piet Jansen', organisation: 'Aannemer', locationId: t.hub.id, hostId: t.users.anna.id } }),
  'post /api/v1/reception/guests/:id/check-in': async () => {
    const { id } = await guestOfAnna();
    return { client: await login('reception@test.nl'), path: `/api/v1/reception/guests/${id}/check-in` };
  },
  'post /api/v1/reception/guests/:id/check-out': async () => {
    const { id } = await guestOfAnna();
    const reception = await login('reception@test.nl');
    expect((await reception.post(`/api/v1/reception/guests/${id}/check-in`)).status).toBe(200);
    return { client: reception, path: `/api/v1/reception/guests/${id}/check-out` };
  },
  'post /api/v1/reception/guests/:id/badge': async () => {
    const { id } = await guestOfAnna();
    return { client: await login('reception@test.nl'), path: `/api/v1/reception/guests/${id}/badge` };
  },
  'post /api/v1/notifications/read': async () => {
    const { id } = await guestOfAnna();
    await (await login('reception@test.nl')).post(`/api/v1/reception/guests/${id}/check-in`); // anna is notified
    return { client: await login('anna@test.nl'), path: '/api/v1/notifications/read' };
  },

  'put /api/v1/ticks/:date': async () => ({ client: await login('anna@test.nl'), path: '/api/v1/ticks/2026-12-01', body: { place: 'wijk' } }),
  'put /api/v1/hr/ticks/:userId/:date': async () => ({ client: await login('hr@test.nl'), path: `/api/v1/hr/ticks/${t.users.anna.id}/2026-12-01`, body: { place: 'thuis' } }),
  'post /api/v1/me/calendar': async () => ({ client: await login('anna@test.nl'), path: '/api/v1/me/calendar' }),

  'patch /api/v1/teams/:id': async () => {
    const teamId = await teamOfManager();
    return { client: await login('manager@test.nl'), path: `/api/v1/teams/${teamId}`, body: { days: ['tue', 'thu'] } };
  },
  'post /api/v1/teams/:id/blocks': async () => {
    const teamId = await teamOfManager();
    return { client: await login('manager@test.nl'), path: `/api/v1/teams/${teamId}/blocks`, body: { date: '2026-12-03', memberIds: [t.users.anna.id], held: 1 } };
  },
  'post /api/v1/teams/:id/claim': async () => {
    const teamId = await teamOfManager();
    expect((await (await login('manager@test.nl')).post(`/api/v1/teams/${teamId}/blocks`, { date: '2026-12-03', held: 1 })).status).toBe(201);
    return { client: await login('bram@test.nl'), path: `/api/v1/teams/${teamId}/claim`, body: { date: '2026-12-03' } };
  },
  'post /api/v1/admin/teams': async () => ({ client: await login('admin@test.nl'), path: '/api/v1/admin/teams', body: { name: 'Burgerzaken', zoneId: t.zone.id } }),
};

/** Tables a replay may touch: the keys themselves, the audit trail of who asked, sign-ins. */
const unsnapshotted = new Set(['idempotency_keys', 'audit_log', 'sessions', 'login_tickets', 'schema_migrations']);

/** A hash of every row of every other table: equal before and after means nothing changed. */
function snapshot(): string {
  const tables = t.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  const h = createHash('sha256');
  for (const table of tables.filter((n) => !unsnapshotted.has(n))) {
    const rows = t.db.prepare(`SELECT * FROM "${table}"`).raw().all();
    h.update(table).update(JSON.stringify(rows.map((r) => JSON.stringify(r, (_k, v) => (Buffer.isBuffer(v) ? v.toString('base64') : v))).sort()));
  }
  return h.digest('hex');
}

const writes = routeDocs.filter((d) => d.method !== 'get').map((d) => `${d.method} ${d.path}`);

describe('every write route is replay-safe', () => {
  it('each write route of the OpenAPI document has a replay case or is excluded with a reason', () => {
    const unknown = writes.filter((k) => !(k in cases) && !(k in excluded));
    expect(unknown, 'new write routes need a case in tests/replay.test.ts (or a reason to be excluded)').toEqual([]);
    expect(Object.keys(cases).filter((k) => !writes.includes(k)), 'cases for routes that no longer exist').toEqual([]);
    expect(Object.keys(excluded).filter((k) => k in cases)).toEqual([]);
  });

  it('the excluded routes document no Idempotency-Key; every other write route does', async () => {
    const doc = (await t.anonymous().get('/api/v1/openapi.json')).body as { paths: Record<string, Record<string, { parameters: { name: string }[] }>> };
    for (const key of writes) {
      const [method, path] = key.split(' ') as [string, string];
      const takesKey = doc.paths[path.replace(/:(\w+)/g, '{$1}')]![method]!.parameters.some((p) => p.name === 'Idempotency-Key');
      expect([key, takesKey]).toEqual([key, !(key in excluded)]);
    }
  });

  for (const key of writes.filter((k) => k in cases)) {
    it(`${key}: the same key twice gives the first answer again, marked replayed, and changes nothing`, async () => {
      const { client, path, body } = await cases[key]!();
      const method = key.split(' ')[0]!.toUpperCase();
      const headers = { 'idempotency-key': randomUUID() };
      const first = await client.request(method, path, body, headers);
      expect(first.status, JSON.stringify(first.body)).toBeLessThan(300); // a realistic, accepted request
      expect(first.headers.get('idempotent-replayed')).toBeNull();
      const before = snapshot();
      const second = await client.request(method, path, body, headers);
      expect([second.status, second.body]).toEqual([first.status, first.body]);
      expect(second.headers.get('idempotent-replayed')).toBe('true');
      expect(snapshot()).toBe(before);
    });
  }

  it('the same key with another body is refused with idempotency_key_reused and changes nothing', async () => {
    const anna = await login('anna@test.nl');
    const headers = { 'idempotency-key': randomUUID() };
    expect((await anna.post('/api/v1/guests', { name: 'Sanne de Vries', expectedAt: '2026-12-01T10:00:00+01:00', locationId: t.hub.id }, headers)).status).toBe(201);
    const before = snapshot();
    const other = await anna.post('/api/v1/guests', { name: 'Piet Jansen', expectedAt: '2026-12-01T10:00:00+01:00', locationId: t.hub.id }, headers);
    expect([other.status, other.body.error.code]).toEqual([422, 'idempotency_key_reused']);
    expect(snapshot()).toBe(before);
  });

  it('keys are per caller: the same key from another person is their own request', async () => {
    const headers = { 'idempotency-key': randomUUID() };
    const body = { place: 'wijk' };
    expect((await (await login('anna@test.nl')).put('/api/v1/ticks/2026-12-01', body, headers)).status).toBe(204);
    const bram = await (await login('bram@test.nl')).put('/api/v1/ticks/2026-12-01', body, headers);
    expect([bram.status, bram.headers.get('idempotent-replayed')]).toEqual([204, null]);
  });
});
