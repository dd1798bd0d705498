import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toActor } from '../../server/auth/auth.service.js';
import { slotRefusal, walkUpInterval } from '../../shared/rules.js';
import { localToInstant } from '../../shared/time.js';
import { amsterdamDate, axeViolations, cameraArgs, clockAt, launch, qrCamera, signIn, startPlek, bookNow, type Browser, type Plek } from './harness.js';
import { daysOfWeek } from '../../shared/types.js';

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
    // The list shows the free places; the taken ones only when asked for.
    await expect.poll(() => bram.getByTestId('space-HUB-3-002').count()).toBe(0);
    await bram.getByLabel('Ook bezette plekken tonen').check();
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
    await anna.getByText(/Ingecheckt op HUB-3-001 tot \d\d:\d\d\. Fijne werkdag!/).waitFor();
    expect(stateOf(booking.id)).toBe('checked_in');

    await anna.getByRole('link', { name: 'Vandaag' }).first().click();
    await anna.getByRole('button', { name: 'Uitchecken HUB-3-001' }).click();
    // Sent after the few seconds in which it can be undone.
    await expect.poll(() => stateOf(booking.id), { timeout: 10_000 }).toBe('completed');
    await expect.poll(() => anna.getByTestId('reservation-HUB-3-001').textContent()).toContain('Afgerond');

    // The label again: no reservation now, and the free space is offered.
    await anna.goto(`${plek.url}/s/HUB-3-001?k=${plek.desks[0]!.key}`);
    await anna.getByText('Je hebt hier nu geen reservering.').waitFor();
    // Offered while the location takes a walk-up now; at night or on a closed day it is not.
    const hub = plek.s.catalogue.location(plek.hub.id);
    const now = walkUpInterval('desk', hub.policy, hub.timezone, Date.now());
    const openNow = now !== null && slotRefusal(now, hub.policy, hub.timezone, false) === null;
    expect(await anna.getByRole('button', { name: 'Nu reserveren en inchecken' }).count()).toBe(openNow ? 1 : 0);
  });

  it('through the in-app scanner with a camera showing the label QR', async () => {
    const booking = bookNow(plek, 'anna', plek.room.id);
    const camera = await qrCamera(`${plek.url}/s/HUB-3-M01?k=${plek.room.key}`);
    const anna = (await open(cameraArgs(camera))).page;
    await signIn(anna, plek.url, 'anna@test.nl');
    await anna.getByRole('link', { name: 'Scannen' }).click();
    await anna.getByRole('button', { name: 'Camera starten' }).click();
    await anna.getByText(/Ingecheckt op HUB-3-M01 tot \d\d:\d\d\. Goede vergadering!/).waitFor({ timeout: 45_000 });
    expect(stateOf(booking.id)).toBe('checked_in');
    expect(new URL(anna.url()).pathname).toBe('/s/HUB-3-M01');
  });

  it('a free space scanned without a reservation is reserved and checked in with one tap', async () => {
    // Mid-morning on an open day, for the server and the phone: a walk-up is offered only then.
    await plek.stop();
    plek = await startPlek({ clock: clockAt('10:00') });
    plek.s.admin.updatePolicy(null, plek.hub.id, { openDays: [...daysOfWeek] }, null);
    const b = await open();
    await b.context.clock.install({ time: plek.s.clock.now() });
    const anna = b.page;
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
    // As Dutch Excel opens it: a BOM, then ";" and CRLF.
    const bytes = await csv.body();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toBe('e-mail;naam;maand;kantoor;wijk;thuis;afwezig;niet ingevuld');
    expect(text).toContain('\r\nanna@test.nl;anna;');
  });
});

