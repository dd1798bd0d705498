/**
 * Mail in the apps: a person switches confirmations off in Settings, an admin sees the queue
 * and its failures; and the confirmation's HTML part as a mail program shows it, in Chromium.
 * Plek talks to a real SMTP server on 127.0.0.1 (smtp-server with STARTTLS and AUTH).
 */
import { simpleParser } from 'mailparser';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { calendarPartOf, RELAY_PASSWORD, RELAY_USER, removeCertificate, selfSignedCertificate, startRelay, type Relay } from '../../server/mail/relay.testing.js';
import { axeViolations, decodeQr, launch, signIn, startPlek, type Browser, type Plek } from './harness.js';

let cert: ReturnType<typeof selfSignedCertificate>;
let relay: Relay;
let plek: Plek;
const browsers: Browser[] = [];
beforeAll(() => {
  cert = selfSignedCertificate();
});
afterAll(() => removeCertificate(cert.dir));
beforeEach(async () => {
  relay = await startRelay(cert);
  plek = await startPlek({
    config: { mail: { smtpUrl: `smtp://${RELAY_USER}:${encodeURIComponent(RELAY_PASSWORD)}@127.0.0.1:${relay.port}`, from: 'Plek <plek@gemeente.test>', caFile: cert.certFile, reminderMinutes: 15 } },
  });
});
afterEach(async () => {
  await Promise.all(browsers.splice(0).map((b) => b.close()));
  await plek.stop();
  await relay.close();
});

async function open() {
  const b = await launch();
  browsers.push(b);
  return b;
}

const shots = process.env.PLEK_SCREENSHOTS; // a folder: where to leave screenshots to look at

/** A booking of anna's for tomorrow morning, written as the service writes it, and its confirmation queued. */
function confirmationFor(userId: number, desk = 0): number {
  const start = plek.clock.now() + 86_400_000;
  const id = Number(
    plek.db.prepare("INSERT INTO reservations (space_id, user_id, start_ms, end_ms, state, source, created_at) VALUES (?, ?, ?, ?, 'booked', 'app', ?)").run(plek.desks[desk]!.id, userId, start, start + 3 * 3_600_000, plek.clock.now()).lastInsertRowid,
  );
  plek.s.uow.run(() => plek.s.mail.reservationConfirmed(id));
  return id;
}

describe('mail settings and the admin view', () => {
  it('anna switches confirmations off in Settings: no confirmation reaches the relay', async () => {
    const b = await open();
    await signIn(b.page, plek.url, 'anna@test.nl');
    await b.page.goto(plek.url + '/instellingen');
    const confirmations = b.page.getByLabel('Bevestiging per e-mail, met de afspraak voor mijn agenda');
    await expect.poll(() => confirmations.isChecked()).toBe(true);
    await confirmations.uncheck();
    await expect.poll(() => plek.s.mail.preferences(plek.users.anna.id).confirmations).toBe(false);
    expect(plek.s.mail.preferences(plek.users.anna.id).reminders).toBe(true);
    expect(await axeViolations(b.page)).toEqual([]);
    for (const width of [390, 1440]) {
      await b.page.setViewportSize({ width, height: 900 });
      if (shots) await b.page.screenshot({ path: `${shots}/settings-mail-${width}.png`, fullPage: true });
    }
    // Choosing English in the app makes the mail English too.
    await b.page.getByText('English').click();
    await expect.poll(() => plek.s.mail.preferences(plek.users.anna.id).language).toBe('en');

    confirmationFor(plek.users.anna.id);
    confirmationFor(plek.users.bram.id, 1);
    expect(await plek.s.mail.deliver()).toEqual({ sent: 1, failed: 0 });
    const [m] = await relay.waitFor(1);
    expect(m!.envelopeTo).toEqual(['bram@test.nl']);
  });

  it('an admin sees the queue and the last failures on the users screen', async () => {
    await relay.close(); // the relay is down: the mail stays queued with its error
    confirmationFor(plek.users.anna.id);
    expect(await plek.s.mail.deliver()).toEqual({ sent: 0, failed: 1 });
    relay = await startRelay(cert);
    const b = await open();
    await signIn(b.page, plek.url, 'admin@test.nl');
    await b.page.goto(plek.url + '/beheer/gebruikers');
    const section = b.page.getByRole('region', { name: 'E-mail' });
    await section.getByText('Laatste fouten').waitFor();
    await expect.poll(() => section.locator('dd').first().textContent()).toBe('1');
    await section.getByText('anna@test.nl').waitFor();
    await section.getByText(/ECONNREFUSED/).waitFor();
    await section.getByText(/1× geprobeerd · volgende poging/).waitFor();
    expect(await axeViolations(b.page)).toEqual([]);
    for (const width of [390, 1440]) {
      await b.page.setViewportSize({ width, height: 900 });
      if (shots) await section.screenshot({ path: `${shots}/admin-mail-${width}.png` });
    }
  });
});

