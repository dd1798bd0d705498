/**
 * The API's request shapes as zod schemas: the server validates with them, the apps build
 * requests with their inferred types, and the OpenAPI document is generated from them.
 * Objects are strict: an unknown field is a 400, not silently ignored.
 */
import { z } from 'zod';
import { MAX_CSV_BYTES } from './api.js';
import { languages } from './i18n.js';
import { isCalendarDate, isValidTimeZone } from './time.js';
import { dayParts, daysOfWeek, workPlaces, locationKinds, roles, spaceFeatures, spaceKinds, weekdays, zoneCharacters } from './types.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const isoInstant = z.iso.datetime({ offset: true }).describe('ISO 8601 with offset');
const calendarDate = z.string().refine(isCalendarDate, 'must be a date YYYY-MM-DD');
const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM');

export const idParam = z.strictObject({ id });
export const locationIdParam = z.strictObject({ id });

export const loginBody = z.strictObject({
  email: z.string().trim().min(3).max(254),
  password: z.string().min(1).max(1024),
});

export const secondFactorBody = z.strictObject({
  ticket: z.string().min(20).max(100),
  /** Six digits from the authenticator app, or a recovery code. */
  code: z.string().trim().min(6).max(20),
});

export const createUserBody = z.strictObject({
  email: z.email().max(254),
  name: text(200),
  password: z.string().min(12, 'at least 12 characters').max(1024),
  roles: z.array(z.enum(roles)).min(1).max(roles.length),
  teams: z.array(text(100)).max(50).optional(),
});

export const createLocationBody = z.strictObject({
  name: text(200),
  kind: z.enum(locationKinds),
  address: text(300).optional(),
  timezone: z.string().max(64).refine(isValidTimeZone, 'unknown time zone').optional(),
});

export const createZoneBody = z.strictObject({
  name: text(100),
  character: z.enum(zoneCharacters),
  floor: z.number().int().min(-5).max(200).optional(),
});

export const createSpaceBody = z.strictObject({
  code: z
    .string()
    .regex(/^[A-Z0-9][A-Z0-9-]{1,31}$/, 'capitals, digits and dashes, e.g. HUB-2-014'),
  name: text(200),
  kind: z.enum(spaceKinds),
  zoneId: z.number().int().positive().optional(),
  capacity: z.number().int().min(1).max(1000).optional(),
  features: z.array(z.enum(spaceFeatures)).max(spaceFeatures.length).optional(),
});

/** Edits send only what changes; an empty edit is refused as pointless. */
const someField = (o: object) => Object.keys(o).length > 0;

export const updateLocationBody = z
  .strictObject({ name: text(200).optional(), kind: z.enum(locationKinds).optional(), address: text(300).nullable().optional() })
  .refine(someField, 'nothing to change');

export const updateZoneBody = z
  .strictObject({ name: text(100).optional(), character: z.enum(zoneCharacters).optional(), floor: z.number().int().min(-5).max(200).nullable().optional() })
  .refine(someField, 'nothing to change');

export const updateSpaceBody = z
  .strictObject({
    name: text(200).optional(),
    kind: z.enum(spaceKinds).optional(),
    zoneId: z.number().int().positive().nullable().optional(),
    capacity: z.number().int().min(1).max(1000).optional(),
    features: z.array(z.enum(spaceFeatures)).max(spaceFeatures.length).optional(),
  })
  .refine(someField, 'nothing to change');

/** A space's place on a floor plan, as fractions of its width and height; null takes it off. */
export const placeSpaceBody = z.strictObject({
  at: z.strictObject({ planId: z.number().int().positive(), x: z.number().min(0).max(1), y: z.number().min(0).max(1) }).nullable(),
});

/** Largest floor plan image: a detailed PNG of a floor fits, a photo should be scaled down. */
export const MAX_PLAN_BYTES = 2 * 1024 * 1024;

