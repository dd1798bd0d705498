import { DomainError } from '../../shared/errors.js';
import { USUAL_MAX, USUAL_WEEKS, type FavouritesDto } from '../../shared/favourites.js';
import type { CatalogueStore } from '../catalogue/catalogue.store.js';
import type { Clock } from '../clock.js';
import type { Actor } from '../domain.js';
import type { FavouritesStore } from './favourites.store.js';

interface Deps {
  favourites: FavouritesStore;
  catalogue: CatalogueStore;
  clock: Clock;
}

const WEEK = 7 * 24 * 3600_000;

/** Starred spaces and "my usual". */
export function createFavouritesService(d: Deps) {
  const mine = (actor: Actor): FavouritesDto => {
    const starred = d.favourites.starred(actor.id);
    const now = d.clock.now();
    // Bookings to come count too: a desk booked every Monday is usual before the Monday comes.
    const booked = d.favourites.mostBooked(actor.id, now - USUAL_WEEKS * WEEK, now + USUAL_WEEKS * WEEK, USUAL_MAX);
    const usual = [...new Set([...starred, ...booked])].slice(0, Math.max(USUAL_MAX, starred.length));
    return { starred, usual };
  };
  const bookable = (spaceId: number) => {
    const space = d.catalogue.space(spaceId);
    if (!space || !space.active) throw new DomainError('not_found', 'no such space');
  };
  return {
    mine,
    star(actor: Actor, spaceId: number): FavouritesDto {
      bookable(spaceId);
      d.favourites.add(actor.id, spaceId, d.clock.now());
      return mine(actor);
    },
    /** Unstarring a space that was not starred (or no longer exists) is no error: the star is off. */
    unstar(actor: Actor, spaceId: number): FavouritesDto {
      d.favourites.remove(actor.id, spaceId);
      return mine(actor);
    },
  };
}

export type FavouritesService = ReturnType<typeof createFavouritesService>;
