import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type Client, type TestApp } from '../testing.js';

let t: TestApp;
let admin: Client;
beforeEach(async () => {
  t = await makeTestApp();
  admin = await t.login('admin@test.nl');
});
afterEach(() => t.close());

// T0 is Tuesday 1 December 2026, 07:00 in Amsterdam.
describe('the user list for admins', () => {
  it('shows each person with roles, teams and last sign-in, and filters by role on the server, a page at a time', async () => {
    await t.login('anna@test.nl');
    const all = await admin.get('/api/v1/admin/users');
    const anna = all.body.users.find((u: { email: string }) => u.email === 'anna@test.nl');
    expect(anna).toMatchObject({ roles: ['employee'], teams: [{ name: 'Sociaal Domein' }], lastSignInAt: '2026-12-01T07:00:00+01:00' });
    expect(all.body.users.find((u: { email: string }) => u.email === 'bram@test.nl').lastSignInAt).toBeNull();

    const managers = await admin.get('/api/v1/admin/users?role=manager');
    expect(managers.body.users.map((u: { email: string }) => u.email)).toEqual(['manager@test.nl']);
    expect(managers.body.total).toBe(1);
    const employees = await admin.get('/api/v1/admin/users?role=employee&q=a');
    expect(employees.body.users.map((u: { email: string }) => u.email)).toEqual(['anna@test.nl', 'bram@test.nl', 'facility@test.nl', 'manager@test.nl']);

    // 60 more employees: the role filter pages like the plain list.
    const insert = t.db.prepare("INSERT INTO users (email, name, pass_secret, created_at) VALUES (?, ?, 'x', 0)");
    const role = t.db.prepare("INSERT INTO user_roles (user_id, role) VALUES (?, 'employee')");
    for (let i = 0; i < 60; i++) role.run(insert.run(`p${i}@test.nl`, `Persoon ${String(i).padStart(2, '0')}`).lastInsertRowid);
    const page2 = await admin.get('/api/v1/admin/users?role=employee&page=2');
    expect([page2.body.total, page2.body.pageSize, page2.body.users.length]).toEqual([64, 50, 14]);

    const bad = await admin.get('/api/v1/admin/users?role=king');
    expect([bad.status, bad.body.error.code]).toEqual([400, 'invalid_input']);
  });
});

describe('the audit-log viewer', () => {
  it('is for admins only', async () => {
    for (const who of ['anna@test.nl', 'facility@test.nl', 'hr@test.nl']) expect((await (await t.login(who)).get('/api/v1/admin/audit')).status).toBe(403);
    expect((await t.anonymous().get('/api/v1/admin/audit')).status).toBe(401);
  });

  it('filters by actor (an e-mail is that person), action family and local date, newest first, a page at a time, and says whether the hash chain holds', async () => {
    await t.login('anna@test.nl');
    t.clock.set(Date.parse('2026-12-02T10:00:00+01:00'));
    await t.login('anna@test.nl');
    await t.anonymous().post('/api/v1/auth/login', { email: 'anna@test.nl', password: 'wrong password!' });

    const annas = await admin.get('/api/v1/admin/audit?actor=anna@test.nl&action=auth.login');
    expect(annas.status).toBe(200);
    expect(annas.body.entries.map((e: { at: string }) => e.at)).toEqual(['2026-12-02T10:00:00+01:00', '2026-12-01T07:00:00+01:00']);
    expect(annas.body.entries[0]).toMatchObject({ actor: `u:${t.users.anna.id}`, actorName: 'anna', action: 'auth.login', result: 'ok' });
    // A failed sign-in carries the e-mail tried, found by the family filter.
    const failed = await admin.get('/api/v1/admin/audit?actor=anna@test.nl&action=auth.');
    expect(failed.body.total).toBe(2);
    const tried = await admin.get(`/api/v1/admin/audit?action=auth.login&from=2026-12-02&to=2026-12-02`);
    expect(tried.body.entries.map((e: { result: string; actor: string }) => [e.actor, e.result])).toEqual([
      ['anna@test.nl', 'failed'],
      [`u:${t.users.anna.id}`, 'ok'],
    ]);
    expect(tried.body.actions).toEqual(expect.arrayContaining(['auth.login', 'admin.user.create']));
    expect(tried.body.chain).toEqual({ intact: true, brokenAt: null });

    const everything = await admin.get('/api/v1/admin/audit');
    expect(everything.body.pageSize).toBe(50);
    expect(everything.body.total).toBeGreaterThan(10);
    const ids = everything.body.entries.map((e: { id: number }) => e.id);
    expect(ids).toEqual([...ids].sort((a: number, b: number) => b - a));
    const beyond = await admin.get(`/api/v1/admin/audit?page=${Math.ceil(everything.body.total / 50) + 1}`);
    expect(beyond.body.entries).toEqual([]);

    // Someone edits an entry in the database: the viewer names the first broken one.
    const victim = annas.body.entries[1].id;
    t.db.prepare("UPDATE audit_log SET origin = '10.0.0.66' WHERE id = ?").run(victim);
    expect((await admin.get('/api/v1/admin/audit?action=auth.login')).body.chain).toEqual({ intact: false, brokenAt: victim });
  });

  it('refuses a date range that runs backwards or a non-date, with a code', async () => {
    const backwards = await admin.get('/api/v1/admin/audit?from=2026-12-03&to=2026-12-01');
    expect([backwards.status, backwards.body.error.code]).toEqual([400, 'invalid_input']);
    expect((await admin.get('/api/v1/admin/audit?from=gisteren')).body.error.code).toBe('invalid_input');
  });
});
