import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OccupancyReportDto } from '../../shared/api.js';
import type { User } from '../../shared/types.js';
import { toActor } from '../auth/auth.service.js';
import { makeTestApp, type TestApp } from '../testing.js';

let t: TestApp;
let made = 0;
beforeEach(async () => {
  t = await makeTestApp();
  made = 0;
});
afterEach(() => t.close());

type Space = { id: number; key: string };

function person(): User {
  const n = ++made;
  return t.s.admin.createUserWithHash(null, { email: `p${n}@test.nl`, name: `p${n}`, roles: ['employee'] }, 'x', null);
}

/** `count` more desks in `zoneId` of `locationId` (the hub's Stilte zone unless told). */
function addDesks(count: number, opts: { locationId?: number; zoneId?: number | null } = {}): Space[] {
  const zoneId = opts.zoneId === undefined ? t.zone.id : opts.zoneId ?? undefined;
  return Array.from({ length: count }, () => {
    const n = ++made;
    return t.s.admin.createSpace(null, opts.locationId ?? t.hub.id, { code: `D-${n}`, name: `Werkplek ${n}`, kind: 'desk', zoneId }, null);
  });
}

/** A desk day (08:00–18:00) on `date` for a new person or `who`: checked in at 08:10 unless a no-show, checked out at `leaves`. */
function deskDay(desk: Space, date: string, opts: { show?: boolean; leaves?: string; who?: User } = {}): User {
  const user = opts.who ?? person();
  t.clock.set(`${date}T07:00:00+01:00`);
  const r = t.s.reservations.create(toActor(user), { spaceId: desk.id, date, part: 'day' }, null);
  if (opts.show === false) return user;
  t.clock.set(`${date}T08:10:00+01:00`);
  t.s.reservations.checkIn(toActor(user), r.reservation.id, desk.key, null);
  if (opts.leaves) {
    t.clock.set(`${date}T${opts.leaves}:00+01:00`);
    t.s.reservations.release(toActor(user), r.reservation.id, null);
  }
  return user;
}

/** An hour in the hub's meeting room (or `room`) on `date` from `hour`, for a new person, checked in unless a no-show. */
function meeting(date: string, hour: number, opts: { room?: Space; show?: boolean } = {}): void {
  const user = person();
  const room = opts.room ?? t.room;
  const at = (h: number) => `${date}T${String(h).padStart(2, '0')}:00:00+01:00`;
  t.clock.set(`${date}T07:00:00+01:00`);
  const r = t.s.reservations.create(toActor(user), { spaceId: room.id, start: at(hour), end: at(hour + 1) }, null);
  if (opts.show === false) return;
  t.clock.set(at(hour));
  t.s.reservations.checkIn(toActor(user), r.reservation.id, room.key, null);
}

/** An afternoon (12:30–18:00) at `desk` on `date` for a new person, checked in at 12:35. */
function deskAfternoon(desk: Space, date: string): void {
  const user = person();
  t.clock.set(`${date}T07:00:00+01:00`);
  const r = t.s.reservations.create(toActor(user), { spaceId: desk.id, date, part: 'afternoon' }, null);
  t.clock.set(`${date}T12:35:00+01:00`);
  t.s.reservations.checkIn(toActor(user), r.reservation.id, desk.key, null);
}

/** Facility's view, a week after December's test days, after the no-show sweep. */
async function fetchReport(from: string, to: string, locationId = t.hub.id) {
  t.clock.set('2026-12-21T09:00:00+01:00');
  t.s.reservations.sweep();
  const facility = await t.login('facility@test.nl');
  const json = await facility.get(`/api/v1/reports/locations/${locationId}/occupancy?from=${from}&to=${to}`);
  const csv = await facility.get(`/api/v1/reports/locations/${locationId}/occupancy.csv?from=${from}&to=${to}`);
  expect([json.status, csv.status]).toEqual([200, 200]);
  return { r: json.body as OccupancyReportDto, csv: String(csv.body), rows: sections(String(csv.body)) };
}

/**
 * The full report CSV as a spreadsheet reads it: sections, each a header row (its first cell
 * the section column's name) and data rows of exactly its width, each row keyed by its section's
 * header. A row wider or narrower than its header fails here.
 */
