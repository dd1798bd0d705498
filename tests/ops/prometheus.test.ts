import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, makeTestApp, type TestApp } from '../../server/testing.js';

/**
 * Plek's /metrics as Debian's Prometheus scrapes it: with the bearer token (and one job with a
 * wrong token, which Prometheus must see refused), parsed by Prometheus itself and queried back.
 */
const PROMETHEUS = '/usr/bin/prometheus';
const TOKEN = 'prometheus-test-token-0123456789abcdef';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

describe.skipIf(!existsSync(PROMETHEUS))("Prometheus scraping Plek's /metrics", () => {
  let t: TestApp;
  let plek: { url: string; close: () => Promise<void> };
  let prometheus: ChildProcess;
  let api = '';
  const dir = mkdtempSync(join(tmpdir(), 'plek-prometheus-'));

  beforeAll(async () => {
    t = await makeTestApp({ metricsToken: TOKEN });
    plek = await listen(t.app);
    const target = new URL(plek.url).host;
    const port = await freePort();
    writeFileSync(
      join(dir, 'prometheus.yml'),
      `global:
  scrape_interval: 1s
  scrape_timeout: 1s
scrape_configs:
  - job_name: plek
    authorization: { type: Bearer, credentials: ${TOKEN} }
    static_configs: [{ targets: ['${target}'] }]
  - job_name: plek-wrong-token
    authorization: { type: Bearer, credentials: not-the-token-at-all-0123456789 }
    static_configs: [{ targets: ['${target}'] }]
`,
    );
    prometheus = spawn(PROMETHEUS, [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`], { stdio: 'ignore' });
    api = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 200; i++) {
      if ((await fetch(`${api}/-/ready`).catch(() => null))?.ok) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('Prometheus did not become ready');
  }, 30_000);

  afterAll(async () => {
    prometheus?.kill('SIGKILL');
    await plek?.close();
    t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Polls an instant query until `accept` likes its result (Prometheus scrapes every second). */
  async function query(expr: string, accept: (r: { metric: Record<string, string>; value: [number, string] }[]) => boolean) {
    let last: unknown;
    for (let i = 0; i < 100; i++) {
      const res = (await (await fetch(`${api}/api/v1/query?query=${encodeURIComponent(expr)}`)).json()) as { data: { result: { metric: Record<string, string>; value: [number, string] }[] } };
      last = res.data.result;
      if (accept(res.data.result)) return res.data.result;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`${expr}: ${JSON.stringify(last)}`);
  }

  it('reads the reservation counts and request durations, and is refused with a wrong token', async () => {
    const anna = await t.login('anna@test.nl');
    expect((await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, date: '2026-12-01', part: 'afternoon' })).status).toBe(201);
    expect((await anna.post('/api/v1/reservations', { spaceId: t.desks[1]!.id, date: '2026-12-02', part: 'morning' })).status).toBe(201);

    await query('up{job="plek"}', (r) => r[0]?.value[1] === '1');
    await query('plek_actions_total{job="plek",action="reservation.create",result="ok"}', (r) => r[0]?.value[1] === '2');
    await query('plek_http_request_duration_seconds_count{job="plek",route="/api/v1/reservations",method="POST",status="201"}', (r) => r[0]?.value[1] === '2');
    // A histogram Prometheus can compute with: a quantile over its buckets.
    await query('histogram_quantile(0.5, sum by (le) (plek_http_request_duration_seconds_bucket{job="plek",route="/api/v1/reservations"}))', (r) => Number(r[0]?.value[1]) > 0);
    await query('up{job="plek-wrong-token"}', (r) => r[0]?.value[1] === '0');
    const targets = (await (await fetch(`${api}/api/v1/targets`)).json()) as { data: { activeTargets: { labels: { job: string }; lastError: string }[] } };
    expect(targets.data.activeTargets.find((x) => x.labels.job === 'plek-wrong-token')!.lastError).toMatch(/401/);
  });
});
