import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localToInstant } from '../../shared/time.js';
import { amsterdamDate, axeViolations, launch, signIn, startPlek, type Browser, type Plek } from './harness.js';

// Admin screens on a 1440 x 900 desktop and on a phone: the user list, the audit log, the kiosk
// list, and the desktop layout that keeps the phone's tab bar from covering content.
let plek: Plek;
let b: Browser;
const shots = process.env.PLEK_SHOTS ?? '/tmp/insight-shots';
beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  plek = await startPlek();
  b = await launch();
  await b.page.setViewportSize({ width: 1440, height: 900 });
  await signIn(b.page, plek.url, 'admin@test.nl');
});
afterAll(async () => {
  await b?.close();
  await plek?.stop();
});

async function clean(label: string) {
  await b.page.waitForLoadState('networkidle');
  const violations = await axeViolations(b.page);
  expect(violations, `${label}: ${JSON.stringify(violations)}`).toEqual([]);
  expect(b.problems.splice(0), label).toEqual([]);
}

async function shoot(name: string) {
  for (const width of [1440, 390]) {
    await b.page.setViewportSize({ width, height: width === 1440 ? 900 : 844 });
    await b.page.screenshot({ path: `${shots}/${name}-${width}.png`, fullPage: width === 390 });
    // Nothing scrolls sideways on the phone.
    if (width === 390) expect(await b.page.evaluate(() => document.documentElement.scrollWidth), name).toBeLessThanOrEqual(390);
  }
  await b.page.setViewportSize({ width: 1440, height: 900 });
}

describe('the user list', () => {
  it("shows each person's roles, teams and last sign-in, and filters by role on the server", async () => {
    await b.page.goto(plek.url + '/beheer/gebruikers');
    const list = b.page.getByTestId('users');
    await list.getByText('anna@test.nl').waitFor();
    const anna = list.locator('li', { hasText: 'anna@test.nl' });
    await expect(anna.locator('summary').textContent()).resolves.toMatch(/Medewerker.*Sociaal Domein.*Nooit aangemeld/);
    const admin = list.locator('li', { hasText: 'admin@test.nl' });
    await expect(admin.locator('summary').textContent()).resolves.toMatch(/Beheerder.*Geen team.*Laatst aangemeld \S+ \S+ \S+ \d\d:\d\d/);
    await clean('users');
    await shoot('users');

    await b.page.getByLabel('Rol').selectOption('manager');
    await b.page.getByText('1 gebruiker(s)').waitFor();
    expect(await list.locator('summary').allTextContents()).toEqual([expect.stringContaining('manager@test.nl')]);
    await clean('users by role');
  });
});

describe('the audit log', () => {
  it('an admin filters it by who and what, and sees whether the hash chain holds', async () => {
    await b.page.goto(plek.url + '/beheer/audit');
    await b.page.getByRole('heading', { name: 'Auditlog', level: 1 }).waitFor();
    await b.page.getByTestId('audit-chain').getByText('Keten in orde').waitFor();
    await b.page.getByLabel('Wie (e-mail, u:123 of system)').fill('admin@test.nl');
    await b.page.getByLabel('Actie').selectOption('auth.login');
    await b.page.getByRole('button', { name: 'Filteren' }).click();
    await b.page.getByText('1 regel(s)').waitFor();
    const rows = b.page.getByTestId('audit').locator('tbody tr');
    await expect(rows.first().textContent()).resolves.toMatch(/admin \(u:\d+\).*auth\.login.*ok/);
    await clean('audit');
    await shoot('audit');

    // Someone edits the log in the database: the viewer says so, in words.
    plek.db.prepare("UPDATE audit_log SET origin = '10.6.6.6' WHERE action = 'auth.login'").run();
    await b.page.reload();
    await b.page.getByTestId('audit-chain').getByText(/Keten verbroken bij regel \d+/).waitFor();
    await clean('audit broken');
  });
});

describe('the kiosk list', () => {
  it('flags a kiosk that has not been in contact for minutes, with its last contact time', async () => {
    const made = plek.s.kiosks.create(plek.users.admin as never, { name: 'Entree HUB', locationId: plek.hub.id }, null) as { kiosk: { id: number }; pairingCode: string };
    const paired = await fetch(`${plek.url}/api/v1/kiosk/pair`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: made.pairingCode }) });
    expect(paired.status).toBe(200);
    await b.page.goto(plek.url + '/beheer/kiosks');
    const card = b.page.getByTestId('kiosks').locator('li', { hasText: 'Entree HUB' });
    await card.getByText(/Laatst gezien \d\d:\d\d/).waitFor();
    expect(await card.getByTestId('kiosk-silent').count()).toBe(0);

    plek.db.prepare('UPDATE kiosks SET last_seen_at = ? WHERE id = ?').run(Date.now() - 12 * 60_000, made.kiosk.id);
    await b.page.reload();
    await card.getByTestId('kiosk-silent').getByText(/Geen contact sinds \d\d:\d\d \(12 min\)/).waitFor();
    await clean('kiosks');
    await shoot('kiosks');
  });
});

