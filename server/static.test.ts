import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { acceptedEncoding } from './http/compress.js';
import { makeTestApp, type TestApp } from './testing.js';

let t: TestApp;
beforeAll(async () => {
  // A build from before precompression has no .br beside its files: build again.
  if (!existsSync('dist/pwa/index.html.br')) execFileSync('npx', ['vite', 'build'], { stdio: 'ignore' });
  t = await makeTestApp({ distDir: 'dist' });
});
afterAll(() => t.close());

describe('serving the built apps', () => {
  it('serves the app at /, the kiosk at /kiosk, and the app for a space label URL', async () => {
    const c = t.anonymous();
    const root = await c.get('/');
    expect(root.status).toBe(200);
    expect(root.headers.get('content-type')).toMatch(/text\/html/);
    expect(String(root.body)).toContain('<html lang="nl">');
    const kiosk = await c.get('/kiosk');
    expect(String(kiosk.body)).toContain('Plek kiosk');
    expect(String(root.body)).toContain('/manifest.webmanifest');
    const label = await c.get('/s/HUB-2-014?k=abc');
    expect(label.body).toBe(root.body);
    expect(label.headers.get('content-security-policy')).toContain("script-src 'self'");
  });
});

/** The app's entry script, a hashed name under /assets/. */
const entry = () => readFileSync('dist/pwa/index.html', 'utf8').match(/<script[^>]+src="\/(assets\/[^"]+\.js)"/)![1]!;
const get = (path: string, headers: Record<string, string> = {}, method = 'GET') => t.app.request(path, { method, headers });
const bytes = async (res: Response) => Buffer.from(await res.arrayBuffer());
const decoded = async (res: Response) => {
  const body = await bytes(res);
  const encoding = res.headers.get('content-encoding');
  return encoding === 'br' ? brotliDecompressSync(body) : encoding === 'gzip' ? gunzipSync(body) : body;
};

