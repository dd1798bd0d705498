import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toActor } from '../auth/auth.service.js';
import { makeTestApp, type TestApp } from '../testing.js';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

/** A desk day for `who` on `date`, checked in at 08:10 unless a no-show. */
function deskDay(userId: number, desk: number, date: string, show: boolean) {
  t.clock.set(`${date}T07:00:00+01:00`);
  const user = t.s.admin.createUserWithHash(null, { email: `u${userId}-${date}@test.nl`, name: 'x', roles: ['employee'] }, 'x', null);
  const r = t.s.reservations.create(toActor(user), { spaceId: t.desks[desk]!.id, date, part: 'day' }, null);
  if (show) {
    t.clock.set(`${date}T08:10:00+01:00`);
    t.s.reservations.checkIn(toActor(user), r.reservation.id, t.desks[desk]!.key, null);
  }
  return user;
}

describe('occupancy report', () => {
  it('aggregates per weekday and hour, peak and trough, no-shows and use per kind; only facility may see it', async () => {
    // Tuesday 1 Dec: 3 desks reserved, 2 checked in; Wednesday 2 Dec: 1 reserved, no-show.
    deskDay(1, 0, '2026-12-01', true);
    deskDay(2, 1, '2026-12-01', true);
    deskDay(3, 2, '2026-12-01', false);
    deskDay(4, 0, '2026-12-02', false);
    t.clock.set('2026-12-07T09:00:00+01:00');
    t.s.reservations.sweep();
    const facility = await t.login('facility@test.nl');
    const res = await facility.get(`/api/v1/reports/locations/${t.hub.id}/occupancy?from=2026-11-30&to=2026-12-04`);
    expect(res.status).toBe(200);
    const r = res.body;
    expect(r.workdays).toBe(5);
    expect(r.weekdays.find((w: { weekday: string }) => w.weekday === 'di')).toEqual({ weekday: 'di', days: 1, reserved: 3, checkedIn: 2, desks: 3 });
    expect(r.weekdays.find((w: { weekday: string }) => w.weekday === 'wo')).toMatchObject({ reserved: 1, checkedIn: 0 });
    expect(r.hours.find((h: { hour: number }) => h.hour === 7).checkedIn).toBe(0);
    expect(r.hours.find((h: { hour: number }) => h.hour === 10).checkedIn).toBe(0.4); // 2 desks on 1 of 5 days
    expect(r.peak).toEqual({ date: '2026-12-01', checkedIn: 2 });
    expect(r.trough.checkedIn).toBe(0);
    expect(r.noShowRate).toBe(50);
    expect(r.kinds).toEqual([{ kind: 'desk', reservations: 4, checkedIn: 2 }]);
    // Two people checked in: too few to show a head count or a ratio built on one.
    expect([r.people, r.flexRatio]).toEqual([0, null]);

    const csv = await facility.get(`/api/v1/reports/locations/${t.hub.id}/occupancy.csv?from=2026-11-30&to=2026-12-04`);
    expect(String(csv.body).split('\n')[0]).toBe('groep,waarde,gereserveerd,ingecheckt,werkplekken');
    expect(String(csv.body)).toContain('weekdag,di,3,2,3');

    const anna = await t.login('anna@test.nl');
    expect((await anna.get(`/api/v1/reports/locations/${t.hub.id}/occupancy?from=2026-11-30&to=2026-12-04`)).status).toBe(403);
    expect((await facility.get(`/api/v1/reports/locations/${t.hub.id}/occupancy?from=2026-12-04&to=2026-11-30`)).body.error.code).toBe('invalid_interval');
  });

  it('shows how the spread over the week changes from week to week', async () => {
    // Week of 30 Nov: everyone on Tuesday (3 of 3 desks), nobody on the other days.
    // Week of 7 Dec: one desk on Monday, Tuesday and Wednesday each, none on Thursday and Friday.
    let n = 0;
    for (const desk of [0, 1, 2]) deskDay(++n, desk, '2026-12-01', true);
    for (const date of ['2026-12-07', '2026-12-08', '2026-12-09']) deskDay(++n, 0, date, true);
    const facility = await t.login('facility@test.nl');
    const r = (await facility.get(`/api/v1/reports/locations/${t.hub.id}/occupancy?from=2026-11-30&to=2026-12-11`)).body;
    expect(r.weeks).toEqual([
      { week: '2026-11-30', percent: { ma: 0, di: 100, wo: 0, do: 0, vr: 0 }, spread: 100 },
      { week: '2026-12-07', percent: { ma: 33.3, di: 33.3, wo: 33.3, do: 0, vr: 0 }, spread: 33.3 },
    ]);
    const csv = String((await facility.get(`/api/v1/reports/locations/${t.hub.id}/occupancy.csv?from=2026-11-30&to=2026-12-11`)).body);
    expect(csv).toContain('spreiding week,2026-11-30,,100,');
    expect(csv).toContain('spreiding week,2026-12-07,,33.3,');
  });

  it('a range starting mid-week gives that week only the days in range', async () => {
    deskDay(1, 0, '2026-12-03', true);
    const facility = await t.login('facility@test.nl');
    const r = (await facility.get(`/api/v1/reports/locations/${t.hub.id}/occupancy?from=2026-12-03&to=2026-12-04`)).body;
    expect(r.weeks).toEqual([{ week: '2026-11-30', percent: { ma: null, di: null, wo: null, do: 33.3, vr: 0 }, spread: 33.3 }]);
  });

  it('shows the flex ratio once at least five people used the location', async () => {
    for (let i = 0; i < 5; i++) deskDay(10 + i, i % 3, ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'][i]!, true);
    const facility = await t.login('facility@test.nl');
    const r = (await facility.get(`/api/v1/reports/locations/${t.hub.id}/occupancy?from=2026-11-30&to=2026-12-04`)).body;
    expect([r.people, r.flexRatio]).toEqual([5, 0.6]);
  });
});
