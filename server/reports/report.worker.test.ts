import { afterEach, expect, it } from 'vitest';
import { toActor } from '../auth/auth.service.js';
import { makeTestApp, type TestApp } from '../testing.js';
import { computeOccupancy } from './report.service.js';
import { createReportStore } from './report.store.js';

let t: TestApp | undefined;
afterEach(() => t?.close());

it('a report computed in the worker thread is the same report, and this thread keeps answering meanwhile', async () => {
  t = await makeTestApp({ reportWorker: true });
  const insert = t.db.prepare("INSERT INTO reservations (space_id, user_id, start_ms, end_ms, state, created_at, checked_in_at, ended_at) VALUES (?, ?, ?, ?, 'completed', ?, ?, ?)");
  const people = Array.from({ length: 8 }, (_, i) => t!.s.admin.createUserWithHash(null, { email: `w${i}@test.nl`, name: `w${i}`, roles: ['employee'] }, 'x', null).id);
  // Eight people over three days on the desks and the room: enough for figures to show.
  const spaces = [...t.desks.map((d) => d.id), t.room.id];
  for (const [d, date] of ['2026-11-23', '2026-11-24', '2026-11-25'].entries())
    people.forEach((user, i) => {
      const start = Date.parse(`${date}T08:00:00+01:00`) + i * 3_600_000;
      insert.run(spaces[(i + d) % spaces.length]!, user, start, start + 3_600_000, start - 86_400_000, start, null);
    });
  const facility = toActor(t.users.facility);
  const fromWorker = await t.s.reports.occupancy(facility, t.hub.id, '2026-11-23', '2026-11-27');
  expect(fromWorker.kinds.find((k) => k.kind === 'desk')?.reservations).not.toBeNull();

  let turns = 0;
  let done = false;
  const pending = t.s.reports.occupancy(facility, t.hub.id, '2026-11-23', '2026-11-27').then((r) => ((done = true), r));
  while (!done) {
    await new Promise((r) => setImmediate(r));
    turns++;
  }
  expect(turns).toBeGreaterThan(0);
  const here = computeOccupancy(createReportStore(t.db), {
    locationId: t.hub.id,
    from: '2026-11-23',
    to: '2026-11-27',
    now: t.clock.now(),
    tz: t.hub.timezone,
    desks: 3,
    rooms: [{ id: t.room.id, code: t.room.code, name: t.room.name, kind: t.room.kind }],
    listedKinds: ['desk', 'meeting'],
    activeZones: [{ id: t.zone.id, name: t.zone.name }],
    noZoneListed: false,
  });
  expect(await pending).toEqual(here);
  expect(fromWorker).toEqual(here);
});
