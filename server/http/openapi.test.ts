import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorStatus } from '../../shared/errors.js';
import { routeDocs } from '../app.js';
import { makeTestApp, type TestApp } from '../testing.js';
import { checkAnswer } from './openapi.testing.js';

type Op = { operationId: string; parameters?: { name: string; in: string; schema: { pattern?: string } }[]; responses: Record<string, { content?: Record<string, { schema: unknown }> }> };
type Doc = { servers: { url: string }[]; paths: Record<string, Record<string, Op>>; components: { schemas: Record<string, unknown> } };

let t: TestApp;
let doc: Doc;
const ops = () => Object.entries(doc.paths).flatMap(([path, byMethod]) => Object.entries(byMethod).map(([method, op]) => ({ path, method, op })));
const codesOf = (op: Op, status: number): string[] => {
  const schema = op.responses[status]?.content?.['application/json']?.schema as { allOf: [unknown, { properties: { error: { properties: { code: { enum: string[] } } } } }] };
  return schema.allOf[1].properties.error.properties.code.enum;
};

beforeAll(async () => {
  t = await makeTestApp();
  doc = (await t.anonymous().get('/api/v1/openapi.json')).body;
});
afterAll(() => t.close());

describe('the OpenAPI document', () => {
  it('names every operation once, in camelCase', () => {
    const ids = ops().map(({ op }) => op.operationId);
    expect(ids).toHaveLength(routeDocs.length);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-zA-Z0-9]*$/);
    expect(doc.paths['/api/v1/reservations/{id}']!.get!.operationId).toBe('getReservationsById');
  });

  it('gives every success answer its schema or media type, and every error the one error body', () => {
    for (const { path, method, op } of ops()) {
      for (const [status, response] of Object.entries(op.responses)) {
        const s = Number(status);
        if (s === 204 || (s >= 300 && s < 400)) expect(response.content, `${method} ${path} ${status}`).toBeUndefined();
        else expect(Object.keys(response.content ?? {}).length, `${method} ${path} ${status}`).toBeGreaterThan(0);
        if (s >= 400 && path.startsWith('/api/v1/')) {
          for (const code of codesOf(op, s)) expect(errorStatus[code as keyof typeof errorStatus], `${method} ${path}: ${code}`).toBe(s);
        }
      }
    }
    expect(doc.paths['/api/v1/reservations/{id}']!.get!.responses[200]!.content!['application/json']!.schema).toEqual({ $ref: '#/components/schemas/Reservation' });
    expect(doc.components.schemas.Reservation).toMatchObject({ type: 'object', additionalProperties: false, required: expect.arrayContaining(['id', 'start', 'end', 'state']) });
  });

  it('documents 415 for every write and 404 wherever a path names something, with the codes a route gives', () => {
    for (const { path, method, op } of ops().filter((o) => o.path.startsWith('/api/v1/'))) {
      if (method !== 'get') expect(codesOf(op, 415), `${method} ${path}`).toEqual(['unsupported_media_type']);
      if (path.includes('{')) expect(codesOf(op, 404), `${method} ${path}`).toContain('not_found');
    }
    expect(codesOf(doc.paths['/api/v1/reservations']!.post!, 409).sort()).toEqual(['closed_day', 'conflict', 'holiday_closed', 'limit_reached', 'location_closed', 'space_unavailable']);
    expect(codesOf(doc.paths['/api/v1/auth/login']!.post!, 429)).toEqual(['too_many_attempts']);
  });

  it('really answers 415 to every write sent as something other than JSON', async () => {
    const admin = await t.login('admin@test.nl');
    for (const d of routeDocs.filter((r) => r.method !== 'get')) {
      const res = await admin.request(d.method.toUpperCase(), d.path.replace(/:\w+/g, '1'), 'a=b', { 'content-type': 'application/x-www-form-urlencoded' });
      expect([res.status, res.body.error.code], `${d.method} ${d.path}`).toEqual([415, 'unsupported_media_type']);
    }
  });

  it('documents the calendar feed as it is: a public path segment {token}.ics, the URL its own credential', async () => {
    const feed = doc.paths['/api/v1/calendar/{token}']!.get!;
    expect(feed).toMatchObject({ security: [] });
    const token = feed.parameters!.find((p) => p.name === 'token')!;
    expect(token.in).toBe('path');
    const anna = await t.login('anna@test.nl');
    const { url } = (await anna.post('/api/v1/me/calendar')).body as { url: string };
    const segment = url.split('/').pop()!;
    expect(segment).toMatch(new RegExp(token.schema.pattern!));
    expect(segment.endsWith('.ics')).toBe(true);
    expect((await t.anonymous().get(new URL(url).pathname)).status).toBe(200);
  });

  it('names the credential each operation takes: none, the session, the kiosk, or either', () => {
    const security = (path: string, method = 'get') => (doc.paths[path]![method] as Op & { security?: unknown }).security;
    expect(security('/api/v1/auth/config')).toEqual([]);
    expect(security('/api/v1/kiosk/board')).toEqual([{ kiosk: [] }]);
    expect(security('/api/v1/availability')).toEqual([{ session: [] }, { kiosk: [] }]);
    expect(security('/api/v1/reservations')).toBeUndefined(); // the document's default: the session
  });

  it('includes /healthz and /metrics', () => {
    expect(doc.paths['/healthz']!.get!.responses[503]!.content!['application/json']!.schema).toEqual({ $ref: '#/components/schemas/Health' });
    expect(Object.keys(doc.paths['/metrics']!.get!.responses[200]!.content!)).toEqual(['text/plain']);
  });

  it('names PLEK_PUBLIC_URL as its server, or the relative / without one', async () => {
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/' })]);
    const pub = await makeTestApp({ publicUrl: 'https://plek.gemeente.nl/' });
    try {
      const served = (await pub.anonymous().get('/api/v1/openapi.json')).body as Doc;
      expect(served.servers).toEqual([expect.objectContaining({ url: 'https://plek.gemeente.nl' })]);
    } finally {
      pub.close();
    }
  });

  it('passes redocly lint (recommended) with no errors; the warnings left are the ones the README explains', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plek-openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      writeFileSync(file, JSON.stringify(doc));
      const { stdout } = await promisify(execFile)(join(process.cwd(), 'node_modules/.bin/redocly'), ['lint', file, '--config', join(process.cwd(), 'redocly.yaml'), '--format', 'json'], {
        // No telemetry and no update check: the tests reach nothing outside this machine.
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
        timeout: 20_000,
      }).catch((err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }));
      const report = JSON.parse(stdout.slice(stdout.indexOf('{'))) as { totals: { errors: number }; problems: { ruleId: string; severity: string; location: { pointer: string }[] }[] };
      expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(report.totals.errors).toBe(0);
      expect(report.problems.map((p) => `${p.ruleId} ${p.location[0]!.pointer}`).sort()).toEqual([
        'operation-2xx-response #/paths/~1api~1v1~1auth~1oidc~1callback/get/responses',
        'operation-2xx-response #/paths/~1api~1v1~1auth~1oidc~1start/get/responses',
        'operation-4xx-response #/paths/~1healthz/get/responses',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});

