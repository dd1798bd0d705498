import { Hono } from 'hono';
import type { AvailabilityDto, DayBusynessDto } from '../../shared/api.js';
import { availabilityQuery, idParam, locationIdParam, plansQuery, weekQuery } from '../../shared/schemas.js';
import { addDaysToDate, localDate, toIsoInZone } from '../../shared/time.js';
import type { Services } from '../app.deps.js';
import type { AppEnv } from '../http/context.js';
import { locationDto, planDto, spaceDto, zoneDto } from '../http/dto.js';
import { locationHolidays, locationHolidaysOf } from '../holidays.js';
import { actorOf, hasRole, requireSignIn, requireViewer, requireViewerOf } from '../http/middleware.js';
import type { RouteDoc } from '../http/openapi.js';
import { params, query } from '../http/validate.js';

export const catalogueDocs: RouteDoc[] = [
  { method: 'get', path: '/api/v1/locations', summary: 'Locations with their policy', access: 'signed-in', responses: { 200: 'the locations' } },
  { method: 'get', path: '/api/v1/locations/:id', summary: 'One location', access: 'signed-in', responses: { 200: 'the location', 404: 'not_found' } },
  { method: 'get', path: '/api/v1/locations/:id/zones', summary: 'Zones of a location', access: 'signed-in', responses: { 200: 'the zones', 404: 'not_found' } },
  { method: 'get', path: '/api/v1/locations/:id/spaces', summary: 'Bookable spaces of a location (QR keys only for facility and admin)', access: 'signed-in', responses: { 200: 'the spaces', 404: 'not_found' } },
  { method: 'get', path: '/api/v1/locations/:id/week', summary: 'Expected desk busyness for 7 days from `from` (default today): people with a desk against desks; the public holiday\'s name and whether the location is closed then', access: 'signed-in', query: weekQuery, responses: { 200: '[{date,reserved,desks,expected,cap,overCap,holiday,closed}]', 404: 'not_found' } },
  { method: 'get', path: '/api/v1/plans', summary: 'Floor plans of a location (also for a kiosk of that location); spaces carry their place on them', access: 'signed-in', query: plansQuery, responses: { 200: 'the plans', 404: 'not_found' } },
  { method: 'get', path: '/api/v1/plans/:id/image', summary: 'The image of a floor plan', access: 'signed-in', responses: { 200: 'image/png, image/jpeg or image/webp', 404: 'not_found' } },
  { method: 'get', path: '/api/v1/availability', summary: 'Which bookable spaces are free for the whole window and which are held, by id (details come from /locations/:id/spaces): {locationId,from,to,free:[spaceId],busy:[{spaceId,ranges:[[startMs,endMs,state]]}]}, start and end in ms since the epoch (also for a kiosk of that location)', access: 'signed-in', query: availabilityQuery, responses: { 200: 'availability', 404: 'not_found', 422: 'invalid_interval' } },
];

export function catalogueRoutes(s: Services) {
  const app = new Hono<AppEnv>();
  // Scoped to these paths: the sub-app is mounted at the API root beside public routes.
  for (const path of ['/locations', '/locations/*']) app.use(path, requireSignIn);

  app.get('/locations', (c) => c.json(s.catalogue.locations().map(locationDto)));
  app.get('/locations/:id', (c) => c.json(locationDto(s.catalogue.location(params(c, locationIdParam).id))));
  app.get('/locations/:id/zones', (c) => c.json(s.catalogue.zones(params(c, locationIdParam).id).map(zoneDto)));
  app.get('/locations/:id/spaces', (c) => {
    const withKey = hasRole(actorOf(c), 'facility');
    return c.json(s.catalogue.spaces(params(c, locationIdParam).id).map((sp) => spaceDto(sp, withKey)));
  });

  app.get('/locations/:id/week', (c) => {
    const { id } = params(c, locationIdParam);
    const location = s.catalogue.location(id);
    const from = query(c, weekQuery).from ?? localDate(s.clock.now(), location.timezone);
    const holidays = new Map(locationHolidays(location, from, addDaysToDate(from, 6)).map((h) => [h.date, h]));
    const days: DayBusynessDto[] = s.reservations.week(id, from).map((day) => {
      const holiday = holidays.get(day.date);
      return { ...day, holiday: holiday?.name ?? null, closed: holiday?.closed ?? false };
    });
    return c.json(days);
  });

  app.get('/plans', (c) => {
    requireViewer(c);
    const { location } = query(c, plansQuery);
    requireViewerOf(c, location);
    return c.json(s.catalogue.plans(location).map(planDto));
  });
  app.get('/plans/:id/image', (c) => {
    requireViewer(c);
    const plan = s.catalogue.plan(params(c, idParam).id);
    requireViewerOf(c, plan.locationId);
    const { mime, image } = s.catalogue.planImage(plan.id);
    c.header('Content-Type', mime);
    // Private, but the same for every viewer until replaced: a plan gets a new id when replaced.
    c.header('Cache-Control', 'private, max-age=86400, immutable');
    return c.body(new Uint8Array(image));
  });

  app.get('/availability', (c) => {
    requireViewer(c);
    const q = query(c, availabilityQuery);
    requireViewerOf(c, q.location);
    const v = s.reservations.availability(q.location, Date.parse(q.from), Date.parse(q.to));
    const tz = v.location.timezone;
    // Ids and instants only: the screens hold the catalogue already, and a busy day at a large
    // location would otherwise repeat a code and two zoned timestamps per range (250 KB).
    const body: AvailabilityDto = {
      locationId: v.location.id,
      from: toIsoInZone(v.from, tz),
      to: toIsoInZone(v.to, tz),
      free: v.spaces.filter(({ busy }) => busy.length === 0).map(({ space }) => space.id),
      busy: v.spaces.filter(({ busy }) => busy.length > 0).map(({ space, busy }) => ({ spaceId: space.id, ranges: busy.map((b) => [b.start, b.end, b.state]) })),
      holidays: locationHolidaysOf(v.location, { start: v.from, end: v.to }),
    };
    return c.json(body);
  });
  return app;
}
