/**
 * `npm run bench`: Plek's server under load on a temporary database, with a bare Hono +
 * better-sqlite3 server beside it in the same run so the cost of the full stack shows as a
 * ratio. Prints figures; asserts only the invariants (no double booking, no 500).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call, fmt, load, startServer } from './bench-lib.js';
import { buildSizes } from './build-size.js';
import { lighthouseScores } from './lighthouse.js';
import { existsSync } from 'node:fs';

const dir = mkdtempSync(join(tmpdir(), 'plek-bench-'));
const ADMIN = { email: 'bench-admin@plek.test', password: 'bench admin password' };
const USERS = 50;
const SLOT = 15 * 60_000;
const DAY = 24 * 3_600_000;
const scale = Number(process.env.BENCH_SCALE ?? 1);

async function main() {
  const plek = await startServer('server/main.ts', {
    PLEK_DB: join(dir, 'plek.sqlite'),
    PLEK_ADMIN_EMAIL: ADMIN.email,
    PLEK_ADMIN_PASSWORD: ADMIN.password,
    PLEK_SWEEP_SECONDS: '3600',
    PLEK_DIST: join(dir, 'no-dist'),
  });
  const baseline = await startServer('scripts/bench-baseline-server.ts', { PLEK_DB: join(dir, 'baseline.sqlite') });
  try {
    // Set-up through the API, as an admin would.
    const admin = await login(plek.url, ADMIN.email, ADMIN.password);
    const post = (path: string, body: unknown) => call(plek.url, 'POST', path, body, { cookie: admin });
    const location = JSON.parse((await post('/api/v1/admin/locations', { name: 'Bench HUB', kind: 'hub' })).body) as { id: number };
    await call(plek.url, 'PUT', `/api/v1/admin/locations/${location.id}/policy`, { daysAhead: 90, maxAhead: 500 }, { cookie: admin });
    const rooms: number[] = [];
    for (let i = 0; i < 200; i++) {
      const r = await post(`/api/v1/admin/locations/${location.id}/spaces`, { code: `BENCH-F${String(i).padStart(3, '0')}`, name: `Focus ${i}`, kind: 'focus' });
      rooms.push((JSON.parse(r.body) as { id: number }).id);
    }
    const desks: number[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await post(`/api/v1/admin/locations/${location.id}/spaces`, { code: `BENCH-D${i}`, name: `Desk ${i}`, kind: 'desk' });
      desks.push((JSON.parse(r.body) as { id: number }).id);
    }
    const cookies: string[] = [];
    for (let i = 0; i < USERS; i++) {
      const email = `bench${i}@plek.test`;
      await post('/api/v1/admin/users', { email, name: `Bench ${i}`, password: 'bench user password', roles: ['employee'] });
      cookies.push(await login(plek.url, email, 'bench user password'));
    }

    const base = Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 3_600_000;
    let plekSlot = 0;
    let bareSlot = 0;
    // Request g takes room g % 200 on the next free (day, quarter hour): spread over 60 days as
    // real bookings are, so one day's availability holds a realistic few ranges per room.
    const interval = (g: number) => {
      const slot = Math.floor(g / rooms.length);
      const start = base + (slot % 60) * DAY + (Math.floor(slot / 60) % 40) * SLOT;
      return { spaceId: rooms[g % rooms.length]!, start: new Date(start).toISOString(), end: new Date(start + SLOT).toISOString() };
    };
    const plekCreate = (n: number) => call(plek.url, 'POST', '/api/v1/reservations', interval(plekSlot++), { cookie: cookies[n % USERS]! }).then((r) => r.status);
    const bareCreate = () => call(baseline.url, 'POST', '/api/v1/reservations', interval(bareSlot++)).then((r) => r.status);

    console.log('\nPlek bench (2 cores shared; compare ratios within this run)\n');
    await load(300, 10, plekCreate); // warm-up
    await load(300, 10, bareCreate);
    console.log('Creates per second (distinct spaces)   Plek        p50/p95/p99 ms        bare        p50/p95/p99 ms      ratio');
    for (const concurrency of [1, 10, 50]) {
      const total = Math.round((concurrency === 1 ? 1000 : 4000) * scale);
      const bare = await load(total, concurrency, bareCreate);
      const full = await load(total, concurrency, plekCreate);
      const bad = [...full.statuses.keys()].filter((s) => s !== 201);
      console.log(
        `  concurrency ${String(concurrency).padEnd(25)}${fmt(full.perSecond, 0).padStart(6)}   ${`${fmt(full.p50)}/${fmt(full.p95)}/${fmt(full.p99)}`.padEnd(20)}${fmt(bare.perSecond, 0).padStart(8)}   ${`${fmt(bare.p50)}/${fmt(bare.p95)}/${fmt(bare.p99)}`.padEnd(20)}${fmt(full.perSecond / bare.perSecond, 2)}${bad.length ? `   non-201: ${JSON.stringify([...full.statuses])}` : ''}`,
      );
    }

    // Contention: many people, one desk, one slot.
    console.log('\nContention: 100 rounds per group size, all racing for the same desk and slot');
    const contentionBase = base + 70 * DAY;
    let round = 0;
    for (const racers of [2, 20, 50]) {
      let doubles = 0;
      let errors = 0;
      let wrongRefusals = 0;
      for (let r = 0; r < 100; r++, round++) {
        const body = { spaceId: desks[round % desks.length]!, start: new Date(contentionBase + round * SLOT).toISOString(), end: new Date(contentionBase + round * SLOT + SLOT).toISOString() };
        const answers = await Promise.all(Array.from({ length: racers }, (_, i) => call(plek.url, 'POST', '/api/v1/reservations', body, { cookie: cookies[i % USERS]! })));
        const wins = answers.filter((a) => a.status === 201).length;
        if (wins > 1) doubles++;
        errors += answers.filter((a) => a.status >= 500).length;
        wrongRefusals += answers.filter((a) => a.status !== 201 && !(a.status === 409 && a.body.includes('"conflict"'))).length;
      }
      console.log(`  ${String(racers).padStart(2)} clients: rounds with more than one winner ${doubles} (must be 0), 5xx answers ${errors}, losers without 409 conflict ${wrongRefusals}`);
      if (doubles > 0 || errors > 0) process.exitCode = 1;
    }

    // Availability of a 200-space location over a busy day.
    const from = new Date(base).toISOString();
    const to = new Date(base + 10 * 3_600_000).toISOString();
    const path = `/api/v1/availability?location=${location.id}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
    const ranges = Math.ceil(plekSlot / rooms.length / 60);
    console.log(`\nAvailability of one day (210 spaces, about ${ranges} busy range(s) per room)`);
    for (const concurrency of [1, 10]) {
      const reads = await load(Math.round(2000 * scale), concurrency, (n) => call(plek.url, 'GET', path, undefined, { cookie: cookies[n % USERS]! }).then((r) => r.status));
      console.log(`  concurrency ${String(concurrency).padEnd(3)} ${fmt(reads.perSecond, 0)}/s, p50 ${fmt(reads.p50)} ms, p95 ${fmt(reads.p95)} ms, p99 ${fmt(reads.p99)} ms`);
    }
    console.log(`\nServer memory after the run: Plek RSS ${fmt(plek.rssMb(), 0)} MB, bare RSS ${fmt(baseline.rssMb(), 0)} MB`);
    await appFigures();
  } finally {
    plek.child.kill('SIGTERM');
    baseline.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The built app: what the first screen downloads, and Lighthouse's view of it. */
