import { createSignal, onMount, Show } from 'solid-js';
import type { LocationDto, ReservationDto, SpaceDto } from '../../shared/api.js';
import type { ErrorCode } from '../../shared/errors.js';
import { slotRefusal, walkUpInterval } from '../../shared/rules.js';
import { localTime, toIsoInZone } from '../../shared/time.js';
import { t, te, timeOf } from '../../client/i18n.js';
import { closedTitle, opensWhen } from '../../client/closed.js';
import { url } from '../router.js';
import { api, checkIn, firstSync, online, outbox, release, reservations, spaceByCode, walkUp } from '../state.js';
import { Link, NoticeBox, type Notice } from '../ui.js';
import { loadFavourites, StarButton } from '../favourites.js';

/** The refusals that mean the location is closed now. */
const CLOSED = new Set<ErrorCode | 'network'>(['location_closed', 'closed_day', 'holiday_closed', 'outside_opening_hours']);

/** A wish that fits the place: a working day at a desk, a good meeting in a room. */
function wish(kind: SpaceDto['kind'] | undefined): string {
  if (kind === 'desk') return ` ${t('space.wishDesk')}`;
  if (kind === 'meeting' || kind === 'multi') return ` ${t('space.wishMeeting')}`;
  return '';
}

/**
 * What a space label opens (/s/<code>?k=<key>): checks in my reservation here (and shows until
 * when, with check-out), or offers to reserve the free space now and check in at once, only
 * when the location is open for it. Whatever cannot be done is said with the next step.
 */
