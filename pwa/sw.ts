/// <reference lib="webworker" />
/**
 * The service worker: the app shell precached (the app opens with no network at all), every
 * navigation answered by the app, and the outbox sent from the sync event when the browser
 * supports background sync.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { flush } from '../client/outbox.js';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('/kiosk/index.html'), { allowlist: [/^\/kiosk(\/|$)/] }));
// robots.txt is the server's file, never the app shell, even where the app is installed.
registerRoute(new NavigationRoute(createHandlerBoundToURL('/pwa/index.html'), { denylist: [/^\/api\//, /^\/kiosk/, /^\/robots\.txt$/] }));

self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

self.addEventListener('sync', (event) => {
  const e = event as ExtendableEvent & { tag: string };
  if (e.tag === 'plek-outbox') e.waitUntil(flush());
});
