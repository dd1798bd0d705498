import { createResource, For, Show } from 'solid-js';
import { mutations, type EmergencyDto, type GuestDto } from '../../shared/api-client.js';
import { Badge } from '../../client/badge.js';
import { t, te, timeOf } from '../../client/i18n.js';
import { url } from '../router.js';
import { api } from '../state.js';

/** The badge of one guest, to print from the browser (label printer, A4 fallback). */
export function BadgePage() {
  const id = Number(url().pathname.split('/').pop());
  const [badge] = createResource(async () => {
    const res = await api.send<GuestDto & { checkOutCode: string | null; date: string; locationName: string }>(mutations.guestBadge(id));
    return res.ok ? res.data : { error: te(res.code) };
  });
  return (
    <section class="print-badge-page">
      <h1 class="no-print">{t('reception.badge')}</h1>
      <Show when={badge() && 'name' in badge()!} fallback={<p>{badge() && 'error' in badge()! ? (badge() as { error: string }).error : t('status.loading')}</p>}>
        {(() => {
          const g = badge() as GuestDto & { checkOutCode: string | null; date: string; locationName: string };
          return <Badge arrival={{ name: g.name, organisation: g.organisation, hostName: g.hostName, date: g.date, arrivedAt: g.arrivedAt, locationName: g.locationName, checkOutCode: g.checkOutCode }} />;
        })()}
        <button type="button" class="button primary no-print" onClick={() => window.print()}>
          {t('emergency.print')}
        </button>
      </Show>
    </section>
  );
}

/** Everyone in the building now, by floor and zone, printable and readable on a phone. */
export function EmergencyPage() {
  const location = Number(url().searchParams.get('location'));
  const [list] = createResource(async () => {
    const res = await api.emergency(location);
    return res.ok ? res.data : null;
  });
  const byZone = (e: EmergencyDto) => {
    const groups = new Map<string, EmergencyDto['staff']>();
    for (const s of e.staff) {
      const key = `${s.floor !== null ? `${t('kiosk.floor', { n: s.floor })} · ` : ''}${s.zoneName ?? '–'}`;
      groups.set(key, [...(groups.get(key) ?? []), s]);
    }
    return [...groups];
  };
  return (
    <section>
      <Show when={list()} fallback={<p>{t('status.loading')}</p>}>
        {(e) => (
          <>
            <h1>{t('emergency.title', { location: e().location.name })}</h1>
            <p class="muted">{timeOf(e().at)}</p>
            <Show when={!e().bhvPresent}>
              <p class="warning" role="alert">
                <span aria-hidden="true">⚠ </span>
                {t('emergency.noBhv')}
              </p>
            </Show>
            <h2>
              {t('emergency.staff')} ({e().staff.length})
            </h2>
            <For each={byZone(e())}>
              {([zone, people]) => (
                <>
                  <h3 class="h3">{zone}</h3>
                  <ul class="plain">
                    <For each={people}>
                      {(p) => (
                        <li>
                          {p.name} · {p.spaceCode}
                          {p.bhv ? ` · ${t('emergency.bhv')}` : ''}
                        </li>
                      )}
                    </For>
                  </ul>
                </>
              )}
            </For>
            <h2>
              {t('emergency.guests')} ({e().guests.length})
            </h2>
            <ul class="plain">
              <For each={e().guests}>
                {(g) => (
                  <li>
                    {g.name}
                    {g.organisation ? ` (${g.organisation})` : ''} · {t('reception.host')}: {g.hostName}
                  </li>
                )}
              </For>
            </ul>
            <button type="button" class="button primary no-print" onClick={() => window.print()}>
              {t('emergency.print')}
            </button>
          </>
        )}
      </Show>
    </section>
  );
}
