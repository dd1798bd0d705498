import { cpSync, mkdtempSync, appendFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { toActor } from '../../server/auth/auth.service.js';
import { amsterdamDate, launch, outboxEntries, restoreOutbox, signIn, startPlek, waitForServiceWorker, bookNow, type Browser, type Plek } from './harness.js';

let plek: Plek;
const browsers: Browser[] = [];
const cleanups: (() => void)[] = [];
afterEach(async () => {
  await Promise.all(browsers.splice(0).map((b) => b.close()));
  await plek.stop();
  cleanups.splice(0).forEach((f) => f());
});

const count = (sql: string, ...args: unknown[]) => plek.db.prepare(sql).pluck().get(...args) as number;


/** Anna signed in on a phone of her own (a kept profile), her booking shown, the app installed for offline use. */
async function annaOnHerPhone(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'plek-profile-'));
  cleanups.push(() => rmSync(profile, { recursive: true, force: true }));
  const b = await launch({ profile });
  browsers.push(b);
  await signIn(b.page, plek.url, 'anna@test.nl');
  await b.page.getByTestId('reservation-HUB-3-001').waitFor();
  await waitForServiceWorker(b.page);
  return b;
}

async function reserveInApp(b: Browser, code: string, part: 'Ochtend' | 'Middag') {
  await b.page.getByRole('link', { name: 'Reserveren' }).click();
  await b.page.getByLabel('Datum').fill(amsterdamDate(1));
  await b.page.getByRole('radio', { name: part }).check();
  await b.page.getByRole('button', { name: `Reserveer ${code}` }).click();
}

