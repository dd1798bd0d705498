import { favouriteParams, favouritesSchema } from '../../shared/favourites.js';
import type { Services } from '../app.deps.js';
import { actorOf, requireSignIn } from '../http/middleware.js';
import { docsOf, mount, Resource } from '../http/resource.js';
import { params } from '../http/validate.js';
import { callerOf, write } from '../http/write.js';

/** /api/v1/me/favourites: the spaces I starred and "my usual". */
const favourites = new Resource<Services>('/me/favourites').use(requireSignIn);

favourites.get(
  '/',
  { summary: 'My starred spaces, and "my usual": the starred ones, then the ones I booked most in the last 8 weeks', access: 'signed-in', answer: favouritesSchema, responses: { 200: '{starred,usual}' } },
  (s) => (c) => c.json(s.favourites.mine(actorOf(c))),
);

favourites.put(
  '/:spaceId',
  { summary: 'Star a space', access: 'signed-in', params: favouriteParams, answer: favouritesSchema, responses: { 200: '{starred,usual}', 404: 'not_found' } },
  (s) => async (c) => {
    const { spaceId } = params(c, favouriteParams);
    return write(s, c, callerOf(c), { spaceId }, () => ({ status: 200, body: s.favourites.star(actorOf(c), spaceId) }));
  },
);

favourites.delete(
  '/:spaceId',
  { summary: 'Take the star off a space', access: 'signed-in', params: favouriteParams, answer: favouritesSchema, responses: { 200: '{starred,usual}' } },
  (s) => async (c) => {
    const { spaceId } = params(c, favouriteParams);
    return write(s, c, callerOf(c), { spaceId }, () => ({ status: 200, body: s.favourites.unstar(actorOf(c), spaceId) }));
  },
);

export const favouritesDocs = docsOf(favourites);

export const favouritesRoutes = (s: Services) => mount(s, favourites);
