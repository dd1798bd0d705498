/**
 * The phone app's cold start offline: signed in once with network, the browser is closed and
 * opened again without network, and the home screen is timed from navigation start until the
 * person's reservation shows (performance.now() in the page, so Node's round trips don't count).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bookNow, launch, signIn, startPlek, waitForServiceWorker } from '../tests/browser/harness.js';

export async function coldOfflineStart(rounds: number, distDir = 'dist'): Promise<number[]> {
  const plek = await startPlek({ distDir });
  const profile = mkdtempSync(join(tmpdir(), 'plek-bench-profile-'));
  bookNow(plek, 'anna', plek.desks[0]!.id);
  let b = await launch({ profile });
  try {
    await signIn(b.page, plek.url, 'anna@test.nl');
    await b.page.getByTestId('reservation-HUB-3-001').waitFor();
    await waitForServiceWorker(b.page);
    const times: number[] = [];
    for (let round = 0; round < rounds; round++) {
      b = await b.restart();
      await b.context.setOffline(true);
      // Noted by the page itself the moment the reservation is in the document.
      await b.context.addInitScript(() => {
        new MutationObserver((_, observer) => {
          if (document.querySelector('[data-testid="reservation-HUB-3-001"]')) {
            (window as unknown as { shownAt: number }).shownAt = performance.now();
            observer.disconnect();
          }
        }).observe(document, { childList: true, subtree: true });
      });
      await b.page.goto(plek.url + '/');
      await b.page.getByTestId('reservation-HUB-3-001').waitFor();
      times.push(await b.page.evaluate(() => (window as unknown as { shownAt: number }).shownAt));
    }
    return times;
  } finally {
    await b.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
    await plek.stop();
  }
}

/** min / median / max of a list of times in ms. */
export function spread(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  return `min ${sorted[0]!.toFixed(0)}, median ${median.toFixed(0)}, max ${sorted.at(-1)!.toFixed(0)} ms`;
}

// `tsx scripts/bench-offline.ts [distDir]` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const times = await coldOfflineStart(7, process.argv[2]);
  console.log(`Cold offline start to the home screen's reservation (7 rounds): ${spread(times)}`);
}
