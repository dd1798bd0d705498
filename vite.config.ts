import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import solid from 'vite-plugin-solid';
import { precompress } from './scripts/precompress.js';

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
