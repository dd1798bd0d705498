/** The JSON shapes the API answers with (times as ISO strings in the location's zone). */
import type { ErrorCode } from './errors.js';
import type { DayPart, Holiday, LocationKind, PlanPosition, Policy, ReservationState, Role, SpaceFeature, SpaceKind, ZoneCharacter } from './types.js';

export interface MeDto {
  id: number;
  name: string;
  email: string;
  roles: Role[];
  teams: { id: number; name: string }[];
  showPresence: boolean;
}

export interface LocationDto {
  id: number;
  name: string;
  kind: LocationKind;
  address: string | null;
  timezone: string;
  policy: Policy;
}

export interface ZoneDto {
  id: number;
  locationId: number;
  name: string;
  character: ZoneCharacter;
  floor: number | null;
}

export interface FloorPlanDto {
  id: number;
  locationId: number;
  zoneId: number | null;
  floor: number | null;
  name: string;
  /** Where the image is fetched (with the session or the kiosk's credential). */
  imageUrl: string;
}

export interface SpaceDto {
  id: number;
  locationId: number;
  zoneId: number | null;
  code: string;
  name: string;
  kind: SpaceKind;
  capacity: number;
  features: SpaceFeature[];
  plan: PlanPosition | null;
  /** Only for facility and admin: the secret on the space's QR label. */
  key?: string;
}

export interface ReservationDto {
  id: number;
  spaceId: number;
  spaceCode: string;
  spaceName: string;
  locationId: number;
  start: string;
  end: string;
  state: ReservationState;
  createdAt: string;
  checkedInAt: string | null;
  /** When a booking is no longer claimable (the no-show deadline). */
  checkInClosesAt: string;
  checkInOpensAt: string;
}

/**
 * One date of a series: created (with its reservation, whose state may since have changed),
 * refused (code: the same error code a single booking would get), pending (beyond daysAhead:
 * booked by a job once it comes within reach), or cancelled.
 */
export interface SeriesOccurrenceDto {
  date: string;
  status: 'created' | 'refused' | 'pending' | 'cancelled';
  code: ErrorCode | null;
  reservation: ReservationDto | null;
}

export interface SeriesDto {
  id: number;
  spaceId: number;
  spaceCode: string;
  spaceName: string;
  locationId: number;
  days: ('mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun')[];
  from: string;
  until: string;
  part: DayPart | null;
  startTime: string | null;
  endTime: string | null;
  occurrences: SeriesOccurrenceDto[];
}

export interface BusyRange {
  start: string;
  end: string;
  state: Extract<ReservationState, 'booked' | 'checked_in'>;
}

/** A held range in an availability answer: start and end in ms since the epoch, and its state. */
export type BusyTuple = [start: number, end: number, state: BusyRange['state']];

/**
 * Availability of a location's bookable spaces in [from, to): ids only, since the catalogue
 * (`/locations/:id/spaces`) already gave each space's details. A space of the catalogue that is
 * in neither list is not bookable (any more) or unknown to this answer.
 */
export interface AvailabilityDto {
  locationId: number;
  from: string;
  to: string;
  /** Spaces with nothing held in the window. */
  free: number[];
  /** Spaces held some of the window, with their ranges in start order. */
  busy: { spaceId: number; ranges: BusyTuple[] }[];
  /** Public holidays on the window's days; `closed` when the location takes no reservations then. */
  holidays: (Holiday & { closed: boolean })[];
}

/** An event on `/api/v1/events`: a space's availability changed. */
export interface AvailabilityEvent {
  locationId: number;
  spaceId: number;
  reservationId: number;
  state: ReservationState;
}

/** The secret of the personal pass: the phone derives the TOTP codes from it, offline too. */
export interface PassDto {
  userId: number;
  secret: string; // base32
  period: number;
  digits: number;
  algorithm: 'SHA1';
}

export interface ColleagueDto {
  id: number;
  name: string;
  teams: string[];
  places: {
    locationId: number;
    locationName: string;
    spaceCode: string;
    spaceName: string;
    zoneName: string | null;
    start: string;
    end: string;
    state: ReservationState;
  }[];
}

/** Expected desk busyness of one local day at a location. */
export interface DayBusynessDto {
  date: string;
  /** People with a desk that day now. */
  reserved: number;
  desks: number;
  /** What to expect: the reservations, or for later days what the same weekday saw lately. */
  expected: number;
  /** The soft cap in desks, when the policy sets one for that weekday. */
  cap: number | null;
  overCap: boolean;
  /** The public holiday's name on that day, if it is one. */
  holiday: Holiday['name'] | null;
  /** No reservations that day: a holiday and the policy's closedOnHolidays, or a day of the week the location is not open (openDays). */
  closed: boolean;
}

/** A free space offered instead of one that was taken. */
export interface AlternativeDto {
  spaceId: number;
  code: string;
  name: string;
}

export type { DayPart };

export type ReportWeekday = 'ma' | 'di' | 'wo' | 'do' | 'vr';

/**
 * A figure of a report, or `null` when fewer than `minGroupSize` distinct people are behind it
 * (a figure built from others, like a week's spread, also when one of those is). In a report
 * `null` means only that: the screen and the CSV show "< 5 personen" / "< 5 people".
 */
export type ReportFigure = number | null;

