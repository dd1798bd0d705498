import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toActor } from '../../server/auth/auth.service.js';
import { amsterdamDate, axeViolations, decodeQr, launch, signIn, startPlek, type Browser, type Plek } from './harness.js';

let plek: Plek;
const browsers: Browser[] = [];
beforeEach(async () => {
  plek = await startPlek();
});
afterEach(async () => {
  await Promise.all(browsers.splice(0).map((b) => b.close()));
  await plek.stop();
});

async function open() {
  const b = await launch();
  browsers.push(b);
  return b;
}

/** A floor plan drawing: a light floor with walls, as a PNG file to upload. */
function planFile(): string {
  const png = new PNG({ width: 800, height: 500 });
  for (let y = 0; y < 500; y++) {
    for (let x = 0; x < 800; x++) {
      const wall = x < 6 || y < 6 || x > 793 || y > 493 || x === 400;
      const i = (y * 800 + x) * 4;
      png.data.fill(wall ? 60 : 235, i, i + 3);
      png.data[i + 3] = 255;
    }
  }
  const file = join(mkdtempSync(join(tmpdir(), 'plek-plan-')), 'verdieping-3.png');
  writeFileSync(file, PNG.sync.write(png));
  return file;
}

const positionOf = (code: string) => plek.db.prepare('SELECT plan_x AS x, plan_y AS y FROM spaces WHERE code = ?').get(code) as { x: number | null; y: number | null };

describe('floor plans', () => {
  it('facility uploads a plan and drags a desk onto its place; the employee reserves it from the plan; the kiosk shows it', async () => {
    const facility = (await open()).page;
    await signIn(facility, plek.url, 'facility@test.nl');
    await facility.getByRole('link', { name: 'Beheer' }).click();
    await facility.getByRole('link', { name: 'Plattegronden' }).click();
    await facility.getByText('Nog geen plattegrond voor deze locatie.').waitFor();
    await facility.getByLabel('Naam').fill('Verdieping 3');
    await facility.getByLabel('Verdieping').fill('3');
    await facility.getByLabel('Afbeelding (PNG, JPEG of WebP, hoogstens 2 MB)').setInputFiles(planFile());
    await facility.getByRole('button', { name: 'Uploaden' }).click();
    await facility.getByRole('img', { name: 'Verdieping 3' }).waitFor();

    await facility.getByRole('button', { name: 'HUB-3-001 op de plattegrond zetten' }).click();
    const marker = facility.locator('[data-space="HUB-3-001"]');
    await marker.waitFor();
    const box = (await facility.getByTestId('plan').boundingBox())!;
    const from = (await marker.boundingBox())!;
    await facility.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await facility.mouse.down();
    await facility.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.4, { steps: 5 });
    await facility.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.3, { steps: 10 });
    await facility.mouse.up();
    await facility.getByText('HUB-3-001 staat op de plattegrond.').waitFor();
    await expect.poll(() => positionOf('HUB-3-001').x, { timeout: 5000 }).toBeCloseTo(0.2, 1);
    expect(positionOf('HUB-3-001').y).toBeCloseTo(0.3, 1);
    // By keyboard: a focused marker moves with the arrow keys.
    const before = positionOf('HUB-3-001').x!;
    await marker.focus();
    await facility.keyboard.press('Shift+ArrowRight');
    await expect.poll(() => positionOf('HUB-3-001').x, { timeout: 5000 }).toBeCloseTo(before + 0.05, 2);
    await facility.waitForLoadState('networkidle');
    expect(await axeViolations(facility)).toEqual([]);

    const anna = (await open()).page;
    await signIn(anna, plek.url, 'anna@test.nl');
    await anna.getByRole('link', { name: 'Reserveren' }).click();
    await anna.getByLabel('Datum').fill(amsterdamDate(1));
    await anna.getByLabel('Plattegrond').check();
    await anna.getByRole('button', { name: 'HUB-3-001 ○ Vrij' }).click();
    await anna.getByTestId('picked').getByRole('button', { name: 'Reserveer HUB-3-001' }).click();
    await anna.getByText('HUB-3-001 is voor je gereserveerd.').waitFor();
    expect(await axeViolations(anna)).toEqual([]);

    const { pairingCode } = plek.s.kiosks.create(toActor(plek.users.admin), { name: 'Ingang', locationId: plek.hub.id }, null);
    const kiosk = (await open()).page;
    await kiosk.goto(`${plek.url}/kiosk`);
    await kiosk.getByLabel('Koppelcode').fill(pairingCode);
    await kiosk.getByRole('button', { name: 'Koppelen' }).click();
    await kiosk.getByRole('img', { name: 'Verdieping 3' }).waitFor();
    await kiosk.getByRole('button', { name: /^HUB-3-001 (○ Vrij|✕ Bezet)$/ }).waitFor();
  });
});

