import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../server/clock.js';
import { freePort, listen, makeTestApp, type TestApp } from '../../server/testing.js';
import type { Page } from 'playwright-core';
import { axeViolations, launch, type Browser } from '../browser/harness.js';
import { startProvider } from './provider.js';

let t: TestApp;
let idp: Awaited<ReturnType<typeof startProvider>>;
let plekUrl: string;
let server: { close(): Promise<void> };
const browsers: Browser[] = [];

async function start(codeTtlSeconds?: number) {
  const port = await freePort();
  plekUrl = `http://127.0.0.1:${port}`;
  idp = await startProvider({
    plekUrl,
    codeTtlSeconds,
    accounts: {
      carla: { email: 'carla@gemeente.example', name: 'Carla de Groot', groups: ['grp-facility', 'grp-unknown'], teams: ['Ruimtelijke Ordening'] },
      anna: { email: 'ANNA@test.nl', name: 'Anna Jansen', groups: [] },
    },
  });
  t = await makeTestApp(
    {
      distDir: process.env.PLEK_TEST_DIST ?? 'dist',
      publicUrl: plekUrl,
      oidc: { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, scopes: 'openid email profile groups teams', roleClaim: 'groups', roleMap: new Map([['grp-facility', 'facility']]), teamClaim: 'teams' },
    },
    systemClock,
  );
  beforeCallback = null;
  // The callback passes the test's hook, if any, on its way to Plek.
  const front = {
    fetch: async (req: Request, env: Parameters<typeof t.app.fetch>[1]) => {
      const url = new URL(req.url);
      if (beforeCallback && url.pathname === '/api/v1/auth/oidc/callback') {
        await beforeCallback(url);
        req = new Request(url, req);
      }
      return t.app.fetch(req, env);
    },
  };
  server = await listen(front as unknown as typeof t.app, port);
}

afterEach(async () => {
  await Promise.all(browsers.splice(0).map((b) => b.close()));
  await server?.close();
  await idp?.stop();
  t?.close();
});

async function open() {
  // The test provider's own sign-in pages ask for resources on the internet, which this machine does not reach; Plek's pages must stay clean.
  const b = await launch({ allow: [new RegExp(`^${idp.issuer.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/(interaction|session)/.*ERR_NAME_NOT_RESOLVED`)] });
  browsers.push(b);
  return b.page;
}