describe('the guest\'s invitation', () => {
  it('a host registers a visitor with an e-mail address; the invitation arrives with the invite QR inline', async () => {
    const b = await open();
    await signIn(b.page, plek.url, 'anna@test.nl');
    await b.page.goto(plek.url + '/bezoekers');
    await b.page.getByLabel('Naam bezoeker').fill('Sanne de Vries');
    await b.page.getByLabel('E-mailadres bezoeker (voor de uitnodiging met QR-code, niet verplicht)').fill('sanne@provincie.test');
    await b.page.getByRole('button', { name: 'Aanmelden' }).click();
    // The answer brings the invite QR, drawn by a chunk loaded on first use: in the full suite,
    // beside the accessibility engines on the same two cores, that once took over 10 s.
    await b.page.getByText(/Sanne de Vries is aangemeld/).waitFor({ timeout: 30_000 });
    expect(await axeViolations(b.page)).toEqual([]);
    for (const width of [390, 1440]) {
      await b.page.setViewportSize({ width, height: 900 });
      if (shots) await b.page.screenshot({ path: `${shots}/guests-email-${width}.png`, fullPage: true });
    }
    await plek.s.mail.deliver();
    const [m] = await relay.waitFor(1);
    expect(m!.envelopeTo).toEqual(['sanne@provincie.test']);
    const code = plek.db.prepare('SELECT invite_code FROM guests').pluck().get() as string;
    expect(m!.parsed.text).toContain(code);
    // As the mail program shows it: the cid: image resolved to the attached PNG (mailparser's default).
    const html = (await simpleParser(m!.raw)).html as string;
    expect(html).toMatch(/<img src="data:image\/png;base64,/);
    const page = await b.context.newPage();
    await page.setViewportSize({ width: 720, height: 900 });
    await page.setContent(html);
    await page.getByRole('heading', { name: 'Welkom, Sanne de Vries / Welcome' }).waitFor();
    const shot = await page.screenshot({ path: shots ? `${shots}/mail-invitation.png` : undefined, fullPage: true });
    expect(decodeQr(shot)).toBe(`PLEK-GUEST:${code}`);
    await page.close();
  });
});

describe('the mail as a mail program shows it', () => {
  it("the confirmation's HTML part renders in Chromium with the booking and the check-in time", async () => {
    confirmationFor(plek.users.anna.id);
    await plek.s.mail.deliver();
    const [m] = await relay.waitFor(1);
    expect(calendarPartOf(m!)?.content).toMatch(/METHOD:REQUEST/);
    const b = await open();
    await b.page.setViewportSize({ width: 720, height: 700 });
    // As a mail program does: the HTML on its own, no scripts, nothing fetched.
    await b.page.setContent((await simpleParser(m!.raw)).html as string);
    await b.page.getByRole('heading', { name: 'Je reservering staat' }).waitFor();
    await b.page.getByText(/Check in voor \d\d:\d\d met de QR-code op de plek, anders komt je plek vrij\./).waitFor();
    expect(await axeViolations(b.page)).toEqual([]);
    await b.page.screenshot({ path: shots ? `${shots}/mail-confirmation.png` : `${cert.dir}/mail-confirmation.png`, fullPage: true });
  });
});
