/**
 * The home screen and the app's navigation (issue 16, items 1, 3, 12, 13 and 14): a cancel or
 * check-out waits on its card with undo and says on that card what became of it; reservations
 * by day with what is over folded away; Werkdagen in the tab bar; the calendar link copied and
 * offered as webcal:; a cleared date books nothing; every confirmation says what, where, when.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { toActor } from '../../server/auth/auth.service.js';
import { localToInstant } from '../../shared/time.js';
import { amsterdamDate, axeViolations, bookDirectly, clockAt, launch, signIn, startPlek, waitForServiceWorker, type Browser, type Plek } from './harness.js';
import type { Page } from 'playwright-core';

let plek: Plek;
const browsers: Browser[] = [];
const cleanups: (() => void)[] = [];
afterEach(async () => {
  await Promise.all(browsers.splice(0).map((b) => b.close()));
  await plek?.stop();
  cleanups.splice(0).forEach((f) => f());
});

const SHOTS = process.env.PLEK_SHOTS; // a folder: the screens as images, to look at
const stateOf = (id: number) => plek.db.prepare('SELECT state FROM reservations WHERE id = ?').pluck().get(id);
const count = (sql: string, ...args: unknown[]) => plek.db.prepare(sql).pluck().get(...args) as number;
/** The day as the app writes it: "wo 2 dec.". */
const dayText = (date: string) => new Intl.DateTimeFormat('nl-NL', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
/** The `n`th Monday to Friday after today: the test location may close at weekends. */
function workday(n: number): string {
  for (let i = 1; ; i++) {
    const d = amsterdamDate(i);
    if (new Date(`${d}T12:00:00Z`).getUTCDay() % 6 !== 0 && --n === 0) return d;
  }
}
const book = (who: 'anna' | 'bram', desk: number, date: string, part: 'morning' | 'afternoon' | 'day' = 'morning') =>
  plek.s.reservations.create(toActor(plek.users[who]), { spaceId: plek.desks[desk]!.id, date, part }, null).reservation;

/** Anna's booking from 09:45 to `to` today (Amsterdam): made for 10:15 and moved back, as the server refuses a start past. */
function bookUnderWay(spaceId: number, to: string) {
  const at = (time: string) => localToInstant(amsterdamDate(0), time, 'Europe/Amsterdam');
  const r = plek.s.reservations.create(toActor(plek.users.anna), { spaceId, start: new Date(at('10:15')).toISOString(), end: new Date(at(to)).toISOString() }, null).reservation;
  plek.db.prepare('UPDATE reservations SET start_ms = ? WHERE id = ?').run(at('09:45'), r.id);
  return r;
}

async function open(profile?: string): Promise<Browser> {
  const b = await launch(profile ? { profile } : {});
  browsers.push(b);
  return b;
}

/** Plek and a phone both at 10:00 today (Amsterdam), so something is under way whenever this runs. */
async function atTen(): Promise<Browser> {
  const clock = clockAt('10:00');
  plek = await startPlek({ clock });
  const b = await open();
  await b.context.clock.install({ time: clock.now() });
  return b;
}

async function noSidewaysScroll(page: Page, width: number) {
  await page.setViewportSize({ width, height: 800 });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(wide, `width ${width}`).toBeLessThanOrEqual(width);
}

async function shoot(page: Page, name: string) {
  if (!SHOTS) return;
  for (const width of [390, 1440]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 412, height: 900 });
}

