import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aceViolations, axeViolations, bookDirectly, launch, signIn, startPlek, type Browser, type Plek } from './harness.js';

let plek: Plek;
let b: Browser;
beforeAll(async () => {
  plek = await startPlek();
  // Something on every screen: a booking today, a colleague's place, a refusal-free home.
  const start = Math.floor(Date.now() / 60_000) * 60_000;
  // Written directly: at night "now" lies outside the opening hours, which the server refuses.
  bookDirectly(plek, 'anna', plek.desks[0]!.id, start, start + 3_600_000);
  bookDirectly(plek, 'bram', plek.desks[1]!.id, start, start + 3_600_000);
  b = await launch();
});
afterAll(async () => {
  await b.close();
  await plek.stop();
});

const screens = [
  { path: '/', heading: { nl: 'Vandaag en straks', en: 'Today and upcoming' } },
  { path: '/reserveren', heading: { nl: 'Reserveren', en: 'Reserve' } },
  { path: '/scannen', heading: { nl: 'QR-code scannen', en: 'Scan QR code' } },
  { path: '/pas', heading: { nl: 'Mijn pas', en: 'My pass' } },
  { path: '/collegas', heading: { nl: "Collega's", en: 'Colleagues' } },
  { path: '/instellingen', heading: { nl: 'Instellingen', en: 'Settings' } },
  { path: '/s/HUB-3-002?k=wrong', heading: { nl: 'Plek HUB-3-002', en: 'Place HUB-3-002' } },
  { path: '/werkdagen', heading: { nl: 'Mijn werkdagen', en: 'My workdays' } },
  { path: '/bezoekers', heading: { nl: 'Bezoekers', en: 'Visitors' } },
  { path: '/hr', heading: { nl: 'HR-export werkplekken', en: 'HR export of workplaces' } },
] as const;

async function check(path: string, heading: string) {
  await b.page.goto(plek.url + path);
  await b.page.getByRole('heading', { name: heading, level: 1 }).waitFor();
  await b.page.waitForLoadState('networkidle');
  const violations = await axeViolations(b.page);
  expect(violations, `${path}: ${JSON.stringify(violations)}`).toEqual([]);
  // IBM Equal Access beside axe: it finds content outside a landmark, autocomplete tokens that do not fit, unnamed groups.
  expect(await aceViolations(b.page), `${path} (IBM Equal Access)`).toEqual([]);
  // No console error, uncaught exception or CSP violation ("Refused to apply inline style ...").
  expect(b.problems.splice(0), path).toEqual([]);
}

/** The screens of managers, reception, facility, HR and admin (an admin may open them all). */

/**
 * The admin's lists of editors (one form per zone, space, person and team) each with fields
 * of the same kind: the parts of the buildings page one by one, since each shows other forms.
 */
const staffScreens = ['/team', '/receptie', '/receptie/nood?location=:hub', '/beheer', '/beheer/gebouwen', '/beheer/gebouwen?deel=zones', '/beheer/gebouwen?deel=ruimtes', '/beheer/gebouwen?deel=nieuw', '/beheer/gebruikers', '/beheer/kiosks', '/beheer/labels', '/beheer/plattegronden', '/hr'];

/** A field or group of a row's editor, named with the row (a screen reader lists them all). */
const rowNames: Record<string, Record<'nl' | 'en', { role: 'textbox' | 'group' | 'form'; name: string }>> = {
  '/beheer/gebouwen': { nl: { role: 'textbox', name: 'Naam van Werk HUB' }, en: { role: 'textbox', name: 'Name of Werk HUB' } },
  '/beheer/gebouwen?deel=ruimtes': { nl: { role: 'group', name: 'Voorzieningen van HUB-3-001' }, en: { role: 'group', name: 'Features of HUB-3-001' } },
  '/beheer/gebruikers': { nl: { role: 'group', name: 'Rollen van anna' }, en: { role: 'group', name: 'Roles of anna' } },
};

describe('accessibility (axe-core, WCAG 2.1 A and AA; IBM Equal Access)', () => {
  it('the sign-in screen has no violations', async () => {
    await check('/', 'Inloggen');
  });

  it('every screen has no violations in Dutch', async () => {
    await signIn(b.page, plek.url, 'anna@test.nl');
    for (const s of screens) await check(s.path, s.heading.nl);
    expect(await b.page.evaluate(() => document.documentElement.lang)).toBe('nl');
  });

  it('every staff screen has no violations in Dutch and English and logs no error or CSP violation', async () => {
    const admin = await launch();
    try {
      await signIn(admin.page, plek.url, 'admin@test.nl');
      for (const lang of ['nl', 'en'] as const) {
        if (lang === 'en') {
          await admin.page.goto(plek.url + '/instellingen');
          await admin.page.getByRole('radio', { name: 'English' }).check();
          await admin.page.getByRole('heading', { name: 'Settings' }).waitFor();
        }
        for (const path of staffScreens) {
          const where = `${lang} ${path}`;
          await admin.page.goto(plek.url + path.replace(':hub', String(plek.hub.id)));
          await admin.page
            .getByRole('heading', { level: 1 })
            .first()
            .waitFor()
            .catch((err: Error) => {
              throw new Error(`${where}: ${err.message}`);
            });
          await admin.page.waitForLoadState('networkidle');
          const violations = await axeViolations(admin.page);
          expect(violations, `${where}: ${JSON.stringify(violations)}`).toEqual([]);
          expect(await aceViolations(admin.page), `${where} (IBM Equal Access)`).toEqual([]);
          const row = rowNames[path]?.[lang];
          if (row) expect(await admin.page.getByRole(row.role, { name: row.name, exact: true, includeHidden: true }).count(), `${where}: ${row.name}`).toBe(1);
          expect(admin.problems.splice(0), where).toEqual([]);
        }
      }
    } finally {
      await admin.close();
    }
  });

  it('every screen has no violations in English, and the page says it is English', async () => {
    await b.page.goto(plek.url + '/instellingen');
    await b.page.getByRole('radio', { name: 'English' }).check();
    await b.page.getByRole('heading', { name: 'Settings' }).waitFor();
    expect(await b.page.evaluate(() => document.documentElement.lang)).toBe('en');
    for (const s of screens) await check(s.path, s.heading.en);
  });

  it('everything works by keyboard: the main tabs are reachable and focus is visible', async () => {
    await b.page.goto(plek.url + '/');
    await b.page.getByRole('heading', { level: 1 }).waitFor();
    await b.page.waitForLoadState('networkidle'); // the first sync has re-rendered the lists
    const reached: string[] = [];
    // Colleagues sits under the last tab, "More": Tab to it, open it with Enter, Tab on into it.
    for (let i = 0; i < 40 && !reached.includes('Colleagues'); i++) {
      await b.page.keyboard.press('Tab');
      const focused = await b.page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        if (el === document.body) return { text: '', outline: 'none' };
        return { text: el.textContent?.trim() ?? '', outline: getComputedStyle(el).outlineStyle };
      });
      if (focused.text.endsWith('More') && !reached.includes('More')) {
        reached.push('More');
        await b.page.keyboard.press('Enter');
      }
      if (focused.text.endsWith('Colleagues')) reached.push('Colleagues');
      if (focused.text) expect(focused.outline, focused.text).not.toBe('none');
    }
    expect(reached).toEqual(['More', 'Colleagues']);
    await b.page.keyboard.press('Enter');
    await b.page.getByRole('heading', { name: 'Colleagues', level: 1 }).waitFor();
  });
});
