import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../server/testing.js';
import { aceViolations, axeViolations, launch, outboxEntries, signIn, startPlek, waitForServiceWorker, type Browser, type Plek } from './harness.js';

let plek: Plek;
let b: Browser;
let profile: string;
let annaApi: Client;
beforeAll(async () => {
  plek = await startPlek();
  annaApi = await plek.login('anna@test.nl');
  // A phone of her own (a kept profile) with the app installed, so it opens with no network.
  profile = mkdtempSync(join(tmpdir(), 'plek-profile-'));
  b = await launch({ profile });
  await b.page.setViewportSize({ width: 390, height: 900 });
  await signIn(b.page, plek.url, 'anna@test.nl');
  await waitForServiceWorker(b.page);
});
afterAll(async () => {
  await b.close();
  await plek.stop();
  rmSync(profile, { recursive: true, force: true });
});

const SHOTS = process.env.PLEK_SHOTS;
const CODE = 'HUB-3-002';
const spaceId = () => plek.desks[1]!.id;

/** Anna's stars as the server has them, asked through the API. */
const serverStars = async () => ((await annaApi.get('/api/v1/me/favourites')).body as { starred: number[] }).starred;

/** The copy of Anna's favourites the app keeps in IndexedDB for the next time it opens offline. */
function storedStars(): Promise<number[] | undefined> {
  return b.page.evaluate(
    (key) =>
      new Promise<number[] | undefined>((resolve, reject) => {
        const open = indexedDB.open('plek');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('cache').objectStore('cache').get(key);
          req.onsuccess = () => {
            resolve((req.result as { data: { starred: number[] } } | undefined)?.data.starred);
            open.result.close();
          };
        };
      }),
    `favourites:${plek.users.anna.id}`,
  );
}

async function reserveScreen() {
  await b.page.getByRole('link', { name: 'Reserveren' }).first().click();
  await b.page.getByTestId(`space-${CODE}`).waitFor();
}

const card = () => b.page.getByTestId(`space-${CODE}`);
const star = () => card().getByRole('button', { name: `Ster voor ${CODE}` });
/** Where the card stands in the list (0: first). */
const position = () => b.page.locator('li.space').evaluateAll((lis, id) => lis.findIndex((li) => li.getAttribute('data-testid') === id), `space-${CODE}`);
/** The card's own note beside the star, a polite live region. */
const note = () => card().locator('.star-note');

describe('a star without network', () => {
  it('shows at once where tapped without moving the row, says it waits for the network, holds over a reload offline, and says "Opgeslagen" on the row once the server has it; so does taking it off', async () => {
    await reserveScreen();
    expect(await star().getAttribute('aria-pressed')).toBe('false');
    const at = await position();
    expect(at).toBeGreaterThan(0);

    await b.context.setOffline(true);
    await star().click();
    await expect.poll(() => star().getAttribute('aria-pressed')).toBe('true');
    // Not by colour alone: the card says in words that the star waits, and for what; nothing is being sent.
    await card().getByText('wacht op netwerk').waitFor();
    expect(await card().getByText('wordt verstuurd').count()).toBe(0);
    expect(await star().getAttribute('aria-describedby')).toBe(await card().getByText('wacht op netwerk').getAttribute('id'));
    // One polite live region beside the star says each step, so "Opgeslagen" is heard there later.
    expect(await note().textContent()).toBe('wacht op netwerk');
    expect(await note().getAttribute('role')).toBe('status');
    expect(await note().getAttribute('aria-live')).toBe('polite');
    // Its own favourite, not a desk assigned to it.
    await card().getByText('Favoriet', { exact: true }).waitFor();
    expect(await card().getByText('Vaste plek').count()).toBe(0);
    // The row stays under the finger: it goes first only when the list is opened again.
    expect(await position()).toBe(at);
    await b.page.getByText('1 wijziging(en) wachten op verzending').waitFor();
    expect(await serverStars()).toEqual([]);
    expect(await storedStars()).toEqual([spaceId()]);
    expect(await axeViolations(b.page)).toEqual([]);
    expect(await aceViolations(b.page)).toEqual([]);
    if (SHOTS) for (const width of [390, 1440]) {
      await b.page.setViewportSize({ width, height: 900 });
      await card().screenshot({ path: `${SHOTS}/fav-offline-${width}.png` });
      await b.page.evaluate(() => window.scrollTo(0, 0));
      await b.page.screenshot({ path: `${SHOTS}/fav-offline-page-${width}.png` });
    }
    await b.page.setViewportSize({ width: 390, height: 900 });

    // The app is closed and opened again, still offline: the star is still there, still waiting.
    await b.page.reload();
    await b.page.getByText('Offline: wijzigingen worden verstuurd zodra er weer netwerk is.').waitFor();
    await card().waitFor();
    await expect.poll(() => star().getAttribute('aria-pressed')).toBe('true');
    await card().getByText('wacht op netwerk').waitFor();
    expect(await outboxEntries(b.page)).toHaveLength(1);
    // Opened again, the list puts the favourite first.
    await expect.poll(position).toBe(0);

    // The network is back: while the star goes (held up here), the row says it is being sent ...
    let letGo!: () => void;
    const held = new Promise<void>((resolve) => (letGo = resolve));
    await b.context.route(`**/api/v1/me/favourites/${spaceId()}`, async (route) => {
      await held;
      await route.continue();
    });
    await b.context.setOffline(false);
    await expect.poll(() => note().textContent(), { timeout: 10_000 }).toBe('wordt verstuurd');
    expect(await serverStars()).toEqual([]);
    // ... and once it is sent (once), says so where it was tapped.
    letGo();
    await expect.poll(() => note().textContent(), { timeout: 10_000 }).toBe('Opgeslagen');
    await b.context.unroute(`**/api/v1/me/favourites/${spaceId()}`);
    expect(await serverStars()).toEqual([spaceId()]);
    expect(await card().getByText('wacht op netwerk').count()).toBe(0);
    expect(await star().getAttribute('aria-pressed')).toBe('true');
    expect(await outboxEntries(b.page)).toHaveLength(0);
    expect(await axeViolations(b.page)).toEqual([]);
    expect(await aceViolations(b.page)).toEqual([]);
    if (SHOTS) for (const width of [390, 1440]) {
      await b.page.setViewportSize({ width, height: 900 });
      await card().screenshot({ path: `${SHOTS}/fav-saved-${width}.png` });
    }
    await b.page.setViewportSize({ width: 390, height: 900 });
    // For a moment: then the row is quiet again.
    await expect.poll(() => note().textContent(), { timeout: 10_000 }).toBe('');

    // Taken off offline: off at once, waiting, in place; gone from the server once the network is back.
    await b.context.setOffline(true);
    await star().click();
    await expect.poll(() => star().getAttribute('aria-pressed')).toBe('false');
    await card().getByText('wacht op netwerk').waitFor();
    expect(await position()).toBe(0);
    expect(await serverStars()).toEqual([spaceId()]);
    expect(await storedStars()).toEqual([]);
    await b.context.setOffline(false);
    await expect.poll(() => note().textContent(), { timeout: 10_000 }).toBe('Opgeslagen');
    expect(await serverStars()).toEqual([]);
    expect(await star().getAttribute('aria-pressed')).toBe('false');
    expect(b.problems).toEqual([]);
  });
});
