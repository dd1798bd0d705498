import { createSignal, onCleanup, onMount, Show } from 'solid-js';
import { Portal } from 'solid-js/web';
import { dayOf, t, timeOf } from './i18n.js';
import './badge.css';

export interface Arrival {
  name: string;
  organisation: string | null;
  hostName: string;
  /** The local date (YYYY-MM-DD), for a badge printed before the guest has arrived. */
  date: string;
  /** When the guest arrived, in the location's zone; null before they have. */
  arrivedAt?: string | null;
  locationName?: string;
  checkOutCode: string | null;
}

/** "di 1 december 2026 · 09:12": the day in words, so nobody reads 2026-12-01 at the door. */
function when(a: Arrival): string {
  const day = dayOf(a.arrivedAt ?? a.date, { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric' });
  return a.arrivedAt ? `${day} · ${timeOf(a.arrivedAt)}` : day;
}

function Face(props: { arrival: Arrival; qr: string | null }) {
  return (
    <>
      <p class="badge-kind">{t('badge.visitor')}</p>
      <p class="badge-name">{props.arrival.name}</p>
      <Show when={props.arrival.organisation}>
        <p class="badge-org">{props.arrival.organisation}</p>
      </Show>
      <p>{t('badge.host', { host: props.arrival.hostName })}</p>
      <Show when={props.arrival.locationName}>
        <p>{props.arrival.locationName}</p>
      </Show>
      <p>{when(props.arrival)}</p>
      <Show when={props.qr}>
        <figure class="badge-qr">
          <img src={props.qr!} alt={t('badge.checkout')} width="96" height="96" />
          <figcaption aria-hidden="true">{t('badge.checkout')}</figcaption>
        </figure>
      </Show>
    </>
  );
}

/**
 * The visitor badge (kiosk and reception): a preview where it was asked for, and one label of
 * 62 × 100 mm for the printer. The label is a copy at the end of the body, the only thing a
 * print shows: hiding the rest of the page around the preview left its height in the flow,
 * which printed a second, empty label.
 */
export function Badge(props: { arrival: Arrival }) {
  const [qr, setQr] = createSignal<string | null>(null);
  // The label's page size holds only while a badge is on the screen: the app prints A4 too
  // (the emergency list, QR label sheets). Chromium ignores a named page's size for the sheet
  // size, so the rule is added and taken away here, through the CSSOM (the CSP allows no <style>).
  const page = new CSSStyleSheet();
  page.replaceSync('@page { size: 62mm 100mm; margin: 0; }');
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, page];
  onCleanup(() => (document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== page)));
  onMount(async () => {
    if (!props.arrival.checkOutCode) return;
    const { qrDataUrl } = await import('./qr.js');
    setQr(await qrDataUrl(`PLEK-GUEST:${props.arrival.checkOutCode}`));
  });
  return (
    <>
      <article class="badge-print" aria-label={t('badge.visitor')}>
        <Face arrival={props.arrival} qr={qr()} />
      </article>
      {/* Solid wraps a portal in a div of its own: marked, so the print sheet can keep only it. */}
      <Portal ref={(host: HTMLDivElement) => host.classList.add('badge-sheet-host')}>
        <div class="badge-sheet" aria-hidden="true">
          <Face arrival={props.arrival} qr={qr()} />
        </div>
      </Portal>
    </>
  );
}
