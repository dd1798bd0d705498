import { Hono } from 'hono';
import { bhvBody, createLocationBody, dryRunQuery, spaceCsvBody, userLocationsBody, createSpaceBody, createUserBody, createZoneBody, idParam, locationIdParam, policyPatchBody } from '../../shared/schemas.js';
import { toIsoInZone } from '../../shared/time.js';
import type { Services } from '../app.deps.js';
import type { UserRecord } from '../auth/user.store.js';
import type { AppEnv } from '../http/context.js';
import { locationDto, spaceDto, zoneDto } from '../http/dto.js';
import { actorOf, clientAddress, requireRole } from '../http/middleware.js';
import type { RouteDoc } from '../http/openapi.js';
import { jsonBody, params, query } from '../http/validate.js';

export const adminDocs: RouteDoc[] = [
  { method: 'post', path: '/api/v1/admin/users', summary: 'Create a user with roles and teams', access: ['admin'], body: createUserBody, responses: { 201: 'the user', 409: 'email_taken' } },
  { method: 'post', path: '/api/v1/admin/users/:id/disable', summary: 'Disable a user; all their sessions end', access: ['admin'], responses: { 200: 'the user', 404: 'not_found' } },
  { method: 'post', path: '/api/v1/admin/users/:id/enable', summary: 'Enable a disabled user', access: ['admin'], responses: { 200: 'the user', 404: 'not_found' } },
  { method: 'put', path: '/api/v1/admin/users/:id/locations', summary: 'The locations whose reception a receptionist works at', access: ['admin'], body: userLocationsBody, responses: { 200: '{locationIds}', 404: 'not_found' } },
  { method: 'post', path: '/api/v1/admin/users/:id/bhv', summary: 'Mark a user as BHV-trained (first response) or not', access: ['admin'], body: bhvBody, responses: { 200: 'the user', 404: 'not_found' } },
  { method: 'post', path: '/api/v1/admin/locations', summary: 'Create a location', access: ['facility'], body: createLocationBody, responses: { 201: 'the location', 409: 'name_taken' } },
  { method: 'post', path: '/api/v1/admin/locations/:id/zones', summary: 'Create a zone', access: ['facility'], body: createZoneBody, responses: { 201: 'the zone', 404: 'not_found', 409: 'name_taken' } },
  { method: 'post', path: '/api/v1/admin/locations/:id/spaces', summary: 'Create a space; the answer carries its QR key', access: ['facility'], body: createSpaceBody, responses: { 201: 'the space with key', 404: 'not_found', 409: 'code_taken', 422: 'zone_not_in_location' } },
  { method: 'post', path: '/api/v1/admin/spaces/:id/rotate-key', summary: "Rotate a space's QR key: the old label stops working (reprint it)", access: ['facility'], responses: { 200: 'the space with its new key', 404: 'not_found' } },
  { method: 'post', path: '/api/v1/admin/spaces/:id/retire', summary: 'Retire a space: history kept, no new reservations, future bookings cancelled and their owners notified', access: ['facility'], responses: { 200: '{cancelled}', 404: 'not_found' } },
  { method: 'get', path: '/api/v1/admin/locations/:id/labels', summary: 'The label of every space: code, name and the URL its QR code carries', access: ['facility'], responses: { 200: '[{spaceId,code,name,kind,url}]', 404: 'not_found' } },
  { method: 'post', path: '/api/v1/admin/locations/:id/spaces/import', summary: 'Import spaces from CSV (code,name,kind,zone,capacity,features); ?dryRun=1 previews every row; with any bad row nothing is written', access: ['facility'], body: spaceCsvBody, query: dryRunQuery, responses: { 200: 'preview {valid,rows}', 201: '{created}', 400: 'invalid_input with details.rows' } },
  { method: 'get', path: '/api/v1/admin/locations/:id/spaces.csv', summary: 'Export the spaces of a location as CSV', access: ['facility'], responses: { 200: 'text/csv' } },
  { method: 'put', path: '/api/v1/admin/locations/:id/policy', summary: 'Merge a partial policy into the current one', access: ['facility'], body: policyPatchBody, responses: { 200: 'the location with its policy', 404: 'not_found', 422: 'invalid_policy' } },
];

const userDto = (u: UserRecord) => ({ id: u.id, email: u.email, name: u.name, roles: u.roles, teams: u.teams, disabled: u.disabled });

