import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.js';
import { holdsSpace, MINUTE } from '../shared/rules.js';
import { toActor } from '../server/auth/auth.service.js';
import { httpLogin, listen, makeTestApp, T0, type TestApp } from '../server/testing.js';

describe('fifty people tapping the same desk at once, over real HTTP', () => {
  let t: TestApp;
  let server: Awaited<ReturnType<typeof listen>>;
  beforeAll(async () => {
    t = await makeTestApp();
    server = await listen(t.app);
  });
  afterAll(async () => {
    await server.close();
    t.close();
  });

  it('exactly one gets the desk, 49 get a clear 409 conflict, no 500, one row', async () => {
    const hash = t.db.prepare('SELECT password_hash FROM users WHERE email = ?').pluck().get('anna@test.nl') as string;
    const emails = Array.from({ length: 50 }, (_, i) => `racer${i}@test.nl`);
    for (const email of emails) t.s.admin.createUserWithHash(null, { email, name: email, roles: ['employee'] }, hash, null);
    const cookies = await Promise.all(emails.map((e) => httpLogin(server.url, e)));

    const body = JSON.stringify({ spaceId: t.desks[0]!.id, start: '2026-12-01T10:00:00+01:00', end: '2026-12-01T11:00:00+01:00' });
    const answers = await Promise.all(
      cookies.map(async (cookie) => {
        const res = await fetch(`${server.url}/api/v1/reservations`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body });
        return { status: res.status, body: (await res.json()) as { error?: { code: string } } };
      }),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.error?.code === 'conflict')).toBe(true);
    expect(t.db.prepare('SELECT count(*) FROM reservations WHERE space_id = ?').pluck().get(t.desks[0]!.id)).toBe(1);
  });
});

describe('random sequences of reserve, release, check-in, sweep and time passing', () => {
  const op = fc.oneof(
    fc.record({ kind: fc.constant('reserve' as const), who: fc.nat(3), space: fc.nat(3), slot: fc.nat(40), length: fc.integer({ min: 1, max: 12 }) }),
    fc.record({ kind: fc.constant('release' as const), pick: fc.nat(50) }),
    fc.record({ kind: fc.constant('checkIn' as const), pick: fc.nat(50) }),
    fc.record({ kind: fc.constant('sweep' as const) }),
    fc.record({ kind: fc.constant('wait' as const), minutes: fc.integer({ min: 1, max: 90 }) }),
  );

  it('never leave two active reservations overlapping on one space, refuse only with domain errors, and claim a conflict only when the space is held', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 40 }), async (ops) => {
        const t = await makeTestApp();
        try {
          const people = [t.users.anna, t.users.bram, t.users.manager, t.users.facility].map(toActor);
          const spaces = [...t.desks, t.room];
          const ids: number[] = [];
          const ownerOf = (id: number) => people.find((p) => p.id === t.db.prepare('SELECT user_id FROM reservations WHERE id = ?').pluck().get(id))!;
          for (const o of ops) {
            try {
              if (o.kind === 'reserve') {
                const start = T0 + o.slot * 15 * MINUTE;
                const interval = { start, end: start + o.length * 15 * MINUTE };
                const space = spaces[o.space]!;
                try {
                  const r = t.s.reservations.create(people[o.who]!, {
                    spaceId: space.id,
                    start: new Date(interval.start).toISOString(),
                    end: new Date(interval.end).toISOString(),
                  }, null);
                  ids.push(r.reservation.id);
                } catch (err) {
                  // A conflict is only ever claimed when someone really holds the space then.
                  if (err instanceof DomainError && err.code === 'conflict') {
                    const holders = (t.db.prepare("SELECT * FROM reservations WHERE space_id = ? AND state IN ('booked','checked_in') AND start_ms < ? AND end_ms > ?").all(space.id, interval.end, interval.start) as { start_ms: number; end_ms: number; created_at: number; state: 'booked' | 'checked_in' }[])
                      .filter((r) => holdsSpace({ start: r.start_ms, end: r.end_ms, createdAt: r.created_at, state: r.state }, space.kind, t.hub.policy, t.clock.now()));
                    expect(holders.length).toBeGreaterThan(0);
                  }
                  throw err;
                }
              } else if (o.kind === 'release' || o.kind === 'checkIn') {
                if (ids.length === 0) continue;
                const id = ids[o.pick % ids.length]!;
                const actor = ownerOf(id);
                if (o.kind === 'release') t.s.reservations.release(actor, id, null);
                else t.s.reservations.checkIn(actor, id, t.s.reservations.get(actor, id).space.key, null);
              } else if (o.kind === 'sweep') t.s.reservations.sweep();
              else t.clock.advance(o.minutes * MINUTE);
            } catch (err) {
              if (!(err instanceof DomainError)) throw err;
            }
          }
          const overlapping = t.db
            .prepare(
              `SELECT count(*) FROM reservations a JOIN reservations b ON a.space_id = b.space_id AND a.id < b.id
               WHERE a.state IN ('booked','checked_in') AND b.state IN ('booked','checked_in')
                 AND a.start_ms < b.end_ms AND b.start_ms < a.end_ms`,
            )
            .pluck()
            .get();
          expect(overlapping).toBe(0);
        } finally {
          t.close();
        }
      }),
      { numRuns: 60 },
    );
  });
});
