/**
 * Plek's CSV through real LibreOffice Calc (Debian's libreoffice-calc, `.ci/run` installs it)
 * in the nl-NL locale, standing in for Dutch Excel: the exports open with their columns split,
 * accents intact and figures as numbers; a spaces export opened and saved again as CSV, the way
 * Excel saves it (";" in Windows-1252, or UTF-8), imports back with every row unchanged. Skipped,
 * saying so, only where soffice is not installed.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CsvPreviewDto } from '../../shared/api.js';
import { makeTestApp, PASSWORD, type Client, type TestApp } from '../../server/testing.js';

function findSoffice(): string | null {
  try {
    return execFileSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}
const soffice = findSoffice();

/** A fresh Calc profile whose locale is nl-NL, as on a municipal laptop. */
function profile(dir: string): string {
  const user = join(dir, 'profile', 'user');
  mkdirSync(user, { recursive: true });
  writeFileSync(
    join(user, 'registrymodifications.xcu'),
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>nl-NL</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse"><value>nl-NL</value></prop></item>
</oor:items>
`,
  );
  return `file://${join(dir, 'profile')}`;
}

/**
 * Calc's CSV filter options (field separator, text delimiter, character set, first line, column
 * formats, language, quoted field as text, detect special numbers, save as shown): ";" (59),
 * '"' (34), Windows-1252 (1) or UTF-8 (76), Dutch (1043), numbers and dates recognised as
 * Excel does on opening.
 */
const OPEN_AS_DUTCH_EXCEL = 'CSV:59,34,76,1,,1043,false,true';
const SAVE_AS = (charset: 1 | 76) => `csv:Text - txt - csv (StarCalc):59,34,${charset},1,,1043,false,true,true`;

/** One soffice run converting every file in `files` into `outDir` (each run costs seconds). */
function calc(profileUrl: string, target: string, outDir: string, files: string[]): void {
  execFileSync(soffice!, [`-env:UserInstallation=${profileUrl}`, '--headless', '--norestore', `--infilter=${OPEN_AS_DUTCH_EXCEL}`, '--convert-to', target, '--outdir', outDir, ...files], { timeout: 120_000, stdio: 'pipe' });
}

interface Cell {
  type: string | null;
  value: string | null;
  text: string;
}

/** The rows of the first sheet of a flat ODF spreadsheet, cell by cell, as Calc typed them. */
function sheetRows(fods: string): Cell[][] {
  const table = /<table:table [\s\S]*?<\/table:table>/.exec(fods)![0];
  const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return [...table.matchAll(/<table:table-row[^>]*>([\s\S]*?)<\/table:table-row>/g)]
    .map(([, row]) => {
      const cells: Cell[] = [];
      for (const m of row!.matchAll(/<table:table-cell([^>]*?)(\/>|>([\s\S]*?)<\/table:table-cell>)/g)) {
        const attrs = m[1]!;
        const repeat = Number(/table:number-columns-repeated="(\d+)"/.exec(attrs)?.[1] ?? 1);
        const cell = {
          type: /office:value-type="(\w+)"/.exec(attrs)?.[1] ?? null,
          value: /office:(?:value|date-value)="([^"]*)"/.exec(attrs)?.[1] ?? null,
          text: decode([...(m[3] ?? '').matchAll(/<text:p>([\s\S]*?)<\/text:p>/g)].map((p) => p[1]!.replace(/<[^>]+>/g, '')).join('\n')),
        };
        // A trailing run of empty cells is how ODF ends a row; it carries nothing.
        if (cell.type === null && repeat > 1) continue;
        for (let i = 0; i < repeat; i++) cells.push(cell);
      }
      return cells;
    })
    .filter((cells) => cells.length > 0);
}

