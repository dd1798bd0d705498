/**
 * The demo's floor plans on the reservation screen (every Werk HUB space a marker of its own on
 * its floor's plan), and the scanner's alternatives to the camera: typing the label's code, and
 * the torch switch, shown only where the camera has a torch.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp, createServices } from '../../server/app.js';
import { systemClock } from '../../server/clock.js';
import { testConfig } from '../../server/config.js';
import { openDatabase } from '../../server/db/database.js';
import { DEMO_PASSWORD, seedDemo } from '../../server/demo/seed.js';
import { listen } from '../../server/testing.js';
import { toActor } from '../../server/auth/auth.service.js';
import { axeViolations, cameraArgs, clockAt, launch, qrCamera, signIn, startPlek, type Browser, type Plek } from './harness.js';

const browsers: Browser[] = [];
afterEach(async () => {
  await Promise.all(browsers.splice(0).map((b) => b.close()));
});
async function open(args?: string[]) {
  const b = await launch({ args });
  browsers.push(b);
  return b;
}

/** English for the rest of the session, through Settings as a person would. */
async function english(page: Page, base: string) {
  await page.goto(base + '/instellingen');
  await page.getByRole('radio', { name: 'English' }).check();
  await page.getByRole('heading', { name: 'Settings' }).waitFor();
}

describe('floor plans in the demo data', () => {
  let demo: { url: string; db: ReturnType<typeof openDatabase>; stop(): Promise<void> };
  beforeAll(async () => {
    // What `npm start` does on an empty database with PLEK_DEMO=1.
    const dir = mkdtempSync(join(tmpdir(), 'plek-demo-'));
    const dbFile = join(dir, 'plek.sqlite');
    const db = openDatabase(dbFile);
    const s = createServices(db, systemClock, testConfig({ dbFile, distDir: process.env.PLEK_TEST_DIST ?? 'dist' }));
    const started = performance.now();
    expect(await seedDemo(s)).not.toBeNull();
    // The seed stays quick enough for tests to use (argon2 for the one demo password included).
    expect(performance.now() - started).toBeLessThan(5000);
    const server = await listen(createApp(s));
    demo = {
      url: server.url,
      db,
      async stop() {
        await server.close();
        db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  });
  afterAll(() => demo.stop());

  const signInDemo = async (page: Page) => {
    await page.goto(demo.url + '/');
    await page.getByLabel('E-mailadres').fill('medewerker@plek.demo');
    await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('link', { name: 'Reserveren' }).first().waitFor();
  };

  /** The codes of the Werk HUB spaces of this kind on this floor, from the database. */
  const codesOn = (floor: number, kind: string): string[] =>
    demo.db
      .prepare(
        `SELECT s.code FROM spaces s JOIN zones z ON z.id = s.zone_id JOIN locations l ON l.id = s.location_id
         WHERE l.name = 'Werk HUB' AND z.floor = ? AND s.kind = ? ORDER BY s.code`,
      )
      .pluck()
      .all(floor, kind) as string[];

  /** Every marker on the plan shown: its code, centre and box; and the plan image's box. */
  async function markers(page: Page) {
    const image = (await page.getByTestId('plan').locator('img').boundingBox())!;
    const shown = await page.getByTestId('plan').locator('.plan-marker').evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        return { code: el.getAttribute('data-space')!, x: r.left + window.scrollX, y: r.top + window.scrollY, w: r.width, h: r.height };
      }),
    );
    const page0 = await page.evaluate(() => ({ x: window.scrollX, y: window.scrollY }));
    return { image: { ...image, x: image.x + page0.x, y: image.y + page0.y }, shown };
  }

  function expectPlaced(found: Awaited<ReturnType<typeof markers>>, codes: string[]) {
    expect(found.shown.map((m) => m.code).sort()).toEqual(codes);
    const { image } = found;
    for (const m of found.shown) {
      const cx = m.x + m.w / 2;
      const cy = m.y + m.h / 2;
      expect(cx, `${m.code} inside the plan`).toBeGreaterThan(image.x);
      expect(cx).toBeLessThan(image.x + image.width);
      expect(cy, `${m.code} inside the plan`).toBeGreaterThan(image.y);
      expect(cy).toBeLessThan(image.y + image.height);
      // The whole marker lies on the image, not half over its edge.
      expect(m.x).toBeGreaterThanOrEqual(image.x - 1);
      expect(m.x + m.w).toBeLessThanOrEqual(image.x + image.width + 1);
    }
    // No two markers at the same place, and none covering another.
    for (const [i, a] of found.shown.entries()) {
      for (const b of found.shown.slice(i + 1)) {
        const apart = a.x + a.w <= b.x + 0.5 || b.x + b.w <= a.x + 0.5 || a.y + a.h <= b.y + 0.5 || b.y + b.h <= a.y + 0.5;
        expect(apart, `${a.code} and ${b.code} do not overlap`).toBe(true);
      }
    }
  }

  for (const width of [390, 1440]) {
    it(`the reservation screen offers the plan at once; every space of a floor is a marker of its own on it (${width} px)`, async () => {
      const b = await open();
      const page = b.page;
      await page.setViewportSize({ width, height: 900 });
      await signInDemo(page);
      await page.getByRole('link', { name: 'Reserveren' }).first().click();
      await page.getByRole('radio', { name: 'Plattegrond' }).check();
      await page.getByTestId('plan').locator('.plan-marker').first().waitFor();

      // The label wraps the select, so its name ends with the chosen option.
      const select = page.getByRole('combobox', { name: /^Plattegrond/ });
      const options = await select.locator('option').allTextContents();
      expect(options).toEqual(['Verdieping 0 – Ontmoeten', 'Verdieping 1 – Samenwerken', 'Verdieping 2 – Concentratie', 'Verdieping 3 – Stilte']);
      for (const [floor, name] of options.entries()) {
        await select.selectOption({ label: name });
        await page.getByRole('img', { name }).waitFor();
        await page.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('[data-testid="plan"] img')].every((i) => i.complete && i.naturalWidth > 0));
        await expect.poll(async () => (await markers(page)).shown.length).toBe(codesOn(floor, 'desk').length);
        expectPlaced(await markers(page), codesOn(floor, 'desk'));
      }
      // The rooms of a floor have their places too: the call booths of floor 1.
      await page.getByLabel('Soort plek').selectOption({ label: 'Belcel' });
      await select.selectOption({ label: 'Verdieping 1 – Samenwerken' });
      await expect.poll(async () => (await markers(page)).shown.map((m) => m.code).sort()).toEqual(codesOn(1, 'call'));
      expectPlaced(await markers(page), codesOn(1, 'call'));
      await page.getByLabel('Soort plek').selectOption({ label: 'Werkplek' });
      await select.selectOption({ label: 'Verdieping 2 – Concentratie' });
      await expect.poll(async () => (await markers(page)).shown.length).toBe(codesOn(2, 'desk').length);

      // The plan scrolls inside its frame on a phone; the page itself never goes sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.screenshot({ path: `/tmp/plans-reserve-${width}.png`, fullPage: true });
      expect(await axeViolations(page)).toEqual([]);

      // Picking a marker names the space, in English too.
      await page.locator('[data-space="HUB-2-014"]').click();
      await expect.poll(() => page.getByTestId('picked').textContent()).toContain('Werkplek 2.14');
      await english(page, demo.url);
      await page.getByRole('link', { name: 'Reserve' }).first().click();
      await page.getByRole('radio', { name: 'Floor plan' }).check();
      await page.getByTestId('plan').locator('.plan-marker').first().waitFor();
      expect(await axeViolations(page)).toEqual([]);
    });
  }
});

