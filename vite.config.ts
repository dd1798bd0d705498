import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import solid from 'vite-plugin-solid';

/** Text files worth compressing; images and icons are compressed already. */
const COMPRESSIBLE = /\.(?:js|css|html|webmanifest|json|svg|txt)$/;

/**
 * Writes a .br and a .gz beside every text file of the build, so the server sends them as they
 * are (server/app.ts) instead of compressing on each request. Brotli at quality 11 is too slow
 * for a request but costs nothing at build time. It runs after vite-plugin-pwa, whose
 * closeBundle writes sw.js, so the service worker is compressed too; the precache manifest
 * names only the originals (its glob ends in .js/.css/.html), so the service worker still
 * fetches /assets/x.js and the browser decodes the Content-Encoding before workbox sees it.
 */
function precompress(): Plugin {
  let outDir = 'dist';
  const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
  return {
    name: 'plek:precompress',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      outDir = join(config.root, config.build.outDir);
    },
    closeBundle: {
      sequential: true,
      order: 'post',
      handler() {
        for (const file of walk(outDir)) {
          if (!COMPRESSIBLE.test(file)) continue;
          const data = readFileSync(file);
          const br = brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: statSync(file).size } });
          const gz = gzipSync(data, { level: 9 });
          // A sibling that saves nothing is left out: the server then sends the original.
          if (br.length < data.length) writeFileSync(file + '.br', br);
          if (gz.length < data.length) writeFileSync(file + '.gz', gz);
        }
      },
    },
  };
}

/**
 * One build for both apps: the employee PWA (pwa/index.html, served at /) and the kiosk
 * (kiosk/index.html, served at /kiosk). They share chunks such as solid-js and shared/.
 */
export default defineConfig({
  root: '.',
  publicDir: 'public',
  plugins: [
    solid(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'pwa',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      manifestFilename: 'manifest.webmanifest',
      manifest: {
        id: '/',
        name: 'Plek – werkplekken en ruimtes',
        short_name: 'Plek',
        description: 'Reserveer werkplekken en vergaderruimtes van de gemeente, check in met een QR-code.',
        lang: 'nl',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        theme_color: '#0b4f8a',
        background_color: '#f5f6f8',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
        // Long-press on the installed icon: straight to the two things people do at the desk.
        shortcuts: [
          { name: 'Scannen', short_name: 'Scannen', description: 'Scan de QR-code op een werkplek of ruimte om in te checken', url: '/scannen', icons: [{ src: '/icons/shortcut-scan-96.png', sizes: '96x96', type: 'image/png' }] },
          { name: 'Mijn pas', short_name: 'Mijn pas', description: 'Toon je pas met QR-code bij de receptie of de kiosk', url: '/pas', icons: [{ src: '/icons/shortcut-pass-96.png', sizes: '96x96', type: 'image/png' }] },
        ],
        // Shown in the install dialog (scripts/pwa-images.ts makes them). Not precached: the
        // service worker's globs below leave screenshots/ out, the app never shows them.
        screenshots: [
          { src: '/screenshots/home-narrow.png', sizes: '390x844', type: 'image/png', form_factor: 'narrow', label: 'Vandaag en straks: je reserveringen en inchecken op je telefoon' },
          { src: '/screenshots/reserve-wide.png', sizes: '1440x900', type: 'image/png', form_factor: 'wide', label: 'Reserveren: kies een werkplek of vergaderruimte op de computer' },
        ],
      },
      injectManifest: {
        // Both shells: the phone app, and the kiosk, which must come back after a reload in an outage.
        globPatterns: ['pwa/index.html', 'kiosk/index.html', 'assets/**/*.{js,css}', 'icons/*.png', 'manifest.webmanifest'],
        maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
      },
    }),
    precompress(),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      input: { app: 'pwa/index.html', kiosk: 'kiosk/index.html' },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
