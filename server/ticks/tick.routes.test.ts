import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type Client, type TestApp } from '../testing.js';

let t: TestApp;
let anna: Client;
beforeEach(async () => {
  t = await makeTestApp();
  anna = await t.login('anna@test.nl');
});
afterEach(() => t.close());

const tickOf = (body: { date: string; place: string | null; source: string | null; editable: boolean }[], date: string) => body.find((d) => d.date === date);

describe('work-place ticks', () => {
  it('lists the workdays of the month, filled in from check-ins: kantoor at the hub, wijk at a wijk location', async () => {
    const facility = await t.login('facility@test.nl');
    const wijk = (await facility.post('/api/v1/admin/locations', { name: 'Wijksteunpunt', kind: 'wijk' })).body;
    const wijkDesk = (await facility.post(`/api/v1/admin/locations/${wijk.id}/spaces`, { code: 'WLH-001', name: 'Wijkplek', kind: 'desk' })).body;
    t.clock.set('2026-12-01T09:00:00+01:00');
    await anna.post('/api/v1/walk-up', { code: 'HUB-3-001', key: t.desks[0]!.key });
    t.clock.set('2026-12-02T09:00:00+01:00');
    anna = await t.login('anna@test.nl');
    await anna.post('/api/v1/walk-up', { code: 'WLH-001', key: wijkDesk.key });
    t.clock.set('2026-12-03T09:00:00+01:00');
    const res = await anna.get('/api/v1/ticks');
    expect(res.body).toHaveLength(22); // December 2026 has 23 weekdays, one of them Kerstmis
    expect(res.body.some((d: { date: string }) => d.date === '2026-12-05')).toBe(false); // a Saturday
    expect(tickOf(res.body, '2026-12-01')).toEqual({ date: '2026-12-01', place: 'kantoor', source: 'check_in', editable: true });
    expect(tickOf(res.body, '2026-12-02')).toMatchObject({ place: 'wijk', source: 'check_in' });
    expect(tickOf(res.body, '2026-12-03')).toMatchObject({ place: null, editable: true });
    expect(tickOf(res.body, '2026-12-04')).toMatchObject({ place: null, editable: false });
  });

  it('a person sets past days of the current month and today, not the future, not a closed month; HR can', async () => {
    t.clock.set('2026-12-10T12:00:00+01:00');
    anna = await t.login('anna@test.nl');
    expect((await anna.put('/api/v1/ticks/2026-12-09', { place: 'thuis' })).status).toBe(204);
    expect((await anna.put('/api/v1/ticks/2026-12-10', { place: 'afwezig' })).status).toBe(204);
    expect((await anna.put('/api/v1/ticks/2026-12-11', { place: 'thuis' })).body.error.code).toBe('tick_locked');
    expect((await anna.put('/api/v1/ticks/2026-11-30', { place: 'thuis' })).body.error.code).toBe('tick_locked');
    expect((await anna.put('/api/v1/ticks/2026-12-05', { place: 'thuis' })).status).toBe(400);
    expect((await anna.put('/api/v1/ticks/2026-12-09', { place: 'strand' })).status).toBe(400);
    expect(tickOf((await anna.get('/api/v1/ticks')).body, '2026-12-09')).toMatchObject({ place: 'thuis', source: 'self' });

    const hr = await t.login('hr@test.nl');
    expect((await hr.put(`/api/v1/hr/ticks/${t.users.anna.id}/2026-11-30`, { place: 'kantoor' })).status).toBe(204);
    expect(tickOf((await anna.get('/api/v1/ticks?month=2026-11')).body, '2026-11-30')).toMatchObject({ place: 'kantoor', source: 'hr', editable: false });
    expect((await anna.put(`/api/v1/hr/ticks/${t.users.anna.id}/2026-11-30`, { place: 'thuis' })).status).toBe(403);
  });

  it('HR exports a month per employee as CSV; nobody else can', async () => {
    t.clock.set('2026-12-01T09:00:00+01:00');
    await anna.post('/api/v1/walk-up', { code: 'HUB-3-001', key: t.desks[0]!.key });
    t.clock.set('2026-12-03T12:00:00+01:00');
    anna = await t.login('anna@test.nl');
    await anna.put('/api/v1/ticks/2026-12-02', { place: 'thuis' });
    const hr = await t.login('hr@test.nl');
    const res = await hr.get('/api/v1/hr/ticks.csv?month=2026-12');
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = String(res.body).trim().split('\r\n');
    expect(lines[0]).toBe('e-mail;naam;maand;kantoor;wijk;thuis;afwezig;niet ingevuld');
    expect(lines.find((l) => l.startsWith('anna@test.nl'))).toMatch(/^anna@test\.nl;anna;2026-12;1;0;1;0;\d+$/);
    expect((await anna.get('/api/v1/hr/ticks.csv')).status).toBe(403);
    expect((await (await t.login('facility@test.nl')).get('/api/v1/hr/ticks.csv')).status).toBe(403);
  });
});
