import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { OccupancyReportDto } from '../../shared/api.js';
import { localToInstant } from '../../shared/time.js';
import type { SpaceKind } from '../../shared/types.js';
import { toActor } from '../auth/auth.service.js';
import { createCatalogueStore } from '../catalogue/catalogue.store.js';
import { migrate } from '../db/database.js';
import { makeTestApp, type TestApp } from '../testing.js';
import { referenceOccupancy } from './report.reference.js';

const TZ = 'Europe/Amsterdam';
const MIN = 60_000;
// Both DST changes of 2026 (29 March, 25 October) with a week either side.
const PERIODS = [
  { from: '2026-03-23', to: '2026-04-03' },
  { from: '2026-10-19', to: '2026-10-30' },
];

let t: TestApp | undefined;
afterEach(() => {
  t?.close();
  t = undefined;
});

/** A small deterministic generator: one seed, one history. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = s;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A history written straight into the schema and then changed the ways Plek changes it (states,
 * check-in and end times, deletions, spaces moved to another zone or kind, a zone retired), so
 * the triggers keeping occupancy_days see every kind of change. Starts fall anywhere in the day,
 * local midnight and the hours around the DST changes included.
 */
async function history(seed: number, people: number) {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  t = await makeTestApp();
  const { s, db } = t;
  const admin = toActor(t.users.admin);
  const zones = [t.zone.id, s.admin.createZone(null, t.hub.id, { name: 'Dynamisch', character: 'dynamisch' }, null).id];
  const kinds: SpaceKind[] = ['desk', 'desk', 'desk', 'focus', 'call', 'meeting', 'multi'];
  const spaces = [...t.desks.map((d) => d.id), t.room.id];
  for (let i = 0; i < 8; i++) {
    const zoneId = rnd() < 0.25 ? undefined : pick(zones);
    spaces.push(s.admin.createSpace(null, t.hub.id, { code: `G-${i}`, name: `G ${i}`, kind: pick(kinds), ...(zoneId ? { zoneId } : {}) }, null).id);
  }
  const users = Array.from({ length: people }, (_, i) => s.admin.createUserWithHash(null, { email: `g${i}@test.nl`, name: `g${i}`, roles: ['employee'] }, 'x', null).id);
  const insert = db.prepare('INSERT INTO reservations (space_id, user_id, start_ms, end_ms, state, created_at, checked_in_at, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const ids: number[] = [];
  for (const period of PERIODS) {
    const lo = localToInstant(period.from, '00:00', TZ) - 6 * 60 * MIN; // some start the evening before the range
    const hi = localToInstant(period.to, '00:00', TZ) + 30 * 60 * MIN;
    for (let i = 0; i < 400; i++) {
      const start = lo + Math.floor((rnd() * (hi - lo)) / (15 * MIN)) * 15 * MIN;
      const end = start + pick([15, 60, 240, 270, 510, 600, 900]) * MIN;
      const state = pick(['completed', 'completed', 'completed', 'no_show', 'cancelled', 'booked', 'checked_in'] as const);
      const checkedIn = state === 'completed' || state === 'checked_in' ? start + Math.floor(rnd() * 120 - 30) * MIN : null;
      const ended = state === 'completed' ? (rnd() < 0.2 ? null : end + Math.floor(rnd() * 90 - 60) * MIN) : state === 'no_show' ? start + 30 * MIN : null;
      try {
        ids.push(Number(insert.run(pick(spaces), pick(users), start, end, state, start - 3600_000, checkedIn, ended).lastInsertRowid));
      } catch (e) {
        if (!String(e).includes('reservation_overlap')) throw e;
      }
    }
  }
  const update = db.prepare('UPDATE reservations SET state = ?, checked_in_at = ?, ended_at = ? WHERE id = ?');
  for (let i = 0; i < 60; i++) {
    const id = pick(ids);
    const state = pick(['completed', 'no_show', 'cancelled'] as const);
    const at = db.prepare<[number], { start_ms: number; end_ms: number }>('SELECT start_ms, end_ms FROM reservations WHERE id = ?').get(id);
    if (at) update.run(state, state === 'completed' ? at.start_ms + 5 * MIN : null, state === 'completed' ? at.end_ms - 15 * MIN : null, id);
  }
  db.prepare(`DELETE FROM reservations WHERE id IN (${ids.slice(0, 20).join(',')})`).run();
  s.admin.updateSpace(admin, spaces.at(-1)!, { kind: 'desk', zoneId: zones[1] }, null);
  s.admin.updateSpace(admin, spaces.at(-2)!, { zoneId: null }, null);
  s.admin.retireZone(admin, zones[1]!, null);
  return { locationId: t.hub.id };
}

/** A seed whose history of 40 people shows desk and room peaks and room figures, and hides some. */
const SHOWS_ALL = 6;

const byZone = (r: OccupancyReportDto) => ({ ...r, zones: [...r.zones].sort((a, b) => (a.zoneId ?? Infinity) - (b.zoneId ?? Infinity)) });

/** The new report and the old computation on the same database and clock. */
async function both(locationId: number, from: string, to: string) {
  const now = t!.clock.now();
  const fresh = await t!.s.reports.occupancy(toActor(t!.users.facility), locationId, from, to);
  const old = referenceOccupancy({ db: t!.db, catalogue: createCatalogueStore(t!.db), clock: { now: () => now } }, locationId, from, to);
  // Retired zones came in the order their first use was read; the new report lists them by id.
  return { fresh: byZone(fresh), old: byZone(old) };
}

const ranges = [
  { from: '2026-03-23', to: '2026-10-30' },
  { from: '2026-03-27', to: '2026-03-30' },
  { from: '2026-03-30', to: '2026-03-30' },
  { from: '2026-10-23', to: '2026-10-27' },
  { from: '2026-10-26', to: '2026-10-26' },
  // Starting and ending mid-week (Thursday to Tuesday): partial weeks have no spread.
  { from: '2026-03-26', to: '2026-10-27' },
];

describe('occupancy report from occupancy_days', () => {
  it('gives the figures of the old computation on generated histories, DST days, midnights and few people included', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.constantFrom(3, 6, 12, 40), fc.constantFrom(...ranges), async (seed, people, range) => {
        t?.close();
        const { locationId } = await history(seed, people);
        // Now within the history: some bookings are still ahead, some behind.
        t!.clock.set('2026-10-26T12:00:00+01:00');
        const { fresh, old } = await both(locationId, range.from, range.to);
        expect(fresh).toEqual(old);
      }),
      { numRuns: 25 },
    );
  });

  it('the spread per week over a range from a Wednesday to a Tuesday: only whole weeks have one, each week the month of its Thursday, as the old computation gives it', async () => {
    const { locationId } = await history(SHOWS_ALL, 40);
    t!.clock.set('2026-10-26T12:00:00+01:00');
    const { fresh, old } = await both(locationId, '2026-03-25', '2026-10-27');
    expect(fresh.weeks).toEqual(old.weeks);
    const spreadOf = (week: string) => fresh.weeks.find((w) => w.week === week);
    // Wednesday 25 March to Friday: three days, no spread; the week of 30 March (Thursday 2 April) is April's and whole.
    expect(spreadOf('2026-03-23')).toMatchObject({ month: '2026-03', percent: { wo: expect.anything(), do: expect.anything(), vr: expect.anything() } });
    expect(spreadOf('2026-03-23')).not.toHaveProperty('spread');
    expect(spreadOf('2026-03-30')).toMatchObject({ month: '2026-04', spread: expect.any(Number) });
    expect(spreadOf('2026-10-26')).not.toHaveProperty('spread');
    expect(Object.keys(spreadOf('2026-10-26')!.percent)).toEqual(['ma', 'di']);
  });

  it('the peaks per day and the room table: shown and suppressed figures alike, DST days included, as the old computation gives them', async () => {
    const { locationId } = await history(SHOWS_ALL, 40);
    t!.clock.set('2026-10-26T12:00:00+01:00');
    // A room two people used (its row hidden), and the meeting room retired: its history keeps
    // a row of its own, since it has figures to show.
    const few = t!.s.admin.createSpace(null, locationId, { code: 'G-few', name: 'Weinig', kind: 'call' }, null).id;
    const insert = t!.db.prepare("INSERT INTO reservations (space_id, user_id, start_ms, end_ms, state, created_at, checked_in_at, ended_at) VALUES (?, ?, ?, ?, 'completed', ?, ?, ?)");
    [t!.users.anna.id, t!.users.bram.id, t!.users.anna.id].forEach((user, i) => {
      const start = localToInstant('2026-03-24', `1${i}:00`, TZ);
      insert.run(few, user, start, start + 60 * MIN, start - 60 * MIN, start, start + 45 * MIN);
    });
    t!.s.reservations.retireSpace(t!.room.id, 'u:1', null);
    const { fresh, old } = await both(locationId, '2026-03-23', '2026-10-30');
    expect(fresh).toEqual(old);
    // The history holds every case the new figures have, so the comparison is not of nulls only.
    const peaks = (g: 'desks' | 'rooms') => fresh.peaks.filter((p) => p[g] !== null).length;
    expect([peaks('desks'), peaks('rooms')].every((n) => n > 0)).toBe(true);
    expect(fresh.peaks.some((p) => p.desks === null)).toBe(true);
    expect(fresh.roomUse.some((x) => x.hoursUsed !== null) && fresh.roomUse.some((x) => x.hoursUsed === null)).toBe(true);
    expect(fresh.roomUse.some((x) => x.noShows !== null)).toBe(true);
    expect(fresh.roomUse.find((x) => x.spaceId === few)).toMatchObject({ reservations: null, hoursUsed: null, noShows: null });
    expect(fresh.roomUse.find((x) => x.spaceId === t!.room.id)?.hoursUsed).not.toBeNull();
    expect(fresh.peakAtOnce.desks).not.toBeNull();
    for (const day of ['2026-03-30', '2026-10-26']) {
      const one = await both(locationId, day, day);
      expect(one.fresh).toEqual(one.old);
    }
  });

  it('the migration builds the counts of the history already in the database', async () => {
    const { locationId } = await history(7, 12);
    t!.clock.set('2026-10-26T12:00:00+01:00');
    const before = await both(locationId, '2026-03-23', '2026-10-30');
    // Back to the schema before version 11, with the history in it, and migrate again: 11 builds
    // the day counts to 18:30, 16 rebuilds them into the evening.
    t!.db.exec('DROP TABLE occupancy_days; DROP TRIGGER occupancy_insert; DROP TRIGGER occupancy_update; DROP TRIGGER occupancy_delete; DROP TRIGGER occupancy_space_moved; DELETE FROM schema_migrations WHERE version IN (11, 16)');
    migrate(t!.db);
    const after = await both(locationId, '2026-03-23', '2026-10-30');
    expect(after.fresh).toEqual(after.old);
    expect(after.fresh).toEqual(before.fresh);
    expect(after.fresh.people).not.toBeNull();
    // The generated history starts and ends at any hour: its evening shows in the counts.
    expect(t!.db.prepare('SELECT sum(h12 + h13 + h14 + h15) FROM occupancy_days').pluck().get()).toBeGreaterThan(0);

    // occupancy_space_days (version 18): the triggers' counts, a room moved to a location in
    // another time zone included, are what building them from the history again gives.
    const london = t!.s.admin.createLocation(null, { name: 'Londen', kind: 'wijk' }, null);
    t!.db.prepare("UPDATE locations SET timezone = 'Europe/London' WHERE id = ?").run(london.id);
    t!.db.prepare('UPDATE spaces SET location_id = ? WHERE id = ?').run(london.id, t!.room.id);
    const rows = () => t!.db.prepare('SELECT * FROM occupancy_space_days WHERE reservations <> 0 ORDER BY space_id, day').all();
    const kept = rows();
    expect(kept.length).toBeGreaterThan(0);
    t!.db.exec('DROP TABLE occupancy_space_days; DROP TRIGGER occupancy_space_insert; DROP TRIGGER occupancy_space_update; DROP TRIGGER occupancy_space_delete; DROP TRIGGER occupancy_space_relocated; DELETE FROM schema_migrations WHERE version = 18');
    migrate(t!.db);
    expect(rows()).toEqual(kept);
  });

  it('a check-in, a release and a no-show through the services show in the next report at once', async () => {
    const { locationId } = await history(11, 8);
    const desk = t!.desks[0]!;
    const actor = toActor(t!.users.anna);
    t!.clock.set('2026-12-01T07:00:00+01:00');
    const r = t!.s.reservations.create(actor, { spaceId: desk.id, date: '2026-12-01', part: 'day' }, null);
    t!.clock.set('2026-12-01T08:10:00+01:00');
    t!.s.reservations.checkIn(actor, r.reservation.id, desk.key, null);
    t!.clock.set('2026-12-01T11:00:00+01:00');
    t!.s.reservations.release(actor, r.reservation.id, null);
    t!.clock.set('2026-12-02T12:00:00+01:00');
    t!.s.reservations.create(actor, { spaceId: desk.id, date: '2026-12-02', part: 'morning' }, null);
    t!.s.reservations.sweep();
    const { fresh, old } = await both(locationId, '2026-11-30', '2026-12-04');
    expect(fresh).toEqual(old);
    const day = t!.db.prepare("SELECT reservations, checked_in, no_shows, h1, h4 FROM occupancy_days WHERE day = '2026-12-01' AND kind = 'desk'").get();
    expect(day).toEqual({ reservations: 1, checked_in: 1, no_shows: 0, h1: 1, h4: 0 });
  });
});
