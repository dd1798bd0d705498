/**
 * The API's answers as zod schemas: the OpenAPI document (server/http/openapi.ts) is generated
 * from them, and the server's tests check every answer they receive against that document
 * (server/testing.ts). The types in api.ts stay the ones the apps import; the checks at the end
 * of this file fail the type-check when a schema and its type drift apart.
 */
import { z } from 'zod';
import type {
  AvailabilityDto,
  ColleagueDto,
  CsvImportDto,
  CsvPreviewDto,
  DayBusynessDto,
  FloorPlanDto,
  LocationDto,
  MeDto,
  OccupancyReportDto,
  PassDto,
  ReservationDto,
  SeriesDto,
  SpaceDto,
  ZoneDto,
} from './api.js';
import { errorStatus, type ErrorBody } from './errors.js';
import { languages } from './i18n.js';
import { dayParts, daysOfWeek, locationKinds, reservationStates, roles, spaceFeatures, spaceKinds, weekdays, workPlaces, zoneCharacters } from './types.js';

/** An instant as the API writes it: ISO 8601 with the location's offset (or Z). */
const instant = z.string().meta({ format: 'date-time' });
const date = z.string().meta({ format: 'date' });
const id = z.number().int().positive();
const state = z.enum(reservationStates);
/** An array of `item`: the answer of a list route. */
export const list = <T extends z.ZodType>(item: T) => z.array(item);
/** An object with every one of `keys` (a JSON Schema with the properties named, unlike z.record). */
const every = <K extends string, T extends z.ZodType>(keys: readonly K[], value: T) => z.object(Object.fromEntries(keys.map((k) => [k, value])) as Record<K, T>);
const errorCodes = Object.keys(errorStatus) as [keyof typeof errorStatus, ...(keyof typeof errorStatus)[]];

/** The body of every error answer. */
export const errorBody = z
  .object({ error: z.object({ code: z.enum(errorCodes), message: z.string(), details: z.unknown().optional() }) })
  .meta({ id: 'Error' });

const team = z.object({ id, name: z.string() });

export const meSchema = z.object({ id, name: z.string(), email: z.string(), roles: z.array(z.enum(roles)), teams: z.array(team), showPresence: z.boolean() }).meta({ id: 'Me' });

const timeRange = z.object({ start: z.string(), end: z.string() });
export const policySchema = z
  .object({
    checkInOpensMinutes: z.number(),
    graceMinutes: every(spaceKinds, z.number()),
    daysAhead: z.number(),
    maxPerDay: z.number(),
    maxAhead: z.number(),
    dayParts: every(dayParts, timeRange),
    offlineCheckInMaxHours: z.number(),
    guestRetentionDays: z.number(),
    teamHoldReleaseTime: z.string(),
    softCapPercent: z.partialRecord(z.enum(weekdays), z.number()),
    closedOnHolidays: z.boolean(),
    openDays: z.array(z.enum(daysOfWeek)),
  })
  .meta({ id: 'Policy' });

export const locationSchema = z.object({ id, name: z.string(), kind: z.enum(locationKinds), address: z.string().nullable(), timezone: z.string(), policy: policySchema }).meta({ id: 'Location' });

export const zoneSchema = z.object({ id, locationId: id, name: z.string(), character: z.enum(zoneCharacters), floor: z.number().int().nullable() }).meta({ id: 'Zone' });

export const floorPlanSchema = z
  .object({ id, locationId: id, zoneId: id.nullable(), floor: z.number().int().nullable(), name: z.string(), imageUrl: z.string() })
  .meta({ id: 'FloorPlan' });

const planPosition = z.object({ planId: id, x: z.number(), y: z.number() });

export const spaceSchema = z
  .object({
    id,
    locationId: id,
    zoneId: id.nullable(),
    code: z.string(),
    name: z.string(),
    kind: z.enum(spaceKinds),
    capacity: z.number().int(),
    features: z.array(z.enum(spaceFeatures)),
    plan: planPosition.nullable(),
    key: z.string().optional().describe('Only for facility and admin: the secret on the QR label'),
  })
  .meta({ id: 'Space' });

export const reservationSchema = z
  .object({
    id,
    spaceId: id,
    spaceCode: z.string(),
    spaceName: z.string(),
    locationId: id,
    start: instant,
    end: instant,
    state,
    createdAt: instant,
    checkedInAt: instant.nullable(),
    checkInClosesAt: instant,
    checkInOpensAt: instant,
  })
  .meta({ id: 'Reservation' });

