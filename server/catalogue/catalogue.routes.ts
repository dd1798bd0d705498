import { availabilitySchema, closedSchema, dayBusynessSchema, floorPlanSchema, list, locationSchema, spaceSchema, zoneSchema } from '../../shared/answers.js';
import type { AvailabilityDto, DayBusynessDto } from '../../shared/api.js';
import { availabilityQuery, idParam, locationIdParam, plansQuery, weekQuery } from '../../shared/schemas.js';
import { addDaysToDate, localDate, toIsoInZone } from '../../shared/time.js';
import { openOn } from '../../shared/rules.js';
import type { Services } from '../app.deps.js';
import { closedDto, locationDto, planDto, spaceDto, zoneDto } from '../http/dto.js';
import { closedAt, locationHolidays, locationHolidaysOf } from '../holidays.js';
import { z } from 'zod';
import { actorOf, hasRole, requireSignIn, requireViewer, requireViewerOf } from '../http/middleware.js';
import { docsOf, mount, Resource } from '../http/resource.js';
import { params, query } from '../http/validate.js';

/** /api/v1/locations: the catalogue of locations, zones and spaces, and a location's week. */
const locations = new Resource<Services>('/locations').use(requireSignIn);

locations.get('/', { summary: 'Locations with their policy', access: 'signed-in', answer: list(locationSchema), responses: { 200: 'the locations' } }, (s) => (c) => c.json(s.catalogue.locations().map(locationDto)));

locations.get(
  '/:id',
  { summary: 'One location', access: 'signed-in', answer: locationSchema, responses: { 200: 'the location', 404: 'not_found' } },
  (s) => (c) => c.json(locationDto(s.catalogue.location(params(c, locationIdParam).id))),
);

locations.get(
  '/:id/zones',
  { summary: 'Zones of a location', access: 'signed-in', answer: list(zoneSchema), responses: { 200: 'the zones', 404: 'not_found' } },
  (s) => (c) => c.json(s.catalogue.zones(params(c, locationIdParam).id).map(zoneDto)),
);

locations.get(
  '/:id/spaces',
  { summary: 'Bookable spaces of a location (QR keys only for facility and admin)', access: 'signed-in', answer: list(spaceSchema), responses: { 200: 'the spaces', 404: 'not_found' } },
  (s) => (c) => {
    const withKey = hasRole(actorOf(c), 'facility');
    return c.json(s.catalogue.spaces(params(c, locationIdParam).id).map((sp) => spaceDto(sp, withKey)));
  },
);

locations.get(
  '/:id/week',
  { summary: 'Expected desk busyness for 7 days from `from` (default today): people with a desk against desks; the public holiday\'s name and whether the location is closed then', access: 'signed-in', query: weekQuery, answer: list(dayBusynessSchema), responses: { 200: '[{date,reserved,desks,expected,cap,overCap,holiday,closed}]', 404: 'not_found' } },
  (s) => (c) => {
    const { id } = params(c, locationIdParam);
    const location = s.catalogue.location(id);
    const from = query(c, weekQuery).from ?? localDate(s.clock.now(), location.timezone);
    const holidays = new Map(locationHolidays(location, from, addDaysToDate(from, 6)).map((h) => [h.date, h]));
    const days: DayBusynessDto[] = s.reservations.week(id, from).map((day) => {
      const holiday = holidays.get(day.date);
      return { ...day, holiday: holiday?.name ?? null, closed: (holiday?.closed ?? false) || !openOn(day.date, location.policy) };
    });
    return c.json(days);
  },
);

const closedNowSchema = z.object({ closed: closedSchema.describe('Null while the location is open; else why it is closed now and when it opens next') }).meta({ id: 'LocationClosed' });

locations.get(
  '/:id/closed',
  { summary: 'Whether the location is closed now (outside its hours, a day it does not open, a public holiday it closes on) and when it opens next, as the kiosk board says it: for a phone at a space label', access: 'signed-in', answer: closedNowSchema, responses: { 200: '{closed: null | {reason,holiday,opensAt}}', 404: 'not_found' } },
  (s) => (c) => {
    const location = s.catalogue.location(params(c, locationIdParam).id);
    return c.json({ closed: closedDto(closedAt(location, s.clock.now()), location.timezone) });
  },
);

/** /api/v1/plans: floor plans, for staff and for a kiosk of the plan's location. */
const plans = new Resource<Services>('/plans');

plans.get(
  '/',
  { summary: 'Floor plans of a location (also for a kiosk of that location); spaces carry their place on them', access: 'signed-in', kiosk: true, query: plansQuery, answer: list(floorPlanSchema), responses: { 200: 'the plans', 404: 'not_found' } },
  (s) => (c) => {
    requireViewer(c);
    const { location } = query(c, plansQuery);
    requireViewerOf(c, location);
    return c.json(s.catalogue.plans(location).map(planDto));
  },
);

plans.get(
  '/:id/image',
  { summary: 'The image of a floor plan', access: 'signed-in', kiosk: true, produces: ['image/png', 'image/jpeg', 'image/webp'], responses: { 200: 'image/png, image/jpeg or image/webp', 404: 'not_found' } },
  (s) => (c) => {
    requireViewer(c);
    const plan = s.catalogue.plan(params(c, idParam).id);
    requireViewerOf(c, plan.locationId);
    const { mime, image } = s.catalogue.planImage(plan.id);
    c.header('Content-Type', mime);
    // Private, but the same for every viewer until replaced: a plan gets a new id when replaced.
    c.header('Cache-Control', 'private, max-age=86400, immutable');
    return c.body(new Uint8Array(image));
  },
);

/** /api/v1/availability: which spaces are free when, for the app's map and the kiosk. */
const availability = new Resource<Services>('/availability');

availability.get(
  '/',
  { summary: 'Which bookable spaces are free for the whole window and which are held, by id (details come from /locations/:id/spaces): {locationId,from,to,free:[spaceId],busy:[{spaceId,ranges:[[startMs,endMs,state]]}]}, start and end in ms since the epoch (also for a kiosk of that location)', access: 'signed-in', kiosk: true, query: availabilityQuery, answer: availabilitySchema, responses: { 200: 'availability', 404: 'not_found', 422: 'invalid_interval' } },
  (s) => (c) => {
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
  },
);

export const catalogueDocs = docsOf(locations, plans, availability);

export const catalogueRoutes = (s: Services) => mount(s, locations, plans, availability);
