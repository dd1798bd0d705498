import { createResource, createSignal, For, Show } from 'solid-js';
import { mutations, type EmergencyDto, type GuestDto } from '../../shared/api-client.js';
import { Badge } from '../../client/badge.js';
import { dayOf, t, te, timeOf } from '../../client/i18n.js';
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

/** "Gastheer/<wbr>gastvrouw": a narrow column breaks the heading after the slash, not inside a word. */
function breakAfterSlash(text: string) {
  const [first, ...rest] = text.split('/');
  return (
    <>
      {first}
      <For each={rest}>
        {(part) => (
          <>
            /<wbr />
            {part}
          </>
        )}
      </For>
    </>
  );
}

type Person = { key: string; name: string; where: string; host: string | null };

/** The roll call's marks, kept on this device per location and day: the network may be gone in an evacuation. */
function rollCallStore(location: number, date: string) {
  const storageKey = `plek.rollcall.${location}.${date}`;
  const read = (): string[] => {
    try {
      return JSON.parse(localStorage.getItem(storageKey) ?? '[]') as string[];
    } catch {
      return [];
    }
  };
  const [safe, setSafe] = createSignal(new Set(read()));
  const save = (next: Set<string>) => {
    setSafe(next);
    localStorage.setItem(storageKey, JSON.stringify([...next]));
  };
  return {
    safe,
    toggle: (key: string) => {
      const next = new Set(safe());
      if (next.has(key)) next.delete(key);
      else next.add(key);
      save(next);
    },
    clear: () => save(new Set()),
  };
}

/**
 * Everyone in the building now, by floor and zone, with date, time and location: printed as a
 * list with a column to tick at the assembly point, or on a tablet as a roll call that marks
 * each person safe.
 */
export function EmergencyPage() {
  const location = Number(url().searchParams.get('location'));
  const [rollCall, setRollCall] = createSignal(url().searchParams.get('appel') === '1');
  const [list] = createResource(async () => {
    const res = await api.emergency(location);
    return res.ok ? res.data : null;
  });
  const groups = (e: EmergencyDto): [string, Person[]][] => {
    const out = new Map<string, Person[]>();
    for (const s of e.staff) {
      const zone = `${s.floor !== null ? `${t('kiosk.floor', { n: s.floor })} · ` : ''}${s.zoneName ?? '–'}`;
      const person = { key: `s:${s.name}:${s.spaceCode}`, name: s.bhv ? `${s.name} (${t('emergency.bhv')})` : s.name, where: s.spaceCode, host: null };
      out.set(zone, [...(out.get(zone) ?? []), person]);
    }
    return [...out];
  };
  const guests = (e: EmergencyDto): Person[] => e.guests.map((g) => ({ key: `g:${g.id}`, name: g.name ?? '–', where: g.organisation ?? '–', host: g.hostName }));
  return (
    <section class="emergency">
      <Show when={list()} fallback={<p>{t('status.loading')}</p>}>
        {(e) => {
          const store = rollCallStore(location, e().at.slice(0, 10));
          const everyone = () => [...groups(e()).flatMap(([, p]) => p), ...guests(e())];
          const safeCount = () => everyone().filter((p) => store.safe().has(p.key)).length;
          const table = (caption: string, people: Person[], guestTable: boolean) => (
            <table class="emergency-table">
              <caption>{caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('emergency.name')}</th>
                  <th scope="col">{guestTable ? t('emergency.organisation') : t('emergency.where')}</th>
                  <Show when={guestTable}>
                    <th scope="col">{breakAfterSlash(t('reception.host'))}</th>
                  </Show>
                  <th scope="col">{t('emergency.present')}</th>
                </tr>
              </thead>
              <tbody>
                <For each={people}>
                  {(p) => (
                    <tr>
                      <td>{p.name}</td>
                      <td>{p.where}</td>
                      <Show when={guestTable}>
                        <td>{p.host}</td>
                      </Show>
                      <td class="tick">
                        <span aria-hidden="true">{store.safe().has(p.key) ? '☑' : '☐'}</span>
                        <span class="sr-only">{store.safe().has(p.key) ? t('emergency.safe') : t('emergency.missing')}</span>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          );
          const rollButton = (p: Person) => (
            <li>
              <button type="button" class="button roll-person" aria-pressed={store.safe().has(p.key)} onClick={() => store.toggle(p.key)}>
                <span aria-hidden="true">{store.safe().has(p.key) ? '✓' : '○'}</span>
                <span>
                  <strong>{p.name}</strong> · {p.where}
                  {p.host ? ` · ${t('reception.host')}: ${p.host}` : ''}
                </span>
                <span class="roll-state">{store.safe().has(p.key) ? t('emergency.safe') : t('emergency.missing')}</span>
              </button>
            </li>
          );
          return (
            <>
              <h1>{t('emergency.title', { location: e().location.name })}</h1>
              <p class="emergency-at">{t('emergency.at', { day: dayOf(e().at, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }), time: timeOf(e().at) })}</p>
              <Show when={!e().bhvPresent}>
                <p class="warning" role="alert">
                  <span aria-hidden="true">⚠ </span>
                  {t('emergency.noBhv')}
                </p>
              </Show>
              <p class="roll-count" role="status">
                {t('emergency.counted', { safe: safeCount(), total: everyone().length, missing: everyone().length - safeCount() })}
              </p>
              <div class="actions no-print">
                <button type="button" class="button primary" onClick={() => window.print()}>
                  {t('emergency.print')}
                </button>
                <button type="button" class="button" aria-pressed={rollCall()} onClick={() => setRollCall(!rollCall())}>
                  {rollCall() ? t('emergency.stopRollCall') : t('emergency.rollCall')}
                </button>
              </div>
              {/* The tables print also from the roll call: there they are for paper only. */}
              <div classList={{ 'print-only': rollCall() }}>
                    <h2>
                      {t('emergency.staff')} ({e().staff.length})
                    </h2>
                    {/* An empty section says so: on paper a heading with nothing under it reads as a missing page. */}
                    <For each={groups(e())} fallback={<p>{t('reception.none')}</p>}>
                      {([zone, people]) => table(zone, people, false)}
                    </For>
                    <h2>
                      {t('emergency.guests')} ({e().guests.length})
                    </h2>
                    <Show when={e().guests.length > 0} fallback={<p>{t('reception.none')}</p>}>
                      {table(t('emergency.guests'), guests(e()), true)}
                    </Show>
              </div>
              <Show when={rollCall()}>
                <div class="no-print" data-testid="roll-call">
                  <p class="muted">{t('emergency.rollCallHint')}</p>
                  <h2>
                    {t('emergency.staff')} ({e().staff.length})
                  </h2>
                  <For each={groups(e())}>
                    {([zone, people]) => (
                      <>
                        <h3 class="h3">{zone}</h3>
                        <ul class="plain roll-list">
                          <For each={people}>{rollButton}</For>
                        </ul>
                      </>
                    )}
                  </For>
                  <h2>
                    {t('emergency.guests')} ({e().guests.length})
                  </h2>
                  <ul class="plain roll-list">
                    <For each={guests(e())}>{rollButton}</For>
                  </ul>
                  <button type="button" class="button" onClick={() => confirm(t('emergency.resetConfirm')) && store.clear()}>
                    {t('emergency.reset')}
                  </button>
                </div>
              </Show>
            </>
          );
        }}
      </Show>
    </section>
  );
}
