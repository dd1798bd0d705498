/**
 * Who may call what: every route of the OpenAPI document against every role, a kiosk, and a
 * signed-out client, with the expected answer per cell derived from the route's documented
 * access; then the objects of other people.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { routeDocs } from '../server/app.js';
import { toActor } from '../server/auth/auth.service.js';
import { Client, makeTestApp, type TestApp } from '../server/testing.js';
import type { Role } from '../shared/types.js';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

type Caller = { name: string; roles: Role[] | 'kiosk' | 'room-display' | 'anonymous' };
const callers: Caller[] = [
  { name: 'anonymous', roles: 'anonymous' },
  { name: 'anna@test.nl', roles: ['employee'] },
  { name: 'manager@test.nl', roles: ['manager', 'employee'] },
  { name: 'reception@test.nl', roles: ['receptionist'] },
  { name: 'facility@test.nl', roles: ['facility', 'employee'] },
  { name: 'hr@test.nl', roles: ['hr'] },
  { name: 'admin@test.nl', roles: ['admin'] },
  { name: 'kiosk', roles: 'kiosk' },
  { name: 'room display', roles: 'room-display' },
];

/** Routes a kiosk may use besides its own: what an entrance screen shows of its location. */
const kioskAlso = new Set(['get /api/v1/availability', 'get /api/v1/events', 'get /api/v1/plans', 'get /api/v1/plans/:id/image']);

/** Paths with ids that do not exist, so the answer shows the access rule, not an object's fate. */
function sample(path: string): string {
  return path
    .replace(':userId', '999')
    .replace(':date', '2026-12-02')
    .replace(':token', 'not-a-token')
    .replace(/:id/g, '999');
}
const queries: Record<string, string> = {
  '/api/v1/availability': `?location=LOC&from=2026-12-02T08:00:00%2B01:00&to=2026-12-02T12:00:00%2B01:00`,
  '/api/v1/events': '?location=LOC',
  '/api/v1/plans': '?location=LOC',
  '/api/v1/reception/guests': '?location=LOC',
  '/api/v1/reception/emergency': '?location=LOC',
};

async function clientFor(caller: Caller): Promise<Client> {
  if (caller.roles === 'anonymous') return t.anonymous();
  if (caller.roles === 'kiosk' || caller.roles === 'room-display') {
    const spaceId = caller.roles === 'room-display' ? t.room.id : undefined;
    const { pairingCode } = t.s.kiosks.create(toActor(t.users.admin), { name: caller.name, locationId: t.hub.id, spaceId }, null);
    const kiosk = t.anonymous();
    expect((await kiosk.post('/api/v1/kiosk/pair', { code: pairingCode })).status).toBe(200);
    return kiosk;
  }
  return t.login(caller.name);
}

/** What the documented access promises this caller: allowed (any answer but 401/403), or refused with a status. */
function expected(access: unknown, key: string, caller: Caller): 'allowed' | 401 | 403 {
  if (access === 'public') return 'allowed';
  if (caller.roles === 'anonymous') return 401;
  if (caller.roles === 'kiosk' || caller.roles === 'room-display') {
    // The room display's routes are for a device bound to a room; an entrance kiosk is refused.
    if (key.includes('/api/v1/kiosk/room')) return caller.roles === 'room-display' ? 'allowed' : 403;
    if (Array.isArray(access) && access.includes('kiosk')) return 'allowed';
    return kioskAlso.has(key) ? 'allowed' : 403;
  }
  if (Array.isArray(access) && access.includes('kiosk')) return 401; // a person is not a kiosk
  if (access === 'signed-in') return 'allowed';
  const roles = caller.roles;
  return (access as string[]).some((r) => roles.includes(r as Role) || roles.includes('admin')) ? 'allowed' : 403;
}

