import { createSignal, onMount, Show } from 'solid-js';
import type { ReservationDto } from '../../shared/api.js';
import { t, te, timeOf } from '../../client/i18n.js';
import { url } from '../router.js';
import { checkIn, firstSync, online, outbox, reservations, spaceByCode, walkUp } from '../state.js';
import { Link, NoticeBox, type Notice } from '../ui.js';

/**
 * What a space label opens (/s/<code>?k=<key>): checks in my reservation here, or offers to
 * reserve the free space now and check in at once.
 */
export default function Space() {
  const code = decodeURIComponent(url().pathname.slice(3));
  const key = url().searchParams.get('k') ?? '';
  const [notice, setNotice] = createSignal<Notice | null>(null);
  const [offerWalkUp, setOfferWalkUp] = createSignal(false);
  const [name, setName] = createSignal<string | null>(null);

  onMount(async () => {
    // Decide on fresh data when the server can be reached; offline, on what the phone has.
    await Promise.race([firstSync, new Promise((r) => setTimeout(r, 5000))]);
    setName((await spaceByCode(code))?.space.name ?? null);
    const now = Date.now();
    const mine = (reservations()?.data ?? []).filter(
      (r: ReservationDto) => r.spaceCode === code && (r.state === 'booked' || r.state === 'checked_in') && Date.parse(r.end) > now,
    );
    const current = mine.find((r) => r.state === 'checked_in') ?? mine.find((r) => Date.parse(r.checkInOpensAt) <= now && now < Date.parse(r.checkInClosesAt));
    if (current?.state === 'checked_in') return setNotice({ tone: 'ok', text: t('checkIn.done', { code }) });
    // A typed code (from the scanner) carries no key: only the label's QR proves being here.
    if (current && !key) return setNotice({ tone: 'info', text: t('space.typedNeedsQr', { code }) });
    if (current) return report(await checkIn({ id: current.id }, key, code));
    const upcoming = mine.find((r) => now < Date.parse(r.checkInOpensAt));
    if (upcoming) return setNotice({ tone: 'info', text: t('checkIn.opensAt', { time: timeOf(upcoming.checkInOpensAt) }) });
    // A reservation made offline for this space, not yet known to the server.
    const queued = outbox().find((e) => e.kind === 'reserve' && e.spaceCode === code && e.tempId && Date.parse(e.preview!.end) > now);
    if (queued && !key) return setNotice({ tone: 'info', text: t('space.typedNeedsQr', { code }) });
    if (queued) return report(await checkIn({ tempId: queued.tempId! }, key, code));
    setNotice({ tone: 'info', text: key ? t('space.noReservation') : t('space.typedNoReservation', { code }) });
    setOfferWalkUp(key !== '');
  });

  const report = (o: Awaited<ReturnType<typeof checkIn>>) => {
    if (o.kind === 'done') setNotice({ tone: 'ok', text: t('checkIn.done', { code }) });
    else if (o.kind === 'queued') setNotice({ tone: 'info', text: t('checkIn.queued', { code }) });
    else setNotice({ tone: 'error', text: te(o.refusal.code) });
  };

  const takeNow = async () => {
    const res = await walkUp(code, key);
    if (res.ok) {
      setOfferWalkUp(false);
      setNotice({ tone: 'ok', text: t('space.walkUpDone', { code, time: timeOf(res.data.end) }) });
    } else setNotice({ tone: 'error', text: res.code === 'network' ? t('space.needsNetwork') : te(res.code) });
  };

  return (
    <section>
      <h1>{t('space.title', { code })}</h1>
      <Show when={name()}>
        <p>{name()}</p>
      </Show>
      <NoticeBox notice={notice()} />
      <Show when={offerWalkUp()}>
        <Show when={online()} fallback={<p>{t('space.needsNetwork')}</p>}>
          <button type="button" class="button primary big" onClick={takeNow}>
            {t('space.walkUp')}
          </button>
        </Show>
      </Show>
      <p>
        <Link href="/">{t('nav.home')}</Link>
      </p>
    </section>
  );
}
