import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../server/clock.js';
import { axeViolations, launch, signIn, startPlek, type Browser, type Plek } from './harness.js';

let plek: Plek;
const browsers: Browser[] = [];
beforeEach(async () => {
  // The server's today is Wednesday 23 December 2026: its week runs into Christmas.
  plek = await startPlek({ clock: new FakeClock(Date.parse('2026-12-23T10:00:00+01:00')), closedOnHolidays: true });
});
afterEach(async () => {
  await Promise.all(browsers.splice(0).map((b) => b.close()));
  await plek.stop();
});

async function open(width = 412) {
  const b = await launch();
  browsers.push(b);
  // The phone's clock agrees with the server's: the screen offers the days from its own today.
  await b.context.clock.install({ time: plek.s.clock.now() });
  await b.page.setViewportSize({ width, height: 900 });
  return b;
}

describe('public holidays in the app', () => {
  it('the week strip names Kerstmis and Tweede kerstdag as closed; choosing Christmas says so and offers nothing to reserve', async () => {
    const b = await open(390);
    const page = b.page;
    await signIn(page, plek.url, 'anna@test.nl');
    await page.getByRole('link', { name: 'Reserveren' }).click();
    const strip = page.locator('.week-strip');
    const christmas = strip.getByRole('button', { name: 'vrijdag 25 december: Kerstmis, gesloten' });
    await christmas.waitFor();
    // The name is on the screen, not only a colour or words for screen readers: on a phone in the
    // list under the strip, the day itself marked and "dicht".
    expect(await christmas.locator('.day-closed').innerText()).toBe('dicht');
    expect(await christmas.locator('.day-mark').isVisible()).toBe(true);
    expect(await page.locator('.week-holidays li').allInnerTexts()).toEqual(['✱ vr 25 dec: Kerstmis, dicht', '✱ za 26 dec: Tweede kerstdag, dicht']);

    await christmas.click();
    const notice = page.getByTestId('holiday');
    await expect.poll(() => notice.textContent()).toBe('vrijdag 25 december is Kerstmis: Werk HUB is dan gesloten. Kies een andere dag.');
    expect(await page.getByRole('button', { name: /^Reserveer HUB-/ }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    const shots = process.env.PLEK_SCREENSHOTS;
    if (shots) await page.screenshot({ path: `${shots}/holiday-390.png`, fullPage: true });

    // The day before is an ordinary day again.
    await strip.getByRole('button', { name: /donderdag 24 december/ }).click();
    await expect.poll(() => notice.count()).toBe(0);
    await page.getByRole('button', { name: 'Reserveer HUB-3-001' }).waitFor();
  });

  it('facility opens a location on holidays in its policy; the day is still named, and a reservation then is taken', async () => {
    const admin = (await open(1440)).page;
    await signIn(admin, plek.url, 'facility@test.nl');
    await admin.goto(`${plek.url}/beheer/gebouwen`);
    await admin.getByText('Regels van deze locatie').click();
    const policy = admin.getByTestId('policy');
    const closed = policy.getByLabel(/^Gesloten op feestdagen/);
    expect(await closed.isChecked()).toBe(true); // the default
    await closed.uncheck();
    await policy.getByRole('button', { name: 'Regels opslaan' }).click();
    await admin.getByText('Opgeslagen.').waitFor();
    expect(await axeViolations(admin)).toEqual([]);
    const stored = JSON.parse(plek.db.prepare('SELECT policy FROM locations WHERE id = ?').pluck().get(plek.hub.id) as string);
    expect(stored.closedOnHolidays).toBe(false);
    if (process.env.PLEK_SCREENSHOTS) {
      for (const width of [1440, 390]) {
        await admin.setViewportSize({ width, height: 900 });
        await policy.screenshot({ path: `${process.env.PLEK_SCREENSHOTS}/policy-${width}.png` });
      }
    }

    const b = await open(1440);
    const page = b.page;
    await signIn(page, plek.url, 'anna@test.nl');
    await page.getByRole('link', { name: 'Reserveren' }).click();
    const christmas = page.locator('.week-strip').getByRole('button', { name: 'vrijdag 25 december: Kerstmis, 0% bezet' });
    // Wide enough: the name stands in the day itself.
    expect(await christmas.locator('.day-holiday').innerText()).toBe('Kerstmis');
    expect(await page.locator('.week-holidays').isVisible()).toBe(false);
    await christmas.click();
    await expect.poll(() => page.getByTestId('holiday').textContent()).toBe('vrijdag 25 december is Kerstmis, een feestdag.');
    await page.getByRole('radio', { name: 'Ochtend' }).check();
    await page.getByRole('button', { name: 'Reserveer HUB-3-002' }).click();
    await page.getByText('HUB-3-002 is voor je gereserveerd.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    const shots = process.env.PLEK_SCREENSHOTS;
    if (shots) await page.screenshot({ path: `${shots}/holiday-1440.png`, fullPage: true });
  });
});