export const seriesSchema = z
  .object({
    id,
    spaceId: id,
    spaceCode: z.string(),
    spaceName: z.string(),
    locationId: id,
    days: z.array(z.enum(daysOfWeek)),
    from: date,
    until: date,
    part: z.enum(dayParts).nullable(),
    startTime: z.string().nullable(),
    endTime: z.string().nullable(),
    occurrences: z.array(
      z.object({
        date,
        status: z.enum(['created', 'refused', 'pending', 'cancelled']),
        code: z.enum(errorCodes).nullable(),
        reservation: reservationSchema.nullable(),
      }),
    ),
  })
  .meta({ id: 'Series' });

const holiday = z.object({ date, name: z.object({ nl: z.string(), en: z.string() }) });

export const availabilitySchema = z
  .object({
    locationId: id,
    from: instant,
    to: instant,
    free: z.array(id),
    busy: z.array(z.object({ spaceId: id, ranges: z.array(z.tuple([z.number(), z.number(), z.enum(['booked', 'checked_in'])])) })),
    holidays: z.array(holiday.extend({ closed: z.boolean() })),
  })
  .meta({ id: 'Availability' });

export const passSchema = z.object({ userId: id, secret: z.string(), period: z.number().int(), digits: z.number().int(), algorithm: z.literal('SHA1') }).meta({ id: 'Pass' });

export const colleagueSchema = z
  .object({
    id,
    name: z.string(),
    teams: z.array(z.string()),
    places: z.array(
      z.object({
        locationId: id,
        locationName: z.string(),
        spaceCode: z.string(),
        spaceName: z.string(),
        zoneName: z.string().nullable(),
        start: instant,
        end: instant,
        state,
      }),
    ),
  })
  .meta({ id: 'Colleague' });

export const dayBusynessSchema = z
  .object({
    date,
    reserved: z.number().int(),
    desks: z.number().int(),
    expected: z.number(),
    cap: z.number().nullable(),
    overCap: z.boolean(),
    holiday: holiday.shape.name.nullable(),
    closed: z.boolean(),
  })
  .meta({ id: 'DayBusyness' });

const figure = z.number().nullable();
const reportWeekday = z.enum(['ma', 'di', 'wo', 'do', 'vr']);
const dayFigure = z.object({ date, checkedIn: z.number() }).nullable();
/** Local time of day, "HH:MM". */
const clockTime = z.string().regex(/^\d{2}:\d{2}$/);
const reportPeak = z.object({ inUse: z.number().int(), at: clockTime }).nullable();
const reportPeakDay = z.object({ date, inUse: z.number().int(), at: clockTime }).nullable();

export const occupancyReportSchema = z
  .object({
    locationId: id,
    from: date,
    to: date,
    minGroupSize: z.number().int(),
    desks: z.number().int(),
    workdays: z.number().int(),
    noReservations: z.boolean(),
    closedHolidays: z.array(holiday),
    weekdays: z.array(z.object({ weekday: reportWeekday, days: z.number().int(), reserved: figure, checkedIn: figure, desks: z.number().int() })),
    hours: z.array(z.object({ hour: z.number().int(), checkedIn: figure })),
    peak: dayFigure,
    trough: dayFigure,
    noShowRate: figure,
    kinds: z.array(z.object({ kind: z.enum(spaceKinds), reservations: figure, checkedIn: figure })),
    zones: z.array(z.object({ zoneId: id.nullable(), name: z.string().nullable(), reservations: figure, checkedIn: figure })),
    flexRatio: figure,
    people: figure,
    weeks: z.array(z.object({ week: date, month: z.string().regex(/^\d{4}-\d{2}$/), percent: z.partialRecord(reportWeekday, figure), spread: figure.optional() })),
    rooms: z.number().int(),
    peaks: z.array(z.object({ date, desks: reportPeak, rooms: reportPeak })),
    peakAtOnce: z.object({ desks: reportPeakDay, rooms: reportPeakDay }),
    roomUse: z.array(
      z.object({ spaceId: id, code: z.string(), name: z.string(), kind: z.enum(spaceKinds), reservations: figure, hoursBooked: figure, hoursUsed: figure, noShows: figure, noShowRate: figure }),
    ),
  })
  .meta({ id: 'OccupancyReport' });