describe('QR labels', () => {
  it('facility sees the occupancy report, gets a printable sheet of QR labels, and a new key voids the old label', async () => {
    const b = await open();
    await signIn(b.page, plek.url, 'facility@test.nl');
    await b.page.getByRole('link', { name: 'Beheer' }).click();
    await b.page.getByRole('heading', { name: 'Bezetting', level: 1 }).waitFor();
    // Nobody used the hub in the last four weeks: said once, instead of tables of hidden figures, and no chart.
    await b.page.getByText('Geen reserveringen in deze periode.').waitFor();
    expect(await b.page.getByTestId('hours').count()).toBe(0);
    expect(await b.page.getByTestId('chart-weekdays').count()).toBe(0);
    expect(await axeViolations(b.page)).toEqual([]);
    await b.page.getByRole('link', { name: 'QR-labels' }).click();
    await b.page.getByRole('heading', { name: 'QR-labels' }).waitFor();
    await b.page.getByRole('img', { name: 'QR-code voor HUB-3-001' }).waitFor();
    expect(await b.page.getByTestId('labels').locator('li').count()).toBe(4);
    expect(await axeViolations(b.page)).toEqual([]);
    await b.page.getByRole('button', { name: 'Nieuwe sleutel voor HUB-3-001' }).click();
    await b.page.getByRole('button', { name: 'Ja, nieuwe sleutel voor HUB-3-001' }).click();
    await b.page.getByText('Nieuwe sleutel voor HUB-3-001: druk het label opnieuw af.').waitFor();
    const key = plek.db.prepare('SELECT qr_key FROM spaces WHERE code = ?').pluck().get('HUB-3-001');
    expect(key).not.toBe(plek.desks[0]!.key);
  });
});

