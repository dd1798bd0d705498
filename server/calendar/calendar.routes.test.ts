import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type Client, type TestApp } from '../testing.js';

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
});
