import { localDate } from '../../shared/time.js';
import { apiUrls } from '../../shared/api-client.js';
import { createMemo, createSignal, For, lazy, Show, Suspense } from 'solid-js';
import type { ReservationDto } from '../../shared/api.js';
import type { Refusal } from '../../client/db.js';
import { dayOf, t, te, timeOf } from '../../client/i18n.js';
import { navigate } from '../router.js';
import { ChangeLink } from '../recurring-links.js';
import { colleagues, dismiss, locations, me, outbox, refusals, release, reservations, reserve, type Outcome } from '../state.js';
import { Link, NoticeBox, StateBadge, UpdatedAt, type Notice } from '../ui.js';

// Loaded after the first screen: most people have no team days to show.
const TeamDaysCard = lazy(() => import('./Team.js').then((m) => ({ default: m.TeamDaysCard })));

/** Home: my reservations of today and later, with what can be done with each. */
export function Home() {
  const [notice, setNotice] = createSignal<Notice | null>(null);
  const now = () => Date.now();
  const locationName = (id: number) => locations()?.data.find((l) => l.id === id)?.name ?? '';

  const mine = createMemo(() =>
    (reservations()?.data ?? [])
      .filter((r) => Date.parse(r.end) > now() - 6 * 3_600_000 && r.state !== 'cancelled')
      .sort((a, b) => a.start.localeCompare(b.start)),
  );
  const pendingReservations = createMemo(() => outbox().filter((e) => e.kind === 'reserve' && e.preview));
  const pendingFor = (r: ReservationDto) => outbox().some((e) => e.request.path.includes(`/reservations/${r.id}/`));
  const today = localDate(Date.now(), 'Europe/Amsterdam'); // the municipality's day, not UTC's
  const colleaguesToday = createMemo(() =>
    (colleagues()?.data ?? []).flatMap((c) => c.places.filter((p) => p.start.slice(0, 10) === today).map((p) => ({ name: c.name, place: p }))),
  );

  const show = (o: Outcome, done: string, queued: string) => {
    if (o.kind === 'done') setNotice({ tone: 'ok', text: done });
    else if (o.kind === 'queued') setNotice({ tone: 'info', text: queued });
    else setNotice({ tone: 'error', text: te(o.refusal.code) });
  };

  const onRelease = async (r: ReservationDto) => {
    const o = await release(r);
    show(o, `${r.spaceCode}: ${t(r.state === 'checked_in' ? 'action.checkOut' : 'action.cancel')} ✓`, t('status.pendingCount', { n: outbox().length }));
  };

  const takeAlternative = async (refusal: Refusal) => {
    const alt = refusal.details!.alternative!;
    const body = { ...(refusal.entry.request.body as object), spaceId: alt.spaceId } as Parameters<typeof reserve>[0];
    const preview = { ...refusal.entry.preview!, spaceId: alt.spaceId, spaceName: alt.name };
    await dismiss(refusal);
    const o = await reserve(body, preview, alt.code);
    show(o, t('reserve.done', { code: alt.code }), t('reserve.queued', { code: alt.code }));
  };

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
            <Show when={refusal.entry.kind === 'reserve' || refusal.code === 'spot_taken'}>
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

      <ul class="list" aria-label={t('home.title')}>
        <For each={pendingReservations()}>
          {(e) => (
            <li class="card reservation pending">
              <div class="row">
                <strong>{e.spaceCode}</strong>
                <StateBadge state="pending" />
              </div>
              <p>
                {e.preview!.spaceName} · {locationName(e.preview!.locationId)}
              </p>
              <p>
                {dayOf(e.preview!.start)} {timeOf(e.preview!.start)}–{timeOf(e.preview!.end)}
              </p>
            </li>
          )}
        </For>
        <For each={mine()}>
          {(r) => {
            const open = () => Date.parse(r.checkInOpensAt) <= now() && now() < Date.parse(r.checkInClosesAt);
            return (
              <li class="card reservation" data-testid={`reservation-${r.spaceCode}`}>
                <div class="row">
                  <strong>{r.spaceCode}</strong>
                  <StateBadge state={pendingFor(r) ? 'pending' : r.state} />
                </div>
                <p>
                  {r.spaceName} · {locationName(r.locationId)}
                </p>
                <p>
                  {dayOf(r.start)} {timeOf(r.start)}–{timeOf(r.end)}
                </p>
                <Show when={r.state === 'no_show'}>
                  <p class="notice notice-info">{t('noShow.message')}</p>
                </Show>
                <Show when={!pendingFor(r)}>
                  <div class="actions">
                    <Show when={r.state === 'booked' && open()}>
                      <button type="button" class="button primary" onClick={() => navigate('/scannen')}>
                        {t('action.checkIn')}
                      </button>
                    </Show>
                    <Show when={r.state === 'booked'}>
                      <button type="button" class="button" onClick={() => onRelease(r)} aria-label={`${t('action.cancel')} ${r.spaceCode}`}>
                        {t('action.cancel')}
                      </button>
                    </Show>
                    <Show when={r.state === 'checked_in'}>
                      <button type="button" class="button" onClick={() => onRelease(r)} aria-label={`${t('action.checkOut')} ${r.spaceCode}`}>
                        {t('action.checkOut')}
                      </button>
                    </Show>
                    <ChangeLink r={r} />
                    <Show when={r.state === 'booked' || r.state === 'checked_in'}>
                      <a class="button" href={apiUrls.reservationIcs(r.id)} download="">
                        {t('calendar.add', { code: r.spaceCode })}
                      </a>
                    </Show>
                  </div>
                </Show>
              </li>
            );
          }}
        </For>
      </ul>
      <Show when={mine().length === 0 && pendingReservations().length === 0}>
        <p>{t('home.empty')}</p>
      </Show>
      <p>
        <Link href="/reserveren" class="button primary">
          {t('home.reserveCta')}
        </Link>
      </p>
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
