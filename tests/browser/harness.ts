/**
 * Browser tests: Plek served over real HTTP on 127.0.0.1 (real clock), driven in Debian's
 * Chromium through playwright-core with a fresh persistent profile per person.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { toActor } from '../../server/auth/auth.service.js';
import { systemClock, type Clock } from '../../server/clock.js';
import { addDaysToDate, localDate, localToInstant } from '../../shared/time.js';
import { listen, makeTestApp, PASSWORD } from '../../server/testing.js';
import type { Config } from '../../server/config.js';
// A CommonJS package: imported whole so Node's ESM loader (npm run bench) and vitest agree.
import zxing from '@zxing/library';
import { PNG } from 'pngjs';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function startPlek(opts: { distDir?: string; config?: Partial<Config>; clock?: Clock; closedOnHolidays?: boolean } = {}) {
  const t = await makeTestApp({ distDir: opts.distDir ?? process.env.PLEK_TEST_DIST ?? 'dist', ...opts.config }, opts.clock ?? systemClock);
  // Tests book today and tomorrow on the real date: on the eve of a public holiday a location
  // closed then would refuse them. Tests about holidays fix the clock and ask for the default.
  if (!opts.closedOnHolidays) t.s.admin.updatePolicy(null, t.hub.id, { closedOnHolidays: false }, null);
  const server = await listen(t.app);
  return {
    ...t,
    url: server.url,
    async stop() {
      await server.close();
      t.close();
    },
  };
}
export type Plek = Awaited<ReturnType<typeof startPlek>>;

/**
 * A server clock that runs at real speed but reads `time` (Amsterdam) today when created: for
 * tests whose outcome depends on the hour (a desk walk-up runs to the end of the day-part, and
 * is refused in the last minutes of the day), so they pass whenever CI runs them.
 */
export function clockAt(time: string): Clock {
  const offset = localToInstant(localDate(Date.now(), 'Europe/Amsterdam'), time, 'Europe/Amsterdam') - Date.now();
  return { now: () => Date.now() + offset };
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  profile: string;
  /** Console errors, uncaught exceptions and CSP violations seen so far on any page. */
  problems: string[];
  close(): Promise<void>;
  /** Closes the browser and starts it again on the same profile, as a phone reopening the app. */
  restart(): Promise<Browser>;
}

/**
 * The browser's own log line for an HTTP error status or a request made offline: the app
 * handles those answers (a 409 is a refusal it shows), so they are not problems of the page.
 */
const NETWORK_LOG = /^Failed to load resource: (the server responded with a status of \d+|net::ERR_(INTERNET_DISCONNECTED|CONNECTION_REFUSED|NETWORK_CHANGED|ABORTED))/;

/** Collects what must never happen on a screen: console errors, uncaught exceptions, CSP violations. */
function watch(page: Page, problems: string[]): void {
  page.on('console', (m) => {
    if (m.type() === 'error' && !NETWORK_LOG.test(m.text())) problems.push(`${page.url()}: console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${page.url()}: uncaught: ${e.message}`));
}

/**
 * Starts Chromium on a fresh (or the given) profile. Closing it fails the test when any page
 * logged a console error, threw, or violated the CSP (Chromium logs "Refused to ..." as an
 * error); `allow` lists the messages a test provokes on purpose.
 */
export async function launch(opts: { profile?: string; args?: string[]; allow?: RegExp[] } = {}): Promise<Browser> {
  const profile = opts.profile ?? mkdtempSync(join(tmpdir(), 'plek-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS, ...(opts.args ?? [])],
    viewport: { width: 412, height: 900 },
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
  });
  const problems: string[] = [];
  for (const p of context.pages()) watch(p, problems);
  context.on('page', (p) => watch(p, problems));
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(10_000);
  const unexpected = () => problems.filter((p) => !(opts.allow ?? []).some((re) => re.test(p)));
  const browser: Browser = {
    context,
    page,
    profile,
    problems,
    async close() {
      await context.close();
      if (!opts.profile) rmSync(profile, { recursive: true, force: true });
      // A camera clip (about 9 MB, see qrCamera) serves the one browser it was made for.
      const clip = opts.args?.find((a) => a.startsWith(CLIP_ARG))?.slice(CLIP_ARG.length);
      if (clip && basename(dirname(clip)).startsWith('plek-camera-')) rmSync(dirname(clip), { recursive: true, force: true });
      const seen = unexpected();
      problems.length = 0;
      if (seen.length > 0) throw new Error(`the pages logged errors or CSP violations:\n${seen.join('\n')}`);
    },
    async restart() {
      await context.close();
      const seen = unexpected();
      if (seen.length > 0) throw new Error(`the pages logged errors or CSP violations:\n${seen.join('\n')}`);
      return launch({ ...opts, profile });
    },
  };
  return browser;
}

export async function signIn(page: Page, base: string, email: string): Promise<void> {
  await page.goto(base + '/');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('heading', { name: 'Vandaag en straks' }).waitFor();
}

/**
 * Waits until the service worker is active and controls the page (after one reload, as on a
 * phone's second visit), so the app can open with no network.
 */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 15_000 });
  await page.waitForLoadState('networkidle'); // the app's first sync has stored what it fetched
}

/** The raw entries of the app's outbox in IndexedDB. */
export function outboxEntries(page: Page): Promise<unknown[]> {
  return page.evaluate(
    () =>
      new Promise<unknown[]>((resolve, reject) => {
        const open = indexedDB.open('plek');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('outbox').objectStore('outbox').getAll();
          req.onsuccess = () => {
            resolve(req.result);
            open.result.close();
          };
        };
      }),
  );
}