describe('the app without network', () => {
  it('opens, shows what it had, queues a reservation and a check-in, and sends both exactly once after a restart', async () => {
    plek = await startPlek();
    const booking = bookNow(plek, 'anna', plek.desks[0]!.id);
    let b = await annaOnHerPhone();

    await b.context.setOffline(true);
    await b.page.reload();
    await b.page.getByText('Offline: wijzigingen worden verstuurd zodra er weer netwerk is.').waitFor();
    await b.page.getByTestId('reservation-HUB-3-001').waitFor();
    await b.page.getByText(/bijgewerkt om \d\d:\d\d/).first().waitFor();

    await reserveInApp(b, 'HUB-3-002', 'Middag');
    await b.page.getByText('HUB-3-002 staat klaar om te reserveren zodra er netwerk is.').waitFor();
    await b.page.getByText('1 wijziging(en) wachten op verzending').waitFor();

    await b.page.goto(`${plek.url}/s/HUB-3-001?k=${plek.desks[0]!.key}`);
    await b.page.getByText('Check-in op HUB-3-001 opgeslagen; wordt verstuurd zodra er netwerk is.').waitFor();
    await b.page.getByText('2 wijziging(en) wachten op verzending').waitFor();
    const queued = await outboxEntries(b.page);
    expect(queued).toHaveLength(2);
    expect(count('SELECT count(*) FROM reservations WHERE space_id = ?', plek.desks[1]!.id)).toBe(0);
    expect(count("SELECT count(*) FROM reservations WHERE id = ? AND state = 'booked'", booking.id)).toBe(1);

    // The phone closes the browser; later it opens the app again, with network.
    b = await b.restart();
    browsers.splice(0, 1, b);
    await b.page.goto(plek.url + '/');
    await expect.poll(() => count("SELECT count(*) FROM reservations WHERE id = ? AND state = 'checked_in'", booking.id), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => count('SELECT count(*) FROM reservations WHERE space_id = ?', plek.desks[1]!.id)).toBe(1);
    await expect.poll(async () => (await outboxEntries(b.page)).length).toBe(0);
    await b.page.getByTestId('reservation-HUB-3-002').waitFor();

    // The same outbox sent a second time changes nothing: the server replays its answers.
    await restoreOutbox(b.page, queued);
    await b.page.reload();
    await expect.poll(async () => (await outboxEntries(b.page)).length, { timeout: 10_000 }).toBe(0);
    expect(count('SELECT count(*) FROM reservations WHERE space_id = ?', plek.desks[1]!.id)).toBe(1);
    expect(count('SELECT count(*) FROM reservations')).toBe(2);
    expect(await b.page.getByText('Niet gelukt').count()).toBe(0);
  });

  it('shows the last known availability from the compact copy, and never reads a copy an older app left in the old shape', async () => {
    plek = await startPlek();
    plek.s.reservations.create(toActor(plek.users.bram), { spaceId: plek.desks[0]!.id, date: amsterdamDate(1), part: 'morning' }, null);
    const b = await launch();
    browsers.push(b);
    await signIn(b.page, plek.url, 'anna@test.nl');
    await waitForServiceWorker(b.page);
    const tomorrowMorning = async () => {
      await b.page.getByRole('link', { name: 'Reserveren' }).click();
      await b.page.getByLabel('Datum').fill(amsterdamDate(1));
      await b.page.getByRole('radio', { name: 'Ochtend' }).check();
      // The list shows the free places; the taken ones only when asked for.
      await b.page.getByLabel('Ook bezette plekken tonen').check();
    };
    await tomorrowMorning();
    await expect.poll(() => b.page.getByTestId('space-HUB-3-001').textContent()).toContain('Bezet');

    // An app from before the compact answer cached the same window under the unversioned key,
    // in its shape, saying every desk is free: the new app must neither crash on it nor believe it.
    const old = plek.desks.map((d) => ({ spaceId: d.id, code: d.code, free: true, busy: [] }));
    await b.page.evaluate(
      (spaces) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('plek');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('cache', 'readwrite');
            const store = tx.objectStore('cache');
            const keys = store.getAllKeys();
            keys.onsuccess = () => {
              let written = 0;
              for (const key of keys.result as string[]) {
                const window = /^availability(?:\.v\d+)?:(.*)$/.exec(key)?.[1];
                if (!window) continue;
                store.put({ data: { locationId: 0, from: '', to: '', spaces }, fetchedAt: Date.now() }, `availability:${window}`);
                written++;
              }
              if (written === 0) tx.abort(); // nothing cached: the test would prove nothing
            };
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
      old,
    );

    await b.context.setOffline(true);
    await b.page.reload();
    await b.page.getByText('Offline: wijzigingen worden verstuurd zodra er weer netwerk is.').waitFor();
    await tomorrowMorning();
    await expect.poll(() => b.page.getByTestId('space-HUB-3-001').textContent()).toContain('Bezet');
    expect(await b.page.getByTestId('space-HUB-3-002').textContent()).toContain('Vrij');
  });

  it('on a shared phone, after sign-out and reopened offline, shows nothing of the person before', async () => {
    plek = await startPlek();
    bookNow(plek, 'anna', plek.desks[0]!.id);
    let b = await annaOnHerPhone();
    // The quick copy for a cold start holds her reservation while she is signed in...
    expect(await b.page.evaluate(() => localStorage.getItem('plek:first-screen'))).toContain('HUB-3-001');
    await b.page.getByRole('link', { name: 'Instellingen' }).click();
    await b.page.getByRole('button', { name: 'Uitloggen' }).click();
    await b.page.getByRole('button', { name: 'Inloggen' }).waitFor();
    // ...and nothing of her after she signed out.
    const stored = await b.page.evaluate(() => JSON.stringify(Object.entries(localStorage)));
    expect(stored).not.toContain('HUB-3-001');
    expect(stored).not.toContain('anna');
    b = await b.restart();
    browsers.splice(0, 1, b);
    await b.context.setOffline(true);
    await b.page.goto(plek.url + '/');
    await b.page.getByRole('button', { name: 'Inloggen' }).waitFor();
    expect(await b.page.getByTestId('reservation-HUB-3-001').count()).toBe(0);
  });

  it('shows a spot taken meanwhile plainly, with a free alternative in the same zone', async () => {
    plek = await startPlek();
    const b = await launch();
    browsers.push(b);
    await signIn(b.page, plek.url, 'anna@test.nl');
    await waitForServiceWorker(b.page);
    await b.context.setOffline(true);
    await reserveInApp(b, 'HUB-3-003', 'Ochtend');
    await b.page.getByText('HUB-3-003 staat klaar om te reserveren zodra er netwerk is.').waitFor();

    // Meanwhile Bram, online, takes the same desk.
    plek.s.reservations.create(toActor(plek.users.bram), { spaceId: plek.desks[2]!.id, date: amsterdamDate(1), part: 'morning' }, null);

    await b.context.setOffline(false);
    await b.page.getByRole('link', { name: 'Vandaag' }).click();
    const refusal = b.page.locator('article.refusal');
    await refusal.waitFor({ timeout: 10_000 });
    expect(await refusal.textContent()).toContain('Niet gelukt: HUB-3-003');
    expect(await refusal.textContent()).toContain('Deze plek is al gereserveerd voor die tijd.');
    expect(await refusal.textContent()).toMatch(/Vrij in dezelfde zone: HUB-3-00[12]/);
    const alternative = refusal.getByRole('button', { name: /^Reserveer HUB-3-00[12]$/ });
    const code = (await alternative.textContent())!.replace('Reserveer ', '');
    await alternative.click();
    await b.page.getByText(`${code} is voor je gereserveerd.`).waitFor();
    expect(count("SELECT count(*) FROM reservations r JOIN spaces s ON s.id = r.space_id WHERE s.code = ? AND r.user_id = ? AND r.state = 'booked'", code, plek.users.anna.id)).toBe(1);
    expect(await b.page.locator('article.refusal').count()).toBe(0);
  });
});

describe('a new version of the app', () => {
  it('is offered with "nieuwe versie beschikbaar" and only loads when the person chooses', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'plek-dist-'));
    cpSync(process.env.PLEK_TEST_DIST ?? 'dist', dist, { recursive: true });
    cleanups.push(() => rmSync(dist, { recursive: true, force: true }));
    plek = await startPlek({ distDir: dist });
    const b = await launch();
    browsers.push(b);
    await signIn(b.page, plek.url, 'anna@test.nl');
    await waitForServiceWorker(b.page);
    await b.page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));

    appendFileSync(join(dist, 'sw.js'), '\n// next release\n');
    await b.page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r!.update()));
    await b.page.getByText('Nieuwe versie beschikbaar.').waitFor({ timeout: 15_000 });
    expect(await b.page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);

    await Promise.all([b.page.waitForEvent('load'), b.page.getByRole('button', { name: 'Vernieuwen' }).click()]);
    expect(await b.page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBeUndefined();
    await b.page.getByRole('heading', { name: 'Vandaag en straks' }).waitFor();
  });
});
