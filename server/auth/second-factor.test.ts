import { Secret, TOTP } from 'otpauth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readConfig, ConfigError } from '../config.js';
import { makeTestApp, PASSWORD, type TestApp } from '../testing.js';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp({ twoFactorRoles: ['admin', 'facility'] });
});
afterEach(() => t.close());

const codeAt = (secret: string, at: number) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: at });
const password = (email: string) => t.anonymous().post('/api/v1/auth/login', { email, password: PASSWORD });

/** Enrols admin@test.nl and answers the secret and the recovery codes. */
async function enrolAdmin() {
  const step = await password('admin@test.nl');
  const client = t.anonymous();
  const res = await client.post('/api/v1/auth/second-factor/enrol', { ticket: step.body.ticket, code: codeAt(step.body.secret, t.clock.now()) });
  expect(res.status).toBe(200);
  return { secret: step.body.secret as string, recoveryCodes: res.body.recoveryCodes as string[], client };
}

describe('two-factor sign-in for admin and facility', () => {
  it('the first sign-in enrols an authenticator app: no session before the right code, then ten recovery codes', async () => {
    const step = await password('admin@test.nl');
    expect(step.status).toBe(200);
    expect(step.body).toMatchObject({ secondFactor: 'enrol' });
    expect(step.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\/Plek:admin%40test\.nl\?.*secret=/);
    expect(step.headers.get('set-cookie')).toBeNull();
    const client = t.anonymous();
    const wrong = await client.post('/api/v1/auth/second-factor/enrol', { ticket: step.body.ticket, code: '000000' === codeAt(step.body.secret, t.clock.now()) ? '111111' : '000000' });
    expect([wrong.status, wrong.body.error.code]).toEqual([401, 'invalid_code']);
    expect((await client.get('/api/v1/me')).status).toBe(401);
    const right = await client.post('/api/v1/auth/second-factor/enrol', { ticket: step.body.ticket, code: codeAt(step.body.secret, t.clock.now()) });
    expect(right.body.me.email).toBe('admin@test.nl');
    expect(right.body.recoveryCodes).toHaveLength(10);
    expect(new Set(right.body.recoveryCodes).size).toBe(10);
    expect((await client.get('/api/v1/me')).status).toBe(200);
    // The ticket was for one enrolment only.
    expect((await t.anonymous().post('/api/v1/auth/second-factor/enrol', { ticket: step.body.ticket, code: codeAt(step.body.secret, t.clock.now()) })).body.error.code).toBe('ticket_expired');
  });

  it('later sign-ins ask for the code; each code works once; the next period gives a new one', async () => {
    const { secret } = await enrolAdmin();
    t.clock.advance(30_000);
    const step = await password('admin@test.nl');
    expect(step.body).toEqual({ secondFactor: 'code', ticket: expect.any(String) });
    const client = t.anonymous();
    const code = codeAt(secret, t.clock.now());
    expect((await client.post('/api/v1/auth/second-factor', { ticket: step.body.ticket, code })).status).toBe(200);
    expect((await client.get('/api/v1/me')).body.email).toBe('admin@test.nl');
    // Someone who saw the code cannot use it again.
    const replay = await password('admin@test.nl');
    expect((await t.anonymous().post('/api/v1/auth/second-factor', { ticket: replay.body.ticket, code })).body.error.code).toBe('invalid_code');
    t.clock.advance(30_000);
    expect((await t.anonymous().post('/api/v1/auth/second-factor', { ticket: replay.body.ticket, code: codeAt(secret, t.clock.now()) })).status).toBe(200);
  });

  it('a recovery code works once, whatever its case or dashes', async () => {
    const { recoveryCodes } = await enrolAdmin();
    const first = await password('admin@test.nl');
    const typed = recoveryCodes[3]!.toUpperCase().replace('-', ' ');
    const ok = await t.anonymous().post('/api/v1/auth/second-factor', { ticket: first.body.ticket, code: typed });
    expect(ok.status).toBe(200);
    const again = await password('admin@test.nl');
    expect((await t.anonymous().post('/api/v1/auth/second-factor', { ticket: again.body.ticket, code: recoveryCodes[3] })).body.error.code).toBe('invalid_code');
    expect((await t.anonymous().post('/api/v1/auth/second-factor', { ticket: again.body.ticket, code: recoveryCodes[4] })).status).toBe(200);
  });

  it('a ticket lasts five minutes and five tries', async () => {
    const { secret } = await enrolAdmin();
    t.clock.advance(60_000);
    const late = await password('admin@test.nl');
    t.clock.advance(5 * 60_000 + 1);
    expect((await t.anonymous().post('/api/v1/auth/second-factor', { ticket: late.body.ticket, code: codeAt(secret, t.clock.now()) })).body.error.code).toBe('ticket_expired');
    const tries = await password('admin@test.nl');
    for (let i = 0; i < 5; i++) expect((await t.anonymous().post('/api/v1/auth/second-factor', { ticket: tries.body.ticket, code: 'aaaaa-bbbbb' })).body.error.code).toBe('invalid_code');
    expect((await t.anonymous().post('/api/v1/auth/second-factor', { ticket: tries.body.ticket, code: codeAt(secret, t.clock.now()) })).body.error.code).toBe('ticket_expired');
  });

  it('wrong codes are counted per account across tickets: 150 guesses over 30 tickets meet 429 after five, and a password sign-in does not reset it', async () => {
    const { secret } = await enrolAdmin();
    t.clock.advance(60_000);
    const valid = new Set([-1, 0, 1].map((k) => codeAt(secret, t.clock.now() + k * 30_000)));
    const wrong = ['000000', '111111', '222222', '333333', '444444', '555555'].filter((c) => !valid.has(c));
    const answers: string[] = [];
    for (let ticket = 0; ticket < 30; ticket++) {
      const step = await password('admin@test.nl');
      expect(step.body.secondFactor).toBe('code');
      for (let i = 0; i < 5; i++) answers.push((await t.anonymous().post('/api/v1/auth/second-factor', { ticket: step.body.ticket, code: wrong[i % wrong.length] })).body.error.code);
    }
    expect(answers.filter((a) => a === 'invalid_code')).toHaveLength(5);
    expect(answers.filter((a) => a === 'too_many_attempts')).toHaveLength(145);
    // Even the right code waits: the throttle is checked before the code.
    const fresh = await password('admin@test.nl');
    const held = await t.anonymous().post('/api/v1/auth/second-factor', { ticket: fresh.body.ticket, code: codeAt(secret, t.clock.now()) });
    expect([held.status, held.body.error.details.retryAfterSeconds]).toEqual([429, 30]);
    // The wait doubles with each further wrong code.
    t.clock.advance(30_000);
    expect((await t.anonymous().post('/api/v1/auth/second-factor', { ticket: fresh.body.ticket, code: wrong[0] })).body.error.code).toBe('invalid_code');
    expect((await t.anonymous().post('/api/v1/auth/second-factor', { ticket: fresh.body.ticket, code: codeAt(secret, t.clock.now()) })).body.error.details.retryAfterSeconds).toBe(60);
    t.clock.advance(60_000);
    const ok = await t.anonymous().post('/api/v1/auth/second-factor', { ticket: (await password('admin@test.nl')).body.ticket, code: codeAt(secret, t.clock.now()) });
    expect(ok.status).toBe(200);
    // After a success the count starts again.
    t.clock.advance(30_000);
    const next = await password('admin@test.nl');
    expect((await t.anonymous().post('/api/v1/auth/second-factor', { ticket: next.body.ticket, code: wrong[0] })).body.error.code).toBe('invalid_code');
    expect((await t.anonymous().post('/api/v1/auth/second-factor', { ticket: next.body.ticket, code: codeAt(secret, t.clock.now()) })).status).toBe(200);
  });

  it('facility needs it too; an employee signs in with the password alone; no secret or code reaches the audit log', async () => {
    expect((await password('facility@test.nl')).body.secondFactor).toBe('enrol');
    const anna = await password('anna@test.nl');
    expect(anna.body.email).toBe('anna@test.nl');
    const { secret, recoveryCodes } = await enrolAdmin();
    const log = JSON.stringify(t.db.prepare('SELECT * FROM audit_log').all());
    expect(log).not.toContain(secret);
    expect(log).not.toContain(recoveryCodes[0]);
    expect(log).toContain('auth.second_factor');
  });
});

