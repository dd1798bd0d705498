import { spawnSync } from 'node:child_process';
import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type Client, type TestApp } from '../testing.js';

interface ReadEvent {
  uid: string;
  status: string;
  sequence: number;
  start: string;
  end: string;
  stampAware: boolean;
}

/** The events as ical.js (what web calendars and Thunderbird use) reads them, times in UTC. */
function readWithIcalJs(text: string): ReadEvent[] {
  const root = new ICAL.Component(ICAL.parse(text));
  for (const tz of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(tz));
  const utc = (t: ICAL.Time) => t.toJSDate().toISOString().replace('.000', '');
  return root.getAllSubcomponents('vevent').map((c) => {
    const e = new ICAL.Event(c);
    const stamp = c.getFirstPropertyValue('dtstamp') as ICAL.Time;
    return {
      uid: e.uid,
      status: String(c.getFirstPropertyValue('status')),
      sequence: e.sequence,
      start: utc(e.startDate),
      end: utc(e.endDate),
      // Floating times get the "floating" zone; only a Z (or TZID) time is anchored.
      stampAware: stamp.zone?.tzid === 'UTC',
    };
  });
}

/** The same through Debian's python3-icalendar (the system python, not a tool's own). */
function readWithPython(text: string): ReadEvent[] {
  const run = spawnSync('/usr/bin/python3', ['tests/tools/read_ics.py'], { input: text, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`python3-icalendar: ${run.stderr}`);
  return (JSON.parse(run.stdout) as { events: (ReadEvent & { stamp: string })[] }).events.map(({ stamp: _, ...e }) => e);
}

/** Both readers must agree; the answer is what they read. */
function read(text: string): ReadEvent[] {
  const js = readWithIcalJs(text);
  expect(readWithPython(text)).toEqual(js);
  return js;
}

let t: TestApp;
let anna: Client;
beforeEach(async () => {
  t = await makeTestApp();
  anna = await t.login('anna@test.nl');
});
afterEach(() => t.close());

describe('calendar', () => {
  it('a private subscription URL serves my reservations with Amsterdam times and time-zone data, until it is reset', async () => {
    t.clock.set('2026-10-20T12:00:00+02:00');
    anna = await t.login('anna@test.nl');
    // Before and after the end of summer time (25 October 2026).
    await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, date: '2026-10-23', part: 'morning' });
    await anna.post('/api/v1/reservations', { spaceId: t.room.id, start: '2026-10-26T14:00:00+01:00', end: '2026-10-26T15:00:00+01:00' });
    const bram = await t.login('bram@test.nl');
    await bram.post('/api/v1/reservations', { spaceId: t.desks[1]!.id, date: '2026-10-23', part: 'morning' });

    expect((await anna.get('/api/v1/me/calendar')).body).toEqual({ active: false });
    const { url } = (await anna.post('/api/v1/me/calendar')).body;
    expect(url).toMatch(/^http:\/\/localhost\/api\/v1\/calendar\/[A-Za-z0-9_-]{32}\.ics$/);
    const path = new URL(url).pathname;
    const feed = await t.anonymous().get(path);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
    const ics = String(feed.body);
    expect(ics).toContain('BEGIN:VTIMEZONE');
    expect(ics).toContain('TZID:Europe/Amsterdam');
    expect(ics).toContain('DTSTART;TZID=Europe/Amsterdam:20261023T080000');
    expect(ics).toContain('DTEND;TZID=Europe/Amsterdam:20261023T123000');
    expect(ics).toContain('DTSTART;TZID=Europe/Amsterdam:20261026T140000');
    expect(ics).toContain('SUMMARY:Werkplek HUB-3-001');
    expect(ics).not.toContain('HUB-3-002'); // Bram's
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    // Both readers place the events at the right instants across the DST change, and read
    // DTSTAMP as UTC (it used to be written as local time without Z: floating).
    expect(ics).toMatch(/DTSTAMP:\d{8}T\d{6}Z\r\n/);
    expect(read(ics)).toEqual([
      expect.objectContaining({ start: '2026-10-23T06:00:00Z', end: '2026-10-23T10:30:00Z', status: 'CONFIRMED', sequence: 0, stampAware: true }),
      expect.objectContaining({ start: '2026-10-26T13:00:00Z', end: '2026-10-26T14:00:00Z', status: 'CONFIRMED', sequence: 0, stampAware: true }),
    ]);

    const { url: next } = (await anna.post('/api/v1/me/calendar')).body;
    expect((await t.anonymous().get(path)).status).toBe(404);
    expect((await t.anonymous().get(new URL(next).pathname)).status).toBe(200);
    expect((await t.anonymous().get('/api/v1/calendar/not-a-real-token-0000000000.ics')).status).toBe(404);
  });

  it('one reservation downloads as .ics; someone else\'s is not found', async () => {
    const r = (await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, date: '2026-12-01', part: 'day' })).body;
    const res = await anna.get(`/api/v1/reservations/${r.id}/ics`);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="plek-HUB-3-001-2026-12-01.ics"');
    expect(String(res.body)).toContain('DTSTART;TZID=Europe/Amsterdam:20261201T080000');
    expect((await (await t.login('bram@test.nl')).get(`/api/v1/reservations/${r.id}/ics`)).status).toBe(404);
  });

  /** The feed's events as both readers see them. */
  async function feedOf(c: Client): Promise<ReadEvent[]> {
    const { url } = (await c.post('/api/v1/me/calendar')).body;
    const res = await t.anonymous().get(new URL(url).pathname);
    expect(res.status).toBe(200);
    return read(String(res.body));
  }
  const icsOf = async (id: number) => read(String((await anna.get(`/api/v1/reservations/${id}/ics`)).body))[0]!;
  const at = (hhmm: string) => Date.parse(`2026-12-01T${hhmm}:00+01:00`);

  it('a cancelled reservation answers STATUS:CANCELLED with a higher SEQUENCE and leaves the feed', async () => {
    const keep = (await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, date: '2026-12-02', part: 'day' })).body;
    const r = (await anna.post('/api/v1/reservations', { spaceId: t.room.id, start: '2026-12-03T10:00:00+01:00', end: '2026-12-03T11:00:00+01:00' })).body;
    const before = await icsOf(r.id);
    expect(before).toMatchObject({ uid: `reservation-${r.id}@plek`, status: 'CONFIRMED', sequence: 0 });
    expect((await feedOf(anna)).map((e) => e.uid)).toEqual([`reservation-${keep.id}@plek`, `reservation-${r.id}@plek`]);

    t.clock.set(at('07:00') + 1000); // the same second as the booking would still count higher
    expect((await anna.post(`/api/v1/reservations/${r.id}/release`)).status).toBe(200);
    const after = await icsOf(r.id);
    expect(after).toMatchObject({ uid: before.uid, status: 'CANCELLED', start: before.start, end: before.end });
    expect(after.sequence).toBeGreaterThan(before.sequence);
    expect((await feedOf(anna)).map((e) => e.uid)).toEqual([`reservation-${keep.id}@plek`]);
  });

  it('an auto-released booking answers CANCELLED; an offline check-in that restores it and an early check-out each count higher, and the check-out ends the event', async () => {
    const r = (await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, date: '2026-12-01', part: 'morning' })).body;
    const booked = await icsOf(r.id);
    expect(booked).toMatchObject({ status: 'CONFIRMED', start: '2026-12-01T07:00:00Z', end: '2026-12-01T11:30:00Z' });

    t.clock.set(at('08:31')); // the grace has passed: released before the sweep has written it
    const released = await icsOf(r.id);
    expect(released.status).toBe('CANCELLED');
    expect(released.sequence).toBeGreaterThan(booked.sequence);
    expect(await feedOf(anna)).toEqual([]);
    t.clock.set(at('08:40'));
    t.s.reservations.sweep();
    const swept = await icsOf(r.id);
    expect(swept.status).toBe('CANCELLED');
    expect(swept.sequence).toBeGreaterThanOrEqual(released.sequence);

    // The phone scanned at 08:20 while offline: the booking comes back.
    expect((await anna.post(`/api/v1/reservations/${r.id}/check-in`, { key: t.desks[0]!.key, scannedAt: new Date(at('08:20')).toISOString() })).status).toBe(200);
    const restored = await icsOf(r.id);
    expect(restored).toMatchObject({ status: 'CONFIRMED', end: '2026-12-01T11:30:00Z' });
    expect(restored.sequence).toBeGreaterThan(swept.sequence);

    t.clock.set(at('10:00'));
    expect((await anna.post(`/api/v1/reservations/${r.id}/release`)).status).toBe(200);
    const out = await icsOf(r.id);
    expect(out).toMatchObject({ status: 'CONFIRMED', start: '2026-12-01T07:00:00Z', end: '2026-12-01T09:00:00Z' });
    expect(out.sequence).toBeGreaterThan(restored.sequence);
    expect(await feedOf(anna)).toEqual([expect.objectContaining({ uid: booked.uid, end: '2026-12-01T09:00:00Z', sequence: out.sequence })]);
  });

  it('a check-in counts higher than the booking, a check-out higher still, even within the grace', async () => {
    const r = (await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, date: '2026-12-01', part: 'morning' })).body;
    const booked = await icsOf(r.id);
    t.clock.set(at('08:00'));
    await anna.post(`/api/v1/reservations/${r.id}/check-in`, { key: t.desks[0]!.key });
    const inside = await icsOf(r.id);
    t.clock.set(at('08:05'));
    await anna.post(`/api/v1/reservations/${r.id}/release`);
    const out = await icsOf(r.id);
    expect([booked.sequence < inside.sequence, inside.sequence < out.sequence]).toEqual([true, true]);
    expect(out.end).toBe('2026-12-01T07:05:00Z');
  });

  it('the feed reaches as far ahead as the policy lets a person book, and four weeks back', async () => {
    const facility = await t.login('facility@test.nl');
    expect((await facility.put(`/api/v1/admin/locations/${t.hub.id}/policy`, { daysAhead: 120, maxAhead: 10 })).status).toBe(200);
    t.clock.set('2026-10-20T07:00:00+02:00');
    anna = await t.login('anna@test.nl');
    const old = (await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, date: '2026-10-20', part: 'day' })).body; // six weeks before 1 December
    const recent = (await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, date: '2026-11-10', part: 'day' })).body; // three weeks before
    // Both used (a no-show would leave the feed anyway).
    t.clock.set('2026-10-20T08:00:00+02:00');
    expect((await anna.post(`/api/v1/reservations/${old.id}/check-in`, { key: t.desks[0]!.key })).status).toBe(200);
    t.clock.set('2026-11-10T08:00:00+01:00');
    anna = await t.login('anna@test.nl');
    expect((await anna.post(`/api/v1/reservations/${recent.id}/check-in`, { key: t.desks[0]!.key })).status).toBe(200);
    t.clock.set('2026-12-01T07:00:00+01:00');
    anna = await t.login('anna@test.nl');
    const far = (await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, date: '2027-03-26', part: 'day' })).body; // 115 days ahead
    expect(far.id).toBeGreaterThan(0);
    const uids = (await feedOf(anna)).map((e) => e.uid);
    expect(uids).toEqual([`reservation-${recent.id}@plek`, `reservation-${far.id}@plek`]);
    expect(uids).not.toContain(`reservation-${old.id}@plek`);
  });

  it('answers 304 to If-None-Match and If-Modified-Since until the feed changes', async () => {
    await anna.post('/api/v1/reservations', { spaceId: t.desks[0]!.id, date: '2026-12-02', part: 'day' });
    const path = new URL((await anna.post('/api/v1/me/calendar')).body.url).pathname;
    const first = await t.anonymous().get(path);
    const etag = first.headers.get('etag')!;
    const modified = first.headers.get('last-modified')!;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(modified).toBe('Tue, 01 Dec 2026 06:00:00 GMT');
    expect(first.headers.get('cache-control')).toBe('private, no-cache');

    t.clock.set(at('07:30'));
    const again = await t.anonymous().get(path, { 'if-none-match': etag });
    expect([again.status, again.body, again.headers.get('etag')]).toEqual([304, null, etag]);
    expect((await t.anonymous().get(path, { 'if-none-match': `"other", W/${etag}` })).status).toBe(304);
    expect((await t.anonymous().get(path, { 'if-modified-since': modified })).status).toBe(304);
    // If-None-Match decides when both are sent.
    expect((await t.anonymous().get(path, { 'if-none-match': '"other"', 'if-modified-since': modified })).status).toBe(200);
    const unchanged = await t.anonymous().get(path);
    expect([unchanged.headers.get('etag'), unchanged.headers.get('last-modified')]).toEqual([etag, modified]);

    await anna.post('/api/v1/reservations', { spaceId: t.room.id, start: '2026-12-03T10:00:00+01:00', end: '2026-12-03T11:00:00+01:00' });
    const changed = await t.anonymous().get(path, { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(changed.headers.get('last-modified')).toBe('Tue, 01 Dec 2026 06:30:00 GMT');
    expect((await t.anonymous().get(path, { 'if-modified-since': modified })).status).toBe(200);
    expect(read(String(changed.body))).toHaveLength(2);
  });
});
