import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Client, makeTestApp, type TestApp } from '../testing.js';

let t: TestApp;
let anna: Client;
let bram: Client;
let reception: Client;
beforeEach(async () => {
  t = await makeTestApp();
  t.clock.set('2026-12-01T09:00:00+01:00');
  [anna, bram, reception] = await Promise.all([t.login('anna@test.nl'), t.login('bram@test.nl'), t.login('reception@test.nl')]);
});
afterEach(() => t.close());

const invite = (over: object = {}) => ({ name: 'Sanne de Vries', organisation: 'Woonstichting Zuid', expectedAt: '2026-12-01T10:00:00+01:00', locationId: t.hub.id, spaceId: t.room.id, note: 'Rolstoel', ...over });

async function kiosk() {
  const admin = await t.login('admin@test.nl');
  const created = await admin.post('/api/v1/admin/kiosks', { name: 'Ingang', locationId: t.hub.id });
  const device = new Client(t.app);
  await device.post('/api/v1/kiosk/pair', { code: created.body.pairingCode });
  return device;
}

describe('a guest from invitation to departure', () => {
  it('the host invites, the guest arrives at the kiosk, the host is notified, reception sees present then left', async () => {
    const created = await anna.post('/api/v1/guests', invite());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Sanne de Vries', state: 'expected', hostName: 'anna', spaceCode: 'HUB-3-M01', expectedAt: '2026-12-01T10:00:00+01:00' });
    expect(created.body.inviteCode).toMatch(/^[A-Z2-9]{10}$/);

    const device = await kiosk();
    const expected = await device.post('/api/v1/kiosk/guests/lookup', { surname: 'de Vries' });
    expect(expected.body).toEqual({ guests: [{ ref: expect.any(String), initials: 'S.V.', hostFirstName: 'anna' }] });

    const heard: unknown[] = [];
    t.s.notifications.subscribe(t.users.anna.id, (n) => heard.push(n.kind === 'guest_arrived' ? n.payload.name : n.kind));
    const arrived = await device.post('/api/v1/kiosk/guests/arrive', { inviteCode: created.body.inviteCode });
    expect(arrived.body).toMatchObject({ name: 'Sanne de Vries', organisation: 'Woonstichting Zuid', hostName: 'anna', date: '2026-12-01' });
    expect(heard).toEqual(['Sanne de Vries']);
    expect((await anna.get('/api/v1/notifications')).body[0]).toMatchObject({ kind: 'guest_arrived', name: 'Sanne de Vries', read: false });
    expect((await bram.get('/api/v1/notifications')).body).toEqual([]);

    const day = await reception.get(`/api/v1/reception/guests?location=${t.hub.id}`);
    expect([day.body.expected.length, day.body.present.map((g: { name: string }) => g.name), day.body.left.length]).toEqual([0, ['Sanne de Vries'], 0]);
    const out = await reception.post(`/api/v1/reception/guests/${created.body.id}/check-out`);
    expect(out.body.state).toBe('left');
    const after = await reception.get(`/api/v1/reception/guests?location=${t.hub.id}`);
    expect(after.body.left.map((g: { name: string }) => g.name)).toEqual(['Sanne de Vries']);
  });

  it('reception registers a walk-in guest with a host, prints a badge, and can search', async () => {
    const walkIn = await reception.post('/api/v1/reception/guests', { name: 'Piet Jansen', organisation: 'Aannemer', locationId: t.hub.id, hostId: t.users.bram.id });
    expect(walkIn.body).toMatchObject({ state: 'present', hostName: 'bram' });
    expect((await bram.get('/api/v1/notifications')).body[0]).toMatchObject({ name: 'Piet Jansen' });
    const badge = await reception.post(`/api/v1/reception/guests/${walkIn.body.id}/badge`);
    expect(badge.body).toMatchObject({ name: 'Piet Jansen', organisation: 'Aannemer', hostName: 'bram', date: '2026-12-01' });
    expect(badge.body.checkOutCode).toMatch(/^[A-Z2-9]{10}$/);
    await anna.post('/api/v1/guests', invite());
    const found = await reception.get(`/api/v1/reception/guests?location=${t.hub.id}&q=aannemer`);
    expect([...found.body.expected, ...found.body.present].map((g: { name: string }) => g.name)).toEqual(['Piet Jansen']);
  });
});

describe('guest data is for reception, the host and admins only', () => {
  it('another employee cannot see or act on someone else\'s guest; every look is audited', async () => {
    const g = (await anna.post('/api/v1/guests', invite())).body;
    expect((await bram.get(`/api/v1/guests/${g.id}`)).status).toBe(404);
    expect((await bram.get('/api/v1/guests')).body).toEqual([]);
    expect((await bram.get(`/api/v1/reception/guests?location=${t.hub.id}`)).status).toBe(403);
    expect((await bram.post(`/api/v1/reception/guests/${g.id}/check-in`)).status).toBe(403);
    expect((await anna.get(`/api/v1/guests/${g.id}`)).body.name).toBe('Sanne de Vries');
    await reception.get(`/api/v1/guests/${g.id}`);
    const views = t.db.prepare("SELECT actor FROM audit_log WHERE action = 'guest.view' AND object = ?").pluck().all(`guest:${g.id}`);
    expect(views).toEqual([`u:${t.users.anna.id}`, `u:${t.users.reception.id}`]);
  });
});

