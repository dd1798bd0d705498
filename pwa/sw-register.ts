import { createSignal } from 'solid-js';

const [updateReady, setUpdateReady] = createSignal<(() => void) | null>(null);
export { updateReady };

/**
 * Registers the service worker. A new version waits until the person chooses to reload
 * ("nieuwe versie beschikbaar"): the app never reloads under their hands.
 */
export async function registerServiceWorker(): Promise<void> {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  // The platform's API, not workbox-window: its 2 KB came out of the first screen's 40 KB budget.
  const sw = navigator.serviceWorker;
  const offer = (waiting: ServiceWorker) =>
    setUpdateReady(() => () => {
      sw.addEventListener('controllerchange', () => window.location.reload());
      waiting.postMessage({ type: 'SKIP_WAITING' });
    });
  const registration = await sw.register('/sw.js', { scope: '/' });
  // A new version waits only where an older one controls the page; a first install just runs.
  if (registration.waiting && sw.controller) offer(registration.waiting);
  registration.addEventListener('updatefound', () => {
    const next = registration.installing;
    next?.addEventListener('statechange', () => {
      if (next.state === 'installed' && sw.controller) offer(next);
    });
  });
}
