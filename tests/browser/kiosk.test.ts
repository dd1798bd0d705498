import { Secret, TOTP } from 'otpauth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toActor } from '../../server/auth/auth.service.js';
import { axeViolations, bookNow, cameraArgs, clockAt, outboxEntries, launch, qrCamera, signIn, startPlek, type Browser, type Plek } from './harness.js';

let plek: Plek;
const browsers: Browser[] = [];
beforeEach(async () => {
  plek = await startPlek();
  // Day-parts over the whole day, so desk walk-ups work whenever the tests run.
  plek.s.admin.updatePolicy(null, plek.hub.id, { dayParts: { morning: { start: '00:00', end: '12:00' }, afternoon: { start: '12:00', end: '23:59' }, day: { start: '00:00', end: '23:59' } } }, null);
});
afterEach(async () => {
  await Promise.all(browsers.splice(0).map((b) => b.close()));
  await plek.stop();
});

async function open(args?: string[]) {
  const b = await launch({ args });
  browsers.push(b);
  return b;
}

const admin = () => toActor(plek.users.admin);

/** A kiosk device paired through its pairing screen. */
async function kioskDevice(opts: { spaceId?: number; args?: string[]; idle?: number } = {}) {
  const { pairingCode } = plek.s.kiosks.create(admin(), { name: opts.spaceId ? 'Deur M01' : 'Ingang', locationId: plek.hub.id, spaceId: opts.spaceId }, null);
  const b = await open(opts.args);
  // The kiosk's clock agrees with the server's, as a real one's does (NTP): a pass scan carries
  // the kiosk's time, and the server refuses one from a time the kiosk was online but not now.
  if (Math.abs(plek.s.clock.now() - Date.now()) > 60_000) await b.context.clock.install({ time: plek.s.clock.now() });
  await b.page.goto(`${plek.url}/kiosk${opts.idle ? `?idle=${opts.idle}` : ''}`);
  await b.page.getByLabel('Koppelcode').fill(pairingCode);
  await b.page.getByRole('button', { name: 'Koppelen' }).click();
  return b;
}

function passText(userId: number) {
  const secret = plek.db.prepare('SELECT pass_secret FROM users WHERE id = ?').pluck().get(userId) as string;
  const totp = new TOTP({ secret: new Secret({ buffer: new Uint8Array(Buffer.from(secret, 'base64url')).buffer }), period: 30, digits: 6 });
  return `PLEK-PASS:${userId}:${totp.generate({ timestamp: plek.s.clock.now() })}`;
}


const stateOf = (id: number) => plek.db.prepare('SELECT state FROM reservations WHERE id = ?').pluck().get(id);

