import { createResource, createSignal, For, Show } from 'solid-js';
import type { LabelDto as Label } from '../../shared/api-client.js';
import { t, te } from '../../client/i18n.js';
import { api, locations } from '../state.js';
import { NoticeBox, type Notice, createLocationChoice, LocationSelect, ManageNav, refreshing } from '../ui.js';


/** Facility: an A4 sheet of QR labels for a location, and a new key for a lost or copied label. */
export default function Labels() {
  const [locationId, setLocationId] = createLocationChoice();
  const [notice, setNotice] = createSignal<Notice | null>(null);
  const [labels, { refetch: fetchAgain }] = createResource(locationId, async (id) => {
    const res = await api.labels(id);
    if (!res.ok) return [];
    const { qrDataUrl } = await import('../../client/qr.js');
    // Drawn at twice the size shown: sharp on paper, and an even scale on screen.
    return Promise.all(res.data.map(async (l) => ({ ...l, qr: await qrDataUrl(l.url, { width: 240 }) })));
  });
  const refetch = refreshing(fetchAgain);
  /** The label whose new key waits for a second tap: the old label stops working at once. */
  const [confirming, setConfirming] = createSignal<number | null>(null);
  const locationName = () => locations()?.data.find((l) => l.id === locationId())?.name ?? '';
  const rotate = async (l: Label) => {
    setConfirming(null);
    const res = await api.rotateLabelKey(l.spaceId);
    setNotice(res.ok ? { tone: 'ok', text: t('labels.rotated', { code: l.code }) } : { tone: 'error', text: te(res.code) });
    void refetch();
  };
  return (
    <section>
      <h1 class="no-print">{t('labels.title')}</h1>
      <div class="no-print">
        <ManageNav />
      </div>
      <p class="no-print">{t('labels.hint')}</p>
      <div class="no-print two">
        <LocationSelect value={locationId()} onChange={setLocationId} />
        <button type="button" class="button primary" onClick={() => window.print()}>
          {t('labels.print')}
        </button>
      </div>
      <div class="no-print">
        <NoticeBox notice={notice()} />
      </div>
      <ul class="label-sheet" data-testid="labels">
        <For each={labels() ?? []}>
          {(l) => (
            <li class="label">
              <img src={l.qr} width="120" height="120" alt={t('labels.qr', { code: l.code })} />
              <p class="label-code">{l.code}</p>
              <p class="label-name">{l.name}</p>
              <p class="label-location">{locationName()}</p>
              <p class="label-scan">{t('labels.scan')}</p>
              <Show
                when={confirming() === l.spaceId}
                fallback={
                  <button type="button" class="button small no-print" onClick={() => setConfirming(l.spaceId)}>
                    {t('labels.rotate', { code: l.code })}
                  </button>
                }
              >
                <div class="no-print stack label-confirm" role="group" aria-label={t('labels.rotate', { code: l.code })}>
                  <p class="warning">{t('labels.confirmRotate', { code: l.code })}</p>
                  <div class="actions">
                    <button type="button" class="button primary" onClick={() => rotate(l)}>
                      {t('labels.confirmRotateYes', { code: l.code })}
                    </button>
                    <button type="button" class="button" onClick={() => setConfirming(null)}>
                      {t('labels.keep')}
                    </button>
                  </div>
                </div>
              </Show>
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}
