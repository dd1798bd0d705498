/**
 * `npm run bench`: Plek's server under load on a temporary database, with a bare Hono +
 * better-sqlite3 server beside it in the same run so the cost of the full stack shows as a
 * ratio. Prints figures; asserts only the invariants (no double booking, no 500).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { call, fmt, inTurns, load, login, percentile, startServer } from './bench-lib.js';
import { buildSizes } from './build-size.js';
import { lighthouseScores } from './lighthouse.js';
import { coldOfflineStart, spread } from './bench-offline.js';
import { existsSync } from 'node:fs';
import { addDaysToDate, localDate, localToInstant } from '../shared/time.js';

/**
 * Tomorrow at 08:00 in Amsterdam: the bookings spread from there over 40 quarter hours a day,
 * exactly the opening hours (08:00 to 18:00) the server takes rooms in.
 */
function openingTomorrow(): number {
  return openingAfter(0);
}

/** 08:00 in Amsterdam `days` days after tomorrow (by the calendar, so a change to summer time shifts nothing). */
function openingAfter(days: number): number {
  return localToInstant(addDaysToDate(localDate(Date.now(), 'Europe/Amsterdam'), 1 + days), '08:00', 'Europe/Amsterdam');
}

const dir = mkdtempSync(join(tmpdir(), 'plek-bench-'));
const ADMIN = { email: 'bench-admin@plek.test', password: 'bench admin password' };
// Enough people that each holds a realistic number of reservations ahead (the policy caps it).
const USERS = 200;
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
    PLEK_2FA_ROLES: 'none', // the bench's admin sets up by script; sign-in is not what it measures
  });
  const baseline = await startServer('scripts/bench-baseline-server.ts', { PLEK_DB: join(dir, 'baseline.sqlite') });
  try {
    // Set-up through the API, as an admin would.
    const admin = await login(plek.url, ADMIN.email, ADMIN.password);
    const post = (path: string, body: unknown) => call(plek.url, 'POST', path, body, { cookie: admin });
    const location = JSON.parse((await post('/api/v1/admin/locations', { name: 'Bench HUB', kind: 'hub' })).body) as { id: number };
    // Open on every day of the 60 days the creates spread over, Christmas included: every create is one the server accepts.
    await call(plek.url, 'PUT', `/api/v1/admin/locations/${location.id}/policy`, { daysAhead: 90, maxAhead: 500, closedOnHolidays: false }, { cookie: admin });
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

    const base = openingTomorrow();
    let plekSlot = 0;
    let bareSlot = 0;
    // Request g takes room g % 200 on the next free (day, quarter hour): spread over 60 days as
    // real bookings are, so one day's availability holds a realistic few ranges per room.
    const interval = (g: number) => {
      const slot = Math.floor(g / rooms.length);
      const start = openingAfter(slot % 60) + (Math.floor(slot / 60) % 40) * SLOT;
      return { spaceId: rooms[g % rooms.length]!, start: new Date(start).toISOString(), end: new Date(start + SLOT).toISOString() };
    };
    const plekCreate = (n: number) => call(plek.url, 'POST', '/api/v1/reservations', interval(plekSlot++), { cookie: cookies[n % USERS]! }).then((r) => r.status);
    const bareCreate = () => call(baseline.url, 'POST', '/api/v1/reservations', interval(bareSlot++)).then((r) => r.status);

    console.log('\nPlek bench (2 cores shared; compare ratios within this run)\n');
    await load(1000, 10, plekCreate); // warm-up, so both run compiled code
    await load(1000, 10, bareCreate);
    console.log('Creates per second (distinct spaces)   Plek        p50/p95/p99 ms        bare        p50/p95/p99 ms      ratio (5 rounds in turns: lowest-highest)');
    for (const concurrency of [1, 10, 50]) {
      const total = Math.round((concurrency === 1 ? 2000 : 4000) * scale);
      const { a: full, b: bare, ratios } = await inTurns(total, concurrency, plekCreate, bareCreate);
      const bad = [...full.statuses.keys()].filter((s) => s !== 201);
      console.log(
        `  concurrency ${String(concurrency).padEnd(25)}${fmt(full.perSecond, 0).padStart(6)}   ${`${fmt(full.p50)}/${fmt(full.p95)}/${fmt(full.p99)}`.padEnd(20)}${fmt(bare.perSecond, 0).padStart(8)}   ${`${fmt(bare.p50)}/${fmt(bare.p95)}/${fmt(bare.p99)}`.padEnd(20)}${fmt(full.perSecond / bare.perSecond, 2)} (${fmt(ratios[0]!, 2)}-${fmt(ratios.at(-1)!, 2)})${bad.length ? `   non-201: ${JSON.stringify([...full.statuses])}` : ''}`,
      );
    }

    // At concurrency 1 the figure is one round trip; what every request costs before any
    // reservation work (security headers, the session) shows on a path that answers 404.
    const nothing = async (url: string, cookie?: string) => {
      const r = await load(Math.round(2000 * scale), 1, () => call(url, 'GET', '/api/v1/nothing', undefined, cookie ? { cookie } : {}).then((a) => a.status));
      return `${fmt(r.perSecond, 0)}/s (p50 ${fmt(r.p50, 2)} ms)`;
    };
    console.log(`  a request that does nothing, concurrency 1: Plek signed in ${await nothing(plek.url, cookies[0])}, bare ${await nothing(baseline.url)}`);

    // Contention: many people, one desk, one slot.
    console.log('\nContention: 100 rounds per group size, all racing for the same desk and slot');
    let round = 0;
    for (const racers of [2, 20, 50]) {
      let doubles = 0;
      let errors = 0;
      let wrongRefusals = 0;
      for (let r = 0; r < 100; r++, round++) {
        // The 40 quarter hours of a day's opening hours, then the next day's.
        const at = openingAfter(70 + Math.floor(round / 40)) + (round % 40) * SLOT;
        const body = { spaceId: desks[round % desks.length]!, start: new Date(at).toISOString(), end: new Date(at + SLOT).toISOString() };
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
    // The answer's size as JSON, and as a browser receives it (compressed above 1 KB).
    const answer = await call(plek.url, 'GET', path, undefined, { cookie: cookies[0]! });
    const brotli = await call(plek.url, 'GET', path, undefined, { cookie: cookies[0]!, 'accept-encoding': 'gzip, deflate, br', 'sec-fetch-site': 'same-origin' });
    console.log(`\nAvailability of one day (210 spaces, about ${ranges} busy range(s) per room): ${Buffer.byteLength(answer.body)} bytes as JSON, ${brotli.headers['content-length'] ?? '?'} bytes ${brotli.headers['content-encoding'] ?? 'uncompressed'}`);
    for (const concurrency of [1, 10]) {
      const reads = await load(Math.round(2000 * scale), concurrency, (n) => call(plek.url, 'GET', path, undefined, { cookie: cookies[n % USERS]! }).then((r) => r.status));
      console.log(`  concurrency ${String(concurrency).padEnd(3)} ${fmt(reads.perSecond, 0)}/s, p50 ${fmt(reads.p50)} ms, p95 ${fmt(reads.p95)} ms, p99 ${fmt(reads.p99)} ms`);
    }
    await sseFanOut(plek.url, location.id, desks, cookies);
    await streamFlood(plek.url, location.id, cookies[0]!, plek.rssMb);
    console.log(`\nServer memory after the run: Plek RSS ${fmt(plek.rssMb(), 0)} MB, bare RSS ${fmt(baseline.rssMb(), 0)} MB`);
    await createCost();
    await sweepFigures();
    await appFigures();
  } finally {
    plek.child.kill('SIGTERM');
    baseline.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * One session asking for 2,000 event streams, as the security review did: how many are let in,
 * and Plek's memory before, while the admitted ones are open, and after they are closed.
 */
async function streamFlood(url: string, locationId: number, cookie: string, rssMb: () => number) {
  const TRIES = 2000;
  const before = rssMb();
  const open: http.ClientRequest[] = [];
  const statuses = new Map<number, number>();
  for (let batch = 0; batch < TRIES; batch += 100) {
    await Promise.all(
      Array.from({ length: 100 }, () =>
        new Promise<void>((resolve, reject) => {
          const req = http.get(`${url}/api/v1/events?location=${locationId}`, { headers: { cookie }, agent: false }, (res) => {
            statuses.set(res.statusCode!, (statuses.get(res.statusCode!) ?? 0) + 1);
            if (res.statusCode === 200) open.push(req);
            else res.resume(); // a refusal is read to its end, and its socket closes
            resolve();
          });
          req.on('error', (err) => (open.includes(req) ? undefined : reject(err)));
        }),
      ),
    );
  }
  const during = rssMb();
  for (const r of open) r.destroy();
  await new Promise((r) => setTimeout(r, 2000));
  const after = rssMb();
  const answered = [...statuses].map(([status, n]) => `${n} × ${status}`).join(', ');
  console.log(`\nStream flood: one session asks for ${TRIES.toLocaleString('en')} event streams: ${answered}; Plek RSS ${fmt(before, 0)} MB before, ${fmt(during, 0)} MB with them, ${fmt(after, 0)} MB after closing`);
  if ((statuses.get(200) ?? 0) > 10) process.exitCode = 1;
}

/**
 * 200 open event streams on the location, as 200 phones and kiosks would hold: for 30 changes,
 * the time from sending the change to the last stream receiving it.
 */
async function sseFanOut(url: string, locationId: number, desks: number[], cookies: string[]) {
  const STREAMS = 200;
  const waiting = new Set<(spaceId: number) => void>();
  const streams: http.ClientRequest[] = [];
  let ready = 0;
  await new Promise<void>((resolve, reject) => {
    for (let i = 0; i < STREAMS; i++) {
      const req = http.get(`${url}/api/v1/events?location=${locationId}`, { headers: { cookie: cookies[i % cookies.length]! }, agent: false }, (res) => {
        if (res.statusCode !== 200) return reject(new Error(`stream ${i}: ${res.statusCode}`));
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const message = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (message.includes('event: ready') && ++ready === STREAMS) resolve();
            const data = /^data: (.*)$/m.exec(message)?.[1];
            if (message.includes('event: availability') && data) for (const w of waiting) w((JSON.parse(data) as { spaceId: number }).spaceId);
          }
        });
      });
      req.on('error', reject);
      streams.push(req);
    }
  });
  const times: number[] = [];
  const today = new Date();
  for (let k = 0; k < 30; k++) {
    const day = new Date(today.getTime() + (k + 2) * DAY).toISOString().slice(0, 10);
    const spaceId = desks[k % desks.length]!;
    let received = 0;
    const t0 = performance.now();
    const all = new Promise<void>((resolve) => {
      const w = (id: number) => {
        if (id === spaceId && ++received === STREAMS) {
          waiting.delete(w);
          resolve();
        }
      };
      waiting.add(w);
    });
    const res = await call(url, 'POST', '/api/v1/reservations', { spaceId, date: day, part: 'morning' }, { cookie: cookies[(k + 7) % cookies.length]! });
    if (res.status !== 201) throw new Error(`fan-out reservation: ${res.status} ${res.body}`);
    await all;
    times.push(performance.now() - t0);
  }
  for (const r of streams) r.destroy();
  times.sort((a, b) => a - b);
  console.log(`\nEvent streams: ${STREAMS} open on the location; a reservation reaches the last of them in p50 ${fmt(percentile(times, 50))} ms, p95 ${fmt(percentile(times, 95))} ms (30 changes)`);
}

