/**
 * `npx tsx scripts/bench-availability.ts`: the size and time of one busy day's availability at
 * a 210-space location, on a temporary database through the real server. Shape-agnostic (it
 * only counts bytes and times answers), so the same script measures an answer before and after
 * a change of its shape.
 *
 * The day: ten hours in which each of 200 rooms holds bookings of one to four quarter hours with
 * gaps of one to three between them (from a fixed seed: about 13 ranges a room, 2,600 in all),
 * 10 desks free; the window is those ten hours.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call, fmt, inTurns, load, login, startServer } from './bench-lib.js';
import { addDaysToDate, localDate, localToInstant } from '../shared/time.js';

const ADMIN = { email: 'bench-admin@plek.test', password: 'bench admin password' };
const ROOMS = 200;
const USERS = 20; // each books 140 ranges, within the policy's maxAhead of 500
const SLOT = 15 * 60_000;
const HOURS = 10;
const READS = Number(process.env.BENCH_READS ?? 1000);

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'plek-bench-avail-'));
  // BENCH_BEFORE=<a checkout of an earlier commit>: that server beside this one, same data,
  // measured in turns, so the shared machine's noise falls on both alike.
  const before = process.env.BENCH_BEFORE;
  const servers: { name: string; script: string }[] = [{ name: 'this tree', script: 'server/main.ts' }];
  if (before) servers.unshift({ name: 'before', script: join(before, 'server/main.ts') });
  const started: Awaited<ReturnType<typeof setUp>>[] = [];
  try {
    for (const [i, { name, script }] of servers.entries()) started.push(await setUp(name, script, join(dir, String(i))));
    console.log(`\nAvailability of one busy day: 210 spaces, ${started[0]!.ranges} busy ranges, ${HOURS} hours`);
    for (const s of started) {
      const sizeAs = async (encoding?: string) => {
        // bench-lib reads text; a compressed answer's size is its Content-Length.
        const r = await s.get(0, encoding ? { 'accept-encoding': encoding, 'sec-fetch-site': 'same-origin' } : {});
        return encoding ? Number(r.headers['content-length']) : Buffer.byteLength(r.body);
      };
      console.log(`  ${s.name.padEnd(10)} ${await sizeAs()} bytes as JSON, ${await sizeAs('gzip')} gzip, ${await sizeAs('br')} brotli`);
    }
    const browser = { 'accept-encoding': 'gzip, deflate, br', 'sec-fetch-site': 'same-origin' };
    for (const [how, headers] of [
      ['uncompressed', {}],
      ['as a browser asks (br)', browser],
    ] as const) {
      for (const concurrency of [1, 10]) {
        const task = (s: (typeof started)[number]) => (n: number) => s.get(n, headers).then((r) => r.status);
        for (const s of started) await load(200, concurrency, task(s)); // warm-up
        const runs =
          started.length === 2
            ? (({ a, b }) => [b, a])(await inTurns(READS, concurrency, task(started[1]!), task(started[0]!)))
            : [await load(READS, concurrency, task(started[0]!))];
        for (const [i, r] of runs.entries()) {
          console.log(`  ${how.padEnd(24)} concurrency ${String(concurrency).padEnd(3)} ${started[i]!.name.padEnd(10)} ${fmt(r.perSecond, 0)}/s, p50 ${fmt(r.p50, 2)} ms, p95 ${fmt(r.p95, 2)} ms`);
        }
      }
    }
  } finally {
    for (const s of started) s.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A server on its own database with the busy day booked through the API, as people would. */
async function setUp(name: string, script: string, dir: string) {
  mkdirSync(dir);
  const plek = await startServer(script, {
    PLEK_DB: join(dir, 'plek.sqlite'),
    PLEK_ADMIN_EMAIL: ADMIN.email,
    PLEK_ADMIN_PASSWORD: ADMIN.password,
    PLEK_SWEEP_SECONDS: '3600',
    PLEK_DIST: join(dir, 'no-dist'),
    PLEK_2FA_ROLES: 'none',
  });
  try {
    const admin = await login(plek.url, ADMIN.email, ADMIN.password);
    const post = (path: string, body: unknown, cookie = admin) => call(plek.url, 'POST', path, body, { cookie });
    const location = JSON.parse((await post('/api/v1/admin/locations', { name: 'Bench HUB', kind: 'hub' })).body) as { id: number };
    await call(plek.url, 'PUT', `/api/v1/admin/locations/${location.id}/policy`, { daysAhead: 90, maxAhead: 500, closedOnHolidays: false }, { cookie: admin });
    const rooms: number[] = [];
    for (let i = 0; i < ROOMS; i++) {
      const r = await post(`/api/v1/admin/locations/${location.id}/spaces`, { code: `BENCH-F${String(i).padStart(3, '0')}`, name: `Focus ${i}`, kind: 'focus' });
      rooms.push((JSON.parse(r.body) as { id: number }).id);
    }
    for (let i = 0; i < 10; i++) await post(`/api/v1/admin/locations/${location.id}/spaces`, { code: `BENCH-D${i}`, name: `Desk ${i}`, kind: 'desk' });
    const cookies: string[] = [];
    for (let i = 0; i < USERS; i++) {
      const email = `bench${i}@plek.test`;
      await post('/api/v1/admin/users', { email, name: `Bench ${i}`, password: 'bench user password', roles: ['employee'] });
      cookies.push(await login(plek.url, email, 'bench user password'));
    }

    // Tomorrow from 08:00 (the same instants for every server started that day), so every
    // booking lies ahead and inside the opening hours (08:00 to 18:00, HOURS long).
    const from = localToInstant(addDaysToDate(localDate(Date.now(), 'Europe/Amsterdam'), 1), '08:00', 'Europe/Amsterdam');
    const to = from + HOURS * 3_600_000;
    // mulberry32 from a fixed seed: the same day for every server, with times that differ per
    // room as real ones do (identical rows would make the compressed size meaninglessly small).
    let seed = 13;
    const random = (n: number) => {
      let x = (seed = (seed + 0x6d2b79f5) | 0);
      x = Math.imul(x ^ (x >>> 15), x | 1);
      x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
      return 1 + Math.floor((((x ^ (x >>> 14)) >>> 0) / 2 ** 32) * n);
    };
    const bookings: { spaceId: number; start: string; end: string; cookie: string }[] = [];
    rooms.forEach((spaceId, i) => {
      for (let start = from + (random(3) - 1) * SLOT; ; ) {
        const end = start + random(4) * SLOT;
        if (end > to) break;
        bookings.push({ spaceId, start: new Date(start).toISOString(), end: new Date(end).toISOString(), cookie: cookies[i % USERS]! });
        start = end + random(3) * SLOT;
      }
    });
    const made = await load(bookings.length, 10, (n) => {
      const { cookie, ...body } = bookings[n]!;
      return post('/api/v1/reservations', body, cookie).then((r) => r.status);
    });
    const refused = [...made.statuses].filter(([s]) => s !== 201);
    if (refused.length) throw new Error(`bookings refused: ${JSON.stringify(refused)}`);
    const path = `/api/v1/availability?location=${location.id}&from=${encodeURIComponent(new Date(from).toISOString())}&to=${encodeURIComponent(new Date(to).toISOString())}`;
    const get = (n: number, headers: Record<string, string>) => call(plek.url, 'GET', path, undefined, { cookie: cookies[n % USERS]!, ...headers });
    return { name, child: plek.child, get, ranges: bookings.length };
  } catch (err) {
    plek.child.kill('SIGTERM');
    throw err;
  }
}


main().catch((err) => {
  console.error(err);
  process.exit(1);
});