describe('the entrance kiosk', () => {
  it('shows a place taken in the employee app within a second, and free again within a second of its release', async () => {
    const kiosk = (await kioskDevice()).page;
    const tile = kiosk.getByTestId('tile-HUB-3-M01');
    await tile.getByText('Vrij').waitFor();

    const anna = (await open()).page;
    await signIn(anna, plek.url, 'anna@test.nl');
    await anna.goto(`${plek.url}/s/HUB-3-M01?k=${plek.room.key}`);
    await anna.getByRole('button', { name: 'Nu reserveren en inchecken' }).click();
    await anna.getByText(/Je zit op HUB-3-M01/).waitFor();
    await tile.getByText(/Bezet tot \d\d:\d\d/).waitFor({ timeout: 1000 });

    await anna.getByRole('link', { name: 'Vandaag' }).first().click();
    await anna.getByRole('button', { name: 'Uitchecken HUB-3-M01' }).click();
    // The app sends it after its few seconds for undo; the kiosk shows it within a second of that.
    // Not the pending "Je wordt over een paar seconden uitgecheckt van …" (a case-sensitive match).
    await anna.getByText(/Uitgecheckt van HUB-3-M01/).waitFor({ timeout: 10_000 });
    await tile.getByText('Vrij').waitFor({ timeout: 1000 });
  });

  it('checks a person in by the pass QR shown to its camera', async () => {
    const booking = bookNow(plek, 'anna', plek.desks[0]!.id);
    const camera = await qrCamera(passText(plek.users.anna.id));
    const kiosk = (await kioskDevice({ args: cameraArgs(camera) })).page;
    await kiosk.getByRole('button', { name: 'Inchecken' }).click();
    await kiosk.getByText('Welkom, anna!').waitFor({ timeout: 45_000 });
    await kiosk.getByText('HUB-3-001').first().waitFor();
    expect(stateOf(booking.id)).toBe('checked_in');
  });

  it('offers someone without a booking a free desk, reserved and checked in with one tap', async () => {
    // In the last quarter of an hour of the day there is no walk-up left to give: run at ten.
    await plek.stop();
    plek = await startPlek({ clock: clockAt('10:00') });
    const camera = await qrCamera(passText(plek.users.bram.id));
    const kiosk = (await kioskDevice({ args: cameraArgs(camera) })).page;
    await kiosk.getByRole('button', { name: 'Inchecken' }).click();
    await kiosk.getByText('Je hebt hier nu geen reservering. Kies een vrije plek:').waitFor({ timeout: 45_000 });
    await kiosk.getByRole('button', { name: /^HUB-3-002/ }).click();
    await kiosk.getByText(/Je zit op HUB-3-002 \(Verdieping 3 · Stilte\) tot \d\d:\d\d\. Fijne werkdag!/).waitFor();
    expect(plek.db.prepare("SELECT count(*) FROM reservations WHERE user_id = ? AND space_id = ? AND state = 'checked_in'").pluck().get(plek.users.bram.id, plek.desks[1]!.id)).toBe(1);
  });

  it('late in the day tells someone without a booking that no desk can be taken today, and offers none', async () => {
    await plek.stop();
    plek = await startPlek({ clock: clockAt('17:50') }); // the afternoon ends at 18:00
    const camera = await qrCamera(passText(plek.users.bram.id));
    const kiosk = (await kioskDevice({ args: cameraArgs(camera) })).page;
    await kiosk.getByRole('button', { name: 'Inchecken' }).click();
    // Polled on the whole answer area, so a failure shows what the kiosk said instead.
    await expect.poll(() => kiosk.locator('.k-result').textContent(), { timeout: 45_000 }).toContain('Welkom, bram!');
    await kiosk.getByText('Je hebt hier nu geen reservering, en vandaag kun je hier geen werkplek meer nemen.').waitFor();
    expect(await kiosk.getByRole('button', { name: /^HUB-3-00\d/ }).count()).toBe(0);
    expect(await axeViolations(kiosk)).toEqual([]);
  });

  it('through a network outage keeps the last board with "offline sinds", queues a pass check-in and sends it once back', async () => {
    const booking = bookNow(plek, 'anna', plek.desks[0]!.id);
    const camera = await qrCamera(passText(plek.users.anna.id));
    const b = await kioskDevice({ args: cameraArgs(camera) });
    await b.page.getByTestId('tile-HUB-3-002').waitFor();
    await b.page.locator('html[data-scanner-ready]').waitFor({ state: 'attached' }); // as on a kiosk that has run a while
    await b.context.setOffline(true);
    await b.page.getByText(/Offline sinds \d\d:\d\d/).waitFor({ timeout: 45_000 });
    expect(await b.page.getByTestId('tile-HUB-3-002').count()).toBe(1);
    await b.page.getByRole('button', { name: 'Inchecken' }).click();
    await b.page.getByText('Opgeslagen. Dit wordt verstuurd zodra het netwerk terug is.').waitFor({ timeout: 45_000 });
    expect(stateOf(booking.id)).toBe('booked');
    await b.context.setOffline(false);
    await expect.poll(() => stateOf(booking.id), { timeout: 15_000 }).toBe('checked_in');
    await b.page.getByText(/Offline sinds/).waitFor({ state: 'detached', timeout: 15_000 });
  });

  it('shows the answer to a pass check-in that the send started when the network came back took along', async () => {
    const booking = bookNow(plek, 'anna', plek.desks[0]!.id);
    const camera = await qrCamera(passText(plek.users.anna.id));
    const b = await kioskDevice({ args: cameraArgs(camera) });
    await b.page.getByTestId('tile-HUB-3-002').waitFor();
    await b.page.locator('html[data-scanner-ready]').waitFor({ state: 'attached' });
    // Hold the queue's lock for a moment, as a slow send in progress would.
    await b.page.evaluate(() => {
      void navigator.locks.request('plek-outbox', () => new Promise<void>((release) => ((window as unknown as { releaseOutbox: () => void }).releaseOutbox = release)));
    });
    // The network drops and comes back: the kiosk starts sending its queue, and waits its turn.
    await b.context.setOffline(true);
    await b.page.getByText(/Offline sinds \d\d:\d\d/).waitFor({ timeout: 45_000 });
    await b.context.setOffline(false);
    await b.page.getByText(/Offline sinds/).waitFor({ state: 'detached', timeout: 15_000 });
    // Anna shows her pass: her check-in joins the queue, and that earlier send delivers it.
    await b.page.getByRole('button', { name: 'Inchecken' }).click();
    await expect.poll(() => outboxEntries(b.page).then((e) => e.length), { timeout: 45_000 }).toBe(1);
    await b.page.evaluate(() => {
      const w = window as unknown as { saidQueued: boolean; releaseOutbox: () => void };
      w.saidQueued = false;
      new MutationObserver(() => (w.saidQueued ||= document.body.innerText.includes('Opgeslagen'))).observe(document.body, { subtree: true, childList: true, characterData: true });
      w.releaseOutbox();
    });
    await expect.poll(() => b.page.locator('.k-result').textContent(), { timeout: 15_000 }).toContain('Welkom, anna!');
    await b.page.getByText('HUB-3-001').first().waitFor();
    expect(stateOf(booking.id)).toBe('checked_in');
    // It never claimed it had only saved the check-in for later.
    expect(await b.page.evaluate(() => (window as unknown as { saidQueued: boolean }).saidQueued)).toBe(false);
  });

  it('comes back with its last board when reloaded during an outage', async () => {
    const b = await kioskDevice();
    await b.page.getByTestId('tile-HUB-3-001').waitFor();
    await b.page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await b.page.reload();
    await b.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await b.page.getByTestId('tile-HUB-3-001').waitFor();
    await b.context.setOffline(true);
    await b.page.reload();
    await b.page.getByText(/Offline sinds \d\d:\d\d/).waitFor({ timeout: 10_000 });
    await b.page.getByTestId('tile-HUB-3-001').waitFor();
    expect(await b.page.getByRole('heading', { name: 'Kiosk koppelen' }).count()).toBe(0);
  });

  it('goes back to the home screen after the idle time without a touch', async () => {
    const kiosk = (await kioskDevice({ idle: 2 })).page;
    await kiosk.getByRole('button', { name: 'Ik ben bezoeker' }).click();
    await kiosk.getByRole('heading', { name: 'Ik ben bezoeker' }).waitFor();
    await kiosk.getByRole('button', { name: 'Inchecken' }).waitFor({ timeout: 5000 });
    expect(await kiosk.getByRole('heading', { name: 'Ik ben bezoeker' }).count()).toBe(0);
  });

  it('shows the pairing screen, never data, once revoked', async () => {
    const b = await kioskDevice();
    await b.page.getByTestId('tile-HUB-3-001').waitFor();
    const kiosk = plek.s.kiosks.list()[0]!;
    plek.s.kiosks.revoke(admin(), kiosk.id, null);
    await b.page.reload();
    await b.page.getByRole('heading', { name: 'Kiosk koppelen' }).waitFor();
    expect(await b.page.getByTestId('tile-HUB-3-001').count()).toBe(0);
  });
});

