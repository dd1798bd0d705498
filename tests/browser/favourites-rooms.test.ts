import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../server/clock.js';
import { axeViolations, bookDirectly, launch, signIn, startPlek, type Browser, type Plek } from './harness.js';

let plek: Plek;
const browsers: Browser[] = [];
afterEach(async () => {
  await Promise.all(browsers.splice(0).map((b) => b.close()));
  await plek.stop();
});

// Monday 7 December 2026, 08:30 in Amsterdam: the morning is bookable, rooms from 08:30.
const MONDAY = Date.parse('2026-12-07T08:30:00+01:00');
const at = (time: string, date = '2026-12-07') => Date.parse(`${date}T${time}:00+01:00`);
const SHOTS = process.env.PLEK_SHOTS;

async function hub(): Promise<Plek> {
  const p = await startPlek({ clock: new FakeClock(MONDAY) });
  p.s.admin.updatePolicy(null, p.hub.id, { openDays: ['mon', 'tue', 'wed', 'thu', 'fri'] }, null);
  const open = p.s.admin.createZone(null, p.hub.id, { name: 'Samenwerken', character: 'dynamisch', floor: 2 }, null);
  for (let i = 10; i < 20; i++) p.s.admin.createSpace(null, p.hub.id, { code: `HUB-2-0${i}`, name: `Werkplek 2.${i}`, kind: 'desk', zoneId: open.id, features: [] }, null);
  p.s.admin.createSpace(null, p.hub.id, { code: 'HUB-3-M02', name: 'Kleine vergaderruimte', kind: 'meeting', zoneId: p.zone.id, capacity: 4, features: [] }, null);
  return p;
}

async function anna(width = 390, height = 900): Promise<Browser> {
  const b = await launch();
  browsers.push(b);
  await b.context.clock.install({ time: plek.s.clock.now() });
  await b.page.setViewportSize({ width, height });
  await signIn(b.page, plek.url, 'anna@test.nl');
  await b.page.getByRole('link', { name: 'Reserveren' }).first().click();
  await b.page.getByTestId('space-HUB-3-001').waitFor();
  return b;
}

const codes = (b: Browser) => b.page.locator('li.space').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-testid')!.slice(6)));
const overflow = (b: Browser) => b.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
const spaceId = (code: string) => plek.db.prepare('SELECT id FROM spaces WHERE code = ?').pluck().get(code) as number;

