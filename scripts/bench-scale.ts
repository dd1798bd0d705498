/**
 * `npm run bench:scale`: Plek at a municipality's real size. For 10k, 100k and 1M reservations
 * of history (scripts/bench-scale-data.ts) it prints the no-show sweep, then starts the real
 * server on that database and prints a year's occupancy report (min/median/max), availability
 * of a day (p95), a create (p50), a read's latency with and without a report running beside it,
 * and the server's RSS. Sizes from BENCH_SCALE_SIZES (e.g. "10000,100000").
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { call, fmt, login, percentile, startServer } from './bench-lib.js';
import { EMPLOYEE_PASSWORD, FACILITY, generate } from './bench-scale-data.js';

const sizes = (process.env.BENCH_SCALE_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const dir = mkdtempSync(join(tmpdir(), 'plek-scale-'));
const DAY = 86_400_000;

const stats = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return `${fmt(sorted[0]!)}/${fmt(percentile(sorted, 50))}/${fmt(sorted.at(-1)!)}`;
};
const timed = async (f: () => Promise<{ status: number }>, expect = 200) => {
  const t0 = performance.now();
  const r = await f();
  const ms = performance.now() - t0;
  if (r.status !== expect) throw new Error(`status ${r.status}`);
  return ms;
};


/** The no-show sweep of today's due bookings and the look for the next deadline after it, in this process on the generated database. */
async function sweep(file: string) {
  const { openDatabase } = await import('../server/db/database.js');
  const { createServices } = await import('../server/app.js');
  const { testConfig } = await import('../server/config.js');
  const { systemClock } = await import('../server/clock.js');
  const db = openDatabase(file);
  const s = createServices(db, systemClock, testConfig({ dbFile: file }));
  const t0 = performance.now();
  const result = s.reservations.sweep();
  const ms = performance.now() - t0;
  const t1 = performance.now();
  s.reservations.nextDue(Date.now() + 3_600_000);
  const scheduleMs = performance.now() - t1;
  db.close();
  return { ms, scheduleMs, noShows: result.noShows };
}

async function measure(total: number) {
  const file = join(dir, `scale-${total}.sqlite`);
  const g0 = performance.now();
  const data = await generate(file, total, { now: () => Date.now() });
  const generated = (performance.now() - g0) / 1000;
  const swept = await sweep(file);
  const s0 = performance.now();
  const plek = await startServer('server/main.ts', { PLEK_DB: file, PLEK_SWEEP_SECONDS: '3600', PLEK_DIST: join(dir, 'no-dist'), PLEK_2FA_ROLES: 'none' });
  const started = (performance.now() - s0) / 1000;
  try {
    const facility = await login(plek.url, FACILITY.email, FACILITY.password);
    const people = await Promise.all(data.signInEmails.slice(0, 20).map((e) => login(plek.url, e, EMPLOYEE_PASSWORD)));
    const reportPath = `/api/v1/reports/locations/${data.hubId}/occupancy?from=${data.from}&to=${data.to}`;
    const report = () => call(plek.url, 'GET', reportPath, undefined, { cookie: facility });
    await report(); // warm-up: compiled code, pages in the cache
    const reports: number[] = [];
    for (let i = 0; i < 7; i++) reports.push(await timed(report));

    // Availability of tomorrow at the central office, as the reserve screen asks for it.
    const tomorrow = Math.ceil(Date.now() / DAY) * DAY;
    const availability = (k: number) =>
      call(plek.url, 'GET', `/api/v1/availability?location=${data.hubId}&from=${encodeURIComponent(new Date(tomorrow + 7 * 3_600_000).toISOString())}&to=${encodeURIComponent(new Date(tomorrow + 17 * 3_600_000).toISOString())}`, undefined, { cookie: people[k % people.length]! });
    for (let i = 0; i < 50; i++) await availability(i);
    const reads: number[] = [];
    for (let i = 0; i < 300; i++) reads.push(await timed(() => availability(i)));
    reads.sort((a, b) => a - b);

    // Creates of an hour in a room, days ahead, one at a time.
    const creates: number[] = [];
    for (let i = 0; i < 300; i++) {
      const start = tomorrow + (1 + Math.floor(i / data.rooms.length)) * DAY + 8 * 3_600_000;
      const body = { spaceId: data.rooms[i % data.rooms.length]!, start: new Date(start).toISOString(), end: new Date(start + 3_600_000).toISOString() };
      creates.push(await timed(() => call(plek.url, 'POST', '/api/v1/reservations', body, { cookie: people[i % people.length]! }), 201));
    }
    creates.sort((a, b) => a - b);

    // A read alone, and the same read sent 5 ms after a report was asked for, while it runs.
    const alone: number[] = [];
    const beside: number[] = [];
    for (let i = 0; i < 20; i++) {
      alone.push(await timed(() => availability(i)));
      const pending = report();
      await new Promise((r) => setTimeout(r, 5));
      beside.push(await timed(() => availability(i)));
      await pending;
    }
    return { total, generated, started, swept, reports, reads, creates, alone, beside, rss: plek.rssMb() };
  } finally {
    plek.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    rmSync(file, { force: true });
    rmSync(`${file}-wal`, { force: true });
    rmSync(`${file}-shm`, { force: true });
  }
}

async function main() {
  console.log('\nPlek at scale (2 cores shared): 1,000 people, 250 spaces, 500 reservations a workday; a year\'s report of the central office (200 spaces)\n');
  console.log('reservations   generated   start   sweep (due) + schedule   report min/median/max ms   availability p95   create p50   read alone / beside a report, min/median/max ms   RSS');
  try {
    for (const total of sizes) {
      const r = await measure(total);
      console.log(
        `${r.total.toLocaleString('en').padStart(12)}   ${fmt(r.generated).padStart(7)} s   ${fmt(r.started).padStart(3)} s   ${fmt(r.swept.ms).padStart(5)} ms (${r.swept.noShows}) + ${fmt(r.swept.scheduleMs)} ms   ${stats(r.reports).padStart(24)}   ${fmt(percentile(r.reads, 95), 2).padStart(13)} ms   ${fmt(percentile(r.creates, 50), 2).padStart(7)} ms   ${`${stats(r.alone)} / ${stats(r.beside)}`.padStart(36)}   ${fmt(r.rss, 0)} MB`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