describe('the scanner without the camera', () => {
  let plek: Plek;
  beforeAll(async () => {
    plek = await startPlek();
  });
  afterAll(() => plek.stop());

  for (const width of [390, 1440]) {
    it(`a typed code opens the same label page as a scan; an unknown code is named by the field (${width} px)`, async () => {
      const page = (await open()).page;
      await page.setViewportSize({ width, height: 900 });
      await signIn(page, plek.url, 'anna@test.nl');
      await page.getByRole('link', { name: 'Scannen' }).first().click();
      const field = page.getByLabel('Of typ de code van de plek');

      await page.getByRole('button', { name: 'Plek openen' }).click();
      await page.getByText('Typ de code die onder de QR-code staat, bijvoorbeeld HUB-3-014.').waitFor();

      await field.fill('HUB-9-999');
      await page.getByRole('button', { name: 'Plek openen' }).click();
      const unknown = page.getByText('Geen plek met de code HUB-9-999. Kijk de code op het label na, bijvoorbeeld HUB-3-014.');
      await unknown.waitFor();
      // Where it was typed: tied to the field, so a screen reader reads it with it.
      const described = await field.getAttribute('aria-describedby');
      expect(await unknown.getAttribute('id')).toBe(described);
      expect(new URL(page.url()).pathname).toBe('/scannen');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.screenshot({ path: `/tmp/plans-scan-${width}.png`, fullPage: true });
      expect(await axeViolations(page)).toEqual([]);

      // Small letters and a stray space, as a phone keyboard types them; Enter opens it.
      await field.fill(' hub-3-001');
      await field.press('Enter');
      await page.getByRole('heading', { name: /HUB-3-001/ }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/s/HUB-3-001');
      await page.getByText('Werkplek 3.01').waitFor();
      // A typed code proves nothing about being there: the page says so instead of offering a walk-up.
      await page.getByText('Je hebt nu geen reservering op HUB-3-001. Scan de QR-code op de plek om hem meteen te reserveren en in te checken, of reserveer hem onder Reserveren.').waitFor();
      expect(await page.getByRole('button', { name: 'Nu reserveren en inchecken' }).count()).toBe(0);

      await english(page, plek.url);
      await page.getByRole('link', { name: 'Scan' }).first().click();
      await page.getByLabel('Or type the code of the space').fill('XYZ-1');
      await page.getByRole('button', { name: 'Open space' }).click();
      await page.getByText('No space has the code XYZ-1. Check the code on the label, for example HUB-3-014.').waitFor();
      expect(await axeViolations(page)).toEqual([]);
    });
  }

  it("shows no torch switch for Chromium's fake camera, which has no torch", async () => {
    const camera = await qrCamera('https://example.org/not-a-label');
    const page = (await open(cameraArgs(camera))).page;
    await signIn(page, plek.url, 'anna@test.nl');
    await page.getByRole('link', { name: 'Scannen' }).first().click();
    await page.getByRole('button', { name: 'Camera starten' }).click();
    await page.getByRole('button', { name: 'Camera stoppen' }).waitFor({ timeout: 30_000 });
    // The camera really runs and really says it has no torch.
    expect(await page.evaluate(() => (document.querySelector('video')!.srcObject as MediaStream).getVideoTracks()[0]!.readyState)).toBe('live');
    expect(await page.evaluate(() => 'torch' in (document.querySelector('video')!.srcObject as MediaStream).getVideoTracks()[0]!.getCapabilities())).toBe(false);
    expect(await page.getByTestId('torch').count()).toBe(0);
    expect(await page.getByRole('button', { name: /Zaklamp/ }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('shows the torch switch where the camera reports a torch, and switches it on and off', async () => {
    const camera = await qrCamera('https://example.org/not-a-label');
    const b = await open(cameraArgs(camera));
    const page = b.page;
    // A phone camera with a torch, as Chromium on Android reports it: the fake camera's track
    // gets the capability, and the constraints the page applies are recorded.
    await b.context.addInitScript(() => {
      const applied: unknown[] = [];
      (window as unknown as { torchApplied: unknown[] }).torchApplied = applied;
      const caps = MediaStreamTrack.prototype.getCapabilities;
      MediaStreamTrack.prototype.getCapabilities = function (this: MediaStreamTrack) {
        return { ...caps.call(this), torch: true } as MediaTrackCapabilities;
      };
      const apply = MediaStreamTrack.prototype.applyConstraints;
      MediaStreamTrack.prototype.applyConstraints = function (this: MediaStreamTrack, c?: MediaTrackConstraints) {
        applied.push(c);
        return c && 'advanced' in c ? Promise.resolve() : apply.call(this, c);
      };
    });
    await signIn(page, plek.url, 'anna@test.nl');
    await page.getByRole('link', { name: 'Scannen' }).first().click();
    await page.getByRole('button', { name: 'Camera starten' }).click();
    await page.getByRole('button', { name: 'Zaklamp aanzetten' }).click();
    await page.getByRole('button', { name: 'Zaklamp uitzetten' }).waitFor();
    await page.getByRole('button', { name: 'Zaklamp uitzetten' }).click();
    await page.getByRole('button', { name: 'Zaklamp aanzetten' }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { torchApplied: unknown[] }).torchApplied)).toEqual([{ advanced: [{ torch: true }] }, { advanced: [{ torch: false }] }]);
    await page.setViewportSize({ width: 390, height: 900 });
    await page.screenshot({ path: '/tmp/plans-torch-390.png', fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    // Stopping the camera takes the switch away.
    await page.getByRole('button', { name: 'Camera stoppen' }).click();
    expect(await page.getByTestId('torch').count()).toBe(0);
  });
});

describe('a typed code during my reservation', () => {
  let plek: Plek;
  beforeAll(async () => {
    plek = await startPlek({ clock: clockAt('10:00') });
  });
  afterAll(() => plek.stop());

  it('opens the label page, which names the reservation and says check-in needs the QR code (no key, no refused check-in)', async () => {
    // The server's clock reads just after 10:00: the meeting from 10:00 to 11:00 is on.
    const start = Math.floor(plek.s.clock.now() / 900_000) * 900_000;
    const booking = plek.s.reservations.create(toActor(plek.users.anna), { spaceId: plek.room.id, start: new Date(start).toISOString(), end: new Date(start + 3_600_000).toISOString() }, null).reservation;
    const b = await open();
    if (Math.abs(plek.s.clock.now() - Date.now()) > 60_000) await b.context.clock.install({ time: plek.s.clock.now() });
    const page = b.page;
    await page.setViewportSize({ width: 390, height: 900 });
    await signIn(page, plek.url, 'anna@test.nl');
    await page.getByRole('link', { name: 'Scannen' }).first().click();
    await page.getByLabel('Of typ de code van de plek').fill('HUB-3-M01');
    await page.getByRole('button', { name: 'Plek openen' }).click();
    await page.getByText('Je reservering op HUB-3-M01 loopt nu. Inchecken kan alleen met de QR-code op de plek: scan die, of check in met je pas bij de kiosk bij de ingang.').waitFor();
    expect(plek.db.prepare('SELECT state FROM reservations WHERE id = ?').pluck().get(booking.id)).toBe('booked');
    await page.screenshot({ path: '/tmp/plans-typed-390.png', fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
  });
});
