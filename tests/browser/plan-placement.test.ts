import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toActor } from '../../server/auth/auth.service.js';
import { axeViolations, launch, signIn, startPlek, type Browser, type Plek } from './harness.js';

let plek: Plek;
const browsers: Browser[] = [];
const shots = process.env.PLEK_SHOTS ?? tmpdir();
beforeEach(async () => {
  plek = await startPlek();
});
afterEach(async () => {
  await Promise.all(browsers.splice(0).map((b) => b.close()));
  await plek.stop();
});

async function open() {
  const b = await launch();
  browsers.push(b);
  return b;
}

/** A plan drawing of 800 × 500 with walls, as the PNG a facility manager uploads. */
function planImage(): Buffer {
  const png = new PNG({ width: 800, height: 500 });
  for (let y = 0; y < 500; y++) {
    for (let x = 0; x < 800; x++) {
      const wall = x < 6 || y < 6 || x > 793 || y > 493;
      const i = (y * 800 + x) * 4;
      png.data.fill(wall ? 60 : 235, i, i + 3);
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

/** A second floor (1) with fourteen desks, and a plan for floor 1 and one for floor 3 (the test HUB's). */
function twoFloors() {
  const zone = plek.s.admin.createZone(null, plek.hub.id, { name: 'Samenwerken', character: 'gemengd', floor: 1 }, null);
  for (let i = 1; i <= 14; i++) {
    const n = String(i).padStart(3, '0');
    plek.s.admin.createSpace(null, plek.hub.id, { code: `HUB-1-${n}`, name: `Werkplek 1.${n}`, kind: 'desk', zoneId: zone.id }, null);
  }
  const floor1 = plek.s.admin.addPlan(null, plek.hub.id, { name: 'Verdieping 1', floor: 1, mime: 'image/png', image: planImage() }, null);
  const floor3 = plek.s.admin.addPlan(null, plek.hub.id, { name: 'Verdieping 3', floor: 3, mime: 'image/png', image: planImage() }, null);
  return { floor1, floor3 };
}

/** Where the server says a space stands, read through the API with the page's own session. */
async function placeOf(page: Page, code: string): Promise<{ planId: number; x: number; y: number } | null> {
  const res = await page.request.get(`${plek.url}/api/v1/locations/${plek.hub.id}/spaces`);
  const body = await res.json();
  const spaces = (Array.isArray(body) ? body : body.data) as { code: string; plan: { planId: number; x: number; y: number } | null }[];
  return spaces.find((s) => s.code === code)!.plan;
}

const unplacedCodes = (page: Page) => page.getByTestId('unplaced').locator('li').evaluateAll((lis) => lis.map((li) => li.textContent!.split(' · ')[0]!.trim()));

async function openPlans(page: Page, signedIn = false) {
  if (!signedIn) await signIn(page, plek.url, 'facility@test.nl');
  await page.goto(`${plek.url}/beheer/plattegronden`);
  await page.getByRole('img', { name: 'Verdieping 1' }).waitFor();
  await page.waitForLoadState('networkidle');
}

describe('placing spaces on a floor plan', () => {
  it('lists only the floor’s unplaced spaces; a space dragged from the list with the mouse lands where it was released', async () => {
    const { floor1 } = twoFloors();
    const page = (await open()).page;
    await page.setViewportSize({ width: 1440, height: 900 });
    await openPlans(page);

    // The list holds floor 1's fourteen desks, not floor 3's; the other plan, the other way round.
    expect(await unplacedCodes(page)).toEqual(Array.from({ length: 14 }, (_, i) => `HUB-1-${String(i + 1).padStart(3, '0')}`));
    await page.getByText('Ruimtes van verdieping 1.').waitFor();
    await page.getByRole('combobox', { name: 'Plattegrond' }).selectOption({ label: 'Verdieping 3 (verdieping 3)' });
    await page.getByRole('img', { name: 'Verdieping 3' }).waitFor();
    expect(await unplacedCodes(page)).toEqual(['HUB-3-001', 'HUB-3-002', 'HUB-3-003', 'HUB-3-M01']);
    await page.getByRole('combobox', { name: 'Plattegrond' }).selectOption({ label: 'Verdieping 1 (verdieping 1)' });
    await page.getByRole('img', { name: 'Verdieping 1' }).waitFor();

    // Drag HUB-1-014 from the list onto the plan.
    const source = page.getByRole('button', { name: 'HUB-1-014 op de plattegrond zetten' });
    await source.scrollIntoViewIfNeeded();
    const plan = page.getByTestId('plan');
    const box = (await plan.boundingBox())!;
    const from = (await source.boundingBox())!;
    const drop = { x: box.x + box.width * 0.3, y: box.y + box.height * 0.6 };
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(drop.x - 40, drop.y - 30, { steps: 8 });
    await page.mouse.move(drop.x, drop.y, { steps: 4 });
    await page.mouse.up();
    await page.getByRole('status').getByText('HUB-1-014 staat op de plattegrond.').waitFor();
    const placed = (await placeOf(page, 'HUB-1-014'))!;
    expect(placed.planId).toBe(floor1.id);
    expect(Math.abs(placed.x * box.width - box.width * 0.3)).toBeLessThan(3);
    expect(Math.abs(placed.y * box.height - box.height * 0.6)).toBeLessThan(3);
    // The marker stands there, and the space left the list.
    // (Measured against the plan as it is now: the list got shorter, the page may have scrolled.)
    const marker = (await page.locator('[data-space="HUB-1-014"]').boundingBox())!;
    const now = (await plan.boundingBox())!;
    expect(Math.abs(marker.x + marker.width / 2 - (now.x + now.width * 0.3))).toBeLessThan(3);
    expect(Math.abs(marker.y + marker.height / 2 - (now.y + now.height * 0.6))).toBeLessThan(3);
    expect(await unplacedCodes(page)).not.toContain('HUB-1-014');

    // Released outside the plan: nothing is saved, and it says so.
    const otherSource = page.getByRole('button', { name: 'HUB-1-013 op de plattegrond zetten' });
    await otherSource.scrollIntoViewIfNeeded();
    const other = (await otherSource.boundingBox())!;
    const heading = (await page.getByRole('heading', { name: 'Nog niet geplaatst' }).boundingBox())!;
    await page.mouse.move(other.x + other.width / 2, other.y + other.height / 2);
    await page.mouse.down();
    await page.mouse.move(heading.x + 10, heading.y + heading.height / 2, { steps: 5 });
    await page.mouse.up();
    await page.getByText('HUB-1-013 is buiten de plattegrond losgelaten en staat nog niet geplaatst.').waitFor();
    expect(await placeOf(page, 'HUB-1-013')).toBeNull();

    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(shots, 'plan-placement-1440.png'), fullPage: false });
  });

  it('a finger drags a space from the list onto the plan', async () => {
    twoFloors();
    const page = (await open()).page;
    await page.setViewportSize({ width: 1440, height: 900 });
    await openPlans(page);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 1 });
    await page.evaluate(() => {
      const w = window as unknown as { pointerTypes: string[] };
      w.pointerTypes = [];
      addEventListener('pointerdown', (e) => w.pointerTypes.push((e as PointerEvent).pointerType), true);
    });
    const source = page.getByRole('button', { name: 'HUB-1-007 op de plattegrond zetten' });
    await source.scrollIntoViewIfNeeded();
    const box = (await page.getByTestId('plan').boundingBox())!;
    const from = (await source.boundingBox())!;
    const drop = { x: Math.round(box.x + box.width * 0.7), y: Math.round(box.y + box.height * 0.25) };
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', x: number, y: number) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
    const start = { x: Math.round(from.x + from.width / 2), y: Math.round(from.y + from.height / 2) };
    await touch('touchStart', start.x, start.y);
    for (let i = 1; i <= 10; i++) await touch('touchMove', start.x + ((drop.x - start.x) * i) / 10, start.y + ((drop.y - start.y) * i) / 10);
    await touch('touchEnd', drop.x, drop.y);
    await page.getByRole('status').getByText('HUB-1-007 staat op de plattegrond.').waitFor();
    expect(await page.evaluate(() => (window as unknown as { pointerTypes: string[] }).pointerTypes)).toContain('touch');
    const placed = (await placeOf(page, 'HUB-1-007'))!;
    expect(Math.abs(placed.x * box.width - (drop.x - box.x))).toBeLessThan(3);
    expect(Math.abs(placed.y * box.height - (drop.y - box.y))).toBeLessThan(3);
  });

  it('the place button puts each next space on a free spot, never on another; by keyboard a cursor and Enter place one', async () => {
    twoFloors();
    const page = (await open()).page;
    await page.setViewportSize({ width: 1440, height: 900 });
    await openPlans(page);

    for (const code of ['HUB-1-001', 'HUB-1-002', 'HUB-1-003']) {
      await page.getByRole('button', { name: `${code} op de plattegrond zetten` }).click();
      await page.getByRole('status').getByText(`${code} staat op de plattegrond.`).waitFor();
    }
    const boxes = await Promise.all(['HUB-1-001', 'HUB-1-002', 'HUB-1-003'].map(async (c) => (await page.locator(`[data-space="${c}"]`).boundingBox())!));
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i]!, boxes[j]!];
        const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
        expect(overlap, `markers ${i} and ${j} overlap`).toBe(false);
      }
    }
    const places = await Promise.all(['HUB-1-001', 'HUB-1-002', 'HUB-1-003'].map((c) => placeOf(page, c)));
    expect(new Set(places.map((p) => `${p!.x},${p!.y}`)).size).toBe(3);

    // Keyboard: choose HUB-1-004, the plan takes focus, arrows move the cursor, Enter places.
    await page.getByRole('button', { name: 'Kies plek voor HUB-1-004' }).focus();
    await page.keyboard.press('Enter');
    const app = page.getByRole('application', { name: /plek kiezen voor HUB-1-004/ });
    await expect.poll(() => app.evaluate((el) => el === document.activeElement)).toBe(true);
    const cursor = page.getByTestId('plan-cursor');
    const startAt = await cursor.evaluate((el) => ({ x: parseFloat(el.style.left) / 100, y: parseFloat(el.style.top) / 100 }));
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText('HUB-1-004 staat op de plattegrond.').waitFor();
    const keyed = (await placeOf(page, 'HUB-1-004'))!;
    expect(keyed.x).toBeCloseTo(startAt.x + 0.1, 3);
    expect(keyed.y).toBeCloseTo(startAt.y + 0.03, 3);
    for (const p of places) expect(`${p!.x},${p!.y}`).not.toBe(`${startAt.x},${startAt.y}`);

    // "Plaats hier": choose a space, then click where it goes. Escape stops choosing.
    await page.getByRole('button', { name: 'Kies plek voor HUB-1-005' }).click();
    const box = (await page.getByTestId('plan').boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.85, box.y + box.height * 0.8);
    await page.getByRole('status').getByText('HUB-1-005 staat op de plattegrond.').waitFor();
    const tapped = (await placeOf(page, 'HUB-1-005'))!;
    expect(Math.abs(tapped.x - 0.85) * box.width).toBeLessThan(3);
    expect(Math.abs(tapped.y - 0.8) * box.height).toBeLessThan(3);
    await page.getByRole('button', { name: 'Kies plek voor HUB-1-006' }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('status').getByText('HUB-1-006 is niet geplaatst.').waitFor();
    expect(await placeOf(page, 'HUB-1-006')).toBeNull();

    await page.getByRole('button', { name: 'Kies plek voor HUB-1-008' }).click();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Annuleren' }).click();

    // In English too.
    await page.goto(`${plek.url}/instellingen`);
    await page.getByRole('radio', { name: 'English' }).check();
    await page.goto(`${plek.url}/beheer/plattegronden`);
    await page.getByRole('heading', { name: 'Not placed yet' }).waitFor();
    await page.getByRole('button', { name: 'Choose place for HUB-1-008' }).click();
    await page.getByText('Choose the place for HUB-1-008').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('the plan is not covered by the tab bar and nothing overflows, on a phone and a desktop', async () => {
    twoFloors();
    const page = (await open()).page;
    for (const [width, height] of [
      [390, 844],
      [320, 700],
      [1440, 900],
    ] as const) {
      await page.setViewportSize({ width, height });
      await openPlans(page, width !== 390);
      // Choosing a space scrolls the plan into view: all of it, its lower edge above the tab bar.
      await page.getByRole('button', { name: 'Kies plek voor HUB-1-014' }).click();
      await page.getByRole('application').waitFor();
      const hit = await page.getByTestId('plan').evaluate((plan) => {
        const r = plan.getBoundingClientRect();
        const x = Math.min(r.left + 20, innerWidth - 5);
        const el = document.elementFromPoint(x, r.bottom - 3);
        return { inside: !!el && plan.contains(el), bottom: r.bottom, viewport: innerHeight };
      });
      expect(hit.inside, `plan's lower edge covered at ${width} px`).toBe(true);
      expect(hit.bottom).toBeLessThanOrEqual(hit.viewport);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      if (width !== 320) {
        expect(await axeViolations(page)).toEqual([]);
        await page.screenshot({ path: join(shots, `plan-placement-choose-${width}.png`) });
      }
    }
  });

  it('on the kiosk, markers at the plan’s edges stay inside the plan', async () => {
    const floor3 = plek.s.admin.addPlan(null, plek.hub.id, { name: 'Verdieping 3', floor: 3, mime: 'image/png', image: planImage() }, null);
    const [d1, d2, d3] = plek.desks;
    plek.s.admin.placeSpace(null, d1!.id, { planId: floor3.id, x: 0, y: 0 }, null);
    plek.s.admin.placeSpace(null, d2!.id, { planId: floor3.id, x: 1, y: 1 }, null);
    plek.s.admin.placeSpace(null, d3!.id, { planId: floor3.id, x: 1, y: 0.5 }, null);
    const { pairingCode } = plek.s.kiosks.create(toActor(plek.users.admin), { name: 'Ingang', locationId: plek.hub.id }, null);
    const kiosk = (await open()).page;
    await kiosk.setViewportSize({ width: 1280, height: 800 });
    await kiosk.goto(`${plek.url}/kiosk`);
    await kiosk.getByLabel('Koppelcode').fill(pairingCode);
    await kiosk.getByRole('button', { name: 'Koppelen' }).click();
    const img = kiosk.getByRole('img', { name: 'Verdieping 3' });
    await img.waitFor();
    await kiosk.waitForFunction(() => document.querySelectorAll('.plan-marker').length >= 3);
    const plan = img.locator('xpath=..');
    await plan.scrollIntoViewIfNeeded();
    await kiosk.waitForTimeout(200);
    const p = (await plan.boundingBox())!;
    for (const code of ['HUB-3-001', 'HUB-3-002', 'HUB-3-003']) {
      const m = (await plan.locator(`[data-space="${code}"]`).boundingBox())!;
      expect(m.x, `${code} left`).toBeGreaterThanOrEqual(p.x - 0.5);
      expect(m.y, `${code} top`).toBeGreaterThanOrEqual(p.y - 0.5);
      expect(m.x + m.width, `${code} right`).toBeLessThanOrEqual(p.x + p.width + 0.5);
      expect(m.y + m.height, `${code} bottom`).toBeLessThanOrEqual(p.y + p.height + 0.5);
      expect(m.height, `${code} on one line`).toBeLessThan(60);
    }
    await kiosk.screenshot({ path: join(shots, 'plan-placement-kiosk-1280.png') });
  });
});
