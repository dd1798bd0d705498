import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultPolicy, effectiveState, noShowDeadline } from '../../shared/rules.js';
import type { Reservation, ReservationState } from '../../shared/types.js';
import type { ReservationView } from '../domain.js';
import { eventVersion } from './calendar-event.js';

const MIN = 60_000;
const location = { id: 1, name: 'Werk HUB', kind: 'hub' as const, address: null, timezone: 'Europe/Amsterdam', policy: defaultPolicy };
const space = { id: 1, locationId: 1, zoneId: null, code: 'HUB-3-001', name: 'Werkplek', kind: 'desk' as const, capacity: 1, features: [], active: true, plan: null, key: 'k' };

/** The view at `now` of a stored row, with the state as of now, as ReservationService answers it. */
function viewAt(row: Reservation, now: number): ReservationView {
  const state = effectiveState(row, 'desk', defaultPolicy, now);
  return { reservation: { ...row, state, kind: 'desk', locationId: 1 }, space, location };
}

/**
 * Every life a reservation can have, as the stored rows after each write and the moments
 * someone looks: booked, then cancelled, a no-show (written by the sweep or not yet), an
 * offline check-in restoring it, a check-in, a check-out early or the sweep's completion.
 */
const lives = fc
  .record({
    createdAt: fc.integer({ min: 0, max: 10 * 24 * 60 }).map((m) => Date.parse('2026-12-01T07:00:00+01:00') + m * MIN),
    lead: fc.integer({ min: 0, max: 3 * 24 * 60 }),
    length: fc.integer({ min: 15, max: 10 * 60 }),
    path: fc.constantFrom('cancel', 'no_show', 'restore_written', 'restore_unwritten', 'check_out', 'completed'),
    a: fc.double({ min: 0, max: 1, noNaN: true }),
    b: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map(({ createdAt, lead, length, path, a, b }) => {
    const start = createdAt + lead * MIN;
    const end = start + length * MIN;
    const base: Reservation = { id: 1, spaceId: 1, userId: 1, start, end, state: 'booked', createdAt, checkedInAt: null, endedAt: null };
    const deadline = noShowDeadline(base, 'desk', defaultPolicy);
    const within = (from: number, to: number, f: number) => Math.floor(from + (to - from) * f);
    const set = (row: Reservation, state: ReservationState, at: Partial<Reservation>) => ({ ...row, state, ...at });
    // [stored row, moment looked at]; each next one is a later version.
    const steps: [Reservation, number][] = [[base, createdAt]];
    const opens = Math.max(createdAt, start - defaultPolicy.checkInOpensMinutes * MIN);
    if (path === 'cancel') {
      const t = within(createdAt, deadline - 1, a);
      steps.push([set(base, 'cancelled', { endedAt: t }), t]);
    } else if (path === 'no_show') {
      steps.push([base, deadline]); // released before the sweep wrote it
      const w = deadline + Math.floor(a * 30 * MIN);
      steps.push([set(base, 'no_show', { endedAt: w }), w]);
    } else if (path === 'restore_written' || path === 'restore_unwritten') {
      steps.push([base, deadline]);
      const w = deadline + 1000 + Math.floor(a * 30 * MIN);
      const scan = within(opens, deadline - 1, b);
      const written = path === 'restore_written';
      if (written) steps.push([set(base, 'no_show', { endedAt: w }), w]);
      const restored = set(base, 'checked_in', { checkedInAt: scan, endedAt: written ? w : null });
      const r = w + 1000 + Math.floor(b * 60 * MIN);
      if (r < end) {
        steps.push([restored, r]);
        const out = within(r + 1000, end - 1, a);
        steps.push([set(restored, 'completed', { endedAt: out }), out]);
      }
    } else {
      const i = within(opens, deadline - 1, a);
      const inside = set(base, 'checked_in', { checkedInAt: i });
      steps.push([inside, i]);
      if (path === 'check_out') {
        const out = within(i + 1000, end + 60 * MIN, b); // also after the end: a plain completion
        if (out < end) steps.push([set(inside, 'completed', { endedAt: out }), out]);
      } else {
        const z = end + Math.floor(b * 30 * MIN); // the sweep writes the completion
        steps.push([set(inside, 'completed', { endedAt: z }), z]);
      }
    }
    return steps.map(([row, now]) => ({ row, view: viewAt(row, now) }));
  });

describe('eventVersion', () => {
  it('gives every later version of a reservation a higher SEQUENCE (never a lower one), and the right status and end', () => {
    fc.assert(
      fc.property(lives, (steps) => {
        const versions = steps.map((s) => eventVersion(s.view));
        for (let k = 1; k < versions.length; k++) {
          const [before, after] = [versions[k - 1]!, versions[k]!];
          // The sweep writing down a no-show already shown changes nothing a calendar sees.
          if (after.status === before.status && after.end === before.end && steps[k]!.view.reservation.state === steps[k - 1]!.view.reservation.state) {
            expect(after.sequence).toBeGreaterThanOrEqual(before.sequence);
          } else expect(after.sequence).toBeGreaterThan(before.sequence);
        }
        steps.forEach(({ view }, k) => {
          const r = view.reservation;
          const v = versions[k]!;
          expect(v.status).toBe(r.state === 'cancelled' || r.state === 'no_show' ? 'CANCELLED' : 'CONFIRMED');
          expect(v.end).toBe(r.state === 'completed' && r.endedAt !== null && r.endedAt < r.end ? Math.max(r.start, r.endedAt) : r.end);
          expect(Number.isSafeInteger(v.sequence) && v.sequence < 2 ** 31).toBe(true);
        });
      }),
      { numRuns: 2000 },
    );
  });
});
