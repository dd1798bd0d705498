import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type Client, type TestApp } from '../testing.js';

let t: TestApp;
let anna: Client;
let heard: { spaceId: number; inTransaction: boolean }[];
beforeEach(async () => {
  t = await makeTestApp();
  anna = await t.login('anna@test.nl');
  heard = [];
  // What a board would hear, and whether the write it is about was committed by then.
  t.s.events.subscribe(t.hub.id, (e) => heard.push({ spaceId: e.spaceId, inTransaction: t.db.inTransaction }));
});
afterEach(() => t.close());

const book = (deskIndex: number, part: 'morning' | 'afternoon', key?: string) =>
  anna.post('/api/v1/reservations', { spaceId: t.desks[deskIndex]!.id, date: '2026-12-02', part }, key ? { 'idempotency-key': key } : {});

describe('events reach the boards only after the commit', () => {
  it('a create alone, with and without an Idempotency-Key: the board hears it once, with nothing left open', async () => {
    expect((await book(0, 'morning', crypto.randomUUID())).status).toBe(201);
    expect((await book(1, 'afternoon')).status).toBe(201);
    expect(heard).toEqual([
      { spaceId: t.desks[0]!.id, inTransaction: false },
      { spaceId: t.desks[1]!.id, inTransaction: false },
    ]);
  });

  it('creates in one group commit, with and without keys: each heard once, after the commit', async () => {
    const bram = await t.login('bram@test.nl');
    const answers = await Promise.all([
      book(0, 'morning', crypto.randomUUID()),
      bram.post('/api/v1/reservations', { spaceId: t.desks[1]!.id, date: '2026-12-02', part: 'morning' }),
      book(2, 'afternoon', crypto.randomUUID()),
    ]);
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect(heard).toHaveLength(3);
    expect(heard.every((h) => !h.inTransaction)).toBe(true);
  });

  it('a keyed create whose transaction fails after the reservation was written announces nothing and leaves nothing', async () => {
    const put = t.s.idempotency.put;
    t.s.idempotency.put = () => {
      throw new Error('disk I/O error'); // the answer could not be stored: the whole write rolls back
    };
    const res = await book(0, 'morning', crypto.randomUUID());
    t.s.idempotency.put = put;
    expect(res.status).toBeGreaterThanOrEqual(500);
    expect(heard).toEqual([]);
    expect(t.db.prepare('SELECT count(*) FROM reservations').pluck().get()).toBe(0);
  });
});

describe('what the boards hear is what was committed', () => {
  it('a create refused after writing down a due no-show on the way announces that no-show, and the no-show is in the database', async () => {
    const said: { reservationId: number; state: string }[] = [];
    t.s.events.subscribe(t.hub.id, (e) => said.push({ reservationId: e.reservationId, state: e.state }));
    const bram = await t.login('bram@test.nl');
    const manager = await t.login('manager@test.nl');
    const desk = t.desks[0]!.id;
    const morning = await anna.post('/api/v1/reservations', { spaceId: desk, date: '2026-12-01', part: 'morning' });
    expect((await bram.post('/api/v1/reservations', { spaceId: desk, date: '2026-12-01', part: 'afternoon' })).status).toBe(201);
    said.length = 0;
    t.clock.set('2026-12-01T09:00:00+01:00'); // Anna did not come: her morning is a no-show, not yet swept
    const refused = await manager.post('/api/v1/reservations', { spaceId: desk, start: '2026-12-01T09:00:00+01:00', end: '2026-12-01T14:00:00+01:00' });
    expect([refused.status, refused.body.error.code]).toEqual([409, 'conflict']); // Bram's afternoon stands
    // Nothing announced that the database does not hold: the no-show was written and committed.
    const stored = (id: number) => t.db.prepare('SELECT state FROM reservations WHERE id = ?').pluck().get(id);
    expect(said).toEqual([{ reservationId: morning.body.id, state: 'no_show' }]);
    expect(said.map((e) => stored(e.reservationId))).toEqual(['no_show']);
  });

  it('a job\'s write (the no-show sweep) announces after its own commit, not while its transaction is open', async () => {
    const morning = await book(0, 'morning');
    expect(morning.status).toBe(201);
    heard.length = 0;
    t.clock.set('2026-12-02T09:00:00+01:00'); // past the morning's check-in deadline
    expect(t.s.reservations.sweep().noShows).toBe(1);
    expect(heard).toEqual([{ spaceId: t.desks[0]!.id, inTransaction: false }]);
  });
});