describe('switching local sign-in off', () => {
  it('refuses passwords with a clear code', async () => {
    const off = await makeTestApp({ localLogin: false });
    try {
      const res = await off.anonymous().post('/api/v1/auth/login', { email: 'anna@test.nl', password: PASSWORD });
      expect([res.status, res.body.error.code]).toEqual([403, 'local_login_disabled']);
      expect((await off.anonymous().get('/api/v1/auth/config')).body).toEqual({ local: false, oidc: false });
    } finally {
      off.close();
    }
  });

  it('is a configuration error without an identity provider, and OIDC needs all its settings', () => {
    expect(() => readConfig({ PLEK_LOCAL_LOGIN: '0' })).toThrow(ConfigError);
    expect(() => readConfig({ PLEK_OIDC_ISSUER: 'https://login.example/' })).toThrow(/PLEK_OIDC_ISSUER/);
    expect(() => readConfig({ PLEK_OIDC_ROLE_MAP: 'g1=king' })).toThrow(ConfigError);
    const c = readConfig({ PLEK_OIDC_ISSUER: 'https://login.example/', PLEK_OIDC_CLIENT_ID: 'plek', PLEK_OIDC_CLIENT_SECRET: 's', PLEK_PUBLIC_URL: 'https://plek.example', PLEK_OIDC_ROLE_CLAIM: 'groups', PLEK_OIDC_ROLE_MAP: 'abc-1=facility,def-2=admin', PLEK_LOCAL_LOGIN: '0' });
    expect(c.oidc?.roleMap.get('def-2')).toBe('admin');
    expect(c.localLogin).toBe(false);
    expect(readConfig({}).twoFactorRoles).toEqual(['admin', 'facility']);
    expect(readConfig({ PLEK_2FA_ROLES: 'none' }).twoFactorRoles).toEqual([]);
  });
});
