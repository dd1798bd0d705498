import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_CSV_BYTES, type CsvPreviewDto } from '../../shared/api.js';
import { makeTestApp, type Client, type TestApp } from '../testing.js';

let t: TestApp;
let facility: Client;
beforeEach(async () => {
  t = await makeTestApp();
  facility = await t.login('facility@test.nl');
});
afterEach(() => t.close());

const importPath = () => `/api/v1/admin/locations/${t.hub.id}/spaces/import`;
const preview = async (body: { csv: string } | { file: string }) => {
  const res = await facility.post<CsvPreviewDto>(`${importPath()}?dryRun=1`, body);
  expect(res.status).toBe(200);
  return res.body;
};
const statuses = (p: CsvPreviewDto) => p.rows.map((r) => [r.code, r.status]);
const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');

/** The export as bytes: the test client's text() would drop the BOM this test is about. */
async function exportBytes(path: string): Promise<Buffer> {
  const res = await t.app.request(path, { headers: { cookie: facility.cookie! } });
  expect([res.status, res.headers.get('content-type')]).toEqual([200, 'text/csv; charset=utf-8']);
  return Buffer.from(await res.arrayBuffer());
}

const spacesRows = () => t.db.prepare('SELECT id, code, name, kind, zone_id, capacity, features, qr_key, active FROM spaces ORDER BY code').all();
const space = (code: string) => {
  const row = t.db.prepare('SELECT id, name, kind, zone_id AS zoneId, capacity, features, qr_key AS key FROM spaces WHERE code = ?').get(code) as { name: string; features: string } | undefined;
  return row && { ...row, features: JSON.parse(row.features) as string[] };
};