async function appFigures() {
  if (!existsSync('dist/pwa/index.html')) {
    console.log('\nApp: not built (npm run build), no sizes or Lighthouse scores.');
    return;
  }
  const sizes = buildSizes();
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`\nApp build (gzip): first screen JavaScript ${kb(sizes.initialJsGzip)} (budget 50 KB) in ${sizes.initialJs.map((f) => f.file).join(', ')}; CSS ${kb(sizes.cssGzip)}`);
  console.log(`  lazy chunks: ${sizes.lazy.map((f) => `${f.file.replace('assets/', '')} ${kb(f.gzip)}`).join(', ')}`);
  const server = await startServer('server/main.ts', { PLEK_DB: join(dir, 'lighthouse.sqlite'), PLEK_SWEEP_SECONDS: '3600' });
  try {
    const s = await lighthouseScores(server.url + '/');
    console.log(`Lighthouse 12.2.3 (mobile) on the first screen: performance ${s.performance}, accessibility ${s.accessibility}, best practices ${s.bestPractices}; FCP ${s.fcpMs} ms, LCP ${s.lcpMs} ms\n`);
  } catch (err) {
    console.log(`Lighthouse could not run: ${err instanceof Error ? err.message : String(err)}\n`);
  } finally {
    server.child.kill('SIGTERM');
  }
}

async function login(url: string, email: string, password: string): Promise<string> {
  const res = await call(url, 'POST', '/api/v1/auth/login', { email, password });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${res.body}`);
  return String(res.headers['set-cookie']?.[0]).split(';')[0]!;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