describe('compressed answers', () => {
  it('sends a hashed asset as brotli, gzip or as it is, by Accept-Encoding, always with Vary and cached for a year', async () => {
    const file = entry();
    const original = readFileSync(`dist/${file}`);
    const cases: [string | undefined, string | null][] = [
      ['gzip, deflate, br, zstd', 'br'],
      ['gzip, deflate', 'gzip'],
      ['br;q=0, gzip', 'gzip'],
      ['identity', null],
      [undefined, null],
    ];
    for (const [accept, encoding] of cases) {
      const res = await get(`/${file}`, accept === undefined ? {} : { 'accept-encoding': accept });
      expect(res.status, String(accept)).toBe(200);
      expect(res.headers.get('content-encoding'), String(accept)).toBe(encoding);
      expect(res.headers.get('vary'), String(accept)).toMatch(/^accept-encoding$/i);
      expect(res.headers.get('content-type')).toMatch(/javascript/);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      const suffix = encoding === 'br' ? '.br' : encoding === 'gzip' ? '.gz' : '';
      expect(Number(res.headers.get('content-length'))).toBe(statSync(`dist/${file}${suffix}`).size);
      expect((await decoded(res)).equals(original), String(accept)).toBe(true);
    }
    expect(statSync(`dist/${file}.br`).size).toBeLessThan(original.length / 2);
  });

  it('sends the shells and the service worker compressed and uncached, also for a space label URL and a HEAD', async () => {
    for (const [path, file] of [
      ['/', 'pwa/index.html'],
      ['/s/HUB-2-014?k=abc', 'pwa/index.html'],
      ['/kiosk', 'kiosk/index.html'],
      ['/sw.js', 'sw.js'],
    ] as const) {
      const res = await get(path, { 'accept-encoding': 'gzip, deflate, br' });
      expect(res.headers.get('content-encoding'), path).toBe('br');
      expect(res.headers.get('vary'), path).toMatch(/accept-encoding/i);
      expect(res.headers.get('cache-control'), path).toBe('no-cache');
      expect((await decoded(res)).equals(readFileSync(`dist/${file}`)), path).toBe(true);
    }
    const head = await get(`/${entry()}`, { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.headers.get('content-encoding')).toBe('br');
    expect(Number(head.headers.get('content-length'))).toBe(statSync(`dist/${entry()}.br`).size);
    expect((await bytes(head)).length).toBe(0);
  });

  it('answers a Range request from the original file, not from its .br', async () => {
    const res = await get(`/${entry()}`, { 'accept-encoding': 'gzip, br', range: 'bytes=0-99' });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-encoding')).toBeNull();
    expect((await bytes(res)).equals(readFileSync(`dist/${entry()}`).subarray(0, 100))).toBe(true);
  });

  it('sends a file replaced without its compressed copies as it is now, not the old .br', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'plek-dist-'));
    cpSync('dist', dist, { recursive: true, preserveTimestamps: true });
    const other = await makeTestApp({ distDir: dist });
    try {
      const sw = join(dist, 'sw.js');
      appendFileSync(sw, '\n// next release\n');
      const later = new Date(Date.now() + 10_000);
      utimesSync(sw, later, later);
      const res = await other.app.request('/sw.js', { headers: { 'accept-encoding': 'gzip, br' } });
      expect(res.headers.get('content-encoding')).toBeNull();
      expect(res.headers.get('vary')).toMatch(/accept-encoding/i);
      expect((await bytes(res)).equals(readFileSync(sw))).toBe(true);
      const untouched = await other.app.request(`/${entry()}`, { headers: { 'accept-encoding': 'gzip, br' } });
      expect(untouched.headers.get('content-encoding')).toBe('br');
    } finally {
      other.close();
      rmSync(dist, { recursive: true, force: true });
    }
  });

  it('compresses a JSON answer above 1 KB and leaves a small one, a cross-site one and the event stream alone', async () => {
    const big = await get('/api/v1/openapi.json', { 'accept-encoding': 'gzip, deflate, br' });
    expect(big.headers.get('content-encoding')).toBe('br');
    expect(big.headers.get('vary')).toBe('Accept-Encoding');
    expect(big.headers.get('cache-control')).toBe('no-store');
    const doc = JSON.parse((await decoded(big)).toString('utf8'));
    expect(doc.openapi).toMatch(/^3\.1/);
    const gz = await get('/api/v1/openapi.json', { 'accept-encoding': 'gzip' });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(JSON.parse((await decoded(gz)).toString('utf8'))).toEqual(doc);
    const plain = await get('/api/v1/openapi.json');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('vary')).toBe('Accept-Encoding');
    expect(await plain.json()).toEqual(doc);
    // Another site's link: the length of a compressed answer could serve as an oracle (BREACH).
    const crossSite = await get('/api/v1/openapi.json', { 'accept-encoding': 'br', 'sec-fetch-site': 'cross-site' });
    expect(crossSite.headers.get('content-encoding')).toBeNull();
    expect(await crossSite.json()).toEqual(doc);

    const anna = await t.login('anna@test.nl');
    const created = await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, date: '2026-12-01', part: 'morning' }, { 'accept-encoding': 'gzip, deflate, br' });
    expect(created.status).toBe(201);
    expect(created.headers.get('content-encoding')).toBeNull();
    expect(created.headers.get('vary')).toBeNull();
    expect(created.body.spaceId).toBe(t.desks[0]!.id);

    const stream = await get(`/api/v1/events?location=${t.hub.id}`, { cookie: anna.cookie!, 'accept-encoding': 'gzip, deflate, br' });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.headers.get('content-encoding')).toBeNull();
    const reader = stream.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toMatch(/event: ready/);
    await reader.cancel();
  });

  it('picks brotli, then gzip, and never an encoding the client refused or did not name', () => {
    expect(acceptedEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(acceptedEncoding('gzip, deflate')).toBe('gzip');
    expect(acceptedEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(acceptedEncoding('BR;Q=0.1')).toBe('br');
    expect(acceptedEncoding('gzip;q=0, deflate')).toBeNull();
    expect(acceptedEncoding('*')).toBeNull();
    expect(acceptedEncoding('identity')).toBeNull();
    expect(acceptedEncoding(undefined)).toBeNull();
  });
});
