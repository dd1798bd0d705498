import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { launch, signIn, startPlek, waitForServiceWorker, type Browser, type Plek } from './harness.js';

let plek: Plek;
const browsers: Browser[] = [];
beforeEach(async () => {
  plek = await startPlek();
});
afterEach(async () => {
  await Promise.all(browsers.splice(0).map((b) => b.close()));
  await plek.stop();
});

async function open(args?: string[]) {
  const b = await launch({ args });
  browsers.push(b);
  return b;
}

interface Image {
  src: string;
  sizes: string;
  type: string;
}
interface Manifest {
  shortcuts: { name: string; short_name: string; url: string; icons: Image[] }[];
  screenshots: (Image & { form_factor: string; label: string })[];
}

/** Fetches an image over HTTP and reads its real dimensions from the PNG. */
async function png(path: string): Promise<{ status: number; type: string | null; bytes: number; size: string }> {
  const res = await fetch(plek.url + path);
  const body = Buffer.from(await res.arrayBuffer());
  const image = res.status === 200 ? PNG.sync.read(body) : { width: 0, height: 0 };
  return { status: res.status, type: res.headers.get('content-type'), bytes: body.length, size: `${image.width}x${image.height}` };
}

describe('robots.txt', () => {
  it('tells every crawler to stay out of every path, over HTTP', async () => {
    const res = await fetch(plek.url + '/robots.txt');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const rules = (await res.text())
      .split('\n')
      .map((l) => l.replace(/#.*/, '').trim())
      .filter(Boolean)
      .map((l) => l.split(/:\s*/, 2) as [string, string]);
    // One group, for all agents, that disallows the root and allows nothing back.
    expect(rules.filter(([k]) => /^user-agent$/i.test(k)).map(([, v]) => v)).toEqual(['*']);
    expect(rules.filter(([k]) => /^allow$/i.test(k))).toEqual([]);
    const disallowed = rules.filter(([k]) => /^disallow$/i.test(k)).map(([, v]) => v);
    for (const path of ['/', '/kiosk', '/s/HUB-3-001?k=x', '/pas', '/api/v1/openapi.json', '/manifest.webmanifest']) {
      expect(disallowed.some((prefix) => prefix !== '' && path.startsWith(prefix)), path).toBe(true);
    }
  });

  it('stays the server file where the app is installed: the service worker does not answer it with the app', async () => {
    const b = await open();
    await signIn(b.page, plek.url, 'anna@test.nl');
    await waitForServiceWorker(b.page);
    await b.page.goto(plek.url + '/robots.txt');
    expect(await b.page.locator('body').innerText()).toContain('Disallow: /');
  });
});

describe('the web manifest for installing', () => {
  it('has Dutch shortcuts to the scanner and the pass, and narrow and wide screenshots, each image served at its stated size', async () => {
    const res = await fetch(plek.url + '/manifest.webmanifest');
    expect(res.status).toBe(200);
    const manifest = (await res.json()) as Manifest;

    expect(manifest.shortcuts.map((s) => [s.name, s.url])).toEqual([
      ['Scannen', '/scannen'],
      ['Mijn pas', '/pas'],
    ]);
    for (const s of manifest.shortcuts) {
      expect(s.icons.map((i) => i.sizes)).toEqual(['96x96']);
      for (const icon of s.icons) expect(await png(icon.src), icon.src).toMatchObject({ status: 200, type: 'image/png', size: '96x96' });
    }

    expect(manifest.screenshots.map((s) => s.form_factor)).toEqual(['narrow', 'wide']);
    for (const shot of manifest.screenshots) {
      expect(shot.type).toBe('image/png');
      expect(shot.label).toMatch(/^(Vandaag|Reserveren)/); // Dutch, as the app's lang
      const got = await png(shot.src);
      expect(got, shot.src).toMatchObject({ status: 200, type: 'image/png', size: shot.sizes });
      expect(got.bytes, shot.src).toBeLessThan(150 * 1024);
    }
    expect(manifest.screenshots.map((s) => Number(s.sizes.split('x')[0]))).toEqual([390, 1440]);
  });

  it('Chromium reads the manifest without errors, its shortcuts open those screens, and the page links a 180 px apple-touch-icon', async () => {
    const b = await open(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream']);
    await signIn(b.page, plek.url, 'anna@test.nl');
    const cdp = await b.context.newCDPSession(b.page);
    const parsed = (await cdp.send('Page.getAppManifest')) as { errors: unknown[]; data?: string };
    expect(parsed.errors).toEqual([]);
    const manifest = JSON.parse(parsed.data!) as Manifest;

    const touch = b.page.locator('link[rel="apple-touch-icon"]');
    expect(await touch.count()).toBe(1);
    expect(await touch.getAttribute('sizes')).toBe('180x180');
    const href = await touch.evaluate((l) => new URL((l as HTMLLinkElement).href).pathname);
    expect(await png(href)).toMatchObject({ status: 200, type: 'image/png', size: '180x180' });

    const headings: Record<string, string> = { '/scannen': 'QR-code scannen', '/pas': 'Mijn pas' };
    expect(manifest.shortcuts).toHaveLength(2);
    for (const s of manifest.shortcuts) {
      const path = new URL(s.url, plek.url).pathname; // Chromium resolves it against the manifest
      await b.page.goto(plek.url + path);
      await b.page.getByRole('heading', { name: headings[path], level: 1 }).waitFor();
    }
  });

  it('precaches the icons but not the screenshots, which only the install dialog shows', () => {
    const sw = readFileSync(join(process.env.PLEK_TEST_DIST ?? 'dist', 'sw.js'), 'utf8');
    expect(sw).toContain('icons/apple-touch-icon.png');
    expect(sw).toContain('icons/shortcut-scan-96.png');
    expect(sw).not.toContain('screenshots/');
  });
});