describe('favourites', () => {
  it('"my usual" comes first (starred, then booked most), a star sticks, colleagues\' zones filter, and it all holds offline', async () => {
    plek = await hub();
    // Anna booked HUB-2-012 twice in the last weeks; Bram (her team, sharing his presence) sits in Samenwerken this morning.
    for (const d of ['2026-11-23', '2026-11-30']) bookDirectly(plek, 'anna', spaceId('HUB-2-012'), at('09:00', d), at('13:00', d));
    bookDirectly(plek, 'bram', spaceId('HUB-2-015'), at('09:00'), at('13:00'));
    const b = await anna();
    const page = b.page;
    await expect.poll(async () => (await codes(b))[0]).toBe('HUB-2-012');
    // Booked often, not starred: said as such, not as a desk assigned to her.
    await page.getByTestId('space-HUB-2-012').getByText('Vaak door jou geboekt').waitFor();
    expect(await page.getByText('Vaste plek').count()).toBe(0);

    // Star HUB-3-003: named her favourite at once, stored on the server for Anna; first once the list opens again.
    const star = page.getByRole('button', { name: 'Ster voor HUB-3-003' });
    expect(await star.getAttribute('aria-pressed')).toBe('false');
    const before = await codes(b);
    expect(before.indexOf('HUB-3-003')).toBeGreaterThan(1);
    await star.click();
    await expect.poll(() => star.getAttribute('aria-pressed')).toBe('true');
    // Shown pressed at once; stored on the server a moment later.
    await page.getByTestId('space-HUB-3-003').getByText('Favoriet', { exact: true }).waitFor();
    await expect.poll(() => plek.db.prepare('SELECT space_id FROM favourites WHERE user_id = ?').pluck().all(plek.users.anna.id)).toEqual([spaceId('HUB-3-003')]);
    await page.getByTestId('space-HUB-3-003').getByText('Opgeslagen').waitFor();
    // It stays where it was tapped while the list is open.
    expect(await codes(b)).toEqual(before);
    await page.getByRole('link', { name: 'Vandaag' }).first().click();
    await page.getByRole('link', { name: 'Reserveren' }).first().click();
    await page.getByTestId('space-HUB-3-001').waitFor();
    await expect.poll(async () => (await codes(b)).slice(0, 2)).toEqual(['HUB-3-003', 'HUB-2-012']);

    // Near a colleague: Bram's zone, one tap.
    const near = page.getByRole('button', { name: 'Bij bram · Samenwerken' });
    await near.click();
    await expect.poll(async () => (await codes(b)).every((c) => c.startsWith('HUB-2-'))).toBe(true);
    expect(await near.getAttribute('aria-pressed')).toBe('true');
    expect(await axeViolations(page)).toEqual([]);
    expect(await overflow(b)).toBeLessThanOrEqual(0);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/fav-390.png`, fullPage: true });
    await near.click();

    // Offline: the stored favourites keep the order, and a star can still be set (favourites-offline.test.ts).
    await b.context.setOffline(true);
    await page.getByRole('link', { name: 'Vandaag' }).first().click();
    await page.getByRole('link', { name: 'Reserveren' }).first().click();
    await page.getByTestId('space-HUB-3-001').waitFor();
    await expect.poll(async () => (await codes(b)).slice(0, 2)).toEqual(['HUB-3-003', 'HUB-2-012']);
    expect(await page.getByRole('button', { name: 'Ster voor HUB-3-003' }).isDisabled()).toBe(false);
    await b.context.setOffline(false);

    // The label page has the star too.
    await page.goto(`${plek.url}/s/HUB-3-002`);
    const labelStar = page.getByRole('button', { name: 'Ster voor HUB-3-002' });
    await labelStar.click();
    await expect.poll(() => labelStar.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => plek.db.prepare('SELECT count(*) FROM favourites WHERE user_id = ?').pluck().get(plek.users.anna.id)).toBe(2);
    // Confirmed beside the star here too.
    await page.getByText('Opgeslagen', { exact: true }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(await overflow(b)).toBeLessThanOrEqual(0);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/fav-label-390.png` });
  }, 120_000);

  it('English: the star and the colleague filter have no axe violations at 1440 px', async () => {
    plek = await hub();
    bookDirectly(plek, 'bram', spaceId('HUB-2-015'), at('09:00'), at('13:00'));
    const b = await anna(1440, 900);
    await b.page.goto(plek.url + '/instellingen');
    await b.page.getByRole('radio', { name: 'English' }).check();
    await b.page.getByRole('heading', { name: 'Settings' }).waitFor();
    await b.page.getByRole('link', { name: 'Reserve' }).first().click();
    await b.page.getByRole('button', { name: 'Near bram · Samenwerken' }).waitFor();
    await b.page.getByRole('button', { name: 'Star for HUB-3-001' }).click();
    await b.page.getByTestId('space-HUB-3-001').getByText('Favourite', { exact: true }).waitFor();
    await b.page.getByTestId('space-HUB-3-001').getByText('Saved', { exact: true }).waitFor();
    expect(await axeViolations(b.page)).toEqual([]);
    if (SHOTS) await b.page.screenshot({ path: `${SHOTS}/fav-1440-en.png`, fullPage: true });
  }, 120_000);
});