describe('cancel and check-out on the home screen', () => {
  it('wait on the card with undo; undo keeps the booking; otherwise the card says in words what was cancelled', async () => {
    plek = await startPlek();
    const date = workday(1);
    const r = book('anna', 1, date);
    const page = (await open()).page;
    await signIn(page, plek.url, 'anna@test.nl');
    const card = page.getByTestId('reservation-HUB-3-002');

    await page.getByRole('button', { name: 'Annuleren HUB-3-002' }).click();
    await card.getByText(`Reservering HUB-3-002 voor ${dayText(date)} ochtend wordt over een paar seconden geannuleerd.`).waitFor();
    // The undo took the focus from the button it replaced.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Ongedaan maken');
    expect(stateOf(r.id)).toBe('booked');
    await card.getByRole('button', { name: 'Ongedaan maken (HUB-3-002)' }).click();
    await card.getByText(`Reservering HUB-3-002 voor ${dayText(date)} ochtend blijft staan.`).waitFor();
    await page.waitForTimeout(7_000); // longer than the wait: an undone cancel is never sent
    expect(stateOf(r.id)).toBe('booked');

    await card.getByRole('button', { name: 'Annuleren HUB-3-002' }).click();
    await card.getByText(`Reservering HUB-3-002 voor ${dayText(date)} ochtend geannuleerd.`).waitFor({ timeout: 10_000 });
    expect(stateOf(r.id)).toBe('cancelled');
    expect(await card.getByRole('button').count()).toBe(0);
  });

  it('a desk reserved while a cancel waits goes after it, so the one-desk rule sees the cancel, and is confirmed as booked', async () => {
    plek = await startPlek();
    const date = workday(1);
    const old = book('anna', 1, date);
    const page = (await open()).page;
    await signIn(page, plek.url, 'anna@test.nl');
    await page.getByRole('button', { name: 'Annuleren HUB-3-002' }).click();
    await page.getByText('wordt over een paar seconden geannuleerd').waitFor();
    await page.getByRole('link', { name: 'Reserveren' }).first().click();
    await page.getByLabel('Datum').fill(date);
    await page.getByRole('radio', { name: 'Ochtend' }).check();
    await page.getByRole('button', { name: 'Reserveer HUB-3-001' }).click();
    await page.getByText('HUB-3-001 is voor je gereserveerd.').waitFor({ timeout: 10_000 });
    expect(stateOf(old.id)).toBe('cancelled');
    expect(count("SELECT count(*) FROM reservations WHERE space_id = ? AND state = 'booked'", plek.desks[0]!.id)).toBe(1);
  });

  it('a check-out says where and when, on its card', async () => {
    const page = (await atTen()).page;
    const r = bookUnderWay(plek.desks[0]!.id, '11:00');
    plek.db.prepare("UPDATE reservations SET state = 'checked_in', checked_in_at = start_ms WHERE id = ?").run(r.id);
    await signIn(page, plek.url, 'anna@test.nl');
    await page.getByRole('button', { name: 'Uitchecken HUB-3-001' }).click();
    const card = page.getByTestId('reservation-HUB-3-001');
    await card.getByText(/Je wordt over een paar seconden uitgecheckt van HUB-3-001 \(.+ \d\d:\d\d–\d\d:\d\d\)\.$/).waitFor();
    await card.getByText(/Uitgecheckt van HUB-3-001 \(.+\)\.$/).waitFor({ timeout: 10_000 });
    expect(stateOf(r.id)).toBe('completed');
  });

  it('without network: the cancel waits for it with undo still offered, and undo takes it out of the outbox', async () => {
    plek = await startPlek();
    const date = workday(1);
    const r = book('anna', 1, date);
    const b = await open();
    await signIn(b.page, plek.url, 'anna@test.nl');
    await waitForServiceWorker(b.page);
    await b.context.setOffline(true);
    const card = b.page.getByTestId('reservation-HUB-3-002');
    await b.page.getByRole('button', { name: 'Annuleren HUB-3-002' }).click();
    await card.getByText(`Reservering HUB-3-002 voor ${dayText(date)} ochtend wordt geannuleerd zodra er netwerk is.`).waitFor({ timeout: 10_000 });
    await card.getByRole('button', { name: 'Ongedaan maken (HUB-3-002)' }).click();
    await card.getByText('blijft staan').waitFor();
    await b.context.setOffline(false);
    await b.page.reload();
    await card.getByText('Gereserveerd').waitFor();
    await b.page.waitForLoadState('networkidle');
    expect(stateOf(r.id)).toBe('booked');
  });

  it('a cancel whose app is closed within the wait is sent when the app opens again', async () => {
    plek = await startPlek();
    const r = book('anna', 1, workday(1));
    const profile = mkdtempSync(join(tmpdir(), 'plek-profile-'));
    cleanups.push(() => rmSync(profile, { recursive: true, force: true }));
    let b = await open(profile);
    await signIn(b.page, plek.url, 'anna@test.nl');
    await b.page.getByRole('button', { name: 'Annuleren HUB-3-002' }).click();
    await b.page.getByText('wordt over een paar seconden geannuleerd').waitFor();
    b = await b.restart(); // the phone closes the browser at once
    browsers.splice(0, 1, b);
    expect(stateOf(r.id)).toBe('booked');
    await b.page.goto(plek.url + '/');
    await expect.poll(() => stateOf(r.id), { timeout: 15_000 }).toBe('cancelled');
  });
});

