/**
 * The occupancy report at its edges, as a facility manager meets them: a range with no workday,
 * a location nobody used, a public holiday alone, today's range in the evening, a year of the
 * demo data, and a location where fewer than five people booked, in Dutch and in English. At
 * 390 and 1440 px, with the CSV of each.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, createServices } from '../../server/app.js';
import { FakeClock } from '../../server/clock.js';
import { testConfig } from '../../server/config.js';
import { openDatabase } from '../../server/db/database.js';
import { DEMO_PASSWORD, seedDemo } from '../../server/demo/seed.js';
import { listen } from '../../server/testing.js';
import { localToInstant } from '../../shared/time.js';
import { axeViolations, launch, signIn, startPlek, type Browser, type Plek } from './harness.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Wednesday 2 December 2026, 10:00 in Amsterdam: every range below lies before it or on it. */
async function plekAt(time = '2026-12-02T10:00:00+01:00') {
  const clock = new FakeClock(Date.parse(time));
  const plek = await startPlek({ clock });
  cleanups.push(() => plek.stop());
  const b = await launch();
  cleanups.push(() => b.close());
  await signIn(b.page, plek.url, 'facility@test.nl');
  return { plek, clock, b };
}

const report = async (b: Browser, base: string, locationId: number, from: string, to: string) => {
  await b.page.goto(`${base}/beheer?locatie=${locationId}&van=${from}&tot=${to}`);
  await b.page.getByTestId('weekdays').or(b.page.getByTestId('no-workdays')).or(b.page.getByTestId('no-reservations')).waitFor();
};

/** The CSV as lines (without its BOM), with the status it came with. */
async function csv(b: Browser, base: string, locationId: number, from: string, to: string, extra = '') {
  const res = await b.context.request.get(`${base}/api/v1/reports/locations/${locationId}/occupancy.csv?from=${from}&to=${to}${extra}`);
  return { status: res.status(), lines: (await res.body()).subarray(3).toString('utf8').split('\r\n') };
}

const shots = process.env.PLEK_SCREENSHOTS; // a folder: where to leave screenshots to look at

/** At a phone's and a desktop's width: no sideways scroll, no broken figure, no axe finding; a screenshot to look at. */
async function atBothWidths(b: Browser, name: string) {
  for (const width of [390, 1440]) {
    await b.page.setViewportSize({ width, height: 900 });
    const text = await b.page.locator('main').innerText();
    expect(text, `${name} at ${width}`).not.toMatch(/NaN|Infinity|undefined|null/);
    expect(await b.page.evaluate(() => document.documentElement.scrollWidth), `${name} at ${width}`).toBeLessThanOrEqual(width);
    expect(await axeViolations(b.page), `${name} at ${width}`).toEqual([]);
    if (shots) await b.page.screenshot({ path: `${shots}/occupancy-edges-${name}-${width}.png`, fullPage: true });
  }
}