describe('a guest', () => {
  it('pre-registered by the host arrives at the kiosk; the host hears it at once; reception sees present, then left', async () => {
    const anna = (await open()).page;
    await signIn(anna, plek.url, 'anna@test.nl');
    await anna.getByRole('link', { name: 'Bezoekers' }).click();
    await anna.getByLabel('Naam bezoeker').fill('Sanne de Vries');
    await anna.getByLabel('Organisatie').fill('Woonstichting Zuid');
    await anna.getByRole('button', { name: 'Aanmelden' }).click();
    await anna.getByText(/Sanne de Vries is aangemeld\. Geef de uitnodigingscode [A-Z2-9]{10}/).waitFor();
    expect(await anna.getByRole('img', { name: /Uitnodiging voor Sanne de Vries/ }).count()).toBe(1);

    const kiosk = (await kioskDevice()).page;
    await kiosk.getByRole('button', { name: 'Ik ben bezoeker' }).click();
    await kiosk.getByLabel('Je achternaam').fill('de Vries');
    await kiosk.getByRole('button', { name: 'Zoeken' }).click();
    await kiosk.getByRole('button', { name: 'Dat ben ik: S.V., op bezoek bij anna' }).click();
    await kiosk.getByText('Welkom! anna is op de hoogte gebracht en haalt je op.').waitFor();
    await anna.getByRole('alert').getByText('Sanne de Vries (Woonstichting Zuid) is aangekomen bij Werk HUB.').waitFor({ timeout: 1000 });
    expect(await kiosk.getByRole('button', { name: 'Badge afdrukken' }).count()).toBe(1);

    const reception = (await open()).page;
    await signIn(reception, plek.url, 'reception@test.nl');
    await reception.getByRole('link', { name: 'Receptie' }).click();
    await reception.getByTestId('present').getByText('Sanne de Vries').waitFor();
    await reception.getByRole('button', { name: 'Vertrek registreren: Sanne de Vries' }).click();
    await reception.getByTestId('left').getByText('Sanne de Vries', { exact: true }).waitFor();
    expect(plek.db.prepare('SELECT state FROM guests').pluck().get()).toBe('left');
  });
});