describe('the home screen', () => {
  it('groups by day, today first, folds away what is over, and fits a phone in Dutch and English', async () => {
    const page = (await atTen()).page;
    const now = bookUnderWay(plek.desks[0]!.id, '11:00');
    const done = bookUnderWay(plek.room.id, '10:30');
    plek.db.prepare("UPDATE reservations SET state = 'completed' WHERE id = ?").run(done.id);
    const later = workday(2);
    book('anna', 1, workday(1), 'afternoon');
    book('anna', 2, later, 'day');
    await signIn(page, plek.url, 'anna@test.nl');
    await page.getByTestId('reservation-HUB-3-003').waitFor();

    const headings = await page.locator('main h2.day-heading').allTextContents();
    const tomorrow = workday(1) === amsterdamDate(1) ? `Morgen ${dayText(workday(1))}` : dayText(workday(1)).replace(/^./, (c) => c.toUpperCase());
    expect(headings).toEqual([`Vandaag ${dayText(amsterdamDate(0))}`, tomorrow, dayText(later).replace(/^./, (c) => c.toUpperCase())]);
    // Each list sits under its day, the booking of now under today.
    expect(await page.getByRole('list', { name: /^Vandaag/ }).getByTestId('reservation-HUB-3-001').count()).toBe(1);
    // The day stands in the heading, not again on each card.
    expect(await page.getByTestId('reservation-HUB-3-001').textContent()).not.toContain(dayText(amsterdamDate(0)));
    expect(now.state).toBe('booked');
    // What is over: folded under "Eerder", out of sight until opened.
    const earlier = page.getByText('Eerder (1)');
    await earlier.waitFor();
    expect(await page.getByTestId('reservation-HUB-3-M01').isVisible()).toBe(false);
    await earlier.click();
    expect(await page.getByTestId('reservation-HUB-3-M01').textContent()).toContain('Afgerond');
    // Compact: the calendar file is a link beside the buttons, not a full-width button.
    const calendar = page.getByRole('link', { name: /^In agenda: HUB-3-002/ });
    const box = (await calendar.boundingBox())!;
    expect(box.width).toBeLessThan(200);
    expect(box.height).toBeGreaterThanOrEqual(44);

    for (const width of [320, 390]) await noSidewaysScroll(page, width);
    expect(await axeViolations(page)).toEqual([]);
    await shoot(page, 'home-full');
    await page.goto(plek.url + '/instellingen');
    await page.getByRole('radio', { name: 'English' }).check();
    await page.goto(plek.url + '/');
    await page.getByRole('heading', { name: /^Today/, level: 2 }).waitFor();
    await page.getByText('Earlier (1)').waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('on a Saturday at 19:46 folds the day that is over away and heads Monday with its day', async () => {
    // Plek and the phone both on the coming Saturday at 19:46, Amsterdam.
    let saturday = amsterdamDate(1);
    for (let i = 2; new Date(`${saturday}T12:00:00Z`).getUTCDay() !== 6; i++) saturday = amsterdamDate(i);
    const at = (date: string, time: string) => localToInstant(date, time, 'Europe/Amsterdam');
    const offset = at(saturday, '19:46') - Date.now();
    plek = await startPlek({ clock: { now: () => Date.now() + offset } });
    const b = await open();
    await b.context.clock.install({ time: Date.now() + offset });
    const monday = new Date(at(saturday, '12:00') + 2 * 86_400_000).toISOString().slice(0, 10);
    bookDirectly(plek, 'anna', plek.desks[0]!.id, at(saturday, '08:00'), at(saturday, '12:30'));
    bookDirectly(plek, 'anna', plek.desks[1]!.id, at(monday, '08:00'), at(monday, '12:30'));
    await signIn(b.page, plek.url, 'anna@test.nl');
    await b.page.getByTestId('reservation-HUB-3-002').waitFor();
    expect(await b.page.locator('main h2.day-heading').allTextContents()).toEqual([dayText(monday).replace(/^./, (c) => c.toUpperCase())]);
    await b.page.getByText('Eerder (1)').waitFor();
    expect(await b.page.getByTestId('reservation-HUB-3-001').isVisible()).toBe(false);
    await shoot(b.page, 'home-saturday-1946');
  });

  it('with nothing booked says so, with the way to reserve', async () => {
    plek = await startPlek();
    const page = (await open()).page;
    await signIn(page, plek.url, 'anna@test.nl');
    await page.getByText('Je hebt geen reserveringen.').waitFor();
    expect(await page.locator('main h2.day-heading').count()).toBe(0);
    await page.getByRole('link', { name: 'Reserveer een plek' }).waitFor();
    for (const width of [320, 390]) await noSidewaysScroll(page, width);
    await shoot(page, 'home-empty');
  });
});

describe('the navigation', () => {
  it('has Werkdagen as a tab and the other screens under Meer; "Opgeslagen" goes with its month', async () => {
    plek = await startPlek();
    const page = (await open()).page;
    await signIn(page, plek.url, 'anna@test.nl');
    const tabs = page.getByRole('navigation', { name: 'Hoofdmenu' });
    await tabs.getByRole('link', { name: 'Werkdagen' }).click();
    await page.getByRole('heading', { name: 'Mijn werkdagen', level: 1 }).waitFor();
    expect(await tabs.getByRole('link', { name: 'Werkdagen' }).getAttribute('aria-current')).toBe('page');

    // Meer: a disclosure with the rest, closed by Escape and by going somewhere.
    const more = tabs.getByRole('button', { name: 'Meer' });
    expect(await more.getAttribute('aria-expanded')).toBe('false');
    expect(await tabs.getByRole('link', { name: "Collega's" }).count()).toBe(0);
    await more.click();
    for (const name of ['Mijn pas', "Collega's", 'Bezoekers', 'Instellingen']) await tabs.getByRole('link', { name }).waitFor();
    await shoot(page, 'nav-more');
    await page.keyboard.press('Escape');
    expect(await more.getAttribute('aria-expanded')).toBe('false');
    await more.click();
    await tabs.getByRole('link', { name: 'Mijn pas' }).click();
    await page.getByRole('heading', { name: 'Mijn pas', level: 1 }).waitFor();
    expect(await more.getAttribute('aria-expanded')).toBe('false');
    for (const width of [320, 390]) {
      await page.setViewportSize({ width, height: 800 });
      for (const tab of await tabs.locator('.tab').all()) expect((await tab.boundingBox())!.width).toBeGreaterThanOrEqual(44);
      await noSidewaysScroll(page, width);
    }

    await page.setViewportSize({ width: 412, height: 900 });
    await tabs.getByRole('link', { name: 'Werkdagen' }).click();
    const today = amsterdamDate(0);
    const select = page.locator('select:not([disabled])').last();
    if ((await select.count()) > 0 && new Date(`${today}T12:00:00Z`).getUTCDay() % 6 !== 0) {
      await select.selectOption('thuis');
      // Said on the row of the day that changed.
      await page.locator('li', { has: select }).getByText('Opgeslagen.').waitFor();
      await shoot(page, 'ticks-saved');
      await page.getByLabel('Maand', { exact: true }).fill(amsterdamDate(-40).slice(0, 7));
      await expect.poll(() => page.getByText('Opgeslagen.').count()).toBe(0);
      await page.getByLabel('Maand', { exact: true }).fill(today.slice(0, 7));
      await page.locator('select').first().waitFor();
      expect(await page.getByText('Opgeslagen.').count()).toBe(0);
    }
  });
});

describe('the calendar subscription', () => {
  it('copies the link with the Clipboard API and offers it to the calendar app as webcal:', async () => {
    plek = await startPlek();
    book('anna', 0, workday(1));
    const b = await open();
    await b.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: plek.url });
    await signIn(b.page, plek.url, 'anna@test.nl');
    await b.page.goto(plek.url + '/instellingen');
    await b.page.getByRole('button', { name: 'Agenda-link maken' }).click();
    const url = await b.page.getByLabel('Je agenda-link').inputValue();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    await b.page.getByRole('button', { name: 'Link kopiëren' }).click();
    await b.page.getByText('Gekopieerd.').waitFor();
    expect(await b.page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    const webcal = await b.page.getByRole('link', { name: 'Toevoegen aan agenda' }).getAttribute('href');
    expect(webcal).toBe(url.replace(/^http:/, 'webcal:'));
    // What a calendar app fetches for that webcal: address.
    const feed = await fetch(url);
    expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(await feed.text()).toContain('HUB-3-001');
    for (const width of [320, 390]) await noSidewaysScroll(b.page, width);
    expect(await axeViolations(b.page)).toEqual([]);
    await shoot(b.page, 'settings-calendar');
  });

  it('says so where the button is when the browser refuses the clipboard', async () => {
    plek = await startPlek();
    const b = await open();
    await signIn(b.page, plek.url, 'anna@test.nl');
    await b.page.goto(plek.url + '/instellingen');
    await b.page.getByRole('button', { name: 'Agenda-link maken' }).click();
    await b.page.evaluate(() => Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) } }));
    await b.page.getByRole('button', { name: 'Link kopiëren' }).click();
    await b.page.getByText('Kopiëren lukte niet: selecteer de link en kopieer hem zelf.').waitFor();
    // The link selected, to copy by hand.
    expect(await b.page.evaluate(() => (document.activeElement as HTMLInputElement).selectionEnd)).toBeGreaterThan(10);
  });
});

