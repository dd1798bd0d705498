import { Secret, TOTP } from 'otpauth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Client, makeTestApp, type TestApp } from '../testing.js';

let t: TestApp;
let admin: Client;
beforeEach(async () => {
  t = await makeTestApp();
  admin = await t.login('admin@test.nl');
  t.clock.set('2026-12-01T09:00:00+01:00');
});
afterEach(() => t.close());

/** Pairs a new device; returns a client holding the kiosk credential. */
async function pairedKiosk(body: { name: string; locationId: number; spaceId?: number }) {
  const created = await admin.post('/api/v1/admin/kiosks', body);
  expect(created.status).toBe(201);
  const device = new Client(t.app);
  const paired = await device.post('/api/v1/kiosk/pair', { code: created.body.pairingCode });
  expect(paired.status).toBe(200);
  return { device, kiosk: created.body.kiosk as { id: number }, paired: paired.body };
}

function passOf(userId: number, at = t.clock.now()) {
  const secret = t.db.prepare('SELECT pass_secret FROM users WHERE id = ?').pluck().get(userId) as string;
  const totp = new TOTP({ secret: new Secret({ buffer: new Uint8Array(Buffer.from(secret, 'base64url')).buffer }), period: 30, digits: 6 });
  return `PLEK-PASS:${userId}:${totp.generate({ timestamp: at })}`;
}