const csvRowStatus = z.enum(['new', 'changed', 'unchanged', 'error']);
const csvRowReason = z.union([
  z.object({ reason: z.literal('changed'), field: z.enum(['name', 'kind', 'zone', 'capacity', 'features']), from: z.string(), to: z.string() }),
  z.object({ reason: z.enum(['unknown_kind', 'unknown_feature', 'unknown_zone']), value: z.string() }),
  z.object({ reason: z.literal('column_count'), found: z.number().int(), expected: z.number().int() }),
  z.object({ reason: z.enum(['bad_code', 'no_name', 'name_too_long', 'no_kind', 'bad_capacity', 'duplicate_code', 'code_elsewhere', 'retired', 'bad_character']) }),
]);

export const csvPreviewSchema = z
  .object({
    valid: z.boolean(),
    encoding: z.enum(['utf-8', 'windows-1252', 'utf-16le']),
    delimiter: z.enum([';', ',', '\t']),
    counts: every(csvRowStatus.options, z.number().int()),
    rows: z.array(z.object({ line: z.number().int(), code: z.string(), status: csvRowStatus, reasons: z.array(csvRowReason) })),
  })
  .meta({ id: 'CsvPreview' });

export const csvImportSchema = z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() }).meta({ id: 'CsvImport' });

// ---- Answers without a type of their own in api.ts (the routes build them inline) ----

export const authConfigSchema = z.object({ local: z.boolean(), oidc: z.boolean() }).meta({ id: 'AuthConfig' });

/** Sign-in: the person, or the second factor's next step. */
export const loginAnswer = z
  .union([
    meSchema,
    z.object({ secondFactor: z.literal('code'), ticket: z.string() }),
    z.object({ secondFactor: z.literal('enrol'), ticket: z.string(), secret: z.string(), otpauthUrl: z.string() }),
  ])
  .meta({ id: 'LoginAnswer' });

export const enrolAnswer = z.object({ me: meSchema, recoveryCodes: z.array(z.string()) }).meta({ id: 'EnrolAnswer' });
export const logoutAnswer = z.object({ providerLogoutUrl: z.string().nullable() }).meta({ id: 'LogoutAnswer' });

export const userSchema = z
  .object({ id, email: z.string(), name: z.string(), roles: z.array(z.enum(roles)), teams: z.array(team), disabled: z.boolean(), bhv: z.boolean() })
  .meta({ id: 'User' });