/** Puts entries back into the outbox, as a replay of what was already sent. */
export function restoreOutbox(page: Page, entries: unknown[]): Promise<void> {
  return page.evaluate(
    (items) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('plek');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('outbox', 'readwrite');
          for (const item of items) tx.objectStore('outbox').put(item);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
        };
      }),
    entries,
  );
}

const axeSource = readFileSync(join('node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** axe-core's WCAG 2.1 A/AA violations on the page as it is now. */
export async function axeViolations(page: Page): Promise<{ id: string; nodes: number; help: string }[]> {
  // Evaluated through the DevTools protocol: the page's CSP (no inline script) does not apply.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(o: object): Promise<{ violations: { id: string; help: string; nodes: unknown[] }[] }> } }).axe;
    const result = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.length }));
  });
}

const aceSource = readFileSync(join('node_modules', 'accessibility-checker-engine', 'ace.js'), 'utf8');

/**
 * IBM Equal Access (accessibility-checker-engine) violations on the page as it is now: a second
 * engine beside axe, which finds what axe does not (content outside a landmark, an autocomplete
 * token that does not fit the field, a fieldset without a legend). Only definite violations
 * count; "potential" ones and recommendations need a person to judge them.
 */
export async function aceViolations(page: Page): Promise<{ id: string; message: string; snippet: string }[]> {
  // Injected through the DevTools protocol like axe: the page's CSP (no inline script) does not apply.
  if (!(await page.evaluate(() => 'ace' in window))) await page.evaluate(aceSource);
  return page.evaluate(async () => {
    type Result = { ruleId: string; message: string; snippet: string; value: [string, string] };
    const ace = (window as unknown as { ace: { Checker: new () => { check(doc: Document, rulesets: string[]): Promise<{ results: Result[] }> } } }).ace;
    // A closed <details> hides its form from the engine's name computation (a legend or label
    // not rendered names nothing), so every label inside would be reported missing: the form is
    // checked as a person sees it once they open it, and closed again afterwards.
    const closed = [...document.querySelectorAll('details:not([open])')] as HTMLDetailsElement[];
    for (const d of closed) d.open = true;
    try {
      const report = await new ace.Checker().check(document, ['IBM_Accessibility']);
      return report.results.filter((r) => r.value[0] === 'VIOLATION' && r.value[1] === 'FAIL').map((r) => ({ id: r.ruleId, message: r.message, snippet: r.snippet }));
    } finally {
      for (const d of closed) d.open = false;
    }
  });
}

/**
 * A fake camera clip showing `text` as a QR code: a PNG from the qrcode package turned into a
 * .y4m video with ffmpeg, for --use-file-for-fake-video-capture.
 */
export async function qrCamera(text: string): Promise<string> {
  const { execFileSync } = await import('node:child_process');
  const QRCode = (await import('qrcode')).default;
  const dir = mkdtempSync(join(tmpdir(), 'plek-camera-'));
  const png = join(dir, 'qr.png');
  const y4m = join(dir, 'qr.y4m');
  await QRCode.toFile(png, text, { width: 400, margin: 4 });
  execFileSync('ffmpeg', ['-loglevel', 'error', '-loop', '1', '-i', png, '-t', '2', '-r', '10', '-vf', 'pad=640:480:(ow-iw)/2:(oh-ih)/2:white', '-pix_fmt', 'yuv420p', y4m]);
  return y4m;
}

const CLIP_ARG = '--use-file-for-fake-video-capture=';
export const cameraArgs = (y4m: string) => ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `${CLIP_ARG}${y4m}`];

/** Today and tomorrow as local dates in Amsterdam, as the app's date field wants them. */
export function amsterdamDate(offsetDays = 0): string {
  return addDaysToDate(localDate(Date.now(), 'Europe/Amsterdam'), offsetDays);
}

/** A booking of `who` on `spaceId` from five minutes ago for an hour: check-in is open now. */
export function bookNow(plek: Plek, who: 'anna' | 'bram', spaceId: number) {
  const start = Math.floor((Date.now() - 5 * 60_000) / 60_000) * 60_000;
  return bookDirectly(plek, who, spaceId, start, start + 3_600_000);
}

/**
 * A booking written as the server would store it, without the booking rules: tests on the real
 * clock need one "now" at any hour, also when the location is closed (the server refuses a
 * booking outside its opening hours and off the quarter hour). Announced like a real one.
 */
export function bookDirectly(plek: Plek, who: 'anna' | 'bram', spaceId: number, start: number, end: number) {
  const user = plek.users[who];
  const id = Number(
    plek.db
      .prepare("INSERT INTO reservations (space_id, user_id, start_ms, end_ms, state, source, created_at) VALUES (?, ?, ?, ?, 'booked', 'app', ?)")
      .run(spaceId, user.id, start, end, plek.s.clock.now()).lastInsertRowid,
  );
  const reservation = plek.s.reservations.get(toActor(user), id).reservation;
  plek.s.events.publish({ locationId: plek.hub.id, spaceId, reservationId: id, state: 'booked' });
  return reservation;
}

/** The text of the QR code in a PNG screenshot, read by zxing as a phone would. */
export function decodeQr(shot: Buffer): string {
  const { BinaryBitmap, DecodeHintType, HybridBinarizer, QRCodeReader, RGBLuminanceSource } = zxing;
  const png = PNG.sync.read(shot);
  const luminance = new Uint8ClampedArray(png.width * png.height);
  for (let i = 0; i < luminance.length; i++) luminance[i] = (png.data[i * 4]! + png.data[i * 4 + 1]! + png.data[i * 4 + 2]!) / 3;
  const hints = new Map([[DecodeHintType.TRY_HARDER, true]]);
  return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luminance, png.width, png.height))), hints).getText();
}