/** A floor plan image as a data URL (PNG, JPEG or WebP), so the upload is JSON like every write. */
export const planUploadBody = z.strictObject({
  name: text(100),
  floor: z.number().int().min(-5).max(200).optional(),
  zoneId: z.number().int().positive().optional(),
  image: z
    .string()
    .max(Math.ceil((MAX_PLAN_BYTES * 4) / 3) + 100, 'image larger than 2 MB')
    .regex(/^data:image\/(png|jpeg|webp);base64,[A-Za-z0-9+/]+=*$/, 'a PNG, JPEG or WebP image as a data URL'),
});

export const plansQuery = z.strictObject({ location: id });

export const auditQuery = z
  .strictObject({
    actor: z.string().trim().max(254).optional(),
    action: z.string().trim().max(100).optional(),
    from: calendarDate.optional(),
    to: calendarDate.optional(),
    page: z.coerce.number().int().min(1).max(100_000).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['to'] });

export const usersQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(10_000).optional(),
  role: z.enum(roles).optional(),
});

export const updateUserBody = z
  .strictObject({
    name: text(200).optional(),
    roles: z.array(z.enum(roles)).min(1).max(roles.length).optional(),
    teams: z.array(text(100)).max(50).optional(),
  })
  .refine(someField, 'nothing to change');

export const createTeamBody = z.strictObject({ name: text(100), zoneId: z.number().int().positive().nullable().optional() });
export const updateTeamBody = z
  .strictObject({
    name: text(100).optional(),
    zoneId: z.number().int().positive().nullable().optional(),
    days: z.array(z.enum(weekdays)).max(5).optional(),
  })
  .refine(someField, 'nothing to change');

/** A block of desks in the team's zone for a day: for named members, and/or held for members to claim. */
export const teamBlockBody = z
  .strictObject({
    date: calendarDate,
    memberIds: z.array(z.number().int().positive()).max(200).optional(),
    held: z.number().int().min(0).max(200).optional(),
  })
  .refine((b) => (b.memberIds?.length ?? 0) + (b.held ?? 0) > 0, 'name members or hold desks');

export const teamClaimBody = z.strictObject({ date: calendarDate });

const minutes = z.number().int().min(0).max(24 * 60);
const cap = z.number().int().min(1).max(100).nullable().optional();
const range = z.strictObject({ start: timeOfDay.optional(), end: timeOfDay.optional() });

export const policyPatchBody = z.strictObject({
  checkInOpensMinutes: minutes.optional(),
  graceMinutes: z
    .strictObject({
      desk: minutes.optional(),
      focus: minutes.optional(),
      call: minutes.optional(),
      meeting: minutes.optional(),
      multi: minutes.optional(),
    })
    .optional(),
  daysAhead: z.number().int().min(0).max(365).optional(),
  maxPerDay: z.number().int().min(1).max(10).optional(),
  maxAhead: z.number().int().min(1).max(500).optional(),
  dayParts: z.strictObject({ morning: range.optional(), afternoon: range.optional(), day: range.optional() }).optional(),
  offlineCheckInMaxHours: z.number().int().min(0).max(24 * 14).optional(),
  guestRetentionDays: z.number().int().min(1).max(365).optional(),
  teamHoldReleaseTime: timeOfDay.optional(),
  softCapPercent: z
    // null removes the cap of that day.
    .strictObject({ mon: cap, tue: cap, wed: cap, thu: cap, fri: cap })
    .optional(),
  closedOnHolidays: z.boolean().optional(),
  // Each day once, in week order, however the request lists them.
  openDays: z
    .array(z.enum(daysOfWeek))
    .min(1)
    .max(7)
    .transform((days) => daysOfWeek.filter((d) => days.includes(d)))
    .optional(),
});

export const availabilityQuery = z.strictObject({
  location: id,
  from: isoInstant,
  to: isoInstant,
});

export const reservationsQuery = z.strictObject({
  from: isoInstant.optional(),
  to: isoInstant.optional(),
});

export const createReservationBody = z.union([
  z.strictObject({ spaceId: z.number().int().positive(), start: isoInstant, end: isoInstant }),
  z.strictObject({ spaceId: z.number().int().positive(), date: calendarDate, part: z.enum(dayParts) }),
]);

