/**
 * GET /api/v1/locations/:id/closed: whether a location is closed now and when it opens next,
 * for a phone at a space label on a day the kiosk at the entrance says "Vandaag gesloten".
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type Client, type TestApp } from '../testing.js';

let t: TestApp;
let anna: Client;
beforeEach(async () => {
  t = await makeTestApp();
  anna = await t.login('anna@test.nl');
});
afterEach(() => t.close());

describe("a location's closed state now", () => {
  it('is null while open, and says why it is closed and when it opens next on a holiday, a closed weekday and before opening', async () => {
    const path = `/api/v1/locations/${t.hub.id}/closed`;
    t.clock.set('2026-12-02T10:00:00+01:00');
    const open = await anna.get(path);
    expect([open.status, open.body]).toEqual([200, { closed: null }]);

    // Three weeks on the session has gone idle: sign in again on the day.
    t.clock.set('2026-12-25T10:00:00+01:00');
    anna = await t.login('anna@test.nl');
    const christmas = await anna.get(path);
    expect(christmas.body).toEqual({ closed: { reason: 'holiday', holiday: { nl: 'Kerstmis', en: 'Christmas Day' }, opensAt: '2026-12-27T08:00:00+01:00' } });

    t.s.admin.updatePolicy(null, t.hub.id, { openDays: ['mon', 'tue', 'wed', 'thu', 'fri'] }, null);
    t.clock.set('2026-12-05T10:00:00+01:00');
    anna = await t.login('anna@test.nl');
    expect((await anna.get(path)).body).toEqual({ closed: { reason: 'closed_day', holiday: null, opensAt: '2026-12-07T08:00:00+01:00' } });

    t.clock.set('2026-12-02T07:10:00+01:00');
    anna = await t.login('anna@test.nl');
    expect((await anna.get(path)).body).toEqual({ closed: { reason: 'hours', holiday: null, opensAt: '2026-12-02T08:00:00+01:00' } });
  });

  it('answers not_found for a location that does not exist, and needs a sign-in', async () => {
    const missing = await anna.get('/api/v1/locations/9999/closed');
    expect([missing.status, missing.body.error.code]).toEqual([404, 'not_found']);
    expect((await t.anonymous().get(`/api/v1/locations/${t.hub.id}/closed`)).status).toBe(401);
  });
});
