/**
 * The entrance kiosk at the edges of time and data (1280 × 800): in the evening after closing,
 * on a day of the week the location does not open, on a public holiday it closes on, and at a
 * location without any places. The board says plainly that the building is closed and when it
 * opens, in words and a shape; a person without a booking is told so, never offered a desk.
 */
import { Secret, TOTP } from 'otpauth';
import { afterEach, describe, expect, it } from 'vitest';
import { toActor } from '../../server/auth/auth.service.js';
import type { Clock } from '../../server/clock.js';
import { axeViolations, cameraArgs, launch, qrCamera, startPlek, type Browser, type Plek } from './harness.js';

const shots = process.env.PLEK_SCREENSHOTS; // a folder: where to leave screenshots to look at
let plek: Plek;
const browsers: Browser[] = [];
afterEach(async () => {
  await Promise.all(browsers.splice(0).map((b) => b.close()));
  await plek.stop();
});

/** A server clock that runs at real speed from a chosen moment. */
function from(iso: string): Clock {
  const offset = Date.parse(iso) - Date.now();
  return { now: () => Date.now() + offset };
}

function passText(userId: number) {
  const secret = plek.db.prepare('SELECT pass_secret FROM users WHERE id = ?').pluck().get(userId) as string;
  const totp = new TOTP({ secret: new Secret({ buffer: new Uint8Array(Buffer.from(secret, 'base64url')).buffer }), period: 30, digits: 6 });
  return `PLEK-PASS:${userId}:${totp.generate({ timestamp: plek.s.clock.now() })}`;
}

/** A kiosk at 1280 × 800 paired through its pairing screen, its clock agreeing with the server's. */
async function kioskDevice(locationId: number, args?: string[]) {
  const { pairingCode } = plek.s.kiosks.create(toActor(plek.users.admin), { name: 'Ingang', locationId }, null);
  const b = await launch({ args });
  browsers.push(b);
  await b.context.clock.install({ time: plek.s.clock.now() });
  await b.page.setViewportSize({ width: 1280, height: 800 });
  await b.page.goto(`${plek.url}/kiosk`);
  await b.page.getByLabel('Koppelcode').fill(pairingCode);
  await b.page.getByRole('button', { name: 'Koppelen' }).click();
  return b.page;
}