describe('pairing', () => {
  it('a one-time code pairs one device with an HttpOnly credential; it cannot be used twice or after 10 minutes', async () => {
    const created = await admin.post('/api/v1/admin/kiosks', { name: 'Ingang HUB', locationId: t.hub.id });
    expect(created.body.pairingCode).toMatch(/^[A-Z2-9]{8}$/);
    const device = new Client(t.app);
    const res = await device.post('/api/v1/kiosk/pair', { code: created.body.pairingCode.toLowerCase() });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Ingang HUB', mode: 'entrance', location: { name: 'Werk HUB' } });
    expect(res.headers.get('set-cookie')).toMatch(/^plek_kiosk=.+HttpOnly.+SameSite=Strict/);
    expect((await new Client(t.app).post('/api/v1/kiosk/pair', { code: created.body.pairingCode })).status).toBe(401);

    const late = await admin.post('/api/v1/admin/kiosks', { name: 'Later', locationId: t.hub.id });
    t.clock.advance(10 * 60_000 + 1);
    expect((await new Client(t.app).post('/api/v1/kiosk/pair', { code: late.body.pairingCode })).body.error.code).toBe('invalid_credentials');
  });

  it('a revoked kiosk gets 401 and so shows the pairing screen', async () => {
    const { device, kiosk } = await pairedKiosk({ name: 'Ingang', locationId: t.hub.id });
    expect((await device.get('/api/v1/kiosk/board')).status).toBe(200);
    expect((await admin.post(`/api/v1/admin/kiosks/${kiosk.id}/revoke`)).status).toBe(200);
    expect((await device.get('/api/v1/kiosk/board')).status).toBe(401);
    expect((await device.get('/api/v1/kiosk/me')).status).toBe(401);
  });

  it('guessing pairing codes is throttled per address, the right code included, and the wait grows', async () => {
    const created = await admin.post('/api/v1/admin/kiosks', { name: 'Ingang', locationId: t.hub.id });
    const guesser = new Client(t.app, '203.0.113.7');
    for (let i = 0; i < 10; i++) expect((await guesser.post('/api/v1/kiosk/pair', { code: `WRONG${i}XX` })).status).toBe(401);
    const held = await guesser.post('/api/v1/kiosk/pair', { code: created.body.pairingCode });
    expect([held.status, held.body.error.code, held.body.error.details.retryAfterSeconds]).toEqual([429, 'too_many_attempts', 60]);
    t.clock.advance(60_000);
    expect((await guesser.post('/api/v1/kiosk/pair', { code: 'WRONGYYY' })).status).toBe(401);
    expect((await guesser.post('/api/v1/kiosk/pair', { code: created.body.pairingCode })).body.error.details.retryAfterSeconds).toBe(120);
    expect((await new Client(t.app, '198.51.100.3').post('/api/v1/kiosk/pair', { code: created.body.pairingCode })).status).toBe(200);
  });

  it('an outstanding pairing code is void after twenty wrong codes from anywhere; a new code pairs', async () => {
    const created = await admin.post('/api/v1/admin/kiosks', { name: 'Ingang', locationId: t.hub.id });
    for (let i = 0; i < 20; i++) expect((await new Client(t.app, `198.18.0.${i}`).post('/api/v1/kiosk/pair', { code: `WRONG${i}XX` })).status).toBe(401);
    expect((await new Client(t.app, '198.51.100.3').post('/api/v1/kiosk/pair', { code: created.body.pairingCode })).body.error.code).toBe('invalid_credentials');
    expect(t.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'kiosk.pair.void_codes'").pluck().get()).toBe(1);
    const again = await admin.post(`/api/v1/admin/kiosks/${created.body.kiosk.id}/pairing-code`);
    expect((await new Client(t.app, '198.51.100.3').post('/api/v1/kiosk/pair', { code: again.body.pairingCode })).status).toBe(200);
  });
});

describe('what a kiosk credential may do', () => {
  it('reads its own location only, and no admin or personal route', async () => {
    const other = await admin.post('/api/v1/admin/locations', { name: 'Stadswinkel', kind: 'service' });
    const { device } = await pairedKiosk({ name: 'Ingang', locationId: t.hub.id });
    const window = 'from=2026-12-01T09:00:00Z&to=2026-12-01T10:00:00Z';
    expect((await device.get(`/api/v1/availability?location=${t.hub.id}&${window}`)).status).toBe(200);
    expect((await device.get(`/api/v1/availability?location=${other.body.id}&${window}`)).status).toBe(403);
    expect((await device.get(`/api/v1/events?location=${other.body.id}`)).status).toBe(403);
    expect((await device.post('/api/v1/admin/users', { email: 'x@y.nl', name: 'x', password: 'long enough password', roles: ['admin'] })).status).toBe(403);
    expect((await device.get('/api/v1/admin/kiosks')).status).toBe(403);
    expect((await device.get('/api/v1/reservations')).status).toBe(403);
    expect((await device.get('/api/v1/reception/guests?location=1')).status).toBe(403);
    const board = await device.get('/api/v1/kiosk/board');
    expect(JSON.stringify(board.body)).not.toContain(t.desks[0]!.key);
  });
});

describe('the entrance kiosk', () => {
  it('shows the board: free and taken spaces now, with until when', async () => {
    const anna = await t.login('anna@test.nl');
    await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, date: '2026-12-01', part: 'morning' });
    const { device } = await pairedKiosk({ name: 'Ingang', locationId: t.hub.id });
    const board = (await device.get('/api/v1/kiosk/board')).body;
    const desk = (code: string) => board.spaces.find((s: { code: string }) => s.code === code);
    expect(desk('HUB-3-001')).toMatchObject({ free: false, until: '2026-12-01T12:30:00+01:00' });
    expect(desk('HUB-3-002')).toMatchObject({ free: true, until: null });
    expect(board.zones[0]).toMatchObject({ name: 'Stilte', character: 'rust' });
  });

  it('checks a person in by their pass, and offers a walk-up to someone without a booking', async () => {
    const anna = await t.login('anna@test.nl');
    const booked = (await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, date: '2026-12-01', part: 'morning' })).body;
    const { device } = await pairedKiosk({ name: 'Ingang', locationId: t.hub.id });
    const res = await device.post('/api/v1/kiosk/check-in', { pass: passOf(t.users.anna.id) });
    expect(res.status).toBe(200);
    expect(res.body.person).toEqual({ name: 'anna' });
    expect(res.body.checkedIn.map((r: { id: number; state: string }) => [r.id, r.state])).toEqual([[booked.id, 'checked_in']]);

    const bram = await device.post('/api/v1/kiosk/check-in', { pass: passOf(t.users.bram.id) });
    expect(bram.body.checkedIn).toEqual([]);
    const walkUp = await device.post('/api/v1/kiosk/walk-up', { visit: bram.body.visit, spaceId: t.desks[1]!.id });
    expect([walkUp.status, walkUp.body.state, walkUp.body.spaceCode]).toEqual([201, 'checked_in', 'HUB-3-002']);
    expect((await device.post('/api/v1/kiosk/walk-up', { visit: bram.body.visit, spaceId: t.desks[2]!.id })).status).toBe(401);
  });

  it('late in the day offers no walk-up: there is no desk left to take today', async () => {
    const { device } = await pairedKiosk({ name: 'Ingang', locationId: t.hub.id });
    t.clock.set('2026-12-01T17:50:00+01:00'); // the afternoon ends at 18:00
    const late = await device.post('/api/v1/kiosk/check-in', { pass: passOf(t.users.bram.id) });
    expect([late.status, late.body.person, late.body.checkedIn, late.body.visit]).toEqual([200, { name: 'bram' }, [], null]);
    t.clock.set('2026-12-02T08:30:00+01:00');
    const morning = await device.post('/api/v1/kiosk/check-in', { pass: passOf(t.users.bram.id) });
    expect(typeof morning.body.visit).toBe('string');
  });

  it('refuses a wrong or stale pass code', async () => {
    const { device } = await pairedKiosk({ name: 'Ingang', locationId: t.hub.id });
    const stale = passOf(t.users.anna.id, t.clock.now() - 5 * 60_000);
    expect((await device.post('/api/v1/kiosk/check-in', { pass: stale })).body.error.code).toBe('wrong_key');
    expect((await device.post('/api/v1/kiosk/check-in', { pass: `PLEK-PASS:${t.users.anna.id}:000000` })).status).toBe(403);
    expect((await device.post('/api/v1/kiosk/check-in', { pass: 'hello' })).status).toBe(400);
  });

  it('a pass check-in queued offline counts with its scan time', async () => {
    const anna = await t.login('anna@test.nl');
    const booked = (await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, date: '2026-12-01', part: 'morning' })).body;
    const { device } = await pairedKiosk({ name: 'Ingang', locationId: t.hub.id });
    const scannedAt = t.clock.now();
    const pass = passOf(t.users.anna.id, scannedAt);
    t.clock.advance(45 * 60_000); // the network came back 45 minutes later
    const res = await device.post('/api/v1/kiosk/check-in', { pass, scannedAt: new Date(scannedAt).toISOString() }, { 'idempotency-key': crypto.randomUUID() });
    expect(res.body.checkedIn.map((r: { id: number }) => r.id)).toEqual([booked.id]);
  });
});

