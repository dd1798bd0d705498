/** Small shared pieces of the app's screens. */
import { createSignal, For, Show, startTransition, type JSX } from 'solid-js';
import { dayParts, type ReservationState } from '../shared/types.js';
import type { NotificationDto } from '../shared/api-client.js';
import { clock, dayOf, t, timeOf } from '../client/i18n.js';
import { localDate } from '../shared/time.js';
import { locations, me } from './state.js';
import { linkClick, url } from './router.js';
import { Field } from '../client/field.js';

/** Status by text and a shape, never by colour alone. */
const stateShape: Record<ReservationState | 'pending', string> = {
  booked: '◷',
  checked_in: '✓',
  completed: '■',
  cancelled: '✕',
  no_show: '!',
  pending: '⇅',
};

export function StateBadge(props: { state: ReservationState | 'pending' }) {
  return (
    <span class={`badge badge-${props.state}`}>
      <span aria-hidden="true" class="badge-shape">
        {stateShape[props.state]}
      </span>{' '}
      {t(`state.${props.state}`)}
    </span>
  );
}

export function Link(props: { href: string; class?: string; children: JSX.Element; current?: boolean }) {
  return (
    <a href={props.href} class={props.class} onClick={linkClick} aria-current={props.current ? 'page' : undefined}>
      {props.children}
    </a>
  );
}

export function UpdatedAt(props: { at: number | undefined }) {
  return (
    <Show when={props.at}>
      <p class="muted small">{t('status.updatedAt', { time: clock(props.at!) })}</p>
    </Show>
  );
}

export interface Notice {
  tone: 'ok' | 'info' | 'error';
  text: string;
}

export function NoticeBox(props: { notice: Notice | null }) {
  return (
    <div role="status" aria-live="polite" class="notice-region">
      <Show when={props.notice}>
        <p class={`notice notice-${props.notice!.tone}`}>
          <span aria-hidden="true">{props.notice!.tone === 'ok' ? '✓ ' : props.notice!.tone === 'error' ? '! ' : 'ℹ '}</span>
          {props.notice!.text}
        </p>
      </Show>
    </div>
  );
}

export function Chips(props: { items: string[] }) {
  return (
    <ul class="chips">
      <For each={props.items}>{(i) => <li>{i}</li>}</For>
    </ul>
  );
}

/**
 * When, in words: "do 3 dec. ochtend" for one of the location's day-parts (with its hours when
 * `hours`), else "do 3 dec. 10:00–11:00". Start and end carry the location's offset.
 */
export function whenText(start: string, end: string, locationId: number, hours = false): string {
  const parts = locations()?.data.find((l) => l.id === locationId)?.policy.dayParts;
  const [from, to] = [timeOf(start), timeOf(end)];
  const part = parts && start.slice(0, 10) === end.slice(0, 10) ? dayParts.find((p) => parts[p].start === from && parts[p].end === to) : undefined;
  const range = `${from}–${to}`;
  return `${dayOf(start)} ${part ? `${t(`part.${part}`).toLowerCase()}${hours ? ` (${range})` : ''}` : range}`;
}

/** A reservation made or queued, saying what, where and when. */
export function bookedText(key: 'reserve.done' | 'reserve.queued', code: string, p: { spaceName: string; locationId: number; start: string; end: string }): string {
  const location = locations()?.data.find((l) => l.id === p.locationId)?.name ?? '';
  return t(key, { code, name: p.spaceName, location, when: whenText(p.start, p.end, p.locationId, true) });
}

/** A notification as one sentence. */
export function notificationText(n: NotificationDto): string {
  if (n.kind === 'guest_arrived') {
    // When they arrived, in the phone's own time; "Vandaag" is left out, an older one names its day.
    const at = Date.parse(n.at);
    const time = new Date(at).toDateString() === new Date().toDateString() ? clock(at) : `${dayOf(localDate(at, Intl.DateTimeFormat().resolvedOptions().timeZone))} ${clock(at)}`;
    const vars = { time, name: n.name, location: n.locationName };
    return n.organisation ? t('notify.guestArrivedFrom', { ...vars, organisation: n.organisation }) : t('notify.guestArrivedAt', vars);
  }
  return t('notify.cancelled', { code: n.spaceCode, location: n.locationName, day: dayOf(n.start), time: timeOf(n.start) });
}

/**
 * The location a screen is about: the one chosen, else the first, once the list has loaded
 * (it may still be loading when the screen opens).
 */
export function createLocationChoice(initial: number | null = null) {
  const [chosen, setChosen] = createSignal<number | null>(initial);
  const locationId = () => chosen() ?? locations()?.data[0]?.id ?? 0;
  return [locationId, setChosen] as const;
}

export function LocationSelect(props: { value: number; onChange: (id: number) => void; name?: string }) {
  return (
    <Field label={t('reserve.location')}>
      <select name={props.name} value={props.value} onChange={(e) => props.onChange(Number(e.currentTarget.value))}>
        <For each={locations()?.data ?? []}>{(l) => <option value={l.id} selected={l.id === props.value}>{l.name}</option>}</For>
      </select>
    </Field>
  );
}

const manageLinks = [
  { href: '/beheer', key: 'nav.occupancy', roles: ['facility'] },
  { href: '/beheer/gebouwen', key: 'nav.buildings', roles: ['facility'] },
  { href: '/beheer/plattegronden', key: 'nav.plans', roles: ['facility'] },
  { href: '/beheer/labels', key: 'nav.labels', roles: ['facility'] },
  { href: '/beheer/kiosks', key: 'nav.kiosks', roles: ['admin'] },
  { href: '/beheer/gebruikers', key: 'nav.users', roles: ['admin'] },
  { href: '/beheer/audit', key: 'nav.audit', roles: ['admin'] },
] as const;

/** The management screens a person's roles open (admin opens all). */
export function ManageNav() {
  const mayOpen = (roles: readonly string[]) => me()?.roles.some((r) => r === 'admin' || roles.includes(r)) ?? false;
  return (
    <nav aria-label={t('nav.manage')} class="subnav">
      <For each={manageLinks.filter((l) => mayOpen(l.roles))}>
        {(l) => (
          <Link href={l.href} current={url().pathname === l.href}>
            {t(l.key)}
          </Link>
        )}
      </For>
    </nav>
  );
}

/**
 * A page's data fetched again while its screen stays as it is. A plain `refetch()` under the
 * app's Suspense shows the loading line until the answer is there, taking the lists, a form
 * being filled, the focus and the feedback beside the tapped button off the screen; in a
 * transition Solid keeps them until the new data is in. A new source (another location) still
 * shows the loading line: the old location's rows must not stay there to be tapped.
 */
export function refreshing(refetch: () => unknown): () => Promise<void> {
  return () => startTransition(() => void refetch());
}
