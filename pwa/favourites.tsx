import { createSignal, Show } from 'solid-js';
import type { FavouritesDto } from '../shared/favourites.js';
import { putCached, type Cached } from '../client/db.js';
import { networkFirst } from '../client/network-first.js';
import { t } from '../client/i18n.js';
import { api, me, online } from './state.js';

/**
 * The person's starred spaces and "my usual", shared by the reservation screen and the label
 * page. Kept in the app's cache per person (a shared phone shows nobody else's stars), so the
 * order and the stars hold offline too.
 */
const [favourites, setFavourites] = createSignal<Cached<FavouritesDto> | null>(null);
export { favourites };

const keyOf = () => `favourites:${me()?.id ?? 0}`;

/** Fetches the favourites (or reads the stored copy when the server cannot be reached). */
export async function loadFavourites(): Promise<void> {
  const got = await networkFirst(keyOf(), () => api.send<FavouritesDto>({ method: 'GET', path: '/api/v1/me/favourites' }));
  if (got) setFavourites(got);
}

export const starred = (spaceId: number) => favourites()?.data.starred.includes(spaceId) ?? false;

/**
 * A star on a space's card: pressed when starred. Needs the network (a star is a setting, not a
 * booking worth queueing); offline it is shown but cannot be changed, and says so.
 */
export function StarButton(props: { spaceId: number; code: string }) {
  const [error, setError] = createSignal(false);
  const on = () => starred(props.spaceId);
  const toggle = async () => {
    setError(false);
    const res = await api.send<FavouritesDto>({
      method: on() ? 'DELETE' : 'PUT',
      path: `/api/v1/me/favourites/${props.spaceId}`,
      idempotencyKey: crypto.randomUUID(),
    });
    if (res.ok) setFavourites(await putCached(keyOf(), res.data));
    else setError(true);
  };
  return (
    <>
      <button type="button" class="star" aria-pressed={on()} disabled={!online()} onClick={toggle} data-testid={`star-${props.code}`}>
        <span aria-hidden="true">{on() ? '★' : '☆'}</span>
        <span class="sr-only">{t('fav.star', { code: props.code })}</span>
      </button>
      <Show when={error()}>
        <span role="status" class="small">
          {t('fav.failed')}
        </span>
      </Show>
    </>
  );
}