/** At the provider's sign-in pages: any password for a known account, then consent. */
async function atProvider(page: Page, login: string) {
  await page.locator('input[name=login]').fill(login);
  await page.locator('input[name=password]').fill('anything');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

/**
 * Lets the test change the browser's return from the provider before Plek sees it, as an
 * attacker or a slow network would: a hook in front of Plek's server for the callback request.
 */
let beforeCallback: ((url: URL) => Promise<void> | void) | null = null;
function onRedirectBack(change: (url: URL) => Promise<void> | void) {
  beforeCallback = change;
}

const oidcSessions = () => t.db.prepare("SELECT count(*) FROM sessions WHERE via = 'oidc'").pluck().get() as number;
const refusals = () => t.db.prepare("SELECT details FROM audit_log WHERE action = 'auth.oidc' AND result = 'refused'").pluck().all() as string[];

describe('signing in through the identity provider', () => {
  it('creates a new person on the first sign-in with the role from the group claim and the team from the team claim, and signs out at the provider too', async () => {
    await start();
    const page = await open();
    await page.goto(plekUrl + '/');
    await page.getByRole('link', { name: 'Inloggen via je organisatie' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Inloggen via je organisatie' }).click();
    await atProvider(page, 'carla');
    await page.getByRole('heading', { name: 'Vandaag en straks' }).waitFor();
    expect(page.url()).toBe(`${plekUrl}/`);
    const carla = t.db.prepare("SELECT id, name, password_hash FROM users WHERE email = 'carla@gemeente.example'").get() as { id: number; name: string; password_hash: string | null };
    expect(carla).toMatchObject({ name: 'Carla de Groot', password_hash: null });
    expect(t.db.prepare('SELECT role FROM user_roles WHERE user_id = ? ORDER BY role').pluck().all(carla.id)).toEqual(['employee', 'facility']);
    expect(t.db.prepare('SELECT t.name FROM teams t JOIN team_members m ON m.team_id = t.id WHERE m.user_id = ?').pluck().all(carla.id)).toEqual(['Ruimtelijke Ordening']);
    await page.getByRole('link', { name: 'Beheer' }).waitFor(); // the facility role works in the app

    await page.getByRole('link', { name: 'Instellingen' }).click();
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.getByText('Je bent uitgelogd bij Plek.').waitFor();
    expect(oidcSessions()).toBe(0);
    await page.getByRole('link', { name: 'Ook uitloggen bij je organisatie' }).click();
    await page.getByRole('button', { name: /sign me out/i }).click();
    await page.waitForURL(`${plekUrl}/`);
    // Signed out at the provider as well: the next sign-in asks for the account again.
    await page.getByRole('link', { name: 'Inloggen via je organisatie' }).click();
    await page.locator('input[name=login]').waitFor();
  });

  it('finds an existing person by e-mail, whatever its case, instead of making a second one', async () => {
    await start();
    const before = t.db.prepare('SELECT count(*) FROM users').pluck().get();
    const page = await open();
    await page.goto(plekUrl + '/');
    await page.getByRole('link', { name: 'Inloggen via je organisatie' }).click();
    await atProvider(page, 'anna');
    await page.getByRole('heading', { name: 'Vandaag en straks' }).waitFor();
    expect(t.db.prepare('SELECT count(*) FROM users').pluck().get()).toBe(before);
    expect(t.db.prepare("SELECT s.user_id FROM sessions s WHERE s.via = 'oidc'").pluck().get()).toBe(t.users.anna.id);
  });

  it('refuses a callback whose state is not the one this browser started with', async () => {
    await start();
    const page = await open();
    onRedirectBack((url) => url.searchParams.set('state', 'a-state-from-somewhere-else'));
    await page.goto(plekUrl + '/');
    await page.getByRole('link', { name: 'Inloggen via je organisatie' }).click();
    await atProvider(page, 'carla');
    await page.getByText('Inloggen via je organisatie is niet gelukt.').waitFor();
    expect(oidcSessions()).toBe(0);
    expect(refusals().join()).toContain('state does not match');
  });

  it('refuses an ID token that does not carry the nonce of this sign-in', async () => {
    await start();
    const page = await open();
    // As if the token were meant for another sign-in: the pending nonce no longer matches.
    onRedirectBack(() => void t.db.prepare("UPDATE oidc_logins SET nonce = 'another-sign-in-nonce'").run());
    await page.goto(plekUrl + '/');
    await page.getByRole('link', { name: 'Inloggen via je organisatie' }).click();
    await atProvider(page, 'carla');
    await page.getByText('Inloggen via je organisatie is niet gelukt.').waitFor();
    expect(oidcSessions()).toBe(0);
    expect(refusals().join()).toMatch(/nonce/);
  });

  it('refuses an authorization code that expired before it was exchanged', async () => {
    await start(1);
    const page = await open();
    onRedirectBack(() => new Promise((r) => setTimeout(r, 2500)));
    await page.goto(plekUrl + '/');
    await page.getByRole('link', { name: 'Inloggen via je organisatie' }).click();
    await atProvider(page, 'carla');
    await page.getByText('Inloggen via je organisatie is niet gelukt.').waitFor();
    expect(oidcSessions()).toBe(0);
    expect(refusals().join()).toMatch(/invalid_grant|expired/i);
    expect(t.db.prepare("SELECT count(*) FROM users WHERE email = 'carla@gemeente.example'").pluck().get()).toBe(0);
  });
});
