import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toActor } from '../../server/auth/auth.service.js';
import { amsterdamDate, axeViolations, cameraArgs, launch, qrCamera, signIn, startPlek, bookNow, type Browser, type Plek } from './harness.js';

let plek: Plek;
const browsers: Browser[] = [];
beforeEach(async () => {
  plek = await startPlek();
});
afterEach(async () => {
  await Promise.all(browsers.splice(0).map((b) => b.close()));
  await plek.stop();
});

async function open(args?: string[]) {
  const b = await launch({ args });
  browsers.push(b);
  return b;
}


const stateOf = (id: number) => plek.db.prepare('SELECT state FROM reservations WHERE id = ?').pluck().get(id);

describe('reserving in the app', () => {
  it('reserves a desk for tomorrow morning, shows it on home, and a second person sees it taken', async () => {
    const anna = (await open()).page;
    await signIn(anna, plek.url, 'anna@test.nl');
    await anna.getByRole('link', { name: 'Reserveren' }).click();
    await anna.getByLabel('Datum').fill(amsterdamDate(1));
    await anna.getByRole('radio', { name: 'Ochtend' }).check();
    await anna.getByRole('button', { name: 'Reserveer HUB-3-002' }).click();
    await anna.getByText('HUB-3-002 is voor je gereserveerd.').waitFor();

    await anna.getByRole('link', { name: 'Vandaag' }).click();
    const card = anna.getByTestId('reservation-HUB-3-002');
    await expect.poll(() => card.textContent()).toContain('Gereserveerd');
    expect(await card.textContent()).toContain('08:00–12:30');

    const bram = (await open()).page;
    await signIn(bram, plek.url, 'bram@test.nl');
    await bram.getByRole('link', { name: 'Reserveren' }).click();
    await bram.getByLabel('Datum').fill(amsterdamDate(1));
    const taken = bram.getByTestId('space-HUB-3-002');
    await expect.poll(() => taken.textContent()).toContain('Bezet');
    expect(await bram.getByRole('button', { name: 'Reserveer HUB-3-002' }).count()).toBe(0);
    expect(await bram.getByRole('button', { name: 'Reserveer HUB-3-001' }).count()).toBe(1);
  });
});

describe('checking in', () => {
  it('by opening the label URL, and releasing frees the space again', async () => {
    const booking = bookNow(plek, 'anna', plek.desks[0]!.id);
    const anna = (await open()).page;
    await signIn(anna, plek.url, 'anna@test.nl');
    await anna.goto(`${plek.url}/s/HUB-3-001?k=${plek.desks[0]!.key}`);
    await anna.getByText('Ingecheckt op HUB-3-001. Fijne werkdag!').waitFor();
    expect(stateOf(booking.id)).toBe('checked_in');

    await anna.getByRole('link', { name: 'Vandaag' }).first().click();
    await anna.getByRole('button', { name: 'Uitchecken HUB-3-001' }).click();
    await expect.poll(() => stateOf(booking.id)).toBe('completed');
    await expect.poll(() => anna.getByTestId('reservation-HUB-3-001').textContent()).toContain('Afgerond');

    // The label again: no reservation now, and the free space is offered.
    await anna.goto(`${plek.url}/s/HUB-3-001?k=${plek.desks[0]!.key}`);
    await anna.getByText('Je hebt hier nu geen reservering.').waitFor();
    expect(await anna.getByRole('button', { name: 'Nu reserveren en inchecken' }).count()).toBe(1);
  });

  it('through the in-app scanner with a camera showing the label QR', async () => {
    const booking = bookNow(plek, 'anna', plek.room.id);
    const camera = await qrCamera(`${plek.url}/s/HUB-3-M01?k=${plek.room.key}`);
    const anna = (await open(cameraArgs(camera))).page;
    await signIn(anna, plek.url, 'anna@test.nl');
    await anna.getByRole('link', { name: 'Scannen' }).click();
    await anna.getByRole('button', { name: 'Camera starten' }).click();
    await anna.getByText('Ingecheckt op HUB-3-M01. Fijne werkdag!').waitFor({ timeout: 45_000 });
    expect(stateOf(booking.id)).toBe('checked_in');
    expect(new URL(anna.url()).pathname).toBe('/s/HUB-3-M01');
  });

  it('a free space scanned without a reservation is reserved and checked in with one tap', async () => {
    const anna = (await open()).page;
    await signIn(anna, plek.url, 'anna@test.nl');
    await anna.goto(`${plek.url}/s/HUB-3-M01?k=${plek.room.key}`);
    await anna.getByRole('button', { name: 'Nu reserveren en inchecken' }).click();
    await anna.getByText(/Je zit op HUB-3-M01 tot \d\d:\d\d\./).waitFor();
    expect(plek.db.prepare("SELECT count(*) FROM reservations WHERE space_id = ? AND state = 'checked_in'").pluck().get(plek.room.id)).toBe(1);
  });
});