/** Plek's services in this process on a database of their own in the bench's directory. */
async function inProcess(name: string, clock: import('../server/clock.js').Clock) {
  const { openDatabase } = await import('../server/db/database.js');
  const { createServices } = await import('../server/app.js');
  const { testConfig } = await import('../server/config.js');
  const file = join(dir, `${name}.sqlite`);
  const db = openDatabase(file);
  return { db, s: createServices(db, clock, testConfig({ dbFile: file })) };
}

/**
 * Where the gap to the bare server lies: a create's service (its one transaction) in this
 * process, against the bare server's overlap check and insert on the same kind of database,
 * with the pages each commit writes to the WAL. No HTTP: what is left of the ratio is this.
 */
async function createCost() {
  const { systemClock } = await import('../server/clock.js');
  const { toActor } = await import('../server/auth/auth.service.js');
  const { db, s } = await inProcess('cost', systemClock);
  db.pragma('wal_autocheckpoint = 0'); // as in the server, where a worker checkpoints
  const hub = s.admin.createLocation(null, { name: 'Cost HUB', kind: 'hub' }, null);
  s.admin.updatePolicy(null, hub.id, { daysAhead: 90, maxAhead: 500, closedOnHolidays: false }, null);
  const rooms = Array.from({ length: 200 }, (_, i) => s.admin.createSpace(null, hub.id, { code: `C-${i}`, name: `Room ${i}`, kind: 'focus' }, null).id);
  const actors = Array.from({ length: USERS }, (_, i) => toActor(s.admin.createUserWithHash(null, { email: `cost${i}@plek.test`, name: `Cost ${i}`, roles: ['employee'] }, 'x', null)));
  db.exec('CREATE TABLE r (id INTEGER PRIMARY KEY, space_id INTEGER NOT NULL, start_ms INTEGER NOT NULL, end_ms INTEGER NOT NULL); CREATE INDEX r_space ON r (space_id, start_ms)');
  const overlap = db.prepare('SELECT 1 FROM r WHERE space_id = ? AND start_ms < ? AND end_ms > ?');
  const insert = db.prepare('INSERT INTO r (space_id, start_ms, end_ms) VALUES (?, ?, ?)');
  const bare = db.transaction((space: number, start: number, end: number) => (overlap.get(space, end, start) ? null : insert.run(space, start, end)));
  const days = Array.from({ length: 60 }, (_, n) => openingAfter(n));
  const slot = (g: number) => days[Math.floor(g / rooms.length) % 60]! + (Math.floor(g / rooms.length / 60) % 40) * SLOT;
  const CHUNK = 200;
  const N = CHUNK * Math.max(1, Math.round(20 * scale));
  const totals = { alone: { ms: 0, frames: 0 }, together: { ms: 0, frames: 0 }, bare: { ms: 0, frames: 0 } };
  /** Adds the time and the WAL pages of `run` over one chunk of creates to `into`. */
  const measure = async (into: { ms: number; frames: number }, run: () => unknown) => {
    db.pragma('wal_checkpoint(TRUNCATE)');
    const t0 = performance.now();
    await run();
    into.ms += performance.now() - t0;
    into.frames += (db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[])[0]!.log;
  };
  const plek = (g: number) => void s.reservations.create(actors[g % USERS]!, { spaceId: rooms[g % rooms.length]!, start: new Date(slot(g)).toISOString(), end: new Date(slot(g) + SLOT).toISOString() }, '127.0.0.1');
  const bareRun = (h: number) => bare.immediate(rooms[h % rooms.length]!, slot(h), slot(h) + SLOT);
  let g = 0;
  let h = 0;
  // Warm-up, and reservations ahead for everyone as in the load above.
  for (; g < N; g++, h++) {
    plek(g);
    bareRun(h);
  }
  // In turns, so the database grows alike under each: one create per commit, 20 committed
  // together (the group commit, as when 20 arrive at once), and the bare overlap check and insert.
  for (let i = 0; i < N / CHUNK; i++) {
    await measure(totals.alone, () => {
      for (let j = 0; j < CHUNK; j++) plek(g++);
    });
    await measure(totals.together, async () => {
      for (let j = 0; j < CHUNK; j += 20) await Promise.all(Array.from({ length: 20 }, () => s.writes.run(() => plek(g++))));
    });
    await measure(totals.bare, () => {
      for (let j = 0; j < CHUNK; j++) bareRun(h++);
    });
  }
  const per = (t: { ms: number; frames: number }) => `${fmt(t.ms / N, 3)} ms, ${fmt(t.frames / N, 1)} WAL pages`;
  console.log(
    `\nA create without HTTP (in this process): Plek's service ${per(totals.alone)} (the reservation, its 3 indexes, the audit row); 20 committed together ${per(totals.together)} each; bare ${per(totals.bare)}`,
  );
  db.close();
}

