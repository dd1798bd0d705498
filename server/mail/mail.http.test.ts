/**
 * Mail from the changes that cause it, through the HTTP API: each queued in the change's own
 * unit of work, sent by the job to a real SMTP server on 127.0.0.1 (STARTTLS, AUTH), read back
 * with mailparser and ical.js.
 */
import { createServer, type Socket } from 'node:net';
import ICAL from 'ical.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startJobs } from '../jobs/jobs.js';
import { makeTestApp, type TestApp } from '../testing.js';
import { calendarPartOf, RELAY_PASSWORD, RELAY_USER, removeCertificate, selfSignedCertificate, startRelay, type Received, type Relay } from './relay.testing.js';

let cert: ReturnType<typeof selfSignedCertificate>;
beforeAll(() => {
  cert = selfSignedCertificate();
});
afterAll(() => removeCertificate(cert.dir));

let relay: Relay;
let t: TestApp;
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function start(): Promise<void> {
  relay = await startRelay(cert);
  cleanups.push(() => relay.close());
  t = await makeTestApp({
    mail: { smtpUrl: `smtp://${RELAY_USER}:${encodeURIComponent(RELAY_PASSWORD)}@127.0.0.1:${relay.port}`, from: 'Plek <plek@gemeente.test>', caFile: cert.certFile, reminderMinutes: 15 },
  });
  cleanups.push(() => t.close());
}

function event(r: Received) {
  const cal = new ICAL.Component(ICAL.parse(calendarPartOf(r)!.content));
  const ev = cal.getFirstSubcomponent('vevent')!;
  return { method: cal.getFirstPropertyValue('method'), uid: ev.getFirstPropertyValue('uid'), sequence: Number(ev.getFirstPropertyValue('sequence')), status: ev.getFirstPropertyValue('status') };
}

const queued = () => t.db.prepare("SELECT count(*) FROM mail_outbox WHERE state = 'queued'").pluck().get() as number;

