/**
 * Test fixtures: a migrated database in a temp file, a fake clock, the real app, and a small
 * cookie-keeping client that drives it in-process with `app.request()`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role } from '../shared/types.js';
import { createApp, createServices } from './app.js';
import { hashPassword } from './auth/password.js';
import { FakeClock, type Clock } from './clock.js';
import { testConfig, type Config } from './config.js';
import { openDatabase } from './db/database.js';
import { checkAnswer } from './http/openapi.testing.js';

export const PASSWORD = 'correct horse battery';
let sharedHash: Promise<string> | undefined;

/** Tuesday 1 December 2026, 07:00 in Amsterdam: before the morning starts. */
export const T0 = Date.parse('2026-12-01T07:00:00+01:00');

export interface Answer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export class Client {
  cookie: string | null = null;
  constructor(
    private app: ReturnType<typeof createApp>,
    private address = '127.0.0.1',
  ) {}

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
    const init: RequestInit = { method, headers: { ...headers } };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
    }
    if (this.cookie) (init.headers as Record<string, string>).cookie = this.cookie;
    const res = await this.app.request(path, init, { incoming: { socket: { remoteAddress: this.address } } });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const pair = setCookie.split(';')[0]!;
      this.cookie = pair.endsWith('=') ? null : pair;
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep the text */
    }
    // Every answer a test receives must be one the OpenAPI document promises.
    checkAnswer(method, path, res.status, res.headers.get('content-type'), text, parsed);
    return { status: res.status, body: parsed as T, headers: res.headers };
  }
  get = <T = any>(path: string, headers?: Record<string, string>) => this.request<T>('GET', path, undefined, headers);
  post = <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => this.request<T>('POST', path, body, headers);
  put = <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => this.request<T>('PUT', path, body, headers);
  patch = <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => this.request<T>('PATCH', path, body, headers);
  delete = <T = any>(path: string, headers?: Record<string, string>) => this.request<T>('DELETE', path, undefined, headers);
}

/** A fresh Plek with a small Werk HUB (three desks, a meeting room) and one user per role. */
export async function makeTestApp(overrides: Partial<Config> = {}, clockOverride?: Clock) {
  const dir = mkdtempSync(join(tmpdir(), 'plek-test-'));
  const dbFile = join(dir, 'plek.sqlite');
  const db = openDatabase(dbFile);
  const fakeClock = new FakeClock(T0);
  const clock = clockOverride ?? fakeClock;
  const config = testConfig({ dbFile, distDir: join(dir, 'no-dist'), ...overrides });
  const s = createServices(db, clock, config);
  const app = createApp(s);

  const hub = s.admin.createLocation(null, { name: 'Werk HUB', kind: 'hub' }, null);
  const zone = s.admin.createZone(null, hub.id, { name: 'Stilte', character: 'rust', floor: 3 }, null);
  const desks = [1, 2, 3].map((i) =>
    s.admin.createSpace(null, hub.id, { code: `HUB-3-00${i}`, name: `Werkplek 3.0${i}`, kind: 'desk', zoneId: zone.id, features: ['sit_stand'] }, null),
  );
  const room = s.admin.createSpace(null, hub.id, { code: 'HUB-3-M01', name: 'Hybride vergaderruimte', kind: 'meeting', zoneId: zone.id, capacity: 8, features: ['hybrid_av'] }, null);

  sharedHash ??= hashPassword(PASSWORD);
  const hash = await sharedHash;
  const mk = (email: string, roles: Role[], teams: string[] = []) => s.admin.createUserWithHash(null, { email, name: email.split('@')[0]!, roles, teams }, hash, null);
  const users = {
    admin: mk('admin@test.nl', ['admin']),
    facility: mk('facility@test.nl', ['facility', 'employee']),
    anna: mk('anna@test.nl', ['employee'], ['Sociaal Domein']),
    bram: mk('bram@test.nl', ['employee'], ['Sociaal Domein']),
    manager: mk('manager@test.nl', ['manager', 'employee']),
    reception: mk('reception@test.nl', ['receptionist']),
    hr: mk('hr@test.nl', ['hr']),
  };
  s.admin.setLocations(null, users.reception.id, [hub.id], null);

  async function login(email: string, address?: string): Promise<Client> {
    const client = new Client(app, address);
    const res = await client.post('/api/v1/auth/login', { email, password: PASSWORD });
    if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return client;
  }

  return {
    s,
    app,
    db,
    dbFile,
    clock: fakeClock,
    hub,
    zone,
    desks,
    room,
    users,
    login,
    anonymous: () => new Client(app),
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof makeTestApp>>;

/** Serves the app over real HTTP on 127.0.0.1, on `port` or an ephemeral one. */
export async function listen(app: ReturnType<typeof createApp>, port = 0): Promise<{ url: string; close: () => Promise<void> }> {
  const { serve } = await import('@hono/node-server');
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, (info) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            (server as unknown as { closeAllConnections(): void }).closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/** Signs in over real HTTP and returns the session cookie. */
export async function httpLogin(url: string, email: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

/** A port on 127.0.0.1 that was free a moment ago, for a server whose URL must be known before it starts. */
export async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