export const checkInBody = z.strictObject({
  key: z.string().min(1).max(200),
  /** When the label was scanned, for a check-in queued offline and sent later. */
  scannedAt: isoInstant.optional(),
});

export const colleaguesQuery = z.strictObject({
  from: isoInstant.optional(),
  to: isoInstant.optional(),
});

export const weekQuery = z.strictObject({
  from: calendarDate.optional(),
});

export const settingsBody = z.strictObject({
  showPresence: z.boolean(),
});

/** Which mail a person gets, and in which language (their app's language). */
export const mailSettingsBody = z.strictObject({
  language: z.enum(languages),
  confirmations: z.boolean(),
  reminders: z.boolean(),
});

export const walkUpBody = z.strictObject({
  code: z.string().min(1).max(32),
  key: z.string().min(1).max(200),
});

export const eventsQuery = z.strictObject({ location: id });

export const idempotencyKey = z.uuid();

export const createKioskBody = z.strictObject({
  name: text(100),
  locationId: z.number().int().positive(),
  /** A room display is bound to one room; an entrance kiosk to the location. */
  spaceId: z.number().int().positive().optional(),
});

export const bhvBody = z.strictObject({ bhv: z.boolean() });

export const userLocationsBody = z.strictObject({ locationIds: z.array(z.number().int().positive()).max(100) });

export const pairBody = z.strictObject({ code: z.string().trim().min(4).max(20) });

/** What the kiosk camera reads from a phone's pass: PLEK-PASS:<userId>:<6 digits>. */
export const passText = z.string().regex(/^PLEK-PASS:\d{1,12}:\d{6}$/, 'not a Plek pass');

export const kioskCheckInBody = z.strictObject({
  pass: passText,
  /** When the pass was scanned, for a check-in queued while the kiosk was offline. */
  scannedAt: isoInstant.optional(),
});

export const kioskWalkUpBody = z.strictObject({
  visit: z.string().min(10).max(100),
  spaceId: z.number().int().positive(),
});

/** Room display "nu boeken": 15, 30 or 60 minutes, or up to the next meeting ("tot 20:04"). */
export const roomBookBody = z.union([z.strictObject({ minutes: z.union([z.literal(15), z.literal(30), z.literal(60)]) }), z.strictObject({ until: isoInstant })]);

export const createGuestBody = z.strictObject({
  name: text(200),
  organisation: z.string().trim().max(200).optional(),
  /** Where the invitation (with the invite QR) goes; optional, purged with the guest's data. */
  email: z.email().max(254).optional(),
  expectedAt: isoInstant,
  locationId: z.number().int().positive(),
  spaceId: z.number().int().positive().optional(),
  note: z.string().trim().max(500).optional(),
});

export const walkInGuestBody = createGuestBody.omit({ expectedAt: true, email: true }).extend({ hostId: z.number().int().positive() });

/** The host changes a guest who has not arrived: a field left out stays, `null` clears an optional one. */
export const updateGuestBody = z.strictObject({
  name: text(200).optional(),
  organisation: z.string().trim().max(200).nullable().optional(),
  expectedAt: isoInstant.optional(),
  spaceId: z.number().int().positive().nullable().optional(),
  note: z.string().trim().max(500).nullable().optional(),
});

/** A visitor's surname as typed at the kiosk (matched exactly, ignoring case and diacritics). */
export const guestLookupBody = z.strictObject({ surname: z.string().trim().min(2).max(100) });

/** By the invite's code, or by the `ref` a surname lookup at this kiosk answered. */
export const guestArrivalBody = z.union([
  z.strictObject({ inviteCode: z.string().min(6).max(64), scannedAt: isoInstant.optional() }),
  z.strictObject({ ref: z.string().min(10).max(100), scannedAt: isoInstant.optional() }),
]);

/** Reception's host search: a part of the name, and at most `limit` answers (staff runs to thousands). */
export const hostQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(50).optional(),
});

export const receptionQuery = z.strictObject({
  location: id,
  date: calendarDate.optional(),
  q: z.string().max(100).optional(),
});

