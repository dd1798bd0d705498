import { createSignal, onCleanup, Show } from 'solid-js';
import { t } from '../../client/i18n.js';
import { navigate } from '../router.js';
import type { Scanner } from '../../client/scanner.js';

/** The in-app scanner: a label's QR leads to the same screen as the phone's camera app would. */
export default function Scan() {
  let video!: HTMLVideoElement;
  const [scanner, setScanner] = createSignal<Scanner | null>(null);
  const [error, setError] = createSignal<string | null>(null);

  const start = async () => {
    setError(null);
    try {
      const { startScanner, parseLabel } = await import('../../client/scanner.js');
      const s = await startScanner(video, (text) => {
        const label = parseLabel(text);
        if (!label) {
          setError(t('scan.unknown'));
          return false;
        }
        setScanner(null);
        navigate(`/s/${label.code}?k=${encodeURIComponent(label.key)}`);
        return true;
      });
      if (new URL(location.href).pathname === '/scannen') setScanner(s);
    } catch {
      setError(t('scan.noCamera'));
    }
  };
  const stop = () => {
    scanner()?.stop();
    setScanner(null);
  };
  onCleanup(stop);

  return (
    <section>
      <h1>{t('scan.title')}</h1>
      <p>{t('scan.hint')}</p>
      <div class="viewfinder">
        <video ref={video} muted playsinline aria-label={t('scan.title')} />
      </div>
      <div role="alert" class="error-region">
        <Show when={error()}>
          <p class="notice notice-error">{error()}</p>
        </Show>
      </div>
      <Show when={scanner()} fallback={<button type="button" class="button primary" onClick={start}>{t('scan.start')}</button>}>
        <button type="button" class="button" onClick={stop}>
          {t('scan.stop')}
        </button>
      </Show>
    </section>
  );
}
