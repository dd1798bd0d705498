import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { routeDocs } from '../app.js';
import { listen, makeTestApp, type Client, type TestApp } from '../testing.js';

let t: TestApp;
let admin: Client;
beforeEach(async () => {
  t = await makeTestApp();
  admin = await t.login('admin@test.nl');
});
afterEach(() => t.close());

describe('every answer', () => {
  it('carries strict security headers, and API answers are never cached', async () => {
    const res = await admin.get('/api/v1/me');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('strict-transport-security')).toBeNull(); // only when served over https
  });

  it('through Node\'s HTTP server carries the same headers as in process', async () => {
    // The fixed headers go straight onto Node's response there (security-headers.ts).
    const server = await listen(t.app);
    try {
      const fixed = ['content-security-policy', 'x-content-type-options', 'x-frame-options', 'referrer-policy', 'cross-origin-opener-policy', 'cross-origin-resource-policy', 'permissions-policy', 'x-permitted-cross-domain-policies', 'cache-control', 'content-type', 'vary', 'content-encoding'];
      const pick = (h: Headers) => Object.fromEntries(fixed.map((n) => [n, h.get(n)]));
      for (const [path, headers] of [['/api/v1/nothing-here', {}], ['/api/v1/openapi.json', { 'accept-encoding': 'br' }], ['/api/v1/openapi.json', { 'accept-encoding': 'identity' }]] as const) {
        const wire = await fetch(server.url + path, { headers });
        const inProcess = await t.app.request(path, { headers });
        expect(pick(wire.headers)).toEqual(pick(inProcess.headers));
        expect(wire.headers.get('cache-control')).toBe('no-store');
        expect(wire.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      }
    } finally {
      await server.close();
    }
  });

  it('served over HTTPS (PLEK_PUBLIC_URL https://…), every answer carries HSTS', async () => {
    const https = await makeTestApp({ publicUrl: 'https://plek.gemeente.example' });
    try {
      const res = await https.anonymous().get('/api/v1/openapi.json');
      expect(res.headers.get('strict-transport-security')).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
      const page = await https.anonymous().get('/');
      expect(page.headers.get('strict-transport-security')).not.toBeNull();
    } finally {
      https.close();
    }
  });

  it('an unknown API route is a JSON 404 with a code', async () => {
    const res = await admin.get('/api/v1/nothing-here');
    expect([res.status, res.body.error.code]).toEqual([404, 'not_found']);
    expect((await admin.request('DELETE', '/api/v1/locations')).status).toBe(404);
  });

  it('a body over 64 KB is refused with 413 before it is read', async () => {
    const res = await admin.post('/api/v1/admin/locations', { name: 'x'.repeat(100_000), kind: 'hub' });
    expect([res.status, res.body.error.code]).toEqual([413, 'payload_too_large']);
  });

  it('an id that is not a number is simply not found', async () => {
    expect((await admin.get('/api/v1/locations/abc')).status).toBe(404);
    expect((await admin.get('/api/v1/reservations/1e99')).status).toBe(404);
  });
});

describe('the OpenAPI document', () => {
  it('describes every API route the app serves (and /healthz and /metrics), and nothing it does not', async () => {
    const res = await t.anonymous().get('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const served = new Set(
      t.app.routes
        .filter((r) => (r.path.startsWith('/api/v1/') || r.path === '/healthz' || r.path === '/metrics') && !r.path.includes('*') && r.method !== 'ALL')
        .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
    );
    const documented = new Set(Object.entries(res.body.paths as Record<string, object>).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`)));
    expect([...documented].sort()).toEqual([...served].sort());
    expect(res.body.paths['/api/v1/reservations'].post.requestBody.content['application/json'].schema.anyOf).toHaveLength(2);
  });
});

describe('hostile input on every route with a body', () => {
  const nasty: unknown[] = [
    '{"unterminated": ',
    'null',
    '[]',
    '"just a string"',
    { extra: 'field' },
    { spaceId: "1; DROP TABLE reservations; --", start: "' OR 1=1 --", end: null },
    { email: '😀'.repeat(1000), password: '\u0000', name: 'ä'.repeat(5000) },
    { id: -1, spaceId: 1e308, date: '2026-02-30', part: 'evening' },
    { code: 'A'.repeat(10_000), key: {} },
  ];

  it('always answers 4xx with an error code, never 500, and writes nothing', async () => {
    const counts = () => t.db.prepare('SELECT (SELECT count(*) FROM reservations) + (SELECT count(*) FROM locations) + (SELECT count(*) FROM spaces) + (SELECT count(*) FROM users) + (SELECT count(*) FROM zones)').pluck().get();
    const before = counts();
    for (const doc of routeDocs.filter((d) => d.body)) {
      const path = doc.path.replace(/:id/g, String(t.hub.id));
      for (const body of nasty) {
        const res = await admin.request(doc.method.toUpperCase(), path, body);
        expect(res.status, `${doc.method} ${path} ${JSON.stringify(body).slice(0, 60)}`).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(typeof res.body.error.code).toBe('string');
      }
    }
    expect(counts()).toBe(before);
  });
});

describe('who may call what', () => {
  const sample = (path: string) => path.replace(/:id/g, String(t.hub.id));

  it('every route but sign-in and the OpenAPI document needs a session', async () => {
    const anonymous = t.anonymous();
    for (const doc of routeDocs.filter((d) => d.access !== 'public')) {
      const path = sample(doc.path) + (doc.path === '/api/v1/events' ? `?location=${t.hub.id}` : '');
      const res = await anonymous.request(doc.method.toUpperCase(), path, doc.method === 'get' ? undefined : {});
      expect(res.status, `${doc.method} ${doc.path}`).toBe(401);
    }
  });

  it('every role-bound route refuses an employee with 403, and kiosk routes want a kiosk (401)', async () => {
    const anna = await t.login('anna@test.nl');
    for (const doc of routeDocs.filter((d) => Array.isArray(d.access))) {
      const res = await anna.request(doc.method.toUpperCase(), sample(doc.path), doc.method === 'get' ? undefined : {});
      expect(res.status, `${doc.method} ${doc.path}`).toBe((doc.access as string[]).includes('kiosk') ? 401 : 403);
    }
  });
});