describe('reserving', () => {
  it('books nothing once the date is cleared, and a booking names what, where and when', async () => {
    plek = await startPlek();
    const date = workday(1);
    const page = (await open()).page;
    await signIn(page, plek.url, 'anna@test.nl');
    await page.getByRole('link', { name: 'Reserveren' }).first().click();
    await page.getByLabel('Datum').fill(date);
    await page.getByRole('radio', { name: 'Ochtend' }).check();
    await page.getByRole('button', { name: 'Reserveer HUB-3-002' }).waitFor();
    await page.getByLabel('Datum').fill('');
    const reserve = page.getByRole('button', { name: 'Reserveer HUB-3-002' });
    if ((await reserve.count()) > 0) await reserve.click();
    await page.waitForLoadState('networkidle');
    expect(count('SELECT count(*) FROM reservations')).toBe(0);

    await page.getByLabel('Datum').fill(date);
    await page.getByRole('radio', { name: 'Ochtend' }).check();
    await page.getByRole('button', { name: 'Reserveer HUB-3-002' }).click();
    await page.getByText(`HUB-3-002 is voor je gereserveerd. Werkplek 3.02, Werk HUB, ${dayText(date)} ochtend (08:00–12:30).`).waitFor();
    expect(count("SELECT count(*) FROM reservations WHERE state = 'booked'")).toBe(1);
  });
});
