import { cancelledCount, csvImportSchema, csvPreviewSchema, deletedAnswer, floorPlanSchema, list, locationSchema, locationIdsAnswer, spaceSchema, spaceLabelSchema, userSchema, userPageSchema, zoneSchema } from '../../shared/answers.js';
import { hashPassword } from '../auth/password.js';
import { sha256 } from '../security.js';
import { callerOf, write } from '../http/write.js';
import { DomainError } from '../../shared/errors.js';
import {
  bhvBody,
  createLocationBody,
  createSpaceBody,
  createUserBody,
  createZoneBody,
  dryRunQuery,
  idParam,
  langQuery,
  locationIdParam,
  placeSpaceBody,
  planUploadBody,
  policyPatchBody,
  spaceCsvBody,
  updateLocationBody,
  updateSpaceBody,
  updateUserBody,
  updateZoneBody,
  userLocationsBody,
  usersQuery,
} from '../../shared/schemas.js';
import { toIsoInZone } from '../../shared/time.js';
import type { Services } from '../app.deps.js';
import type { UserRecord } from '../domain.js';
import type { AppContext } from '../http/context.js';
import { locationDto, planDto, spaceDto, zoneDto } from '../http/dto.js';
import { actorOf, clientAddress, requireRole } from '../http/middleware.js';
import { docsOf, mount, Resource } from '../http/resource.js';
import { linkBase } from '../http/origin.js';
import { jsonBody, params, query } from '../http/validate.js';
import { auditPageSchema } from '../../shared/answers.js';
import { auditQuery } from '../../shared/schemas.js';
import { DEFAULT_TIMEZONE } from './admin.service.js';

const userDto = (u: UserRecord) => ({ id: u.id, email: u.email, name: u.name, roles: u.roles, teams: u.teams, disabled: u.disabled, bhv: u.bhv });

