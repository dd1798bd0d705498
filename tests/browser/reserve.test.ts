import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../server/clock.js';
import { toActor } from '../../server/auth/auth.service.js';
import { axeViolations, launch, signIn, startPlek, type Browser, type Plek } from './harness.js';

let plek: Plek;
const browsers: Browser[] = [];
afterEach(async () => {
  await Promise.all(browsers.splice(0).map((b) => b.close()));
  await plek.stop();
});

// Friday 4 December 2026 at 19:46 in Amsterdam: the day is over, the weekend closed, so the
// next bookable moment is Monday 7 December's morning.
const FRIDAY_EVENING = Date.parse('2026-12-04T19:46:00+01:00');
const SHOTS = process.env.PLEK_SHOTS;

/** Werk HUB open Monday to Friday, with twenty more desks (a list longer than a phone's screen). */
async function hubOnWorkdays(): Promise<Plek> {
  const p = await startPlek({ clock: new FakeClock(FRIDAY_EVENING) });
  p.s.admin.updatePolicy(null, p.hub.id, { openDays: ['mon', 'tue', 'wed', 'thu', 'fri'] }, null);
  for (let i = 10; i < 30; i++) {
    p.s.admin.createSpace(null, p.hub.id, { code: `HUB-3-0${i}`, name: `Werkplek 3.${i}`, kind: 'desk', zoneId: p.zone.id, features: i % 2 === 0 ? ['second_screen'] : [] }, null);
  }
  return p;
}

/** Anna's phone, its clock at the server's time, on the reservation screen. */
async function annaReserving(width = 390, height = 800): Promise<Browser> {
  const b = await launch();
  browsers.push(b);
  await b.context.clock.install({ time: plek.s.clock.now() });
  await b.page.setViewportSize({ width, height });
  await signIn(b.page, plek.url, 'anna@test.nl');
  await b.page.getByRole('link', { name: 'Reserveren' }).first().click();
  await b.page.getByTestId('space-HUB-3-001').waitFor();
  return b;
}