describe('the check of every answer against the document', () => {
  const reservation = { id: 1, spaceId: 1, spaceCode: 'A', spaceName: 'A', locationId: 1, start: '2026-12-01T09:00:00+01:00', end: '2026-12-01T12:00:00+01:00', state: 'booked', createdAt: '2026-12-01T07:00:00+01:00', checkedInAt: null, checkInOpensAt: '2026-12-01T08:45:00+01:00', checkInClosesAt: '2026-12-01T09:15:00+01:00' };
  const json = (body: unknown) => [JSON.stringify(body), body] as const;

  it('takes an answer as documented', () => {
    expect(() => checkAnswer('GET', '/api/v1/reservations/7', 200, 'application/json', ...json(reservation))).not.toThrow();
    expect(() => checkAnswer('GET', '/api/v1/reservations/7', 404, 'application/json', ...json({ error: { code: 'not_found', message: 'x' } }))).not.toThrow();
  });

  it('fails a field too many or missing, a wrong type, an undocumented status or error code, or the wrong media type', () => {
    const { checkedInAt: _, ...missing } = reservation;
    expect(() => checkAnswer('GET', '/api/v1/reservations/7', 200, 'application/json', ...json({ ...reservation, userId: 3 }))).toThrow(/userId/);
    expect(() => checkAnswer('GET', '/api/v1/reservations/7', 200, 'application/json', ...json(missing))).toThrow(/checkedInAt/);
    expect(() => checkAnswer('GET', '/api/v1/reservations/7', 200, 'application/json', ...json({ ...reservation, id: '7' }))).toThrow(/integer/);
    expect(() => checkAnswer('GET', '/api/v1/reservations/7', 409, 'application/json', ...json({ error: { code: 'conflict', message: 'x' } }))).toThrow(/does not list/);
    expect(() => checkAnswer('GET', '/api/v1/reservations/7', 404, 'application/json', ...json({ error: { code: 'wrong_key', message: 'x' } }))).toThrow(/allowed values/);
    expect(() => checkAnswer('GET', '/api/v1/reservations/7/ics', 200, 'application/json', ...json(reservation))).toThrow(/text\/calendar/);
  });

  it('picks the literal path before a pattern (/teams/mine is not /teams/{id})', () => {
    expect(() => checkAnswer('GET', '/api/v1/teams/mine', 200, 'application/json', ...json([]))).not.toThrow();
  });
});
