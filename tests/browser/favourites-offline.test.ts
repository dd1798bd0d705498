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

describe('a star without network', () => {
  it('shows at once where tapped, says it waits, holds over a reload offline, and reaches the server when the network is back; so does taking it off', async () => {
    await reserveScreen();
    expect(await star().getAttribute('aria-pressed')).toBe('false');

    await b.context.setOffline(true);
    await star().click();
    await expect.poll(() => star().getAttribute('aria-pressed')).toBe('true');
    // Not by colour alone: the card says in words that the star still has to be sent.
    await card().getByText('wordt verstuurd').waitFor();
    expect(await star().getAttribute('aria-describedby')).toBe(await card().getByText('wordt verstuurd').getAttribute('id'));
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
    await card().getByText('wordt verstuurd').waitFor();
    expect(await outboxEntries(b.page)).toHaveLength(1);

    // The network is back: the star is sent (once) and no longer waits.
    await b.context.setOffline(false);
    await expect.poll(serverStars, { timeout: 10_000 }).toEqual([spaceId()]);
    await expect.poll(() => card().getByText('wordt verstuurd').count()).toBe(0);
    expect(await star().getAttribute('aria-pressed')).toBe('true');
    expect(await outboxEntries(b.page)).toHaveLength(0);

    // Taken off offline: off at once, waiting; gone from the server once the network is back.
    await b.context.setOffline(true);
    await star().click();
    await expect.poll(() => star().getAttribute('aria-pressed')).toBe('false');
    await card().getByText('wordt verstuurd').waitFor();
    expect(await serverStars()).toEqual([spaceId()]);
    expect(await storedStars()).toEqual([]);
    await b.context.setOffline(false);
    await expect.poll(serverStars, { timeout: 10_000 }).toEqual([]);
    await expect.poll(() => card().getByText('wordt verstuurd').count()).toBe(0);
    expect(await star().getAttribute('aria-pressed')).toBe('false');
    expect(b.problems).toEqual([]);
  });
});
