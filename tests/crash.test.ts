/**
 * A crash in the middle of a create load: SIGKILL, no shutdown, then a restart on the same file.
 * Every reservation answered with 201 must be there, nothing may overlap, and SQLite's own
 * integrity check must pass.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { call, startServer } from '../scripts/bench-lib.js';
import { addDaysToDate, localDate, localToInstant } from '../shared/time.js';

const dir = mkdtempSync(join(tmpdir(), 'plek-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a crash during a create load', () => {
  it('loses no acknowledged reservation and leaves no overlap', async () => {
    const db = join(dir, 'plek.sqlite');
    // No second factor for the admin here: this test is about crashes, not sign-in.
    const env = { PLEK_DB: db, PLEK_ADMIN_EMAIL: 'crash@plek.test', PLEK_ADMIN_PASSWORD: 'crash test password', PLEK_SWEEP_SECONDS: '3600', PLEK_DIST: join(dir, 'none'), PLEK_2FA_ROLES: 'none' };
    const first = await startServer('server/main.ts', env);
    const login = await call(first.url, 'POST', '/api/v1/auth/login', { email: 'crash@plek.test', password: 'crash test password' });
    const cookie = String(login.headers['set-cookie']?.[0]).split(';')[0]!;
    const location = JSON.parse((await call(first.url, 'POST', '/api/v1/admin/locations', { name: 'Crash', kind: 'hub' }, { cookie })).body) as { id: number };
    // Open on public holidays too: the load books from tomorrow, whatever day the test runs.
    await call(first.url, 'PUT', `/api/v1/admin/locations/${location.id}/policy`, { daysAhead: 60, maxAhead: 500, closedOnHolidays: false }, { cookie });
    const rooms: number[] = [];
    for (let i = 0; i < 5; i++) rooms.push(JSON.parse((await call(first.url, 'POST', `/api/v1/admin/locations/${location.id}/spaces`, { code: `CRASH-${i}`, name: `Room ${i}`, kind: 'meeting' }, { cookie })).body).id);

    // Quarter hours inside the opening hours (08:00-18:00 by the default day-parts), from tomorrow on.
    const today = localDate(Date.now(), 'Europe/Amsterdam');
    const quarter = (k: number) => localToInstant(addDaysToDate(today, 1 + Math.floor(k / 40)), '08:00', 'Europe/Amsterdam') + (k % 40) * 900_000;
    const acknowledged: number[] = [];
    const unexpected: number[] = [];
    let n = 0;
    let killed = false;
    const worker = async () => {
      while (!killed) {
        const i = n++;
        // Some requests race for the same slot on purpose: the loser must get 409, not a second row.
        const slot = Math.floor(i / 2);
        const start = quarter(Math.floor(slot / rooms.length));
        const body = { spaceId: rooms[slot % rooms.length]!, start: new Date(start).toISOString(), end: new Date(start + 900_000).toISOString() };
        let res;
        try {
          res = await call(first.url, 'POST', '/api/v1/reservations', body, { cookie });
        } catch {
          return; // the connection died with the server
        }
        if (res.status === 201) acknowledged.push((JSON.parse(res.body) as { id: number }).id);
        else if (res.status !== 409) unexpected.push(res.status);
      }
    };
    const workers = Array.from({ length: 8 }, worker);
    await new Promise((r) => setTimeout(r, 1500));
    first.child.kill('SIGKILL');
    killed = true;
    await Promise.all(workers);
    expect(acknowledged.length).toBeGreaterThan(20);
    expect(unexpected).toEqual([]);

    const second = await startServer('server/main.ts', env);
    second.child.kill('SIGTERM');
    await new Promise((r) => second.child.on('exit', r));
    const check = new Database(db, { readonly: true });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    const stored = new Set(check.prepare('SELECT id FROM reservations').pluck().all() as number[]);
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    const overlaps = check
      .prepare(
        `SELECT count(*) FROM reservations a JOIN reservations b ON a.space_id = b.space_id AND a.id < b.id
         WHERE a.state IN ('booked','checked_in') AND b.state IN ('booked','checked_in') AND a.start_ms < b.end_ms AND b.start_ms < a.end_ms`,
      )
      .pluck()
      .get();
    expect(overlaps).toBe(0);
    check.close();
  }, 60_000);
});