/** A past use of a desk or room, written straight into the database as the server keeps it. */
function use(plek: Plek, spaceId: number, userId: number, date: string, from: string, to: string, state: 'completed' | 'checked_in' | 'no_show' = 'completed') {
  const at = (time: string) => localToInstant(date, time, 'Europe/Amsterdam');
  plek.db
    .prepare('INSERT INTO reservations (space_id, user_id, start_ms, end_ms, state, created_at, checked_in_at, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(spaceId, userId, at(from), at(to), state, at('07:00'), state === 'no_show' ? null : at(from) + 5 * 60_000, state === 'checked_in' ? null : at(to));
}

const person = (plek: Plek, email: string) => plek.s.admin.createUserWithHash(null, { email, name: email.split('@')[0]!, roles: ['employee'] }, 'x', null).id;

describe('the occupancy report at its edges', () => {
  it('a weekend holds no workday: the page says so in one line instead of "< 5 personen" everywhere, and the CSV keeps its header rows with empty cells', async () => {
    const { plek, b } = await plekAt();
    await report(b, plek.url, plek.hub.id, '2026-11-28', '2026-11-29');
    expect(await b.page.getByTestId('no-workdays').textContent()).toBe(
      'Van zaterdag 28 november 2026 tot en met zondag 29 november 2026 valt geen werkdag. Het rapport telt maandag tot en met vrijdag, zonder de feestdagen waarop de locatie gesloten is: kies een periode met minstens één werkdag.',
    );
    expect(await b.page.getByTestId('hours').count()).toBe(0);
    expect(await b.page.locator('main').innerText()).not.toContain('< 5 personen');
    await atBothWidths(b, 'weekend');

    // Nothing to hide in a range of no days: empty cells, as a weekday out of range has, under every header.
    const all = await csv(b, plek.url, plek.hub.id, '2026-11-28', '2026-11-29');
    expect(all.status).toBe(200);
    expect(all.lines[0]).toBe('onderdeel;weekdag;gereserveerd (gemiddeld per dag);ingecheckt (gemiddeld per dag);werkplekken');
    expect(all.lines.join('\n')).not.toContain('< 5 personen');
    expect(all.lines).toContain('uur;07:00;;3');
    expect(all.lines).toContain('drukste dag;;;3');
    const hours = await csv(b, plek.url, plek.hub.id, '2026-11-28', '2026-11-29', '&part=hours');
    expect(hours.lines.slice(0, 2)).toEqual(['uur;ingecheckt (gemiddeld per dag);werkplekken', '07:00;;3']);
    const peaks = await csv(b, plek.url, plek.hub.id, '2026-11-28', '2026-11-29', '&part=peaks');
    expect(peaks.lines.filter((l) => l !== '')).toEqual(['datum;werkplekken tegelijk;om;werkplekken;ruimtes tegelijk;om (ruimtes);ruimtes']);
  });

  it('a location nobody used, Koningsdag alone and today at 21:30: no broken figure, no chart without a line, one day is "1 dag" and not also the quietest', async () => {
    const { plek, clock, b } = await plekAt();
    // A new neighbourhood office with desks and a room, and not one reservation.
    const empty = plek.s.admin.createLocation(null, { name: 'Wijkpost Leeg', kind: 'wijk' }, null);
    for (let i = 1; i <= 4; i++) plek.s.admin.createSpace(null, empty.id, { code: `WL-00${i}`, name: `Werkplek ${i}`, kind: 'desk' }, null);
    plek.s.admin.createSpace(null, empty.id, { code: 'WL-V1', name: 'Vergaderzaal', kind: 'meeting' }, null);
    await report(b, plek.url, empty.id, '2026-11-04', '2026-12-01');
    // No figure to draw: no chart at all (not an empty frame), and one line instead of the tables.
    expect(await b.page.locator('.chart-figure').count()).toBe(0);
    expect(await b.page.getByTestId('no-reservations').textContent()).toBe('Geen reserveringen in deze periode.');
    await atBothWidths(b, 'empty');
    for (const [part, header] of [
      ['', 'onderdeel;weekdag;gereserveerd (gemiddeld per dag);ingecheckt (gemiddeld per dag);werkplekken'],
      ['&part=peaks', 'datum;werkplekken tegelijk;om;werkplekken;ruimtes tegelijk;om (ruimtes);ruimtes'],
      ['&part=rooms', 'ruimte;naam;soort;reserveringen;uren geboekt;uren ingecheckt;no-shows;no-show %'],
    ]) {
      const file = await csv(b, plek.url, empty.id, '2026-11-04', '2026-12-01', part);
      expect(file.status, part).toBe(200);
      expect(file.lines[0], part).toBe(header);
      expect(file.lines.join('\n'), part).not.toMatch(/NaN|Infinity|undefined|null/);
    }
    expect((await csv(b, plek.url, empty.id, '2026-11-04', '2026-12-01', '&part=rooms')).lines[1]).toBe('WL-V1;Vergaderzaal;Vergaderruimte;< 5 personen;< 5 personen;< 5 personen;< 5 personen;< 5 personen');

    // Koningsdag 2026 (a Monday) alone, at a location open then: one workday, one week, in the singular.
    // Someone came (a range nobody reserved in says only that).
    use(plek, plek.s.catalogue.spaces(plek.hub.id).find((x) => x.kind === 'desk')!.id, person(plek, 'koningsdag@test.nl'), '2026-04-27', '09:00', '12:00');
    await report(b, plek.url, plek.hub.id, '2026-04-27', '2026-04-27');
    await b.page.getByText('Per werkdag (1 dag)', { exact: true }).waitFor();
    await b.page.getByText('Per week (1 week)', { exact: true }).waitFor();
    await atBothWidths(b, 'koningsdag');

    // Today at 21:30, today's range: six people at desks this morning, three still checked in.
    const desks = Array.from({ length: 6 }, (_, i) => plek.s.admin.createSpace(null, plek.hub.id, { code: `HUB-3-1${i}`, name: `Werkplek 3.1${i}`, kind: 'desk', zoneId: plek.zone.id }, null).id);
    desks.forEach((desk, i) => use(plek, desk, person(plek, `vandaag${i}@test.nl`), '2026-12-02', '08:00', i < 3 ? '17:00' : '23:00', i < 3 ? 'completed' : 'checked_in'));
    clock.set('2026-12-02T21:30:00+01:00');
    await report(b, plek.url, plek.hub.id, '2026-12-02', '2026-12-02');
    expect(await b.page.getByTestId('peak').textContent()).toBe('Drukste dag: woensdag 2 december (6 ingecheckt)');
    // The one day is the busiest; it is not called the quietest as well.
    expect(await b.page.getByTestId('trough').textContent()).toBe('Rustigste dag: de periode heeft één werkdag, er is geen andere dag om mee te vergelijken');
    // One weekday is one point, no line: the table alone.
    await b.page.getByTestId('chart-hours').locator('canvas').waitFor();
    expect(await b.page.getByTestId('chart-weekdays').count()).toBe(0);
    expect(await b.page.getByTestId('hours').locator('tr', { hasText: '16:00' }).locator('td').textContent()).toMatch(/^6\s*$/);
    await b.page.getByText('Per werkdag (1 dag)', { exact: true }).waitFor();
    await atBothWidths(b, 'evening');
  });

  it('a location closed on public holidays: Koningsdag is no workday, so it neither stands as a Monday nobody came nor halves the Mondays\' average', async () => {
    const { plek, b } = await plekAt();
    plek.s.admin.updatePolicy(null, plek.hub.id, { closedOnHolidays: true }, null);
    await report(b, plek.url, plek.hub.id, '2026-04-27', '2026-04-27');
    expect(await b.page.getByTestId('no-workdays').textContent()).toBe(
      '27 april 2026 is Koningsdag; de locatie is dan gesloten. Het rapport telt maandag tot en met vrijdag, zonder de feestdagen waarop de locatie gesloten is: kies een periode met minstens één werkdag.',
    );
    await atBothWidths(b, 'koningsdag-closed');

    // Six people on Monday 20 April; the next Monday is Koningsdag, closed: the Mondays' average is six, not three.
    const desks = Array.from({ length: 6 }, (_, i) => plek.s.admin.createSpace(null, plek.hub.id, { code: `HUB-3-1${i}`, name: `Werkplek 3.1${i}`, kind: 'desk', zoneId: plek.zone.id }, null).id);
    desks.forEach((desk, i) => use(plek, desk, person(plek, `april${i}@test.nl`), '2026-04-20', '08:00', '17:00'));
    await report(b, plek.url, plek.hub.id, '2026-04-20', '2026-05-01');
    const monday = b.page.getByTestId('weekdays').locator('tbody tr').first();
    await expect.poll(() => monday.locator('td').first().textContent()).toMatch(/^6\s*$/);
    // Nine workdays of ten; Koningsdag's cell in its week is a dash (not in the report), not "< 5 personen".
    await b.page.getByText('Per werkdag (9 dagen)', { exact: true }).waitFor();
    const week = b.page.getByTestId('weeks').locator('tbody tr').nth(1);
    expect(await week.locator('th').textContent()).toBe('27 apr');
    expect(await week.locator('td').first().textContent()).toBe('–');
    const peaks = await csv(b, plek.url, plek.hub.id, '2026-04-20', '2026-05-01', '&part=peaks');
    expect(peaks.lines.filter((l) => l !== '').length).toBe(1 + 9);
    expect(peaks.lines.join('\n')).not.toContain('2026-04-27');
  });

  it('a location nobody reserved says "Geen reserveringen in deze periode." once above the tables, not "< 5 personen" in each; the comparison stays; one person\'s reservation brings the tables back', async () => {
    const { plek, b } = await plekAt();
    const empty = plek.s.admin.createLocation(null, { name: 'Wijkpost Leeg', kind: 'wijk' }, null);
    const desks = Array.from({ length: 4 }, (_, i) => plek.s.admin.createSpace(null, empty.id, { code: `WL-00${i + 1}`, name: `Werkplek ${i + 1}`, kind: 'desk' }, null).id);
    plek.s.admin.createSpace(null, empty.id, { code: 'WL-V1', name: 'Vergaderzaal', kind: 'meeting' }, null);
    await report(b, plek.url, empty.id, '2026-11-04', '2026-12-01');
    const notice = b.page.getByTestId('no-reservations');
    expect(await notice.textContent()).toBe('Geen reserveringen in deze periode.');
    expect(await b.page.getByText('Geen reserveringen in deze periode.').count()).toBe(1);
    const main = await b.page.locator('main').innerText();
    expect(main).not.toContain('< 5 personen');
    expect(main).not.toContain('minder dan 5 personen');
    // Above the comparison with the other locations, which keeps its rows, and the whole report's CSV.
    for (const table of ['weekdays', 'hours', 'peaks', 'weeks', 'months', 'kinds', 'zones', 'rooms']) expect(await b.page.getByTestId(table).count(), table).toBe(0);
    const compare = b.page.getByTestId('compare');
    await expect.poll(() => compare.locator('tbody tr').count()).toBe(plek.s.catalogue.locations().length);
    expect(await notice.evaluate((n) => n.compareDocumentPosition(document.querySelector('[data-testid="compare"]')!) & Node.DOCUMENT_POSITION_FOLLOWING)).toBeTruthy();
    await b.page.getByTestId('csv-all').waitFor();
    // Its row there says 0 % on each weekday (nobody came), not "< 5 personen"; no reservation, no no-show rate.
    const row = compare.locator('tbody tr', { hasText: 'Wijkpost Leeg' });
    expect(await row.locator('td').allTextContents()).toEqual(['4', '0%', '0%', '0%', '0%', '0%', '–']);
    expect((await csv(b, plek.url, empty.id, '2026-11-04', '2026-12-01', '&part=compare')).lines).toContain('Wijkpost Leeg;4;0;0;0;0;0;');
    await atBothWidths(b, 'no-reservations-nl');
    const api = await b.context.request.get(`${plek.url}/api/v1/reports/locations/${empty.id}/occupancy?from=2026-11-04&to=2026-12-01`);
    expect((await api.json()).noReservations).toBe(true);
    // The CSV keeps its header rows.
    expect((await csv(b, plek.url, empty.id, '2026-11-04', '2026-12-01')).lines[0]).toBe('onderdeel;weekdag;gereserveerd (gemiddeld per dag);ingecheckt (gemiddeld per dag);werkplekken');

    await b.page.goto(plek.url + '/instellingen');
    await b.page.getByRole('radio', { name: 'English' }).check();
    await b.page.getByRole('heading', { name: 'Settings' }).waitFor();
    await report(b, plek.url, empty.id, '2026-11-04', '2026-12-01');
    expect(await notice.textContent()).toBe('No reservations in this period.');
    expect(await b.page.locator('main').innerText()).not.toContain('< 5 people');
    await atBothWidths(b, 'no-reservations-en');

    // One person's one desk on one day: that is fewer than five people, the tables say "< 5 people" again.
    use(plek, desks[0]!, person(plek, 'een@test.nl'), '2026-11-18', '09:00', '12:00');
    await report(b, plek.url, empty.id, '2026-11-04', '2026-12-01');
    expect(await notice.count()).toBe(0);
    expect(await b.page.getByTestId('weekdays').locator('tbody tr').nth(2).locator('td').first().textContent()).toBe('< 5 peoplefewer than 5 people, not shown');
    expect((await (await b.context.request.get(`${plek.url}/api/v1/reports/locations/${empty.id}/occupancy?from=2026-11-04&to=2026-12-01`)).json()).noReservations).toBe(false);
  });

  it('a range of holidays the location is closed on names them: "27 april 2026 is Koningsdag", Easter Monday after its weekend, in Dutch and in English', async () => {
    const { plek, b } = await plekAt();
    plek.s.admin.updatePolicy(null, plek.hub.id, { closedOnHolidays: true }, null);
    const how = 'Het rapport telt maandag tot en met vrijdag, zonder de feestdagen waarop de locatie gesloten is: kies een periode met minstens één werkdag.';
    // Saturday to Easter Monday: the range, then the holiday that took its one weekday (Easter Sunday is a weekend day anyway).
    await report(b, plek.url, plek.hub.id, '2026-04-04', '2026-04-06');
    expect(await b.page.getByTestId('no-workdays').textContent()).toBe(
      `Van zaterdag 4 april 2026 tot en met maandag 6 april 2026 valt geen werkdag. 6 april 2026 is Tweede paasdag; de locatie is dan gesloten. ${how}`,
    );
    await atBothWidths(b, 'easter-closed');
    const api = await b.context.request.get(`${plek.url}/api/v1/reports/locations/${plek.hub.id}/occupancy?from=2026-04-04&to=2026-04-06`);
    expect((await api.json()).closedHolidays).toEqual([
      { date: '2026-04-05', name: { nl: 'Pasen', en: 'Easter Sunday' } },
      { date: '2026-04-06', name: { nl: 'Tweede paasdag', en: 'Easter Monday' } },
    ]);

    await b.page.goto(plek.url + '/instellingen');
    await b.page.getByRole('radio', { name: 'English' }).check();
    await b.page.getByRole('heading', { name: 'Settings' }).waitFor();
    await report(b, plek.url, plek.hub.id, '2026-04-27', '2026-04-27');
    expect(await b.page.getByTestId('no-workdays').textContent()).toBe(
      "27 April 2026 is King's Day; the location is closed then. The report counts Monday to Friday, without the public holidays the location is closed on: choose a period with at least one workday.",
    );
    await atBothWidths(b, 'koningsdag-closed-en');
  });

  it('fewer than five people: every figure reads "< 5 personen" with the privacy line, and in English "< 5 people" under English weekdays', async () => {
    const { plek, b } = await plekAt();
    const small = plek.s.admin.createLocation(null, { name: 'Wijkpost Klein', kind: 'wijk' }, null);
    const desks = Array.from({ length: 4 }, (_, i) => plek.s.admin.createSpace(null, small.id, { code: `WK-00${i + 1}`, name: `Werkplek ${i + 1}`, kind: 'desk' }, null).id);
    const room = plek.s.admin.createSpace(null, small.id, { code: 'WK-V1', name: 'Vergaderzaal', kind: 'meeting' }, null).id;
    const three = [1, 2, 3].map((n) => person(plek, `klein${n}@test.nl`));
    for (const date of ['2026-11-17', '2026-11-18', '2026-11-24', '2026-11-25', '2026-12-01']) three.forEach((id, i) => use(plek, desks[i]!, id, date, '08:00', '17:00'));
    use(plek, room, three[0]!, '2026-11-18', '10:00', '11:00', 'no_show');

    await report(b, plek.url, small.id, '2026-11-04', '2026-12-01');
    expect(await b.page.getByTestId('too-few-hint').textContent()).toBe('Cijfers van minder dan 5 personen worden niet getoond, zodat niemand herkenbaar is. Daar staat "< 5 personen".');
    const few = '< 5 personenminder dan 5 personen, niet getoond';
    const weekdays = b.page.getByTestId('weekdays').locator('tbody tr');
    await expect.poll(() => weekdays.locator('th').allTextContents()).toEqual(['ma', 'di', 'wo', 'do', 'vr']);
    for (let i = 0; i < 5; i++) await expect.poll(async () => (await weekdays.nth(i).locator('td').allTextContents()).slice(0, 2), { timeout: 10_000 }).toEqual([few, few]);
    // The parts of the page come in as their answers do (each its own request): ask until each
    // is there, as long as a locator waits (expect.poll's own 1 s is too short on busy cores).
    await expect.poll(() => b.page.getByTestId('rooms').locator('tbody td').allTextContents(), { timeout: 10_000 }).toEqual(['Vergaderruimte', ...Array(5).fill(few)]);
    await expect.poll(() => b.page.getByTestId('flex').textContent(), { timeout: 10_000 }).toBe('Flexratio: niet getoond (minder dan 5 personen)');
    await atBothWidths(b, 'small-nl');

    await b.page.goto(plek.url + '/instellingen');
    await b.page.getByRole('radio', { name: 'English' }).check();
    await b.page.getByRole('heading', { name: 'Settings' }).waitFor();
    await report(b, plek.url, small.id, '2026-11-04', '2026-12-01');
    expect(await b.page.getByTestId('too-few-hint').textContent()).toBe('Figures from fewer than 5 people are not shown, so that nobody can be recognised. They read "< 5 people".');
    // The weekdays in English words, in every table that names them (they read "ma", "di" before).
    const english = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'];
    await expect.poll(() => weekdays.locator('th').allTextContents()).toEqual(english);
    await expect.poll(async () => (await b.page.getByTestId('weeks').locator('thead th').allTextContents()).slice(1, 6), { timeout: 10_000 }).toEqual(english);
    await expect.poll(async () => (await b.page.getByTestId('compare').locator('thead th').allTextContents()).slice(2, 7), { timeout: 10_000 }).toEqual(english);
    await expect.poll(async () => (await weekdays.nth(0).locator('td').allTextContents()).slice(0, 2), { timeout: 10_000 }).toEqual(['< 5 peoplefewer than 5 people, not shown', '< 5 peoplefewer than 5 people, not shown']);
    await atBothWidths(b, 'small-en');
  });
});

/** The demo's year of history up to Tuesday 1 December 2026, its facility manager signed in. */
async function demoPlek() {
  const dir = mkdtempSync(join(tmpdir(), 'plek-demo-'));
  const db = openDatabase(join(dir, 'plek.sqlite'));
  const s = createServices(db, new FakeClock(Date.parse('2026-12-02T10:00:00+01:00')), testConfig({ dbFile: join(dir, 'plek.sqlite'), distDir: process.env.PLEK_TEST_DIST ?? 'dist' }));
  await seedDemo(s);
  const server = await listen(createApp(s));
  cleanups.push(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  cleanups.push(() => server.close());
  const b = await launch();
  cleanups.push(() => b.close());
  await b.page.goto(server.url + '/');
  await b.page.getByLabel('E-mailadres').fill('facilitair@plek.demo');
  await b.page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
  await b.page.getByRole('button', { name: 'Inloggen' }).click();
  await b.page.getByRole('heading', { name: 'Vandaag en straks' }).waitFor();
  return { b, server, hub: s.catalogue.locations().find((l) => l.kind === 'hub')! };
}

describe('a year of the demo data', () => {
  it('folds the 253 workdays and the 53 weeks under their summaries, each marked as something to open, and opens them on a tap', async () => {
    const { b, server, hub } = await demoPlek();
    await report(b, server.url, hub.id, '2025-12-02', '2026-12-01');

    const days = b.page.locator('details', { has: b.page.getByTestId('peaks') });
    const weeks = b.page.locator('details', { has: b.page.getByTestId('weeks') });
    // 261 weekdays less the 8 public holidays on a weekday the Werk HUB is closed on (Christmas 2025, New Year, Easter Monday, Koningsdag, Bevrijdingsdag, Ascension, Whit Monday).
    await days.locator('summary', { hasText: 'Per werkdag (253 dagen)' }).waitFor();
    await weeks.locator('summary', { hasText: 'Per week (53 weken)' }).waitFor();
    for (const folded of [days, weeks]) {
      expect(await folded.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
      // A triangle before the summary: a boxed line alone does not read as something to open.
      expect(await folded.locator('summary').evaluate((s) => getComputedStyle(s, '::before').content)).toBe('"▸"');
    }
    expect(await b.page.getByTestId('weeks').isVisible()).toBe(false);
    // The charts and the months say the year at a glance.
    await b.page.getByTestId('chart-spread').locator('canvas').waitFor();
    expect(await b.page.getByTestId('months').locator('tbody tr').count()).toBe(12);
    await atBothWidths(b, 'year');

    await weeks.locator('summary').click();
    await b.page.getByTestId('weeks').waitFor();
    expect(await b.page.getByTestId('weeks').locator('tbody tr').count()).toBe(53);
    expect(await weeks.locator('summary').evaluate((s) => getComputedStyle(s, '::before').content)).toBe('"▾"');

    // Four weeks stand open as before.
    await report(b, server.url, hub.id, '2026-11-04', '2026-12-01');
    await expect.poll(() => weeks.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await days.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await b.page.getByTestId('weeks').isVisible()).toBe(true);
  });

  it('the peaks and spread charts say the year on their axis where the range crosses one or is longer than half a year, as their tables do', async () => {
    const { b, server, hub } = await demoPlek();
    const axis = async (chart: string) => {
      const box = b.page.getByTestId(chart);
      await box.locator('canvas').waitFor();
      return { first: await box.getAttribute('data-x-first'), last: await box.getAttribute('data-x-last') };
    };
    const firstRow = (table: string) => b.page.getByTestId(table).locator('tbody tr').first().locator('th').textContent();
    // Eight months within 2026: the same 5 jan of another year would not be told apart from it.
    await report(b, server.url, hub.id, '2026-01-05', '2026-08-28');
    await expect.poll(() => axis('chart-peaks')).toEqual({ first: '5 jan 2026', last: '28 aug 2026' });
    expect(await axis('chart-spread')).toEqual({ first: '5 jan 2026', last: '24 aug 2026' });
    expect(await firstRow('peaks')).toBe('ma 5 jan 2026');
    expect(await firstRow('weeks')).toBe('5 jan 2026');
    await atBothWidths(b, 'eight-months');
    // Six weeks over New Year: December is last year's.
    await report(b, server.url, hub.id, '2025-12-15', '2026-01-23');
    await expect.poll(() => axis('chart-peaks')).toEqual({ first: '15 dec 2025', last: '23 jan 2026' });
    expect(await axis('chart-spread')).toEqual({ first: '15 dec 2025', last: '19 jan 2026' });
    await atBothWidths(b, 'new-year');
    // The year of the demo, in English.
    await b.page.goto(server.url + '/instellingen');
    await b.page.getByRole('radio', { name: 'English' }).check();
    await b.page.getByRole('heading', { name: 'Settings' }).waitFor();
    await report(b, server.url, hub.id, '2025-12-02', '2026-12-01');
    await expect.poll(() => axis('chart-peaks')).toEqual({ first: '2 Dec 2025', last: '1 Dec 2026' });
    expect(await axis('chart-spread')).toEqual({ first: '1 Dec 2025', last: '30 Nov 2026' });
    await atBothWidths(b, 'year-en');
    // Four weeks in one year: no year, the range above says it.
    await report(b, server.url, hub.id, '2026-11-04', '2026-12-01');
    await expect.poll(() => axis('chart-peaks')).toEqual({ first: '4 Nov', last: '1 Dec' });
    expect(await axis('chart-spread')).toEqual({ first: '2 Nov', last: '30 Nov' });
  });
});
