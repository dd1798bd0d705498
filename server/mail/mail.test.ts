/**
 * Mail against a real SMTP server on 127.0.0.1 (smtp-server, STARTTLS with a certificate made
 * by openssl now, AUTH): what arrives is parsed by mailparser, its calendar part by ical.js.
 */
import ICAL from 'ical.js';
import QRCode from 'qrcode';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp, createServices } from '../app.js';
import { FakeClock } from '../clock.js';
import { ConfigError, readConfig, type MailConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { startJobs } from '../jobs/jobs.js';
import { Client, freePort, makeTestApp, PASSWORD, type TestApp } from '../testing.js';
import { calendarPartOf, RELAY_PASSWORD, RELAY_USER, removeCertificate, selfSignedCertificate, startRelay, type Received, type Relay } from './relay.testing.js';

let cert: ReturnType<typeof selfSignedCertificate>;
beforeAll(() => {
  cert = selfSignedCertificate();
});
afterAll(() => removeCertificate(cert.dir));

const mailConfig = (port: number, over: Partial<MailConfig> = {}): MailConfig => ({
  smtpUrl: `smtp://${RELAY_USER}:${encodeURIComponent(RELAY_PASSWORD)}@127.0.0.1:${port}`,
  from: 'Plek <plek@gemeente.test>',
  caFile: cert.certFile,
  reminderMinutes: 15,
  ...over,
});

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function relayAndApp(over: Partial<MailConfig> = {}): Promise<{ relay: Relay; t: TestApp }> {
  const relay = await startRelay(cert);
  cleanups.push(() => relay.close());
  const t = await makeTestApp({ mail: mailConfig(relay.port, over) });
  cleanups.push(() => t.close());
  return { relay, t };
}

/** A booking written as a service would, to give the mail something real to tell about. */
function booking(t: TestApp, userId: number, spaceId: number, start: string, end: string): number {
  return Number(
    t.db
      .prepare("INSERT INTO reservations (space_id, user_id, start_ms, end_ms, state, source, created_at) VALUES (?, ?, ?, ?, 'booked', 'app', ?)")
      .run(spaceId, userId, Date.parse(start), Date.parse(end), t.clock.now()).lastInsertRowid,
  );
}

function calendarOf(r: Received) {
  const part = calendarPartOf(r);
  expect(part, 'a text/calendar part').toBeDefined();
  const cal = new ICAL.Component(ICAL.parse(part!.content));
  const event = cal.getFirstSubcomponent('vevent')!;
  return {
    method: cal.getFirstPropertyValue('method'),
    uid: event.getFirstPropertyValue('uid'),
    sequence: Number(event.getFirstPropertyValue('sequence')),
    status: event.getFirstPropertyValue('status'),
    start: (event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().getTime(),
    dtstamp: event.getFirstProperty('dtstamp')!.toICALString(),
    attendee: String(event.getFirstPropertyValue('attendee')),
    organizer: String(event.getFirstPropertyValue('organizer')),
  };
}

describe('configuration', () => {
  it('reads PLEK_SMTP_URL and PLEK_MAIL_FROM together, and no mail without them', () => {
    expect(readConfig({}).mail).toBeNull();
    const c = readConfig({ PLEK_SMTP_URL: 'smtp://user:pw@relay.gemeente.nl:587', PLEK_MAIL_FROM: 'Plek <plek@gemeente.nl>', PLEK_MAIL_REMINDER_MINUTES: '20' });
    expect(c.mail).toEqual({ smtpUrl: 'smtp://user:pw@relay.gemeente.nl:587', from: 'Plek <plek@gemeente.nl>', caFile: null, reminderMinutes: 20 });
    expect(readConfig({ PLEK_SMTP_URL: 'smtps://relay.gemeente.nl', PLEK_MAIL_FROM: 'plek@gemeente.nl' }).mail?.reminderMinutes).toBe(15);
    expect(() => readConfig({ PLEK_SMTP_URL: 'smtp://relay.gemeente.nl:587' })).toThrow(ConfigError);
    expect(() => readConfig({ PLEK_SMTP_URL: 'http://relay.gemeente.nl', PLEK_MAIL_FROM: 'plek@gemeente.nl' })).toThrow(/PLEK_SMTP_URL/);
    expect(() => readConfig({ PLEK_SMTP_URL: 'smtp://relay.gemeente.nl', PLEK_MAIL_FROM: 'plek' })).toThrow(/PLEK_MAIL_FROM/);
  });
});

describe('the sender', () => {
  it('hands a queued confirmation to the relay over STARTTLS with AUTH, as iMIP REQUEST with text, HTML and an .ics', async () => {
    const { relay, t } = await relayAndApp();
    const r = booking(t, t.users.anna.id, t.desks[0]!.id, '2026-12-01T09:00:00+01:00', '2026-12-01T12:30:00+01:00');
    t.s.uow.run(() => t.s.mail.reservationConfirmed(r));
    expect(relay.received).toHaveLength(0); // queued, not sent by the caller
    expect(await t.s.mail.deliver()).toEqual({ sent: 1, failed: 0 });
    const [m] = await relay.waitFor(1);
    expect(m!.secure).toBe(true);
    expect(m!.user).toBe(RELAY_USER);
    expect(m!.envelopeTo).toEqual(['anna@test.nl']);
    expect(m!.parsed.from?.value).toEqual([{ name: 'Plek', address: 'plek@gemeente.test' }]);
    expect(m!.parsed.subject).toBe('Bevestiging: Werkplek HUB-3-001, dinsdag 1 december 2026, 09:00–12:30');
    expect(m!.parsed.text).toContain('Check in voor 09:30 met de QR-code op de plek, anders komt je plek vrij.');
    expect(m!.parsed.html).toContain('Werkplek 3.01 (HUB-3-001)');
    // Outlook's shape: multipart/alternative with text/calendar; method=REQUEST, and the .ics attached.
    expect(m!.raw).toMatch(/Content-Type: multipart\/alternative/);
    expect(m!.raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
    expect(m!.raw).toMatch(/Content-Type: application\/ics; name=reservering\.ics/i);
    const row = t.db.prepare('SELECT state, message_id, attempts FROM mail_outbox').get() as { state: string; message_id: string; attempts: number };
    expect(row.state).toBe('sent');
    expect(row.attempts).toBe(1);
    expect(m!.parsed.messageId).toBe(row.message_id);
    const ev = calendarOf(m!);
    expect(ev).toMatchObject({ method: 'REQUEST', uid: `reservation-${r}@plek`, sequence: 0, status: 'CONFIRMED', start: Date.parse('2026-12-01T09:00:00+01:00') });
    expect(ev.dtstamp).toMatch(/^DTSTAMP:\d{8}T\d{6}Z$/);
    expect(ev.attendee.toLowerCase()).toBe('mailto:anna@test.nl');
    expect(ev.organizer.toLowerCase()).toBe('mailto:plek@gemeente.test');
    expect(await t.s.mail.deliver()).toEqual({ sent: 0, failed: 0 }); // sent once
  });

  it('writes in the person’s language: English for someone who chose it', async () => {
    const { relay, t } = await relayAndApp();
    const anna = await t.login('anna@test.nl');
    expect((await anna.put('/api/v1/me/mail', { language: 'en', confirmations: true, reminders: true })).status).toBe(200);
    const r = booking(t, t.users.anna.id, t.room.id, '2026-12-01T14:00:00+01:00', '2026-12-01T15:00:00+01:00');
    t.s.uow.run(() => t.s.mail.reservationConfirmed(r));
    await t.s.mail.deliver();
    const [m] = await relay.waitFor(1);
    expect(m!.parsed.subject).toBe('Confirmed: Meeting room HUB-3-M01, Tuesday, 1 December 2026, 14:00–15:00');
    expect(m!.parsed.text).toContain('Check in before 14:10 with the QR code on the space, or it is released.');
    expect(m!.parsed.html).toContain('<html lang="en">');
  });

  it('a relay that refuses the password keeps the mail queued with its error, backing off, visible to admins', async () => {
    const relay = await startRelay(cert);
    cleanups.push(() => relay.close());
    const t = await makeTestApp({ mail: mailConfig(relay.port, { smtpUrl: `smtp://${RELAY_USER}:wrong@127.0.0.1:${relay.port}` }) });
    cleanups.push(() => t.close());
    t.s.uow.run(() => t.s.mail.reservationConfirmed(booking(t, t.users.anna.id, t.desks[0]!.id, '2026-12-01T09:00:00+01:00', '2026-12-01T12:30:00+01:00')));
    expect(await t.s.mail.deliver()).toEqual({ sent: 0, failed: 1 });
    const admin = await t.login('admin@test.nl');
    const status = await admin.get('/api/v1/admin/mail');
    expect(status.status).toBe(200);
    expect(status.body.enabled).toBe(true);
    expect(status.body.counts).toEqual({ queued: 1, sent: 0, failed: 0 });
    expect(status.body.failures).toHaveLength(1);
    expect(status.body.failures[0]).toMatchObject({ kind: 'confirmation', recipient: 'anna@test.nl', state: 'queued', attempts: 1, nextAttemptAt: new Date(t.clock.now() + 60_000).toISOString() });
    expect(status.body.failures[0].lastError).toMatch(/EAUTH/);
    expect(status.body.failures[0].lastError).not.toContain('wrong');
    // Not due before its backoff; the second failure waits twice as long.
    expect(await t.s.mail.deliver()).toEqual({ sent: 0, failed: 0 });
    t.clock.advance(60_000);
    expect(await t.s.mail.deliver()).toEqual({ sent: 0, failed: 1 });
    expect((await admin.get('/api/v1/admin/mail')).body.failures[0].nextAttemptAt).toBe(new Date(t.clock.now() + 120_000).toISOString());
    expect((await (await t.login('anna@test.nl')).get('/api/v1/admin/mail')).status).toBe(403);
  });

  it('while the relay is unreachable the whole outbox waits, one try per backoff, not every message in turn', async () => {
    const port = await freePort();
    const t = await makeTestApp({ mail: mailConfig(port) });
    cleanups.push(() => t.close());
    t.s.uow.run(() => {
      for (let i = 0; i < 3; i++) t.s.mail.reservationConfirmed(booking(t, [t.users.anna, t.users.bram, t.users.manager][i]!.id, t.desks[i]!.id, '2026-12-01T09:00:00+01:00', '2026-12-01T12:30:00+01:00'));
    });
    const attempts = () => t.db.prepare('SELECT attempts FROM mail_outbox ORDER BY id').pluck().all();
    expect(await t.s.mail.deliver()).toEqual({ sent: 0, failed: 1 });
    expect(attempts()).toEqual([1, 0, 0]);
    expect(await t.s.mail.deliver()).toEqual({ sent: 0, failed: 0 }); // paused: nobody hammers a dead relay
    expect(t.s.mail.nextDue()).toBe(t.clock.now() + 60_000);
    t.clock.advance(60_000);
    expect(await t.s.mail.deliver()).toEqual({ sent: 0, failed: 1 });
    expect(attempts()).toEqual([1, 1, 0]); // the next one waiting longest
    expect(t.s.mail.nextDue()).toBe(t.clock.now() + 120_000);
    // The relay is back: everything goes at the next try.
    const relay = await startRelay(cert, port);
    cleanups.push(() => relay.close());
    t.clock.advance(120_000);
    expect(await t.s.mail.deliver()).toEqual({ sent: 3, failed: 0 });
  });

  it('a restart with mail queued while the relay was down delivers it once', async () => {
    const port = await freePort();
    const first = await makeTestApp({ mail: mailConfig(port) });
    let closed = false;
    cleanups.push(() => closed || first.close());
    first.s.uow.run(() => first.s.mail.reservationConfirmed(booking(first, first.users.bram.id, first.desks[1]!.id, '2026-12-01T09:00:00+01:00', '2026-12-01T17:00:00+01:00')));
    expect(await first.s.mail.deliver()).toEqual({ sent: 0, failed: 1 }); // nobody listens on the port
    expect(first.db.prepare('SELECT last_error FROM mail_outbox').pluck().get()).toMatch(/ECONNREFUSED/);
    // Plek stops; the relay comes up; Plek starts again on the same database, with its jobs.
    first.db.close();
    closed = true;
    const relay = await startRelay(cert, port);
    cleanups.push(() => relay.close());
    const db = openDatabase(first.dbFile);
    cleanups.push(() => db.close());
    const clock = new FakeClock(first.clock.now() + 5 * 60_000);
    const s = createServices(db, clock, { ...first.s.config });
    createApp(s);
    const jobs = startJobs(s);
    cleanups.push(() => jobs.stop());
    const [m] = await relay.waitFor(1);
    expect(m!.envelopeTo).toEqual(['bram@test.nl']);
    await s.mail.deliver();
    await new Promise((r) => setTimeout(r, 300));
    expect(relay.received).toHaveLength(1);
    expect(db.prepare('SELECT state, attempts FROM mail_outbox').get()).toEqual({ state: 'sent', attempts: 2 });
  });

  it('a stop between the relay accepting and the row marked sent: the resend carries the same Message-ID', async () => {
    const { relay, t } = await relayAndApp();
    t.s.uow.run(() => t.s.mail.reservationConfirmed(booking(t, t.users.anna.id, t.desks[0]!.id, '2026-12-01T09:00:00+01:00', '2026-12-01T12:30:00+01:00')));
    const before = t.db.prepare('SELECT message FROM mail_outbox').pluck().get() as string;
    await t.s.mail.deliver();
    // The database as such a stop leaves it: the attempt written, the acceptance not.
    t.db.prepare("UPDATE mail_outbox SET state = 'queued', sent_at = NULL, message = ?").run(before);
    await t.s.mail.deliver();
    const [first, again] = await relay.waitFor(2);
    expect(again!.parsed.messageId).toBe(first!.parsed.messageId);
    expect(again!.parsed.subject).toBe(first!.parsed.subject);
  });

  it('with PLEK_PUBLIC_URL staff mail links to Plek; the guest\'s invitation does not', async () => {
    const { relay, t } = await relayAndApp();
    const s = createServices(t.db, t.clock, { ...t.s.config, publicUrl: 'https://plek.gemeente.test' });
    s.uow.run(() => s.mail.reservationConfirmed(booking(t, t.users.anna.id, t.desks[0]!.id, '2026-12-01T09:00:00+01:00', '2026-12-01T12:30:00+01:00')));
    s.uow.run(() => s.mail.guestInvited({ id: 1, name: 'Sanne de Vries', organisation: null, hostId: t.users.anna.id, locationId: t.hub.id, spaceId: null, expectedAt: t.clock.now(), inviteCode: 'ABCDEFGHJK' }, 'sanne@provincie.test'));
    await s.mail.deliver();
    const [confirmation, invitation] = await relay.waitFor(2);
    expect(confirmation!.parsed.text).toContain('Naar Plek: https://plek.gemeente.test');
    expect(confirmation!.parsed.html).toContain('<a href="https://plek.gemeente.test"');
    expect(invitation!.parsed.text).not.toContain('https://plek.gemeente.test');
  });

  it('a CA file that cannot be read stops the start with its name', async () => {
    await expect(makeTestApp({ mail: mailConfig(25, { caFile: '/nonexistent/ca.pem' }) })).rejects.toThrow('PLEK_SMTP_CA: cannot read /nonexistent/ca.pem (ENOENT)');
  });

  it('a change rolled back queues nothing', async () => {
    const { t } = await relayAndApp();
    const id = booking(t, t.users.anna.id, t.desks[0]!.id, '2026-12-01T09:00:00+01:00', '2026-12-01T12:30:00+01:00');
    expect(() =>
      t.s.uow.run(() => {
        t.s.mail.reservationConfirmed(id);
        throw new Error('the change fails after queueing');
      }),
    ).toThrow('the change fails');
    expect(t.db.prepare('SELECT count(*) FROM mail_outbox').pluck().get()).toBe(0);
  });

  it('with no relay configured nothing is queued', async () => {
    const t = await makeTestApp();
    cleanups.push(() => t.close());
    t.s.uow.run(() => t.s.mail.reservationConfirmed(booking(t, t.users.anna.id, t.desks[0]!.id, '2026-12-01T09:00:00+01:00', '2026-12-01T12:30:00+01:00')));
    expect(t.db.prepare('SELECT count(*) FROM mail_outbox').pluck().get()).toBe(0);
    expect((await (await t.login('admin@test.nl')).get('/api/v1/admin/mail')).body).toEqual({ enabled: false, counts: { queued: 0, sent: 0, failed: 0 }, failures: [] });
  });
});

describe('the messages', () => {
  it('a cancellation is METHOD:CANCEL for the same UID with a higher SEQUENCE, and goes once', async () => {
    const { relay, t } = await relayAndApp();
    const id = booking(t, t.users.anna.id, t.desks[0]!.id, '2026-12-01T09:00:00+01:00', '2026-12-01T12:30:00+01:00');
    t.s.uow.run(() => t.s.mail.reservationConfirmed(id));
    t.clock.advance(10 * 60_000);
    t.s.uow.run(() => {
      t.db.prepare("UPDATE reservations SET state = 'cancelled', ended_at = ? WHERE id = ?").run(t.clock.now(), id);
      t.s.mail.reservationCancelled(id, 'cancelled');
      t.s.mail.reservationCancelled(id, 'cancelled'); // a second path telling the same: still one mail
    });
    await t.s.mail.deliver();
    const [request, cancel] = await relay.waitFor(2);
    expect(relay.received).toHaveLength(2);
    expect(cancel!.parsed.subject).toBe('Vervallen: Werkplek HUB-3-001, dinsdag 1 december 2026, 09:00–12:30');
    expect(cancel!.raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=CANCEL/i);
    const a = calendarOf(request!);
    const b = calendarOf(cancel!);
    expect(b).toMatchObject({ method: 'CANCEL', uid: a.uid, status: 'CANCELLED' });
    expect(b.sequence).toBeGreaterThan(a.sequence);
  });

  it('reminds once, the configured minutes before the check-in deadline: "check in voor 09:30, anders komt je plek vrij"', async () => {
    const { relay, t } = await relayAndApp({ reminderMinutes: 15 });
    booking(t, t.users.anna.id, t.desks[0]!.id, '2026-12-01T09:00:00+01:00', '2026-12-01T12:30:00+01:00');
    const bram = booking(t, t.users.bram.id, t.desks[1]!.id, '2026-12-01T09:00:00+01:00', '2026-12-01T12:30:00+01:00');
    booking(t, t.users.manager.id, t.desks[2]!.id, '2026-12-01T09:00:00+01:00', '2026-12-01T12:30:00+01:00');
    await (await t.login('manager@test.nl')).put('/api/v1/me/mail', { language: 'nl', confirmations: true, reminders: false });
    t.db.prepare("UPDATE reservations SET state = 'checked_in', checked_in_at = ? WHERE id = ?").run(t.clock.now(), bram); // already there
    t.clock.set('2026-12-01T09:14:59+01:00');
    expect(t.s.mail.queueReminders()).toBe(0);
    t.clock.set('2026-12-01T09:15:00+01:00');
    expect(t.s.mail.queueReminders()).toBe(1); // anna's; bram checked in, the manager said no
    t.clock.set('2026-12-01T09:20:00+01:00');
    expect(t.s.mail.queueReminders()).toBe(0); // once
    await t.s.mail.deliver();
    const [m] = await relay.waitFor(1);
    expect(m!.envelopeTo).toEqual(['anna@test.nl']);
    expect(m!.parsed.subject).toBe('Herinnering: check in voor 09:30 (Werkplek HUB-3-001)');
    expect(m!.parsed.text).toContain('Check in voor 09:30, anders komt je plek vrij.');
    t.clock.set('2026-12-01T09:31:00+01:00');
    expect(t.s.mail.queueReminders()).toBe(0); // past the deadline: nothing late
  });

  it('a booking made inside the reminder lead gets no reminder; one made before it does', async () => {
    const { t } = await relayAndApp({ reminderMinutes: 15 });
    t.clock.set('2026-12-01T13:00:00+01:00');
    booking(t, t.users.anna.id, t.room.id, '2026-12-01T14:00:00+01:00', '2026-12-01T15:00:00+01:00'); // check in by 14:10
    t.clock.set('2026-12-01T16:00:00+01:00');
    booking(t, t.users.bram.id, t.room.id, '2026-12-01T16:00:00+01:00', '2026-12-01T16:30:00+01:00'); // by 16:10, made after 15:55
    t.clock.set('2026-12-01T16:05:00+01:00');
    expect(t.s.mail.queueReminders()).toBe(0);
    t.clock.set('2026-12-01T13:56:00+01:00');
    expect(t.s.mail.queueReminders()).toBe(1); // anna's
  });

  it("the guest's invitation carries the invite QR inline (cid:), time, place and host; it goes with the guest's data", async () => {
    const { relay, t } = await relayAndApp();
    const anna = await t.login('anna@test.nl');
    const created = await anna.post('/api/v1/guests', { name: 'Sanne de Vries', organisation: 'Provincie Limburg', expectedAt: '2026-12-01T10:00:00+01:00', locationId: t.hub.id, spaceId: t.room.id });
    expect(created.status).toBe(201);
    const guest = t.s.guests.get({ ...t.users.anna, showPresence: true } as never, created.body.id, null);
    t.s.uow.run(() => t.s.mail.guestInvited(guest, 'sanne@provincie.test'));
    await t.s.mail.deliver();
    const [m] = await relay.waitFor(1);
    expect(m!.envelopeTo).toEqual(['sanne@provincie.test']);
    expect(m!.parsed.subject).toBe('Uitnodiging: Werk HUB, dinsdag 1 december 2026, 10:00 / Invitation');
    expect(m!.parsed.text).toContain('anna verwacht je.');
    expect(m!.parsed.text).toContain('Werk HUB, Hybride vergaderruimte');
    expect(m!.parsed.text).toContain(guest.inviteCode!);
    expect(m!.parsed.html).toContain('src="cid:invite-qr@plek"');
    const qr = m!.parsed.attachments.find((a) => a.cid === 'invite-qr@plek')!;
    expect(qr.contentType).toBe('image/png');
    expect(qr.related).toBe(true);
    expect(qr.content.equals(await QRCode.toBuffer(`PLEK-GUEST:${guest.inviteCode}`, { margin: 2, scale: 6, errorCorrectionLevel: 'M' }))).toBe(true);
    expect(m!.raw).toMatch(/Content-Type: multipart\/related/);
    // Retention: the address and any mail about the guest go with the rest of their data.
    t.s.uow.run(() => t.s.mail.guestArrived(guest, t.clock.now()));
    expect(t.db.prepare('SELECT count(*) FROM mail_outbox WHERE guest_id = ?').pluck().get(guest.id)).toBe(2);
    t.clock.advance(40 * 86_400_000);
    expect(t.s.guests.purge()).toBe(1);
    expect(t.db.prepare('SELECT email FROM guests WHERE id = ?').pluck().get(guest.id)).toBeNull();
    expect(t.db.prepare('SELECT count(*) FROM mail_outbox WHERE guest_id = ?').pluck().get(guest.id)).toBe(0);
  });

  it('the host hears by mail when their guest arrives, in their language', async () => {
    const { relay, t } = await relayAndApp();
    await (await t.login('anna@test.nl')).put('/api/v1/me/mail', { language: 'en', confirmations: true, reminders: true });
    const guest = { id: 1, name: 'Sanne de Vries', organisation: 'Provincie Limburg', hostId: t.users.anna.id, locationId: t.hub.id, spaceId: null, expectedAt: t.clock.now(), inviteCode: 'ABCDEFGHJK' };
    t.s.uow.run(() => t.s.mail.guestArrived(guest, Date.parse('2026-12-01T09:58:00+01:00')));
    await t.s.mail.deliver();
    const [m] = await relay.waitFor(1);
    expect(m!.envelopeTo).toEqual(['anna@test.nl']);
    expect(m!.parsed.subject).toBe('Your guest Sanne de Vries has arrived');
    expect(m!.parsed.text).toContain('Sanne de Vries (Provincie Limburg) has arrived');
    expect(m!.parsed.text).toContain('09:58');
  });

  it('team members hear that their manager reserved a desk for them; someone who switched confirmations off does not', async () => {
    const { relay, t } = await relayAndApp();
    await (await t.login('bram@test.nl')).put('/api/v1/me/mail', { language: 'nl', confirmations: false, reminders: true });
    const ids = [t.users.anna.id, t.users.bram.id].map((u, i) => booking(t, u, t.desks[i]!.id, '2026-12-03T08:00:00+01:00', '2026-12-03T18:00:00+01:00'));
    t.s.uow.run(() => t.s.mail.teamReserved('manager', ids));
    expect(await t.s.mail.deliver()).toEqual({ sent: 1, failed: 0 });
    const [m] = await relay.waitFor(1);
    expect(m!.envelopeTo).toEqual(['anna@test.nl']);
    expect(m!.parsed.text).toContain('manager heeft deze plek voor je gereserveerd.');
    expect(calendarOf(m!).method).toBe('REQUEST');
  });
});

describe('settings', () => {
  it('GET and PUT /api/v1/me/mail; a bad value is a clear error', async () => {
    const { t } = await relayAndApp();
    const anna = await t.login('anna@test.nl');
    expect((await anna.get('/api/v1/me/mail')).body).toEqual({ language: 'nl', confirmations: true, reminders: true, enabled: true });
    expect((await anna.put('/api/v1/me/mail', { language: 'en', confirmations: false, reminders: true })).body).toEqual({ language: 'en', confirmations: false, reminders: true, enabled: true });
    expect((await anna.get('/api/v1/me/mail')).body.confirmations).toBe(false);
    const bad = await anna.put('/api/v1/me/mail', { language: 'de', confirmations: false, reminders: true });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_input');
    expect((await new Client(t.app).get('/api/v1/me/mail')).status).toBe(401);
    void PASSWORD;
  });
});