export default function Space() {
  const code = decodeURIComponent(url().pathname.slice(3));
  const key = url().searchParams.get('k') ?? '';
  const [notice, setNotice] = createSignal<Notice | null>(null);
  /** The walk-up on offer: until when it would run. */
  const [offerUntil, setOfferUntil] = createSignal<string | null>(null);
  /** Nothing can be done here now: offer to reserve for another time. */
  const [offerLater, setOfferLater] = createSignal(false);
  const [found, setFound] = createSignal<{ space: SpaceDto; location: LocationDto } | null>(null);
  /** My reservation here that I am checked in on: its end and check-out. */
  const [checkedIn, setCheckedIn] = createSignal<ReservationDto | null>(null);

  const doneText = (r: ReservationDto) => t('space.checkedInUntil', { code, time: timeOf(r.end) }) + wish(found()?.space.kind);

  /**
   * When the server says the location is closed now, say so as the kiosk at the entrance does,
   * with when it opens next (the server knows the holidays and the next opening day); false
   * while it is open or cannot be asked.
   */
  const sayClosed = async (location: LocationDto) => {
    const res = await api.locationClosed(location.id);
    if (!res.ok || !res.data.closed) return false;
    const closed = res.data.closed;
    const now = toIsoInZone(Date.now(), location.timezone);
    setOfferUntil(null);
    setOfferLater(true);
    const opens = closed.opensAt ? ` ${opensWhen(closed.opensAt, now)}` : '';
    setNotice({ tone: 'info', text: `${t('space.noReservation')} ${closedTitle(closed, now)}.${opens}` });
    return true;
  };

  /** A refusal in plain words, and what to do instead. */
  const refused = async (c: ErrorCode | 'network') => {
    setOfferUntil(null);
    if (c === 'network') return setNotice({ tone: 'error', text: t('space.needsNetwork') });
    // Refused as closed (the phone's rules know no holidays): closed today, and when it opens.
    const here = found();
    if (here && CLOSED.has(c) && (await sayClosed(here.location))) return;
    // A key that does not fit: the label was replaced (a new key was printed), not "your place".
    if (c === 'wrong_key') {
      setOfferLater(true);
      return setNotice({ tone: 'error', text: t('space.oldLabel', { code }) });
    }
    setOfferLater(true);
    setNotice({ tone: 'error', text: `${te(c)} ${t('space.reserveLater', { code })}` });
  };

  onMount(async () => {
    void loadFavourites();
    // Decide on fresh data when the server can be reached; offline, on what the phone has.
    await Promise.race([firstSync, new Promise((r) => setTimeout(r, 5000))]);
    const here = (await spaceByCode(code)) ?? null;
    setFound(here);
    const now = Date.now();
    const mine = (reservations()?.data ?? []).filter(
      (r: ReservationDto) => r.spaceCode === code && (r.state === 'booked' || r.state === 'checked_in') && Date.parse(r.end) > now,
    );
    const current = mine.find((r) => r.state === 'checked_in') ?? mine.find((r) => Date.parse(r.checkInOpensAt) <= now && now < Date.parse(r.checkInClosesAt));
    if (current?.state === 'checked_in') {
      setCheckedIn(current);
      return setNotice({ tone: 'ok', text: doneText(current) });
    }
    // A typed code (from the scanner) carries no key: only the label's QR proves being here.
    if (current && !key) return setNotice({ tone: 'info', text: t('space.typedNeedsQr', { code }) });
    if (current) return report(await checkIn({ id: current.id }, key, code));
    const upcoming = mine.find((r) => now < Date.parse(r.checkInOpensAt));
    if (upcoming) return setNotice({ tone: 'info', text: t('checkIn.opensAt', { time: timeOf(upcoming.checkInOpensAt) }) });
    // A reservation made offline for this space, not yet known to the server.
    const queued = outbox().find((e) => e.kind === 'reserve' && e.spaceCode === code && e.tempId && Date.parse(e.preview!.end) > now);
    if (queued && !key) return setNotice({ tone: 'info', text: t('space.typedNeedsQr', { code }) });
    if (queued) return report(await checkIn({ tempId: queued.tempId! }, key, code));
    // No such space (a mistyped code, a label of a space taken out of use): nothing to reserve.
    if (!here) {
      setOfferLater(true);
      return setNotice({ tone: 'error', text: t('space.unknownCode', { code }) });
    }
    if (!key) return setNotice({ tone: 'info', text: t('space.typedNoReservation', { code }) });
    if (online() && (await sayClosed(here.location))) return;
    // Offer "now" only when the location takes it now, by the rules the server applies (offline: the phone's copy of them).
    const { policy, timezone } = here.location;
    const interval = walkUpInterval(here.space.kind, policy, timezone, now);
    if (!interval || slotRefusal(interval, policy, timezone, false)) {
      setOfferLater(true);
      return setNotice({ tone: 'info', text: t('space.closedNow', { location: here.location.name, code }) });
    }
    setNotice({ tone: 'info', text: t('space.noReservation') });
    setOfferUntil(localTime(interval.end, timezone));
  });

  const report = (o: Awaited<ReturnType<typeof checkIn>>) => {
    if (o.kind === 'done') {
      setCheckedIn(o.reservation);
      setNotice({ tone: 'ok', text: doneText(o.reservation) });
    } else if (o.kind === 'queued') setNotice({ tone: 'info', text: t('checkIn.queued', { code }) });
    else void refused(o.refusal.code as ErrorCode);
  };

  const takeNow = async () => {
    const res = await walkUp(code, key);
    if (!res.ok) return refused(res.code as ErrorCode | 'network');
    setOfferUntil(null);
    setCheckedIn(res.data);
    setNotice({ tone: 'ok', text: t('space.walkUpDone', { code, time: timeOf(res.data.end) }) + wish(found()?.space.kind) });
  };

  const checkOut = async () => {
    const r = checkedIn()!;
    setNotice({ tone: 'info', text: t('space.checkingOut', { code }) });
    const o = await release(r);
    if (o.kind === 'refused') return setNotice({ tone: 'error', text: te(o.refusal.code) });
    setCheckedIn(null);
    setNotice({ tone: 'ok', text: t('space.checkedOut', { code }) });
  };

  return (
    <section>
      <h1>{t('space.title', { code })}</h1>
      <Show when={found()}>
        <p class="row">
          {found()!.space.name}
          <StarButton spaceId={found()!.space.id} code={code} />
        </p>
      </Show>
      <NoticeBox notice={notice()} />
      <Show when={offerUntil()}>
        <Show when={online()} fallback={<p>{t('space.needsNetwork')}</p>}>
          <button type="button" class="button primary big" onClick={takeNow}>
            {t('space.walkUpUntil', { time: offerUntil()! })}
          </button>
        </Show>
      </Show>
      <Show when={checkedIn()}>
        <button type="button" class="button big" onClick={checkOut}>
          {t('action.checkOut')}
        </button>
      </Show>
      <Show when={offerLater()}>
        <p>
          <Link href="/reserveren" class="button">
            {t('space.toReserve')}
          </Link>
        </p>
      </Show>
      <p>
        <Link href="/">{t('nav.home')}</Link>
      </p>
    </section>
  );
}