describe('the spaces export speaks Dutch Excel', () => {
  it('UTF-8 with BOM, ";" and CRLF, Dutch headers and values; English with lang=en', async () => {
    const nl = await exportBytes(`/api/v1/admin/locations/${t.hub.id}/spaces.csv`);
    expect([...nl.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = nl.subarray(3).toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replaceAll('\r\n', '')).not.toContain('\n');
    expect(text.split('\r\n')[0]).toBe('code;naam;soort;zone;capaciteit;kenmerken');
    expect(text).toContain('\r\nHUB-3-001;Werkplek 3.01;Werkplek;Stilte;1;Zit-sta-bureau\r\n');
    expect(text).toContain('\r\nHUB-3-M01;Hybride vergaderruimte;Vergaderruimte;Stilte;8;Camera en Teams\r\n');

    const en = (await exportBytes(`/api/v1/admin/locations/${t.hub.id}/spaces.csv?lang=en`)).subarray(3).toString('utf8');
    expect(en.split('\r\n')[0]).toBe('code;name;kind;zone;capacity;features');
    expect(en).toContain('\r\nHUB-3-M01;Hybride vergaderruimte;Meeting room;Stilte;8;Camera and Teams\r\n');
    expect((await facility.get(`/api/v1/admin/locations/${t.hub.id}/spaces.csv?lang=de`)).body.error.code).toBe('invalid_input');
  });
});

describe('the spaces import', () => {
  it('an edited export comes back: unchanged rows say so, an edited one says what changed, a new one is new, and the import updates in place', async () => {
    const exported = (await exportBytes(`/api/v1/admin/locations/${t.hub.id}/spaces.csv`)).toString('utf8');
    const before = spacesRows();
    const same = await preview({ csv: exported });
    expect([same.valid, same.delimiter, same.counts]).toEqual([true, ';', { new: 0, changed: 0, unchanged: 4, error: 0 }]);
    expect(same.rows.every((r) => r.reasons.length === 0)).toBe(true);
    // Importing it unchanged changes nothing, not even the label keys.
    expect((await facility.post(importPath(), { csv: exported })).body).toEqual({ created: 0, updated: 0, unchanged: 4 });
    expect(spacesRows()).toEqual(before);

    const edited = exported
      .replace('HUB-3-002;Werkplek 3.02;Werkplek;Stilte;1;Zit-sta-bureau', 'HUB-3-002;Werkplek Één;Focusruimte;;2;Zit-sta-bureau, Tweede scherm')
      .concat('HUB-3-010;Nieuwe plek;desk;stilte;;second_screen\r\n');
    const p = await preview({ csv: edited });
    expect(statuses(p)).toEqual([['HUB-3-001', 'unchanged'], ['HUB-3-002', 'changed'], ['HUB-3-003', 'unchanged'], ['HUB-3-M01', 'unchanged'], ['HUB-3-010', 'new']]);
    expect(p.rows[1]!.reasons).toEqual([
      { reason: 'changed', field: 'name', from: 'Werkplek 3.02', to: 'Werkplek Één' },
      { reason: 'changed', field: 'kind', from: 'desk', to: 'focus' },
      { reason: 'changed', field: 'zone', from: 'Stilte', to: '' },
      { reason: 'changed', field: 'capacity', from: '1', to: '2' },
      { reason: 'changed', field: 'features', from: 'sit_stand', to: 'sit_stand,second_screen' },
    ]);
    const res = await facility.post(importPath(), { csv: edited });
    expect([res.status, res.body]).toEqual([201, { created: 1, updated: 1, unchanged: 3 }]);
    const d2 = space('HUB-3-002')!;
    expect(d2).toMatchObject({ id: t.desks[1]!.id, name: 'Werkplek Één', kind: 'focus', zoneId: null, capacity: 2, features: ['sit_stand', 'second_screen'], key: t.desks[1]!.key });
    expect(space('HUB-3-010')).toMatchObject({ kind: 'desk', zoneId: t.zone.id, capacity: 1, features: ['second_screen'] });
  });

  it('a Windows-1252 file (what Excel saves as plain CSV) with "Vergaderzaal Één" is read as such, never stored with replacement characters', async () => {
    const text = 'code;naam;soort;zone;capaciteit;kenmerken\r\nHUB-3-V01;Vergaderzaal Één;Vergaderruimte;Stilte;10;Scherm\r\nHUB-3-V02;Eva Claëssens-Béke’s kamer;Focusruimte;;1;\r\n';
    // Windows-1252 is Latin-1 for these letters; ’ is one of its own (0x92).
    const cp1252 = Buffer.from([...text].map((ch) => (ch === '’' ? 0x92 : ch.charCodeAt(0))));
    expect([cp1252.includes(0xc9), cp1252.includes(0x92), cp1252.length]).toEqual([true, true, text.length]);
    const p = await preview({ file: b64(cp1252) });
    expect([p.valid, p.encoding, p.delimiter, statuses(p)]).toEqual([true, 'windows-1252', ';', [['HUB-3-V01', 'new'], ['HUB-3-V02', 'new']]]);
    expect((await facility.post(importPath(), { file: b64(cp1252) })).status).toBe(201);
    expect(space('HUB-3-V01')).toMatchObject({ name: 'Vergaderzaal Één', kind: 'meeting', capacity: 10, features: ['screen'] });
    expect(space('HUB-3-V02')!.name).toBe('Eva Claëssens-Béke’s kamer');

    // The same text as UTF-8, with and without BOM: the same spaces, now unchanged.
    for (const bytes of [Buffer.from(text, 'utf8'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])]) {
      const again = await preview({ file: b64(bytes) });
      expect([again.encoding, statuses(again)]).toEqual(['utf-8', [['HUB-3-V01', 'unchanged'], ['HUB-3-V02', 'unchanged']]]);
    }
    // Text that lost its accents before it reached Plek is refused, not stored.
    const lost = await preview({ csv: text.replace('Één', '\ufffd\ufffdn') });
    expect([lost.valid, lost.rows[0]!.status, lost.rows[0]!.reasons]).toEqual([false, 'error', [{ reason: 'bad_character' }]]);
    expect(t.db.prepare("SELECT count(*) FROM spaces WHERE name LIKE '%' || char(65533) || '%'").pluck().get()).toBe(0);
  });

  it('reads "," files with English headers and codes, and ";" files with Dutch ones, in any case', async () => {
    const comma = 'code,name,kind,zone,capacity,features\nHUB-3-010,"Werkplek 3.10, bij het raam",desk,Stilte,1,second_screen;sit_stand\nHUB-3-F01,Focusruimte,focus,,1,\n';
    const p = await preview({ csv: comma });
    expect([p.valid, p.delimiter, statuses(p)]).toEqual([true, ',', [['HUB-3-010', 'new'], ['HUB-3-F01', 'new']]]);
    const semi = 'Code;Naam;Soort;Zone;Capaciteit;Kenmerken\nHUB-3-010;Werkplek 3.10, bij het raam;WERKPLEK;stilte;1;tweede scherm | Sit-stand desk\nHUB-3-F01;Focusruimte;Focus room;;1;\n';
    const q = await preview({ csv: semi });
    expect([q.valid, q.delimiter, statuses(q)]).toEqual([true, ';', [['HUB-3-010', 'new'], ['HUB-3-F01', 'new']]]);
    expect((await facility.post(importPath(), { csv: semi })).body).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(space('HUB-3-010')).toMatchObject({ name: 'Werkplek 3.10, bij het raam', features: ['second_screen', 'sit_stand'] });
    // The comma file describes the same spaces: nothing to do.
    expect(statuses(await preview({ csv: comma }))).toEqual([['HUB-3-010', 'unchanged'], ['HUB-3-F01', 'unchanged']]);
  });

  it('a preview gives every bad row its reasons, and an import with any bad row writes nothing', async () => {
    const other = await facility.post('/api/v1/admin/locations', { name: 'Stadswinkel', kind: 'service' });
    await facility.post(`/api/v1/admin/locations/${other.body.id}/spaces`, { code: 'SW-1-001', name: 'Balie', kind: 'desk' });
    const retired = await facility.post(`/api/v1/admin/locations/${t.hub.id}/spaces`, { code: 'HUB-3-OLD', name: 'Oud', kind: 'desk' });
    expect((await facility.post(`/api/v1/admin/spaces/${retired.body.id}/retire`)).status).toBe(200);
    const bad = [
      'code;naam;soort;zone;capaciteit;kenmerken',
      'HUB-3-010;Werkplek;Werkplek;Stilte;1;',
      'hub 3;;bank;Nergens;0;laser',
      'HUB-3-010;Nog eens;Werkplek;;1;',
      'SW-1-001;Balie;Werkplek;;1;',
      'HUB-3-OLD;Oud;Werkplek;;1;',
      'HUB-3-011;Werkplek;;;1;;extra',
      ';;;;;',
    ].join('\r\n');
    const p = await preview({ csv: bad });
    expect(p.valid).toBe(false);
    expect(p.rows.map((r) => [r.line, r.status])).toEqual([[2, 'new'], [3, 'error'], [4, 'error'], [5, 'error'], [6, 'error'], [7, 'error']]);
    expect(p.rows[1]!.reasons).toEqual([{ reason: 'bad_code' }, { reason: 'no_name' }, { reason: 'unknown_kind', value: 'bank' }, { reason: 'unknown_zone', value: 'Nergens' }, { reason: 'bad_capacity' }, { reason: 'unknown_feature', value: 'laser' }]);
    expect(p.rows[2]!.reasons).toEqual([{ reason: 'duplicate_code' }]);
    expect(p.rows[3]!.reasons).toEqual([{ reason: 'code_elsewhere' }]);
    expect(p.rows[4]!.reasons).toEqual([{ reason: 'retired' }]);
    expect(p.rows[5]!.reasons).toEqual([{ reason: 'column_count', found: 7, expected: 6 }, { reason: 'no_kind' }]);
    expect(p.counts).toEqual({ new: 1, changed: 0, unchanged: 0, error: 5 });
    const before = spacesRows();
    const res = await facility.post(importPath(), { csv: bad });
    expect([res.status, res.body.error.code, res.body.error.details.rows.length]).toEqual([400, 'invalid_input', 5]);
    expect(spacesRows()).toEqual(before);
  });

  it('a file that is not a spaces CSV, or too large, gets its own error that says why (and the limit)', async () => {
    const code = async (body: object) => {
      const res = await facility.post(`${importPath()}?dryRun=1`, body);
      return [res.status, res.body.error?.code];
    };
    expect(await code({ csv: '"unterminated' })).toEqual([400, 'csv_unreadable']);
    expect(await code({ csv: 'naam;soort\nWerkplek;Werkplek\n' })).toEqual([400, 'csv_columns_missing']);
    expect(await code({ csv: 'x', file: b64('x') })).toEqual([400, 'invalid_input']);
    expect(await code({ file: 'not base64!' })).toEqual([400, 'invalid_input']);

    const row = 'HUB-9-0001;Werkplek met een lange naam om de regel te vullen;Werkplek;;1;\r\n';
    const big = 'code;naam;soort;zone;capaciteit;kenmerken\r\n' + row.repeat(Math.ceil(MAX_CSV_BYTES / row.length));
    const tooLarge = await facility.post(`${importPath()}?dryRun=1`, { file: b64(big) });
    expect([tooLarge.status, tooLarge.body.error.code, tooLarge.body.error.details]).toEqual([413, 'csv_too_large', { limitBytes: 256 * 1024 }]);
    expect(await code({ csv: big })).toEqual([413, 'csv_too_large']);
    // Far beyond: refused before it is read.
    expect(await code({ file: b64(big.repeat(3)) })).toEqual([413, 'payload_too_large']);
  });

  it('only facility imports', async () => {
    const anna = await t.login('anna@test.nl');
    expect((await anna.post(importPath(), { csv: 'code,name,kind\nHUB-3-010,X,desk\n' })).status).toBe(403);
    expect((await anna.get(`/api/v1/admin/locations/${t.hub.id}/spaces.csv`)).status).toBe(403);
  });
});
