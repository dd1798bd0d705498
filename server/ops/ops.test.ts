import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../testing.js';

const TOKEN = 'metrics-token-for-the-test-0123456789';
let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp({ metricsToken: TOKEN });
});
afterEach(() => t.close());

describe('GET /healthz, for the load balancer', () => {
  it('answers 200 when the database reads and writes with current migrations, without sign-in', async () => {
    const res = await t.anonymous().get('/healthz');
    expect([res.status, res.body.status, res.body.database]).toEqual([200, 'ok', 'ok']);
    expect(res.headers.get('cache-control')).toBe('no-store');
    // The probe really wrote: the file's user_version names the schema.
    expect(t.db.pragma('user_version', { simple: true })).toBe(res.body.version);
  });

  it('answers 503 when the database cannot be written', async () => {
    t.db.pragma('query_only = 1'); // as a read-only file or volume would
    const res = await t.anonymous().get('/healthz');
    expect([res.status, res.body.status, res.body.database]).toEqual([503, 'unavailable', 'not_writable']);
    t.db.pragma('query_only = 0');
    t.clock.advance(1000); // the next probe writes again
    expect((await t.anonymous().get('/healthz')).status).toBe(200);
  });

  it('a loop of probes shares one write a second', async () => {
    const probe = () => t.anonymous().get('/healthz');
    expect((await Promise.all(Array.from({ length: 50 }, probe))).every((r) => r.status === 200)).toBe(true);
    t.db.pragma('user_version = 0');
    expect((await probe()).status).toBe(200);
    expect(t.db.pragma('user_version', { simple: true })).toBe(0); // within the second: no new write
    t.clock.advance(1000);
    const next = await probe();
    expect(t.db.pragma('user_version', { simple: true })).toBe(next.body.version);
  });

  it('answers 503 when the database holds a newer schema than this code (a rollback without restoring)', async () => {
    t.db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, ?, 0)').run('from a newer Plek');
    const res = await t.anonymous().get('/healthz');
    expect([res.status, res.body.database]).toEqual([503, 'migrations_not_current']);
  });
});

describe('GET /metrics, for Prometheus', () => {
  it('is not there without PLEK_METRICS_TOKEN, and needs the exact token when set', async () => {
    const off = await makeTestApp();
    try {
      expect((await off.anonymous().get('/metrics', { authorization: `Bearer ${TOKEN}` })).status).toBe(404);
    } finally {
      off.close();
    }
    expect((await t.anonymous().get('/metrics')).status).toBe(401);
    expect((await t.anonymous().get('/metrics', { authorization: `Bearer ${TOKEN}x` })).status).toBe(401);
    const anna = await t.login('anna@test.nl');
    expect((await anna.get('/metrics')).status).toBe(401); // a session is not the token
  });

  it('counts creates and check-ins, times requests by route pattern, and reads the gauges', async () => {
    const anna = await t.login('anna@test.nl');
    const made = await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, date: '2026-12-01', part: 'morning' });
    expect(made.status).toBe(201);
    t.clock.set('2026-12-01T07:50:00+01:00'); // inside the check-in window of the morning
    expect((await anna.post(`/api/v1/reservations/${made.body.id}/check-in`, { key: t.desks[0]!.key })).status).toBe(200);
    await anna.get(`/api/v1/reservations/${made.body.id}`);
    const res = await t.app.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    const value = (series: string) => Number(new RegExp(`^${series.replace(/[{}()[\]."+]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1]);
    expect(value('plek_actions_total{action="reservation.create",result="ok"}')).toBe(1);
    expect(value('plek_actions_total{action="reservation.check_in",result="ok"}')).toBe(1);
    expect(value('plek_actions_total{action="auth.login",result="ok"}')).toBe(1);
    expect(value('plek_http_request_duration_seconds_count{route="/api/v1/reservations",method="POST",status="201"}')).toBe(1);
    // The pattern, never the id: the number of series stays bounded.
    expect(value('plek_http_request_duration_seconds_count{route="/api/v1/reservations/:id",method="GET",status="200"}')).toBe(1);
    expect(text).not.toContain(`/api/v1/reservations/${made.body.id}"`);
    expect(value('plek_event_streams_open')).toBe(0);
    expect(value('plek_mail_queue_length')).toBe(0);
    expect(value('plek_wal_bytes')).toBeGreaterThan(0);
    expect(text).toMatch(/^plek_last_sweep_timestamp_seconds \d/m);
    expect(text).toMatch(/^plek_node_process_resident_memory_bytes \d/m);
  });
});

describe('the log', () => {
  it('is JSON lines with time, level, actor, action, object, result and origin, and never a password, token or session id', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plek-log-'));
    const password = 'the admin password of the log test';
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { PATH: process.env.PATH!, HOST: '127.0.0.1', PORT: '0', PLEK_DB: join(dir, 'p.sqlite'), PLEK_DIST: join(dir, 'none'), PLEK_ADMIN_EMAIL: 'admin@log.test', PLEK_ADMIN_PASSWORD: password, PLEK_2FA_ROLES: 'none' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    try {
      let url = '';
      for (let i = 0; i < 300 && !url; i++) {
        url = /listening on (http:\/\/\S+)/.exec(out)?.[1] ?? '';
        await new Promise((r) => setTimeout(r, 100));
      }
      const login = (p: string) => fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@log.test', password: p }) });
      expect((await login('a wrong password for sure')).status).toBe(401);
      const ok = await login(password);
      expect(ok.status).toBe(200);
      const session = ok.headers.get('set-cookie')!.split(';')[0]!.split('=')[1]!;
      const calendar = await fetch(`${url}/api/v1/me/calendar`, { method: 'POST', headers: { cookie: `plek_session=${session}`, 'content-type': 'application/json' }, body: '{}' });
      const calendarUrl = ((await calendar.json()) as { url: string }).url;
      const calendarToken = /\/calendar\/([^/.]+)\.ics$/.exec(calendarUrl)?.[1];
      expect(calendarToken).toBeTruthy();
      expect((await fetch(calendarUrl.replace(/^https?:\/\/[^/]+/, url))).status).toBe(200); // its path carries the token
      child.kill('SIGTERM');
      await exited;
      const lines = out.trim().split('\n');
      const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>); // every line is JSON
      for (const e of entries) {
        expect(typeof e.time).toBe('string');
        expect(Number.isNaN(Date.parse(e.time as string))).toBe(false);
        expect(['info', 'warn', 'error']).toContain(e.level);
      }
      const logins = entries.filter((e) => e.action === 'auth.login' || e.action === 'auth.password');
      expect(logins.map((e) => e.result)).toEqual(expect.arrayContaining(['failed', 'ok']));
      for (const e of logins) {
        expect(Object.keys(e)).toEqual(expect.arrayContaining(['actor', 'action', 'object', 'result', 'origin']));
        expect(e.origin).toBe('127.0.0.1');
      }
      const secrets = [password, 'a wrong password for sure', session, createHash('sha256').update(session).digest('hex'), calendarToken!];
      for (const secret of secrets) expect(out).not.toContain(secret);
    } finally {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