/** Occupancy of a location over the workdays (Monday to Friday) in [from, to]; aggregates only. */
export interface OccupancyReportDto {
  locationId: number;
  from: string;
  to: string;
  /** The works council's minimum group size (shared/rules.ts MIN_GROUP_SIZE). */
  minGroupSize: number;
  desks: number;
  workdays: number;
  /**
   * No desk or room reserved on any day in range (weekends included). A count of zero
   * identifies nobody, so the page can say it once instead of "< 5 personen" in every table.
   */
  noReservations: boolean;
  /** The public holidays in range the location is closed on (no workdays), with their names. */
  closedHolidays: Holiday[];
  /** Average desks reserved and checked in on each weekday; `days` is how many of them are in range. */
  weekdays: { weekday: ReportWeekday; days: number; reserved: ReportFigure; checkedIn: ReportFigure; desks: number }[];
  /** Average desks in use (checked in) per hour of the day over the workdays. */
  hours: { hour: number; checkedIn: ReportFigure }[];
  /** The busiest and the quietest workday, `null` when that day's figure is suppressed. */
  peak: { date: string; checkedIn: number } | null;
  trough: { date: string; checkedIn: number } | null;
  noShowRate: ReportFigure;
  kinds: { kind: SpaceKind; reservations: ReportFigure; checkedIn: ReportFigure }[];
  /** Per zone (`zoneId` null: spaces without a zone), all kinds of space. */
  zones: { zoneId: number | null; name: string | null; reservations: ReportFigure; checkedIn: ReportFigure }[];
  /** Desks per person who used the location (checked in at least once). */
  flexRatio: ReportFigure;
  people: ReportFigure;
  /**
   * Per week (by its Monday): desks checked in on each workday in range (days out of range are
   * absent) as a percentage of the desks, and the spread, the busiest minus the quietest workday
   * in percentage points (absent unless all five workdays of the week are in range: a partial
   * week's spread would compare two days with five and pull its month's average down). `month`
   * (YYYY-MM) is the month of the week's Thursday, the ISO rule, so a week counts in one month.
   */
  weeks: { week: string; month: string; percent: Partial<Record<ReportWeekday, ReportFigure>>; spread?: ReportFigure }[];
  /** The location's rooms now (every kind but desk): what a room peak is out of. */
  rooms: number;
  /**
   * Per workday: the most desks and the most rooms checked in at the same time, counted at
   * the report's half hours as `hours` is (a use is present from its check-in until its end or
   * release), and the first half hour with that many, local "HH:MM". `null` when fewer than
   * `minGroupSize` distinct people were present then.
   */
  peaks: { date: string; desks: ReportPeak; rooms: ReportPeak }[];
  /** The largest of the days' peaks and its day; `null` when that day's peak is. */
  peakAtOnce: { desks: ReportPeakDay; rooms: ReportPeakDay };
  /**
   * Per room (every kind but desk) of the location, most used first (hours checked in; hidden
   * figures last, then by code): reservations and the hours they booked, the hours checked in,
   * and the no-shows of the finished ones. A figure is `null` when fewer than `minGroupSize`
   * distinct people are behind it (reservers; those checked in; those of the finished uses).
   */
  roomUse: ReportRoomUse[];
}

export type ReportPeak = { inUse: number; at: string } | null;
export type ReportPeakDay = { date: string; inUse: number; at: string } | null;
export interface ReportRoomUse {
  spaceId: number;
  code: string;
  name: string;
  kind: SpaceKind;
  reservations: ReportFigure;
  hoursBooked: ReportFigure;
  hoursUsed: ReportFigure;
  noShows: ReportFigure;
  noShowRate: ReportFigure;
}

/** The largest spaces CSV an import takes (the error texts in i18n.ts say "256 kB"). */
export const MAX_CSV_BYTES = 256 * 1024;

/** What became of one row of a spaces CSV: the four words the preview shows per row. */
export type CsvRowStatus = 'new' | 'changed' | 'unchanged' | 'error';

/** A field of a space as a spaces CSV carries it. */
export type SpaceCsvField = 'code' | 'name' | 'kind' | 'zone' | 'capacity' | 'features';

/**
 * Why a row has its status, as a code the apps put into words (i18n `csv.reason.<reason>`).
 * `changed` carries the values as stored and as in the file: kind and features as codes
 * (features joined by ","), the zone by name ("" for none).
 */
export type CsvRowReason =
  | { reason: 'changed'; field: Exclude<SpaceCsvField, 'code'>; from: string; to: string }
  | { reason: 'unknown_kind' | 'unknown_feature' | 'unknown_zone'; value: string }
  | { reason: 'column_count'; found: number; expected: number }
  | { reason: 'bad_code' | 'no_name' | 'name_too_long' | 'no_kind' | 'bad_capacity' | 'duplicate_code' | 'code_elsewhere' | 'retired' | 'bad_character' };

export interface CsvRowVerdict {
  /** The line of the file the row ends on (1 is the header). */
  line: number;
  code: string;
  status: CsvRowStatus;
  reasons: CsvRowReason[];
}

/** The preview of a spaces import; `valid` when there is a row and none is an error. */
export interface CsvPreviewDto {
  valid: boolean;
  encoding: 'utf-8' | 'windows-1252' | 'utf-16le';
  delimiter: ';' | ',' | '\t';
  counts: Record<CsvRowStatus, number>;
  rows: CsvRowVerdict[];
}

/** What an import did: new spaces, changed spaces, rows that matched what was stored. */
export interface CsvImportDto {
  created: number;
  updated: number;
  unchanged: number;
}
