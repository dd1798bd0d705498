/**
 * The entrance kiosk when the location is closed: after hours, on a day of the week it does not
 * open and on a public holiday it closes on, the board says so and when it opens next, and a
 * person without a booking is offered no desk, nor given one at the desk's own QR label.
 */
import { Secret, TOTP } from 'otpauth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Client, makeTestApp, type TestApp } from '../testing.js';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp(); // the default policy: open every day 08:00–18:00, closed on public holidays
});
afterEach(() => t.close());

/** Paired at the clock's time: signed in then, as a session weeks old would have ended. */
async function pairedKiosk(spaceId?: number) {
  const admin = await t.login('admin@test.nl');
  const created = await admin.post('/api/v1/admin/kiosks', { name: spaceId ? 'Deur M01' : 'Ingang', locationId: t.hub.id, spaceId });
  const device = new Client(t.app);
  expect((await device.post('/api/v1/kiosk/pair', { code: created.body.pairingCode })).status).toBe(200);
  return device;
}

function passOf(userId: number) {
  const secret = t.db.prepare('SELECT pass_secret FROM users WHERE id = ?').pluck().get(userId) as string;
  const totp = new TOTP({ secret: new Secret({ buffer: new Uint8Array(Buffer.from(secret, 'base64url')).buffer }), period: 30, digits: 6 });
  return `PLEK-PASS:${userId}:${totp.generate({ timestamp: t.clock.now() })}`;
}

describe('the entrance kiosk of a closed location', () => {
  it('is open on a weekday at ten: the board says nothing is closed', async () => {
    t.clock.set('2026-12-02T10:00:00+01:00');
    const device = await pairedKiosk();
    expect((await device.get('/api/v1/kiosk/board')).body.closed).toBeNull();
  });

  it('before opening says it opens today at 08:00, and offers no walk-up, as the phone does not: a desk scanned then is refused', async () => {
    t.clock.set('2026-12-02T07:10:00+01:00');
    const device = await pairedKiosk();
    expect((await device.get('/api/v1/kiosk/board')).body.closed).toEqual({ reason: 'hours', holiday: null, opensAt: '2026-12-02T08:00:00+01:00' });
    expect((await device.post('/api/v1/kiosk/check-in', { pass: passOf(t.users.bram.id) })).body.visit).toBeNull();
    const scanned = await (await t.login('anna@test.nl')).post('/api/v1/walk-up', { code: 'HUB-3-001', key: t.desks[0]!.key });
    expect([scanned.status, scanned.body.error?.code, scanned.body.error?.details]).toEqual([422, 'outside_opening_hours', { start: '08:00', end: '18:00' }]);
    t.clock.set('2026-12-02T08:00:00+01:00');
    expect((await (await t.login('anna@test.nl')).post('/api/v1/walk-up', { code: 'HUB-3-001', key: t.desks[0]!.key })).status).toBe(201);
  });

  it('in the evening says it opens tomorrow at 08:00, and offers no walk-up', async () => {
    t.clock.set('2026-12-02T19:30:00+01:00');
    const device = await pairedKiosk();
    expect((await device.get('/api/v1/kiosk/board')).body.closed).toEqual({ reason: 'hours', holiday: null, opensAt: '2026-12-03T08:00:00+01:00' });
    expect((await device.post('/api/v1/kiosk/check-in', { pass: passOf(t.users.bram.id) })).body.visit).toBeNull();
  });

  it('on a Saturday it does not open says it opens on Monday, offers no walk-up, and a desk scanned then is refused with closed_day', async () => {
    await (await t.login('facility@test.nl')).put(`/api/v1/admin/locations/${t.hub.id}/policy`, { openDays: ['mon', 'tue', 'wed', 'thu', 'fri'] });
    t.clock.set('2026-12-05T10:00:00+01:00');
    const device = await pairedKiosk();
    expect((await device.get('/api/v1/kiosk/board')).body.closed).toEqual({ reason: 'closed_day', holiday: null, opensAt: '2026-12-07T08:00:00+01:00' });
    const bram = await device.post('/api/v1/kiosk/check-in', { pass: passOf(t.users.bram.id) });
    expect([bram.status, bram.body.checkedIn, bram.body.visit]).toEqual([200, [], null]);
    const scanned = await (await t.login('anna@test.nl')).post('/api/v1/walk-up', { code: 'HUB-3-001', key: t.desks[0]!.key });
    expect([scanned.status, scanned.body.error?.code]).toEqual([409, 'closed_day']);
    expect(t.db.prepare('SELECT count(*) FROM reservations').pluck().get()).toBe(0);
  });

  it('on Christmas Day names the holiday, says it opens again the day after Tweede kerstdag, and gives no desk', async () => {
    t.clock.set('2026-12-25T10:00:00+01:00'); // a Friday; Tweede kerstdag is the Saturday
    const device = await pairedKiosk();
    expect((await device.get('/api/v1/kiosk/board')).body.closed).toEqual({ reason: 'holiday', holiday: { nl: 'Kerstmis', en: 'Christmas Day' }, opensAt: '2026-12-27T08:00:00+01:00' });
    expect((await device.post('/api/v1/kiosk/check-in', { pass: passOf(t.users.bram.id) })).body.visit).toBeNull();
    const scanned = await (await t.login('anna@test.nl')).post('/api/v1/walk-up', { code: 'HUB-3-001', key: t.desks[0]!.key });
    expect([scanned.status, scanned.body.error?.code]).toEqual([409, 'holiday_closed']);
    expect(t.db.prepare('SELECT count(*) FROM reservations').pluck().get()).toBe(0);
  });

  it("a room's display on Christmas Day says the location is closed all day and refuses 'nu boeken'; in the evening it books as before", async () => {
    t.clock.set('2026-12-25T10:00:00+01:00');
    const door = await pairedKiosk(t.room.id);
    expect((await door.get('/api/v1/kiosk/room')).body).toEqual({ current: null, next: null, closed: { reason: 'holiday', holiday: { nl: 'Kerstmis', en: 'Christmas Day' }, opensAt: '2026-12-27T08:00:00+01:00' } });
    const book = await door.post('/api/v1/kiosk/room/book', { minutes: 30 });
    expect([book.status, book.body.error?.code]).toEqual([409, 'holiday_closed']);
    t.clock.set('2026-12-28T19:30:00+01:00');
    const evening = await pairedKiosk(t.room.id);
    expect((await evening.get('/api/v1/kiosk/room')).body.closed).toBeNull();
    expect((await evening.post('/api/v1/kiosk/room/book', { minutes: 30 })).status).toBe(201);
  });
});