describe('team blocks (manager)', () => {
  it('after the hold deadline the named member still gets a desk, and the page says under its button which desks were not held and until when they could be', async () => {
    const team = plek.db.prepare("SELECT id FROM teams WHERE name = 'Sociaal Domein'").pluck().get() as number;
    plek.s.admin.updateUser(plek.users.admin as never, plek.users.manager.id, { teams: ['Sociaal Domein'] }, null);
    plek.db.prepare('UPDATE teams SET zone_id = ? WHERE id = ?').run(plek.zone.id, team);
    // Holding for tomorrow closed at midnight: the deadline is always past, whenever this runs.
    plek.s.admin.updatePolicy(null, plek.hub.id, { teamHoldReleaseTime: '00:00' }, null);
    const m = await launch();
    try {
      await m.page.setViewportSize({ width: 1440, height: 900 });
      await signIn(m.page, plek.url, 'manager@test.nl');
      await m.page.goto(plek.url + '/team');
      await m.page.getByLabel('Datum').fill(amsterdamDate(1));
      await m.page.getByRole('checkbox', { name: 'anna' }).check();
      await m.page.getByLabel('Extra plekken vasthouden voor het team').fill('2');
      await m.page.getByRole('button', { name: 'Reserveren' }).click();
      await m.page.getByText(/1 plek\(ken\) op naam gereserveerd, 0 vastgehouden\. 2 plek\(ken\) niet vastgehouden: vasthouden kon tot \S+ \S+ \S+ 00:00\./).waitFor();
      await m.page.waitForLoadState('networkidle');
      expect(await axeViolations(m.page)).toEqual([]);
      await m.page.screenshot({ path: `${shots}/team-1440.png` });
    } finally {
      await m.close();
    }
  });
});

describe('the occupancy report', () => {
  it('writes figures the Dutch way (decimal comma), says what its numbers count, and shows the evening', async () => {
    // Two Tuesdays of the last four weeks: five and six people at desks from 08:00 to 21:00.
    const tuesdays = [-1, -2, -3, -4, -5, -6, -7, -8, -9, -10, -11, -12, -13, -14].map(amsterdamDate).filter((d) => new Date(`${d}T12:00:00Z`).getUTCDay() === 2);
    const desks = Array.from({ length: 6 }, (_, i) => plek.s.admin.createSpace(null, plek.hub.id, { code: `HUB-3-1${i}`, name: `Werkplek 3.1${i}`, kind: 'desk', zoneId: plek.zone.id }, null).id);
    const people = Array.from({ length: 6 }, (_, i) => plek.s.admin.createUserWithHash(null, { email: `bezet${i}@test.nl`, name: `Bezet ${i}`, roles: ['employee'] }, 'x', null).id);
    const insert = plek.db.prepare("INSERT INTO reservations (space_id, user_id, start_ms, end_ms, state, source, created_at, checked_in_at, ended_at) VALUES (?, ?, ?, ?, 'completed', 'app', ?, ?, ?)");
    tuesdays.forEach((date, w) => {
      const start = localToInstant(date, '08:00', 'Europe/Amsterdam');
      const end = localToInstant(date, '21:00', 'Europe/Amsterdam');
      for (let i = 0; i < 5 + w; i++) insert.run(desks[i], people[i], start, end, start - 86_400_000, start + 5 * 60_000, end);
    });
    await b.page.goto(plek.url + '/beheer');
    await b.page.getByRole('heading', { name: 'Bezetting', level: 1 }).waitFor();
    const weekdays = b.page.getByTestId('weekdays');
    await weekdays.getByRole('columnheader', { name: 'Gereserveerd (gemiddeld, werkplekken)' }).waitFor();
    // 11 uses over the Tuesdays in range: an average with a fraction, written 2,8 (not 2.8).
    await expect(weekdays.locator('tr', { hasText: 'di' }).first().textContent()).resolves.toMatch(/\d,\d/);
    expect(await weekdays.textContent()).not.toMatch(/\d\.\d/);
    // 20:00 is in the hourly view now, with the same decimal comma.
    await expect(b.page.getByTestId('hours').locator('tr', { hasText: '20:00' }).textContent()).resolves.toMatch(/\d,\d/);
    await b.page.getByTestId('kinds').getByRole('columnheader', { name: 'Reserveringen (aantal in de periode)' }).waitFor();
    // Each chart has its own download; the locations side by side; the spread month by month.
    for (const part of ['weekdays', 'hours', 'spread']) expect(await b.page.getByTestId(`csv-${part}`).getAttribute('href')).toContain(`part=${part}`);
    const hub = b.page.getByTestId('compare').locator('tr', { hasText: 'Werk HUB' });
    await expect(hub.textContent()).resolves.toMatch(/Werk HUB9.*\d+%/);
    await b.page.getByTestId('months').locator('tbody tr').first().waitFor();
    await clean('occupancy');
    await shoot('occupancy');
  });
});

