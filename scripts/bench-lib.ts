/** Small load-generation helpers for the benchmark scripts: keep-alive HTTP, timing, percentiles. */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { readFileSync } from 'node:fs';

export const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

export interface Reply {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

export function call(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const url = new URL(path, base);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method, agent, headers: { ...headers, ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) } },
      (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (data += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data, headers: res.headers }));
      },
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Runs `total` calls of `task` with `concurrency` in flight; returns throughput and latencies (ms). */
export async function load(total: number, concurrency: number, task: (n: number) => Promise<number>) {
  let next = 0;
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const n = next++;
        if (n >= total) return;
        const t0 = performance.now();
        const status = await task(n);
        latencies.push(performance.now() - t0);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return summary(total, seconds, latencies, statuses);
}

function summary(total: number, seconds: number, latencies: number[], statuses: Map<number, number>) {
  latencies.sort((a, b) => a - b);
  return { perSecond: total / seconds, p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), statuses, seconds, latencies };
}

type Run = ReturnType<typeof summary>;

/**
 * Two loads taken in turns, `rounds` times each, so both meet the same moments of a shared,
 * noisy machine: the totals of each side, and the ratio (a to b) of every round.
 */
export async function inTurns(total: number, concurrency: number, a: (n: number) => Promise<number>, b: (n: number) => Promise<number>, rounds = 5) {
  const runs: [Run[], Run[]] = [[], []];
  for (let r = 0; r < rounds; r++) {
    runs[1].push(await load(Math.ceil(total / rounds), concurrency, b));
    runs[0].push(await load(Math.ceil(total / rounds), concurrency, a));
  }
  const merge = (side: Run[]) => {
    const statuses = new Map<number, number>();
    for (const run of side) for (const [status, n] of run.statuses) statuses.set(status, (statuses.get(status) ?? 0) + n);
    const count = side.reduce((sum, run) => sum + run.latencies.length, 0);
    return summary(count, side.reduce((sum, run) => sum + run.seconds, 0), side.flatMap((run) => run.latencies), statuses);
  };
  const ratios = runs[0].map((run, i) => run.perSecond / runs[1][i]!.perSecond).sort((x, y) => x - y);
  return { a: merge(runs[0]), b: merge(runs[1]), ratios };
}

/** The Node flags `npm start` and the systemd unit run Plek with. */
export const RUNTIME_FLAGS = ['--max-semi-space-size=32'];

/** Starts a server script as a child process and waits for its "listening on" line. */
export async function startServer(script: string, env: Record<string, string>): Promise<{ url: string; child: ChildProcess; rssMb: () => number }> {
  const extra = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []; // e.g. --cpu-prof
  // Both servers run with the young-generation size Plek is deployed with (package.json,
  // deploy/systemd/plek.service), so the comparison is of the code, not of the runtime setting.
  const child = spawn(process.execPath, [...RUNTIME_FLAGS, ...extra, '--import', 'tsx', script], { env: { ...process.env, HOST: '127.0.0.1', PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  for (let i = 0; i < 600; i++) {
    const m = out.match(/listening on (http:\/\/\S+)/);
    if (m) {
      return {
        url: m[1]!,
        child,
        rssMb: () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024,
      };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`${script} did not start: ${out}`);
}

export const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '-');

/** Signs in through the API and answers the session cookie. */
export async function login(url: string, email: string, password: string): Promise<string> {
  const res = await call(url, 'POST', '/api/v1/auth/login', { email, password });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${res.body}`);
  return (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
}
