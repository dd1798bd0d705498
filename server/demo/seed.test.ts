import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, createServices } from '../app.js';
import { FakeClock } from '../clock.js';
import { testConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { Client } from '../testing.js';
import { seedDemo } from './seed.js';

let dir: string | undefined;
let close: (() => void) | undefined;
afterEach(() => {
  close?.();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the demo data', () => {
  it('holds a year of history, so the occupancy report shows busy Mondays, Tuesdays and Thursdays on first start; seeding stays fast', async () => {
    dir = mkdtempSync(join(tmpdir(), 'plek-demo-'));
    const db = openDatabase(join(dir, 'plek.sqlite'));
    close = () => db.close();
    const s = createServices(db, new FakeClock(Date.parse('2026-12-01T07:00:00+01:00')), testConfig({ dbFile: join(dir, 'plek.sqlite'), distDir: join(dir, 'no-dist') }));
    const started = performance.now();
    const demo = await seedDemo(s);
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(demo).not.toBeNull();

    const facility = new Client(createApp(s));
    expect((await facility.post('/api/v1/auth/login', { email: 'facilitair@plek.demo', password: demo!.password })).status).toBe(200);
    const hub = (await facility.get('/api/v1/locations')).body.find((l: { kind: string }) => l.kind === 'hub');
    const res = await facility.get(`/api/v1/reports/locations/${hub.id}/occupancy?from=2026-01-05&to=2026-11-27`);
    expect(res.status).toBe(200);
    const day = Object.fromEntries(res.body.weekdays.map((w: { weekday: string; checkedIn: number | null }) => [w.weekday, w.checkedIn]));
    for (const d of ['ma', 'di', 'wo', 'do', 'vr']) expect(day[d], d).toBeGreaterThan(0);
    expect(Math.min(day.ma, day.di, day.do)).toBeGreaterThan(Math.max(day.wo, day.vr));
    expect(res.body.peak).not.toBeNull();
    // Some stay into the evening: the report's evening hours have figures too.
    expect(res.body.hours.find((h: { hour: number }) => h.hour === 19).checkedIn).toBeGreaterThan(0);
    expect(res.body.noShowRate).toBeGreaterThan(0);
    // The most desks at once, and the rooms: used, some far more than others, with no-shows.
    expect(res.body.peakAtOnce.desks.inUse).toBeGreaterThan(0);
    expect(res.body.peakAtOnce.desks.inUse).toBeLessThanOrEqual(res.body.desks);
    const hours = res.body.roomUse.map((x: { hoursUsed: number | null }) => x.hoursUsed);
    expect(hours.every((h: number | null) => h !== null && h > 0)).toBe(true);
    expect(hours[0]).toBeGreaterThan(2 * hours.at(-1));
    expect(res.body.roomUse.some((x: { noShows: number | null }) => x.noShows! > 0)).toBe(true);
    // A second start seeds nothing.
    expect(await seedDemo(s)).toBeNull();
  }, 60_000);
});
