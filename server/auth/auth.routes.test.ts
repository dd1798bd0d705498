import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, PASSWORD, type TestApp } from '../testing.js';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

const HOUR = 3_600_000;

describe('sign-in', () => {
  it('sets an HttpOnly, SameSite=Lax session cookie and answers who I am', async () => {
    const c = t.anonymous();
    const res = await c.post('/api/v1/auth/login', { email: 'Anna@Test.nl', password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ email: 'anna@test.nl', roles: ['employee'], teams: [{ name: 'Sociaal Domein' }] });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^plek_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/); // plain http in tests; Secure when served over https
    const me = await c.get('/api/v1/me');
    expect(me.body).toEqual({ id: t.users.anna.id, name: 'anna', email: 'anna@test.nl', roles: ['employee'], teams: [expect.objectContaining({ name: 'Sociaal Domein' })], showPresence: true });
  });

  it('over https the cookie is Secure', async () => {
    const res = await t.app.request('https://plek.example/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'anna@test.nl', password: PASSWORD }),
    });
    expect(res.headers.get('set-cookie')).toMatch(/Secure/);
  });

  it('stores only a hash of the session id, and a new id at every sign-in', async () => {
    const a = await t.login('anna@test.nl');
    const b = await t.login('anna@test.nl');
    expect(a.cookie).not.toBe(b.cookie);
    const token = a.cookie!.split('=')[1]!;
    const stored = t.db.prepare('SELECT id_hash FROM sessions').pluck().all() as string[];
    expect(stored).toHaveLength(2);
    expect(stored).not.toContain(token);
  });

  it('a wrong password and an unknown address get the same 401', async () => {
    const c = t.anonymous();
    const wrong = await c.post('/api/v1/auth/login', { email: 'anna@test.nl', password: 'nope' });
    const unknown = await c.post('/api/v1/auth/login', { email: 'nobody@test.nl', password: 'nope' });
    expect([wrong.status, wrong.body.error.code]).toEqual([401, 'invalid_credentials']);
    expect(unknown.body).toEqual(wrong.body);
    expect(c.cookie).toBeNull();
  });

  it('five failures for one account from one address are followed by 429, even with the right password; the wait grows', async () => {
    const c = t.anonymous();
    for (let i = 0; i < 5; i++) expect((await c.post('/api/v1/auth/login', { email: 'anna@test.nl', password: 'nope' })).status).toBe(401);
    const blocked = await c.post('/api/v1/auth/login', { email: 'anna@test.nl', password: PASSWORD });
    expect([blocked.status, blocked.body.error.code, blocked.body.error.details.retryAfterSeconds]).toEqual([429, 'too_many_attempts', 30]);
    expect((await t.anonymous().post('/api/v1/auth/login', { email: 'bram@test.nl', password: PASSWORD })).status).toBe(200);
    t.clock.advance(30_000);
    expect((await c.post('/api/v1/auth/login', { email: 'anna@test.nl', password: 'nope' })).status).toBe(401);
    const longer = await c.post('/api/v1/auth/login', { email: 'anna@test.nl', password: PASSWORD });
    expect(longer.body.error.details.retryAfterSeconds).toBe(60);
    t.clock.advance(60_000);
    expect((await c.post('/api/v1/auth/login', { email: 'anna@test.nl', password: PASSWORD })).status).toBe(200);
  });

  it('forty wrong passwords sent at once: only five reach the password check, and a right one at the end of the burst does not sign in', async () => {
    const c = t.anonymous();
    const burst = await Promise.all([
      ...Array.from({ length: 39 }, () => c.post('/api/v1/auth/login', { email: 'anna@test.nl', password: 'nope' })),
      c.post('/api/v1/auth/login', { email: 'anna@test.nl', password: PASSWORD }),
    ]);
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(35);
    expect(burst.at(-1)!.status).toBe(429);
    expect(c.cookie).toBeNull();
    const failed = t.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'auth.login' AND result = 'failed'").pluck().get();
    expect(failed).toBe(5);
  });

  it('an attacker cannot lock others out: bad guesses from one address leave a colleague there and the owner elsewhere signing in', async () => {
    const { Client } = await import('../testing.js');
    const attacker = new Client(t.app, '203.0.113.9');
    for (let i = 0; i < 20; i++) await attacker.post('/api/v1/auth/login', { email: i < 10 ? 'anna@test.nl' : `guess${i}@test.nl`, password: 'nope' });
    // Anna's account is slowed down from the attacker's address only.
    expect((await attacker.post('/api/v1/auth/login', { email: 'anna@test.nl', password: PASSWORD })).status).toBe(429);
    expect((await new Client(t.app, '198.51.100.1').post('/api/v1/auth/login', { email: 'anna@test.nl', password: PASSWORD })).status).toBe(200);
    // A colleague behind the same address (one NAT for the building) is not held up.
    expect((await new Client(t.app, '203.0.113.9').post('/api/v1/auth/login', { email: 'bram@test.nl', password: PASSWORD })).status).toBe(200);
  });

  it('password spraying from one address is slowed down, but not for people who signed in from there before', async () => {
    const { Client } = await import('../testing.js');
    const office = '192.0.2.10';
    expect((await new Client(t.app, office).post('/api/v1/auth/login', { email: 'bram@test.nl', password: PASSWORD })).status).toBe(200);
    const sprayer = new Client(t.app, office);
    for (let i = 0; i < 50; i++) expect((await sprayer.post('/api/v1/auth/login', { email: `person${i}@test.nl`, password: 'Welkom2026!' })).status).toBe(401);
    expect((await sprayer.post('/api/v1/auth/login', { email: 'person51@test.nl', password: 'Welkom2026!' })).status).toBe(429);
    expect((await new Client(t.app, office).post('/api/v1/auth/login', { email: 'bram@test.nl', password: PASSWORD })).status).toBe(200);
    expect((await new Client(t.app, '198.51.100.7').post('/api/v1/auth/login', { email: 'anna@test.nl', password: PASSWORD })).status).toBe(200);
  });

  it('guesses at one account from many addresses are slowed down after twenty, except from where the owner signed in before', async () => {
    const { Client } = await import('../testing.js');
    expect((await new Client(t.app, '192.0.2.44').post('/api/v1/auth/login', { email: 'anna@test.nl', password: PASSWORD })).status).toBe(200);
    for (let i = 0; i < 20; i++) expect((await new Client(t.app, `198.18.0.${i}`).post('/api/v1/auth/login', { email: 'anna@test.nl', password: 'nope' })).status).toBe(401);
    expect((await new Client(t.app, '198.18.1.1').post('/api/v1/auth/login', { email: 'anna@test.nl', password: PASSWORD })).status).toBe(429);
    expect((await new Client(t.app, '192.0.2.44').post('/api/v1/auth/login', { email: 'anna@test.nl', password: PASSWORD })).status).toBe(200);
  });

  it('behind a trusted proxy, X-Forwarded-For entries the client made up do not give it a fresh address per guess', async () => {
    const { createApp } = await import('../app.js');
    const proxied = createApp({ ...t.s, config: { ...t.s.config, trustProxy: true } });
    // nginx with $proxy_add_x_forwarded_for appends the address it saw to what the client sent.
    const guess = (i: number) =>
      proxied.request('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.9.${i}.1, 203.0.113.50` }, body: JSON.stringify({ email: 'anna@test.nl', password: 'nope' }) });
    const statuses = [];
    for (let i = 0; i < 8; i++) statuses.push((await guess(i)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
  });

  it('sign-ins, good and bad, are in the audit log without the password', async () => {
    await t.anonymous().post('/api/v1/auth/login', { email: 'anna@test.nl', password: 'wrong-secret-123' });
    await t.login('anna@test.nl');
    const rows = t.db.prepare("SELECT actor, result, details FROM audit_log WHERE action = 'auth.login' ORDER BY id").all() as { actor: string; result: string }[];
    expect(rows.map((r) => r.result)).toEqual(['failed', 'ok']);
    const all = JSON.stringify(t.db.prepare('SELECT * FROM audit_log').all());
    expect(all).not.toContain('wrong-secret-123');
    expect(all).not.toContain(PASSWORD);
  });

  it('rejects malformed sign-in bodies with 400', async () => {
    const c = t.anonymous();
    expect((await c.post('/api/v1/auth/login', '{"email":')).body.error.code).toBe('malformed_json');
    expect((await c.post('/api/v1/auth/login', { email: 'anna@test.nl' })).body.error.code).toBe('invalid_input');
    expect((await c.post('/api/v1/auth/login', { email: 5, password: [] })).status).toBe(400);
  });
});

describe('sessions', () => {
  it('without a session /me is 401', async () => {
    const res = await t.anonymous().get('/api/v1/me');
    expect([res.status, res.body.error.code]).toEqual([401, 'unauthenticated']);
  });

  it('sign-out ends the session on the server: the old cookie no longer works', async () => {
    const c = await t.login('anna@test.nl');
    const cookie = c.cookie;
    expect((await c.post('/api/v1/auth/logout')).body).toEqual({ providerLogoutUrl: null });
    const replay = t.anonymous();
    replay.cookie = cookie;
    expect((await replay.get('/api/v1/me')).status).toBe(401);
  });

  it('ends after the idle timeout and after the absolute timeout', async () => {
    const idle = await t.login('anna@test.nl');
    t.clock.advance(t.s.config.sessionIdleMs + 1);
    expect((await idle.get('/api/v1/me')).status).toBe(401);

    const busy = await t.login('anna@test.nl');
    // Active every 12 hours: never idle, but past the absolute limit all the same.
    for (let passed = 0; passed <= t.s.config.sessionAbsoluteMs; passed += 12 * HOUR) {
      t.clock.advance(12 * HOUR);
      if (passed + 12 * HOUR < t.s.config.sessionAbsoluteMs) expect((await busy.get('/api/v1/me')).status).toBe(200);
    }
    expect((await busy.get('/api/v1/me')).status).toBe(401);
  });

  it('disabling a user ends all their sessions and refuses new sign-ins', async () => {
    const phone = await t.login('anna@test.nl');
    const laptop = await t.login('anna@test.nl');
    const admin = await t.login('admin@test.nl');
    expect((await admin.post(`/api/v1/admin/users/${t.users.anna.id}/disable`)).status).toBe(200);
    expect((await phone.get('/api/v1/me')).status).toBe(401);
    expect((await laptop.get('/api/v1/me')).status).toBe(401);
    const again = await t.anonymous().post('/api/v1/auth/login', { email: 'anna@test.nl', password: PASSWORD });
    expect([again.status, again.body.error.code]).toEqual([403, 'account_disabled']);
  });
});

describe('state changes from elsewhere', () => {
  it('a POST with another Origin or from a cross-site page is refused', async () => {
    const c = await t.login('anna@test.nl');
    const body = { spaceId: t.desks[0]!.id, date: '2026-12-01', part: 'morning' };
    const foreign = await c.post('/api/v1/reservations', body, { origin: 'https://evil.example' });
    expect([foreign.status, foreign.body.error.code]).toEqual([403, 'cross_origin']);
    const crossSite = await c.post('/api/v1/reservations', body, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    const same = await c.post('/api/v1/reservations', body, { origin: 'http://localhost', 'sec-fetch-site': 'same-origin' });
    expect(same.status).toBe(201);
  });

  it('a form post (not JSON) is refused with 415', async () => {
    const c = await t.login('anna@test.nl');
    const res = await c.request('POST', '/api/v1/reservations', 'spaceId=1', { 'content-type': 'application/x-www-form-urlencoded' });
    expect([res.status, res.body.error.code]).toEqual([415, 'unsupported_media_type']);
  });
});
