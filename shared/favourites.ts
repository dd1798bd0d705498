/**
 * A person's favourite spaces: the ones they starred, and "my usual" (starred first, then the
 * ones they booked most in the last weeks). Schemas here serve both the routes' OpenAPI entries
 * and the app's types.
 */
import { z } from 'zod';

const id = z.number().int().positive();

/** How far back "booked most" looks. */
export const USUAL_WEEKS = 8;
/** How many spaces "my usual" names at most. */
export const USUAL_MAX = 10;

export const favouritesSchema = z
  .object({
    /** Starred spaces, the latest first. */
    starred: z.array(id),
    /** "My usual": the starred ones, then the most booked in the last USUAL_WEEKS weeks, at most USUAL_MAX. */
    usual: z.array(id),
  })
  .meta({ id: 'Favourites' });

export type FavouritesDto = z.infer<typeof favouritesSchema>;

export const favouriteParams = z.strictObject({ spaceId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