const overflow = (b: Browser) => b.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('the reservation screen offers only what the server takes', () => {
  it('at 19:46 on a Friday opens on Monday morning; the weekend, the day over, a typed past or far date and off-hours rooms are not offered', async () => {
    plek = await hubOnWorkdays();
    const b = await annaReserving();
    const page = b.page;
    await expect.poll(() => page.getByLabel('Datum').inputValue()).toBe('2026-12-07');
    expect(await page.getByRole('radio', { name: 'Ochtend' }).isChecked()).toBe(true);
    expect(await page.getByTestId('free-count').textContent()).toBe('23 van 23 vrij');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/reserve-evening-390.png`, fullPage: true });

    // The week strip: today (over) and the weekend are marked as not bookable; the weekend says closed, not 0 %.
    const day = (name: RegExp) => page.locator('.week-strip button', { hasText: name });
    const unbookable = async (name: RegExp) => (await day(name).getAttribute('class'))?.includes('day-unbookable');
    expect(await unbookable(/^vr/)).toBe(true);
    for (const weekend of [/^za/, /^zo/]) {
      expect(await unbookable(weekend)).toBe(true);
      expect(await day(weekend).textContent()).toContain('dicht');
      expect(await day(weekend).textContent()).not.toContain('%');
    }
    expect(await page.getByRole('button', { name: 'zaterdag 5 december: gesloten' }).count()).toBe(1);
    expect(await unbookable(/^ma/)).toBe(false);

    // Saturday chosen: said so, nothing to reserve, and a way to the next open day.
    await day(/^za/).click();
    await page.getByText('Op zaterdag 5 december is Werk HUB gesloten. Kies een andere dag.').waitFor();
    await page.getByRole('button', { name: 'Naar maandag 7 december' }).click();
    await page.getByRole('button', { name: 'Reserveer HUB-3-001' }).waitFor();
    // The same typed in.
    await page.getByLabel('Datum').fill('2026-12-05');
    await page.getByText('Op zaterdag 5 december is Werk HUB gesloten. Kies een andere dag.').waitFor();
    expect(await page.getByRole('button', { name: /^Reserveer/ }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/reserve-weekend-390.png`, fullPage: true });
    await page.getByRole('button', { name: 'Naar maandag 7 december' }).click();
    await page.getByRole('button', { name: 'Reserveer HUB-3-001' }).waitFor();

    // Today (the day is over), a past date and one beyond daysAhead (14) offer nothing either.
    for (const [typed, text] of [
      ['2026-12-04', 'Voor vrijdag 4 december kun je niet (meer) reserveren.'],
      ['2026-12-01', 'Voor dinsdag 1 december kun je niet (meer) reserveren.'],
      ['2026-12-21', 'Zo ver vooruit kun je nog niet reserveren: tot 14 dagen vooruit.'],
    ] as const) {
      await page.getByLabel('Datum').fill(typed);
      await page.getByText(text).waitFor();
      expect(await page.getByRole('button', { name: /^Reserveer/ }).count()).toBe(0);
    }

    // A room: only quarter hours inside the opening hours (08:00 to 18:00), lengths that end by closing.
    await page.getByLabel('Datum').fill('2026-12-07');
    await page.getByLabel('Soort plek').selectOption({ label: 'Vergaderruimte' });
    // The times follow the chosen kind once the screen has re-rendered: asked until they do (on busy cores that can take a moment).
    const starts = () => page.getByLabel('Van').locator('option').allTextContents();
    await expect.poll(async () => ((s) => [s[0], s.at(-1), s.length])(await starts())).toEqual(['08:00', '17:45', 40]);
    expect((await starts()).every((s) => /:(00|15|30|45)$/.test(s))).toBe(true);
    await page.getByLabel('Van').selectOption('17:00');
    await expect.poll(() => page.getByLabel('Duur').locator('option').allTextContents()).toEqual(['15 minuten', '30 minuten', '45 minuten', '60 minuten']);
    await page.getByRole('button', { name: 'Reserveer HUB-3-M01' }).click();
    await page.getByTestId('space-HUB-3-M01').getByText(/HUB-3-M01 is voor je gereserveerd/).waitFor();
    expect(plek.db.prepare('SELECT start_ms, end_ms FROM reservations').get()).toEqual({ start_ms: Date.parse('2026-12-07T17:00:00+01:00'), end_ms: Date.parse('2026-12-07T18:00:00+01:00') });
    expect(await overflow(b)).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 320, height: 800 });
    await page.getByLabel('Soort plek').selectOption({ label: 'Werkplek' });
    await page.getByRole('button', { name: 'Reserveer HUB-3-001' }).waitFor();
    expect(await overflow(b)).toBeLessThanOrEqual(0);
  });

  it('follows other people’s bookings live, keeps the scroll position, and answers where the tap was', async () => {
    plek = await hubOnWorkdays();
    const b = await annaReserving(390, 700);
    const page = b.page;
    await page.getByRole('button', { name: 'Reserveer HUB-3-020' }).scrollIntoViewIfNeeded();
    const before = await page.evaluate(() => window.scrollY);
    expect(before).toBeGreaterThan(300);

    await page.waitForTimeout(500); // the event stream opened
    // Bram takes HUB-3-021 on his own phone: within 3 s Anna's list no longer offers it.
    plek.s.reservations.create(toActor(plek.users.bram), { spaceId: spaceId('HUB-3-021'), date: '2026-12-07', part: 'morning' }, null);
    await page.getByTestId('space-HUB-3-021').waitFor({ state: 'detached', timeout: 3_000 });
    await page.getByText('22 van 23 vrij').waitFor();

    await page.getByRole('button', { name: 'Reserveer HUB-3-020' }).click();
    const card = page.getByTestId('space-HUB-3-020');
    await card.getByText('HUB-3-020 is voor je gereserveerd').waitFor();
    expect(Math.abs((await page.evaluate(() => window.scrollY)) - before)).toBeLessThan(80);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/reserve-booked-390.png` });
    expect(await axeViolations(page)).toEqual([]);
  });

  it('an online conflict offers, as a button, a free place that matches the chosen filters', async () => {
    plek = await hubOnWorkdays();
    const b = await annaReserving();
    const page = b.page;
    await page.locator('.filters > summary').click();
    await page.getByRole('checkbox', { name: 'Tweede scherm' }).check();
    await page.getByText('Filters (1 aan)').waitFor();
    // Bram's booking written straight to the database: no event, so Anna's screen still shows it free.
    plek.db
      .prepare("INSERT INTO reservations (space_id, user_id, start_ms, end_ms, state, source, created_at) VALUES (?, ?, ?, ?, 'booked', 'app', ?)")
      .run(spaceId('HUB-3-010'), plek.users.bram.id, Date.parse('2026-12-07T08:00:00+01:00'), Date.parse('2026-12-07T12:30:00+01:00'), FRIDAY_EVENING);
    await page.getByRole('button', { name: 'Reserveer HUB-3-010' }).click();
    const card = page.getByTestId('space-HUB-3-010');
    // The server's own pick would be HUB-3-001 (same zone, no second screen); the screen offers one with it.
    await card.getByText(/Vrij met dezelfde keuzes: HUB-3-012/).waitFor();
    await card.getByRole('button', { name: 'Reserveer HUB-3-012' }).click();
    await expect.poll(() => plek.db.prepare('SELECT count(*) FROM reservations WHERE space_id = ? AND user_id = ?').pluck().get(spaceId('HUB-3-012'), plek.users.anna.id)).toBe(1);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/reserve-conflict-390.png`, fullPage: true });
  });

  it('offline: the card shows the reservation waiting, a second desk for the same morning is refused on the spot', async () => {
    plek = await hubOnWorkdays();
    const b = await annaReserving();
    const page = b.page;
    await b.context.setOffline(true);
    await page.getByText('Offline: laatst bekende beschikbaarheid.').waitFor();
    await page.getByRole('button', { name: 'Reserveer HUB-3-001' }).click();
    const card = page.getByTestId('space-HUB-3-001');
    await card.getByText('Wacht op verzending').waitFor();
    await card.getByText(/HUB-3-001 staat klaar om te reserveren zodra er netwerk is/).waitFor();
    expect(await card.getByRole('button', { name: 'Reserveer HUB-3-001' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Reserveer HUB-3-002' }).click();
    await page.getByTestId('space-HUB-3-002').getByText('Je hebt voor die tijd al HUB-3-001: hier mag je 1 werkplek(ken) tegelijk hebben.').waitFor();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/reserve-offline-390.png`, fullPage: true });

    // Back online the one queued reservation goes, and only that one.
    await b.context.setOffline(false);
    await expect.poll(() => plek.db.prepare('SELECT count(*) FROM reservations').pluck().get(), { timeout: 10_000 }).toBe(1);
  });

  it('remembers the chosen location across a reload; a home location from Settings is where it opens', async () => {
    plek = await hubOnWorkdays();
    const markt = plek.s.admin.createLocation(null, { name: 'Huis aan de Markt', kind: 'townhall' }, null);
    plek.s.admin.createSpace(null, markt.id, { code: 'HAM-0-001', name: 'Werkplek 0.01', kind: 'desk', features: [] }, null);
    const b = await annaReserving(1440, 900);
    const page = b.page;
    await page.getByLabel('Locatie').selectOption({ label: 'Huis aan de Markt' });
    await page.getByTestId('space-HAM-0-001').waitFor();
    await page.reload();
    await page.getByTestId('space-HAM-0-001').waitFor();
    expect(await page.getByLabel('Locatie').inputValue()).toBe(String(markt.id));
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/reserve-1440.png`, fullPage: true });

    await page.getByRole('link', { name: 'Instellingen' }).first().click();
    await page.getByLabel('Thuislocatie').selectOption({ label: 'Werk HUB' });
    await page.getByText('✓ Thuislocatie: Werk HUB.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/settings-home-1440.png`, fullPage: true });
    await page.getByRole('link', { name: 'Reserveren' }).first().click();
    await page.getByTestId('space-HUB-3-001').waitFor();

    // In English too, with nothing for axe to find.
    await page.getByRole('link', { name: 'Instellingen' }).first().click();
    await page.getByRole('radio', { name: 'English' }).check();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Reserve' }).first().click();
    await page.getByText('23 of 23 free').waitFor();
    await page.getByLabel('Date').fill('2026-12-05');
    await page.getByText(/^Werk HUB is closed on Saturday,? (5 December|December 5)\. Choose another day\./).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });
});