describe('retention', () => {
  it('anonymises guest data older than the policy (28 days) when the job runs, and not before', async () => {
    const g = (await anna.post('/api/v1/guests', invite())).body;
    await reception.post(`/api/v1/reception/guests/${g.id}/check-in`);
    await reception.post(`/api/v1/reception/guests/${g.id}/check-out`);
    t.clock.set('2026-12-28T12:00:00+01:00');
    expect(t.s.guests.purge()).toBe(0);
    t.clock.set('2026-12-29T12:00:00+01:00');
    expect(t.s.guests.purge()).toBe(1);
    const row = t.db.prepare('SELECT name, organisation, note, invite_code, state FROM guests WHERE id = ?').get(g.id);
    expect(row).toEqual({ name: null, organisation: null, note: null, invite_code: null, state: 'left' });
    const host = await t.login('anna@test.nl'); // a month later: a new session
    expect((await host.get(`/api/v1/guests/${g.id}`)).status).toBe(404);
    expect(t.s.guests.purge()).toBe(0);
  });
});

describe('the emergency list', () => {
  it('lists checked-in staff by zone and guests with their host, and warns when no BHV colleague is in', async () => {
    await anna.post('/api/v1/walk-up', { code: 'HUB-3-001', key: t.desks[0]!.key });
    await reception.post('/api/v1/reception/guests', { name: 'Piet Jansen', locationId: t.hub.id, hostId: t.users.anna.id });
    const list = await reception.get(`/api/v1/reception/emergency?location=${t.hub.id}`);
    expect(list.body.staff).toEqual([{ name: 'anna', bhv: false, spaceCode: 'HUB-3-001', zoneName: 'Stilte', floor: 3 }]);
    expect(list.body.guests).toEqual([expect.objectContaining({ name: 'Piet Jansen', hostName: 'anna' })]);
    expect(list.body.bhvPresent).toBe(false);
    const admin = await t.login('admin@test.nl');
    await admin.post(`/api/v1/admin/users/${t.users.anna.id}/bhv`, { bhv: true });
    expect((await reception.get(`/api/v1/reception/emergency?location=${t.hub.id}`)).body.bhvPresent).toBe(true);
    expect((await anna.get(`/api/v1/reception/emergency?location=${t.hub.id}`)).status).toBe(403);
  });
});

describe('reception works at its own locations', () => {
  it('a receptionist sees and handles guests only where they work; an admin everywhere', async () => {
    const admin = await t.login('admin@test.nl');
    const other = (await admin.post('/api/v1/admin/locations', { name: 'Stadswinkel', kind: 'service' })).body;
    const g = (await anna.post('/api/v1/guests', invite({ locationId: other.id, spaceId: undefined }))).body;
    expect((await reception.get(`/api/v1/reception/guests?location=${other.id}`)).status).toBe(403);
    expect((await reception.post(`/api/v1/reception/guests/${g.id}/check-in`)).status).toBe(404);
    expect((await reception.get(`/api/v1/reception/emergency?location=${other.id}`)).status).toBe(403);
    expect((await admin.get(`/api/v1/reception/guests?location=${other.id}`)).body.expected).toHaveLength(1);
    expect((await admin.put(`/api/v1/admin/users/${t.users.reception.id}/locations`, { locationIds: [t.hub.id, other.id] })).body.locationIds).toEqual([t.hub.id, other.id]);
    expect((await reception.post(`/api/v1/reception/guests/${g.id}/check-in`)).body.state).toBe('present');
  });
});

describe('guests and the outbox: resending is safe', () => {
  it('a registration sent twice with one Idempotency-Key registers the guest once and answers the same', async () => {
    const key = crypto.randomUUID();
    const first = await anna.post('/api/v1/guests', invite(), { 'idempotency-key': key });
    const again = await anna.post('/api/v1/guests', invite(), { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect([again.status, again.body, again.headers.get('idempotent-replayed')]).toEqual([201, first.body, 'true']);
    expect(t.db.prepare('SELECT count(*) FROM guests').pluck().get()).toBe(1);
    const other = await anna.post('/api/v1/guests', invite({ name: 'Iemand Anders' }), { 'idempotency-key': key });
    expect([other.status, other.body.error.code]).toEqual([422, 'idempotency_key_reused']);
    // The same key from another person is theirs: keys are per caller.
    expect((await bram.post('/api/v1/guests', invite(), { 'idempotency-key': key })).status).toBe(201);
  });

  it("reception's walk-in, check-in and check-out sent twice change nothing the second time", async () => {
    const key = crypto.randomUUID();
    const body = { name: 'Piet Jansen', organisation: 'Aannemer', locationId: t.hub.id, hostId: t.users.bram.id };
    const walkIn = await reception.post('/api/v1/reception/guests', body, { 'idempotency-key': key });
    expect((await reception.post('/api/v1/reception/guests', body, { 'idempotency-key': key })).body).toEqual(walkIn.body);
    expect(t.db.prepare('SELECT count(*) FROM guests').pluck().get()).toBe(1);
    const out = crypto.randomUUID();
    const left = await reception.post(`/api/v1/reception/guests/${walkIn.body.id}/check-out`, undefined, { 'idempotency-key': out });
    expect(left.body.state).toBe('left');
    const replay = await reception.post(`/api/v1/reception/guests/${walkIn.body.id}/check-out`, undefined, { 'idempotency-key': out });
    expect([replay.status, replay.body]).toEqual([left.status, left.body]);
  });
});