describe('mail from the API', () => {
  it('a reservation made through the API is confirmed with METHOD:REQUEST; cancelling it sends METHOD:CANCEL, same UID, higher SEQUENCE', async () => {
    await start();
    const jobs = startJobs(t.s); // the job sends: the request only queues
    cleanups.push(() => jobs.stop());
    const anna = await t.login('anna@test.nl');
    const created = await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, date: '2026-12-01', part: 'morning' });
    expect(created.status).toBe(201);
    const [request] = await relay.waitFor(1);
    expect(request!.envelopeTo).toEqual(['anna@test.nl']);
    expect(request!.parsed.subject).toMatch(/^Bevestiging: Werkplek HUB-3-001, dinsdag 1 december 2026/);
    const booked = event(request!);
    expect(booked).toMatchObject({ method: 'REQUEST', uid: `reservation-${created.body.id}@plek`, status: 'CONFIRMED' });
    // The same event as the calendar download: a calendar matches them by UID.
    const ics = await anna.get(`/api/v1/reservations/${created.body.id}/ics`);
    expect(ics.body).toContain(`UID:reservation-${created.body.id}@plek`);

    t.clock.advance(5 * 60_000);
    expect((await anna.post(`/api/v1/reservations/${created.body.id}/release`)).status).toBe(200);
    const [, cancel] = await relay.waitFor(2);
    const cancelled = event(cancel!);
    expect(cancelled).toMatchObject({ method: 'CANCEL', uid: booked.uid, status: 'CANCELLED' });
    expect(cancelled.sequence).toBeGreaterThan(booked.sequence);
    expect(cancel!.parsed.text).toContain('Je reservering is geannuleerd.');
    await new Promise((r) => setTimeout(r, 200));
    expect(relay.received).toHaveLength(2); // each once
  });

  it('a relay that hangs never holds up the request: the answer comes at once, the mail waits in the outbox', async () => {
    // Accepts the connection and never says a word: the worst relay there is.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    t = await makeTestApp({ mail: { smtpUrl: `smtp://127.0.0.1:${(silent.address() as { port: number }).port}`, from: 'plek@gemeente.test', caFile: null, reminderMinutes: 15 } });
    cleanups.push(() => t.close());
    const jobs = startJobs(t.s);
    cleanups.push(() => jobs.stop());
    cleanups.push(() => new Promise<void>((resolve) => (sockets.forEach((x) => x.destroy()), silent.close(() => resolve()))));
    const anna = await t.login('anna@test.nl');
    const started = performance.now();
    const created = await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, date: '2026-12-01', part: 'morning' });
    expect(created.status).toBe(201);
    expect(performance.now() - started).toBeLessThan(500);
    await expect.poll(() => sockets.length).toBe(1); // the job is talking to the relay meanwhile
    expect(t.db.prepare('SELECT state, attempts FROM mail_outbox').get()).toEqual({ state: 'queued', attempts: 1 });
    expect((await anna.post('/api/v1/reservations', { spaceId: t.desks[1]!.id, date: '2026-12-01', part: 'afternoon' })).status).toBe(201);
  });

  it('a refused reservation queues nothing; switching confirmations off in settings means no confirmation', async () => {
    await start();
    const anna = await t.login('anna@test.nl');
    const bram = await t.login('bram@test.nl');
    expect((await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, date: '2026-12-01', part: 'morning' })).status).toBe(201);
    expect(queued()).toBe(1);
    // The request queued the facts only: the texts and the iCalendar are made by the job; the label's key stays out.
    const stored = t.db.prepare('SELECT message FROM mail_outbox').pluck().get() as string;
    expect(stored).not.toContain('BEGIN:VCALENDAR');
    expect(stored).not.toContain(t.db.prepare('SELECT qr_key FROM spaces WHERE id = ?').pluck().get(t.desks[0]!.id) as string);
    expect((await bram.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, date: '2026-12-01', part: 'morning' })).status).toBe(409);
    expect(queued()).toBe(1);
    expect((await bram.put('/api/v1/me/mail', { language: 'nl', confirmations: false, reminders: true })).status).toBe(200);
    expect((await bram.post('/api/v1/reservations', { spaceId: t.desks[1]!.id, date: '2026-12-01', part: 'morning' })).status).toBe(201);
    expect(queued()).toBe(1);
    expect(await t.s.mail.deliver()).toEqual({ sent: 1, failed: 0 });
    expect(relay.received.map((m) => m.envelopeTo)).toEqual([['anna@test.nl']]);
  });

  it('a booking released as a no-show by the sweep is withdrawn from the calendar', async () => {
    await start();
    const anna = await t.login('anna@test.nl');
    const created = await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, date: '2026-12-01', part: 'morning' });
    t.clock.set('2026-12-01T08:15:00+01:00');
    expect(t.s.mail.queueReminders()).toBe(1); // 15 minutes before the 08:30 deadline (the morning starts at 08:00)
    t.clock.set('2026-12-01T08:31:00+01:00');
    expect(t.s.reservations.sweep().noShows).toBe(1);
    await t.s.mail.deliver();
    const [request, reminder, released] = await relay.waitFor(3);
    expect(reminder!.parsed.subject).toBe('Herinnering: check in voor 08:30 (Werkplek HUB-3-001)');
    expect(released!.parsed.text).toContain('Je bent niet op tijd ingecheckt, dus de plek is vrijgegeven.');
    expect(event(released!)).toMatchObject({ method: 'CANCEL', uid: `reservation-${created.body.id}@plek`, status: 'CANCELLED' });
    expect(event(released!).sequence).toBeGreaterThan(event(request!).sequence);
  });

  it('team members hear of the desk their manager reserved for them', async () => {
    await start();
    const admin = await t.login('admin@test.nl');
    const teamId = t.db.prepare("SELECT id FROM teams WHERE name = 'Sociaal Domein'").pluck().get() as number;
    await admin.patch(`/api/v1/admin/users/${t.users.manager.id}`, { teams: ['Sociaal Domein'] });
    await admin.patch(`/api/v1/teams/${teamId}`, { zoneId: t.zone.id });
    const manager = await t.login('manager@test.nl');
    const block = await manager.post(`/api/v1/teams/${teamId}/blocks`, { date: '2026-12-03', memberIds: [t.users.anna.id, t.users.bram.id], held: 1 });
    expect(block.status).toBe(201);
    await t.s.mail.deliver();
    const got = await relay.waitFor(2);
    expect(got.map((m) => m.envelopeTo[0]).sort()).toEqual(['anna@test.nl', 'bram@test.nl']);
    expect(got[0]!.parsed.text).toContain('manager heeft deze plek voor je gereserveerd.');
    expect(event(got[0]!).method).toBe('REQUEST');
    // The held desk is nobody's booking: no reminder for it (to the manager or anyone).
    t.clock.set('2026-12-03T08:15:00+01:00');
    expect(t.s.mail.queueReminders()).toBe(2);
    expect(t.db.prepare("SELECT recipient FROM mail_outbox WHERE kind = 'reminder' ORDER BY recipient").pluck().all()).toEqual(['anna@test.nl', 'bram@test.nl']);
  });

  it('a guest registered with an e-mail address gets the invitation with the address; the host hears when they arrive', async () => {
    await start();
    // Facility enters where the building is; the invitation says it.
    const facility = await t.login('facility@test.nl');
    const moved = await facility.patch(`/api/v1/admin/locations/${t.hub.id}`, { address: 'Markt 1, 6131 EK Sittard' });
    expect([moved.status, moved.body.address]).toEqual([200, 'Markt 1, 6131 EK Sittard']);
    const anna = await t.login('anna@test.nl');
    const bad = await anna.post('/api/v1/guests', { name: 'Sanne de Vries', email: 'geen adres', expectedAt: '2026-12-01T10:00:00+01:00', locationId: t.hub.id });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'invalid_input']);
    const guest = await anna.post('/api/v1/guests', { name: 'Sanne de Vries', email: 'sanne@provincie.test', expectedAt: '2026-12-01T10:00:00+01:00', locationId: t.hub.id });
    expect(guest.status).toBe(201);
    await t.s.mail.deliver();
    const [invitation] = await relay.waitFor(1);
    expect(invitation!.envelopeTo).toEqual(['sanne@provincie.test']);
    expect(invitation!.parsed.text).toContain(guest.body.inviteCode);
    expect(invitation!.parsed.text).toContain('Markt 1, 6131 EK Sittard');
    expect(invitation!.parsed.html).toContain('Markt 1, 6131 EK Sittard');
    expect(invitation!.parsed.attachments.some((a) => a.cid === 'invite-qr@plek' && a.contentType === 'image/png')).toBe(true);
    const reception = await t.login('reception@test.nl');
    expect((await reception.post(`/api/v1/reception/guests/${guest.body.id}/check-in`)).status).toBe(200);
    await t.s.mail.deliver();
    const [, arrived] = await relay.waitFor(2);
    expect(arrived!.envelopeTo).toEqual(['anna@test.nl']);
    expect(arrived!.parsed.subject).toBe('Je gast Sanne de Vries is er');
  });
});