/**
 * The no-show sweep over 100,000 due bookings, in this process on its own database: the time
 * of one sweep and the memory it takes.
 */
async function sweepFigures() {
  const { FakeClock } = await import('../server/clock.js');
  const clock = new FakeClock(Date.parse('2026-12-01T06:00:00Z'));
  const { db, s } = await inProcess('sweep', clock);
  const hub = s.admin.createLocation(null, { name: 'Sweep HUB', kind: 'hub' }, null);
  const spaces = Array.from({ length: 500 }, (_, i) => s.admin.createSpace(null, hub.id, { code: `SW-${i}`, name: `Desk ${i}`, kind: 'desk' }, null).id);
  const user = s.admin.createUserWithHash(null, { email: 'sweep@plek.test', name: 'Sweep', roles: ['employee'] }, 'x', null).id;
  const TOTAL = Math.round(100_000 * scale);
  const insert = db.prepare("INSERT INTO reservations (space_id, user_id, start_ms, end_ms, state, created_at) VALUES (?, ?, ?, ?, 'booked', ?)");
  const start0 = clock.now();
  db.transaction(() => {
    // 200 slots of 15 minutes per space, all started and past their grace by the sweep below.
    for (let i = 0; i < TOTAL; i++) {
      const start = start0 + Math.floor(i / spaces.length) * SLOT;
      insert.run(spaces[i % spaces.length]!, user, start, start + SLOT, start0 - DAY);
    }
  })();
  clock.set(start0 + Math.ceil(TOTAL / spaces.length) * SLOT + 3_600_000);
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const rssBefore = process.memoryUsage().rss;
  let peakHeap = heapBefore;
  const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 5);
  const t0 = performance.now();
  const result = s.reservations.sweep();
  const ms = performance.now() - t0;
  clearInterval(sampler);
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  const left = db.prepare("SELECT count(*) FROM reservations WHERE state = 'booked'").pluck().get();
  console.log(
    `\nNo-show sweep over ${TOTAL.toLocaleString('en')} due bookings: ${fmt(ms / 1000, 2)} s (${fmt(TOTAL / (ms / 1000), 0)}/s), ${result.noShows} no-shows written, ${left} left booked; heap +${fmt((peakHeap - heapBefore) / 1e6, 0)} MB, RSS +${fmt((process.memoryUsage().rss - rssBefore) / 1e6, 0)} MB`,
  );
  db.close();
}

