import { createSignal } from 'solid-js';
import { Workbox } from 'workbox-window';

const [updateReady, setUpdateReady] = createSignal<(() => void) | null>(null);
export { updateReady };

/**
 * Registers the service worker. A new version waits until the person chooses to reload
 * ("nieuwe versie beschikbaar"): the app never reloads under their hands.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  const wb = new Workbox('/sw.js', { scope: '/' });
  wb.addEventListener('waiting', () => {
    setUpdateReady(() => () => {
      wb.addEventListener('controlling', () => window.location.reload());
      wb.messageSkipWaiting();
    });
  });
  void wb.register();
}
