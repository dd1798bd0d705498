import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Client, makeTestApp, type TestApp } from '../testing.js';

let t: TestApp;
let anna: Client;
beforeEach(async () => {
  t = await makeTestApp();
  t.clock.set('2026-12-01T09:00:00+01:00');
  anna = await t.login('anna@test.nl');
});
afterEach(() => t.close());

async function kiosk(locationId = t.hub.id): Promise<Client> {
  const admin = await t.login('admin@test.nl');
  const created = await admin.post('/api/v1/admin/kiosks', { name: 'Ingang', locationId });
  const device = t.anonymous();
  expect((await device.post('/api/v1/kiosk/pair', { code: created.body.pairingCode })).status).toBe(200);
  return device;
}

const invite = async (name: string, over: object = {}) =>
  (await anna.post('/api/v1/guests', { name, organisation: 'Woonstichting Zuid', expectedAt: '2026-12-01T10:00:00+01:00', locationId: t.hub.id, ...over })).body as { id: number; inviteCode: string };

const lookup = (device: Client, surname: string) => device.post('/api/v1/kiosk/guests/lookup', { surname });

describe("the kiosk's visitor lookup", () => {
  it('no longer lists the guests expected today, and no answer to a kiosk carries a full name or organisation', async () => {
    await invite('Sanne de Vries');
    const device = await kiosk();
    expect((await device.get('/api/v1/kiosk/guests')).status).toBe(404);
    const found = await lookup(device, 'de Vries');
    expect(found.status).toBe(200);
    expect(found.body).toEqual({ guests: [{ ref: expect.any(String), initials: 'S.V.', hostFirstName: 'anna' }] });
    const arrived = await device.post('/api/v1/kiosk/guests/arrive', { ref: found.body.guests[0].ref }, { 'idempotency-key': crypto.randomUUID() });
    expect(arrived.body).toEqual({ name: 'S.V.', organisation: null, hostName: 'anna', date: '2026-12-01', checkOutCode: null, arrivedAt: '2026-12-01T09:00:00+01:00', alreadyArrived: false, locationName: 'Werk HUB' });
    for (const answer of [found, arrived]) expect(JSON.stringify(answer.body)).not.toMatch(/Sanne|Woonstichting/);
    // The opaque ref is not the guest's id: ids cannot be walked to arrive anyone.
    expect((await device.post('/api/v1/kiosk/guests/arrive', { guestId: 1 })).status).toBe(400);
  });

  it("finds today's expected guests here by their exact surname, ignoring case and diacritics, and arrives the one confirmed", async () => {
    const sanne = await invite('Sanne de Vries');
    await invite('Zoë Müller-Şahin');
    await invite('Piet de Vries', { expectedAt: '2026-12-02T10:00:00+01:00' }); // tomorrow
    const admin = await t.login('admin@test.nl');
    const other = (await admin.post('/api/v1/admin/locations', { name: 'Stadswinkel', kind: 'service' })).body;
    await invite('Karin de Vries', { locationId: other.id }); // another building
    const kees = await invite('Kees de Vries');
    const device = await kiosk();
    expect((await device.post('/api/v1/kiosk/guests/arrive', { inviteCode: kees.inviteCode })).status).toBe(200); // already in

    const initials = async (surname: string) => ((await lookup(device, surname)).body.guests as { initials: string }[]).map((g) => g.initials);
    expect(await initials('DE VRIES')).toEqual(['S.V.']);
    expect(await initials('  vries ')).toEqual(['S.V.']);
    expect(await initials('Vrie')).toEqual([]); // exact, not a prefix
    expect(await initials('Sanne')).toEqual([]); // a first name is not a surname
    expect(await initials('muller-sahin')).toEqual(['Z.M.-Ş.']);
    expect(await initials('Şahin')).toEqual(['Z.M.-Ş.']);
    expect((await lookup(device, 'V')).status).toBe(400);
    expect((await device.post('/api/v1/kiosk/guests/lookup', {})).status).toBe(400);

    const heard: string[] = [];
    t.s.notifications.subscribe(t.users.anna.id, (n) => heard.push(n.kind === 'guest_arrived' ? n.payload.name : n.kind));
    const { ref } = (await lookup(device, 'de vries')).body.guests[0];
    const elsewhere = await kiosk();
    expect((await elsewhere.post('/api/v1/kiosk/guests/arrive', { ref })).status).toBe(404); // bound to the kiosk that looked it up
    expect((await device.post('/api/v1/kiosk/guests/arrive', { ref: 'made-up-reference-123' })).status).toBe(404);
    expect((await device.post('/api/v1/kiosk/guests/arrive', { ref })).body.hostName).toBe('anna');
    expect(heard).toEqual(['Sanne de Vries']); // the host hears the full name
    expect(t.db.prepare('SELECT state FROM guests WHERE id = ?').pluck().get(sanne.id)).toBe('present');
    expect(await initials('de Vries')).toEqual([]); // arrived: no longer expected

    // Every lookup is audited, without the surname typed.
    const audits = t.db.prepare("SELECT actor, result, details FROM audit_log WHERE action = 'guest.lookup'").all() as { actor: string; result: string; details: string }[];
    expect(audits.length).toBe(8);
    expect(audits.every((a) => a.actor.startsWith('k:') && !/vries|sahin|sanne/i.test(a.details ?? ''))).toBe(true);
  });

  it('a loop over surnames is held back at one kiosk; the invite QR and other kiosks go on working', async () => {
    const sanne = await invite('Sanne de Vries');
    const device = await kiosk();
    const surnames = ['Jansen', 'de Jong', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'de Groot', 'Bos'];
    for (const s of surnames) expect((await lookup(device, s)).body.guests).toEqual([]);
    const refused = await lookup(device, 'de Vries'); // even the right one, now
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('too_many_attempts');
    expect(refused.body.error.details.retryAfterSeconds).toBeGreaterThan(0);
    expect(JSON.stringify(refused.body)).not.toMatch(/S\.V\.|anna/);

    expect((await lookup(await kiosk(), 'de Vries')).body.guests).toHaveLength(1);
    expect((await device.post('/api/v1/kiosk/guests/arrive', { inviteCode: sanne.inviteCode })).body.name).toBe('Sanne de Vries');

    t.clock.advance(15 * 60_000);
    expect((await lookup(device, 'Jansen')).status).toBe(200);
  });

  it('hits count too: a kiosk answers at most 60 lookups an hour', async () => {
    await invite('Sanne de Vries');
    const device = await kiosk();
    for (let i = 0; i < 60; i++) expect((await lookup(device, 'de Vries')).status).toBe(200);
    expect((await lookup(device, 'de Vries')).status).toBe(429);
    t.clock.advance(60 * 60_000);
    expect((await lookup(device, 'de Vries')).status).toBe(200);
  });

  it('is for a paired kiosk only', async () => {
    expect((await t.anonymous().post('/api/v1/kiosk/guests/lookup', { surname: 'de Vries' })).status).toBe(401);
    expect((await anna.post('/api/v1/kiosk/guests/lookup', { surname: 'de Vries' })).status).toBe(401);
  });
});