describe('the visitor screen at a 1280×800 kiosk', () => {
  it('lists nobody before the visitor types; their surname shows initials and the host\'s first name; "Dat ben ik" checks in and greets', async () => {
    const shots = process.env.PLEK_SCREENSHOTS; // a folder: where to leave screenshots to look at
    const anna = toActor(plek.users.anna);
    const sanne = plek.s.guests.create(anna, { name: 'Sanne de Vries', organisation: 'Woonstichting Zuid', expectedAt: Date.now(), locationId: plek.hub.id }, null);
    plek.s.guests.create(toActor(plek.users.bram), { name: 'Piet Jansen', organisation: 'Aannemer Noord', expectedAt: Date.now(), locationId: plek.hub.id }, null);
    const b = await kioskDevice();
    const kiosk = b.page;
    await kiosk.setViewportSize({ width: 1280, height: 800 });
    await kiosk.getByRole('button', { name: 'Ik ben bezoeker' }).click();
    await kiosk.getByLabel('Je achternaam').waitFor();
    await kiosk.waitForLoadState('networkidle');
    const shown = () => kiosk.locator('body').innerText();
    for (const text of ['Sanne', 'Vries', 'Woonstichting', 'Piet', 'Jansen', 'Aannemer', 'S.V.', 'P.J.']) expect(await shown()).not.toContain(text);
    if (shots) await kiosk.screenshot({ path: `${shots}/kiosk-visitor-empty.png` });

    await kiosk.getByLabel('Je achternaam').fill('Bakker');
    await kiosk.getByRole('button', { name: 'Zoeken' }).click();
    await kiosk.getByText('Vandaag wordt hier niemand met de achternaam "Bakker" verwacht. Kijk de spelling na, scan je uitnodiging of meld je bij de receptie.').waitFor();
    if (shots) await kiosk.screenshot({ path: `${shots}/kiosk-visitor-none.png` });

    await kiosk.getByLabel('Je achternaam').fill('DE VRIES');
    await kiosk.getByRole('button', { name: 'Zoeken' }).click();
    await kiosk.getByText('Ben jij dit?').waitFor();
    await kiosk.getByText('S.V., op bezoek bij anna').waitFor();
    for (const text of ['Sanne', 'Woonstichting', 'Jansen', 'P.J.', 'bram']) expect(await shown()).not.toContain(text);
    expect(await kiosk.getByRole('button', { name: /^Dat ben ik/ }).count()).toBe(1);
    const confirm = await kiosk.getByRole('button', { name: 'Dat ben ik: S.V., op bezoek bij anna' }).boundingBox();
    expect(Math.min(confirm!.width, confirm!.height)).toBeGreaterThanOrEqual(64); // a touch target
    expect(await axeViolations(kiosk)).toEqual([]);
    if (shots) await kiosk.screenshot({ path: `${shots}/kiosk-visitor-match.png` });

    await kiosk.getByRole('button', { name: 'Dat ben ik: S.V., op bezoek bij anna' }).click();
    await kiosk.getByText('Welkom! anna is op de hoogte gebracht en haalt je op.').waitFor();
    expect(plek.db.prepare('SELECT state FROM guests WHERE id = ?').pluck().get(sanne.id)).toBe('present');
    expect(await shown()).not.toContain('Sanne');
    expect(await axeViolations(kiosk)).toEqual([]);
    if (shots) await kiosk.screenshot({ path: `${shots}/kiosk-visitor-welcome.png` });
  });

  it('still checks in a guest who shows the invite QR to the camera, with their name on the badge', async () => {
    const g = plek.s.guests.create(toActor(plek.users.anna), { name: 'Sanne de Vries', organisation: 'Woonstichting Zuid', expectedAt: Date.now(), locationId: plek.hub.id }, null);
    const camera = await qrCamera(`PLEK-GUEST:${g.inviteCode}`);
    const kiosk = (await kioskDevice({ args: cameraArgs(camera) })).page;
    await kiosk.setViewportSize({ width: 1280, height: 800 });
    await kiosk.getByRole('button', { name: 'Ik ben bezoeker' }).click();
    await kiosk.getByText('Welkom, Sanne de Vries! anna is op de hoogte gebracht en haalt je op.').waitFor({ timeout: 45_000 });
    await kiosk.getByLabel('Bezoeker').getByText('Woonstichting Zuid').waitFor();
    expect(plek.db.prepare('SELECT state FROM guests WHERE id = ?').pluck().get(g.id)).toBe('present');
  });
});

