import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Client, makeTestApp, type TestApp } from '../testing.js';

let t: TestApp;
let anna: Client;
let device: Client;
beforeEach(async () => {
  t = await makeTestApp();
  t.clock.set('2026-12-01T09:00:00+01:00');
  anna = await t.login('anna@test.nl');
  const admin = await t.login('admin@test.nl');
  const created = await admin.post('/api/v1/admin/kiosks', { name: 'Ingang', locationId: t.hub.id });
  device = t.anonymous();
  expect((await device.post('/api/v1/kiosk/pair', { code: created.body.pairingCode })).status).toBe(200);
});
afterEach(() => t.close());

const arrive = (body: object) => device.post('/api/v1/kiosk/guests/arrive', body, { 'idempotency-key': crypto.randomUUID() });

describe("a guest's invite at the kiosk", () => {
  it('answers the badge data with the arrival time and the location', async () => {
    const g = (await anna.post('/api/v1/guests', { name: 'Sanne de Vries', organisation: 'Woonstichting Zuid', expectedAt: '2026-12-01T10:00:00+01:00', locationId: t.hub.id })).body;
    t.clock.set('2026-12-01T09:12:30+01:00');
    const res = await arrive({ inviteCode: g.inviteCode });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Sanne de Vries', hostName: 'anna', date: '2026-12-01', arrivedAt: '2026-12-01T09:12:30+01:00', alreadyArrived: false, locationName: 'Werk HUB' });
  });

  it('scanned again by a guest already present, says so with the first arrival time, and tells the host only once', async () => {
    const g = (await anna.post('/api/v1/guests', { name: 'Sanne de Vries', expectedAt: '2026-12-01T10:00:00+01:00', locationId: t.hub.id })).body;
    t.clock.set('2026-12-01T09:12:00+01:00');
    expect((await arrive({ inviteCode: g.inviteCode })).body.alreadyArrived).toBe(false);
    t.clock.set('2026-12-01T10:40:00+01:00');
    const again = await arrive({ inviteCode: g.inviteCode });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ name: 'Sanne de Vries', alreadyArrived: true, arrivedAt: '2026-12-01T09:12:00+01:00' });
    expect(t.db.prepare("SELECT count(*) FROM notifications WHERE kind = 'guest_arrived'").pluck().get()).toBe(1);
  });

  it('scanned after the guest left is refused with wrong_state', async () => {
    const g = (await anna.post('/api/v1/guests', { name: 'Sanne de Vries', expectedAt: '2026-12-01T10:00:00+01:00', locationId: t.hub.id })).body;
    await arrive({ inviteCode: g.inviteCode });
    const reception = await t.login('reception@test.nl');
    expect((await reception.post(`/api/v1/reception/guests/${g.id}/check-out`)).status).toBe(200);
    const res = await arrive({ inviteCode: g.inviteCode });
    expect([res.status, res.body.error.code]).toEqual([409, 'wrong_state']);
  });
});