describe.runIf(soffice)('CSV through LibreOffice Calc in nl-NL (as Dutch Excel)', () => {
  let t: TestApp;
  let facility: Client;
  let dir: string;
  let profileUrl: string;
  const accented = 'Eva Claëssens-Béke';

  /** An export as the bytes a browser saves. */
  async function download(client: Client, path: string, name: string): Promise<string> {
    const res = await t.app.request(path, { headers: { cookie: client.cookie! } });
    expect(res.status).toBe(200);
    const file = join(dir, name);
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    return file;
  }
  const spacesInDb = () => t.db.prepare('SELECT id, code, name, kind, zone_id, capacity, features, qr_key, active FROM spaces ORDER BY code').all();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'plek-calc-'));
    profileUrl = profile(dir);
    t = await makeTestApp();
    const admin = await t.login('admin@test.nl');
    facility = await t.login('facility@test.nl');
    // Names as people type them: accents, a separator, quotes, a leading "=" (neutralised).
    await facility.patch(`/api/v1/admin/spaces/${t.desks[1]!.id}`, { name: `Plek van ${accented}` });
    await facility.patch(`/api/v1/admin/spaces/${t.desks[2]!.id}`, { name: 'Raam; "zon" & uitzicht' });
    await facility.post(`/api/v1/admin/locations/${t.hub.id}/spaces`, { code: 'HUB-3-V01', name: 'Vergaderzaal Één', kind: 'meeting', zoneId: t.zone.id, capacity: 12, features: ['screen', 'hybrid_av', 'wheelchair'] });
    await facility.post(`/api/v1/admin/locations/${t.hub.id}/spaces`, { code: 'HUB-3-F01', name: '=Focus (stil)', kind: 'focus' });

    // Six people on Tuesday 1 December, five on Tuesday 8: 5.5 desks checked in on a Tuesday.
    const desks = [...t.desks];
    for (let i = 0; i < 3; i++) desks.push((await facility.post(`/api/v1/admin/locations/${t.hub.id}/spaces`, { code: `HUB-3-10${i}`, name: `Werkplek 3.10${i}`, kind: 'desk', zoneId: t.zone.id })).body);
    const people: Client[] = [];
    for (let i = 0; i < 6; i++) {
      const email = `p${i}@test.nl`;
      expect((await admin.post('/api/v1/admin/users', { email, name: i === 0 ? accented : `Persoon ${i}`, password: PASSWORD, roles: ['employee'] })).status).toBe(201);
      people.push(await t.login(email));
    }
    for (const [date, n] of [['2026-12-01', 6], ['2026-12-08', 5]] as const) {
      t.clock.set(`${date}T09:00:00+01:00`);
      for (let i = 0; i < n; i++) expect((await people[i]!.post('/api/v1/walk-up', { code: desks[i]!.code, key: desks[i]!.key })).status).toBe(201);
    }
    t.clock.set('2026-12-21T09:00:00+01:00');
    facility = await t.login('facility@test.nl');
  });
  afterAll(() => {
    t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens every export with its columns apart, accents intact and decimal figures as numbers', async () => {
    const hr = await t.login('hr@test.nl');
    const files = [
      await download(facility, `/api/v1/admin/locations/${t.hub.id}/spaces.csv`, 'ruimtes.csv'),
      await download(facility, `/api/v1/reports/locations/${t.hub.id}/occupancy.csv?from=2026-11-30&to=2026-12-11`, 'bezetting.csv'),
      await download(hr, '/api/v1/hr/ticks.csv?month=2026-12', 'werkplekken.csv'),
      await download(facility, `/api/v1/reports/locations/${t.hub.id}/occupancy.csv?from=2026-11-30&to=2026-12-11&part=compare`, 'vergelijking.csv'),
    ];
    const out = join(dir, 'opened');
    calc(profileUrl, 'fods', out, files);
    const [spaces, occupancy, ticks, compare] = ['ruimtes', 'bezetting', 'werkplekken', 'vergelijking'].map((name) => sheetRows(readFileSync(join(out, `${name}.fods`), 'utf8')));

    expect(spaces![0]!.map((c) => c.text)).toEqual(['code', 'naam', 'soort', 'zone', 'capaciteit', 'kenmerken']);
    const row = (rows: Cell[][], first: string) => rows.find((r) => r[0]!.text === first)!;
    expect(row(spaces!, 'HUB-3-V01').map((c) => c.text)).toEqual(['HUB-3-V01', 'Vergaderzaal Één', 'Vergaderruimte', 'Stilte', '12', 'Scherm, Camera en Teams, Rolstoeltoegankelijk']);
    expect(row(spaces!, 'HUB-3-V01')[4]).toMatchObject({ type: 'float', value: '12' });
    expect(row(spaces!, 'HUB-3-002')[1]!.text).toBe(`Plek van ${accented}`);
    expect(row(spaces!, 'HUB-3-003')[1]!.text).toBe('Raam; "zon" & uitzicht');
    // Shown as text, never run: the apostrophe stays in the cell.
    expect(row(spaces!, 'HUB-3-F01')[1]).toMatchObject({ type: 'string', text: "'=Focus (stil)" });

    expect(occupancy![0]!.map((c) => c.text)).toEqual(['onderdeel', 'weekdag', 'gereserveerd (gemiddeld per dag)', 'ingecheckt (gemiddeld per dag)', 'werkplekken']);
    const tuesday = occupancy!.find((r) => r[0]!.text === 'weekdag' && r[1]!.text === 'dinsdag')!;
    expect(tuesday[3]).toMatchObject({ type: 'float', value: '5.5', text: '5,5' });
    // Each section under its own header row, as Calc shows it: no row is wider than its header,
    // and a figure stands in the column its header names.
    let header: string[] = [];
    const bySection = new Map<string, { header: string[]; rows: Cell[][] }>();
    for (const cells of occupancy!) {
      if (cells[0]!.text === 'onderdeel') {
        header = cells.map((c) => c.text);
        continue;
      }
      expect(cells.length, cells.map((c) => c.text).join(';')).toBeLessThanOrEqual(header.length);
      const section = bySection.get(cells[0]!.text) ?? { header, rows: [] };
      section.rows.push(cells);
      bySection.set(cells[0]!.text, section);
    }
    const at = (section: string, column: string, row = 0) => {
      const s = bySection.get(section)!;
      return s.rows[row]![s.header.indexOf(column)];
    };
    expect([...bySection.keys()]).toEqual(['weekdag', 'uur', 'soort', 'zone', 'spreiding week', 'spreiding per maand', 'drukste dag', 'rustigste dag', 'hele periode', 'hoogste tegelijk per dag', 'hoogste tegelijk, werkplekken', 'hoogste tegelijk, ruimtes (van 3)', 'gebruik per ruimte']);
    expect(bySection.get('gebruik per ruimte')!.header).toEqual(['onderdeel', 'ruimte', 'naam', 'soort', 'reserveringen', 'uren geboekt', 'uren ingecheckt', 'no-shows', 'no-show %']);
    expect(at('hele periode', 'flexratio')).toMatchObject({ type: 'float', value: '1', text: '1' }); // 6 desks, 6 people
    expect(at('hele periode', 'no-show %')).toMatchObject({ type: 'float', value: '0' });
    // Six of six desks on Tuesday 1 December: 100 %, the week's days under their own names.
    expect(at('spreiding week', 'dinsdag (% ingecheckt)')).toMatchObject({ type: 'float', value: '100' });
    expect(at('spreiding week', 'maand')!.text).toBe('2026-12');

    // The comparison: Tuesdays 5,5 of 6 desks on average, 92 %, a number.
    expect(compare![0]!.map((c) => c.text)).toEqual(['locatie', 'werkplekken', 'maandag (% ingecheckt)', 'dinsdag (% ingecheckt)', 'woensdag (% ingecheckt)', 'donderdag (% ingecheckt)', 'vrijdag (% ingecheckt)', 'no-show %']);
    expect(row(compare!, 'Werk HUB')[3]).toMatchObject({ type: 'float', value: '92' });
    expect(row(compare!, 'Werk HUB')[1]).toMatchObject({ type: 'float', value: '6' });

    expect(ticks![0]!.map((c) => c.text)).toEqual(['e-mail', 'naam', 'maand', 'kantoor', 'wijk', 'thuis', 'afwezig', 'niet ingevuld']);
    expect(row(ticks!, 'p0@test.nl').slice(1, 2).map((c) => c.text)).toEqual([accented]);
    expect(row(ticks!, 'p0@test.nl')[3]).toMatchObject({ type: 'float', value: '2' });
  });

  it('a spaces export opened and saved as CSV in Windows-1252 and in UTF-8 imports back with every row unchanged, nothing changed and the accents intact', async () => {
    const before = spacesInDb();
    const exported = await download(facility, `/api/v1/admin/locations/${t.hub.id}/spaces.csv`, 'ruimtes-export.csv');
    const saved: Record<'windows-1252' | 'utf-8', Buffer> = { 'windows-1252': Buffer.alloc(0), 'utf-8': Buffer.alloc(0) };
    for (const [encoding, charset] of [['windows-1252', 1], ['utf-8', 76]] as const) {
      const out = join(dir, encoding);
      calc(profileUrl, SAVE_AS(charset), out, [exported]);
      saved[encoding] = readFileSync(join(out, 'ruimtes-export.csv'));
    }
    // Really Windows-1252: É is one byte, and the file is no valid UTF-8.
    expect(saved['windows-1252'].includes(Buffer.from('Vergaderzaal \xc9\xe9n', 'latin1'))).toBe(true);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(saved['windows-1252'])).toThrow();
    expect(saved['utf-8'].includes(Buffer.from('Vergaderzaal Één', 'utf8'))).toBe(true);

    const importPath = `/api/v1/admin/locations/${t.hub.id}/spaces/import`;
    for (const [encoding, bytes] of Object.entries(saved)) {
      const file = bytes.toString('base64');
      const preview = await facility.post<CsvPreviewDto>(`${importPath}?dryRun=1`, { file });
      expect([preview.status, preview.body.encoding, preview.body.delimiter, preview.body.valid]).toEqual([200, encoding, ';', true]);
      expect(preview.body.rows.map((r) => [r.code, r.status, r.reasons])).toEqual((before as { code: string }[]).map((s) => [s.code, 'unchanged', []]));
      const imported = await facility.post(importPath, { file });
      expect([imported.status, imported.body]).toEqual([201, { created: 0, updated: 0, unchanged: before.length }]);
      expect(spacesInDb()).toEqual(before);
    }

    // The Windows-1252 file with new codes: new spaces, stored with their accents.
    const renamed = Buffer.from(saved['windows-1252'].toString('latin1').replaceAll('HUB-3-', 'HUB-4-'), 'latin1');
    const preview = await facility.post<CsvPreviewDto>(`${importPath}?dryRun=1`, { file: renamed.toString('base64') });
    expect(preview.body.counts).toEqual({ new: before.length, changed: 0, unchanged: 0, error: 0 });
    expect((await facility.post(importPath, { file: renamed.toString('base64') })).status).toBe(201);
    const names = (like: string) => t.db.prepare('SELECT name FROM spaces WHERE code LIKE ? ORDER BY code').pluck().all(like);
    expect(names('HUB-4-%')).toEqual(names('HUB-3-%'));
    expect(names('HUB-4-%')).toEqual(expect.arrayContaining(['Vergaderzaal Één', `Plek van ${accented}`, '=Focus (stil)']));
  });
});

if (!soffice) {
  describe('CSV through LibreOffice Calc', () => {
    it.skip('skipped: soffice is not installed (apt-get install libreoffice-calc; .ci/run does)', () => {});
  });
}
