import { afterEach, describe, expect, it } from 'vitest';
import { buildSizes } from '../../scripts/build-size.js';
import { acceptedEncoding } from '../../server/http/compress.js';
import { launch, signIn, startPlek, type Browser, type Plek } from './harness.js';
import { scriptsOnTheWire } from './wire.js';

let plek: Plek;
let browser: Browser;
afterEach(async () => {
  await browser.close();
  await plek.stop();
});

describe('the first screen on the wire', () => {
  it('a signed-in home screen gets its JavaScript brotli-compressed, at most 40 KB as Chromium receives it', async () => {
    const dist = process.env.PLEK_TEST_DIST ?? 'dist';
    plek = await startPlek({ distDir: dist });
    browser = await launch();
    await signIn(browser.page, plek.url, 'anna@test.nl');
    // A second visit, signed in, with nothing cached: what a phone downloads to show home.
    const page = await browser.context.newPage();
    const scripts = await scriptsOnTheWire(page, async () => {
      await page.goto(plek.url + '/');
      await page.getByRole('heading', { name: 'Vandaag en straks' }).waitFor();
    });
    const body = scripts.reduce((a, s) => a + s.bodyBytes, 0);
    const wire = scripts.reduce((a, s) => a + s.wireBytes, 0);
    const decoded = scripts.reduce((a, s) => a + s.decodedBytes, 0);
    console.log(`first screen JavaScript: ${scripts.length} files, ${(wire / 1024).toFixed(1)} KB on the wire (${(body / 1024).toFixed(1)} KB ${scripts[0]?.contentEncoding} bodies), ${(decoded / 1024).toFixed(1)} KB decoded; Accept-Encoding: ${scripts[0]?.acceptEncoding}`);
    const files = scripts.map((s) => new URL(s.url).pathname.slice(1));
    for (const f of buildSizes(dist).initialJs) expect(files).toContain(f.file);
    for (const s of scripts) {
      // Chromium offers br on https: and on loopback (a trustworthy origin), so here too.
      expect(s.acceptEncoding, s.url).toMatch(/\bbr\b/);
      expect(s.contentEncoding, s.url).toBe('br');
      expect(acceptedEncoding(s.acceptEncoding!)).toBe('br');
      expect(s.bodyBytes, s.url).toBeLessThan(s.decodedBytes);
    }
    // The budget is for the JavaScript itself. Each answer's headers (about 0.9 KB, most of it
    // the security headers) come on top over HTTP/1.1 here; behind nginx's HTTP/2 HPACK sends
    // repeated headers as a few bytes each.
    expect(body).toBeLessThanOrEqual(40 * 1024);
    await page.close();
  });
});
