import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Client, makeTestApp, type TestApp } from '../testing.js';

let t: TestApp;
let anna: Client;
let bram: Client;
let reception: Client;
beforeEach(async () => {
  t = await makeTestApp();
  t.clock.set('2026-12-01T09:00:00+01:00');
  [anna, bram, reception] = await Promise.all([t.login('anna@test.nl'), t.login('bram@test.nl'), t.login('reception@test.nl')]);
});
afterEach(() => t.close());

const invite = (over: object = {}) => ({ name: 'Sanne de Vries', organisation: 'Woonstichting Zuid', expectedAt: '2026-12-01T10:00:00+01:00', locationId: t.hub.id, ...over });

describe('a guest for a time that has passed', () => {
  it('is refused with start_in_past at 20:00 for 10:00 today; up to an hour late (on the quarter) still fits', async () => {
    t.clock.set('2026-12-01T20:00:00+01:00');
    const late = await anna.post('/api/v1/guests', invite());
    expect([late.status, late.body.error.code]).toEqual([422, 'start_in_past']);
    t.clock.set('2026-12-01T10:07:00+01:00');
    expect((await anna.post('/api/v1/guests', invite())).status).toBe(201);
    expect((await anna.post('/api/v1/guests', invite({ expectedAt: '2026-12-01T09:00:00+01:00' }))).status).toBe(201);
    expect((await anna.post('/api/v1/guests', invite({ expectedAt: '2026-12-01T08:45:00+01:00' }))).body.error.code).toBe('start_in_past');
  });
});

describe('the host changes or cancels a guest who has not arrived', () => {
  it('changes time, room, organisation and note; the invite code stays; a past time is refused', async () => {
    const g = (await anna.post('/api/v1/guests', invite({ note: 'Rolstoel' }))).body;
    const changed = await anna.patch(`/api/v1/guests/${g.id}`, { expectedAt: '2026-12-02T14:30:00+01:00', spaceId: t.room.id, organisation: null, note: 'Parkeerkaart' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: 'Sanne de Vries', organisation: null, note: 'Parkeerkaart', spaceCode: 'HUB-3-M01', expectedAt: '2026-12-02T14:30:00+01:00', inviteCode: g.inviteCode });
    const past = await anna.patch(`/api/v1/guests/${g.id}`, { expectedAt: '2026-12-01T07:45:00+01:00' });
    expect([past.status, past.body.error.code]).toEqual([422, 'start_in_past']);
    const bad = await anna.patch(`/api/v1/guests/${g.id}`, { name: '' });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'invalid_input']);
    expect((await anna.get('/api/v1/guests')).body.map((x: { expectedAt: string }) => x.expectedAt)).toEqual(['2026-12-02T14:30:00+01:00']);
  });

  it('cancels: the guest is gone from the host and reception, and the invite no longer works at a kiosk', async () => {
    const g = (await anna.post('/api/v1/guests', invite())).body;
    const cancelled = await anna.delete(`/api/v1/guests/${g.id}`);
    expect([cancelled.status, cancelled.body]).toEqual([200, { cancelled: true }]);
    expect((await anna.get('/api/v1/guests')).body).toEqual([]);
    expect((await reception.get(`/api/v1/reception/guests?location=${t.hub.id}`)).body.expected).toEqual([]);
    expect((await anna.get(`/api/v1/guests/${g.id}`)).status).toBe(404);
    expect(() => t.s.guests.arriveAtKiosk({ id: 1, locationId: t.hub.id }, { inviteCode: g.inviteCode }, null)).toThrow(/no such guest/);
    const audit = t.db.prepare("SELECT action FROM audit_log WHERE object = ? ORDER BY id").pluck().all(`guest:${g.id}`);
    expect(audit).toEqual(['guest.create', 'guest.cancel']);
  });

  it("someone else's guest is not found; an arrived guest is wrong_state for change and cancel", async () => {
    const g = (await anna.post('/api/v1/guests', invite())).body;
    expect((await bram.patch(`/api/v1/guests/${g.id}`, { note: 'x' })).status).toBe(404);
    expect((await bram.delete(`/api/v1/guests/${g.id}`)).status).toBe(404);
    await reception.post(`/api/v1/reception/guests/${g.id}/check-in`);
    const change = await anna.patch(`/api/v1/guests/${g.id}`, { note: 'x' });
    expect([change.status, change.body.error.code]).toEqual([409, 'wrong_state']);
    const cancel = await anna.delete(`/api/v1/guests/${g.id}`);
    expect([cancel.status, cancel.body.error.code]).toEqual([409, 'wrong_state']);
  });
});
