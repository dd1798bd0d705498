import { createEffect, createSignal, createUniqueId, on as whenChanged, onCleanup } from 'solid-js';
import type { FavouritesDto } from '../shared/favourites.js';
import type { RawRequest } from '../shared/api-client.js';
import { putCached, type Cached, type OutboxEntry } from '../client/db.js';
import { networkFirst } from '../client/network-first.js';
import { enqueueAndFlush, pending, refusals } from '../client/outbox.js';
import { t } from '../client/i18n.js';
import { api, askForBackgroundSync, dismiss, me, online, outbox, refreshOutbox } from './state.js';

/**
 * The person's starred spaces and "my usual", shared by the reservation screen and the label
 * page. Kept in the app's cache per person (a shared phone shows nobody else's stars), so the
 * order and the stars hold offline too. A star set offline waits in the outbox like a booking.
 */
const [stored, setStored] = createSignal<Cached<FavouritesDto> | null>(null);
/**
 * "My usual" as it stood when the list was opened: the list is sorted by this, not by the live
 * stars, so a starred row stays under the finger (the next tap would hit another row) and goes
 * up only when the person comes back or reloads.
 */
const [order, setOrder] = createSignal<number[]>([]);
/** Counts taps, so an answer that comes in after one does not reorder the list under it. */
let taps = 0;

const keyOf = () => `favourites:${me()?.id ?? 0}`;
const PATH = '/api/v1/me/favourites/';
/** How long "Opgeslagen" stays on the row once the server has a star. */
const SAVED_MS = 5_000;

const isStarEntry = (e: OutboxEntry, spaceId?: number) => e.kind === 'favourite' && (spaceId === undefined || e.request.path === PATH + spaceId);

/** A star put on (latest first, as the server lists them) or taken off `spaceId`. */
function withStar(f: FavouritesDto, spaceId: number, on: boolean): FavouritesDto {
  const others = (ids: number[]) => ids.filter((id) => id !== spaceId);
  // "My usual" starts with the stars; an unstarred space may still be booked often, which the server knows next time.
  return on ? { starred: [spaceId, ...others(f.starred)], usual: [spaceId, ...others(f.usual)] } : { starred: others(f.starred), usual: others(f.usual) };
}

/** The stars still in the outbox applied in order: what the person chose last, sent or not. */
const withQueued = (f: FavouritesDto, entries: OutboxEntry[]) =>
  entries.filter((e) => isStarEntry(e)).reduce((g, e) => withStar(g, Number(e.request.path.slice(PATH.length)), e.request.method === 'PUT'), f);

export function favourites(): Cached<FavouritesDto> | null {
  const s = stored();
  return s && { ...s, data: withQueued(s.data, outbox()) };
}

/** Where "my usual" puts a space in the list as opened (Infinity: not among them). */
export function usualRank(spaceId: number): number {
  const i = order().indexOf(spaceId);
  return i < 0 ? Infinity : i;
}

/**
 * Opens the list: sorts it by the favourites as they stand now, then fetches them (or reads the
 * stored copy when the server cannot be reached) and sorts by those, unless a star was tapped
 * meanwhile.
 */
export async function loadFavourites(): Promise<void> {
  setOrder(favourites()?.data.usual ?? []);
  const before = taps;
  await reload();
  if (taps === before) setOrder(favourites()?.data.usual ?? []);
}

/**
 * Stars still waiting are put on the stored copy too: once they are sent it is right as it
 * stands, and a reload offline shows them.
 */
async function reload(): Promise<void> {
  const got = await networkFirst(keyOf(), () => api.send<FavouritesDto>({ method: 'GET', path: '/api/v1/me/favourites' }));
  if (!got) return;
  const queued = (await pending()).filter((e) => isStarEntry(e));
  setStored(queued.length > 0 ? await putCached(keyOf(), withQueued(got.data, queued), got.fetchedAt) : got);
}