/** The image bytes of a data URL, when they really are the PNG, JPEG or WebP it claims to be. */
function planImage(dataUrl: string): { mime: string; image: Buffer } {
  const [head, base64] = dataUrl.split(',', 2) as [string, string];
  const mime = head.slice('data:'.length, head.indexOf(';'));
  const image = Buffer.from(base64, 'base64');
  const magic: Record<string, (b: Buffer) => boolean> = {
    'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
    'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
    'image/webp': (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  };
  if (!magic[mime]?.(image)) throw new DomainError('unsupported_media_type', 'the image is not the PNG, JPEG or WebP it claims to be');
  return { mime, image };
}

const origin = (s: Services, c: AppContext) => clientAddress(c, s.config.trustProxy);

/** Retires spaces one by one (each cancels its bookings) and tells every owner. */
function retire(s: Services, spaceIds: number[], c: AppContext): number {
  let count = 0;
  for (const spaceId of spaceIds) {
    const cancelled = s.reservations.retireSpace(spaceId, `u:${actorOf(c).id}`, origin(s, c));
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
    count += cancelled.length;
  }
  return count;
}

// The module is mounted at /api/v1/admin (server/app.ts); each resource below that.

/** /api/v1/admin/users: people, their roles, teams and reception locations. */
const users = new Resource<Services>('/users', '/admin').use(requireRole('admin'));

users.post(
  '/',
  { summary: 'Create a user with roles and teams', access: ['admin'], body: createUserBody, answer: userSchema, responses: { 201: 'the user', 409: 'email_taken' } },
  (s) => async (c) => {
    const body = await jsonBody(c, createUserBody);
    const { password, ...rest } = body;
    // Hashing is slow and async: it happens before the unit of work, which may not await (a
    // replay hashes again and gets the first answer). The key's request leaves the password
    // out, so no fast hash of it is stored; the e-mail address is checked inside.
    const hash = await hashPassword(password);
    const actor = actorOf(c);
    return write(s, c, callerOf(c), rest, () => ({ status: 201, body: userDto(s.admin.createUserWithHash(actor, rest, hash, origin(s, c))) }));
  },
);

users.get(
  '/',
  { summary: 'People by name or e-mail, optionally with one role, 50 a page, with roles, teams, reception locations and last sign-in', access: ['admin'], query: usersQuery, answer: userPageSchema, responses: { 200: '{users,total,page,pageSize}' } },
  (s) => (c) => {
    const { q, page, role } = query(c, usersQuery);
    const found = s.admin.listUsers(q ?? '', page ?? 1, role ?? null);
    // In the organisation's zone, like the audit log, so the screen shows the local day and time.
    const signedIn = (ms: number | null) => (ms === null ? null : toIsoInZone(ms, DEFAULT_TIMEZONE));
    return c.json({ ...found, users: found.users.map((u) => ({ ...userDto(u), locationIds: u.locationIds, lastSignInAt: signedIn(u.lastSignInAt) })) });
  },
);

users.patch(
  '/:id',
  { summary: "Change a person's name, roles or teams (teams by name)", access: ['admin'], body: updateUserBody, answer: userSchema, responses: { 200: 'the user', 404: 'not_found', 409: 'last_admin' } },
  (s) => async (c) => {
    const { id } = params(c, idParam);
    const body = await jsonBody(c, updateUserBody);
    return write(s, c, callerOf(c), { id, body }, () => ({ status: 200, body: userDto(s.admin.updateUser(actorOf(c), id, body, origin(s, c))) }));
  },
);

for (const [action, disabled, doc] of [
  ['disable', true, { summary: 'Disable a user; all their sessions end', access: ['admin'], answer: userSchema, responses: { 200: 'the user', 404: 'not_found', 409: 'last_admin' } }],
  ['enable', false, { summary: 'Enable a disabled user', access: ['admin'], answer: userSchema, responses: { 200: 'the user', 404: 'not_found' } }],
] as [string, boolean, Parameters<typeof users.post>[1]][]) {
  users.post(`/:id/${action}`, doc, (s) => (c) => {
    const { id } = params(c, idParam);
    return write(s, c, callerOf(c), { id }, () => ({ status: 200, body: userDto(s.admin.setUserDisabled(actorOf(c), id, disabled, origin(s, c))) }));
  });
}

users.put(
  '/:id/locations',
  { summary: 'The locations whose reception a receptionist works at', access: ['admin'], body: userLocationsBody, answer: locationIdsAnswer, responses: { 200: '{locationIds}', 404: 'not_found' } },
  (s) => async (c) => {
    const { id } = params(c, idParam);
    const body = await jsonBody(c, userLocationsBody);
    return write(s, c, callerOf(c), { id, body }, () => ({ status: 200, body: { locationIds: s.admin.setLocations(actorOf(c), id, body.locationIds, origin(s, c)) } }));
  },
);

users.post(
  '/:id/bhv',
  { summary: 'Mark a user as BHV-trained (first response) or not', access: ['admin'], body: bhvBody, answer: userSchema, responses: { 200: 'the user', 404: 'not_found' } },
  (s) => async (c) => {
    const { id } = params(c, idParam);
    const body = await jsonBody(c, bhvBody);
    return write(s, c, callerOf(c), { id, body }, () => ({ status: 200, body: userDto(s.admin.setBhv(actorOf(c), id, body.bhv, origin(s, c))) }));
  },
);

/** /api/v1/admin/locations: buildings, with their zones, spaces, plans, labels and policy. */
const locations = new Resource<Services>('/locations', '/admin').use(requireRole('facility'));

locations.post(
  '/',
  { summary: 'Create a location', access: ['facility'], body: createLocationBody, answer: locationSchema, responses: { 201: 'the location', 409: 'name_taken' } },
  (s) => async (c) => {
    const body = await jsonBody(c, createLocationBody);
    return write(s, c, callerOf(c), body, () => ({ status: 201, body: locationDto(s.admin.createLocation(actorOf(c), body, origin(s, c))) }));
  },
);

locations.post(
  '/:id/zones',
  { summary: 'Create a zone', access: ['facility'], body: createZoneBody, answer: zoneSchema, responses: { 201: 'the zone', 404: 'not_found', 409: 'name_taken' } },
  (s) => async (c) => {
    const { id } = params(c, locationIdParam);
    const body = await jsonBody(c, createZoneBody);
    return write(s, c, callerOf(c), { id, body }, () => ({ status: 201, body: zoneDto(s.admin.createZone(actorOf(c), id, body, origin(s, c))) }));
  },
);

locations.post(
  '/:id/spaces',
  { summary: 'Create a space; the answer carries its QR key', access: ['facility'], body: createSpaceBody, answer: spaceSchema, responses: { 201: 'the space with key', 404: 'not_found', 409: 'code_taken', 422: 'zone_not_in_location' } },
  (s) => async (c) => {
    const { id } = params(c, locationIdParam);
    const body = await jsonBody(c, createSpaceBody);
    return write(s, c, callerOf(c), { id, body }, () => ({ status: 201, body: spaceDto(s.admin.createSpace(actorOf(c), id, body, origin(s, c)), true) }));
  },
);

locations.patch(
  '/:id',
  { summary: 'Rename a location or change its kind', access: ['facility'], body: updateLocationBody, answer: locationSchema, responses: { 200: 'the location', 404: 'not_found', 409: 'name_taken' } },
  (s) => async (c) => {
    const { id } = params(c, locationIdParam);
    const body = await jsonBody(c, updateLocationBody);
    return write(s, c, callerOf(c), { id, body }, () => ({ status: 200, body: locationDto(s.admin.updateLocation(actorOf(c), id, body, origin(s, c))) }));
  },
);

locations.post(
  '/:id/retire',
  { summary: 'Retire a location with all its spaces; future bookings cancelled and their owners notified', access: ['facility'], answer: cancelledCount, responses: { 200: '{cancelled}', 404: 'not_found' } },
  (s) => (c) => {
    const { id } = params(c, locationIdParam);
    return write(s, c, callerOf(c), { id }, () => {
      s.catalogue.location(id);
      const cancelled = retire(s, s.catalogue.spaceIdsOfLocation(id), c);
      s.admin.retireLocation(actorOf(c), id, origin(s, c));
      return { status: 200, body: { cancelled } };
    });
  },
);

locations.post(
  '/:id/plans',
  { summary: 'Upload a floor plan image (PNG, JPEG or WebP data URL, at most 2 MB) for a floor or zone', access: ['facility'], body: planUploadBody, answer: floorPlanSchema, responses: { 201: 'the plan', 404: 'not_found', 415: 'unsupported_media_type' } },
  (s) => async (c) => {
    const { id } = params(c, locationIdParam);
    const { image, ...rest } = await jsonBody(c, planUploadBody);
    // The large body: decoded and checked before the unit of work; the key's request is its
    // hash, so the megabytes are hashed once and never held in the transaction's input.
    const plan = { ...rest, ...planImage(image) };
    return write(s, c, callerOf(c), { id, ...rest, image: sha256(image) }, () => ({ status: 201, body: planDto(s.admin.addPlan(actorOf(c), id, plan, origin(s, c))) }));
  },
);

locations.get(
  '/:id/labels',
  { summary: 'The label of every space: code, name and the URL its QR code carries', access: ['facility'], answer: list(spaceLabelSchema), responses: { 200: '[{spaceId,code,name,kind,url}]', 404: 'not_found' } },
  (s) => (c) => {
    const { id } = params(c, locationIdParam);
    const base = linkBase(c, s.config);
    return c.json(s.catalogue.spaces(id).map((sp) => ({ spaceId: sp.id, code: sp.code, name: sp.name, kind: sp.kind, url: `${base}/s/${sp.code}?k=${encodeURIComponent(sp.key)}` })));
  },
);

locations.post(
  '/:id/spaces/import',
  { summary: 'Import spaces from CSV (code,naam,soort,zone,capaciteit,kenmerken or code,name,kind,zone,capacity,features; ; or , ; UTF-8 or Windows-1252 when sent as file in base64); a known code updates that space; ?dryRun=1 previews every row as new, changed, unchanged or error with reasons; with any bad row nothing is written', access: ['facility'], body: spaceCsvBody, query: dryRunQuery, answer: { 200: csvPreviewSchema, 201: csvImportSchema }, responses: { 200: 'preview {valid,encoding,delimiter,counts,rows:[{line,code,status,reasons}]}', 201: '{created,updated,unchanged}', 400: 'invalid_input with details.rows, csv_unreadable, csv_columns_missing', 413: 'csv_too_large (256 kB)' } },
  (s) => async (c) => {
    const { id } = params(c, locationIdParam);
    const { dryRun } = query(c, dryRunQuery);
    const body = await jsonBody(c, spaceCsvBody);
    const input = body.file !== undefined ? { file: Buffer.from(body.file, 'base64') } : { csv: body.csv! };
    // A preview is a read and may be repeated freely; the import is one unit of work (all rows
    // or none), keyed by the CSV's hash rather than its text.
    if (dryRun === '1') return c.json(s.spaceCsv.preview(id, input));
    return write(s, c, callerOf(c), { id, csv: sha256(body.file ?? body.csv!) }, () => ({ status: 201, body: s.spaceCsv.import(actorOf(c), id, input, origin(s, c)) }));
  },
);

locations.get(
  '/:id/spaces.csv',
  { summary: 'Export the spaces of a location as CSV for Dutch Excel (UTF-8 with BOM, ;, CRLF), in Dutch or with ?lang=en in English', access: ['facility'], query: langQuery, produces: 'text/csv', responses: { 200: 'text/csv' } },
  (s) => (c) => {
    const { id } = params(c, locationIdParam);
    const body = s.spaceCsv.export(id, query(c, langQuery).lang ?? 'nl');
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="ruimtes-${id}.csv"`);
    return c.body(body);
  },
);

locations.put(
  '/:id/policy',
  { summary: 'Merge a partial policy into the current one', access: ['facility'], body: policyPatchBody, answer: locationSchema, responses: { 200: 'the location with its policy', 404: 'not_found', 422: 'invalid_policy' } },
  (s) => async (c) => {
    const { id } = params(c, locationIdParam);
    const body = await jsonBody(c, policyPatchBody);
    return write(s, c, callerOf(c), { id, body }, () => ({ status: 200, body: locationDto(s.admin.updatePolicy(actorOf(c), id, body, origin(s, c))) }));
  },
);

/** /api/v1/admin/zones: a zone changed or retired with its spaces. */
const zones = new Resource<Services>('/zones', '/admin').use(requireRole('facility'));

zones.patch(
  '/:id',
  { summary: 'Change a zone', access: ['facility'], body: updateZoneBody, answer: zoneSchema, responses: { 200: 'the zone', 404: 'not_found', 409: 'name_taken' } },
  (s) => async (c) => {
    const { id } = params(c, idParam);
    const body = await jsonBody(c, updateZoneBody);
    return write(s, c, callerOf(c), { id, body }, () => ({ status: 200, body: zoneDto(s.admin.updateZone(actorOf(c), id, body, origin(s, c))) }));
  },
);

zones.post(
  '/:id/retire',
  { summary: 'Retire a zone with its spaces; future bookings cancelled and their owners notified', access: ['facility'], answer: cancelledCount, responses: { 200: '{cancelled}', 404: 'not_found' } },
  (s) => (c) => {
    const { id } = params(c, idParam);
    // One unit of work: the spaces, their bookings and the zone retire together or not at all.
    return write(s, c, callerOf(c), { id }, () => {
      s.admin.zone(id);
      const cancelled = retire(s, s.catalogue.spaceIdsOfZone(id), c);
      s.admin.retireZone(actorOf(c), id, origin(s, c));
      return { status: 200, body: { cancelled } };
    });
  },
);

/** /api/v1/admin/spaces: a space changed, placed on a plan, its key rotated, or retired. */
const spaces = new Resource<Services>('/spaces', '/admin').use(requireRole('facility'));

spaces.patch(
  '/:id',
  { summary: 'Change a space (name, kind, zone, capacity, features)', access: ['facility'], body: updateSpaceBody, answer: spaceSchema, responses: { 200: 'the space', 404: 'not_found', 409: 'space_unavailable', 422: 'zone_not_in_location' } },
  (s) => async (c) => {
    const { id } = params(c, idParam);
    const body = await jsonBody(c, updateSpaceBody);
    return write(s, c, callerOf(c), { id, body }, () => ({ status: 200, body: spaceDto(s.admin.updateSpace(actorOf(c), id, body, origin(s, c)), true) }));
  },
);

spaces.put(
  '/:id/position',
  { summary: 'Place a space on a floor plan of its location (fractions of width and height), or take it off', access: ['facility'], body: placeSpaceBody, answer: spaceSchema, responses: { 200: 'the space', 404: 'not_found', 422: 'plan_not_in_location' } },
  (s) => async (c) => {
    const { id } = params(c, idParam);
    const { at } = await jsonBody(c, placeSpaceBody);
    return write(s, c, callerOf(c), { id, at }, () => ({ status: 200, body: spaceDto(s.admin.placeSpace(actorOf(c), id, at, origin(s, c)), true) }));
  },
);

spaces.post(
  '/:id/rotate-key',
  { summary: "Rotate a space's QR key: the old label stops working (reprint it)", access: ['facility'], answer: spaceSchema, responses: { 200: 'the space with its new key', 404: 'not_found' } },
  (s) => (c) => {
    const { id } = params(c, idParam);
    return write(s, c, callerOf(c), { id }, () => ({ status: 200, body: spaceDto(s.admin.rotateKey(actorOf(c), id, origin(s, c)), true) }));
  },
);

spaces.post(
  '/:id/retire',
  { summary: 'Retire a space: history kept, no new reservations, future bookings cancelled and their owners notified', access: ['facility'], answer: cancelledCount, responses: { 200: '{cancelled}', 404: 'not_found' } },
  (s) => (c) => {
    const { id } = params(c, idParam);
    return write(s, c, callerOf(c), { id }, () => ({ status: 200, body: { cancelled: retire(s, [id], c) } }));
  },
);

/** /api/v1/admin/plans: a floor plan deleted (uploaded under its location). */
const plans = new Resource<Services>('/plans', '/admin').use(requireRole('facility'));

plans.delete(
  '/:id',
  { summary: 'Delete a floor plan; its spaces lose their place on it', access: ['facility'], answer: deletedAnswer, responses: { 200: '{deleted}', 404: 'not_found' } },
  (s) => (c) => {
    const { id } = params(c, idParam);
    return write(s, c, callerOf(c), { id }, () => {
      s.admin.deletePlan(actorOf(c), id, origin(s, c));
      return { status: 200, body: { deleted: true } };
    });
  },
);

/** /api/v1/admin/audit: the audit log, read by admins only (it names who did what from where). */
const audit = new Resource<Services>('/audit', '/admin').use(requireRole('admin'));

audit.get(
  '/',
  {
    summary: 'The audit log, newest first, 50 a page: filter by actor (u:<id>, an e-mail, system), action (a family with a trailing dot, auth.) and local dates; with the hash-chain verification',
    access: ['admin'],
    query: auditQuery,
    answer: auditPageSchema,
    responses: { 200: '{entries,total,page,pageSize,actions,chain}', 400: 'invalid_input' },
  },
  (s) => (c) => c.json(s.admin.auditLog(query(c, auditQuery))),
);

export const adminDocs = docsOf(users, locations, zones, spaces, plans, audit);

export const adminRoutes = (s: Services) => mount(s, users, locations, zones, spaces, plans, audit);
