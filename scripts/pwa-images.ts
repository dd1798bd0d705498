/**
 * Makes the images the web manifest names (vite.config.ts) and commits nothing itself:
 *  - public/icons/apple-touch-icon.png (180 px, iOS takes no icon from the manifest) and the
 *    96 px shortcut icons, drawn from SVG by Chromium;
 *  - public/screenshots/*.png: the real app with demo data, 390 px (narrow) and 1440 px (wide)
 *    wide, shown by Chromium and Android in the install dialog.
 *
 * Run after a build, again when the screens change a lot:
 *   npx vite build --outDir dist-images --emptyOutDir && PLEK_DIST=dist-images npx tsx scripts/pwa-images.ts
 * The screenshots are reduced to 256 colours with ffmpeg's palette filters, which keeps each well
 * under 150 KB: the install dialog downloads them on a phone.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { createApp, createServices } from '../server/app.js';
import { toActor } from '../server/auth/auth.service.js';
import { createUserStore } from '../server/auth/user.store.js';
import { systemClock } from '../server/clock.js';
import { readConfig } from '../server/config.js';
import { openDatabase } from '../server/db/database.js';
import { DEMO_PASSWORD, seedDemo } from '../server/demo/seed.js';
import { listen } from '../server/testing.js';
import { addDaysToDate, localDate } from '../shared/time.js';

const BLUE = '#0b4f8a';

/** The app icon's pin, for the apple-touch-icon (iOS rounds the corners itself). */
const appIcon = readFileSync('public/icons/icon.svg', 'utf8');

/** Shortcut icons: the same blue square, with what the shortcut opens drawn in white. */
const shortcut = (mark: string) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96"><rect width="96" height="96" rx="18" fill="${BLUE}"/>${mark}</svg>`;
const scanIcon = shortcut(
  // A viewfinder's four corners around a small QR code.
  '<g fill="none" stroke="#fff" stroke-width="7" stroke-linecap="round"><path d="M20 36V20h16M60 20h16v16M76 60v16H60M36 76H20V60"/></g>' +
    '<g fill="#fff"><rect x="34" y="34" width="11" height="11"/><rect x="51" y="34" width="11" height="11"/><rect x="34" y="51" width="11" height="11"/><rect x="53" y="53" width="7" height="7"/></g>',
);
const passIcon = shortcut(
  // A card with a QR block and two lines of text.
  '<rect x="16" y="26" width="64" height="44" rx="6" fill="#fff"/>' +
    `<rect x="23" y="33" width="22" height="22" fill="${BLUE}"/><rect x="51" y="36" width="22" height="5" rx="2" fill="${BLUE}"/><rect x="51" y="47" width="16" height="5" rx="2" fill="${BLUE}"/>`,
);

async function renderSvg(browser: Browser, svg: string, size: number, file: string): Promise<void> {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(`<html><body style="margin:0"><img src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}" width="${size}" height="${size}" style="display:block"></body></html>`);
  await page.screenshot({ path: file, omitBackground: true });
  await page.close();
}

/** 256 colours, one palette per image: the app's flat colours survive, the file shrinks. */
function quantize(file: string): void {
  const tmp = file.replace(/\.png$/, '.q.png');
  execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-i', file, '-vf', 'split[a][b];[a]palettegen=max_colors=256:stats_mode=full[p];[b][p]paletteuse=dither=none', '-compression_level', '100', tmp]);
  renameSync(tmp, file);
}

async function screenshots(browser: Browser, dist: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'plek-images-'));
  const db = openDatabase(join(dir, 'plek.sqlite'));
  const services = createServices(db, systemClock, { ...readConfig({ PLEK_DB: join(dir, 'plek.sqlite'), PLEK_DIST: dist }), twoFactorRoles: [] });
  await seedDemo(services);
  // Mila's own week: a desk tomorrow and a meeting room the day after, as an employee's home shows.
  const mila = createUserStore(db).byEmail('medewerker@plek.demo')!;
  const hub = services.catalogue.locations().find((l) => l.kind === 'hub')!;
  const today = localDate(Date.now(), hub.timezone);
  const spaces = services.catalogue.spaces(hub.id);
  const desk = spaces.find((s) => s.code === 'HUB-2-014')!;
  const room = spaces.find((s) => s.kind === 'meeting')!;
  services.reservations.create(toActor(mila), { spaceId: desk.id, date: addDaysToDate(today, 1), part: 'day' }, null);
  services.reservations.create(toActor(mila), { spaceId: room.id, date: addDaysToDate(today, 2), part: 'morning' }, null);
  const server = await listen(createApp(services));

  mkdirSync('public/screenshots', { recursive: true });
  const shots: { name: string; width: number; height: number; path: string; heading: string }[] = [
    { name: 'home-narrow', width: 390, height: 844, path: '/', heading: 'Vandaag en straks' },
    { name: 'reserve-wide', width: 1440, height: 900, path: '/reserveren', heading: 'Reserveren' },
  ];
  for (const shot of shots) {
    const context = await browser.newContext({ viewport: { width: shot.width, height: shot.height }, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(server.url + '/');
    await page.getByLabel('E-mailadres').fill('medewerker@plek.demo');
    await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('heading', { name: 'Vandaag en straks' }).waitFor();
    if (shot.path !== '/') {
      await page.getByRole('link', { name: 'Reserveren', exact: true }).first().click();
      await page.getByRole('heading', { name: shot.heading, exact: true }).first().waitFor();
      await page.locator('.week-strip button').nth(1).click(); // tomorrow: today may be over when this runs
    }
    await page.waitForLoadState('networkidle');
    const file = `public/screenshots/${shot.name}.png`;
    await page.screenshot({ path: file });
    quantize(file);
    console.log(`${file}: ${shot.width}x${shot.height}, ${(statSync(file).size / 1024).toFixed(0)} KB`);
    await context.close();
  }
  await server.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--lang=nl-NL'], env: { ...process.env, LANG: 'nl_NL.UTF-8' } });
try {
  await renderSvg(browser, appIcon, 180, 'public/icons/apple-touch-icon.png');
  await renderSvg(browser, scanIcon, 96, 'public/icons/shortcut-scan-96.png');
  await renderSvg(browser, passIcon, 96, 'public/icons/shortcut-pass-96.png');
  await screenshots(browser, process.env.PLEK_DIST ?? 'dist');
} finally {
  await browser.close();
}