describe('occupancy report', () => {
  it('shows "< 5 personen" for every figure from fewer than five people, and the figures five or more made', async () => {
    // A neighbourhood office with six desks. One workday in the last four weeks six people
    // worked there; on another, two (one of them never came). Written straight into the
    // database: the server's clock is the real one, and these days are past.
    const wijk = plek.s.admin.createLocation(null, { name: 'Wijksteunpunt Oost', kind: 'wijk' }, null);
    // Open on public holidays, as startPlek keeps the hub: the report leaves out a holiday a
    // location is closed on, and the days below are counted on the real calendar.
    plek.s.admin.updatePolicy(null, wijk.id, { closedOnHolidays: false }, null);
    const desks = Array.from({ length: 6 }, (_, i) => plek.s.admin.createSpace(null, wijk.id, { code: `WO-00${i + 1}`, name: `Werkplek ${i + 1}`, kind: 'desk' }, null));
    const workdays: string[] = [];
    for (let back = 2; workdays.length < 2; back++) if (![0, 6].includes(new Date(`${amsterdamDate(-back)}T12:00:00Z`).getUTCDay())) workdays.push(amsterdamDate(-back));
    const [busy, quiet] = workdays as [string, string];
    const insert = plek.db.prepare('INSERT INTO reservations (space_id, user_id, start_ms, end_ms, state, created_at, checked_in_at, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    const at = (date: string, time: string) => localToInstant(date, time, 'Europe/Amsterdam');
    let n = 0;
    const day = (date: string, people: number, noShows = 0) => {
      for (let i = 0; i < people; i++) {
        const user = plek.s.admin.createUserWithHash(null, { email: `wijk${++n}@test.nl`, name: `wijk${n}`, roles: ['employee'] }, 'x', null);
        const show = i >= noShows;
        insert.run(desks[i]!.id, user.id, at(date, '08:00'), at(date, '17:00'), show ? 'completed' : 'no_show', at(date, '07:00'), show ? at(date, '08:10') : null, show ? at(date, '17:00') : at(date, '08:30'));
      }
    };
    day(busy, 6);
    day(quiet, 2, 1);
    // Two rooms: five people met in the meeting room that day (one hour each, the first of them
    // half an hour late), two in the phone booth.
    const room = (code: string, name: string, kind: 'meeting' | 'call') => plek.s.admin.createSpace(null, wijk.id, { code, name, kind }, null);
    const meetingRoom = room('WO-V1', 'Vergaderzaal', 'meeting');
    const booth = room('WO-B1', 'Belcel', 'call');
    const meet = (space: { id: number }, hour: number, late = 0) => {
      const user = plek.s.admin.createUserWithHash(null, { email: `wijk${++n}@test.nl`, name: `wijk${n}`, roles: ['employee'] }, 'x', null);
      const start = at(busy, `${String(hour).padStart(2, '0')}:00`);
      insert.run(space.id, user.id, start, start + 3_600_000, 'completed', start - 3_600_000, start + late * 60_000, start + 3_600_000);
    };
    [9, 10, 11, 13, 14].forEach((hour, i) => meet(meetingRoom, hour, i === 0 ? 30 : 0));
    [9, 10].forEach((hour) => meet(booth, hour));

    const b = await open();
    await signIn(b.page, plek.url, 'facility@test.nl');
    await b.page.getByRole('link', { name: 'Beheer' }).click();
    await b.page.getByRole('heading', { name: 'Bezetting', level: 1 }).waitFor();
    // The report's own location choice (the comparison table below names every location too).
    await b.page.getByRole('combobox', { name: 'Locatie', exact: true }).selectOption({ label: 'Wijksteunpunt Oost' });
    const peak = b.page.getByTestId('peak');
    await expect.poll(() => peak.textContent()).toMatch(/^Drukste dag: .+ \(6 ingecheckt\)$/);
    expect(await b.page.getByTestId('trough').textContent()).toBe('Rustigste dag: niet getoond (minder dan 5 personen)');
    expect(await b.page.getByTestId('no-show').textContent()).toBe('No-shows: 6,7%'); // 1 of 15 uses (desks and rooms), with the Dutch decimal comma
    expect(await b.page.getByTestId('too-few-hint').textContent()).toBe('Cijfers van minder dan 5 personen worden niet getoond, zodat niemand herkenbaar is. Daar staat "< 5 personen".');
    // Six desks for the seven people who checked in at one (six that day, one of the other two).
    expect(await b.page.getByTestId('flex').textContent()).toBe('Flexratio: 0,86 werkplekken per persoon die er werkte (6 werkplekken, 7 personen ingecheckt in deze periode)');
    // A hidden figure says why, short on screen and in words for a screen reader ("<" may go unread).
    const few = '< 5 personenminder dan 5 personen, niet getoond';

    // The busy day's weekday has figures; the quiet day's weekday (two people) has none.
    const weekday = (date: string) => ['ma', 'di', 'wo', 'do', 'vr'][new Date(`${date}T12:00:00Z`).getUTCDay() - 1]!;
    const row = (date: string) => b.page.getByTestId('weekdays').locator('tbody tr').filter({ has: b.page.getByRole('rowheader', { name: weekday(date), exact: true }) });
    expect(await row(busy).locator('td').allTextContents()).not.toContain(few);
    if (weekday(quiet) !== weekday(busy)) expect((await row(quiet).locator('td').allTextContents()).slice(0, 2)).toEqual([few, few]);
    // Per hour: 08:00 to 16:00 are the six people's; 07:00 and the evening up to 22:00 nobody's.
    const hours = await b.page.getByTestId('hours').locator('tbody tr').allTextContents();
    expect(hours[0]).toBe(`07:00${few}`);
    expect(hours[1]).toMatch(/^08:00\d/);
    expect(hours.at(-1)).toBe(`22:00${few}`);
    await b.page.getByTestId('chart-weekdays').locator('canvas').waitFor();
    expect(await b.page.getByTestId('zones').textContent()).toContain('Zonder zone');

    // Peak occupancy: the most desks at once on each day, beside the desks; the busy day's six
    // at 08:30, the quiet day's two hidden; the rooms never had five people at once.
    expect(await b.page.getByTestId('peak-desks').textContent()).toMatch(/^Hoogste bezetting: 6 van 6 werkplekken tegelijk, op .+ om 08:30$/);
    expect(await b.page.getByTestId('peak-rooms').textContent()).toBe('Hoogste bezetting ruimtes: niet getoond (minder dan 5 personen)');
    const peaks = b.page.getByTestId('peaks');
    await peaks.getByRole('columnheader', { name: 'Werkplekken tegelijk (van 6)' }).waitFor();
    await peaks.getByRole('columnheader', { name: 'Ruimtes tegelijk (van 2)' }).waitFor();
    const rangeDays: string[] = [];
    // The last four weeks up to yesterday (today has no figures yet).
    for (let back = 28; back >= 1; back--) if (![0, 6].includes(new Date(`${amsterdamDate(-back)}T12:00:00Z`).getUTCDay())) rangeDays.push(amsterdamDate(-back));
    // A month's days stand open under their summary (a year's would be folded).
    expect(await b.page.getByText(`Per werkdag (${rangeDays.length} dagen)`).isVisible()).toBe(true);
    const peakRow = (date: string) => peaks.locator('tbody tr').nth(rangeDays.indexOf(date)).locator('td').allTextContents();
    expect(await peakRow(busy)).toEqual(['6 om 08:30', few]);
    expect(await peakRow(quiet)).toEqual([few, few]);
    expect(await peaks.locator('tbody th').last().textContent()).toBe(await b.page.evaluate((d) => new Intl.DateTimeFormat('nl-NL', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${d}T12:00:00Z`)), rangeDays.at(-1)!));
    await b.page.getByTestId('chart-peaks').locator('canvas').waitFor();

    // Use per room, most used first: the meeting room's figures (4,5 hours checked in, with the
    // decimal comma), the phone booth's two people hidden.
    const rooms = b.page.getByTestId('rooms');
    await rooms.getByRole('columnheader', { name: 'Uren gebruikt (ingecheckt)' }).waitFor();
    const roomRows = rooms.locator('tbody tr');
    expect(await roomRows.locator('th').allTextContents()).toEqual(['WO-V1 Vergaderzaal', 'WO-B1 Belcel']);
    expect(await roomRows.nth(0).locator('td').allTextContents()).toEqual(['Vergaderruimte', '5', '5', '4,5', '0', '0%']);
    expect(await roomRows.nth(1).locator('td').allTextContents()).toEqual(['Belcel', ...Array(5).fill(few)]);
    for (const part of ['peaks', 'rooms']) expect(await b.page.getByTestId(`csv-${part}`).getAttribute('href')).toContain(`part=${part}`);
    // The comparison downloads as a file of its own, named for it: one row per location, its columns those of the table.
    const compareHref = await b.page.getByRole('link', { name: 'Download CSV: Locaties naast elkaar' }).getAttribute('href');
    expect(compareHref).toContain('part=compare');
    const compareCsv = (await (await b.context.request.get(plek.url + compareHref!)).body()).subarray(3).toString('utf8').split('\r\n');
    expect(compareCsv[0]).toBe('locatie;werkplekken;maandag (% ingecheckt);dinsdag (% ingecheckt);woensdag (% ingecheckt);donderdag (% ingecheckt);vrijdag (% ingecheckt);no-show %');
    expect(compareCsv.filter((line) => line !== '').length).toBe(1 + (await b.page.getByTestId('compare').locator('tbody tr').count()));
    expect(await b.page.getByRole('link', { name: 'Download CSV: het hele rapport' }).getAttribute('href')).not.toContain('part=');
    expect(await axeViolations(b.page)).toEqual([]);

    // How it reads on a phone and on a desktop screen. On a phone each room is a card, its hours
    // booked and used on the screen without scrolling sideways (so its box is no tab stop either).
    const roomBox = b.page.getByRole('region', { name: 'Gebruik per ruimte' });
    for (const width of [320, 390, 1440]) {
      await b.page.setViewportSize({ width, height: 900 });
      await expect.poll(() => roomBox.getAttribute('tabindex')).toBe(null);
      for (const cell of [3, 4]) {
        const box = (await roomRows.nth(0).locator('td').nth(cell).boundingBox())!;
        expect(box.x + box.width).toBeLessThanOrEqual(width);
      }
      expect(await b.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      // Whole words in the kind, zone and room tables: no word's letters stand on two lines ("Focusrui|mte").
      for (const id of ['kinds', 'zones', 'rooms'])
        expect(
          await b.page.getByTestId(id).locator('tbody th, tbody td').evaluateAll((cells) =>
            cells.flatMap((cell) => {
              const split: string[] = [];
              const walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
              for (let node = walk.nextNode(); node; node = walk.nextNode()) {
                if ((node.parentElement as HTMLElement).closest('.sr-only')) continue;
                for (const m of node.textContent!.matchAll(/\S+/g)) {
                  const range = document.createRange();
                  range.setStart(node, m.index);
                  range.setEnd(node, m.index + m[0].length);
                  if (new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1) split.push(m[0]);
                }
              }
              return split;
            }),
          ),
        ).toEqual([]);
      if (width !== 320) {
        await b.page.screenshot({ path: `/tmp/occupancy-${width}.png`, fullPage: true });
        for (const id of ['rooms', 'kinds', 'hours', 'weekdays', 'peaks', 'weeks']) await b.page.getByTestId(id).screenshot({ path: `/tmp/occupancy-${id}-${width}.png` });
        await b.page.evaluate(() => window.scrollTo(0, 0));
        await b.page.screenshot({ path: `/tmp/occupancy-top-${width}.png` });
      }
    }
    expect(await axeViolations(b.page)).toEqual([]);

    // Another range: the charts are drawn again with its days (not only the tables), and the
    // range stands in the address, so a reload (or a bookmark) keeps it.
    const chartPeaks = b.page.getByTestId('chart-peaks');
    expect(await chartPeaks.getAttribute('data-points')).toBe(String(rangeDays.length));
    const twoWeeks = rangeDays.filter((d) => d >= amsterdamDate(-14));
    await b.page.getByLabel('Van').fill(amsterdamDate(-14));
    await expect.poll(() => chartPeaks.getAttribute('data-points')).toBe(String(twoWeeks.length));
    expect(await b.page.getByText(`Per werkdag (${twoWeeks.length} dagen)`).isVisible()).toBe(true);
    const label = (d: string) => new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${d}T12:00:00Z`));
    expect(await chartPeaks.getAttribute('data-x-first')).toBe(label(twoWeeks[0]!));
    expect(new URL(b.page.url()).searchParams.get('van')).toBe(amsterdamDate(-14));
    await b.page.reload();
    await expect.poll(() => b.page.getByTestId('chart-peaks').getAttribute('data-points')).toBe(String(twoWeeks.length));
    expect(await b.page.getByLabel('Van').inputValue()).toBe(amsterdamDate(-14));
    expect(await b.page.getByRole('combobox', { name: 'Locatie', exact: true }).locator('option:checked').textContent()).toBe('Wijksteunpunt Oost');
    // A year: its days carry their year, "1 dec" alone would be ambiguous.
    await b.page.getByLabel('Van').fill(amsterdamDate(-365));
    await expect.poll(() => peaks.locator('tbody th').first().textContent()).toMatch(/ \d{4}$/);
    await b.page.getByTestId('chart-peaks').screenshot({ path: '/tmp/occupancy-year-chart.png' });

    // In English, opened from a bookmarked address: the same range and location, the words English.
    const bookmark = b.page.url();
    await b.page.goto(plek.url + '/instellingen');
    await b.page.getByRole('radio', { name: 'English' }).check();
    await b.page.getByRole('heading', { name: 'Settings' }).waitFor();
    await b.page.goto(bookmark);
    await expect.poll(() => b.page.getByTestId('flex').textContent()).toBe('Flex ratio: 0.86 desks per person who worked here (6 desks, 7 people checked in during this period)');
    expect(await b.page.getByTestId('peak-rooms').textContent()).toBe('Highest room occupancy: not shown (fewer than 5 people)');
    expect(await b.page.getByTestId('rooms').locator('tbody tr').nth(1).locator('td').nth(1).textContent()).toBe('< 5 peoplefewer than 5 people, not shown');
    expect(await b.page.getByLabel('From').inputValue()).toBe(amsterdamDate(-365));
    expect(await axeViolations(b.page)).toEqual([]);
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
