/**
 * Reception and facility, hands-on findings (issue 17): a second guest registered in a row, the
 * reception screen (words that cannot be confused, the host searched as you type, the emergency
 * list on paper and as a roll call on a tablet), and the QR label sheet.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toActor } from '../../server/auth/auth.service.js';
import { amsterdamDate, axeViolations, bookDirectly, clockAt, launch, signIn, startPlek, type Browser, type Plek } from './harness.js';

const shots = process.env.PLEK_SCREENSHOTS;
let plek: Plek;
const browsers: Browser[] = [];
// Visits are proposed and guests arrive during office hours, whenever CI runs this.
const clock = clockAt('10:00');
beforeEach(async () => {
  plek = await startPlek({ clock });
});
afterEach(async () => {
  const problems = browsers.flatMap((b) => b.problems);
  await Promise.all(browsers.splice(0).map((b) => b.close()));
  await plek.stop();
  expect(problems).toEqual([]);
});

async function open() {
  const b = await launch();
  browsers.push(b);
  return b;
}

/** Counts from now on how often `selector` leaves the page (a Suspense fallback in its place). */
async function watchLeaving(b: Browser, selector: string) {
  await b.page.evaluate((sel) => {
    const w = window as unknown as { left: number };
    w.left = 0;
    new MutationObserver(() => {
      if (!document.querySelector(sel)) w.left++;
    }).observe(document.body, { childList: true, subtree: true });
  }, selector);
}
const timesLeft = (b: Browser) => b.page.evaluate(() => (window as unknown as { left: number }).left);

async function toEnglish(b: Browser) {
  await b.page.goto(plek.url + '/instellingen');
  await b.page.getByRole('radio', { name: 'English' }).check();
  await b.page.getByRole('heading', { name: 'Settings' }).waitFor();
}

describe('guests registered one after another', () => {
  it('the second guest is registered without re-entering the date: the form proposes it again', async () => {
    const b = await open();
    await signIn(b.page, plek.url, 'anna@test.nl');
    await b.page.goto(plek.url + '/bezoekers');
    await b.page.getByRole('heading', { name: 'Bezoekers', level: 1 }).waitFor();
    const date = b.page.getByLabel('Verwacht op');
    const proposed = await date.inputValue();
    expect(proposed).not.toBe('');
    for (const name of ['Sanne de Vries', 'Piet Jansen']) {
      await b.page.getByLabel('Naam bezoeker').fill(name);
      await b.page.getByRole('button', { name: 'Aanmelden' }).click();
      await b.page.getByTestId('invitation').getByText(new RegExp(`${name} is aangemeld`)).waitFor();
      expect(await date.inputValue()).toBe(proposed);
      expect(await b.page.getByLabel('Tijd').inputValue()).toMatch(/^\d\d:\d\d$/);
    }
    expect(plek.db.prepare('SELECT name FROM guests ORDER BY id').pluck().all()).toEqual(['Sanne de Vries', 'Piet Jansen']);
  });
});

