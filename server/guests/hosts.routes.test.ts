import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../testing.js';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
  // A municipality's staff: far more names than a drop-down can hold.
  for (let i = 1; i <= 120; i++) t.s.admin.createUserWithHash(null, { email: `medewerker${i}@test.nl`, name: `Medewerker ${String(i).padStart(3, '0')}`, roles: ['employee'] }, 'x', null);
  t.s.admin.createUserWithHash(null, { email: 'jansen@test.nl', name: 'Pieter Jansen', roles: ['employee'] }, 'x', null);
  t.s.admin.createUserWithHash(null, { email: 'procent@test.nl', name: 'Honderd%Zeker', roles: ['employee'] }, 'x', null);
});
afterEach(() => t.close());

describe('reception: the host of a walk-in, searched as you type', () => {
  it('answers the staff whose name contains what was typed, any case, at most the limit asked', async () => {
    const reception = await t.login('reception@test.nl');
    const found = await reception.get('/api/v1/reception/hosts?q=JANS');
    expect([found.status, found.body.map((h: { name: string }) => h.name)]).toEqual([200, ['Pieter Jansen']]);
    expect(found.body[0]).toEqual({ id: expect.any(Number), name: 'Pieter Jansen' });

    const many = await reception.get('/api/v1/reception/hosts?q=medewerker&limit=10');
    expect(many.body.map((h: { name: string }) => h.name)).toEqual(Array.from({ length: 10 }, (_, i) => `Medewerker ${String(i + 1).padStart(3, '0')}`));
    // Without a limit a search answers 20 at most, never all 120.
    expect((await reception.get('/api/v1/reception/hosts?q=medewerker')).body).toHaveLength(20);
    // % and _ are letters typed, not wildcards.
    expect((await reception.get('/api/v1/reception/hosts?q=d%25z')).body.map((h: { name: string }) => h.name)).toEqual(['Honderd%Zeker']);
    expect((await reception.get('/api/v1/reception/hosts?q=_')).body).toEqual([]);
  });

  it('refuses a limit out of range with a code, and is only for reception', async () => {
    const reception = await t.login('reception@test.nl');
    const tooMany = await reception.get('/api/v1/reception/hosts?q=me&limit=5000');
    expect([tooMany.status, tooMany.body.error.code, tooMany.body.error.details[0].path]).toEqual([400, 'invalid_input', 'limit']);
    const anna = await t.login('anna@test.nl');
    expect((await anna.get('/api/v1/reception/hosts?q=jans')).status).toBe(403);
  });
});