function sections(csv: string, sectionColumn = 'onderdeel'): Record<string, string>[] {
  const lines = parse(csv, { delimiter: ';', bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
  expect(lines[0]![0]).toBe(sectionColumn);
  let header: string[] = [];
  const rows: Record<string, string>[] = [];
  for (const line of lines) {
    if (line[0] === sectionColumn) {
      header = line;
      continue;
    }
    expect(line.length, `${line.join(';')} under ${header.join(';')}`).toBe(header.length);
    rows.push(Object.fromEntries(header.map((h, i) => [h, line[i]!])));
  }
  return rows;
}

/** Every number in the report that is computed from people (not the desks, days, hours or ids it is laid out by). */
function figuresIn(r: OccupancyReportDto): string[] {
  const layout = new Set(['locationId', 'minGroupSize', 'desks', 'rooms', 'workdays', 'days', 'hour', 'zoneId', 'spaceId']);
  const found: string[] = [];
  const walk = (v: unknown, path: string): void => {
    if (typeof v === 'number') found.push(`${path}=${v}`);
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (!layout.has(k)) walk(x, `${path}.${k}`);
  };
  walk(r, 'report');
  return found;
}

/** The CSV's figures: every cell but those it is laid out by (sections, names, dates, times, the desks and rooms). */
const layoutColumns = new Set(['onderdeel', 'weekdag', 'uur', 'soort', 'zone', 'werkplekken', 'ruimtes', 'datum', 'om', 'om (ruimtes)', 'week van', 'maand', 'ruimte', 'naam', 'weken met cijfer']);
const csvFigures = (rows: Record<string, string>[]) =>
  rows.flatMap((row) => Object.entries(row).filter(([k, v]) => !layoutColumns.has(k) && v !== '' && v !== '< 5 personen').map(([k, v]) => `${row.onderdeel}.${k}=${v}`));

const hourOf = (r: OccupancyReportDto, hour: number) => r.hours.find((h) => h.hour === hour)!.checkedIn;
const weekdayOf = (r: OccupancyReportDto, weekday: string) => r.weekdays.find((w) => w.weekday === weekday)!;

describe('occupancy report', () => {
  it('aggregates per weekday and hour, peak and trough, no-shows, use per kind and zone; only facility may see it', async () => {
    // Tuesday 1 Dec: 6 desks reserved, 5 checked in; Wednesday 2 Dec: 5 reserved, all no-shows.
    const desks = [...t.desks, ...addDesks(3)];
    desks.forEach((desk, i) => deskDay(desk, '2026-12-01', { show: i < 5 }));
    desks.slice(0, 5).forEach((desk) => deskDay(desk, '2026-12-02', { show: false }));
    const { r, csv } = await fetchReport('2026-11-30', '2026-12-04');
    expect([r.workdays, r.desks, r.minGroupSize]).toEqual([5, 6, 5]);
    expect(weekdayOf(r, 'di')).toEqual({ weekday: 'di', days: 1, reserved: 6, checkedIn: 5, desks: 6 });
    expect(weekdayOf(r, 'wo')).toMatchObject({ reserved: 5, checkedIn: null }); // nobody checked in: not even a 0
    expect(hourOf(r, 7)).toBeNull();
    expect(hourOf(r, 10)).toBe(1); // 5 desks on 1 of 5 days
    expect(r.peak).toEqual({ date: '2026-12-01', checkedIn: 5 });
    expect(r.trough).toBeNull(); // a day nobody came
    expect(r.noShowRate).toBe(54.5); // 6 of 11
    expect(r.kinds).toEqual([
      { kind: 'desk', reservations: 11, checkedIn: 5 },
      { kind: 'meeting', reservations: null, checkedIn: null },
    ]);
    expect(r.zones).toEqual([{ zoneId: t.zone.id, name: 'Stilte', reservations: 11, checkedIn: 5 }]);
    expect([r.people, r.flexRatio]).toEqual([5, 1.2]);

    expect(csv.split('\r\n')[0]).toBe('onderdeel;weekdag;gereserveerd (gemiddeld per dag);ingecheckt (gemiddeld per dag);werkplekken');
    expect(csv).toContain('\r\nweekdag;dinsdag;6;5;6\r\n');
    expect(csv).toContain('\r\nweekdag;woensdag;5;< 5 personen;6\r\n');
    expect(csv).toContain('\r\nonderdeel;uur;ingecheckt (gemiddeld per dag);werkplekken\r\nuur;07:00;< 5 personen;6\r\n');
    expect(csv).toContain('\r\nonderdeel;soort;reserveringen;check-ins\r\nsoort;Werkplek;11;5\r\n');
    expect(csv).toContain('\r\nzone;Stilte;11;5\r\n');
    expect(csv).toContain('\r\nonderdeel;datum;ingecheckt;werkplekken\r\ndrukste dag;2026-12-01;5;6\r\n');
    expect(csv).toContain('\r\nonderdeel;no-show %;flexratio;personen ingecheckt\r\nhele periode;54,5;1,2;5\r\n');

    // As bytes: the BOM that makes Excel read UTF-8. In English with lang=en, still as Dutch Excel reads figures.
    const facilityNow = await t.login('facility@test.nl');
    const raw = await t.app.request(`/api/v1/reports/locations/${t.hub.id}/occupancy.csv?from=2026-11-30&to=2026-12-04&lang=en`, { headers: { cookie: facilityNow.cookie! } });
    const bytes = Buffer.from(await raw.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const en = bytes.subarray(3).toString('utf8');
    expect(en.split('\r\n')[0]).toBe('section;weekday;reserved (average per day);checked in (average per day);desks');
    for (const line of ['weekday;Tuesday;6;5;6', 'weekday;Wednesday;5;< 5 people;6', 'section;kind;reservations;check-ins', 'kind;Desk;11;5', 'busiest day;2026-12-01;5;6', 'section;no-show %;flex ratio;people checked in', 'whole period;54,5;1,2;5']) expect(en).toContain(`\r\n${line}\r\n`);
    sections(en, 'section');

    const anna = await t.login('anna@test.nl');
    expect((await anna.get(`/api/v1/reports/locations/${t.hub.id}/occupancy?from=2026-11-30&to=2026-12-04`)).status).toBe(403);
    const facility = await t.login('facility@test.nl');
    expect((await facility.get(`/api/v1/reports/locations/${t.hub.id}/occupancy?from=2026-12-04&to=2026-11-30`)).body.error.code).toBe('invalid_interval');
  });

  it('shows how the spread over the week changes from week to week, and none for a week with a day of fewer than five people', async () => {
    const desks = [...t.desks, ...addDesks(7)]; // 10 desks
    const crowd = (date: string, n: number) => desks.slice(0, n).forEach((desk) => deskDay(desk, date));
    // Week of 30 Nov: ten people on Tuesday, five on the other days. Week of 7 Dec: five a day
    // but Wednesday, when four came.
    for (const [date, n] of [['2026-11-30', 5], ['2026-12-01', 10], ['2026-12-02', 5], ['2026-12-03', 5], ['2026-12-04', 5]] as const) crowd(date, n);
    for (const [date, n] of [['2026-12-07', 5], ['2026-12-08', 5], ['2026-12-09', 4], ['2026-12-10', 5], ['2026-12-11', 5]] as const) crowd(date, n);
    const { r, csv } = await fetchReport('2026-11-30', '2026-12-11');
    expect(r.weeks).toEqual([
      // The week of Monday 30 November is December's: its Thursday is.
      { week: '2026-11-30', month: '2026-12', percent: { ma: 50, di: 100, wo: 50, do: 50, vr: 50 }, spread: 50 },
      { week: '2026-12-07', month: '2026-12', percent: { ma: 50, di: 50, wo: null, do: 50, vr: 50 }, spread: null },
    ]);
    expect(csv).toContain('\r\nonderdeel;week van;maand;maandag (% ingecheckt);dinsdag (% ingecheckt);woensdag (% ingecheckt);donderdag (% ingecheckt);vrijdag (% ingecheckt);spreiding (procentpunten)\r\n');
    expect(csv).toContain('\r\nspreiding week;2026-11-30;2026-12;50;100;50;50;50;50\r\n');
    expect(csv).toContain('\r\nspreiding week;2026-12-07;2026-12;50;50;< 5 personen;50;50;< 5 personen\r\n');
    expect(csv).toContain('\r\nweekdag;woensdag;4,5;4,5;10\r\n');
    // Wednesday's average still comes from nine people over two days.
    expect(weekdayOf(r, 'wo')).toMatchObject({ days: 2, checkedIn: 4.5 });
  });

  it('a range starting mid-week gives that week only the days in range', async () => {
    const desks = [...t.desks, ...addDesks(2)];
    desks.forEach((desk) => deskDay(desk, '2026-12-03'));
    deskDay(desks[0]!, '2026-12-04');
    const { r } = await fetchReport('2026-12-03', '2026-12-04');
    expect(r.weeks).toEqual([{ week: '2026-11-30', month: '2026-12', percent: { do: 100, vr: null } }]);
    expect(weekdayOf(r, 'ma')).toEqual({ weekday: 'ma', days: 0, reserved: null, checkedIn: null, desks: 5 });
  });

  it('a range from a Thursday to a Tuesday: the partial weeks at either end have their days but no spread, so they cannot pull a month down; each week is the month of its Thursday', async () => {
    const desks = [...t.desks, ...addDesks(7)]; // 10 desks
    const crowd = (date: string, n: number) => desks.slice(0, n).forEach((desk) => deskDay(desk, date));
    // Thursday 26 November ten people, Friday five: two days that would "spread" 50 points.
    for (const [date, n] of [['2026-11-26', 10], ['2026-11-27', 5], ['2026-11-30', 5], ['2026-12-01', 5], ['2026-12-02', 5], ['2026-12-03', 5], ['2026-12-04', 5], ['2026-12-07', 10], ['2026-12-08', 5]] as const) crowd(date, n);
    const { r, rows } = await fetchReport('2026-11-26', '2026-12-08');
    expect(r.weeks).toEqual([
      { week: '2026-11-23', month: '2026-11', percent: { do: 100, vr: 50 } },
      { week: '2026-11-30', month: '2026-12', percent: { ma: 50, di: 50, wo: 50, do: 50, vr: 50 }, spread: 0 },
      { week: '2026-12-07', month: '2026-12', percent: { ma: 100, di: 50 } },
    ]);
    expect(rows.filter((x) => x.onderdeel === 'spreiding week').map((x) => [x['week van'], x.maand, x['donderdag (% ingecheckt)'], x['spreiding (procentpunten)']])).toEqual([
      ['2026-11-23', '2026-11', '100', ''],
      ['2026-11-30', '2026-12', '50', '0'],
      ['2026-12-07', '2026-12', '', ''],
    ]);
    // Per month as on the page: November has no whole week in range, so no row; December one.
    expect(rows.filter((x) => x.onderdeel === 'spreiding per maand')).toEqual([{ onderdeel: 'spreiding per maand', maand: '2026-12', 'spreiding (procentpunten)': '0', 'weken met cijfer': '1' }]);
    // A week from Monday 31 August to Friday 4 September is September's, whole or cut at the 1st.
    const september = await fetchReport('2026-08-31', '2026-09-04');
    expect(september.r.weeks.map((w) => [w.week, w.month])).toEqual([['2026-08-31', '2026-09']]);
    expect((await fetchReport('2026-09-01', '2026-09-04')).r.weeks).toEqual([{ week: '2026-08-31', month: '2026-09', percent: { di: null, wo: null, do: null, vr: null } }]);
  });

  it('the full CSV: every section has a header row of its own and every value stands under the header that names it, in Dutch and in English', async () => {
    const desks = [...t.desks, ...addDesks(3)];
    desks.forEach((desk, i) => deskDay(desk, '2026-12-01', { show: i < 5 }));
    desks.slice(0, 5).forEach((desk) => deskDay(desk, '2026-12-02'));
    for (const hour of [8, 9, 10, 11, 13]) meeting('2026-12-01', hour);
    meeting('2026-12-01', 15, { show: false });
    const { r, rows } = await fetchReport('2026-11-30', '2026-12-04');
    const fig = (v: number | null | undefined) => (v === undefined ? '' : v === null ? '< 5 personen' : String(v).replace('.', ','));
    const of = (section: string) => rows.filter((x) => x.onderdeel === section);
    expect(of('weekdag').map((x) => [x.weekdag, x['gereserveerd (gemiddeld per dag)'], x['ingecheckt (gemiddeld per dag)'], x.werkplekken])).toEqual(
      r.weekdays.map((w, i) => [['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag'][i], fig(w.reserved), fig(w.checkedIn), String(w.desks)]),
    );
    expect(of('weekdag').find((x) => x.weekdag === 'dinsdag')).toMatchObject({ 'gereserveerd (gemiddeld per dag)': '6', 'ingecheckt (gemiddeld per dag)': '5' });
    expect(of('uur').map((x) => [x.uur, x['ingecheckt (gemiddeld per dag)']])).toEqual(r.hours.map((h) => [`${String(h.hour).padStart(2, '0')}:00`, fig(h.checkedIn)]));
    expect(of('soort').map((x) => [x.reserveringen, x['check-ins']])).toEqual(r.kinds.map((k) => [fig(k.reservations), fig(k.checkedIn)]));
    expect(of('zone').map((x) => [x.reserveringen, x['check-ins']])).toEqual(r.zones.map((z) => [fig(z.reservations), fig(z.checkedIn)]));
    expect(of('spreiding week').map((x) => [x['week van'], x.maand, x['dinsdag (% ingecheckt)'], x['woensdag (% ingecheckt)'], x['spreiding (procentpunten)']])).toEqual(
      r.weeks.map((w) => [w.week, w.month, fig(w.percent.di), fig(w.percent.wo), fig(w.spread)]),
    );
    expect(of('drukste dag')).toEqual([{ onderdeel: 'drukste dag', datum: '2026-12-01', ingecheckt: '5', werkplekken: '6' }]);
    expect(of('hele periode')).toEqual([{ onderdeel: 'hele periode', 'no-show %': fig(r.noShowRate), flexratio: fig(r.flexRatio), 'personen ingecheckt': fig(r.people) }]);
    expect(of('hoogste tegelijk per dag').map((x) => [x.datum, x['werkplekken tegelijk'], x.om])).toEqual(r.peaks.map((p) => [p.date, fig(p.desks?.inUse ?? null), p.desks?.at ?? '']));
    // The room table in full, the no-shows under no-shows and their share under no-show %.
    expect(of('gebruik per ruimte')).toEqual([
      { onderdeel: 'gebruik per ruimte', ruimte: 'HUB-3-M01', naam: 'Hybride vergaderruimte', soort: 'Vergaderruimte', reserveringen: '6', 'uren geboekt': '6', 'uren ingecheckt': '5', 'no-shows': '1', 'no-show %': '16,7' },
    ]);
    expect(r.roomUse[0]).toMatchObject({ reservations: 6, hoursBooked: 6, hoursUsed: 5, noShows: 1, noShowRate: 16.7 });

    const facility = await t.login('facility@test.nl');
    const en = sections(String((await facility.get(`/api/v1/reports/locations/${t.hub.id}/occupancy.csv?from=2026-11-30&to=2026-12-04&lang=en`)).body), 'section');
    const enOf = (section: string) => en.filter((x) => x.section === section);
    const figEn = (v: number | null | undefined) => fig(v).replace('< 5 personen', '< 5 people');
    expect(enOf('weekday').find((x) => x.weekday === 'Tuesday')).toEqual({ section: 'weekday', weekday: 'Tuesday', 'reserved (average per day)': '6', 'checked in (average per day)': '5', desks: '6' });
    expect(enOf('hour').find((x) => x.hour === '10:00')).toEqual({ section: 'hour', hour: '10:00', 'checked in (average per day)': '2', desks: '6' });
    expect(enOf('weekly spread')[0]).toMatchObject({ 'week of': '2026-11-30', month: '2026-12', 'Tuesday (% checked in)': figEn(r.weeks[0]!.percent.di), 'spread (percentage points)': figEn(r.weeks[0]!.spread) });
    expect(enOf('whole period')).toEqual([{ section: 'whole period', 'no-show %': figEn(r.noShowRate), 'flex ratio': figEn(r.flexRatio), 'people checked in': figEn(r.people) }]);
    expect(enOf('use per room')[0]).toMatchObject({ room: 'HUB-3-M01', 'hours booked': '6', 'hours checked in': '5', 'no-shows': '1', 'no-show %': '16,7' });
    expect(en.map((x) => x.section)).toEqual(rows.map((x) => ({ weekdag: 'weekday', uur: 'hour', soort: 'kind', zone: 'zone', 'spreiding week': 'weekly spread', 'spreiding per maand': 'spread per month', 'drukste dag': 'busiest day', 'rustigste dag': 'quietest day', 'hele periode': 'whole period', 'hoogste tegelijk per dag': 'most at once per day', 'hoogste tegelijk, werkplekken': 'most at once, desks', 'hoogste tegelijk, ruimtes (van 1)': 'most at once, rooms (of 1)', 'gebruik per ruimte': 'use per room' })[x.onderdeel!]));
  });

  it("the comparison downloads on its own (?part=compare): every location over the same range, as the page's table: desks, per weekday the average checked in as % of the desks, no-shows; a small location's figures hidden", async () => {
    const desks = [...t.desks, ...addDesks(2)]; // 5 desks at the hub
    desks.forEach((desk) => deskDay(desk, '2026-12-01'));
    desks.slice(0, 4).forEach((desk) => deskDay(desk, '2026-12-02'));
    const wijk = t.s.admin.createLocation(null, { name: 'Wijksteunpunt; Noord', kind: 'wijk' }, null);
    addDesks(2, { locationId: wijk.id, zoneId: null }).forEach((desk) => deskDay(desk, '2026-12-01'));
    await fetchReport('2026-11-30', '2026-12-04');
    const facility = await t.login('facility@test.nl');
    const res = await facility.get(`/api/v1/reports/locations/${t.hub.id}/occupancy.csv?from=2026-11-30&to=2026-12-04&part=compare`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(`bezetting-${t.hub.id}-compare-2026-11-30-2026-12-04.csv`);
    const hub = await facility.get(`/api/v1/reports/locations/${t.hub.id}/occupancy?from=2026-11-30&to=2026-12-04`);
    expect(hub.body.noShowRate).toBe(0);
    expect(parse(String(res.body), { delimiter: ';', bom: true })).toEqual([
      ['locatie', 'werkplekken', 'maandag (% ingecheckt)', 'dinsdag (% ingecheckt)', 'woensdag (% ingecheckt)', 'donderdag (% ingecheckt)', 'vrijdag (% ingecheckt)', 'no-show %'],
      // Tuesday 5 of 5 desks; Wednesday's four people are hidden, the other days nobody: hidden too.
      ['Werk HUB', '5', '< 5 personen', '100', '< 5 personen', '< 5 personen', '< 5 personen', '0'],
      ['Wijksteunpunt; Noord', '2', ...Array(6).fill('< 5 personen')],
    ]);
    const en = await facility.get(`/api/v1/reports/locations/${t.hub.id}/occupancy.csv?from=2026-12-01&to=2026-12-01&part=compare&lang=en`);
    expect(String(en.body).split('\r\n').slice(0, 2)).toEqual([
      'location;desks;Monday (% checked in);Tuesday (% checked in);Wednesday (% checked in);Thursday (% checked in);Friday (% checked in);no-show %',
      // Only a Tuesday in range: the other weekdays have nothing to hide and stay empty.
      'Werk HUB;5;;100;;;;0',
    ]);
    expect((await facility.get(`/api/v1/reports/locations/9999/occupancy.csv?from=2026-12-01&to=2026-12-01&part=compare`)).status).toBe(404);
  });

  it('the most desks checked in at once per day, its half hour and the desks beside it; the largest of the range; a day of two people is suppressed, in the API and the CSV', async () => {
    // Tuesday: five people all day from 08:10, two more from 12:35: seven at once from 13:30.
    // Wednesday: two people.
    const desks = [...t.desks, ...addDesks(4)];
    desks.slice(0, 5).forEach((desk) => deskDay(desk, '2026-12-01'));
    desks.slice(5).forEach((desk) => deskAfternoon(desk, '2026-12-01'));
    desks.slice(0, 2).forEach((desk) => deskDay(desk, '2026-12-02'));
    const { r, rows } = await fetchReport('2026-12-01', '2026-12-02');
    expect([r.desks, r.rooms]).toEqual([7, 1]);
    expect(r.peaks).toEqual([
      { date: '2026-12-01', desks: { inUse: 7, at: '13:30' }, rooms: null },
      { date: '2026-12-02', desks: null, rooms: null },
    ]);
    expect(r.peakAtOnce).toEqual({ desks: { date: '2026-12-01', inUse: 7, at: '13:30' }, rooms: null });
    const row = (onderdeel: string, datum: string) => rows.find((x) => x.onderdeel === onderdeel && x.datum === datum);
    expect(row('hoogste tegelijk per dag', '2026-12-01')).toEqual({ onderdeel: 'hoogste tegelijk per dag', datum: '2026-12-01', 'werkplekken tegelijk': '7', om: '13:30', werkplekken: '7', 'ruimtes tegelijk': '< 5 personen', 'om (ruimtes)': '', ruimtes: '1' });
    expect(row('hoogste tegelijk per dag', '2026-12-02')).toMatchObject({ 'werkplekken tegelijk': '< 5 personen', om: '' });
    expect(row('hoogste tegelijk, werkplekken', '2026-12-01')).toMatchObject({ 'werkplekken tegelijk': '7', om: '13:30', 'ruimtes tegelijk': '' });
    expect(row('hoogste tegelijk, ruimtes (van 1)', '< 5 personen')).toMatchObject({ 'werkplekken tegelijk': '', 'ruimtes tegelijk': '< 5 personen' });

    const facility = await t.login('facility@test.nl');
    const csv = await facility.get(`/api/v1/reports/locations/${t.hub.id}/occupancy.csv?from=2026-12-01&to=2026-12-02&part=peaks`);
    expect(String(csv.body).split('\r\n').slice(0, 3)).toEqual([
      'datum;werkplekken tegelijk;om;werkplekken;ruimtes tegelijk;om (ruimtes);ruimtes',
      '2026-12-01;7;13:30;7;< 5 personen;;1',
      '2026-12-02;< 5 personen;;7;< 5 personen;;1',
    ]);
  });

  it('use per room: reservations, hours booked and checked in, no-shows and their share, most used first; a room of two people is suppressed; in the API and the CSV', async () => {
    // The meeting room: five meetings of an hour, checked in, and one no-show. A second room,
    // whose code sorts first: two meetings.
    const other = t.s.admin.createSpace(null, t.hub.id, { code: 'HUB-0-M02', name: 'Kleine ruimte', kind: 'focus', zoneId: t.zone.id }, null);
    for (const hour of [8, 9, 10, 11, 13]) meeting('2026-12-01', hour);
    meeting('2026-12-01', 15, { show: false });
    for (const hour of [9, 10]) meeting('2026-12-01', hour, { room: other });
    const { r, rows } = await fetchReport('2026-12-01', '2026-12-01');
    expect(r.rooms).toBe(2);
    expect(r.roomUse).toEqual([
      { spaceId: t.room.id, code: 'HUB-3-M01', name: 'Hybride vergaderruimte', kind: 'meeting', reservations: 6, hoursBooked: 6, hoursUsed: 5, noShows: 1, noShowRate: 16.7 },
      { spaceId: other.id, code: 'HUB-0-M02', name: 'Kleine ruimte', kind: 'focus', reservations: null, hoursBooked: null, hoursUsed: null, noShows: null, noShowRate: null },
    ]);
    // Two meetings at once at 09:30 and 10:30, of four people: below the minimum.
    expect(r.peaks).toEqual([{ date: '2026-12-01', desks: null, rooms: null }]);
    expect(rows.filter((x) => x.onderdeel === 'gebruik per ruimte')).toEqual([
      { onderdeel: 'gebruik per ruimte', ruimte: 'HUB-3-M01', naam: 'Hybride vergaderruimte', soort: 'Vergaderruimte', reserveringen: '6', 'uren geboekt': '6', 'uren ingecheckt': '5', 'no-shows': '1', 'no-show %': '16,7' },
      { onderdeel: 'gebruik per ruimte', ruimte: 'HUB-0-M02', naam: 'Kleine ruimte', soort: 'Focusruimte', ...Object.fromEntries(['reserveringen', 'uren geboekt', 'uren ingecheckt', 'no-shows', 'no-show %'].map((k) => [k, '< 5 personen'])) },
    ]);
    const facility = await t.login('facility@test.nl');
    const csv = await facility.get(`/api/v1/reports/locations/${t.hub.id}/occupancy.csv?from=2026-12-01&to=2026-12-01&part=rooms&lang=en`);
    expect(String(csv.body).split('\r\n').slice(0, 3)).toEqual([
      'room;name;kind;reservations;hours booked;hours checked in;no-shows;no-show %',
      'HUB-3-M01;Hybride vergaderruimte;Meeting room;6;6;5;1;16,7',
      'HUB-0-M02;Kleine ruimte;Focus room;< 5 people;< 5 people;< 5 people;< 5 people;< 5 people',
    ]);
  });

  it('a room peak: five rooms in use at once by five people', async () => {
    const rooms = [t.room, ...Array.from({ length: 4 }, (_, i) => t.s.admin.createSpace(null, t.hub.id, { code: `HUB-3-F0${i}`, name: `Focus ${i}`, kind: 'focus', zoneId: t.zone.id }, null))];
    rooms.forEach((room) => meeting('2026-12-01', 10, { room }));
    meeting('2026-12-01', 14);
    const { r } = await fetchReport('2026-12-01', '2026-12-01');
    expect(r.peaks).toEqual([{ date: '2026-12-01', desks: null, rooms: { inUse: 5, at: '10:30' } }]);
    expect(r.peakAtOnce.rooms).toEqual({ date: '2026-12-01', inUse: 5, at: '10:30' });
    // Each room on its own had fewer than five people: none of their figures is shown.
    expect(r.roomUse.map((x) => x.hoursUsed)).toEqual([null, null, null, null, null]);
  });

  it('shows the flex ratio once at least five people used the location', async () => {
    for (let i = 0; i < 5; i++) deskDay(t.desks[i % 3]!, ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'][i]!);
    const { r } = await fetchReport('2026-11-30', '2026-12-04');
    expect([r.people, r.flexRatio]).toEqual([5, 0.6]);
  });
});

describe('occupancy report: no figure from fewer than five people (works council)', () => {
  it('one day at a location where two people worked: every hour, the peak and trough, the no-show rate, the kinds, zones and weekdays are suppressed, in the API and the CSV', async () => {
    // The case: one of them checked in from 08:10 to 12:45, the other never came.
    deskDay(t.desks[0]!, '2026-12-01', { leaves: '12:45' });
    deskDay(t.desks[1]!, '2026-12-01', { show: false });
    const { r, rows } = await fetchReport('2026-12-01', '2026-12-01');
    expect(figuresIn(r)).toEqual([]);
    expect(r.hours.map((h) => h.checkedIn)).toEqual(Array(16).fill(null));
    expect([r.peak, r.trough, r.noShowRate, r.people, r.flexRatio]).toEqual([null, null, null, null, null]);
    expect(weekdayOf(r, 'di')).toEqual({ weekday: 'di', days: 1, reserved: null, checkedIn: null, desks: 3 });
    expect(r.kinds).toEqual([
      { kind: 'desk', reservations: null, checkedIn: null },
      { kind: 'meeting', reservations: null, checkedIn: null },
    ]);
    expect(r.zones).toEqual([{ zoneId: t.zone.id, name: 'Stilte', reservations: null, checkedIn: null }]);
    expect(r.weeks).toEqual([{ week: '2026-11-30', month: '2026-12', percent: { di: null } }]);
    expect(r.peaks).toEqual([{ date: '2026-12-01', desks: null, rooms: null }]);
    expect(r.peakAtOnce).toEqual({ desks: null, rooms: null });
    expect(r.roomUse).toEqual([{ spaceId: t.room.id, code: 'HUB-3-M01', name: 'Hybride vergaderruimte', kind: 'meeting', reservations: null, hoursBooked: null, hoursUsed: null, noShows: null, noShowRate: null }]);

    expect(csvFigures(rows)).toEqual([]);
    expect(rows.find((x) => x.uur === '08:00')).toEqual({ onderdeel: 'uur', uur: '08:00', 'ingecheckt (gemiddeld per dag)': '< 5 personen', werkplekken: '3' });
    expect(rows.find((x) => x.weekdag === 'dinsdag')).toMatchObject({ 'gereserveerd (gemiddeld per dag)': '< 5 personen', 'ingecheckt (gemiddeld per dag)': '< 5 personen' });
    expect(rows.find((x) => x.onderdeel === 'drukste dag')).toMatchObject({ datum: '< 5 personen', ingecheckt: '< 5 personen' });
    expect(rows.find((x) => x.onderdeel === 'rustigste dag')).toMatchObject({ datum: '< 5 personen', ingecheckt: '< 5 personen' });
    expect(rows.find((x) => x.onderdeel === 'hele periode')).toEqual({ onderdeel: 'hele periode', 'no-show %': '< 5 personen', flexratio: '< 5 personen', 'personen ingecheckt': '< 5 personen' });
    expect(rows.find((x) => x.soort === 'Werkplek')).toMatchObject({ reserveringen: '< 5 personen', 'check-ins': '< 5 personen' });
    expect(rows.find((x) => x.zone === 'Stilte')).toMatchObject({ reserveringen: '< 5 personen', 'check-ins': '< 5 personen' });
  });

  it('one hour: only the hours five people were in are shown', async () => {
    // Five people from 08:10; three of them leave at 10:45, so from 11:00 on two are left.
    const desks = [...t.desks, ...addDesks(2)];
    desks.forEach((desk, i) => deskDay(desk, '2026-12-01', { leaves: i < 3 ? '10:45' : undefined }));
    const { r, rows } = await fetchReport('2026-12-01', '2026-12-01');
    expect(r.hours).toEqual([
      { hour: 7, checkedIn: null },
      { hour: 8, checkedIn: 5 },
      { hour: 9, checkedIn: 5 },
      { hour: 10, checkedIn: 5 },
      ...[11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22].map((hour) => ({ hour, checkedIn: null })),
    ]);
    expect(rows.filter((x) => x.onderdeel === 'uur').map((x) => x['ingecheckt (gemiddeld per dag)'])).toEqual(['< 5 personen', '5', '5', '5', ...Array(12).fill('< 5 personen')]);
    // The day itself had five people: its figures are shown.
    expect(r.peak).toEqual({ date: '2026-12-01', checkedIn: 5 });
    expect(r.noShowRate).toBe(0);
  });

  it('the evening counts: five people at desks until 22:00 show at 19:00 .. 21:00, in the API and the CSV', async () => {
    await t.login('facility@test.nl').then((f) => f.put(`/api/v1/admin/locations/${t.hub.id}/policy`, { dayParts: { afternoon: { end: '22:00' }, day: { end: '22:00' } } }));
    const desks = [...t.desks, ...addDesks(2)];
    for (const desk of desks) {
      const who = person();
      t.clock.set('2026-12-01T17:00:00+01:00');
      const r = t.s.reservations.create(toActor(who), { spaceId: desk.id, start: '2026-12-01T18:00:00+01:00', end: '2026-12-01T22:00:00+01:00' }, null);
      t.clock.set('2026-12-01T18:05:00+01:00');
      t.s.reservations.checkIn(toActor(who), r.reservation.id, desk.key, null);
    }
    t.clock.set('2026-12-02T09:00:00+01:00');
    const { r, rows } = await fetchReport('2026-12-01', '2026-12-01');
    expect(r.hours.filter((h) => h.checkedIn !== null)).toEqual([18, 19, 20, 21].map((hour) => ({ hour, checkedIn: 5 })));
    expect(rows.find((x) => x.uur === '21:00')).toMatchObject({ 'ingecheckt (gemiddeld per dag)': '5' });
    expect(rows.find((x) => x.uur === '22:00')).toMatchObject({ 'ingecheckt (gemiddeld per dag)': '< 5 personen' });
  });

  it("each chart downloads on its own: ?part gives that chart's rows only, in the same Dutch Excel CSV; an unknown part is refused", async () => {
    const desks = [...t.desks, ...addDesks(2)];
    desks.forEach((desk) => deskDay(desk, '2026-12-01'));
    await fetchReport('2026-12-01', '2026-12-01');
    const facility = await t.login('facility@test.nl');
    const base = `/api/v1/reports/locations/${t.hub.id}/occupancy.csv?from=2026-12-01&to=2026-12-01`;
    const table = async (part: string) => {
      const res = await facility.get(`${base}&part=${part}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toContain(`bezetting-${t.hub.id}-${part}-2026-12-01`);
      return parse(String(res.body), { delimiter: ';', bom: true }) as string[][];
    };
    // Each chart's table with its own header, no section column: it opens as a table of its own.
    expect(await table('hours')).toEqual([['uur', 'ingecheckt (gemiddeld per dag)', 'werkplekken'], ...Array.from({ length: 16 }, (_, i) => [`${String(7 + i).padStart(2, '0')}:00`, i >= 1 && i <= 10 ? '5' : '< 5 personen', '5'])]);
    expect(await table('weekdays')).toEqual([
      ['weekdag', 'gereserveerd (gemiddeld per dag)', 'ingecheckt (gemiddeld per dag)', 'werkplekken'],
      ['maandag', '', '', '5'],
      ['dinsdag', '5', '5', '5'],
      ['woensdag', '', '', '5'],
      ['donderdag', '', '', '5'],
      ['vrijdag', '', '', '5'],
    ]);
    expect(await table('spread')).toEqual([
      ['week van', 'maand', 'maandag (% ingecheckt)', 'dinsdag (% ingecheckt)', 'woensdag (% ingecheckt)', 'donderdag (% ingecheckt)', 'vrijdag (% ingecheckt)', 'spreiding (procentpunten)'],
      ['2026-11-30', '2026-12', '', '100', '', '', '', ''],
    ]);
    const bad = await facility.get(`${base}&part=kinds`);
    expect([bad.status, bad.body.error.code]).toEqual([400, 'invalid_input']);
  });

  it('one kind: a kind fewer than five people used is suppressed beside one that five used', async () => {
    // Five people in the meeting room, one after the other; two at desks.
    for (const hour of [8, 9, 10, 11, 13]) meeting('2026-12-01', hour);
    deskDay(t.desks[0]!, '2026-12-01');
    deskDay(t.desks[1]!, '2026-12-01');
    const { r, rows } = await fetchReport('2026-12-01', '2026-12-01');
    expect(r.kinds).toEqual([
      { kind: 'desk', reservations: null, checkedIn: null },
      { kind: 'meeting', reservations: 5, checkedIn: 5 },
    ]);
    expect(rows.filter((x) => x.onderdeel === 'soort')).toEqual([
      { onderdeel: 'soort', soort: 'Werkplek', reserveringen: '< 5 personen', 'check-ins': '< 5 personen' },
      { onderdeel: 'soort', soort: 'Vergaderruimte', reserveringen: '5', 'check-ins': '5' },
    ]);
    // The desk figures are the two desk people's, everywhere.
    expect([hourOf(r, 9), weekdayOf(r, 'di').checkedIn, r.peak, r.people]).toEqual([null, null, null, null]);
    // Seven people finished a reservation: the no-show rate is theirs.
    expect(r.noShowRate).toBe(0);
  });

  it('one zone: a zone fewer than five people used is suppressed beside one that five used; a retired zone with nothing to show gets no row', async () => {
    const dynamisch = t.s.admin.createZone(null, t.hub.id, { name: 'Dynamisch', character: 'dynamisch', floor: 2 }, null);
    addDesks(5, { zoneId: dynamisch.id }).forEach((desk) => deskDay(desk, '2026-12-01'));
    deskDay(t.desks[0]!, '2026-12-01');
    deskDay(t.desks[1]!, '2026-12-01', { show: false });
    const oud = t.s.admin.createZone(null, t.hub.id, { name: 'Oud', character: 'gemengd', floor: 1 }, null);
    deskDay(addDesks(1, { zoneId: oud.id })[0]!, '2026-12-01');
    t.s.admin.retireZone(toActor(t.users.facility), oud.id, null);
    const { r, rows } = await fetchReport('2026-12-01', '2026-12-01');
    expect(r.zones).toEqual([
      { zoneId: dynamisch.id, name: 'Dynamisch', reservations: 5, checkedIn: 5 },
      { zoneId: t.zone.id, name: 'Stilte', reservations: null, checkedIn: null },
    ]);
    expect(rows.filter((x) => x.onderdeel === 'zone').map((x) => [x.zone, x.reserveringen, x['check-ins']])).toEqual([
      ['Dynamisch', '5', '5'],
      ['Stilte', '< 5 personen', '< 5 personen'],
    ]);
    // Seven people checked in that day: the day's figures show.
    expect(r.peak).toEqual({ date: '2026-12-01', checkedIn: 7 });
  });

  it('a location with four people: nothing is shown over two weeks, however often they came', async () => {
    const wijk = t.s.admin.createLocation(null, { name: 'Wijksteunpunt Noord', kind: 'wijk' }, null);
    const desks = addDesks(4, { locationId: wijk.id, zoneId: null });
    const four = [person(), person(), person(), person()];
    for (const date of ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11']) {
      four.forEach((who, i) => deskDay(desks[i]!, date, { who, show: i !== 3 || date !== '2026-12-02' }));
    }
    const { r, rows } = await fetchReport('2026-11-30', '2026-12-11', wijk.id);
    expect(figuresIn(r)).toEqual([]);
    expect(r.zones).toEqual([{ zoneId: null, name: null, reservations: null, checkedIn: null }]);
    expect(r.weeks.map((w) => w.spread)).toEqual([null, null]);
    expect(csvFigures(rows)).toEqual([]);
    expect(rows.find((x) => x.onderdeel === 'zone')).toMatchObject({ zone: 'Zonder zone', reserveringen: '< 5 personen' });
  });

  it('a location with five people: every figure is shown', async () => {
    const wijk = t.s.admin.createLocation(null, { name: 'Wijksteunpunt Zuid', kind: 'wijk' }, null);
    const desks = addDesks(5, { locationId: wijk.id, zoneId: null });
    const five = [person(), person(), person(), person(), person()];
    for (const date of ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04']) five.forEach((who, i) => deskDay(desks[i]!, date, { who }));
    const { r, rows } = await fetchReport('2026-11-30', '2026-12-04', wijk.id);
    expect(r.weekdays.map((w) => [w.reserved, w.checkedIn])).toEqual(Array(5).fill([5, 5]));
    expect(r.hours.map((h) => h.checkedIn)).toEqual([null, ...Array(10).fill(5), ...Array(5).fill(null)]); // nobody before 08:00 or after 18:00
    expect([r.peak, r.trough]).toEqual([
      { date: '2026-11-30', checkedIn: 5 },
      { date: '2026-12-04', checkedIn: 5 },
    ]);
    expect([r.noShowRate, r.people, r.flexRatio]).toEqual([0, 5, 1]);
    expect(r.kinds).toEqual([{ kind: 'desk', reservations: 25, checkedIn: 25 }]);
    expect(r.zones).toEqual([{ zoneId: null, name: null, reservations: 25, checkedIn: 25 }]);
    expect(r.weeks).toEqual([{ week: '2026-11-30', month: '2026-12', percent: { ma: 100, di: 100, wo: 100, do: 100, vr: 100 }, spread: 0 }]);
    expect(rows.some((x) => Object.values(x).includes('< 5 personen'))).toBe(true); // 07:00 and 18:00
    expect(rows.find((x) => x.onderdeel === 'hele periode')).toEqual({ onderdeel: 'hele periode', 'no-show %': '0', flexratio: '1', 'personen ingecheckt': '5' });
  });

  it('weekend use counts nowhere, so the kinds minus the weekdays cannot give away the one person who came on Saturday', async () => {
    const desks = [...t.desks, ...addDesks(2)];
    desks.forEach((desk) => deskDay(desk, '2026-12-04'));
    deskDay(desks[0]!, '2026-12-05'); // a Saturday
    const { r } = await fetchReport('2026-11-30', '2026-12-06');
    expect(r.kinds.find((k) => k.kind === 'desk')).toEqual({ kind: 'desk', reservations: 5, checkedIn: 5 });
    expect(weekdayOf(r, 'vr').checkedIn).toBe(5);
  });
});
