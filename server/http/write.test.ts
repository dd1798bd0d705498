import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../shared/errors.js';
import { makeTestApp, type TestApp } from '../testing.js';
import { handleError } from './errors.js';
import { write } from './write.js';

let t: TestApp;
let app: Hono;
let heard: boolean[];
const locations = () => t.db.prepare('SELECT count(*) FROM locations').pluck().get();
beforeEach(async () => {
  t = await makeTestApp();
  heard = [];
  t.s.events.subscribe(t.hub.id, () => heard.push(t.db.inTransaction));
  // Two writes of two services in one handler, then an outcome chosen by the path.
  app = new Hono();
  app.post('/:outcome', (c) =>
    write(t.s, c, 'u:1', null, () => {
      t.s.admin.createLocation(null, { name: 'Stadskantoor', kind: 'townhall' }, null);
      t.s.reservations.create({ ...t.users.anna, teams: [], showPresence: true }, { spaceId: t.desks[0]!.id, date: '2026-12-02', part: 'morning' }, null);
      if (c.req.param('outcome') === 'crash') throw new Error('disk on fire');
      if (c.req.param('outcome') === 'refuse') throw new DomainError('conflict', 'refused after writing');
      return { status: 201, body: { ok: true } };
    }),
  );
  app.onError(handleError);
});
afterEach(() => t.close());

const send = (outcome: string, key?: string) => app.request(`/${outcome}`, { method: 'POST', headers: key ? { 'idempotency-key': key } : {} });

describe('write(): one unit of work per request', () => {
  it('without a key, what a handler writes through several services commits together, and is announced after the commit', async () => {
    const before = locations();
    expect((await send('ok')).status).toBe(201);
    expect(locations()).toBe((before as number) + 1);
    expect(heard).toEqual([false]);
  });

  it('a failure after the writes rolls all of them back, with or without a key, and announces nothing', async () => {
    const before = locations();
    for (const key of [undefined, crypto.randomUUID()]) {
      const res = await send('crash', key);
      expect(res.status).toBe(500);
      expect(locations()).toBe(before);
      expect(t.db.prepare('SELECT count(*) FROM idempotency_keys').pluck().get()).toBe(0); // a retry runs again
    }
    expect(heard).toEqual([]);
  });

  it('a refusal is an answer: stored for its key and replayed as it was, with the one error mapping', async () => {
    const key = crypto.randomUUID();
    const first = await send('refuse', key);
    const body = await first.json();
    expect([first.status, body]).toEqual([409, { error: { code: 'conflict', message: 'refused after writing' } }]);
    const again = await send('refuse', key);
    expect([again.status, await again.json(), again.headers.get('idempotent-replayed')]).toEqual([409, body, 'true']);
  });
});
