import { render } from 'solid-js/web';
import { App } from './App.js';
import { start } from './state.js';
import './kiosk.css';

render(() => <App />, document.getElementById('root')!);
void start();

// The same service worker as the app's: the kiosk reopens from cache during an outage. A kiosk
// has nobody to ask, so a new version is taken at once and the page reloads.
if ('serviceWorker' in navigator && !import.meta.env.DEV) {
  void import('workbox-window').then(({ Workbox }) => {
    const wb = new Workbox('/sw.js', { scope: '/' });
    wb.addEventListener('waiting', () => wb.messageSkipWaiting());
    wb.addEventListener('controlling', (e) => e.isUpdate && window.location.reload());
    void wb.register();
  });
}