describe('rooms: a day timeline and a capacity filter', () => {
  it('shows free and taken quarter hours over the opening hours; a tap on a free part picks the start; "voor minstens N personen" filters', async () => {
    plek = await hub();
    bookDirectly(plek, 'bram', plek.room.id, at('10:00'), at('11:30'));
    const b = await anna(390);
    const page = b.page;
    await page.getByLabel('Soort plek').selectOption({ label: 'Vergaderruimte' });
    const line = page.getByTestId('timeline-HUB-3-M01');
    await line.waitFor();
    // Said in words (not by colour alone), and the taken part is hatched.
    await expect.poll(() => line.locator('.sr-only').textContent()).toBe('Vrij 08:30–10:00, 11:30–18:00; bezet 10:00–11:30');
    expect(await line.locator('.tl-taken').evaluate((el) => getComputedStyle(el).backgroundImage)).toContain('repeating-linear-gradient');
    expect(await page.getByTestId('timeline-HUB-3-M02').locator('.sr-only').textContent()).toBe('Vrij 08:30–18:00; bezet –');
    expect(await axeViolations(page)).toEqual([]);
    expect(await overflow(b)).toBeLessThanOrEqual(0);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/rooms-390.png`, fullPage: true });

    // A tap halfway into 11:30–18:00 (26 quarters) starts at 11:30 + 13 quarters = 14:45.
    const after = line.getByRole('button', { name: 'Vrij 11:30–18:00, kies begintijd' });
    await after.scrollIntoViewIfNeeded();
    const box = (await after.boundingBox())!;
    await page.mouse.click(box.x + box.width * (13.5 / 26), box.y + box.height / 2);
    await expect.poll(() => page.getByLabel('Van').inputValue()).toBe('14:45');
    // By keyboard: the free part's first quarter, with a length cut to fit before the taken part.
    await page.getByLabel('Duur').selectOption({ label: '180 minuten' });
    await line.getByRole('button', { name: 'Vrij 08:30–10:00, kies begintijd' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByLabel('Duur').inputValue()).toBe('90');
    expect(await page.getByLabel('Van').inputValue()).toBe('08:30');
    await page.getByRole('button', { name: 'Reserveer HUB-3-M01' }).click();
    await page.getByTestId('space-HUB-3-M01').getByText(/HUB-3-M01 is voor je gereserveerd/).waitFor();
    expect(plek.db.prepare('SELECT start_ms, end_ms FROM reservations WHERE user_id = ?').get(plek.users.anna.id)).toEqual({ start_ms: at('08:30'), end_ms: at('10:00') });
    await expect.poll(() => line.locator('.sr-only').textContent()).toBe('Vrij 11:30–18:00; bezet 08:30–11:30');

    // For at least 6 people: the small room (4) goes, the large one (8) stays.
    await page.locator('summary', { hasText: 'Filters' }).click();
    await page.getByLabel('Voor minstens (personen)').fill('6');
    await expect.poll(() => page.getByTestId('space-HUB-3-M02').count()).toBe(0);
    expect(await page.getByTestId('space-HUB-3-M01').count()).toBe(1);
    expect(await page.locator('summary').textContent()).toContain('Filters (1 aan)');
    await page.setViewportSize({ width: 320, height: 900 });
    expect(await overflow(b)).toBeLessThanOrEqual(0);
  }, 120_000);

  it('at 1440 px the timeline reads the same and passes axe', async () => {
    plek = await hub();
    bookDirectly(plek, 'bram', plek.room.id, at('13:00'), at('14:00'));
    const b = await anna(1440);
    await b.page.getByLabel('Soort plek').selectOption({ label: 'Vergaderruimte' });
    await expect.poll(() => b.page.getByTestId('timeline-HUB-3-M01').locator('.sr-only').textContent()).toBe('Vrij 08:30–13:00, 14:00–18:00; bezet 13:00–14:00');
    expect(await axeViolations(b.page)).toEqual([]);
    if (SHOTS) await b.page.screenshot({ path: `${SHOTS}/rooms-1440.png`, fullPage: true });
  }, 120_000);
});