describe('buildings', () => {
  it('facility renames a space, and imports spaces from CSV only once every row is right', async () => {
    const page = (await open()).page;
    await signIn(page, plek.url, 'facility@test.nl');
    await page.goto(`${plek.url}/beheer/gebouwen?deel=ruimtes`);
    await page.getByRole('heading', { name: 'Gebouwen, zones en ruimtes' }).waitFor();
    await page.getByText('HUB-3-002 · Werkplek 3.02 · Werkplek').click();
    const editor = page.locator('details', { hasText: 'HUB-3-002 · Werkplek 3.02' });
    await editor.getByLabel('Naam').fill('Werkplek bij het raam');
    await editor.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('HUB-3-002 · Werkplek bij het raam · Werkplek').waitFor();
    expect(plek.db.prepare("SELECT name FROM spaces WHERE code = 'HUB-3-002'").pluck().get()).toBe('Werkplek bij het raam');

    // Pasted text in English with commas: a row with an unknown kind is an error, and says so.
    const csv = page.getByTestId('csv-import');
    await csv.getByLabel('Of plak de CSV hier').fill('code,name,kind,zone,capacity,features\nHUB-3-010,Werkplek 3.10,desk,Stilte,1,sit_stand\nHUB-3-011,Werkplek 3.11,sofa,Stilte,1,\n');
    await csv.getByRole('button', { name: 'Controleren' }).click();
    await csv.getByText('1 rij(en) met fouten: er wordt niets ingelezen.').waitFor();
    // The status's shape is decoration (aria-hidden): the row reads line, code, status, why.
    expect(await csv.getByRole('row', { name: '2 HUB-3-010 nieuw', exact: true }).count()).toBe(1);
    expect(await csv.getByRole('row', { name: '3 HUB-3-011 fout onbekende soort "sofa"', exact: true }).count()).toBe(1);
    expect(await csv.getByRole('button', { name: 'Importeren' }).isDisabled()).toBe(true);

    // The file as Excel saves it ("CSV (gescheiden door lijstscheidingsteken)"): ";" and
    // Windows-1252, a row per status.
    const rows = [
      'code;naam;soort;zone;capaciteit;kenmerken',
      'HUB-3-001;Werkplek 3.01;Werkplek;Stilte;1;Zit-sta-bureau',
      'HUB-3-002;Werkplek bij het raam;Werkplek;Stilte;2;Zit-sta-bureau, Tweede scherm',
      'HUB-3-010;Vergaderzaal Één;Vergaderruimte;Stilte;10;Scherm',
      'HUB-3-011;Focus;Focusruimte;Kelder;1;',
    ];
    const excelFile = (lines: string[]) => {
      const file = join(mkdtempSync(join(tmpdir(), 'plek-csv-')), 'ruimtes.csv');
      writeFileSync(file, Buffer.from(lines.join('\r\n') + '\r\n', 'latin1'));
      return file;
    };
    await csv.getByLabel('CSV-bestand').setInputFiles(excelFile(rows));
    await csv.getByRole('button', { name: 'Controleren' }).click();
    await csv.getByText('1 rij(en) met fouten: er wordt niets ingelezen. Gelezen als Windows-1252, kolommen gescheiden door ";".').waitFor();
    const statuses = await csv.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...[...tr.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent!.trim()), tr.querySelector('.badge')!.textContent!.trim(), [...tr.querySelectorAll('li')].map((li) => li.textContent)]),
    );
    expect(statuses).toEqual([
      ['2', 'HUB-3-001', '= ongewijzigd', []],
      ['3', 'HUB-3-002', '✎ gewijzigd', ['capaciteit: 1 → 2', 'kenmerken: Zit-sta-bureau → Zit-sta-bureau, Tweede scherm']],
      ['4', 'HUB-3-010', '+ nieuw', []],
      ['5', 'HUB-3-011', '✕ fout', ['deze locatie heeft geen zone "Kelder"']],
    ]);
    await page.waitForLoadState('networkidle');
    expect(await axeViolations(page)).toEqual([]);
    for (const width of [390, 1440]) {
      await page.setViewportSize({ width, height: 900 });
      await csv.screenshot({ path: join(process.env.PLEK_SHOTS ?? tmpdir(), `csv-preview-${width}.png`) });
    }
    await page.setViewportSize({ width: 412, height: 900 });

    await csv.getByLabel('CSV-bestand').setInputFiles(excelFile(rows.slice(0, 4)));
    await csv.getByRole('button', { name: 'Controleren' }).click();
    await csv.getByText('Alle 3 rijen zijn in orde: 1 nieuw, 1 gewijzigd, 1 ongewijzigd.', { exact: false }).waitFor();
    await csv.getByRole('button', { name: 'Importeren' }).click();
    await csv.getByText('Ingelezen: 1 nieuw, 1 gewijzigd, 1 ongewijzigd.').waitFor();
    await page.getByText('HUB-3-010 · Vergaderzaal Één · Vergaderruimte').waitFor();
    expect(plek.db.prepare("SELECT name, capacity FROM spaces WHERE code IN ('HUB-3-002', 'HUB-3-010') ORDER BY code").all()).toEqual([
      { name: 'Werkplek bij het raam', capacity: 2 },
      { name: 'Vergaderzaal Één', capacity: 10 },
    ]);

    // In English the same file now reads as unchanged throughout.
    await page.goto(`${plek.url}/instellingen`);
    await page.getByRole('radio', { name: 'English' }).check();
    await page.goto(`${plek.url}/beheer/gebouwen?deel=ruimtes`);
    const en = page.getByTestId('csv-import');
    await en.getByLabel('CSV file').setInputFiles(excelFile(rows.slice(0, 4)));
    await en.getByRole('button', { name: 'Check' }).click();
    await en.getByText('All 3 rows are fine: 0 new, 0 changed, 3 unchanged.', { exact: false }).waitFor();
    expect(await en.getByRole('row', { name: /unchanged/ }).count()).toBe(3);
    expect(await page.getByRole('link', { name: 'Export spaces (CSV)' }).getAttribute('href')).toMatch(/spaces\.csv\?lang=en$/);
  });

  it('facility changes the rules of a location (soft cap, desks per person) in the policy form', async () => {
    const page = (await open()).page;
    await signIn(page, plek.url, 'facility@test.nl');
    await page.goto(`${plek.url}/beheer/gebouwen`);
    await page.getByText('Regels van deze locatie').click();
    const policy = page.getByTestId('policy');
    await policy.getByRole('spinbutton', { name: 'woensdag' }).fill('75');
    await policy.getByLabel('Werkplekken per persoon tegelijk').fill('2');
    await policy.getByRole('button', { name: 'Regels opslaan' }).click();
    await page.getByText('Opgeslagen.').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await axeViolations(page)).toEqual([]);
    const stored = JSON.parse(plek.db.prepare('SELECT policy FROM locations WHERE id = ?').pluck().get(plek.hub.id) as string);
    expect(stored).toMatchObject({ maxPerDay: 2, softCapPercent: { wed: 75 } });
  });
});

