import Database from 'better-sqlite3';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../server/app.js';
import { openDatabase } from '../server/db/database.js';
import { makeTestApp, type TestApp } from '../server/testing.js';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(() => t.close());

describe('npm run backup', () => {
  it('backs up the database while it is in use, and a restored backup has every reservation', async () => {
    const anna = await t.login('anna@test.nl');
    for (const [i, d] of t.desks.entries()) {
      expect((await anna.post('/api/v1/reservations', { spaceId: d.id, date: `2026-12-0${i + 2}`, part: 'day' })).status).toBe(201);
    }
    const target = join(t.dbFile, '..', 'backup.sqlite');
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/backup.ts', target], { env: { ...process.env, PLEK_DB: t.dbFile }, encoding: 'utf8' });
    expect(out).toMatch(/3 reservations, integrity ok/);

    // A reservation after the backup is not in it; everything before is.
    await anna.post('/api/v1/reservations', { spaceId: t.room.id, start: '2026-12-01T10:00:00+01:00', end: '2026-12-01T11:00:00+01:00' });
    const restored = createServices(openDatabase(target), t.clock, t.s.config);
    const backup = new Database(target, { readonly: true });
    const ids = backup.prepare('SELECT space_id FROM reservations ORDER BY id').pluck().all() as number[];
    backup.close();
    expect(ids).toEqual(t.desks.map((d) => d.id));
    const mine = restored.reservations.listMine({ ...t.users.anna }, Date.parse('2026-12-01T00:00:00Z'), Date.parse('2026-12-10T00:00:00Z'));
    expect(mine.map((v) => v.space.code)).toEqual(['HUB-3-001', 'HUB-3-002', 'HUB-3-003']);
  });
});

describe('npm run audit:check', () => {
  it('says the chain is intact, and names the first entry after tampering', async () => {
    await t.login('anna@test.nl');
    const run = () => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-check.ts'], { env: { ...process.env, PLEK_DB: t.dbFile }, encoding: 'utf8' });
    const ok = run();
    expect([ok.status, ok.stdout]).toEqual([0, expect.stringMatching(/entries, chain intact/)]);
    const id = t.db.prepare("SELECT id FROM audit_log WHERE action = 'auth.login' ORDER BY id LIMIT 1").pluck().get();
    t.db.prepare("UPDATE audit_log SET result = 'failed' WHERE id = ?").run(id);
    const tampered = run();
    expect([tampered.status, tampered.stderr.trim()]).toEqual([1, `plek audit: chain broken at entry ${id}`]);
  });
});
