import { createSignal } from 'solid-js';

const [updateReady, setUpdateReady] = createSignal<(() => void) | null>(null);
export { updateReady };

/**
 * Registers the service worker. A new version waits until the person chooses to reload
 * ("nieuwe versie beschikbaar"): the app never reloads under their hands.
 */
export async function registerServiceWorker(): Promise<void> {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  // Loaded after the first screen: 2 KB of its 40 KB budget that the home screen does not need.
  const { Workbox } = await import('workbox-window');
  const wb = new Workbox('/sw.js', { scope: '/' });
  wb.addEventListener('waiting', () => {
    setUpdateReady(() => () => {
      wb.addEventListener('controlling', () => window.location.reload());
      wb.messageSkipWaiting();
    });
  });
  void wb.register();
}