describe('users and teams', () => {
  it('an admin gives a person the facility role and reception at a location, and creates a team with a zone', async () => {
    const page = (await open()).page;
    await signIn(page, plek.url, 'admin@test.nl');
    await page.getByRole('link', { name: 'Beheer' }).click();
    await page.getByRole('link', { name: 'Gebruikers' }).click();
    await page.getByLabel('Zoek op naam of e-mail').fill('anna');
    await page.getByText('anna · anna@test.nl').click();
    const editor = page.locator('details', { hasText: 'anna · anna@test.nl' });
    await editor.getByLabel('Facilitair').check();
    await editor.getByLabel('Werk HUB').check();
    await editor.getByRole('button', { name: 'anna opslaan' }).click();
    await page.getByText('Opgeslagen.').waitFor();
    await expect.poll(() => plek.db.prepare('SELECT role FROM user_roles WHERE user_id = ? ORDER BY role').pluck().all(plek.users.anna.id)).toEqual(['employee', 'facility']);
    await expect.poll(() => plek.db.prepare('SELECT location_id FROM user_locations WHERE user_id = ?').pluck().all(plek.users.anna.id)).toEqual([plek.hub.id]);

    const newTeam = page.locator('form', { hasText: 'Nieuw team' });
    await newTeam.getByLabel('Naam').fill('Vergunningen');
    await newTeam.getByLabel('Teamzone').selectOption({ label: 'Werk HUB · Stilte' });
    await newTeam.getByRole('button', { name: 'Team aanmaken' }).click();
    await page.getByTestId('teams').getByText('Vergunningen').first().waitFor();
    expect(plek.db.prepare("SELECT zone_id FROM teams WHERE name = 'Vergunningen'").pluck().get()).toBe(plek.zone.id);
    await page.waitForLoadState('networkidle');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Kiosks' }).click();
    await page.getByRole('heading', { name: 'Kiosks en deurschermen' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('a manager sets the office days and holds desks; a member sees the team day and takes one', async () => {
    const teamId = plek.db.prepare("SELECT id FROM teams WHERE name = 'Sociaal Domein'").pluck().get() as number;
    plek.s.admin.updateUser(toActor(plek.users.admin), plek.users.manager.id, { teams: ['Sociaal Domein'] }, null);
    plek.s.teams.update(toActor(plek.users.admin), teamId, { zoneId: plek.zone.id }, null);
    // A workday at least two days ahead: the held desks are still waiting the day before.
    let ahead = 2;
    while ([0, 6].includes(new Date(`${amsterdamDate(ahead)}T12:00:00Z`).getUTCDay())) ahead++;
    const day = amsterdamDate(ahead);
    const weekdayLabel = new Intl.DateTimeFormat('nl-NL', { weekday: 'long', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));

    const manager = (await open()).page;
    await signIn(manager, plek.url, 'manager@test.nl');
    await manager.getByRole('link', { name: 'Mijn team' }).click();
    await manager.getByRole('heading', { name: 'Sociaal Domein' }).waitFor();
    await manager.getByLabel(weekdayLabel).check();
    await manager.getByRole('button', { name: 'Kantoordagen opslaan' }).click();
    await manager.getByText('Opgeslagen.').waitFor();
    await manager.getByLabel('Datum').fill(day);
    await manager.getByLabel('Extra plekken vasthouden voor het team').fill('2');
    await manager.getByRole('button', { name: 'Reserveren' }).click();
    await manager.getByText('0 plek(ken) op naam gereserveerd, 2 vastgehouden.').waitFor();
    await manager.waitForLoadState('networkidle');
    expect(await axeViolations(manager)).toEqual([]);

    const anna = (await open()).page;
    await signIn(anna, plek.url, 'anna@test.nl');
    const card = anna.getByTestId('team-days');
    await card.getByText('2 teamplek(ken) vrij').waitFor();
    await card.getByRole('button', { name: /^Teamplek nemen op / }).click();
    await anna.getByText(/Teamplek HUB-3-00\d is voor jou op /).waitFor();
    await card.getByText('1 teamplek(ken) vrij').waitFor();
    expect(plek.db.prepare("SELECT count(*) FROM reservations WHERE user_id = ? AND source = 'team'").pluck().get(plek.users.anna.id)).toBe(1);
  });
});

describe('QR labels', () => {
  it('the print page renders each QR code so that a phone reads the space label URL from it', async () => {
    const page = (await open()).page;
    await signIn(page, plek.url, 'facility@test.nl');
    await page.goto(`${plek.url}/beheer/labels`);
    const qr = page.getByRole('img', { name: 'QR-code voor HUB-3-002' });
    await qr.waitFor();
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'Afdrukken' }).isVisible()).toBe(false); // the sheet prints without the controls
    const text = decodeQr(await qr.screenshot());
    const key = plek.db.prepare("SELECT qr_key FROM spaces WHERE code = 'HUB-3-002'").pluck().get() as string;
    expect(text).toBe(`${plek.url}/s/HUB-3-002?k=${encodeURIComponent(key)}`);
  });
});