describe('reception', () => {
  it('registers a walk-in with a host searched as you type, and records arrival and departure in words that cannot be confused', async () => {
    for (let i = 1; i <= 60; i++) plek.s.admin.createUserWithHash(null, { email: `m${i}@test.nl`, name: `Medewerker ${String(i).padStart(2, '0')}`, roles: ['employee'] }, 'x', null);
    plek.s.admin.createUserWithHash(null, { email: 'jansen@test.nl', name: 'Pieter Jansen', roles: ['employee'] }, 'x', null);
    const expected = plek.s.guests.create(toActor(plek.users.anna), { name: 'Sanne de Vries', organisation: 'Woonstichting Zuid', expectedAt: clock.now() + 3_600_000, locationId: plek.hub.id }, null);
    const b = await open();
    await signIn(b.page, plek.url, 'reception@test.nl');
    await b.page.goto(plek.url + '/receptie');
    await b.page.getByRole('heading', { name: 'Receptie', level: 1 }).waitFor();
    // Nothing on the screen reads "Aanmelden" or "Afmelden" any more.
    await b.page.getByRole('button', { name: 'Aankomst registreren: Sanne de Vries' }).waitFor();
    expect(await b.page.getByRole('button', { name: /^(Aanmelden|Afmelden)/ }).count()).toBe(0);

    // Without a host chosen the form says so beside the field, in Dutch: no browser bubble.
    await b.page.getByLabel('Naam bezoeker').fill('Karel Bouwman');
    await b.page.getByRole('button', { name: 'Nieuwe bezoeker inschrijven' }).click();
    await b.page.getByText('Kies een gastheer of gastvrouw uit de lijst.').waitFor();

    const host = b.page.getByRole('combobox', { name: 'Gastheer/gastvrouw' });
    await host.fill('medew');
    const options = b.page.getByRole('listbox', { name: 'Gastheer/gastvrouw' }).getByRole('option');
    await expect.poll(() => options.count()).toBe(20);
    await b.page.getByText('Meer dan 20 gevonden: typ verder.').waitFor();
    expect(await host.getAttribute('aria-expanded')).toBe('true');
    await host.fill('jans');
    await expect.poll(() => options.allTextContents()).toEqual(['Pieter Jansen']);
    if (shots) {
      await b.page.setViewportSize({ width: 1440, height: 900 });
      await b.page.screenshot({ path: `${shots}/reception-host-1440.png`, fullPage: true });
    }
    expect(await axeViolations(b.page)).toEqual([]);
    await host.press('ArrowDown');
    await host.press('Enter');
    await b.page.getByText('Gekozen: Pieter Jansen').waitFor();
    await b.page.getByRole('button', { name: 'Nieuwe bezoeker inschrijven' }).click();
    await b.page.getByText('Karel Bouwman is ingeschreven en aanwezig; Pieter Jansen krijgt bericht.').waitFor();
    expect(plek.db.prepare("SELECT u.name FROM guests g JOIN users u ON u.id = g.host_id WHERE g.name = 'Karel Bouwman'").pluck().get()).toBe('Pieter Jansen');

    await b.page.getByRole('button', { name: 'Aankomst registreren: Sanne de Vries' }).click();
    await b.page.getByTestId('present').getByText(/Sanne de Vries is aangekomen om \d\d:\d\d\./).waitFor();
    await b.page.getByRole('button', { name: 'Vertrek registreren: Sanne de Vries' }).click();
    await b.page.getByTestId('left').getByText(/Sanne de Vries is vertrokken om \d\d:\d\d\./).waitFor();
    expect(plek.db.prepare('SELECT left_at IS NOT NULL FROM guests WHERE id = ?').pluck().get(expected.id)).toBe(1);
    if (shots) {
      await b.page.screenshot({ path: `${shots}/reception-1440.png`, fullPage: true });
      await b.page.setViewportSize({ width: 390, height: 844 });
      await b.page.screenshot({ path: `${shots}/reception-390.png`, fullPage: true });
    }
    await b.page.setViewportSize({ width: 390, height: 844 }); // with or without screenshots
    expect(await b.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await axeViolations(b.page)).toEqual([]);

    await toEnglish(b);
    await b.page.goto(plek.url + '/receptie');
    await b.page.getByRole('heading', { name: 'Reception', level: 1 }).waitFor();
    await b.page.getByLabel('Visitor name').fill('Jan Smit');
    await b.page.getByRole('button', { name: 'Register new visitor' }).click();
    await b.page.getByText('Choose a host from the list.').waitFor();
    await b.page.waitForLoadState('networkidle');
    expect(await axeViolations(b.page)).toEqual([]);
  });

  it('prints the emergency list with date, location, host and a roll-call column, and takes the roll call on a tablet', async () => {
    const start = Math.floor((clock.now() - 5 * 60_000) / 60_000) * 60_000;
    const booking = bookDirectly(plek, 'bram', plek.desks[1]!.id, start, start + 3_600_000);
    plek.db.prepare("UPDATE reservations SET state = 'checked_in', checked_in_at = ? WHERE id = ?").run(start, booking.id);
    const walkIn = plek.s.guests.walkIn(toActor(plek.users.reception), { name: 'Karel Bouwman', organisation: 'Aannemer Noord', locationId: plek.hub.id, hostId: plek.users.anna.id }, null);
    expect(walkIn.state).toBe('present');
    const b = await open();
    await signIn(b.page, plek.url, 'reception@test.nl');
    await b.page.setViewportSize({ width: 1440, height: 900 });
    await b.page.goto(`${plek.url}/receptie/nood?location=${plek.hub.id}`);
    await b.page.getByRole('heading', { name: 'Noodlijst Werk HUB', level: 1 }).waitFor();
    const day = new Intl.DateTimeFormat('nl-NL', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${amsterdamDate()}T12:00:00Z`));
    await b.page.getByText(new RegExp(`^Stand van ${day} om \\d\\d:\\d\\d$`)).waitFor();
    const guests = b.page.getByRole('table', { name: 'Bezoekers in het gebouw' });
    expect(await guests.getByRole('columnheader').allTextContents()).toEqual(['Naam', 'Organisatie', 'Gastheer/gastvrouw', 'Aanwezig bij appel']);
    expect(await guests.getByRole('row', { name: /Karel Bouwman Aannemer Noord anna/ }).count()).toBe(1);
    expect(await b.page.getByRole('row', { name: /bram HUB-3-002/ }).count()).toBe(1);
    expect(await axeViolations(b.page)).toEqual([]);

    // On paper: one A4 page, and its text holds what a warden needs at the assembly point.
    await b.page.emulateMedia({ media: 'print' });
    const pdf = await b.page.pdf({ format: 'A4', printBackground: false });
    if (shots) {
      const { writeFileSync } = await import('node:fs');
      writeFileSync(`${shots}/emergency.pdf`, pdf);
      await b.page.screenshot({ path: `${shots}/emergency-print-1440.png`, fullPage: true });
    }
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
    expect(await b.page.getByRole('button', { name: 'Afdrukken' }).isVisible()).toBe(false);
    await b.page.emulateMedia({ media: 'screen' });

    // A tablet at the assembly point: tap who is safe; the marks stay after a reload.
    await b.page.setViewportSize({ width: 820, height: 1180 });
    await b.page.getByRole('button', { name: 'Appel afnemen' }).click();
    const roll = b.page.getByTestId('roll-call');
    const karel = roll.getByRole('button', { name: /Karel Bouwman/ });
    await karel.click();
    expect(await karel.getAttribute('aria-pressed')).toBe('true');
    await b.page.getByText('1 van 2 veilig; 1 nog niet gezien.').waitFor();
    expect(await axeViolations(b.page)).toEqual([]);
    if (shots) await b.page.screenshot({ path: `${shots}/roll-call-820.png`, fullPage: true });
    await b.page.goto(`${plek.url}/receptie/nood?location=${plek.hub.id}&appel=1`);
    await roll.getByRole('button', { name: /Karel Bouwman/ }).waitFor();
    expect(await roll.getByRole('button', { name: /Karel Bouwman/ }).getAttribute('aria-pressed')).toBe('true');
    await roll.getByRole('button', { name: /bram/ }).click();
    await b.page.getByText('2 van 2 veilig; 0 nog niet gezien.').waitFor();
    await b.page.setViewportSize({ width: 390, height: 844 });
    if (shots) await b.page.screenshot({ path: `${shots}/roll-call-390.png`, fullPage: true });
    await b.page.setViewportSize({ width: 390, height: 844 }); // with or without screenshots
    expect(await b.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});

describe('QR labels', () => {
  it('each label names the location and says to scan to check in; a new key is asked first and says the old label stops working', async () => {
    const b = await open();
    await signIn(b.page, plek.url, 'facility@test.nl');
    await b.page.setViewportSize({ width: 1440, height: 900 });
    await b.page.goto(`${plek.url}/beheer/labels`);
    await b.page.getByRole('img', { name: 'QR-code voor HUB-3-001' }).waitFor();
    const label = b.page.getByTestId('labels').locator('li', { hasText: 'HUB-3-001' });
    expect(await label.innerText()).toMatch(/HUB-3-001\s+Werkplek 3\.01\s+Werk HUB\s+Scan om in te checken/);
    const before = plek.db.prepare("SELECT qr_key FROM spaces WHERE code = 'HUB-3-001'").pluck().get();

    await label.getByRole('button', { name: 'Nieuwe sleutel voor HUB-3-001' }).click();
    await label.getByText('Het huidige label van HUB-3-001 werkt daarna niet meer').waitFor();
    expect(await axeViolations(b.page)).toEqual([]);
    if (shots) await b.page.screenshot({ path: `${shots}/labels-confirm-1440.png` });
    await label.getByRole('button', { name: 'Annuleren' }).click();
    expect(plek.db.prepare("SELECT qr_key FROM spaces WHERE code = 'HUB-3-001'").pluck().get()).toBe(before);
    await label.getByRole('button', { name: 'Nieuwe sleutel voor HUB-3-001' }).click();
    await label.getByRole('button', { name: 'Ja, nieuwe sleutel voor HUB-3-001' }).click();
    await b.page.getByText('Nieuwe sleutel voor HUB-3-001: druk het label opnieuw af.').waitFor();
    expect(plek.db.prepare("SELECT qr_key FROM spaces WHERE code = 'HUB-3-001'").pluck().get()).not.toBe(before);

    await b.page.emulateMedia({ media: 'print' });
    const pdf = await b.page.pdf({ format: 'A4' });
    if (shots) {
      const { writeFileSync } = await import('node:fs');
      writeFileSync(`${shots}/labels.pdf`, pdf);
      await b.page.screenshot({ path: `${shots}/labels-print-1440.png`, fullPage: true });
    }
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
    await b.page.emulateMedia({ media: 'screen' });
    await b.page.setViewportSize({ width: 390, height: 844 });
    if (shots) await b.page.screenshot({ path: `${shots}/labels-390.png`, fullPage: true });
    await b.page.setViewportSize({ width: 390, height: 844 }); // with or without screenshots
    expect(await b.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await toEnglish(b);
    await b.page.goto(`${plek.url}/beheer/labels`);
    await b.page.getByText('Scan to check in').first().waitFor();
    await b.page.getByRole('button', { name: 'New key for HUB-3-002' }).click();
    await b.page.getByText('The current label of HUB-3-002 then stops working').waitFor();
    expect(await axeViolations(b.page)).toEqual([]);
  });
});

describe('the policy form and the buildings page', () => {
  it('shows each value in a readable field, says a refused value beside its field in the person\'s language, and the outcome beside the button', async () => {
    const b = await open();
    await signIn(b.page, plek.url, 'facility@test.nl');
    await b.page.setViewportSize({ width: 1440, height: 900 });
    await b.page.goto(`${plek.url}/beheer/gebouwen`);
    await b.page.getByText('Regels van deze locatie').click();
    const policy = b.page.getByTestId('policy');
    // Every number and time field is wide enough to read "1440" or "12:30".
    for (const field of [policy.getByLabel('Werkplek', { exact: true }), policy.getByLabel('Vergaderruimte', { exact: true }), policy.getByLabel('Ochtend: begin'), policy.getByLabel('Middag: einde'), policy.getByRole('spinbutton', { name: 'woensdag' })]) {
      expect((await field.boundingBox())!.width).toBeGreaterThanOrEqual(100);
    }
    expect(await policy.getByLabel('Werkplek', { exact: true }).inputValue()).toBe('30');

    await policy.getByLabel('Werkplek', { exact: true }).fill('5000');
    await policy.getByLabel('Ochtend: einde').fill('07:00');
    await policy.getByLabel('Werkplekken per persoon tegelijk').fill('');
    await policy.getByRole('button', { name: 'Regels opslaan' }).click();
    await policy.getByText('Niet opgeslagen: 2 veld(en) kloppen niet. Zie de melding bij het veld.').waitFor();
    // Beside the field and tied to it, so a screen reader reads it with the field.
    const grace = policy.locator('input[name="grace.desk"]');
    await expect.poll(() => grace.getAttribute('aria-invalid')).toBe('true');
    expect(await b.page.evaluate(() => document.getElementById(document.activeElement!.getAttribute('aria-describedby')!)?.textContent)).toBe('Hoogstens 1440.');
    expect(await policy.locator('input[name="maxPerDay"]').getAttribute('aria-describedby')).not.toBeNull();
    await policy.getByText('Vul hier een getal in.').waitFor();
    expect(await policy.textContent()).not.toMatch(/must|dayParts/);
    expect(await axeViolations(b.page)).toEqual([]);
    if (shots) await policy.screenshot({ path: `${shots}/policy-errors-1440.png` });

    // The time error comes from the server's rule once the numbers are right.
    await grace.fill('20');
    await policy.locator('input[name="maxPerDay"]').fill('2');
    await policy.getByRole('button', { name: 'Regels opslaan' }).click();
    await policy.getByText('Het einde moet na het begin liggen.').waitFor();
    expect(await policy.locator('input[name="morning.end"]').getAttribute('aria-invalid')).toBe('true');
    const stored = () => JSON.parse(plek.db.prepare('SELECT policy FROM locations WHERE id = ?').pluck().get(plek.hub.id) as string);
    expect(stored().graceMinutes.desk).toBe(30);

    await policy.locator('input[name="morning.end"]').fill('12:30');
    await policy.getByRole('button', { name: 'Regels opslaan' }).click();
    const saved = policy.getByText('Opgeslagen. De regels van Werk HUB gelden vanaf nu.');
    await saved.waitFor();
    expect(stored()).toMatchObject({ graceMinutes: { desk: 20 }, maxPerDay: 2 });
    // The outcome is beside the button, in view where the person tapped.
    const button = (await policy.getByRole('button', { name: 'Regels opslaan' }).boundingBox())!;
    const said = (await saved.boundingBox())!;
    expect(Math.abs(said.y - button.y)).toBeLessThan(150);
    if (shots) {
      await b.page.screenshot({ path: `${shots}/policy-saved-1440.png` });
      await b.page.setViewportSize({ width: 390, height: 844 });
      await policy.screenshot({ path: `${shots}/policy-390.png` });
    }
    await b.page.setViewportSize({ width: 390, height: 844 }); // with or without screenshots
    expect(await b.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await toEnglish(b);
    await b.page.goto(`${plek.url}/beheer/gebouwen`);
    await b.page.getByText('Rules of this location').click();
    await b.page.getByTestId('policy').getByLabel('Morning: end').fill('06:00');
    await b.page.getByTestId('policy').getByRole('button', { name: 'Save rules' }).click();
    await b.page.getByText('The end must be after the start.').waitFor();
    expect(await axeViolations(b.page)).toEqual([]);
  });

  it('edits one part of a location at a time, and finds a space by search', async () => {
    for (let i = 10; i < 70; i++) plek.s.admin.createSpace(null, plek.hub.id, { code: `HUB-4-0${i}`, name: `Werkplek 4.${i}`, kind: 'desk' }, null);
    const b = await open();
    await signIn(b.page, plek.url, 'facility@test.nl');
    await b.page.setViewportSize({ width: 1440, height: 900 });
    await b.page.goto(`${plek.url}/beheer/gebouwen`);
    await b.page.getByRole('heading', { name: 'Locatie', exact: true }).waitFor();
    expect(await b.page.getByTestId('spaces').count()).toBe(0);
    expect(await b.page.getByTestId('csv-import').count()).toBe(0);
    const height = await b.page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThan(2000);

    await b.page.getByRole('navigation', { name: 'Onderdelen van deze locatie' }).getByRole('link', { name: 'Ruimtes en import' }).click();
    await b.page.getByText('40 van 64 ruimtes getoond. Zoek om de andere te vinden.').waitFor();
    expect(await b.page.getByTestId('spaces').locator('> li').count()).toBe(40);
    await b.page.getByLabel('Zoek een ruimte (code of naam)').fill('hub-4-065');
    await b.page.getByText('1 van 64 ruimtes getoond.').waitFor();
    await b.page.getByText('HUB-4-065 · Werkplek 4.65 · Werkplek').click();
    const editor = b.page.locator('details', { hasText: 'HUB-4-065' });
    await editor.getByLabel('Naam').fill('Werkplek bij de trap');
    // The list is read again after the save: the page stays on screen meanwhile (no loading line
    // in its place), so the focus stays on the button and "Opgeslagen." stands beside it.
    await watchLeaving(b, '[data-testid="spaces"]');
    await editor.getByRole('button', { name: 'Opslaan' }).click();
    await editor.getByText('Opgeslagen.').waitFor();
    expect(plek.db.prepare("SELECT name FROM spaces WHERE code = 'HUB-4-065'").pluck().get()).toBe('Werkplek bij de trap');
    await b.page.getByText('HUB-4-065 · Werkplek bij de trap · Werkplek').waitFor(); // the list read again
    expect(await timesLeft(b)).toBe(0);
    expect(await b.page.evaluate(() => document.activeElement?.textContent)).toBe('Opslaan');
    expect(await axeViolations(b.page)).toEqual([]);
    if (shots) await b.page.screenshot({ path: `${shots}/buildings-spaces-1440.png`, fullPage: true });
    await b.page.getByRole('link', { name: 'Zones' }).click();
    await b.page.getByRole('heading', { name: 'Nieuwe zone' }).waitFor();
    expect(await axeViolations(b.page)).toEqual([]);
    await b.page.setViewportSize({ width: 390, height: 844 });
    if (shots) await b.page.screenshot({ path: `${shots}/buildings-zones-390.png`, fullPage: true });
    await b.page.setViewportSize({ width: 390, height: 844 }); // with or without screenshots
    expect(await b.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});

describe('a quiet and a busy day at reception', () => {
  /** Words of an element's text that the layout broke across two lines ("Gastheer/ga" "stvrouw"); after a slash or hyphen is fine. */
  const brokenWords = (page: import('playwright-core').Page, selector: string) =>
    page.locator(selector).evaluateAll((els) =>
      els.flatMap((el) => {
        const broken: string[] = [];
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.textContent ?? '';
          for (const m of text.matchAll(/[^\s/-]+/g)) {
            const range = document.createRange();
            range.setStart(node, m.index!);
            range.setEnd(node, m.index! + m[0].length);
            if (new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1) broken.push(m[0]);
          }
        }
        return broken;
      }),
    );

  it('with nobody expected says "Niemand." in each list, and so does the emergency list on paper', async () => {
    const b = await open();
    await signIn(b.page, plek.url, 'reception@test.nl');
    for (const width of [390, 1440]) {
      await b.page.setViewportSize({ width, height: 900 });
      await b.page.goto(plek.url + '/receptie');
      await b.page.getByRole('heading', { name: 'Verwacht (0)' }).waitFor();
      expect(await b.page.getByText('Niemand.').count()).toBe(3);
      if (shots) await b.page.screenshot({ path: `${shots}/reception-empty-${width}.png`, fullPage: true });
    }
    await b.page.goto(`${plek.url}/receptie/nood?location=${plek.hub.id}`);
    await b.page.getByRole('heading', { name: 'Bezoekers in het gebouw (0)' }).waitFor();
    await b.page.emulateMedia({ media: 'print' });
    // Under both headings, not a heading with nothing under it or a table of column names only.
    expect(await b.page.getByText('Niemand.').count()).toBe(2);
    expect(await b.page.getByRole('table').count()).toBe(0);
    if (shots) (await import('node:fs')).writeFileSync(`${shots}/emergency-empty.pdf`, await b.page.pdf({ format: 'A4' }));
    expect(await axeViolations(b.page)).toEqual([]);
  });

  it('with 40 guests keeps every name whole at 390 and 1440 px, and prints the lists without buttons, a card never split over two pages', async () => {
    const names = ['Maria Magdalena van der Heijden-Oosterbroek', 'Jan de Vries', 'Anne-Fleur Wilhelmina Christina Bosch van Drakestein', 'Mohammed El Amrani', 'Pieter Jansen'];
    for (let i = 0; i < 40; i++) {
      const g = plek.s.guests.create(toActor(i % 2 ? plek.users.anna : plek.users.bram), { name: `${names[i % 5]} ${i + 1}`, organisation: i % 3 === 0 ? 'Woningcorporatie Maasvallei Wonen en Welzijn Zuid-Limburg' : undefined, expectedAt: clock.now() + (i + 1) * 10 * 60_000, locationId: plek.hub.id }, null);
      if (i % 3 === 0) plek.s.guests.checkIn(toActor(plek.users.reception), g.id, null);
    }
    const b = await open();
    await signIn(b.page, plek.url, 'reception@test.nl');
    await b.page.goto(plek.url + '/receptie');
    await b.page.getByRole('heading', { name: 'Verwacht (26)' }).waitFor();
    await b.page.getByRole('heading', { name: 'Aanwezig (14)' }).waitFor();
    for (const width of [390, 1440]) {
      await b.page.setViewportSize({ width, height: 900 });
      // Each name inside its card, none clipped or pushed out; the page no wider than the screen.
      const cut = await b.page.locator('ul.list > li.card strong').evaluateAll((els) =>
        els.filter((el) => el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > el.closest('.card')!.getBoundingClientRect().right).map((el) => el.textContent),
      );
      expect(cut).toEqual([]);
      expect(await b.page.locator('ul.list > li.card strong').count()).toBe(40);
      expect(await brokenWords(b.page, 'ul.list > li.card strong')).toEqual([]);
      expect(await b.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      if (shots) await b.page.screenshot({ path: `${shots}/reception-40-${width}.png` });
    }
    expect(await axeViolations(b.page)).toEqual([]);

    // On paper: the day's lists, not buttons, search fields or the walk-in form.
    await b.page.emulateMedia({ media: 'print' });
    expect(await b.page.getByRole('button', { name: /^Aankomst registreren: / }).first().isVisible()).toBe(false);
    expect(await b.page.getByRole('button', { name: 'Nieuwe bezoeker inschrijven' }).isVisible()).toBe(false);
    expect(await b.page.getByLabel('Zoeken').isVisible()).toBe(false);
    expect(await b.page.locator('ul.list > li.card').evaluateAll((els) => els.filter((el) => getComputedStyle(el).breakInside !== 'avoid').length)).toBe(0);
    const pdf = await b.page.pdf({ format: 'A4' });
    if (shots) (await import('node:fs')).writeFileSync(`${shots}/reception-40.pdf`, pdf);

    // The emergency list of the 14 present, on an A4 page's width: its headings break between words.
    await b.page.emulateMedia({ media: 'screen' });
    await b.page.goto(`${plek.url}/receptie/nood?location=${plek.hub.id}`);
    await b.page.getByRole('heading', { name: 'Bezoekers in het gebouw (14)' }).waitFor();
    await b.page.emulateMedia({ media: 'print' });
    await b.page.setViewportSize({ width: 718, height: 1000 }); // A4 less 10 mm margins, in CSS pixels
    expect(await b.page.getByRole('table', { name: 'Bezoekers in het gebouw' }).getByRole('row').count()).toBe(15);
    expect(await brokenWords(b.page, '.emergency-table th')).toEqual([]);
    const list = await b.page.pdf({ format: 'A4' });
    if (shots) (await import('node:fs')).writeFileSync(`${shots}/emergency-40.pdf`, list);
  });
});

describe('reception while it refreshes', () => {
  it('keeps the lists and the walk-in form on screen through the 5-second refresh: no loading line, a half-typed name kept', async () => {
    const b = await open();
    await signIn(b.page, plek.url, 'reception@test.nl');
    await b.page.goto(plek.url + '/receptie');
    await b.page.getByRole('heading', { name: /^Verwacht/ }).waitFor();
    await b.page.getByLabel('Naam bezoeker').fill('Jan Sm');
    // Watch the page through two refreshes: the lists must never leave the screen.
    await watchLeaving(b, '#expected');
    const answers: number[] = [];
    b.page.on('response', (r) => r.url().includes('/api/v1/reception/') && answers.push(r.status()));
    await expect.poll(() => answers.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    expect(await timesLeft(b)).toBe(0);
    expect(await b.page.getByLabel('Naam bezoeker').inputValue()).toBe('Jan Sm');
  });
});
