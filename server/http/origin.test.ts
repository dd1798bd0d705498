import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../config.js';
import { makeTestApp, PASSWORD, type TestApp } from '../testing.js';

// What nginx (deploy/nginx/plek.conf) hands Node for a browser at https://plek.example: the
// request itself is plain http to the address Plek listens on.
const NODE = 'http://127.0.0.1:8080';
const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'plek.example', 'x-forwarded-for': '203.0.113.7' };
const browserAt = (origin: string) => ({ ...forwarded, origin, 'sec-fetch-site': 'same-origin' });

let t: TestApp | undefined;
afterEach(() => t?.close());

async function behindProxy(config: Partial<Config>) {
  t = await makeTestApp(config);
  const client = t.anonymous();
  const reserve = (headers: Record<string, string>) =>
    client.post(`${NODE}/api/v1/reservations`, { spaceId: t!.desks[0]!.id, date: '2026-12-01', part: 'morning' }, headers);
  return { t, client, reserve };
}

describe('writes behind a TLS-terminating proxy', () => {
  it('with PLEK_PUBLIC_URL https and a trusted proxy, the browser at the public origin signs in and reserves; other origins are refused', async () => {
    const { client, reserve } = await behindProxy({ publicUrl: 'https://plek.example', trustProxy: true });
    const login = await client.post(`${NODE}/api/v1/auth/login`, { email: 'anna@test.nl', password: PASSWORD }, browserAt('https://plek.example'));
    expect(login.status).toBe(200);
    expect(login.headers.get('set-cookie')).toMatch(/; Secure/i);

    const evil = await reserve(browserAt('https://evil.example'));
    expect([evil.status, evil.body.error.code]).toEqual([403, 'cross_origin']);
    // Node's own view (http://) is not the browser's when the proxy says https: a page on plain
    // http under the same name is another origin.
    const plain = await reserve(browserAt('http://plek.example'));
    expect([plain.status, plain.body.error.code]).toEqual([403, 'cross_origin']);
    expect((await reserve(browserAt('https://plek.example'))).status).toBe(201);
  });

  it('a trusted proxy without PLEK_PUBLIC_URL: the forwarded origin counts, cookies are Secure, HSTS is sent and links point at it', async () => {
    const { client, reserve } = await behindProxy({ publicUrl: null, trustProxy: true });
    const login = await client.post(`${NODE}/api/v1/auth/login`, { email: 'anna@test.nl', password: PASSWORD }, browserAt('https://plek.example'));
    expect(login.status).toBe(200);
    expect(login.headers.get('set-cookie')).toMatch(/; Secure/i);
    expect(login.headers.get('strict-transport-security')).toMatch(/^max-age=\d{8,}/);
    expect((await reserve(browserAt('https://plek.example'))).status).toBe(201);
    expect((await reserve(browserAt('https://evil.example'))).body.error.code).toBe('cross_origin');
    // A forwarded host that would smuggle a path or user info into the origin makes none.
    expect((await reserve({ ...browserAt('https://evil.example'), 'x-forwarded-host': 'evil.example/x' })).body.error.code).toBe('cross_origin');

    const feed = await client.post(`${NODE}/api/v1/me/calendar`, undefined, browserAt('https://plek.example'));
    expect(feed.body.url).toMatch(/^https:\/\/plek\.example\/api\/v1\/calendar\/[\w-]+\.ics$/);
  });

  it('without PLEK_TRUST_PROXY the X-Forwarded-* headers are anyone\u2019s and are ignored', async () => {
    const { client, reserve } = await behindProxy({ publicUrl: null, trustProxy: false });
    const refused = await client.post(`${NODE}/api/v1/auth/login`, { email: 'anna@test.nl', password: PASSWORD }, browserAt('https://plek.example'));
    expect([refused.status, refused.body.error.code]).toEqual([403, 'cross_origin']);

    const login = await client.post(`${NODE}/api/v1/auth/login`, { email: 'anna@test.nl', password: PASSWORD }, forwarded);
    expect(login.status).toBe(200);
    expect(login.headers.get('set-cookie')).not.toMatch(/; Secure/i); // plain http as far as anyone can tell
    expect(login.headers.get('strict-transport-security')).toBeNull();
    expect((await reserve(browserAt('https://plek.example'))).body.error.code).toBe('cross_origin');
    expect((await reserve({ ...forwarded, origin: NODE })).status).toBe(201); // Node's own origin, as before

    const feed = await client.post(`${NODE}/api/v1/me/calendar`, undefined, forwarded);
    expect(feed.body.url.startsWith(`${NODE}/api/v1/calendar/`)).toBe(true);
  });
});
