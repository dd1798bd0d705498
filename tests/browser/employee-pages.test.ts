/**
 * The employee app on a small phone and its hands-on findings (issue 16): no screen overflows
 * sideways at 320 or 390 px, the guests page, the manager's team page without a zone, and the
 * page a QR label opens.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toActor } from '../../server/auth/auth.service.js';
import { localDate, localToInstant } from '../../shared/time.js';
import { daysOfWeek } from '../../shared/types.js';
import { aceViolations, axeViolations, clockAt, launch, signIn, startPlek, type Browser, type Plek } from './harness.js';

let plek: Plek;
let b: Browser;
// Mid-morning on the server whenever the tests run: bookings and guests it accepts now.
const clock = clockAt('10:00');
beforeAll(async () => {
  plek = await startPlek({ clock });
  b = await launch();
});
afterAll(async () => {
  await b.close();
  await plek.stop();
});

/** Every route the app's router (pwa/App.tsx) has, as written there: `/s/` and `/receptie/badge/` are prefixes. */
function routerRoutes(): string[] {
  const app = readFileSync('pwa/App.tsx', 'utf8');
  // '/' is the Switch's fallback, the home screen.
  return ['/', ...[...app.matchAll(/<Match when=\{path\(\)(?: === |\.startsWith\()'([^']+)'/g)].map((m) => m[1]!)];
}

/** How far the page scrolls sideways, and the first elements that stick out (for the message). */
async function overflow(page: Browser['page'], width: number) {
  return page.evaluate((w) => {
    const wide = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > w + 0.5);
    return { scrollWidth: document.scrollingElement!.scrollWidth, wide: wide.slice(0, 5).map((e) => `${e.tagName.toLowerCase()}.${e.className}`) };
  }, width);
}

describe('no screen overflows sideways on a small phone', () => {
  it('every screen of the router, for an employee and for an admin (staff screens), fits 320 and 390 px', async () => {
    const start = Math.floor(clock.now() / 900_000) * 900_000;
    const booked = plek.s.reservations.create(toActor(plek.users.anna), { spaceId: plek.desks[0]!.id, start: new Date(start).toISOString(), end: new Date(start + 3_600_000).toISOString() }, null);
    const guest = plek.s.guests.create(toActor(plek.users.admin), { name: 'Sanne de Vries', organisation: 'Woonstichting Zuid', expectedAt: start + 3_600_000, locationId: plek.hub.id }, null);
    const employee: Record<string, string> = {
      '/': '/',
      '/reserveren': '/reserveren',
      '/scannen': '/scannen',
      '/s/': '/s/HUB-3-002?k=wrong',
      '/pas': '/pas',
      '/collegas': '/collegas',
      '/instellingen': '/instellingen',
      '/werkdagen': '/werkdagen',
      '/bezoekers': '/bezoekers',
      '/herhalen': '/herhalen',
      '/wijzigen': `/wijzigen?id=${booked.reservation.id}`,
    };
    const staff: Record<string, string> = {
      '/team': '/team',
      '/receptie': '/receptie',
      '/receptie/badge/': `/receptie/badge/${guest.id}`,
      '/receptie/nood': `/receptie/nood?location=${plek.hub.id}`,
      '/beheer': '/beheer',
      '/beheer/gebouwen': '/beheer/gebouwen',
      '/beheer/plattegronden': '/beheer/plattegronden',
      '/beheer/gebruikers': '/beheer/gebruikers',
      '/beheer/kiosks': '/beheer/kiosks',
      '/beheer/labels': '/beheer/labels',
      '/beheer/audit': '/beheer/audit',
      '/hr': '/hr',
    };
    // A screen added to the router without being measured here fails this test.
    expect(routerRoutes().sort()).toEqual([...Object.keys(employee), ...Object.keys(staff)].sort());

    const admin = await launch();
    try {
      await signIn(b.page, plek.url, 'anna@test.nl');
      await signIn(admin.page, plek.url, 'admin@test.nl');
      const seen: string[] = [];
      for (const width of [320, 390]) {
        for (const [who, paths] of [[b, employee], [admin, staff]] as const) {
          await who.page.setViewportSize({ width, height: 800 });
          for (const path of Object.values(paths)) {
            await who.page.goto(plek.url + path);
            await who.page.getByRole('heading', { level: 1 }).first().waitFor();
            await who.page.waitForLoadState('networkidle');
            const o = await overflow(who.page, width);
            if (o.scrollWidth > width) seen.push(`${width} px ${path}: ${o.scrollWidth} px wide (${o.wide.join(', ')})`);
          }
        }
      }
      // The sign-in screen too.
      const guestBrowser = await launch();
      try {
        await guestBrowser.page.setViewportSize({ width: 320, height: 800 });
        await guestBrowser.page.goto(plek.url + '/');
        await guestBrowser.page.getByRole('heading', { name: 'Inloggen', level: 1 }).waitFor();
        const o = await overflow(guestBrowser.page, 320);
        if (o.scrollWidth > 320) seen.push(`320 px sign-in: ${o.scrollWidth} px wide (${o.wide.join(', ')})`);
      } finally {
        await guestBrowser.close();
      }
      expect(seen).toEqual([]);
    } finally {
      await admin.close();
      await b.page.setViewportSize({ width: 412, height: 900 });
    }
  }, 240_000);
});

/** axe and IBM Equal Access both find nothing on the page as it is now. */
async function accessible(page: Browser['page'], what: string) {
  expect(await axeViolations(page), `${what}: axe`).toEqual([]);
  expect(await aceViolations(page), `${what}: IBM Equal Access`).toEqual([]);
}

describe('guests', () => {
  it('a past time is refused; the invitation is shared (copied where the phone has no share sheet); a visit is changed and cancelled where it was tapped', async () => {
    const anna = await launch();
    try {
      await anna.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: plek.url });
      await signIn(anna.page, plek.url, 'anna@test.nl');
      const page = anna.page;
      await page.goto(plek.url + '/bezoekers');
      await page.getByRole('heading', { name: 'Bezoekers', level: 1 }).waitFor();
      const today = localDate(clock.now(), 'Europe/Amsterdam');

      // 07:00 today while it is 10:00 at the server: refused, and the form says so.
      await page.getByLabel('Naam bezoeker').fill('Sanne de Vries');
      await page.getByLabel('Verwacht op').fill(today);
      await page.getByLabel('Tijd').fill('07:00');
      await page.getByRole('button', { name: 'Aanmelden' }).click();
      await page.getByText('Dat tijdstip is al voorbij.').waitFor();

      await page.getByLabel('Tijd').fill('14:00');
      await page.getByRole('button', { name: 'Aanmelden' }).click();
      const invitation = page.getByTestId('invitation');
      await invitation.getByText(/Sanne de Vries is aangemeld/).waitFor();
      const code = (await invitation.locator('.pass-code').textContent())!.trim();
      await page.setViewportSize({ width: 390, height: 900 });
      await page.screenshot({ path: '/tmp/gprobe/guests-created-390.png', fullPage: true });
      await accessible(page, 'guests after registering');

      // Headless Chromium on Linux has no share sheet: the text goes to the clipboard instead.
      await invitation.getByRole('button', { name: 'Uitnodiging delen' }).click();
      await invitation.getByText('De uitnodiging voor Sanne de Vries is gekopieerd').waitFor();
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      expect(copied).toContain(`met de code ${code}`);
      expect(copied).toContain('Welkom, Sanne de Vries! Je wordt verwacht bij Werk HUB op');

      // No organisation: no stray "· " before the day.
      const card = page.getByTestId('guest').filter({ hasText: 'Sanne de Vries' });
      expect((await card.locator('p').first().textContent())!.trim()).toMatch(new RegExp(`^\\S+ \\d+ \\S+ 14:00 · ${code}$`));

      await card.getByRole('button', { name: 'Wijzigen' }).click();
      await card.getByLabel('Organisatie').fill('Woonstichting Zuid');
      await card.getByLabel('Tijd').fill('15:30');
      await card.getByRole('button', { name: 'Opslaan' }).click();
      await card.getByText(/Bezoek gewijzigd: Sanne de Vries, .* 15:30\. De uitnodigingscode blijft dezelfde\./).waitFor();
      expect((await card.locator('p').first().textContent())!.trim()).toMatch(new RegExp(`^Woonstichting Zuid · \\S+ \\d+ \\S+ 15:30 · ${code}$`));
      expect(plek.db.prepare('SELECT organisation, invite_code FROM guests WHERE invite_code = ?').get(code)).toEqual({ organisation: 'Woonstichting Zuid', invite_code: code });

      await card.getByRole('button', { name: 'Bezoek annuleren' }).click();
      await card.getByText(/Bezoek van Sanne de Vries, .* 15:30 annuleren\? De uitnodigingscode werkt dan niet meer\./).waitFor();
      await accessible(page, 'guests asking to cancel');
      await card.getByRole('button', { name: 'Ja, annuleren' }).click();
      await page.getByText(/Bezoek van Sanne de Vries, .* 15:30 geannuleerd\./).waitFor();
      await page.getByText('Je hebt geen bezoekers aangemeld.').waitFor();
      expect(await page.getByTestId('invitation').count(), 'the void invitation is gone').toBe(0);
      expect(plek.db.prepare('SELECT count(*) FROM guests WHERE invite_code = ?').pluck().get(code)).toBe(0);
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.screenshot({ path: '/tmp/gprobe/guests-cancelled-1440.png', fullPage: true });
    } finally {
      await anna.close();
    }
  });

  it('an arrival notice says when, and "Bezoekers" in the navigation counts the unread ones until the page is opened', async () => {
    const anna = await launch();
    try {
      await signIn(anna.page, plek.url, 'anna@test.nl');
      const page = anna.page;
      await page.goto(plek.url + '/collegas');
      await page.getByRole('heading', { name: "Collega's", level: 1 }).waitFor();
      const g = plek.s.guests.create(toActor(plek.users.anna), { name: 'Piet Jansen', expectedAt: clock.now(), locationId: plek.hub.id }, null);
      plek.s.guests.checkIn(toActor(plek.users.admin), g.id, null);
      // Whether the live stream was already open or not: the app that opens next knows it too.
      await page.reload();
      const link = page.getByRole('link', { name: 'Bezoekers 1 nieuwe aankomstmeldingen' });
      await link.waitFor();
      await accessible(page, 'colleagues with an unread arrival');
      await link.click();
      await page.getByTestId('notifications').getByText(/^\d\d:\d\d: Piet Jansen is aangekomen bij Werk HUB\.$/).waitFor();
      await page.getByRole('link', { name: 'Bezoekers', exact: true }).waitFor();
      expect(await page.getByTestId('unread-count').count()).toBe(0);
      await expect.poll(() => plek.db.prepare('SELECT count(*) FROM notifications WHERE user_id = ? AND read_at IS NULL').pluck().get(plek.users.anna.id)).toBe(0);
      // Read stays read after a reload.
      await page.reload();
      await page.getByRole('heading', { name: 'Bezoekers', level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      expect(await page.getByTestId('unread-count').count()).toBe(0);
    } finally {
      await anna.close();
    }
  });
});

describe("the manager's team page", () => {
  it('a team without a zone says whom to ask instead of offering a form the server refuses; with a zone the form is there', async () => {
    const teamId = plek.db.prepare("SELECT id FROM teams WHERE name = 'Sociaal Domein'").pluck().get() as number;
    plek.s.admin.updateUser(toActor(plek.users.admin), plek.users.manager.id, { teams: ['Sociaal Domein'] }, null);
    const manager = await launch();
    try {
      await signIn(manager.page, plek.url, 'manager@test.nl');
      const page = manager.page;
      await page.goto(plek.url + '/team');
      const article = page.getByRole('article', { name: 'Sociaal Domein' });
      await article.getByTestId('no-zone').getByText('Sociaal Domein heeft nog geen teamzone, dus je kunt nog geen werkplekken voor een dag reserveren. Vraag facilitair beheer').waitFor();
      expect(await article.getByRole('button', { name: 'Reserveren' }).count()).toBe(0);
      expect(await article.getByLabel('Extra plekken vasthouden voor het team').count()).toBe(0);
      // The office days do not need a zone.
      await article.getByRole('button', { name: 'Kantoordagen opslaan' }).waitFor();
      await page.setViewportSize({ width: 390, height: 900 });
      await page.screenshot({ path: '/tmp/gprobe/team-nozone-390.png', fullPage: true });
      await accessible(page, 'team without a zone');

      plek.s.teams.update(toActor(plek.users.admin), teamId, { zoneId: plek.zone.id }, null);
      await page.reload();
      await article.getByText('Teamzone: Werk HUB, Stilte').waitFor();
      await article.getByRole('button', { name: 'Reserveren' }).waitFor();
      expect(await article.getByTestId('no-zone').count()).toBe(0);
    } finally {
      await manager.close();
    }
  });
});

describe('the page a QR label opens', () => {
  const keyOf = (id: number) => plek.db.prepare('SELECT qr_key FROM spaces WHERE id = ?').pluck().get(id) as string;

  it('says what happened and what to do next: an unknown code, a replaced label, a closed location; after check-in until when, with check-out; the wish fits the place', async () => {
    // Open every day of the week, so the walk-ups below are taken whatever day this runs.
    plek.s.admin.updatePolicy(null, plek.hub.id, { openDays: [...daysOfWeek] }, null);
    // Bram: nothing booked today, so a walk-up is within his limits.
    const bram = await launch();
    try {
      await bram.context.clock.install({ time: clock.now() });
      await signIn(bram.page, plek.url, 'bram@test.nl');
      const page = bram.page;
      const walkUp = page.getByRole('button', { name: /^Nu reserveren en inchecken/ });

      await page.goto(plek.url + '/s/HUB-9-999?k=abcdefghijkl');
      await page.getByText('Er is geen plek met de code HUB-9-999: het label is oud of de code klopt niet.').waitFor();
      await page.getByRole('link', { name: 'Naar Reserveren' }).waitFor();
      expect(await walkUp.count()).toBe(0);
      await accessible(page, 'label page, unknown code');

      const desk = plek.desks[2]!;
      const oldKey = keyOf(desk.id);
      plek.s.admin.rotateKey(toActor(plek.users.admin), desk.id, null);
      await page.goto(plek.url + `/s/HUB-3-003?k=${oldKey}`);
      await walkUp.click();
      await page.getByText('Dit label van HUB-3-003 is vervangen door een nieuw label en werkt niet meer. Scan het nieuwe label op de plek, of reserveer HUB-3-003 onder Reserveren.').waitFor();
      expect(await page.getByText('hoort niet bij je gereserveerde plek').count()).toBe(0);
      await page.getByRole('link', { name: 'Naar Reserveren' }).waitFor();

      await page.goto(plek.url + `/s/HUB-3-003?k=${keyOf(desk.id)}`);
      await walkUp.click();
      await page.getByText(/Je zit op HUB-3-003 tot \d\d:\d\d\. Fijne werkdag!$/).waitFor();
      await page.setViewportSize({ width: 390, height: 800 });
      await page.screenshot({ path: '/tmp/gprobe/label-checked-in-390.png', fullPage: true });
      await accessible(page, 'label page, checked in');
      // Opened again: still says until when, and offers check-out.
      await page.reload();
      await page.getByText(/Ingecheckt op HUB-3-003 tot \d\d:\d\d\. Fijne werkdag!$/).waitFor();
      await page.getByRole('button', { name: 'Uitchecken' }).click();
      await page.getByText('Uitgecheckt van HUB-3-003: de plek is weer vrij voor een ander.').waitFor({ timeout: 15_000 });
      expect(plek.db.prepare("SELECT count(*) FROM reservations WHERE space_id = ? AND state = 'checked_in'").pluck().get(desk.id)).toBe(0);

      await page.goto(plek.url + `/s/HUB-3-M01?k=${keyOf(plek.room.id)}`);
      await walkUp.click();
      await page.getByText(/Je zit op HUB-3-M01 tot \d\d:\d\d\. Goede vergadering!$/).waitFor();
    } finally {
      await bram.close();
    }

    // In the evening the location is closed: no "now", but the way to a next day.
    const late = await launch();
    try {
      const evening = localToInstant(localDate(clock.now(), 'Europe/Amsterdam'), '21:30', 'Europe/Amsterdam');
      await late.context.clock.install({ time: evening });
      await signIn(late.page, plek.url, 'anna@test.nl');
      await late.page.goto(plek.url + `/s/HUB-3-002?k=${keyOf(plek.desks[1]!.id)}`);
      await late.page.getByText('Je hebt hier nu geen reservering. Werk HUB is nu gesloten, dus HUB-3-002 kan nu niet worden gereserveerd. Reserveer HUB-3-002 voor een volgende werkdag onder Reserveren.').waitFor();
      expect(await late.page.getByRole('button', { name: /^Nu reserveren en inchecken/ }).count()).toBe(0);
      await late.page.getByRole('link', { name: 'Naar Reserveren' }).waitFor();
      await late.page.setViewportSize({ width: 1440, height: 900 });
      await late.page.screenshot({ path: '/tmp/gprobe/label-closed-1440.png', fullPage: true });
    } finally {
      await late.close();
    }
  });
});