/** A request that reads only the status of an event stream and hangs up. */
async function status(client: Client, method: string, path: string, body: unknown): Promise<number> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (client.cookie) headers.cookie = client.cookie;
  const res = await t.app.request(path, { method, headers, body: method === 'GET' ? undefined : JSON.stringify(body) }, { incoming: { socket: { remoteAddress: '127.0.0.1' } } });
  if (res.headers.get('content-type')?.startsWith('text/event-stream')) await res.body?.cancel();
  else await res.text();
  return res.status;
}

describe('the authorization matrix', () => {
  it('every route answers every caller as its documented access says, and never with a 5xx', async () => {
    // Sign-out last: it ends the caller's session.
    const docs = [...routeDocs].sort((a, b) => Number(a.path === '/api/v1/auth/logout') - Number(b.path === '/api/v1/auth/logout'));
    const wrong: string[] = [];
    let cells = 0;
    for (const caller of callers) {
      const client = await clientFor(caller);
      for (const doc of docs) {
        const key = `${doc.method} ${doc.path}`;
        const path = sample(doc.path) + (queries[doc.path] ?? '').replace('LOC', String(t.hub.id));
        const got = await status(client, doc.method.toUpperCase(), path, {});
        const want = expected(doc.access, key, caller);
        cells++;
        const ok = got < 500 && (want === 'allowed' ? got !== 401 && got !== 403 : got === want);
        if (!ok) wrong.push(`${caller.name} ${key}: ${got}, expected ${want}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(cells).toBe(callers.length * routeDocs.length);
  });
});

describe("other people's objects", () => {
  it("a reservation of someone else is not found: not read, released, checked in or downloaded", async () => {
    const anna = await t.login('anna@test.nl');
    const bram = await t.login('bram@test.nl');
    const r = await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, date: '2026-12-02', part: 'morning' });
    for (const [method, path, body] of [
      ['GET', `/api/v1/reservations/${r.body.id}`, undefined],
      ['POST', `/api/v1/reservations/${r.body.id}/release`, undefined],
      ['POST', `/api/v1/reservations/${r.body.id}/check-in`, { key: t.desks[0]!.key }],
      ['GET', `/api/v1/reservations/${r.body.id}/ics`, undefined],
    ] as const) {
      const res = await bram.request(method, path, body);
      expect([res.status, res.body?.error?.code], `${method} ${path}`).toEqual([404, 'not_found']);
    }
    expect((await bram.get('/api/v1/reservations')).body).toEqual([]);
    expect((await anna.get(`/api/v1/reservations/${r.body.id}`)).body.state).toBe('booked');
  });

  it("a guest of someone else is not found; a receptionist sees only the locations they work at", async () => {
    const anna = await t.login('anna@test.nl');
    const bram = await t.login('bram@test.nl');
    const guest = await anna.post('/api/v1/guests', { name: 'Mevr. Jansen', expectedAt: '2026-12-02T10:00:00+01:00', locationId: t.hub.id });
    expect(guest.status).toBe(201);
    expect((await bram.get(`/api/v1/guests/${guest.body.id}`)).status).toBe(404);
    expect((await bram.get('/api/v1/guests')).body).toEqual([]);
    const facility = await t.login('facility@test.nl');
    const other = await facility.post('/api/v1/admin/locations', { name: 'Wijkpost Noord', kind: 'wijk' });
    const reception = await t.login('reception@test.nl');
    expect((await reception.get(`/api/v1/reception/guests?location=${other.body.id}`)).status).toBe(403);
    expect((await reception.get(`/api/v1/reception/emergency?location=${other.body.id}`)).status).toBe(403);
    expect((await reception.get(`/api/v1/reception/guests?location=${t.hub.id}&date=2026-12-02`)).body.expected.length).toBe(1);
  });

  it("notifications, ticks, passes and calendars are one's own", async () => {
    const anna = await t.login('anna@test.nl');
    const bram = await t.login('bram@test.nl');
    await anna.post('/api/v1/guests', { name: 'Dhr. de Boer', expectedAt: '2026-12-01T09:00:00+01:00', locationId: t.hub.id });
    const reception = await t.login('reception@test.nl');
    const list = await reception.get(`/api/v1/reception/guests?location=${t.hub.id}`);
    expect((await reception.post(`/api/v1/reception/guests/${list.body.expected[0].id}/check-in`)).status).toBe(200);
    expect((await anna.get('/api/v1/notifications')).body.length).toBe(1);
    expect((await bram.get('/api/v1/notifications')).body).toEqual([]);
    expect((await anna.get('/api/v1/me/pass')).body).not.toEqual((await bram.get('/api/v1/me/pass')).body);
    const annaCal = await anna.post('/api/v1/me/calendar');
    const bramCal = await bram.post('/api/v1/me/calendar');
    expect(annaCal.body.url).not.toBe(bramCal.body.url);
    // HR-only: a person cannot set someone else's tick.
    expect((await anna.put(`/api/v1/hr/ticks/${t.users.bram.id}/2026-12-01`, { place: 'thuis' })).status).toBe(403);
  });

  it('a kiosk sees only its own location', async () => {
    const facility = await t.login('facility@test.nl');
    const other = await facility.post('/api/v1/admin/locations', { name: 'Wijkpost Noord', kind: 'wijk' });
    const { pairingCode } = t.s.kiosks.create(toActor(t.users.admin), { name: 'Noord', locationId: other.body.id }, null);
    const kiosk = t.anonymous();
    await kiosk.post('/api/v1/kiosk/pair', { code: pairingCode });
    expect((await kiosk.get(`/api/v1/availability?location=${t.hub.id}&from=2026-12-02T08:00:00%2B01:00&to=2026-12-02T12:00:00%2B01:00`)).status).toBe(403);
    expect((await kiosk.get(`/api/v1/plans?location=${t.hub.id}`)).status).toBe(403);
    expect((await kiosk.get('/api/v1/kiosk/board')).body.location.id).toBe(other.body.id);
  });
});

describe('hostile path and query parameters on every route', () => {
  const values = ['-1', '0', 'abc', '1e99', '99999999999999999999999', "1' OR '1'='1", '%00', '%F0%9F%98%80', 'A'.repeat(3000), '..%2F..%2Fetc%2Fpasswd', '2026-02-30', '1.5'];
  const queryJunk = ['?location=abc', '?location=-1&from=x&to=y', `?from=${'9'.repeat(400)}`, "?q=' OR 1=1 --", '?page=0', '?month=2026-13', '?location=1&location=2', '?dryRun=2', '?extra=1'];

  it('always answer 4xx with an error code, or a normal answer, never 5xx, and write nothing', async () => {
    const admin = await t.login('admin@test.nl');
    const counts = () => t.db.prepare('SELECT (SELECT count(*) FROM reservations) + (SELECT count(*) FROM locations) + (SELECT count(*) FROM spaces) + (SELECT count(*) FROM users) + (SELECT count(*) FROM guests) + (SELECT count(*) FROM floor_plans) + (SELECT count(*) FROM teams)').pluck().get();
    const before = counts();
    const problems: string[] = [];
    for (const doc of routeDocs.filter((d) => d.path !== '/api/v1/auth/logout')) {
      const paths = doc.path.includes(':') ? values.map((v) => doc.path.replace(/:(\w+)/g, v)) : [];
      // Junk queries where a query is parsed; elsewhere a query string is ignored like any web server does.
      const withQuery = (doc.query ? queryJunk : []).map((q) => sample(doc.path).replace(/999/g, String(t.hub.id)) + q);
      for (const path of [...paths, ...withQuery]) {
        const code = await status(admin, doc.method.toUpperCase(), path, {});
        if (code >= 500) problems.push(`${doc.method} ${path.slice(0, 80)}: ${code}`);
      }
    }
    expect(problems).toEqual([]);
    expect(counts()).toBe(before);
  });
});
