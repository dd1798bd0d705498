/**
 * The reception screen at its edges (hands-on findings): each guest's card says which time it
 * shows (expected, in since, left) from the times the server recorded, leaves out an
 * organisation the guest has none of, and with a long day's lists the walk-in form is one
 * button away at the top.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toActor } from '../../server/auth/auth.service.js';
import { localToInstant, localTime } from '../../shared/time.js';
import { amsterdamDate, axeViolations, clockAt, launch, signIn, startPlek, type Browser, type Plek } from './harness.js';

const shots = process.env.PLEK_SCREENSHOTS;
const TZ = 'Europe/Amsterdam';
let plek: Plek;
const browsers: Browser[] = [];
const clock = clockAt('10:00');
beforeEach(async () => {
  plek = await startPlek({ clock });
});
afterEach(async () => {
  const problems = browsers.flatMap((b) => b.problems);
  await Promise.all(browsers.splice(0).map((b) => b.close()));
  await plek.stop();
  expect(problems).toEqual([]);
});

async function reception() {
  const b = await launch();
  browsers.push(b);
  await signIn(b.page, plek.url, 'reception@test.nl');
  await b.page.goto(plek.url + '/receptie');
  await b.page.getByRole('heading', { name: 'Receptie', level: 1 }).waitFor();
  return b;
}

const at = (time: string) => localToInstant(amsterdamDate(), time, TZ);
/** The HH:MM of an instant the database holds, as a receptionist in Amsterdam reads it. */
const hhmm = (ms: unknown) => localTime(ms as number, TZ);

describe('a guest card at reception', () => {
  it('says "Verwacht", "Binnen sinds" or "Vertrokken" with the time the server recorded, and no dash for a guest without an organisation', async () => {
    const anna = toActor(plek.users.anna);
    plek.s.guests.create(anna, { name: 'Sanne de Vries', organisation: 'Woonstichting Zuid', expectedAt: at('11:00'), locationId: plek.hub.id }, null);
    const piet = plek.s.guests.create(anna, { name: 'Piet Jansen', expectedAt: at('10:30'), locationId: plek.hub.id }, null);
    // A guest who came at 09:07 and left at 09:40 (expected at 10:30: the times differ from it).
    const left = plek.s.guests.create(anna, { name: 'Lotte Bakker', organisation: 'Aannemer Noord', expectedAt: at('10:45'), locationId: plek.hub.id }, null);
    plek.db.prepare("UPDATE guests SET state = 'left', arrived_at = ?, left_at = ? WHERE id = ?").run(at('09:07'), at('09:40'), left.id);
    const b = await reception();
    const card = (list: string, name: string) => b.page.getByTestId(list).getByRole('listitem').filter({ hasText: name });

    await card('expected', 'Sanne de Vries').getByText('Verwacht 11:00', { exact: true }).waitFor();
    await card('expected', 'Sanne de Vries').getByText('Woonstichting Zuid · Gastheer/gastvrouw: anna', { exact: true }).waitFor();
    await card('expected', 'Piet Jansen').getByText('Verwacht 10:30', { exact: true }).waitFor();
    // No organisation: the line starts with the host, no "– ·".
    await card('expected', 'Piet Jansen').getByText('Gastheer/gastvrouw: anna', { exact: true }).waitFor();
    await card('left', 'Lotte Bakker').getByText('Vertrokken 09:40', { exact: true }).waitFor();

    await b.page.getByRole('button', { name: 'Aankomst registreren: Piet Jansen' }).click();
    const arrived = plek.db.prepare('SELECT arrived_at FROM guests WHERE id = ?').pluck();
    await expect.poll(() => arrived.get(piet.id)).not.toBeNull();
    await card('present', 'Piet Jansen').getByText(`Binnen sinds ${hhmm(arrived.get(piet.id))}`, { exact: true }).waitFor();
    expect(await b.page.locator('.guest-card').allInnerTexts()).not.toContainEqual(expect.stringContaining('–'));
    expect(await axeViolations(b.page)).toEqual([]);
    if (shots) {
      await b.page.setViewportSize({ width: 1440, height: 900 });
      await b.page.screenshot({ path: `${shots}/reception-times-1440.png`, fullPage: true });
      await b.page.setViewportSize({ width: 390, height: 844 });
      await b.page.screenshot({ path: `${shots}/reception-times-390.png`, fullPage: true });
    }

    await b.page.goto(plek.url + '/instellingen');
    await b.page.getByRole('radio', { name: 'English' }).check();
    await b.page.goto(plek.url + '/receptie');
    await b.page.getByRole('heading', { name: 'Reception', level: 1 }).waitFor();
    await card('expected', 'Sanne de Vries').getByText('Expected 11:00', { exact: true }).waitFor();
    await card('present', 'Piet Jansen').getByText(`In since ${hhmm(arrived.get(piet.id))}`, { exact: true }).waitFor();
    await card('present', 'Piet Jansen').getByText('Host: anna', { exact: true }).waitFor();
    await card('left', 'Lotte Bakker').getByText('Left 09:40', { exact: true }).waitFor();
    expect(await axeViolations(b.page)).toEqual([]);
  });
});

describe('a walk-in at the desk on a busy day', () => {
  for (const width of [390, 1440]) {
    it(`at ${width} px, with 40 guests today, reaches the walk-in form from a button at the top, and Tab goes on through the form`, async () => {
      const anna = toActor(plek.users.anna);
      for (let i = 0; i < 40; i++) {
        plek.s.guests.create(anna, { name: `Bezoeker ${String(i + 1).padStart(2, '0')}`, organisation: 'Provincie Limburg', expectedAt: clock.now() + (i + 1) * 5 * 60_000, locationId: plek.hub.id }, null);
      }
      const b = await reception();
      const height = width === 390 ? 844 : 900;
      await b.page.setViewportSize({ width, height });
      await b.page.getByTestId('expected').getByRole('listitem').nth(39).waitFor();
      const jump = b.page.getByRole('button', { name: 'Bezoeker zonder afspraak inschrijven' });
      // At the top, in the first screen, before the day's lists.
      const [button, lists] = await Promise.all([jump.boundingBox(), b.page.getByRole('heading', { name: /^Verwacht \(40\)/ }).boundingBox()]);
      expect(button!.y + button!.height).toBeLessThan(height);
      expect(button!.y).toBeLessThan(lists!.y);
      if (shots) await b.page.screenshot({ path: `${shots}/reception-busy-${width}.png` });

      await jump.click();
      const name = b.page.getByLabel('Naam bezoeker');
      await expect.poll(() => name.evaluate((el) => el === document.activeElement)).toBe(true);
      const box = (await name.boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height).toBeLessThanOrEqual(height);
      if (shots) await b.page.screenshot({ path: `${shots}/reception-walk-in-${width}.png` });
      await name.fill('Karel Bouwman');
      await b.page.keyboard.press('Tab');
      expect(await b.page.getByLabel('Organisatie').evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await b.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      expect(await axeViolations(b.page)).toEqual([]);
    });
  }
});
