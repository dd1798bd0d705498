import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startJobs } from '../jobs/jobs.js';
import { Client, makeTestApp, type TestApp } from '../testing.js';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
  t.clock.set('2026-12-01T09:00:00+01:00');
});
afterEach(() => t.close());

const NAME = 'Zwaantje Oudekerk-Vlietstra';
const ORGANISATION = 'Firma Geheimzinnig';
/** Every piece of the guest's text that must not be readable from the files afterwards. */
const TRACES = ['Zwaantje', 'Oudekerk', 'Vlietstra', 'Geheimzinnig'];

async function pairedKiosk(): Promise<Client> {
  const admin = await t.login('admin@test.nl');
  const created = await admin.post('/api/v1/admin/kiosks', { name: 'Ingang', locationId: t.hub.id });
  const device = t.anonymous();
  await device.post('/api/v1/kiosk/pair', { code: created.body.pairingCode });
  return device;
}

/** The bytes of the database file and its WAL, as someone who copies them off the disk reads them. */
function traces(): string[] {
  const files = [t.dbFile, `${t.dbFile}-wal`].filter((f) => existsSync(f));
  const bytes = Buffer.concat(files.map((f) => readFileSync(f)));
  return TRACES.filter((text) => bytes.includes(Buffer.from(text, 'utf8')));
}

/** One run of the periodic jobs, as the server does on start and every hour. */
function runJobs(): void {
  startJobs(t.s).stop();
}

/** A guest invited by Anna who arrives at the kiosk with the invite, as the kiosk sends it. */
async function arrivedGuest(kiosk: Client, anna: Client, over: object = {}) {
  const g = (await anna.post('/api/v1/guests', { name: NAME, organisation: ORGANISATION, expectedAt: '2026-12-01T10:00:00+01:00', locationId: t.hub.id, note: 'Komt met de trein', ...over })).body;
  const arrived = await kiosk.post('/api/v1/kiosk/guests/arrive', { inviteCode: g.inviteCode }, { 'idempotency-key': crypto.randomUUID() });
  expect(arrived.status).toBe(200);
  return g as { id: number };
}

const presentNames = async (reception: Client) => {
  const day = await reception.get(`/api/v1/reception/guests?location=${t.hub.id}`);
  const emergency = await reception.get(`/api/v1/reception/emergency?location=${t.hub.id}`);
  return { reception: day.body.present.map((g: { name: string }) => g.name), emergency: emergency.body.guests.map((g: { name: string }) => g.name) };
};

describe('guest data after retention', () => {
  it('a guest never checked out leaves at the end of the visit day, and after retention nothing of them is left in notifications or the database files', async () => {
    const [anna, reception, kiosk] = [await t.login('anna@test.nl'), await t.login('reception@test.nl'), await pairedKiosk()];
    const g = await arrivedGuest(kiosk, anna);
    expect((await anna.get('/api/v1/notifications')).body[0]).toMatchObject({ kind: 'guest_arrived', name: NAME, organisation: ORGANISATION });
    expect(await presentNames(reception)).toEqual({ reception: [NAME], emergency: [NAME] });
    // The checkpointer copies the WAL into the database file every second.
    t.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(traces()).toEqual(TRACES);

    // The next morning, before any job has run: nobody checked her out, but she is not on site today.
    t.clock.set('2026-12-02T08:00:00+01:00');
    expect(await presentNames(reception)).toEqual({ reception: [], emergency: [] });
    runJobs();
    const row = t.db.prepare('SELECT state, left_at FROM guests WHERE id = ?').get(g.id);
    expect(row).toEqual({ state: 'left', left_at: Date.parse('2026-12-02T00:00:00+01:00') });
    const yesterday = await reception.get(`/api/v1/reception/guests?location=${t.hub.id}&date=2026-12-01`);
    expect(yesterday.body.left.map((x: { name: string }) => x.name)).toEqual([NAME]);

    // 44 days later, past the 28 days of retention.
    t.clock.set('2027-01-14T09:00:00+01:00');
    runJobs();
    expect(t.db.prepare('SELECT name, organisation, note, invite_code, state FROM guests WHERE id = ?').get(g.id)).toEqual({ name: null, organisation: null, note: null, invite_code: null, state: 'left' });
    const host = await t.login('anna@test.nl'); // weeks later: a new session
    expect((await host.get('/api/v1/notifications')).body).toEqual([]);
    const receptionNow = await t.login('reception@test.nl');
    expect(await presentNames(receptionNow)).toEqual({ reception: [], emergency: [] });
    expect(t.db.prepare('SELECT count(*) FROM notifications WHERE payload LIKE ?').pluck().get('%Zwaantje%')).toBe(0);
    expect(traces()).toEqual([]);
  });

  it('with a retention shorter than the kiosk replay window, the answer the kiosk stored goes too', async () => {
    const admin = await t.login('admin@test.nl');
    expect((await admin.put(`/api/v1/admin/locations/${t.hub.id}/policy`, { guestRetentionDays: 1 })).status).toBe(200);
    const [anna, kiosk] = [await t.login('anna@test.nl'), await pairedKiosk()];
    await arrivedGuest(kiosk, anna);
    t.clock.set('2026-12-02T10:30:00+01:00');
    const other = await arrivedGuest(kiosk, anna, { name: 'Jan Blijft', organisation: 'Later BV', expectedAt: '2026-12-02T10:00:00+01:00' });
    t.clock.set('2026-12-02T11:00:00+01:00'); // a day and an hour after she was expected
    runJobs();
    expect(t.db.prepare('SELECT count(*) FROM idempotency_keys WHERE body LIKE ?').pluck().get('%Zwaantje%')).toBe(0);
    // The guest who is still within retention keeps the kiosk's replay answer.
    expect(t.db.prepare('SELECT count(*) FROM idempotency_keys WHERE body LIKE ?').pluck().get('%Jan Blijft%')).toBe(1);
    expect(t.db.prepare('SELECT name FROM guests WHERE id = ?').pluck().get(other.id)).toBe('Jan Blijft');
    expect(traces()).toEqual([]);
  });
});
