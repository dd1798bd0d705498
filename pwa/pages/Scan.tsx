import { createSignal, onCleanup, Show } from 'solid-js';
import { Field } from '../../client/field.js';
import { t } from '../../client/i18n.js';
import type { Scanner } from '../../client/scanner.js';
import { navigate } from '../router.js';
import { catalogue, locations, online } from '../state.js';

/**
 * The in-app scanner: a label's QR leads to the same screen as the phone's camera app would.
 * Where the camera cannot read the label (dark corner, damaged print, no camera), the code
 * printed on it can be typed instead.
 */
export default function Scan() {
  let video!: HTMLVideoElement;
  const [scanner, setScanner] = createSignal<Scanner | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [torchOn, setTorchOn] = createSignal(false);
  const [torchError, setTorchError] = createSignal<string | null>(null);
  const [code, setCode] = createSignal('');
  const [codeError, setCodeError] = createSignal<string | null>(null);

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
    setTorchOn(false);
    setTorchError(null);
  };
  onCleanup(stop);

  const toggleTorch = async () => {
    const torch = scanner()?.torch;
    if (!torch) return;
    const want = !torch.on;
    const now = await torch.set(want);
    setTorchOn(now);
    setTorchError(now === want ? null : t(want ? 'scan.torchFailedOn' : 'scan.torchFailedOff'));
  };

  /** A space with this code in one of my locations' catalogues (fetched again once if not found). */
  const known = async (wanted: string) => {
    for (const refresh of online() ? [false, true] : [false]) {
      for (const l of locations()?.data ?? []) {
        const c = await catalogue(l.id, refresh).catch(() => undefined);
        if (c?.data.spaces.some((s) => s.code === wanted)) return true;
      }
    }
    return false;
  };

  const openCode = async (e: SubmitEvent) => {
    e.preventDefault();
    // Codes are printed in capitals; a phone keyboard often starts with a small letter or adds a space.
    const wanted = code().trim().toUpperCase().replace(/\s+/g, '');
    if (!wanted) return setCodeError(t('scan.codeMissing'));
    if (!(await known(wanted))) return setCodeError(t('scan.codeUnknown', { code: wanted }));
    setCodeError(null);
    stop();
    navigate(`/s/${encodeURIComponent(wanted)}`);
  };

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
      <div class="actions">
        <Show when={scanner()} fallback={<button type="button" class="button primary" onClick={start}>{t('scan.start')}</button>}>
          <button type="button" class="button" onClick={stop}>
            {t('scan.stop')}
          </button>
        </Show>
        <Show when={scanner()?.torch}>
          <button type="button" class="button" data-testid="torch" onClick={() => void toggleTorch()}>
            {torchOn() ? t('scan.torchOff') : t('scan.torchOn')}
          </button>
        </Show>
      </div>
      <div role="status" class="error-region">
        <Show when={torchError()}>
          <p class="notice notice-error">{torchError()}</p>
        </Show>
      </div>
      <form class="stack scan-code" onSubmit={(e) => void openCode(e)} novalidate>
        <Field label={t('scan.typeCode')} error={codeError()}>
          <input
            value={code()}
            onInput={(e) => {
              setCode(e.currentTarget.value);
              setCodeError(null);
            }}
            autocomplete="off"
            autocapitalize="characters"
            spellcheck={false}
            enterkeyhint="go"
            placeholder="HUB-3-014"
            maxlength={32}
          />
        </Field>
        <div>
          <button type="submit" class="button">
            {t('scan.openCode')}
          </button>
        </div>
      </form>
    </section>
  );
}