export const userPageSchema = z
  .object({ users: z.array(userSchema.extend({ locationIds: z.array(id), lastSignInAt: z.string().nullable() })), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
  .meta({ id: 'UserPage' });

export const auditPageSchema = z
  .object({
    entries: z.array(
      z.object({
        id,
        at: z.string(),
        actor: z.string().nullable(),
        actorName: z.string().nullable(),
        action: z.string(),
        object: z.string().nullable(),
        result: z.string(),
        origin: z.string().nullable(),
        details: z.record(z.string(), z.unknown()).nullable(),
      }),
    ),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    actions: z.array(z.string()),
    chain: z.object({ intact: z.boolean(), brokenAt: z.number().int().nullable() }),
  })
  .meta({ id: 'AuditPage' });

export const locationIdsAnswer = z.object({ locationIds: z.array(id) }).meta({ id: 'LocationIds' });
export const cancelledCount = z.object({ cancelled: z.number().int() }).meta({ id: 'CancelledCount' });
export const deletedAnswer = z.object({ deleted: z.literal(true) }).meta({ id: 'Deleted' });
export const cancelledAnswer = z.object({ cancelled: z.literal(true) }).meta({ id: 'Cancelled' });

export const spaceLabelSchema = z.object({ spaceId: id, code: z.string(), name: z.string(), kind: z.enum(spaceKinds), url: z.string() }).meta({ id: 'SpaceLabel' });

export const teamSchema = z.object({ id, name: z.string(), zoneId: id.nullable(), days: z.array(z.enum(weekdays)), memberCount: z.number().int() }).meta({ id: 'Team' });

export const myTeamSchema = teamSchema
  .extend({
    zone: z.object({ id, name: z.string(), locationId: id, locationName: z.string() }).nullable(),
    manages: z.boolean(),
    members: z.array(z.object({ id, name: z.string() })).nullable(),
    upcoming: z.array(z.object({ date, held: z.number().int() })),
  })
  .meta({ id: 'MyTeam' });

export const teamBlockAnswer = z
  .object({
    reserved: z.array(reservationSchema),
    held: z.number().int(),
    skipped: z.array(z.object({ userId: id, reason: z.enum(['has_desk', 'no_free_desk']) })),
    notHeld: z.object({ count: z.number().int(), reason: z.enum(['hold_too_late', 'not_enough_desks']), releaseAt: z.string().nullable() }).nullable(),
  })
  .meta({ id: 'TeamBlock' });

export const dayTickSchema = z
  .object({ date, place: z.enum(workPlaces).nullable(), source: z.enum(['check_in', 'self', 'hr']).nullable(), editable: z.boolean() })
  .meta({ id: 'DayTick' });

export const mailSettingsSchema = z
  .object({ language: z.enum(languages), confirmations: z.boolean(), reminders: z.boolean(), enabled: z.boolean() })
  .meta({ id: 'MailSettings' });

export const mailStatusSchema = z
  .object({
    enabled: z.boolean(),
    counts: z.object({ queued: z.number().int(), sent: z.number().int(), failed: z.number().int() }),
    failures: z.array(
      z.object({
        id,
        kind: z.enum(['confirmation', 'cancellation', 'reminder', 'guest_arrived', 'guest_invitation', 'team_reservation']),
        recipient: z.string(),
        state: z.enum(['queued', 'sent', 'failed']),
        attempts: z.number().int(),
        lastAttemptAt: instant,
        lastError: z.string(),
        nextAttemptAt: instant.nullable(),
      }),
    ),
  })
  .meta({ id: 'MailStatus' });

export const calendarStatusSchema = z.object({ active: z.boolean() }).meta({ id: 'CalendarStatus' });
export const calendarUrlSchema = z.object({ url: z.string() }).meta({ id: 'CalendarUrl' });

/** A kiosk as the admin sees it: times in ms since the epoch. */
export const kioskAdminSchema = z
  .object({
    id,
    name: z.string(),
    locationId: id,
    spaceId: id.nullable(),
    userId: id,
    paired: z.boolean(),
    pairingExpiresAt: z.number().nullable(),
    lastSeenAt: z.number().nullable(),
    revokedAt: z.number().nullable(),
  })
  .meta({ id: 'KioskAdmin' });

export const kioskPairingSchema = z.object({ kiosk: kioskAdminSchema, pairingCode: z.string() }).meta({ id: 'KioskPairing' });

/** A kiosk as the device itself sees it. */
export const kioskSchema = z
  .object({
    id,
    name: z.string(),
    mode: z.enum(['entrance', 'room']),
    location: locationSchema,
    space: z.object({ id, code: z.string(), name: z.string(), capacity: z.number().int(), features: z.array(z.enum(spaceFeatures)) }).nullable(),
  })
  .meta({ id: 'Kiosk' });

export const closedSchema = z
  .object({ reason: z.enum(['hours', 'closed_day', 'holiday']), holiday: holiday.shape.name.nullable(), opensAt: instant.nullable() })
  .nullable();

export const boardSchema = z
  .object({
    location: locationSchema,
    now: instant,
    closed: closedSchema.describe('Null while the location is open; else why it is closed now and when it opens next'),
    zones: z.array(zoneSchema),
    plans: z.array(floorPlanSchema),
    spaces: z.array(
      z.object({
        id,
        code: z.string(),
        name: z.string(),
        kind: z.enum(spaceKinds),
        zoneId: id.nullable(),
        features: z.array(z.enum(spaceFeatures)),
        plan: planPosition.nullable(),
        free: z.boolean(),
        until: instant.nullable(),
      }),
    ),
  })
  .meta({ id: 'Board' });

export const kioskCheckInAnswer = z
  .object({ person: z.object({ name: z.string() }), visit: z.string().nullable(), checkedIn: z.array(reservationSchema) })
  .meta({ id: 'KioskCheckIn' });

export const guestLookupAnswer = z
  .object({ guests: z.array(z.object({ ref: z.string(), initials: z.string(), hostFirstName: z.string() })) })
  .meta({ id: 'GuestLookup' });

/** The badge a kiosk prints: by invite code the guest's data, by a lookup's ref only initials. */
export const guestArrivalAnswer = z
  .object({
    id: id.optional(),
    name: z.string().nullable(),
    organisation: z.string().nullable(),
    hostName: z.string(),
    date,
    checkOutCode: z.string().nullable(),
    arrivedAt: instant,
    alreadyArrived: z.boolean(),
    locationName: z.string(),
  })
  .meta({ id: 'GuestArrival' });

/** A meeting as a room display shows it: times only, never who booked. */
export const meetingSchema = z.object({ start: instant, end: instant, state }).meta({ id: 'Meeting' });
export const roomStatusSchema = z
  .object({ current: meetingSchema.nullable(), next: meetingSchema.nullable(), closed: closedSchema.describe('Null unless the location is closed all day (a day it does not open, a holiday): no booking now') })
  .meta({ id: 'RoomStatus' });

export const guestSchema = z
  .object({
    id,
    locationId: id,
    hostId: id,
    hostName: z.string(),
    name: z.string().nullable(),
    organisation: z.string().nullable(),
    note: z.string().nullable(),
    spaceCode: z.string().nullable(),
    expectedAt: instant,
    state: z.enum(['expected', 'present', 'left']),
    arrivedAt: instant.nullable(),
    leftAt: instant.nullable(),
  })
  .meta({ id: 'Guest' });

export const invitedGuestSchema = guestSchema.extend({ inviteCode: z.string().nullable() }).meta({ id: 'InvitedGuest' });
export const receptionDaySchema = z.object({ expected: z.array(guestSchema), present: z.array(guestSchema), left: z.array(guestSchema) }).meta({ id: 'ReceptionDay' });
export const badgeSchema = guestSchema.extend({ checkOutCode: z.string().nullable(), date, locationName: z.string() }).meta({ id: 'Badge' });

export const emergencySchema = z
  .object({
    location: z.object({ id, name: z.string() }),
    at: instant,
    staff: z.array(z.object({ name: z.string(), bhv: z.boolean(), spaceCode: z.string(), zoneName: z.string().nullable(), floor: z.number().int().nullable() })),
    guests: z.array(z.object({ id, name: z.string().nullable(), organisation: z.string().nullable(), hostName: z.string() })),
    bhvPresent: z.boolean(),
  })
  .meta({ id: 'Emergency' });

export const hostSchema = z.object({ id, name: z.string() }).meta({ id: 'Host' });

const notificationBase = { id, read: z.boolean(), createdAt: instant, at: instant };
export const notificationSchema = z
  .union([
    z.object({ ...notificationBase, kind: z.literal('guest_arrived'), guestId: id, name: z.string(), organisation: z.string().nullable(), locationName: z.string() }),
    z.object({ ...notificationBase, kind: z.literal('reservation_cancelled'), reservationId: id, spaceCode: z.string(), locationName: z.string(), start: instant, reason: z.literal('space_retired') }),
  ])
  .meta({ id: 'Notification' });

export const healthSchema = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    database: z.enum(['ok', 'not_readable', 'not_writable', 'migrations_not_current']),
    version: z.number().int().nullable().optional(),
    current: z.boolean().optional(),
    expected: z.number().int().optional(),
  })
  .meta({ id: 'Health' });