describe('the desktop layout', () => {
  const screens = ['/', '/reserveren', '/werkdagen', '/bezoekers', '/instellingen', '/team', '/receptie', '/beheer', '/beheer/gebouwen', '/beheer/plattegronden', '/beheer/labels', '/beheer/kiosks', '/beheer/gebruikers', '/beheer/audit', '/hr'];

  it('from 1024 px the navigation is at the side and covers nothing; every screen reaches its end', async () => {
    for (const path of screens) {
      await b.page.goto(plek.url + path);
      await b.page.getByRole('heading', { level: 1 }).first().waitFor();
      await b.page.waitForLoadState('networkidle');
      const seen = await b.page.evaluate(() => {
        const nav = document.querySelector('nav.tabs')!.getBoundingClientRect();
        const main = document.querySelector('main')!.getBoundingClientRect();
        // The last thing on the page, scrolled to the bottom of the window (instantly: the app
        // scrolls smoothly; and through any inner scroller): is it what the eye meets there?
        const last = [...document.querySelectorAll('main *')].filter((el) => el.getBoundingClientRect().height > 0 && el.checkVisibility({ visibilityProperty: true, opacityProperty: true })).pop()!;
        last.scrollIntoView({ block: 'end', behavior: 'instant' });
        const r = last.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + Math.min(10, r.width / 2), r.top + r.height / 2);
        return { what: last.outerHTML.slice(0, 120), hit: hit?.outerHTML.slice(0, 120), navRight: nav.right, navHeight: nav.height, mainLeft: main.left, lastVisible: !!hit && (last === hit || last.contains(hit) || hit.contains(last)), links: document.querySelectorAll('nav.tabs a').length };
      });
      expect(seen.navRight, path).toBeLessThanOrEqual(seen.mainLeft);
      expect(seen.navHeight, path).toBe(900);
      expect(seen.lastVisible, `${path}: the end of the page is covered: ${seen.what} under ${seen.hit}`).toBe(true);
      // Every screen of "Meer" is listed at the side: nothing hides behind a menu on a desktop.
      expect(seen.links, path).toBe(8);
    }
    await b.page.goto(plek.url + '/');
    await b.page.getByRole('heading', { level: 1 }).first().waitFor();
    await clean('home at 1440');
    await b.page.screenshot({ path: `${shots}/home-1440.png` });
    await b.page.goto(plek.url + '/beheer');
    await b.page.getByRole('heading', { level: 1 }).first().waitFor();
    await b.page.waitForLoadState('networkidle');
    await b.page.screenshot({ path: `${shots}/beheer-1440.png` });
    await b.page.goto(plek.url + '/beheer/plattegronden');
    await b.page.getByRole('heading', { level: 1 }).first().waitFor();
    await b.page.waitForLoadState('networkidle');
    await b.page.screenshot({ path: `${shots}/plans-1440.png`, fullPage: true });
    expect(b.problems.splice(0)).toEqual([]);
  });

  it('below 1024 px the tab bar stays at the bottom, with "Meer"', async () => {
    await b.page.setViewportSize({ width: 1000, height: 800 });
    await b.page.goto(plek.url + '/');
    await b.page.getByRole('heading', { level: 1 }).first().waitFor();
    const nav = await b.page.evaluate(() => document.querySelector('nav.tabs')!.getBoundingClientRect().toJSON() as DOMRect);
    expect([nav.bottom, nav.width]).toEqual([800, 1000]);
    await b.page.getByRole('button', { name: 'Meer' }).waitFor();
    await b.page.setViewportSize({ width: 1440, height: 900 });
  });

  it('the audit log and the user list in English have no violations', async () => {
    await b.page.goto(plek.url + '/instellingen');
    await b.page.getByRole('radio', { name: 'English' }).check();
    await b.page.getByRole('heading', { name: 'Settings' }).waitFor();
    for (const [path, heading] of [
      ['/beheer/audit', 'Audit log'],
      ['/beheer/gebruikers', 'Users and teams'],
      ['/beheer/kiosks', 'Kiosks'],
    ] as const) {
      await b.page.goto(plek.url + path);
      await b.page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await clean(`${path} (en)`);
    }
    await b.page.goto(plek.url + '/instellingen');
    await b.page.getByRole('radio', { name: 'Nederlands' }).check();
  });
});