describe('installing the app', () => {
  it('has a manifest Chromium accepts for installing: Dutch name, standalone, icons 192 and 512 maskable', async () => {
    const b = await open();
    await b.page.goto(plek.url + '/');
    await b.page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    const cdp = await b.context.newCDPSession(b.page);
    const manifest = (await cdp.send('Page.getAppManifest')) as { errors: unknown[]; data?: string };
    expect(manifest.errors).toEqual([]);
    const data = JSON.parse(manifest.data!) as { name: string; display: string; lang: string; theme_color: string; icons: { sizes: string; purpose?: string }[] };
    expect(data).toMatchObject({ name: 'Plek – werkplekken en ruimtes', display: 'standalone', lang: 'nl', theme_color: '#0b4f8a' });
    expect(data.icons.map((i) => `${i.sizes} ${i.purpose ?? 'any'}`)).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);
    for (const icon of ['/icons/icon-192.png', '/icons/icon-512.png']) expect((await fetch(plek.url + icon)).headers.get('content-type')).toBe('image/png');
    const installable = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: unknown[] };
    expect(installable.installabilityErrors).toEqual([]);
  });
});

describe('work-place ticks', () => {
  it('a person ticks where they worked today; HR downloads the month as CSV', async () => {
    const anna = (await open()).page;
    await signIn(anna, plek.url, 'anna@test.nl');
    await anna.getByRole('link', { name: 'Instellingen' }).click();
    await anna.getByRole('link', { name: 'Mijn werkdagen' }).click();
    await anna.getByRole('heading', { name: 'Mijn werkdagen' }).waitFor();
    const today = amsterdamDate(0);
    const weekday = new Date(`${today}T12:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) {
      const select = anna.locator('select:not([disabled])').last();
      await select.selectOption('thuis');
      await anna.getByText('Opgeslagen.').waitFor();
      expect(plek.db.prepare('SELECT place FROM work_ticks WHERE user_id = ? AND date = ?').pluck().get(plek.users.anna.id, today)).toBe('thuis');
    }

    const hr = await open();
    await signIn(hr.page, plek.url, 'hr@test.nl');
    await hr.page.goto(`${plek.url}/hr`);
    const href = await hr.page.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
    const csv = await hr.context.request.get(plek.url + href!);
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
    const text = await csv.text();
    expect(text.split('\n')[0]).toBe('email,naam,maand,kantoor,wijk,thuis,afwezig,niet_ingevuld');
    expect(text).toContain('anna@test.nl,anna,');
  });
});

describe('QR labels', () => {
  it('facility sees the occupancy report, gets a printable sheet of QR labels, and a new key voids the old label', async () => {
    const b = await open();
    await signIn(b.page, plek.url, 'facility@test.nl');
    await b.page.getByRole('link', { name: 'Beheer' }).click();
    await b.page.getByRole('heading', { name: 'Bezetting', level: 1 }).waitFor();
    await b.page.getByTestId('weekdays').waitFor();
    // The charts are drawn (uPlot on a canvas); the spread per week is there as a table too.
    await b.page.getByTestId('chart-weekdays').locator('canvas').waitFor();
    expect(await b.page.getByTestId('weeks').locator('tbody tr').count()).toBeGreaterThanOrEqual(4);
    expect(await axeViolations(b.page)).toEqual([]);
    await b.page.getByRole('link', { name: 'QR-labels' }).click();
    await b.page.getByRole('heading', { name: 'QR-labels' }).waitFor();
    await b.page.getByRole('img', { name: 'QR-code voor HUB-3-001' }).waitFor();
    expect(await b.page.getByTestId('labels').locator('li').count()).toBe(4);
    expect(await axeViolations(b.page)).toEqual([]);
    await b.page.getByRole('button', { name: 'Nieuwe sleutel voor HUB-3-001' }).click();
    await b.page.getByText('Nieuwe sleutel voor HUB-3-001: druk het label opnieuw af.').waitFor();
    const key = plek.db.prepare('SELECT qr_key FROM spaces WHERE code = ?').pluck().get('HUB-3-001');
    expect(key).not.toBe(plek.desks[0]!.key);
  });
});

describe('spreading the week', () => {
  it('marks a day above the soft cap and suggests a quieter one, without refusing', async () => {
    plek.s.admin.updatePolicy(null, plek.hub.id, { softCapPercent: { mon: 30, tue: 30, wed: 30, thu: 30, fri: 30 } }, null);
    const anna = (await open()).page;
    await signIn(anna, plek.url, 'anna@test.nl');
    // A workday at least two days ahead, with one of the three desks taken: above a 30% cap (0 desks).
    let day = 2;
    while ([0, 6].includes(new Date(`${amsterdamDate(day)}T12:00:00Z`).getUTCDay())) day++;
    const busy = amsterdamDate(day);
    plek.s.reservations.create(toActor(plek.users.bram), { spaceId: plek.desks[1]!.id, date: busy, part: 'day' }, null);
    await anna.getByRole('link', { name: 'Reserveren' }).click();
    await anna.getByLabel('Datum').fill(busy);
    await anna.getByTestId('suggestion').getByText(/wordt het druk\. .+ is rustiger\./).waitFor();
    await anna.getByRole('button', { name: 'Reserveer HUB-3-001' }).click();
    await anna.getByText('HUB-3-001 is voor je gereserveerd.').waitFor();
  });
});
