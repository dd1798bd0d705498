import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

/**
 * One build for both apps: the employee PWA (pwa/index.html, served at /) and the kiosk
 * (kiosk/index.html, served at /kiosk). They share chunks such as solid-js and shared/.
 */
export default defineConfig({
  root: '.',
  publicDir: 'public',
  plugins: [solid()],
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
