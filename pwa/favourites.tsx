import { createSignal, createUniqueId, Show } from 'solid-js';
import type { FavouritesDto } from '../shared/favourites.js';
import type { RawRequest } from '../shared/api-client.js';
import { putCached, type Cached, type OutboxEntry } from '../client/db.js';
import { networkFirst } from '../client/network-first.js';
import { enqueueAndFlush, pending } from '../client/outbox.js';
import { t } from '../client/i18n.js';
import { api, askForBackgroundSync, dismiss, me, outbox, refreshOutbox } from './state.js';

/**
 * The person's starred spaces and "my usual", shared by the reservation screen and the label
 * page. Kept in the app's cache per person (a shared phone shows nobody else's stars), so the
 * order and the stars hold offline too. A star set offline waits in the outbox like a booking.
 */
const [stored, setStored] = createSignal<Cached<FavouritesDto> | null>(null);

const keyOf = () => `favourites:${me()?.id ?? 0}`;
const PATH = '/api/v1/me/favourites/';

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

/**
 * Fetches the favourites (or reads the stored copy when the server cannot be reached). Stars
 * still waiting are put on the stored copy too: once they are sent it is right as it stands,
 * and a reload offline shows them.
 */
export async function loadFavourites(): Promise<void> {
  const got = await networkFirst(keyOf(), () => api.send<FavouritesDto>({ method: 'GET', path: '/api/v1/me/favourites' }));
  if (!got) return;
  const queued = (await pending()).filter((e) => isStarEntry(e));
  setStored(queued.length > 0 ? await putCached(keyOf(), withQueued(got.data, queued), got.fetchedAt) : got);
}

export const starred = (spaceId: number) => favourites()?.data.starred.includes(spaceId) ?? false;

/**
 * A star on a space's card: pressed when starred. A tap shows the new state at once and goes
 * through the outbox: offline it waits there (and says so beside the star) until the network
 * is back, and the stored copy already has it, so a reload offline still shows it.
 */
export function StarButton(props: { spaceId: number; code: string }) {
  const [error, setError] = createSignal(false);
  const hintId = createUniqueId();
  const on = () => starred(props.spaceId);
  const waiting = () => outbox().some((e) => isStarEntry(e, props.spaceId));
  const toggle = async () => {
    setError(false);
    const starring = !on();
    const before = stored();
    if (before) setStored(await putCached(keyOf(), withStar(before.data, props.spaceId, starring), before.fetchedAt));
    const request: RawRequest = { method: starring ? 'PUT' : 'DELETE', path: PATH + props.spaceId };
    const { entry, report } = await enqueueAndFlush({ kind: 'favourite', request, spaceCode: props.code }, () => void refreshOutbox());
    await refreshOutbox();
    const sent = report.sent.find((s) => s.entry.key === entry.key);
    if (sent?.result.ok) return setStored(await putCached(keyOf(), sent.result.data as unknown as FavouritesDto));
    const refused = report.refused.find((r) => r.entry.key === entry.key);
    if (refused) {
      // Said here, where it was tapped; the star goes back to what the server has.
      await dismiss(refused);
      setError(true);
      return void (await loadFavourites());
    }
    // Queued: the service worker may send it even if the app is closed before the network is back.
    await askForBackgroundSync();
  };
  return (
    <>
      <button type="button" class="star" aria-pressed={on()} aria-describedby={waiting() ? hintId : undefined} onClick={toggle} data-testid={`star-${props.code}`}>
        <span aria-hidden="true">{on() ? '★' : '☆'}</span>
        <span class="sr-only">{t('fav.star', { code: props.code })}</span>
      </button>
      <Show when={waiting()}>
        <span id={hintId} role="status" class="small star-pending">
          {t('fav.pending')}
        </span>
      </Show>
      <Show when={error()}>
        <span role="status" class="small">
          {t('fav.failed')}
        </span>
      </Show>
    </>
  );
}
