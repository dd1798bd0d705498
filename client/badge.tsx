import { createSignal, onMount, Show } from 'solid-js';
import { t } from './i18n.js';

export interface Arrival {
  name: string;
  organisation: string | null;
  hostName: string;
  date: string;
  checkOutCode: string | null;
}

/** The visitor badge (kiosk and reception), laid out for a label printer by the print stylesheet. */
export function Badge(props: { arrival: Arrival }) {
  const [qr, setQr] = createSignal<string | null>(null);
  onMount(async () => {
    if (!props.arrival.checkOutCode) return;
    const { qrDataUrl } = await import('./qr.js');
    setQr(await qrDataUrl(`PLEK-GUEST:${props.arrival.checkOutCode}`));
  });
  return (
    <article class="badge-print" aria-label={t('badge.visitor')}>
      <p class="badge-kind">{t('badge.visitor')}</p>
      <p class="badge-name">{props.arrival.name}</p>
      <Show when={props.arrival.organisation}>
        <p>{props.arrival.organisation}</p>
      </Show>
      <p>{t('badge.host', { host: props.arrival.hostName })}</p>
      <p>{props.arrival.date}</p>
      <Show when={qr()}>
        <img src={qr()!} alt={t('badge.checkout')} width="96" height="96" />
      </Show>
    </article>
  );
}

