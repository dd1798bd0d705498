import { Secret, TOTP } from 'otpauth';
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readConfig } from './config.js';

const dir = mkdtempSync(join(tmpdir(), 'plek-main-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { PATH: process.env.PATH!, HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    output: () => ({ out, err }),
    async url(): Promise<string> {
      for (let i = 0; i < 300; i++) {
        const m = out.match(/listening on (http:\/\/\S+)/);
        if (m) return m[1]!;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`no start: ${out} ${err}`);
    },
  };
}

describe('configuration', () => {
  it('reads the documented variables with their defaults', () => {
    const c = readConfig({});
    expect([c.port, c.dbFile, c.demo, c.sweepMs, c.admin]).toEqual([8080, 'data/plek.sqlite', false, 30_000, null]);
    const d = readConfig({ PORT: '9000', PLEK_DEMO: '1', PLEK_SWEEP_SECONDS: '5', PLEK_ADMIN_EMAIL: 'a@b.nl', PLEK_ADMIN_PASSWORD: 'twelve chars!' });
    expect([d.port, d.demo, d.sweepMs, d.admin?.email]).toEqual([9000, true, 5000, 'a@b.nl']);
  });

  it('an invalid value stops the start with one clear line and no stack trace', async () => {
    const bad: Record<string, string>[] = [{ PORT: 'eighty' }, { PLEK_SWEEP_SECONDS: '-1' }, { PLEK_ADMIN_EMAIL: 'admin@plek.nl' }, { PLEK_DEMO: 'yes' }];
    for (const env of bad) {
      const p = start({ PLEK_DB: join(dir, 'never.sqlite'), ...env });
      expect(await p.exited).toBe(2);
      const lines = p.output().err.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^plek: invalid configuration: \S+/);
    }
  });
});

