/**
 * A space's label scanned with the phone while the location is closed (a public holiday it
 * closes on, a day of the week it does not open): the phone says so as the kiosk at the
 * entrance does, with when it opens next, and offers no walk-up the server would refuse.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../server/clock.js';
import { axeViolations, launch, signIn, startPlek, type Browser, type Plek } from './harness.js';

const shots = process.env.PLEK_SCREENSHOTS;
let plek: Plek;
const browsers: Browser[] = [];
afterEach(async () => {
  const problems = browsers.flatMap((b) => b.problems);
  await Promise.all(browsers.splice(0).map((b) => b.close()));
  await plek.stop();
  expect(problems).toEqual([]);
});

/** A server clock that runs at real speed from a chosen moment. */
function from(iso: string): Clock {
  const offset = Date.parse(iso) - Date.now();
  return { now: () => Date.now() + offset };
}

/** Anna's phone, its clock agreeing with the server's, at the label of the first desk. */
async function atDesk() {
  const b = await launch();
  browsers.push(b);
  await b.context.clock.install({ time: plek.s.clock.now() });
  await signIn(b.page, plek.url, 'anna@test.nl');
  await b.page.goto(`${plek.url}/s/HUB-3-001?k=${plek.desks[0]!.key}`);
  await b.page.getByRole('heading', { name: 'Plek HUB-3-001', level: 1 }).waitFor();
  return b.page;
}

describe('a desk label scanned with the phone while the location is closed', () => {
  it('on Christmas Day says it is closed today for the holiday and opens on Sunday 27 December, and offers no walk-up', async () => {
    plek = await startPlek({ clock: from('2026-12-25T10:00:00+01:00'), closedOnHolidays: true });
    const phone = await atDesk();
    await phone.getByText('Je hebt hier nu geen reservering. Vandaag gesloten: Kerstmis. Weer open op zondag 27 december vanaf 08:00.').waitFor();
    expect(await phone.getByRole('button', { name: /^Nu reserveren/ }).count()).toBe(0);
    await phone.getByRole('link', { name: 'Naar Reserveren' }).waitFor();
    expect(await phone.locator('main').innerText()).not.toContain('Kies een andere dag');
    expect(await axeViolations(phone)).toEqual([]);
    if (shots) await phone.screenshot({ path: `${shots}/space-closed-holiday-412.png` });
    expect(plek.db.prepare('SELECT count(*) FROM reservations').pluck().get()).toBe(0);
  });

  it('on a Saturday the location does not open says it is closed today and opens on Monday, in Dutch and in English', async () => {
    plek = await startPlek({ clock: from('2026-12-05T10:00:00+01:00') });
    plek.s.admin.updatePolicy(null, plek.hub.id, { openDays: ['mon', 'tue', 'wed', 'thu', 'fri'] }, null);
    const phone = await atDesk();
    await phone.getByText('Je hebt hier nu geen reservering. Vandaag gesloten. Weer open op maandag 7 december vanaf 08:00.').waitFor();
    expect(await phone.getByRole('button', { name: /^Nu reserveren/ }).count()).toBe(0);
    for (const width of [390, 1440]) {
      await phone.setViewportSize({ width, height: 844 });
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      if (shots) await phone.screenshot({ path: `${shots}/space-closed-saturday-${width}.png` });
    }
    expect(await axeViolations(phone)).toEqual([]);

    await phone.goto(plek.url + '/instellingen');
    await phone.getByRole('radio', { name: 'English' }).check();
    await phone.goto(`${plek.url}/s/HUB-3-001?k=${plek.desks[0]!.key}`);
    await phone.getByText('You have no reservation here now. Closed today. Open again on Monday 7 December from 08:00.').waitFor();
    expect(await axeViolations(phone)).toEqual([]);
  });
});