describe('the entrance kiosk of a closed location', () => {
  it('on Christmas Day names the holiday and the next opening, and tells someone without a booking that no desk can be taken', async () => {
    plek = await startPlek({ clock: from('2026-12-25T10:00:00+01:00'), closedOnHolidays: true });
    const camera = await qrCamera(passText(plek.users.bram.id));
    const kiosk = await kioskDevice(plek.hub.id, cameraArgs(camera));
    const closed = kiosk.getByTestId('closed');
    await closed.getByRole('heading', { name: 'Vandaag gesloten: Kerstmis' }).waitFor();
    // Tweede kerstdag is the Saturday; the location opens every day of the week.
    await closed.getByText('Weer open op zondag 27 december vanaf 08:00.').waitFor();
    // Said before the board of places, all free in a closed building.
    const [notice, board] = await Promise.all([closed.boundingBox(), kiosk.getByRole('heading', { name: 'Beschikbaarheid nu' }).boundingBox()]);
    expect(notice!.y).toBeLessThan(board!.y);
    expect(notice!.y + notice!.height).toBeLessThan(800);
    expect(await axeViolations(kiosk)).toEqual([]);
    if (shots) await kiosk.screenshot({ path: `${shots}/kiosk-closed-holiday.png` });

    await kiosk.getByRole('button', { name: 'Inchecken' }).click();
    await expect.poll(() => kiosk.locator('.k-result').textContent(), { timeout: 45_000 }).toContain('Welkom, bram!');
    await kiosk.getByText('Je hebt hier nu geen reservering, en Werk HUB is gesloten: je kunt hier nu geen werkplek nemen.').waitFor();
    await kiosk.getByText('Weer open op zondag 27 december vanaf 08:00.').waitFor();
    expect(await kiosk.getByRole('button', { name: /^HUB-3-00\d/ }).count()).toBe(0);
    expect(await axeViolations(kiosk)).toEqual([]);
    if (shots) await kiosk.screenshot({ path: `${shots}/kiosk-closed-holiday-checkin.png` });
    expect(plek.db.prepare('SELECT count(*) FROM reservations').pluck().get()).toBe(0);
  });

  it('before opening says it opens today at 08:00, and offers someone without a booking no desk, as the phone does not', async () => {
    plek = await startPlek({ clock: from('2026-12-02T07:10:00+01:00') });
    const camera = await qrCamera(passText(plek.users.bram.id));
    const kiosk = await kioskDevice(plek.hub.id, cameraArgs(camera));
    await kiosk.getByRole('heading', { name: 'Nog gesloten' }).waitFor();
    await kiosk.getByText('Open vandaag vanaf 08:00.').waitFor();
    await kiosk.getByRole('button', { name: 'Inchecken' }).click();
    await expect.poll(() => kiosk.locator('.k-result').textContent(), { timeout: 45_000 }).toContain('Welkom, bram!');
    await kiosk.getByText('Je hebt hier nu geen reservering, en Werk HUB is gesloten: je kunt hier nu geen werkplek nemen.').waitFor();
    await kiosk.getByText('Open vandaag vanaf 08:00.').waitFor();
    expect(await kiosk.getByRole('button', { name: /^HUB-3-00\d/ }).count()).toBe(0);
    if (shots) await kiosk.screenshot({ path: `${shots}/kiosk-closed-early-checkin.png` });
  });

  it('on a Saturday it does not open says it is closed today and opens on Monday', async () => {
    plek = await startPlek({ clock: from('2026-12-05T10:00:00+01:00') });
    plek.s.admin.updatePolicy(null, plek.hub.id, { openDays: ['mon', 'tue', 'wed', 'thu', 'fri'] }, null);
    const kiosk = await kioskDevice(plek.hub.id);
    await kiosk.getByRole('heading', { name: 'Vandaag gesloten' }).waitFor();
    await kiosk.getByText('Weer open op maandag 7 december vanaf 08:00.').waitFor();
    if (shots) await kiosk.screenshot({ path: `${shots}/kiosk-closed-saturday.png` });
  });

  it('in the evening says it is closed and opens tomorrow, in Dutch and in English, with the check-in still a large target', async () => {
    plek = await startPlek({ clock: from('2026-12-02T19:30:00+01:00') });
    const kiosk = await kioskDevice(plek.hub.id);
    await kiosk.getByRole('heading', { name: 'Gesloten', exact: true }).waitFor();
    await kiosk.getByText('Weer open morgen vanaf 08:00.').waitFor();
    const box = (await kiosk.getByRole('button', { name: 'Inchecken' }).boundingBox())!;
    expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(64);
    if (shots) await kiosk.screenshot({ path: `${shots}/kiosk-closed-evening.png` });
    await kiosk.getByRole('button', { name: 'English' }).click();
    await kiosk.getByRole('heading', { name: 'Closed', exact: true }).waitFor();
    await kiosk.getByText('Open again tomorrow from 08:00.').waitFor();
    expect(await axeViolations(kiosk)).toEqual([]);
  });
});

describe('the entrance kiosk of a location without places', () => {
  it('says there is nothing to show instead of a blank board, with no NaN or undefined', async () => {
    plek = await startPlek({ clock: from('2026-12-02T10:00:00+01:00') });
    const empty = plek.s.admin.createLocation(null, { name: 'Wijkpost Noord', kind: 'wijk' }, null);
    const kiosk = await kioskDevice(empty.id);
    await kiosk.getByText('Deze locatie heeft nog geen werkplekken of ruimtes om te tonen.').waitFor();
    expect(await kiosk.locator('body').innerText()).not.toMatch(/NaN|undefined|null/);
    expect(await axeViolations(kiosk)).toEqual([]);
    if (shots) await kiosk.screenshot({ path: `${shots}/kiosk-empty.png` });
  });

  it("a room's display on Christmas Day says the location is closed, not free, and offers no 'nu boeken'", async () => {
    plek = await startPlek({ clock: from('2026-12-25T10:00:00+01:00'), closedOnHolidays: true });
    const { pairingCode } = plek.s.kiosks.create(toActor(plek.users.admin), { name: 'Deur M01', locationId: plek.hub.id, spaceId: plek.room.id }, null);
    const b = await launch();
    browsers.push(b);
    await b.context.clock.install({ time: plek.s.clock.now() });
    await b.page.setViewportSize({ width: 1280, height: 800 });
    await b.page.goto(`${plek.url}/kiosk`);
    await b.page.getByLabel('Koppelcode').fill(pairingCode);
    await b.page.getByRole('button', { name: 'Koppelen' }).click();
    const display = b.page;
    await display.locator('.k-room-state').getByText('Vandaag gesloten: Kerstmis').waitFor();
    await display.getByText('Weer open op zondag 27 december vanaf 08:00.').waitFor();
    expect(await display.getByRole('button', { name: /^Nu boeken/ }).count()).toBe(0);
    expect(await display.locator('.k-room-state').textContent()).not.toContain('Vrij');
    expect(await axeViolations(display)).toEqual([]);
    if (shots) await display.screenshot({ path: `${shots}/room-display-holiday.png` });
  });
});
