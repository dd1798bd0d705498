/**
 * Lighthouse (mobile) against the production build served by Plek: performance and
 * accessibility scores of the app's first screen. Used by `npm run bench`.
 */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_ARGS } from '../tests/browser/harness.js';

/** `cookie` signs the run in: Lighthouse sends it with every request of the page. */
export async function lighthouseScores(url: string, cookie?: string): Promise<{ performance: number; accessibility: number; bestPractices: number; fcpMs: number; lcpMs: number }> {
  const chrome = await chromeLauncher.launch({ chromePath: '/usr/bin/chromium', chromeFlags: CHROMIUM_ARGS.map((f) => (f === '--headless' ? '--headless=new' : f)) });
  try {
    const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility', 'best-practices'], formFactor: 'mobile', ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}) });
    const lhr = result!.lhr;
    const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
    return {
      performance: score('performance'),
      accessibility: score('accessibility'),
      bestPractices: score('best-practices'),
      fcpMs: Math.round(lhr.audits['first-contentful-paint']?.numericValue ?? NaN),
      lcpMs: Math.round(lhr.audits['largest-contentful-paint']?.numericValue ?? NaN),
    };
  } finally {
    chrome.kill();
  }
}
