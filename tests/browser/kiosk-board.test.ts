/**
 * Issue 17 at the kiosk (1280 × 800 touch screen): the board by floor and zone, a walk-up that
 * asks where, the room display that offers only what fits, a guest's second scan, and a badge
 * that prints as one 62 × 100 mm label (kiosk and reception).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Secret, TOTP } from 'otpauth';
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toActor } from '../../server/auth/auth.service.js';
import { localDate, localToInstant } from '../../shared/time.js';
import { axeViolations, cameraArgs, clockAt, launch, qrCamera, signIn, startPlek, type Browser, type Plek } from './harness.js';

const shots = process.env.PLEK_SCREENSHOTS; // a folder: where to leave screenshots to look at
const TZ = 'Europe/Amsterdam';
let plek: Plek;
const browsers: Browser[] = [];

async function start(time?: string) {
  plek = await startPlek(time ? { clock: clockAt(time) } : {});
  // Open the whole day, so the evening and the walk-ups work whenever the tests run.
  plek.s.admin.updatePolicy(null, plek.hub.id, { dayParts: { morning: { start: '00:00', end: '12:00' }, afternoon: { start: '12:00', end: '23:59' }, day: { start: '00:00', end: '23:59' } } }, null);
}
afterEach(async () => {
  await Promise.all(browsers.splice(0).map((b) => b.close()));
  await plek.stop();
});

const admin = () => toActor(plek.users.admin);

/** A kiosk device at 1280 × 800, paired through its pairing screen, its clock agreeing with the server's. */
async function kioskDevice(opts: { spaceId?: number; args?: string[]; idle?: number } = {}) {
  const { pairingCode } = plek.s.kiosks.create(admin(), { name: opts.spaceId ? 'Deur M01' : 'Ingang', locationId: plek.hub.id, spaceId: opts.spaceId }, null);
  const b = await launch({ args: opts.args });
  browsers.push(b);
  if (Math.abs(plek.s.clock.now() - Date.now()) > 60_000) await b.context.clock.install({ time: plek.s.clock.now() });
  await b.page.setViewportSize({ width: 1280, height: 800 });
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

/** Today at a local time in Amsterdam, by the server's clock. */
const today = (time: string) => localToInstant(localDate(plek.s.clock.now(), TZ), time, TZ);

/** A plain floor plan drawing: walls on white. */
function planImage(): Buffer {
  const png = new PNG({ width: 800, height: 360 });
  for (let y = 0; y < png.height; y++)
    for (let x = 0; x < png.width; x++) {
      const wall = x < 6 || y < 6 || x >= png.width - 6 || y >= png.height - 6 || (x > 396 && x < 404 && y > 120);
      const i = (y * png.width + x) * 4;
      png.data.fill(wall ? 90 : 250, i, i + 3);
      png.data[i + 3] = 255;
    }
  return PNG.sync.write(png);
}

/**
 * A Werk HUB as big as the real one's entrance sees: 60 desks on floor 0 in two zones (one with
 * a plan), 80 on floor 1, and the fixture's three desks and room on floor 3.
 */
function bigHub() {
  const zone = (name: string, character: 'dynamisch' | 'gemengd' | 'geconcentreerd' | 'rust', floor: number) => plek.s.admin.createZone(null, plek.hub.id, { name, character, floor }, null);
  const desks = (zoneId: number, prefix: string, n: number) =>
    Array.from({ length: n }, (_, i) => plek.s.admin.createSpace(null, plek.hub.id, { code: `${prefix}${String(i + 1).padStart(3, '0')}`, name: `Werkplek ${prefix}${i + 1}`, kind: 'desk', zoneId, features: [] }, null));
  const plein = zone('Plein', 'dynamisch', 0);
  const atelier = zone('Atelier', 'gemengd', 0);
  const focus = zone('Focus', 'geconcentreerd', 1);
  const pleinDesks = desks(plein.id, 'HUB-0-P', 30);
  desks(atelier.id, 'HUB-0-A', 30);
  const focusDesks = desks(focus.id, 'HUB-1-F', 80);
  const plan = plek.s.admin.addPlan(null, plek.hub.id, { name: 'Plattegrond Plein', zoneId: plein.id, floor: 0, mime: 'image/png', image: planImage() }, null);
  pleinDesks.slice(0, 8).forEach((d, i) => plek.s.admin.placeSpace(null, d.id, { planId: plan.id, x: 0.18 + (i % 3) * 0.32, y: 0.2 + Math.floor(i / 3) * 0.3 }, null));
  // Five of Plein's desks taken for the day.
  for (const d of pleinDesks.slice(0, 5)) {
    const who = plek.s.admin.createUserWithHash(null, { email: `${d.code.toLowerCase()}@test.nl`, name: d.code, roles: ['employee'], teams: [] }, 'x', null);
    plek.s.reservations.create(toActor(who), { spaceId: d.id, date: localDate(plek.s.clock.now(), TZ), part: 'day' }, null);
  }
  return { plein, atelier, focus, pleinDesks, focusDesks };
}

async function minTouch(page: Page, selector: string): Promise<number> {
  const sizes = await page.locator(selector).evaluateAll((els) => els.map((e) => Math.min(e.getBoundingClientRect().width, e.getBoundingClientRect().height)));
  return Math.min(...sizes);
}

describe('the entrance board', () => {
  beforeEach(() => start('10:00'));

  it('shows each floor and zone with "x van y vrij", one floor or zone at a time with its plan, not 140 tiles in a row', async () => {
    bigHub();
    const kiosk = (await kioskDevice()).page;
    const areas = kiosk.getByRole('navigation', { name: 'Verdiepingen en zones' });
    await areas.getByRole('button', { name: 'Verdieping 0, 55 van 60 vrij' }).waitFor();
    await areas.getByRole('button', { name: 'Plein (Dynamisch), 25 van 30 vrij' }).waitFor();
    await areas.getByRole('button', { name: 'Atelier (Gemengd), 30 van 30 vrij' }).waitFor();
    await areas.getByRole('button', { name: 'Verdieping 1, 80 van 80 vrij' }).waitFor();
    await areas.getByRole('button', { name: 'Verdieping 3, 4 van 4 vrij' }).waitFor();
    // The first floor, until someone chooses: its 60 places, not the 144 of the building.
    expect(await kiosk.locator('.k-tile').count()).toBe(60);
    expect(await kiosk.getByTestId('tile-HUB-1-F001').count()).toBe(0);
    expect(await kiosk.getByRole('button', { name: 'Verdieping 0, 55 van 60 vrij' }).getAttribute('aria-pressed')).toBe('true');
    expect(await kiosk.getByTestId('plan').count()).toBe(1);
    await kiosk.getByTestId('tile-HUB-0-P001').getByText(/Bezet tot \d\d:\d\d/).waitFor();
    expect(await minTouch(kiosk, '.k-area-button')).toBeGreaterThanOrEqual(56);
    await kiosk.waitForLoadState('networkidle');
    expect(await axeViolations(kiosk)).toEqual([]);
    if (shots) await kiosk.screenshot({ path: `${shots}/kiosk-board-floor0.png` });

    await areas.getByRole('button', { name: 'Plein (Dynamisch), 25 van 30 vrij' }).click();
    await kiosk.getByRole('heading', { name: 'Verdieping 0 · Plein (Dynamisch) · 25 van 30 vrij' }).waitFor();
    expect(await kiosk.locator('.k-tile').count()).toBe(30);
    expect(await kiosk.getByTestId('plan').locator('.plan-marker').count()).toBe(8);
    expect(await kiosk.getByTestId('plan').getByRole('button', { name: /^HUB-0-P001 ✕ Bezet/ }).count()).toBe(1);
    expect(await axeViolations(kiosk)).toEqual([]);
    if (shots) await kiosk.screenshot({ path: `${shots}/kiosk-board-zone.png` });

    await areas.getByRole('button', { name: 'Verdieping 1, 80 van 80 vrij' }).click();
    await kiosk.getByTestId('tile-HUB-1-F080').waitFor();
    expect(await kiosk.getByTestId('plan').count()).toBe(0);

    await kiosk.getByRole('button', { name: 'English' }).click();
    await kiosk.getByRole('navigation', { name: 'Floors and zones' }).getByRole('button', { name: 'Floor 1, 80 of 80 free' }).waitFor();
    expect(await axeViolations(kiosk)).toEqual([]);
  });

  it('goes back to the first floor when nobody has touched it for the idle time', async () => {
    bigHub();
    const kiosk = (await kioskDevice({ idle: 2 })).page;
    const floor1 = kiosk.getByRole('button', { name: 'Verdieping 1, 80 van 80 vrij' });
    await floor1.click();
    await kiosk.getByTestId('tile-HUB-1-F001').waitFor();
    await kiosk.getByTestId('tile-HUB-0-P001').waitFor({ timeout: 5000 });
    expect(await floor1.getAttribute('aria-pressed')).toBe('false');
  });

  it('asks someone without a booking where to sit, offers the free desks there, and names the floor in the confirmation', async () => {
    const { focusDesks } = bigHub();
    const camera = await qrCamera(passText(plek.users.bram.id));
    const kiosk = (await kioskDevice({ args: cameraArgs(camera) })).page;
    await kiosk.getByRole('button', { name: 'Inchecken' }).click();
    await kiosk.getByText('Waar wil je zitten? Kies een verdieping of zone.').waitFor({ timeout: 45_000 });
    // Not the first twelve desks of floor 0: every floor and zone with a free desk.
    const where = kiosk.getByRole('navigation', { name: 'Waar wil je zitten? Kies een verdieping of zone.' });
    await where.getByRole('button', { name: 'Verdieping 1, 80 van 80 vrij' }).waitFor();
    await where.getByRole('button', { name: 'Verdieping 3, 3 van 3 vrij' }).waitFor();
    expect(await kiosk.getByRole('button', { name: /^HUB-/ }).count()).toBe(0);
    expect(await axeViolations(kiosk)).toEqual([]);
    if (shots) await kiosk.screenshot({ path: `${shots}/kiosk-walkup-where.png` });

    await where.getByRole('button', { name: 'Focus (Geconcentreerd), 80 van 80 vrij' }).click();
    await kiosk.getByRole('heading', { name: 'Vrije werkplekken: Verdieping 1 · Focus (Geconcentreerd) · 80 van 80 vrij' }).waitFor();
    expect(await kiosk.getByRole('button', { name: /^HUB-1-F\d{3}/ }).count()).toBe(80);
    expect(await kiosk.getByRole('button', { name: /^HUB-0-/ }).count()).toBe(0);
    expect(await minTouch(kiosk, '.k-choices .k-button')).toBeGreaterThanOrEqual(56);
    expect(await axeViolations(kiosk)).toEqual([]);
    if (shots) await kiosk.screenshot({ path: `${shots}/kiosk-walkup-desks.png` });

    await kiosk.getByRole('button', { name: /^HUB-1-F042/ }).click();
    await kiosk.getByText(/^Je zit op HUB-1-F042 \(Verdieping 1 · Focus\) tot \d\d:\d\d\. Fijne werkdag!$/).waitFor();
    expect(plek.db.prepare("SELECT count(*) FROM reservations WHERE user_id = ? AND space_id = ? AND state = 'checked_in'").pluck().get(plek.users.bram.id, focusDesks[41]!.id)).toBe(1);
    if (shots) await kiosk.screenshot({ path: `${shots}/kiosk-walkup-done.png` });
  });
});

describe('the room display in the evening', () => {
  beforeEach(async () => {
    await start('19:51');
    // A meeting at 20:00: nine minutes left, as at 19:55 before a meeting at 20:04 in issue 17.
    plek.s.reservations.create(toActor(plek.users.anna), { spaceId: plek.room.id, start: new Date(today('20:00')).toISOString(), end: new Date(today('21:00')).toISOString() }, null);
  });

  it('offers only "tot 20:00" before a meeting at 20:00, books that, and asks before ending it early', async () => {
    const display = (await kioskDevice({ spaceId: plek.room.id })).page;
    const status = display.locator('.k-room-state');
    await status.getByText('Vrij tot 20:00').waitFor();
    await display.getByRole('button', { name: 'Nu boeken tot 20:00' }).waitFor();
    expect(await display.getByRole('button', { name: /^Nu boeken: \d+ min$/ }).count()).toBe(0);
    expect(await minTouch(display, '.k-room .k-button')).toBeGreaterThanOrEqual(56);
    await display.waitForLoadState('networkidle');
    expect(await axeViolations(display)).toEqual([]);
    if (shots) await display.screenshot({ path: `${shots}/room-display-until.png` });

    await display.getByRole('button', { name: 'Nu boeken tot 20:00' }).click();
    await status.getByText('Bezet tot 20:00').waitFor();
    await display.getByText('Geboekt en ingecheckt tot 20:00.').waitFor();
    const booked = plek.db.prepare("SELECT id, end_ms FROM reservations WHERE space_id = ? AND state = 'checked_in'").get(plek.room.id) as { id: number; end_ms: number };
    expect(booked.end_ms).toBe(today('20:00'));

    await display.getByRole('button', { name: 'Vroegtijdig beëindigen' }).click();
    const question = display.getByRole('group', { name: /^De vergadering van 19:5\d tot 20:00 nu beëindigen\? De ruimte komt direct vrij voor anderen\.$/ });
    await question.waitFor();
    expect(await display.evaluate(() => document.activeElement?.textContent)).toBe('Nee, laten doorgaan');
    expect(await display.getByRole('button', { name: 'Vroegtijdig beëindigen' }).count()).toBe(0);
    expect(await axeViolations(display)).toEqual([]);
    if (shots) await display.screenshot({ path: `${shots}/room-display-confirm.png` });
    await display.getByRole('button', { name: 'Nee, laten doorgaan' }).click();
    await display.getByRole('button', { name: 'Vroegtijdig beëindigen' }).waitFor();
    expect(plek.db.prepare('SELECT state FROM reservations WHERE id = ?').pluck().get(booked.id)).toBe('checked_in');

    await display.getByRole('button', { name: 'Vroegtijdig beëindigen' }).click();
    await display.getByRole('button', { name: 'Ja, nu beëindigen' }).click();
    await status.getByText('Vrij tot 20:00').waitFor();
    await display.getByText(/^Vergadering beëindigd om 19:5\d\. De ruimte is vrij\.$/).waitFor();
    expect(plek.db.prepare('SELECT state FROM reservations WHERE id = ?').pluck().get(booked.id)).toBe('completed');

    await display.getByRole('button', { name: 'English' }).click();
    await display.getByRole('button', { name: 'Book now until 20:00' }).waitFor();
    expect(await axeViolations(display)).toEqual([]);
  });
});

describe("a guest's second scan", () => {
  beforeEach(() => start());

  it('says the guest is already checked in since the first arrival, not "Welkom" again', async () => {
    const g = plek.s.guests.create(toActor(plek.users.anna), { name: 'Sanne de Vries', organisation: 'Woonstichting Zuid', expectedAt: Date.now(), locationId: plek.hub.id }, null);
    plek.s.guests.checkIn(toActor(plek.users.reception), g.id, null);
    const arrivedAt = plek.db.prepare('SELECT arrived_at FROM guests WHERE id = ?').pluck().get(g.id) as number;
    const hhmm = new Intl.DateTimeFormat('nl-NL', { hour: '2-digit', minute: '2-digit', timeZone: TZ }).format(arrivedAt);
    const camera = await qrCamera(`PLEK-GUEST:${g.inviteCode}`);
    const kiosk = (await kioskDevice({ args: cameraArgs(camera) })).page;
    await kiosk.getByRole('button', { name: 'Ik ben bezoeker' }).click();
    await kiosk.getByText(`Sanne de Vries, je bent al aangemeld sinds ${hhmm}. anna weet dat je er bent.`).waitFor({ timeout: 45_000 });
    expect(await kiosk.locator('.k-result').innerText()).not.toContain('Welkom');
    expect(plek.db.prepare("SELECT count(*) FROM notifications WHERE kind = 'guest_arrived'").pluck().get()).toBe(1);
    await kiosk.waitForLoadState('networkidle');
    expect(await axeViolations(kiosk)).toEqual([]);
    if (shots) await kiosk.screenshot({ path: `${shots}/kiosk-guest-again.png` });
    await kiosk.getByRole('button', { name: 'English' }).click();
    await kiosk.getByRole('button', { name: 'Print badge' }).waitFor();
    expect(await axeViolations(kiosk)).toEqual([]);
  });
});

/** The pages of a PDF (its /Type /Page objects, not the /Pages tree) and the first one's size in mm. */
function pdfPages(pdf: Buffer): { pages: number; widthMm: number; heightMm: number } {
  const text = pdf.toString('latin1');
  const pages = (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
  const box = /\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(text)!;
  const mm = (pt: number) => Math.round((pt / 72) * 25.4 * 10) / 10;
  return { pages, widthMm: mm(Number(box[3]) - Number(box[1])), heightMm: mm(Number(box[4]) - Number(box[2])) };
}

/**
 * Prints the page as Chromium does, to a PDF at the page size the CSS asks for (backgrounds
 * on, as a print dialog may have them), and checks it is one 62 × 100 mm label with a white
 * page. Where poppler's pdftoppm is installed the label is also drawn to a PNG to look at.
 */
async function checkLabel(page: Page, name: string, expected: string[]) {
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  if (shots) writeFileSync(`${shots}/${name}.pdf`, pdf);
  const { pages, widthMm, heightMm } = pdfPages(pdf);
  expect(pages).toBe(1);
  // Chromium lays pages out in whole CSS pixels: 62 × 100 mm comes out within a few tenths.
  expect(Math.abs(widthMm - 62)).toBeLessThanOrEqual(0.5);
  expect(Math.abs(heightMm - 100)).toBeLessThanOrEqual(0.5);
  await page.emulateMedia({ media: 'print' });
  if (shots) await page.screenshot({ path: `${shots}/${name}-print-media.png`, fullPage: true });
  const printed = await page.locator('body').innerText();
  for (const text of expected) expect(printed).toContain(text);
  await page.emulateMedia({ media: null });
  if (!existsSync('/usr/bin/pdftoppm')) return; // poppler-utils: optional, for looking only
  const dir = mkdtempSync(join(tmpdir(), 'plek-label-'));
  try {
    execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '150', '-singlefile', '-', join(dir, 'label')], { input: pdf });
    const png = PNG.sync.read(readFileSync(join(dir, 'label.png')));
    // 62 × 100 mm at 150 dpi, and no grey page behind the label: its corners are white.
    expect(Math.abs(png.width - 366) + Math.abs(png.height - 591)).toBeLessThanOrEqual(4);
    for (const [x, y] of [[2, 2], [png.width - 3, png.height - 3], [2, png.height - 3]] as const) {
      const i = (y * png.width + x) * 4;
      expect([png.data[i], png.data[i + 1], png.data[i + 2]]).toEqual([255, 255, 255]);
    }
    if (shots) execFileSync('cp', [join(dir, 'label.png'), `${shots}/${name}-label.png`]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the visitor badge', () => {
  beforeEach(() => start());

  it('at the kiosk prints as one 62 × 100 mm label with the Dutch date, time, location and host', async () => {
    const g = plek.s.guests.create(toActor(plek.users.anna), { name: 'Sanne de Vries', organisation: 'Woonstichting Zuid', expectedAt: Date.now(), locationId: plek.hub.id }, null);
    const camera = await qrCamera(`PLEK-GUEST:${g.inviteCode}`);
    const kiosk = (await kioskDevice({ args: cameraArgs(camera) })).page;
    await kiosk.getByRole('button', { name: 'Ik ben bezoeker' }).click();
    await kiosk.getByText(/^Welkom, Sanne de Vries!/).waitFor({ timeout: 45_000 });
    await kiosk.getByLabel('Bezoeker').getByRole('img', { name: 'Scan bij vertrek' }).waitFor();
    const arrivedAt = plek.db.prepare('SELECT arrived_at FROM guests WHERE id = ?').pluck().get(g.id) as number;
    const day = new Intl.DateTimeFormat('nl-NL', { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric', timeZone: TZ }).format(arrivedAt);
    const hhmm = new Intl.DateTimeFormat('nl-NL', { hour: '2-digit', minute: '2-digit', timeZone: TZ }).format(arrivedAt);
    expect(day).toMatch(/^[a-z]{2} \d{1,2} [a-z]+ \d{4}$/); // "di 1 december 2026"
    const badge = kiosk.getByLabel('Bezoeker');
    for (const text of ['Sanne de Vries', 'Woonstichting Zuid', 'Bezoekt: anna', 'Werk HUB', `${day} · ${hhmm}`]) await badge.getByText(text, { exact: true }).waitFor();

    // "Badge afdrukken" and "Terug" stand apart, each a large target.
    const print = (await kiosk.getByRole('button', { name: 'Badge afdrukken' }).boundingBox())!;
    const back = (await kiosk.getByRole('button', { name: 'Terug' }).boundingBox())!;
    expect(Math.min(print.height, back.height, print.width, back.width)).toBeGreaterThanOrEqual(56);
    const apart = Math.max(back.x - (print.x + print.width), print.x - (back.x + back.width), back.y - (print.y + print.height), print.y - (back.y + back.height));
    expect(apart).toBeGreaterThanOrEqual(24);
    expect(back.y + back.height).toBeLessThanOrEqual(800); // on the screen without scrolling
    expect(await axeViolations(kiosk)).toEqual([]);
    if (shots) await kiosk.screenshot({ path: `${shots}/kiosk-badge.png` });

    await checkLabel(kiosk, 'kiosk-badge', ['Sanne de Vries', 'Bezoekt: anna', 'Werk HUB', `${day} · ${hhmm}`]);
  });

  it('at reception prints as the same one label, not small at the top of an A4 sheet', async () => {
    const g = plek.s.guests.create(toActor(plek.users.anna), { name: 'Piet Jansen', organisation: 'Aannemer Noord', expectedAt: Date.now(), locationId: plek.hub.id }, null);
    plek.s.guests.checkIn(toActor(plek.users.reception), g.id, null);
    const b = await launch();
    browsers.push(b);
    await b.page.setViewportSize({ width: 1440, height: 900 });
    await signIn(b.page, plek.url, 'reception@test.nl');
    await b.page.goto(`${plek.url}/receptie/badge/${g.id}`);
    const badge = b.page.getByLabel('Bezoeker');
    await badge.getByText('Piet Jansen').waitFor();
    await badge.getByText('Werk HUB').waitFor();
    await badge.getByRole('img', { name: 'Scan bij vertrek' }).waitFor();
    await b.page.waitForLoadState('networkidle');
    expect(await axeViolations(b.page)).toEqual([]);
    if (shots) await b.page.screenshot({ path: `${shots}/reception-badge-1440.png` });
    await checkLabel(b.page, 'reception-badge', ['Piet Jansen', 'Aannemer Noord', 'Bezoekt: anna', 'Werk HUB']);
    await b.page.setViewportSize({ width: 390, height: 844 });
    if (shots) await b.page.screenshot({ path: `${shots}/reception-badge-390.png` });
  });
});