describe('the open days in the policy form', () => {
  it('facility closes the weekend with a checkbox per day, stored as the open days', async () => {
    plek = await startPlek({ clock: new FakeClock(FRIDAY_EVENING) });
    const b = await launch();
    browsers.push(b);
    await b.page.setViewportSize({ width: 390, height: 900 });
    const admin = b.page;
    await signIn(admin, plek.url, 'facility@test.nl');
    await admin.goto(`${plek.url}/beheer/gebouwen`);
    await admin.getByText('Regels van deze locatie').click();
    const policy = admin.getByTestId('policy');
    const open = policy.getByRole('group', { name: 'Open op (op de andere dagen geen reserveringen)' });
    expect(await open.getByRole('checkbox').count()).toBe(7);
    await open.getByLabel('zaterdag').uncheck();
    await open.getByLabel('zondag').uncheck();
    await policy.getByRole('button', { name: 'Regels opslaan' }).click();
    await admin.getByText('Opgeslagen.').waitFor();
    expect(await axeViolations(admin)).toEqual([]);
    if (SHOTS) await policy.screenshot({ path: `${SHOTS}/policy-open-days-390.png` });
    const stored = JSON.parse(plek.db.prepare('SELECT policy FROM locations WHERE id = ?').pluck().get(plek.hub.id) as string);
    expect(stored.openDays).toEqual(['mon', 'tue', 'wed', 'thu', 'fri']);
    expect(await overflow(b)).toBeLessThanOrEqual(0);
  });
});

function spaceId(code: string): number {
  return plek.db.prepare('SELECT id FROM spaces WHERE code = ?').pluck().get(code) as number;
}
