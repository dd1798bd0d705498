import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../clock.js';
import { createServices } from '../app.js';
import { startJobs, type Jobs } from './jobs.js';
import { makeTestApp, type TestApp } from '../testing.js';

let t: TestApp;
let jobs: Jobs | undefined;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => {
  jobs?.stop();
  t.close();
});

describe('the no-show sweep job', () => {
  it('runs at the deadline, not only every PLEK_SWEEP_SECONDS, and announces the no-show', async () => {
    // Real time here: a meeting room booked to have started 10 minutes (its grace) ago, minus 1.5 s.
    const s = createServices(t.db, systemClock, { ...t.s.config, sweepMs: 60_000 });
    const now = Date.now();
    const start = now - 10 * 60_000 + 1_500;
    const id = Number(
      t.db
        .prepare("INSERT INTO reservations (space_id, user_id, start_ms, end_ms, state, created_at) VALUES (?, ?, ?, ?, 'booked', ?)")
        .run(t.room.id, t.users.anna.id, start, start + 3_600_000, start - 60_000).lastInsertRowid,
    );
    const seen: string[] = [];
    s.events.subscribe(t.hub.id, (e) => seen.push(`${e.reservationId}:${e.state}`));
    jobs = startJobs(s);
    expect(seen).toEqual([]);
    await new Promise((r) => setTimeout(r, 2_500));
    expect(seen).toEqual([`${id}:no_show`]);
    expect(t.db.prepare('SELECT state FROM reservations WHERE id = ?').pluck().get(id)).toBe('no_show');
  });
});
