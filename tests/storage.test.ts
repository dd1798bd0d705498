import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeTestApp, type Client, type TestApp } from '../server/testing.js';
import { log as plekLog } from '../server/log.js';

let t: TestApp;
let anna: Client;
beforeEach(async () => {
  t = await makeTestApp();
  anna = await t.login('anna@test.nl');
});
afterEach(() => {
  vi.restoreAllMocks();
  t.close();
});

const count = () => t.db.prepare('SELECT count(*) FROM reservations').pluck().get() as number;
const dates = ['2026-12-02', '2026-12-03', '2026-12-04', '2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11'];

describe('when the database cannot be written', () => {
  it('a full disk gives 503 storage_unavailable with one clear log line, reads go on, and writes work again once there is room', async () => {
    const log = vi.spyOn(plekLog, 'error');
    // The database may not grow: as good as a full disk for SQLite.
    t.db.pragma(`max_page_count = ${t.db.pragma('page_count', { simple: true })}`);
    const answers: number[] = [];
    const created: number[] = [];
    for (const date of dates) {
      for (let hour = 8; hour < 18; hour++) {
        const start = `${date}T${String(hour).padStart(2, '0')}:00:00+01:00`;
        const end = `${date}T${String(hour).padStart(2, '0')}:45:00+01:00`;
        const res = await anna.post('/api/v1/reservations', { spaceId: t.room.id, start, end });
        answers.push(res.status);
        if (res.status === 201) created.push(res.body.id);
        else {
          expect([res.status, res.body.error.code, res.headers.get('retry-after')]).toEqual([503, 'storage_unavailable', '30']);
        }
      }
    }
    expect(answers).toContain(503);
    expect(answers.every((s) => s === 201 || s === 503)).toBe(true);
    expect(count()).toBe(created.length); // every 201 is there, nothing else
    expect(log.mock.calls.filter((c) => c.some((a) => String(a).includes('storage unavailable (SQLITE_FULL'))).length).toBe(1);
    expect((await anna.get('/api/v1/locations')).status).toBe(200);

    t.db.pragma('max_page_count = 1073741823');
    const after = await anna.post('/api/v1/reservations', { spaceId: t.room.id, date: '2026-12-14', part: 'morning' });
    expect(after.status).toBe(201);
    expect(t.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('with many creates at once (committed together) on a disk filling up, every 201 is stored and every other answer is 503', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const people = [anna, await t.login('bram@test.nl'), await t.login('manager@test.nl'), await t.login('facility@test.nl')];
    t.s.admin.updatePolicy(null, t.hub.id, { maxAhead: 500 }, null);
    t.db.pragma(`max_page_count = ${(t.db.pragma('page_count', { simple: true }) as number) + 6}`);
    const created: number[] = [];
    const refused: unknown[] = [];
    for (const date of dates) {
      const wave = await Promise.all(
        Array.from({ length: 20 }, (_, i) => {
          const hour = String(8 + Math.floor(i / 2)).padStart(2, '0');
          const slot = i % 2 === 0 ? ['00', '15'] : ['30', '45'];
          return people[i % people.length]!.post('/api/v1/reservations', { spaceId: t.room.id, start: `${date}T${hour}:${slot[0]}:00+01:00`, end: `${date}T${hour}:${slot[1]}:00+01:00` });
        }),
      );
      for (const res of wave) {
        if (res.status === 201) created.push(res.body.id);
        else refused.push([res.status, res.body.error.code]);
      }
    }
    expect(created.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    expect(new Set(refused.map((r) => JSON.stringify(r)))).toEqual(new Set([JSON.stringify([503, 'storage_unavailable'])]));
    const stored = t.db.prepare('SELECT id FROM reservations').pluck().all();
    expect(stored.sort()).toEqual(created.sort());
    expect(t.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('a read-only database gives 503 for writes, including sign-in, and serves reads; it recovers when writable again', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    // A booking this morning that nobody checks in: the sweep will have a no-show to write.
    expect((await anna.post('/api/v1/reservations', { spaceId: t.desks[1]!.id, date: '2026-12-01', part: 'morning' })).status).toBe(201);
    t.clock.advance(3 * 3_600_000);
    t.db.pragma('query_only = ON');
    const res = await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, date: '2026-12-02', part: 'morning' });
    expect([res.status, res.body.error.code]).toEqual([503, 'storage_unavailable']);
    expect((await t.anonymous().post('/api/v1/auth/login', { email: 'bram@test.nl', password: 'correct horse battery' })).status).toBe(503);
    expect((await anna.get(`/api/v1/locations/${t.hub.id}/spaces`)).status).toBe(200);
    expect(() => t.s.reservations.sweep()).toThrow(/readonly/); // a job's run fails, and is retried on its next run
    t.db.pragma('query_only = OFF');
    expect(t.s.reservations.sweep().noShows).toBe(1);
    expect((await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, date: '2026-12-02', part: 'morning' })).status).toBe(201);
  });
});
