/**
 * Recurring reservations and changing a reservation, as a person does it in the app: a series
 * from the reservation screen ("Herhalen"), each date's outcome in words; "Wijzigen" on a card
 * to another day-part, and a refused change that leaves the old one.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toActor } from '../../server/auth/auth.service.js';
import { seriesDates } from '../../server/reservations/recurring.service.js';
import { addDaysToDate } from '../../shared/time.js';
import { amsterdamDate, axeViolations, launch, signIn, startPlek, type Browser, type Plek } from './harness.js';

let plek: Plek;
let b: Browser;
beforeEach(async () => {
  plek = await startPlek();
  b = await launch();
});
afterEach(async () => {
  await b.close();
  await plek.stop();
});

const noViolations = async () => {
  expect(await axeViolations(b.page)).toEqual([]);
};
const overflow = () => b.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

async function shots(name: string) {
  for (const width of [320, 390, 1440]) {
    await b.page.setViewportSize({ width, height: 900 });
    expect(await overflow(), `${name} at ${width} px`).toBeLessThanOrEqual(0);
    if (width !== 320) await b.page.screenshot({ path: `/tmp/recur/${name}-${width}.png`, fullPage: true });
  }
  await b.page.setViewportSize({ width: 390, height: 900 });
}

describe('a series from the reservation screen', () => {
  it('every Tuesday and Thursday for four weeks: the dates that succeeded, the one taken, and the ones that follow later', async () => {
    const from = amsterdamDate(1);
    const until = addDaysToDate(from, 27);
    const dates = seriesDates(from, until, ['tue', 'thu']);
    const reach = amsterdamDate(14);
    // Bram has the desk on the first of those mornings.
    plek.s.reservations.create(toActor(plek.users.bram), { spaceId: plek.desks[0]!.id, date: dates[0]!, part: 'morning' }, null);

    const page = b.page;
    await page.setViewportSize({ width: 390, height: 900 });
    await signIn(page, plek.url, 'anna@test.nl');
    await page.getByRole('link', { name: 'Reserveren' }).first().click();
    await page.getByRole('link', { name: 'Herhalen op vaste dagen' }).click();
    await page.getByRole('heading', { name: 'Herhalen', level: 1 }).waitFor();
    await page.getByRole('combobox', { name: 'Plek', exact: true }).selectOption({ label: 'HUB-3-001 · Werkplek 3.01' });
    await page.getByRole('checkbox', { name: 'dinsdag' }).check();
    await page.getByRole('checkbox', { name: 'donderdag' }).check();
    await page.getByLabel('Vanaf').fill(from);
    await page.getByLabel('Tot en met').fill(until);
    await page.getByRole('radio', { name: 'Ochtend' }).check();
    await noViolations();
    await page.getByRole('button', { name: 'Reeks reserveren' }).click();

    const within = dates.filter((d) => d <= reach);
    const later = dates.length - within.length;
    const summary = `HUB-3-001: ${within.length - 1} van ${dates.length} data gereserveerd, 1 niet gelukt, ${later} volgen later.`;
    // The outcome stands right under the button.
    const notice = page.getByRole('button', { name: 'Reeks reserveren' }).locator('xpath=following-sibling::*[1]');
    await expect.poll(() => notice.textContent()).toContain(summary);
    const lines = await page.getByTestId(/^series-/).first().locator('li').allTextContents();
    expect(lines).toHaveLength(dates.length);
    expect(lines[0]).toContain('Niet gelukt: Deze plek is al gereserveerd voor die tijd.');
    expect(lines.slice(1, within.length).every((l) => l.includes('Gereserveerd'))).toBe(true);
    expect(lines.slice(within.length).every((l) => l.includes('Volgt: wordt gereserveerd zodra de datum binnen 14 dagen valt'))).toBe(true);
    const stored = plek.db.prepare("SELECT count(*) FROM reservations WHERE user_id = ? AND state = 'booked'").pluck().get(plek.users.anna.id);
    expect(stored).toBe(within.length - 1);
    await noViolations();
    await shots('series-result');

    // The series is listed with a way to cancel a holiday's dates.
    await page.getByRole('button', { name: 'Periode annuleren' }).waitFor();
    await page.getByRole('radio', { name: 'Middag' }).check();

    // In English too.
    await page.goto(plek.url + '/instellingen');
    await page.getByRole('radio', { name: 'English' }).check();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await page.goto(plek.url + '/herhalen');
    await page.getByRole('heading', { name: 'Repeat', level: 1 }).waitFor();
    await page.getByText('HUB-3-001: every Tuesday and Thursday').waitFor();
    await page.getByText('Outcome per date').first().click();
    await page.getByText('Not possible: This place is already reserved for that time.').first().waitFor();
    await noViolations();
    await shots('series-en');
  });
});

describe('changing a reservation from its card', () => {
  it('another day-part: the card says the new time; into a taken morning: refused, and the old one stays', async () => {
    const date = amsterdamDate(2);
    const mine = plek.s.reservations.create(toActor(plek.users.anna), { spaceId: plek.desks[0]!.id, date, part: 'morning' }, null).reservation;
    plek.s.reservations.create(toActor(plek.users.bram), { spaceId: plek.desks[1]!.id, date, part: 'afternoon' }, null);
    const page = b.page;
    await page.setViewportSize({ width: 390, height: 900 });
    await signIn(page, plek.url, 'anna@test.nl');
    await page.getByRole('link', { name: /^Wijzigen: reservering HUB-3-001/ }).click();
    await page.getByRole('heading', { name: 'Reservering wijzigen' }).waitFor();
    await page.getByText('Nu: HUB-3-001').waitFor();
    await noViolations();
    await shots('change-form');

    await page.getByRole('radio', { name: 'Middag' }).check();
    await page.getByRole('button', { name: 'Wijziging opslaan' }).click();
    await page.getByText(/Reservering gewijzigd: nu HUB-3-001 · .* middag \(12:30–18:00\)\./).waitFor();
    const row = () => plek.db.prepare('SELECT space_id, start_ms, state FROM reservations WHERE id = ?').get(mine.id) as { space_id: number; start_ms: number; state: string };
    expect(new Date(row().start_ms).toISOString()).toBe(new Date(Date.parse(`${date}T12:30:00+01:00`)).toISOString());

    // Onto Bram's afternoon desk: refused in words, next to the button, and nothing changed.
    await page.getByRole('combobox', { name: 'Plek', exact: true }).selectOption({ label: 'HUB-3-002 · Werkplek 3.02' });
    await page.getByRole('button', { name: 'Wijziging opslaan' }).click();
    await page.getByText(/Deze plek is al gereserveerd voor die tijd\. Je reservering HUB-3-001 voor .* middag \(12:30–18:00\) blijft zoals hij was\./).waitFor();
    expect(row().space_id).toBe(plek.desks[0]!.id);
    await noViolations();
    await shots('change-refused');

    await page.getByRole('link', { name: 'Terug naar Vandaag' }).click();
    const card = page.getByTestId('reservation-HUB-3-001');
    await expect.poll(() => card.textContent()).toContain('12:30–18:00');

    // In English too: the card's link and the screen.
    await page.goto(plek.url + '/instellingen');
    await page.getByRole('radio', { name: 'English' }).check();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await page.goto(plek.url + '/');
    await page.getByRole('link', { name: /^Change reservation HUB-3-001/ }).click();
    await page.getByRole('heading', { name: 'Change reservation' }).waitFor();
    await page.getByText(/Now: HUB-3-001 · .* afternoon \(12:30–18:00\)/).waitFor();
    await noViolations();
  });
});