describe('the pass at a kiosk, against replays and guessing', () => {
  it('an old pass with a matching scan time is refused while the kiosk was online, and beyond the offline allowance; no name is given', async () => {
    const { device } = await pairedKiosk({ name: 'Ingang', locationId: t.hub.id });
    const start = t.clock.now();
    const codes = [3, 20].map((h) => ({ h, at: start + 30 * 3_600_000 - h * 3_600_000 }));
    // The kiosk polls every minute for 30 hours: online all along.
    for (let m = 0; m < 30 * 60; m++) {
      t.clock.advance(60_000);
      await device.get('/api/v1/kiosk/me');
    }
    for (const { at } of [...codes, { at: start }]) {
      const res = await device.post('/api/v1/kiosk/check-in', { pass: passOf(t.users.anna.id, at), scannedAt: new Date(at).toISOString() });
      expect([res.status, res.body.error?.code]).toEqual([409, 'scan_too_old']);
      expect(JSON.stringify(res.body)).not.toContain('anna');
    }
    // A scan time in the future is no way round it either.
    const ahead = t.clock.now() + 10 * 60_000;
    expect((await device.post('/api/v1/kiosk/check-in', { pass: passOf(t.users.anna.id, ahead), scannedAt: new Date(ahead).toISOString() })).body.error.code).toBe('scan_in_future');
    expect((await device.post('/api/v1/kiosk/check-in', { pass: passOf(t.users.anna.id) })).status).toBe(200);
  });

  it('a scan queued in an outage counts only when sent soon after the kiosk is back', async () => {
    const { device } = await pairedKiosk({ name: 'Ingang', locationId: t.hub.id });
    const scannedAt = t.clock.now() + 5 * 60_000;
    t.clock.advance(2 * 3_600_000); // two hours without network
    await device.get('/api/v1/kiosk/me'); // back: the board is fetched first
    t.clock.advance(11 * 60_000);
    const late = await device.post('/api/v1/kiosk/check-in', { pass: passOf(t.users.bram.id, scannedAt), scannedAt: new Date(scannedAt).toISOString() });
    expect(late.body.error.code).toBe('scan_too_old');
  });

  it('each pass code checks in once: the same code again is refused', async () => {
    const { device } = await pairedKiosk({ name: 'Ingang', locationId: t.hub.id });
    const pass = passOf(t.users.anna.id);
    expect((await device.post('/api/v1/kiosk/check-in', { pass })).status).toBe(200);
    const again = await device.post('/api/v1/kiosk/check-in', { pass });
    expect([again.status, again.body.error.code]).toEqual([409, 'pass_used']);
    t.clock.advance(30_000);
    expect((await device.post('/api/v1/kiosk/check-in', { pass: passOf(t.users.anna.id) })).status).toBe(200);
  });

  it('a queued pass check-in that meets the throttle is not stored as its answer: resent later, it runs', async () => {
    const { device } = await pairedKiosk({ name: 'Ingang', locationId: t.hub.id });
    for (let i = 0; i < 10; i++) await device.post('/api/v1/kiosk/check-in', { pass: `PLEK-PASS:${t.users.anna.id}:00000${i}` });
    const key = crypto.randomUUID();
    const pass = passOf(t.users.anna.id);
    expect((await device.post('/api/v1/kiosk/check-in', { pass }, { 'idempotency-key': key })).status).toBe(429);
    t.clock.advance(5_000);
    const resent = await device.post('/api/v1/kiosk/check-in', { pass: passOf(t.users.anna.id) }, { 'idempotency-key': crypto.randomUUID() });
    expect(resent.status).toBe(200);
    t.clock.advance(30_000);
    const same = await device.post('/api/v1/kiosk/check-in', { pass }, { 'idempotency-key': key });
    expect([same.status, same.headers.get('idempotent-replayed')]).not.toEqual([429, 'true']);
  });

  it('1,500 guessed passes at one kiosk: ten reach the check, the rest wait, and the wait grows; another kiosk is not held up', async () => {
    const { device } = await pairedKiosk({ name: 'Ingang', locationId: t.hub.id });
    const { device: other } = await pairedKiosk({ name: 'Ingang 2', locationId: t.hub.id });
    const valid = new Set([-1, 0, 1].map((k) => passOf(t.users.anna.id, t.clock.now() + k * 30_000)));
    const statuses: number[] = [];
    for (let i = 0; i < 1500; i++) {
      const guess = `PLEK-PASS:${t.users.anna.id}:${String(100000 + i).padStart(6, '0')}`;
      if (valid.has(guess)) continue;
      statuses.push((await device.post('/api/v1/kiosk/check-in', { pass: guess })).status);
    }
    expect(statuses.filter((s) => s === 403)).toHaveLength(10);
    expect(statuses.filter((s) => s !== 403 && s !== 429)).toEqual([]);
    const held = await device.post('/api/v1/kiosk/check-in', { pass: passOf(t.users.anna.id) });
    expect([held.status, held.body.error.details.retryAfterSeconds]).toEqual([429, 5]);
    expect((await other.post('/api/v1/kiosk/check-in', { pass: passOf(t.users.bram.id) })).status).toBe(200);
    t.clock.advance(5_000);
    expect((await device.post('/api/v1/kiosk/check-in', { pass: `PLEK-PASS:${t.users.anna.id}:000000` })).status).toBe(403);
    expect((await device.post('/api/v1/kiosk/check-in', { pass: passOf(t.users.anna.id) })).body.error.details.retryAfterSeconds).toBe(10);
  });
});

