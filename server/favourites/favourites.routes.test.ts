import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type Client, type TestApp } from '../testing.js';

let t: TestApp;
let anna: Client;
beforeEach(async () => {
  t = await makeTestApp();
  t.clock.set('2026-12-01T09:00:00+01:00');
  anna = await t.login('anna@test.nl');
});
afterEach(() => t.close());

describe('favourite spaces', () => {
  it('a person stars and unstars spaces; the starred come first in "my usual", the latest first', async () => {
    expect((await anna.get('/api/v1/me/favourites')).body).toEqual({ starred: [], usual: [] });
    const [d1, d2] = [t.desks[0]!.id, t.desks[1]!.id];
    expect((await anna.put(`/api/v1/me/favourites/${d1}`)).body).toEqual({ starred: [d1], usual: [d1] });
    t.clock.set('2026-12-01T09:01:00+01:00');
    expect((await anna.put(`/api/v1/me/favourites/${d2}`)).body).toEqual({ starred: [d2, d1], usual: [d2, d1] });
    // Starring twice is no error and no second star.
    expect((await anna.put(`/api/v1/me/favourites/${d2}`)).body.starred).toEqual([d2, d1]);
    expect((await anna.delete(`/api/v1/me/favourites/${d2}`)).body).toEqual({ starred: [d1], usual: [d1] });
    expect((await anna.delete(`/api/v1/me/favourites/${d2}`)).status).toBe(200);
    // Per person: Bram sees none of Anna's stars.
    expect((await (await t.login('bram@test.nl')).get('/api/v1/me/favourites')).body).toEqual({ starred: [], usual: [] });
  });

  it('"my usual" adds the spaces booked most in the last 8 weeks, after the starred ones', async () => {
    const [d1, d2, d3] = t.desks.map((d) => d.id);
    // Two bookings of desk 3 and one of desk 2, this week; desk 1 long ago (beyond 8 weeks).
    for (const [spaceId, date] of [[d3, '2026-12-01'], [d3, '2026-12-02'], [d2, '2026-12-03']] as const) {
      expect((await anna.post('/api/v1/reservations', { spaceId, date, part: 'afternoon' })).status).toBe(201);
    }
    const old = Date.parse('2026-09-01T09:00:00+02:00');
    t.db.prepare("INSERT INTO reservations (space_id, user_id, start_ms, end_ms, state, created_at) VALUES (?, ?, ?, ?, 'completed', ?)").run(d1, t.users.anna.id, old, old + 3600_000, old);
    expect((await anna.get('/api/v1/me/favourites')).body).toEqual({ starred: [], usual: [d3, d2] });
    await anna.put(`/api/v1/me/favourites/${d2}`);
    expect((await anna.get('/api/v1/me/favourites')).body).toEqual({ starred: [d2], usual: [d2, d3] });
  });

  it('refuses an unknown space with not_found in the person\'s language, a malformed id alike, and strangers with 401', async () => {
    const unknown = await anna.put('/api/v1/me/favourites/99999', undefined, { 'accept-language': 'nl' });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'not_found']);
    expect(unknown.body.error.message).toBeTruthy();
    expect((await anna.put('/api/v1/me/favourites/abc')).body.error.code).toBe('not_found'); // a path that names no space
    expect((await t.anonymous().get('/api/v1/me/favourites')).status).toBe(401);
    expect((await t.anonymous().put(`/api/v1/me/favourites/${t.desks[0]!.id}`)).status).toBe(401);
  });

  it('a resend with the same Idempotency-Key is replayed', async () => {
    const headers = { 'idempotency-key': randomUUID() };
    const first = await anna.put(`/api/v1/me/favourites/${t.room.id}`, undefined, headers);
    const second = await anna.put(`/api/v1/me/favourites/${t.room.id}`, undefined, headers);
    expect([second.status, second.body, second.headers.get('idempotent-replayed')]).toEqual([first.status, first.body, 'true']);
  });
});
