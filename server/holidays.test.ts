import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { holidaysBetween } from './holidays.js';
import { makeTestApp, type Client, type TestApp } from './testing.js';

let t: TestApp;
let anna: Client;
let facility: Client;
beforeEach(async () => {
  t = await makeTestApp();
  [anna, facility] = await Promise.all([t.login('anna@test.nl'), t.login('facility@test.nl')]);
  // Christmas lies beyond the default 14 days from T0 (Tuesday 1 December 2026).
  await facility.put(`/api/v1/admin/locations/${t.hub.id}/policy`, { daysAhead: 60 });
});
afterEach(() => t.close());

describe('Dutch public holidays', () => {
  it('are the days a municipality does not work: Bevrijdingsdag every year, Goede Vrijdag not', () => {
    expect(holidaysBetween('2027-01-01', '2027-12-31').map((h) => `${h.date} ${h.name.nl} / ${h.name.en}`)).toEqual([
      '2027-01-01 Nieuwjaar / New Year\'s Day',
      '2027-03-28 Pasen / Easter Sunday',
      '2027-03-29 Tweede paasdag / Easter Monday',
      '2027-04-27 Koningsdag / King\'s Day',
      '2027-05-05 Bevrijdingsdag / Liberation Day',
      '2027-05-06 Hemelvaartsdag / Ascension Day',
      '2027-05-16 Pinksteren / Pentecost',
      '2027-05-17 Tweede pinksterdag / Whit Monday',
      '2027-12-25 Kerstmis / Christmas Day',
      '2027-12-26 Tweede kerstdag / Boxing Day',
    ]);
    // Koningsdag moves to the Saturday before when 27 April is a Sunday.
    expect(holidaysBetween('2025-04-26', '2025-04-27').map((h) => h.date)).toEqual(['2025-04-26']);
    expect(holidaysBetween('2026-05-05', '2026-05-05')).toHaveLength(1); // not a lustrum year
  });

  it('are no workdays on my workdays page, cannot be ticked, and the HR export counts exactly the workdays up to today', async () => {
    t.clock.set('2026-12-01T09:00:00+01:00');
    await anna.post('/api/v1/walk-up', { code: 'HUB-3-001', key: t.desks[0]!.key });
    t.clock.set('2026-12-28T12:00:00+01:00'); // Monday after Christmas
    anna = await t.login('anna@test.nl');
    expect((await anna.put('/api/v1/ticks/2026-12-02', { place: 'thuis' })).status).toBe(204);
    const mine = (await anna.get('/api/v1/ticks')).body as { date: string }[];
    expect(mine).toHaveLength(22); // 23 weekdays less Kerstmis (Tweede kerstdag is a Saturday)
    expect(mine.map((d) => d.date)).not.toContain('2026-12-25');
    const christmas = await anna.put('/api/v1/ticks/2026-12-25', { place: 'thuis' });
    expect([christmas.status, christmas.body.error.code]).toEqual([400, 'invalid_input']);

    const hr = await t.login('hr@test.nl');
    const csv = String((await hr.get('/api/v1/hr/ticks.csv?month=2026-12')).body);
    // 1 to 28 December: 20 weekdays, less Kerstmis = 19; one at the office, one at home, 17 not filled in.
    // The days to come (29 to 31 December) are not counted as not filled in.
    const anna_ = csv.split(/\r?\n/).find((l) => l.startsWith('anna@test.nl'))!;
    expect(anna_.split(/[;,]/).slice(3).map(Number)).toEqual([1, 0, 1, 0, 17]);

    // A past month counts all its workdays: May 2027 without Bevrijdingsdag, Hemelvaart and Tweede pinksterdag.
    t.clock.set('2027-06-01T12:00:00+02:00');
    const may = String((await (await t.login('hr@test.nl')).get('/api/v1/hr/ticks.csv?month=2027-05')).body);
    const annaMay = may.split(/\r?\n/).find((l) => l.startsWith('anna@test.nl'))!;
    expect(annaMay.split(/[;,]/).slice(3).map(Number)).toEqual([0, 0, 0, 0, 21 - 3]);
    const mayDays = (await (await t.login('anna@test.nl')).get('/api/v1/ticks?month=2027-05')).body as { date: string }[];
    expect(mayDays.map((d) => d.date)).toEqual(expect.not.arrayContaining(['2027-05-05', '2027-05-06', '2027-05-17']));
    expect(mayDays).toHaveLength(18);
  });

  it('the week answer names them and says the location is closed; the availability answer too', async () => {
    const week = (await anna.get(`/api/v1/locations/${t.hub.id}/week?from=2026-12-21`)).body as { date: string; holiday: unknown; closed: boolean }[];
    expect(week.map((d) => [d.date, d.holiday, d.closed])).toEqual([
      ['2026-12-21', null, false],
      ['2026-12-22', null, false],
      ['2026-12-23', null, false],
      ['2026-12-24', null, false],
      ['2026-12-25', { nl: 'Kerstmis', en: 'Christmas Day' }, true],
      ['2026-12-26', { nl: 'Tweede kerstdag', en: 'Boxing Day' }, true],
      ['2026-12-27', null, false],
    ]);
    const q = (from: string, to: string) => `/api/v1/availability?location=${t.hub.id}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
    expect((await anna.get(q('2026-12-25T08:00:00+01:00', '2026-12-25T18:00:00+01:00'))).body.holidays).toEqual([
      { date: '2026-12-25', name: { nl: 'Kerstmis', en: 'Christmas Day' }, closed: true },
    ]);
    expect((await anna.get(q('2026-12-24T08:00:00+01:00', '2026-12-24T18:00:00+01:00'))).body.holidays).toEqual([]);
  });
});