describe('the room display', () => {
  it('books the room now, checks in the current meeting and ends it early', async () => {
    const { device, paired } = await pairedKiosk({ name: 'Deur M01', locationId: t.hub.id, spaceId: t.room.id });
    expect(paired).toMatchObject({ mode: 'room', space: { code: 'HUB-3-M01' } });
    expect((await device.get('/api/v1/kiosk/room')).body).toEqual({ current: null, next: null, closed: null });
    const booked = await device.post('/api/v1/kiosk/room/book', { minutes: 30 });
    expect([booked.status, booked.body]).toEqual([201, { start: '2026-12-01T09:00:00+01:00', end: '2026-12-01T09:30:00+01:00', state: 'checked_in' }]);
    expect((await device.post('/api/v1/kiosk/room/book', { minutes: 15 })).body.error.code).toBe('conflict');
    const ended = await device.post('/api/v1/kiosk/room/end');
    expect(ended.body.state).toBe('completed');
    expect((await device.get('/api/v1/kiosk/room')).body.current).toBeNull();

    const anna = await t.login('anna@test.nl');
    await anna.post('/api/v1/reservations', { spaceId: t.room.id, start: '2026-12-01T09:30:00+01:00', end: '2026-12-01T10:30:00+01:00' });
    expect((await device.get('/api/v1/kiosk/room')).body.next).toMatchObject({ start: '2026-12-01T09:30:00+01:00' });
    t.clock.set('2026-12-01T09:35:00+01:00');
    const checkIn = await device.post('/api/v1/kiosk/room/check-in');
    expect(checkIn.body.state).toBe('checked_in');
    t.clock.set('2026-12-01T09:50:00+01:00');
    t.s.reservations.sweep(); // checked in: no auto-release
    expect((await device.get('/api/v1/kiosk/room')).body.current).toMatchObject({ state: 'checked_in' });
    expect((await device.post('/api/v1/kiosk/room/book', { minutes: 45 })).status).toBe(400);
  });

  it('an entrance kiosk is not a room display', async () => {
    const { device } = await pairedKiosk({ name: 'Ingang', locationId: t.hub.id });
    expect((await device.get('/api/v1/kiosk/room')).status).toBe(403);
  });
});