describe('the room display', () => {
  it('books the room now, ends early, and checks in the meeting that is on', async () => {
    const display = (await kioskDevice({ spaceId: plek.room.id })).page;
    const status = display.locator('.k-room-state');
    await status.getByText(/Vrij$/).waitFor();
    await display.getByRole('button', { name: 'Nu boeken: 30 min' }).click();
    await status.getByText(/Bezet tot \d\d:\d\d$/).waitFor();
    await display.getByRole('button', { name: 'Vroegtijdig beëindigen' }).click();
    await display.getByRole('button', { name: 'Ja, nu beëindigen' }).click();
    await status.getByText(/Vrij$/).waitFor();

    const meeting = bookNow(plek, 'anna', plek.room.id);
    await display.getByText(/Nog niet ingecheckt/).waitFor({ timeout: 2000 });
    await display.getByRole('button', { name: 'Inchecken voor deze vergadering' }).click();
    await display.getByText(/· Ingecheckt/).waitFor();
    expect(stateOf(meeting.id)).toBe('checked_in');
  });
});

describe('accessibility of kiosk, room display and reception (axe-core)', () => {
  it('has no violations on any of their screens', async () => {
    const check = async (b: Browser, what: string) => {
      await b.page.waitForLoadState('networkidle');
      expect(await axeViolations(b.page), what).toEqual([]);
    };
    const unpaired = await open();
    await unpaired.page.goto(`${plek.url}/kiosk`);
    await unpaired.page.getByRole('heading', { name: 'Kiosk koppelen' }).waitFor();
    await check(unpaired, 'pairing');

    bookNow(plek, 'bram', plek.desks[1]!.id);
    const kiosk = await kioskDevice();
    await kiosk.page.getByTestId('tile-HUB-3-002').waitFor();
    await check(kiosk, 'board');
    await kiosk.page.getByRole('button', { name: 'Inchecken' }).click();
    await check(kiosk, 'check-in');
    await kiosk.page.getByRole('button', { name: 'Terug' }).click();
    plek.s.guests.create(toActor(plek.users.anna), { name: 'Sanne de Vries', organisation: 'Woonstichting Zuid', expectedAt: Date.now(), locationId: plek.hub.id }, null);
    await kiosk.page.getByRole('button', { name: 'Ik ben bezoeker' }).click();
    await check(kiosk, 'visitor search');
    await kiosk.page.getByLabel('Je achternaam').fill('de Vries');
    await kiosk.page.getByRole('button', { name: 'Zoeken' }).click();
    await kiosk.page.getByRole('button', { name: /^Dat ben ik/ }).waitFor();
    await check(kiosk, 'visitor match');
    await kiosk.page.getByRole('button', { name: /^Dat ben ik/ }).click();
    await kiosk.page.getByText(/^Welkom! anna/).waitFor();
    await check(kiosk, 'visitor welcome and badge');

    const display = await kioskDevice({ spaceId: plek.room.id });
    await display.page.getByRole('button', { name: 'Nu boeken: 15 min' }).waitFor();
    await check(display, 'room display free');
    await display.page.getByRole('button', { name: 'Nu boeken: 15 min' }).click();
    await display.page.getByRole('button', { name: 'Vroegtijdig beëindigen' }).waitFor();
    await check(display, 'room display busy');

    const reception = await open();
    await signIn(reception.page, plek.url, 'reception@test.nl');
    for (const [path, heading] of [
      ['/receptie', 'Receptie'],
      [`/receptie/nood?location=${plek.hub.id}`, 'Noodlijst Werk HUB'],
      [`/receptie/badge/${plek.db.prepare('SELECT id FROM guests').pluck().get()}`, 'Badge'],
      ['/bezoekers', 'Bezoekers'],
    ] as const) {
      await reception.page.goto(plek.url + path);
      await reception.page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await check(reception, path);
    }
  });
});

