import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import solid from 'vite-plugin-solid';

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
      },
      injectManifest: {
        // Both shells: the phone app, and the kiosk, which must come back after a reload in an outage.
        globPatterns: ['pwa/index.html', 'kiosk/index.html', 'assets/**/*.{js,css}', 'icons/*.png', 'manifest.webmanifest'],
        maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
      },
    }),
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
