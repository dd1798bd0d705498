import { addDaysToDate, localDate } from '../../shared/time.js';
import { apiUrls } from '../../shared/api-client.js';
import { createMemo, createSignal, For, lazy, Show, Suspense } from 'solid-js';
import type { ReservationDto } from '../../shared/api.js';
import type { OutboxEntry, Refusal } from '../../client/db.js';
import { dayOf, t, te, timeOf } from '../../client/i18n.js';
import { navigate } from '../router.js';
import { ChangeLink } from '../recurring-links.js';
import { colleagues, dismiss, locations, me, outbox, refusals, release, reservations, reserve, undo, type Outcome } from '../state.js';
import { bookedText, Link, NoticeBox, StateBadge, UpdatedAt, whenText, type Notice } from '../ui.js';

// Loaded after the first screen: most people have no team days to show.
const TeamDaysCard = lazy(() => import('./TeamDays.js').then((m) => ({ default: m.TeamDaysCard })));

/** A card on the home screen: a reservation the server knows, or one still in the outbox. */
interface Item {
  start: string;
  r?: ReservationDto;
  e?: OutboxEntry;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Home: my reservations by day, today first, with what can be done with each; what is over is
 * folded away under "Eerder". A cancel or check-out waits a few seconds on its card, with undo.
 */
export function Home() {
  const [notice, setNotice] = createSignal<Notice | null>(null);
  // What became of a cancel or check-out, shown on the card that was tapped (it stays in place).
  const [said, setSaid] = createSignal<Record<number, Notice>>({});
  const say = (id: number, n: Notice) => setSaid((m) => ({ ...m, [id]: n }));
  const locationName = (id: number) => locations()?.data.find((l) => l.id === id)?.name ?? '';
  const today = localDate(Date.now(), 'Europe/Amsterdam'); // the municipality's day, not UTC's
  const tomorrow = addDaysToDate(today, 1);

  const over = (r: ReservationDto) => r.state === 'completed' || r.state === 'cancelled' || Date.parse(r.end) <= Date.now();
  const shown = createMemo(() => (reservations()?.data ?? []).filter((r) => r.state !== 'cancelled' || said()[r.id]));
  const days = createMemo(() => {
    const items: Item[] = [
      ...outbox()
        .filter((e) => e.kind === 'reserve' && e.preview)
        .map((e) => ({ start: e.preview!.start, e })),
      ...shown()
        .filter((r) => !over(r) || said()[r.id])
        .map((r) => ({ start: r.start, r })),
    ].sort((a, b) => a.start.localeCompare(b.start));
    const byDay = new Map<string, Item[]>();
    for (const i of items) byDay.set(i.start.slice(0, 10), [...(byDay.get(i.start.slice(0, 10)) ?? []), i]);
    return [...byDay].map(([date, list]) => ({ date, list }));
  });
  const earlier = createMemo(() => shown().filter((r) => over(r) && !said()[r.id]).sort((a, b) => b.start.localeCompare(a.start)));
  const dayTitle = (date: string) => (date === today ? t('home.today') : date === tomorrow ? t('home.tomorrow') : capitalise(dayOf(date)));
  const colleaguesToday = createMemo(() =>
    (colleagues()?.data ?? []).flatMap((c) => c.places.filter((p) => p.start.slice(0, 10) === today).map((p) => ({ name: c.name, place: p }))),
  );

  const show = (o: Outcome, done: string, queued: string) => {
    if (o.kind === 'done') setNotice({ tone: 'ok', text: done });
    else if (o.kind === 'queued') setNotice({ tone: 'info', text: queued });
    else setNotice({ tone: 'error', text: te(o.refusal.code) });
  };

  const takeAlternative = async (refusal: Refusal) => {
    const alt = refusal.details!.alternative!;
    const body = { ...(refusal.entry.request.body as object), spaceId: alt.spaceId } as Parameters<typeof reserve>[0];
    const preview = { ...refusal.entry.preview!, spaceId: alt.spaceId, spaceName: alt.name };
    await dismiss(refusal);
    const o = await reserve(body, preview, alt.code);
    show(o, bookedText('reserve.done', alt.code, preview), bookedText('reserve.queued', alt.code, preview));
  };

  const card = (r: ReservationDto, withDay: boolean) => (
    <ReservationCard r={r} withDay={withDay} said={said()[r.id]} say={(n) => say(r.id, n)} locationName={locationName(r.locationId)} />
  );

  return (
    <section>
      <h1>{t('home.title')}</h1>
      <NoticeBox notice={notice()} />
      <For each={refusals()}>
        {(refusal) => (
          <article class="card refusal" aria-labelledby={`refusal-${refusal.id}`}>
            <h2 id={`refusal-${refusal.id}`} class="h3">
              <span aria-hidden="true">! </span>
              {t('refusal.title')}: {refusal.entry.spaceCode}
            </h2>
            <p>{te(refusal.code)}</p>
            {/* Another place only helps when this one was taken: a limit or a past time is not solved by one. */}
            <Show when={refusal.code === 'conflict' || refusal.code === 'spot_taken'}>
              <Show when={refusal.details?.alternative} fallback={<p>{t('refusal.noAlternative')}</p>}>
                <p>{t('refusal.alternative', { code: refusal.details!.alternative!.code, name: refusal.details!.alternative!.name })}</p>
              </Show>
            </Show>
            <div class="actions">
              <Show when={refusal.entry.kind === 'reserve' && refusal.details?.alternative}>
                <button type="button" class="button primary" onClick={() => takeAlternative(refusal)}>
                  {t('action.takeAlternative', { code: refusal.details!.alternative!.code })}
                </button>
              </Show>
              <button type="button" class="button" onClick={() => dismiss(refusal)}>
                {t('action.dismiss')}
              </button>
            </div>
          </article>
        )}
      </For>

      <For each={days()}>
        {(d) => (
          <>
            <h2 class="day-heading" id={`day-${d.date}`}>
              {dayTitle(d.date)}
              <Show when={d.date === today || d.date === tomorrow}>
                <span class="muted day-date"> {dayOf(d.date)}</span>
              </Show>
            </h2>
            <ul class="list" aria-labelledby={`day-${d.date}`}>
              <For each={d.list}>
                {(i) =>
                  i.r ? (
                    card(i.r, false)
                  ) : (
                    <li class="card reservation pending" data-testid={`reservation-${i.e!.spaceCode}`}>
                      <div class="row">
                        <strong>
                          {timeOf(i.e!.preview!.start)}–{timeOf(i.e!.preview!.end)} · {i.e!.spaceCode}
                        </strong>
                        <StateBadge state="pending" />
                      </div>
                      <p>
                        {i.e!.preview!.spaceName} · {locationName(i.e!.preview!.locationId)}
                      </p>
                    </li>
                  )
                }
              </For>
            </ul>
          </>
        )}
      </For>
      <Show when={days().length === 0}>
        <p>{t('home.empty')}</p>
      </Show>
      <p>
        <Link href="/reserveren" class="button primary">
          {t('home.reserveCta')}
        </Link>
      </p>
      <Show when={earlier().length > 0}>
        <details class="earlier">
          <summary>{t('home.earlier', { n: earlier().length })}</summary>
          <ul class="list">
            <For each={earlier()}>{(r) => card(r, true)}</For>
          </ul>
        </details>
      </Show>
      <UpdatedAt at={reservations()?.fetchedAt} />

      {/* Its own boundary: without it the whole home screen waits for this chunk (cold start offline). */}
      <Suspense>
        <TeamDaysCard />
      </Suspense>
      <h2>{t('home.colleaguesToday')}</h2>
      <Show when={colleaguesToday().length > 0} fallback={<p class="muted">{t('home.noColleagues')}</p>}>
        <ul class="plain">
          <For each={colleaguesToday()}>
            {(c) => (
              <li>
                {c.name}: {c.place.spaceCode} ({c.place.locationName}
                {c.place.zoneName ? `, ${c.place.zoneName}` : ''}) {timeOf(c.place.start)}–{timeOf(c.place.end)}
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={me() && !me()!.showPresence}>
        <p class="muted small">{t('colleagues.hidden')}</p>
      </Show>
    </section>
  );
}

/**
 * One reservation. Cancel and check-out are held a few seconds on the card, which says so and
 * offers undo; what became of it is said here too, where the person tapped.
 */
function ReservationCard(props: { r: ReservationDto; withDay: boolean; said?: Notice; say: (n: Notice) => void; locationName: string }) {
  const r = props.r;
  let releaseButton: HTMLButtonElement | undefined;
  const pendingHere = () => outbox().filter((e) => e.request.path.includes(`/reservations/${r.id}/`));
  const releasing = () => pendingHere().find((e) => e.kind === 'release');
  const open = () => Date.parse(r.checkInOpensAt) <= Date.now() && Date.now() < Date.parse(r.checkInClosesAt);
  const checkOut = r.state === 'checked_in';
  const words = () => ({ code: r.spaceCode, when: whenText(r.start, r.end, r.locationId) });

  const onRelease = async () => {
    const o = await release(r);
    if (o.kind === 'done') props.say({ tone: 'ok', text: t(checkOut ? 'home.checkedOut' : 'home.cancelled', words()) });
    else if (o.kind === 'queued') props.say({ tone: 'info', text: t(checkOut ? 'home.checkOutQueued' : 'home.cancelQueued', words()) });
    else if (o.kind === 'refused') props.say({ tone: 'error', text: `${t('refusal.title')}: ${te(o.refusal.code)}` });
  };
  const onUndo = async (e: OutboxEntry) => {
    const taken = await undo(e);
    props.say(taken ? { tone: 'ok', text: t(checkOut ? 'home.checkOutUndone' : 'home.cancelUndone', words()) } : { tone: 'error', text: t('home.tooLate') });
    releaseButton?.focus();
  };
  // While held: the words of the wait, or of the outcome so far (queued without network).
  const status = (): Notice | undefined =>
    releasing() ? (props.said?.tone === 'info' ? props.said : { tone: 'info', text: t(checkOut ? 'home.checkingOut' : 'home.cancelling', words()) }) : props.said;

  return (
    <li class="card reservation" classList={{ pending: pendingHere().length > 0 }} data-testid={`reservation-${r.spaceCode}`}>
      <div class="row">
        <strong>
          {props.withDay ? `${dayOf(r.start)} ` : ''}
          {timeOf(r.start)}–{timeOf(r.end)} · {r.spaceCode}
        </strong>
        <StateBadge state={pendingHere().length > 0 ? 'pending' : r.state} />
      </div>
      <p>
        {r.spaceName} · {props.locationName}
      </p>
      <Show when={r.state === 'no_show'}>
        <p class="notice notice-info">{t('noShow.message')}</p>
      </Show>
      <NoticeBox notice={status() ?? null} />
      <div class="actions">
        <Show when={releasing()}>
          {(e) => (
            // Takes the focus from the button it replaced, so a keyboard or screen reader stays on the card.
            <button type="button" class="button compact" ref={(el) => setTimeout(() => document.activeElement === document.body && el.focus())} onClick={() => onUndo(e())} aria-label={`${t('action.undo')} (${r.spaceCode})`}>
              {t('action.undo')}
            </button>
          )}
        </Show>
        <Show when={pendingHere().length === 0 && (r.state === 'booked' || r.state === 'checked_in')}>
          <Show when={r.state === 'booked' && open()}>
            <button type="button" class="button primary compact" onClick={() => navigate('/scannen')}>
              {t('action.checkIn')}
            </button>
          </Show>
          <button type="button" class="button compact" ref={releaseButton} onClick={onRelease} aria-label={`${t(checkOut ? 'action.checkOut' : 'action.cancel')} ${r.spaceCode}`}>
            {t(checkOut ? 'action.checkOut' : 'action.cancel')}
          </button>
          <ChangeLink r={r} />
          <a class="link-action" href={apiUrls.reservationIcs(r.id)} download="" aria-label={`${t('calendar.add')}: ${r.spaceCode} ${whenText(r.start, r.end, r.locationId)}`}>
            {t('calendar.add')}
          </a>
        </Show>
      </div>
    </li>
  );
}