export function adminRoutes(s: Services) {
  const app = new Hono<AppEnv>();
  const origin = (c: Parameters<typeof clientAddress>[0]) => clientAddress(c, s.config.trustProxy);

  app.post('/users', requireRole('admin'), async (c) => {
    const body = await jsonBody(c, createUserBody);
    return c.json(userDto(await s.admin.createUser(actorOf(c), body, origin(c))), 201);
  });
  app.post('/users/:id/disable', requireRole('admin'), (c) =>
    c.json(userDto(s.admin.setUserDisabled(actorOf(c), params(c, idParam).id, true, origin(c)))),
  );
  app.post('/users/:id/enable', requireRole('admin'), (c) =>
    c.json(userDto(s.admin.setUserDisabled(actorOf(c), params(c, idParam).id, false, origin(c)))),
  );

  app.put('/users/:id/locations', requireRole('admin'), async (c) => {
    const { id } = params(c, idParam);
    const body = await jsonBody(c, userLocationsBody);
    return c.json({ locationIds: s.admin.setLocations(actorOf(c), id, body.locationIds, origin(c)) });
  });

  app.post('/users/:id/bhv', requireRole('admin'), async (c) => {
    const { id } = params(c, idParam);
    const body = await jsonBody(c, bhvBody);
    return c.json(userDto(s.admin.setBhv(actorOf(c), id, body.bhv, origin(c))));
  });

  app.use('/locations', requireRole('facility'));
  app.use('/locations/*', requireRole('facility'));
  app.post('/locations', async (c) => {
    const body = await jsonBody(c, createLocationBody);
    return c.json(locationDto(s.admin.createLocation(actorOf(c), body, origin(c))), 201);
  });
  app.post('/locations/:id/zones', async (c) => {
    const { id } = params(c, locationIdParam);
    const body = await jsonBody(c, createZoneBody);
    return c.json(zoneDto(s.admin.createZone(actorOf(c), id, body, origin(c))), 201);
  });
  app.post('/locations/:id/spaces', async (c) => {
    const { id } = params(c, locationIdParam);
    const body = await jsonBody(c, createSpaceBody);
    return c.json(spaceDto(s.admin.createSpace(actorOf(c), id, body, origin(c)), true), 201);
  });
  app.post('/spaces/:id/rotate-key', requireRole('facility'), (c) => c.json(spaceDto(s.admin.rotateKey(actorOf(c), params(c, idParam).id, origin(c)), true)));
  app.post('/spaces/:id/retire', requireRole('facility'), (c) => {
    const cancelled = s.reservations.retireSpace(params(c, idParam).id, `u:${actorOf(c).id}`, origin(c));
    for (const v of cancelled) {
      s.guests.notifyCancelled(v.reservation.userId, {
        reservationId: v.reservation.id,
        spaceCode: v.space.code,
        locationName: v.location.name,
        start: toIsoInZone(v.reservation.start, v.location.timezone),
        reason: 'space_retired',
        at: s.clock.now(),
      });
    }
    return c.json({ cancelled: cancelled.length });
  });
  app.get('/locations/:id/labels', (c) => {
    const { id } = params(c, locationIdParam);
    const base = s.config.publicUrl ?? new URL(c.req.url).origin;
    return c.json(s.catalogue.spaces(id).map((sp) => ({ spaceId: sp.id, code: sp.code, name: sp.name, kind: sp.kind, url: `${base}/s/${sp.code}?k=${encodeURIComponent(sp.key)}` })));
  });
  app.post('/locations/:id/spaces/import', async (c) => {
    const { id } = params(c, locationIdParam);
    const { dryRun } = query(c, dryRunQuery);
    const { csv } = await jsonBody(c, spaceCsvBody);
    if (dryRun === '1') return c.json(s.spaceCsv.preview(id, csv));
    return c.json(s.spaceCsv.import(actorOf(c), id, csv, origin(c)), 201);
  });
  app.get('/locations/:id/spaces.csv', (c) => {
    const { id } = params(c, locationIdParam);
    const body = s.spaceCsv.export(id);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="ruimtes-${id}.csv"`);
    return c.body(body);
  });
  app.put('/locations/:id/policy', async (c) => {
    const { id } = params(c, locationIdParam);
    const body = await jsonBody(c, policyPatchBody);
    return c.json(locationDto(s.admin.updatePolicy(actorOf(c), id, body, origin(c))));
  });
  return app;
}