/** The OpenAPI document itself: only its outline is promised here. */
export const openApiSchema = z.object({ openapi: z.string(), info: z.object({ title: z.string(), version: z.string() }).loose(), paths: z.record(z.string(), z.unknown()) }).loose().meta({ id: 'OpenApi' });

// ---- Type-level checks: a schema and the type the apps use must say the same ----

/** True only when A and B are the same type (not merely assignable one way). */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** Mutual assignability, for a type whose spelling differs (an intersection). */
type Alike<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameType = <T extends true>(..._: T[]) => undefined;

sameType<Same<z.infer<typeof errorBody>, ErrorBody>>();
sameType<Same<z.infer<typeof meSchema>, MeDto>>();
sameType<Same<z.infer<typeof locationSchema>, LocationDto>>();
sameType<Same<z.infer<typeof zoneSchema>, ZoneDto>>();
sameType<Same<z.infer<typeof floorPlanSchema>, FloorPlanDto>>();
sameType<Same<z.infer<typeof spaceSchema>, SpaceDto>>();
sameType<Same<z.infer<typeof reservationSchema>, ReservationDto>>();
sameType<Same<z.infer<typeof seriesSchema>, SeriesDto>>();
// Alike: api.ts spells a holiday as an intersection (Holiday & { closed }).
sameType<Alike<z.infer<typeof availabilitySchema>, AvailabilityDto>>();
sameType<Same<z.infer<typeof passSchema>, PassDto>>();
sameType<Same<z.infer<typeof colleagueSchema>, ColleagueDto>>();
sameType<Same<z.infer<typeof dayBusynessSchema>, DayBusynessDto>>();
sameType<Same<z.infer<typeof occupancyReportSchema>, OccupancyReportDto>>();
sameType<Same<z.infer<typeof csvPreviewSchema>, CsvPreviewDto>>();
sameType<Same<z.infer<typeof csvImportSchema>, CsvImportDto>>();