describe('starting Plek', () => {
  it('a damaged or foreign database file stops the start with one line naming the file and the way back, and is left as it was', async () => {
    const { writeFileSync, readFileSync } = await import('node:fs');
    const garbage = join(dir, 'garbage.sqlite');
    writeFileSync(garbage, Buffer.from('%PDF-1.7 this is a scanned letter, not a database '.repeat(200)));
    const foreign = join(dir, 'foreign.sqlite');
    const other = new Database(foreign);
    other.exec("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO contacts (name) VALUES ('x')");
    other.close();
    for (const [file, reason] of [[garbage, /is not an SQLite database/], [foreign, /database of another program: it holds tables \(contacts\)/]] as const) {
      const before = readFileSync(file);
      const p = start({ PLEK_DB: file });
      expect(await p.exited).toBe(3);
      const lines = p.output().err.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`plek: the database ${file} (PLEK_DB)`);
      expect(lines[0]).toMatch(reason);
      expect(lines[0]).toContain('Restore the latest backup');
      expect(readFileSync(file).equals(before)).toBe(true);
    }
  }, 60_000);

  it('with the last admin disabled, PLEK_ADMIN_EMAIL of that account enables it again as admin, and says so', async () => {
    const db = join(dir, 'lockout.sqlite');
    const env = { PLEK_DB: db, PLEK_ADMIN_EMAIL: 'it@gemeente.nl', PLEK_ADMIN_PASSWORD: 'a very secret admin password', PLEK_2FA_ROLES: 'none' };
    const first = start(env);
    await first.url();
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const edit = new Database(db);
    edit.prepare("UPDATE users SET disabled = 1 WHERE email = 'it@gemeente.nl'").run();
    edit.close();
    const again = start({ ...env, PLEK_ADMIN_PASSWORD: 'a new password for the way back' });
    const url = await again.url();
    // Said in the log, as a JSON line a log shipper can alert on.
    const said = again.output().out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { level: string; msg: string; action?: string });
    expect(said.find((l) => l.action === 'admin.restore')).toMatchObject({ level: 'warn', msg: expect.stringContaining('no active admin: enabled it@gemeente.nl as admin') });
    const login = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'it@gemeente.nl', password: 'a new password for the way back' }) });
    expect(login.status).toBe(200);
    expect(((await login.json()) as { roles: string[] }).roles).toContain('admin');
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  }, 60_000);

  it('creates the admin and demo data, serves the API, and shuts down cleanly on SIGTERM', async () => {
    const db = join(dir, 'demo.sqlite');
    const p = start({ PLEK_DB: db, PLEK_DEMO: '1', PLEK_ADMIN_EMAIL: 'it@gemeente.nl', PLEK_ADMIN_PASSWORD: 'a very secret admin password' });
    const url = await p.url();
    expect(p.output().out).toContain('medewerker@plek.demo');
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'it@gemeente.nl', password: 'a very secret admin password' }),
    });
    // An admin signs in with a second factor: the first time, by enrolling an authenticator app.
    expect(login.status).toBe(200);
    expect(login.headers.get('set-cookie')).toBeNull();
    const step = (await login.json()) as { secondFactor: string; ticket: string; secret: string };
    expect(step.secondFactor).toBe('enrol');
    const code = new TOTP({ secret: Secret.fromBase32(step.secret) }).generate();
    const enrol = await fetch(`${url}/api/v1/auth/second-factor/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ticket: step.ticket, code }) });
    expect(enrol.status).toBe(200);
    expect(((await enrol.json()) as { recoveryCodes: string[] }).recoveryCodes).toHaveLength(10);
    const cookie = enrol.headers.get('set-cookie')!.split(';')[0]!;
    const locations = (await (await fetch(`${url}/api/v1/locations`, { headers: { cookie } })).json()) as { name: string; kind: string }[];
    expect(locations.map((l) => l.kind).sort()).toEqual(['hub', 'service', 'townhall', 'wijk', 'wijk', 'wijk']);

    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    const check = new Database(db, { readonly: true });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    const hubDesks = check.prepare("SELECT count(*) FROM spaces s JOIN locations l ON l.id = s.location_id WHERE l.kind = 'hub' AND s.kind = 'desk'").pluck().get();
    expect(hubDesks).toBe(120);
    expect(check.prepare("SELECT count(*) FROM spaces s JOIN locations l ON l.id = s.location_id WHERE l.kind = 'townhall' AND s.kind = 'desk'").pluck().get()).toBe(0);
    const roles = check.prepare('SELECT DISTINCT role FROM user_roles ORDER BY role').pluck().all();
    expect(roles).toEqual(['admin', 'employee', 'facility', 'hr', 'manager', 'receptionist']);
    check.close();

    // A second start on the same file seeds nothing twice and keeps the one admin.
    const again = start({ PLEK_DB: db, PLEK_DEMO: '1', PLEK_ADMIN_EMAIL: 'other@gemeente.nl', PLEK_ADMIN_PASSWORD: 'another long password' });
    await again.url();
    expect(again.output().out).not.toContain('demo data loaded');
    expect(again.output().out).not.toContain('created admin');
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  }, 60_000);

  it('on SIGTERM finishes a request that is under way, takes no new ones, and closes the database cleanly', async () => {
    const db = join(dir, 'shutdown.sqlite');
    const p = start({ PLEK_DB: db, PLEK_ADMIN_EMAIL: 'it@gemeente.nl', PLEK_ADMIN_PASSWORD: 'a very secret admin password', PLEK_2FA_ROLES: 'none' });
    const url = new URL(await p.url());
    const login = await fetch(`${url.origin}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'it@gemeente.nl', password: 'a very secret admin password' }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;

    // A request whose body is still on its way when the signal comes (a slow phone network).
    const body = JSON.stringify({ name: 'Wijkkantoor Noord', kind: 'wijk' });
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        { host: url.hostname, port: url.port, path: '/api/v1/admin/locations', method: 'POST', agent: false, headers: { cookie, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (res) => {
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode!, body: text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => {
        p.child.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(10)), 500);
      }, 200);
    });
    const done = await answer;
    expect(done.status).toBe(201);
    expect(p.output().out).toContain('SIGTERM, shutting down');
    await expect(fetch(`${url.origin}/api/v1/locations`, { headers: { cookie } })).rejects.toThrow(); // no longer listening
    expect(await p.exited).toBe(0);
    const check = new Database(db, { readonly: true });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(check.prepare('SELECT name FROM locations WHERE id = ?').pluck().get((JSON.parse(done.body) as { id: number }).id)).toBe('Wijkkantoor Noord');
    check.close();
  }, 60_000);
});