/** The built app: what the first screen downloads, and Lighthouse's view of it. */
async function appFigures() {
  if (!existsSync('dist/pwa/index.html')) {
    console.log('\nApp: not built (npm run build), no sizes or Lighthouse scores.');
    return;
  }
  const sizes = buildSizes();
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`\nApp build: first screen JavaScript ${kb(sizes.initialJsBrotli)} brotli, ${kb(sizes.initialJsGzip)} gzip in ${sizes.initialJs.map((f) => f.file).join(', ')}; CSS ${kb(sizes.cssGzip)} gzip`);
  console.log(`  lazy chunks (gzip): ${sizes.lazy.map((f) => `${f.file.replace('assets/', '')} ${kb(f.gzip)}`).join(', ')}`);
  // The demo data, so the signed-in home screen shows what an employee's does.
  const server = await startServer('server/main.ts', { PLEK_DB: join(dir, 'lighthouse.sqlite'), PLEK_SWEEP_SECONDS: '3600', PLEK_DEMO: '1' });
  try {
    for (const who of ['signed out', 'signed in'] as const) {
      const cookie = who === 'signed in' ? await login(server.url, 'medewerker@plek.demo', 'plek-demo-2026') : undefined;
      const s = await lighthouseScores(server.url + '/', cookie);
      console.log(`Lighthouse 12.2.3 (mobile) on the first screen, ${who}: performance ${s.performance}, accessibility ${s.accessibility}, best practices ${s.bestPractices}; FCP ${s.fcpMs} ms, LCP ${s.lcpMs} ms`);
    }
  } catch (err) {
    console.log(`Lighthouse could not run: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    server.child.kill('SIGTERM');
  }
  const cold = await coldOfflineStart(7);
  console.log(`Cold start offline (browser closed and reopened without network) to the home screen's reservation, 7 rounds: ${spread(cold)} (aim 200 ms)\n`);
}


main().catch((err) => {
  console.error(err);
  process.exit(1);
});