describe('managing kiosks in the app', () => {
  it('an admin creates a kiosk, the device pairs with the code shown, and revoking sends it back to pairing', async () => {
    const admin = (await open()).page;
    await signIn(admin, plek.url, 'admin@test.nl');
    await admin.getByRole('link', { name: 'Beheer' }).click();
    await admin.getByRole('link', { name: 'Kiosks' }).click();
    await admin.getByRole('heading', { name: 'Kiosks en deurschermen' }).waitFor();
    await admin.waitForLoadState('networkidle');
    expect(await axeViolations(admin)).toEqual([]);
    await admin.getByLabel('Naam').fill('Ingang HUB');
    await admin.getByRole('button', { name: 'Aanmaken' }).click();
    const notice = await admin.getByText(/Koppelcode voor Ingang HUB: [A-Z2-9]{8}\./).textContent();
    const code = /: ([A-Z2-9]{8})\./.exec(notice!)![1]!;

    const device = await open();
    await device.page.goto(`${plek.url}/kiosk`);
    await device.page.getByLabel('Koppelcode').fill(code);
    await device.page.getByRole('button', { name: 'Koppelen' }).click();
    await device.page.getByTestId('tile-HUB-3-001').waitFor();

    await admin.reload();
    await admin.getByTestId('kiosks').getByText('Gekoppeld').waitFor();
    await admin.getByRole('button', { name: 'Ingang HUB intrekken' }).click();
    await admin.getByTestId('kiosks').getByText('Ingetrokken').waitFor();
    await device.page.reload();
    await device.page.getByRole('heading', { name: 'Kiosk koppelen' }).waitFor();
  });
});