export type LoginBody = z.infer<typeof loginBody>;
export type CreateUserBody = z.infer<typeof createUserBody>;
export type CreateLocationBody = z.infer<typeof createLocationBody>;
export type CreateZoneBody = z.infer<typeof createZoneBody>;
export type CreateSpaceBody = z.infer<typeof createSpaceBody>;
export type PolicyPatchBody = z.infer<typeof policyPatchBody>;
export type CreateReservationBody = z.infer<typeof createReservationBody>;
export type CheckInBody = z.infer<typeof checkInBody>;

export const monthQuery = z.strictObject({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM').optional() });
export const tickParams = z.strictObject({ date: calendarDate });
export const hrTickParams = z.strictObject({ userId: id, date: calendarDate });
export const tickBody = z.strictObject({ place: z.enum(workPlaces) });

/**
 * The language of a CSV download: the app sends the one it shows (the choice lives on the
 * phone), so the file reads like the screen it came from; Dutch without it.
 */
export const langQuery = z.strictObject({ lang: z.enum(languages).optional() });
export const monthCsvQuery = z.strictObject({ ...monthQuery.shape, ...langQuery.shape });

/**
 * A spaces CSV as typed or pasted text (`csv`), or as the file's bytes in base64 (`file`), which
 * keeps its encoding for the server to detect: a Windows-1252 file read as text in the browser
 * has already lost its accents. A file up to twice the limit is let through to be told the limit.
 */
export const spaceCsvBody = z
  .strictObject({
    csv: z.string().min(1).max(2 * MAX_CSV_BYTES).optional(),
    file: z.base64().min(1).max(Math.ceil((2 * MAX_CSV_BYTES * 4) / 3) + 4).optional(),
  })
  .refine((b) => (b.csv === undefined) !== (b.file === undefined), 'send either csv or file');
export const dryRunQuery = z.strictObject({ dryRun: z.enum(['0', '1']).optional() });
export type UpdateSpaceBody = z.infer<typeof updateSpaceBody>;
export type UpdateUserBody = z.infer<typeof updateUserBody>;
export type UpdateTeamBody = z.infer<typeof updateTeamBody>;
export type TeamBlockBody = z.infer<typeof teamBlockBody>;

/** The days of the week a series repeats on (a location open on Saturday takes those too). */
export const seriesDays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const seriesBase = {
  spaceId: z.number().int().positive(),
  days: z.array(z.enum(seriesDays)).min(1).max(7),
  from: calendarDate,
  until: calendarDate,
};
/** "Every Tuesday and Thursday until 31 March": a desk by day-part, a room by local time. */
export const createSeriesBody = z.union([
  z.strictObject({ ...seriesBase, part: z.enum(dayParts) }),
  z.strictObject({ ...seriesBase, startTime: timeOfDay, endTime: timeOfDay }),
]);
/** The dates to take out of a series: all from today without a range, or from..to (a holiday). */
export const cancelSeriesBody = z
  .strictObject({ from: calendarDate.optional(), to: calendarDate.optional() })
  .refine((b) => (b.from === undefined) === (b.to === undefined), 'send from and to together, or neither');
/**
 * Change a reservation: another day-part or time (and optionally space), a new end only (shorten
 * or extend), or `untilNext` (a room extended up to the next booking or closing time).
 */
export const changeReservationBody = z.union([
  z.strictObject({ date: calendarDate, part: z.enum(dayParts), spaceId: z.number().int().positive().optional() }),
  z.strictObject({ start: isoInstant, end: isoInstant, spaceId: z.number().int().positive().optional() }),
  z.strictObject({ end: isoInstant }),
  z.strictObject({ spaceId: z.number().int().positive() }),
  z.strictObject({ untilNext: z.literal(true) }),
]);
export type CreateSeriesBody = z.infer<typeof createSeriesBody>;
export type CancelSeriesBody = z.infer<typeof cancelSeriesBody>;
export type ChangeReservationBody = z.infer<typeof changeReservationBody>;