export const starred = (spaceId: number) => favourites()?.data.starred.includes(spaceId) ?? false;
/** In "my usual" now (starred or booked often), as the row's label says. */
export const usual = (spaceId: number) => favourites()?.data.usual.includes(spaceId) ?? false;

/**
 * A star on a space's card: pressed when starred. A tap shows the new state at once and goes
 * through the outbox: offline it waits there (and says so beside the star) until the network
 * is back, and the stored copy already has it, so a reload offline still shows it. Once the
 * server has it the row says "Opgeslagen" for a moment, also when it was sent later by the
 * app's own sync or the service worker: the markers then do not just vanish.
 */
export function StarButton(props: { spaceId: number; code: string }) {
  const [error, setError] = createSignal(false);
  const [saved, setSaved] = createSignal(false);
  /** This tap's request is on its way (online, it is never in the outbox signal while it goes). */
  const [sending, setSending] = createSignal(false);
  const hintId = createUniqueId();
  const on = () => starred(props.spaceId);
  const queued = () => outbox().filter((e) => isStarEntry(e, props.spaceId));
  const waiting = () => sending() || queued().length > 0;
  let savedTimer: ReturnType<typeof setTimeout> | undefined;
  const confirm = () => {
    setSaved(true);
    clearTimeout(savedTimer);
    savedTimer = setTimeout(() => setSaved(false), SAVED_MS);
  };
  onCleanup(() => clearTimeout(savedTimer));
  // Entries of this row that left the outbox were sent, unless they are among the refusals.
  createEffect(
    whenChanged(queued, (now, before) => {
      const gone = (before ?? []).filter((e) => !now.some((n) => n.key === e.key));
      if (gone.length === 0 || now.length > 0) return;
      void refusals().then((refused) => {
        if (!gone.some((e) => refused.some((r) => r.entry.key === e.key))) return confirm();
        // Refused when sent later: said on the row too, and the star goes back to what the server has.
        setError(true);
        void reload();
      });
    }),
  );
  const toggle = async () => {
    taps++;
    setError(false);
    setSaved(false);
    const starring = !on();
    const before = stored();
    if (before) setStored(await putCached(keyOf(), withStar(before.data, props.spaceId, starring), before.fetchedAt));
    const request: RawRequest = { method: starring ? 'PUT' : 'DELETE', path: PATH + props.spaceId };
    setSending(true);
    const { entry, report } = await enqueueAndFlush({ kind: 'favourite', request, spaceCode: props.code }, () => void refreshOutbox())
      .then(async (done) => (await refreshOutbox(), done))
      .finally(() => setSending(false));
    const sent = report.sent.find((s) => s.entry.key === entry.key);
    if (sent?.result.ok) {
      setStored(await putCached(keyOf(), sent.result.data as unknown as FavouritesDto));
      return confirm();
    }
    const refused = report.refused.find((r) => r.entry.key === entry.key);
    if (refused) {
      // Said here, where it was tapped; the star goes back to what the server has.
      await dismiss(refused);
      setError(true);
      return void (await reload());
    }
    // Queued: the service worker may send it even if the app is closed before the network is back.
    await askForBackgroundSync();
  };
  /** One line beside the star: waiting (for the network, or being sent), saved, or not saved. */
  const note = () => (waiting() ? t(online() ? 'fav.sending' : 'fav.waiting') : error() ? t('fav.failed') : saved() ? t('fav.saved') : '');
  return (
    <>
      <button type="button" class="star" aria-pressed={on()} aria-describedby={waiting() ? hintId : undefined} onClick={toggle} data-testid={`star-${props.code}`}>
        <span aria-hidden="true">{on() ? '★' : '☆'}</span>
        <span class="sr-only">{t('fav.star', { code: props.code })}</span>
      </button>
      {/* Always there, so screen readers hear each change of it (politely) where the star was tapped. */}
      <span id={hintId} role="status" aria-live="polite" class="small star-note" classList={{ 'star-pending': waiting(), 'star-saved': !waiting() && saved() }}>
        {note()}
      </span>
    </>
  );
}
