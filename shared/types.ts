/** Domain types shared by the server and the apps. Times inside the server are UTC milliseconds. */

export const locationKinds = ['hub', 'townhall', 'service', 'wijk'] as const;
export type LocationKind = (typeof locationKinds)[number];

/** Zone characters, from lively to quiet, as in the municipality's housing vision. */
export const zoneCharacters = ['dynamisch', 'gemengd', 'geconcentreerd', 'rust'] as const;
export type ZoneCharacter = (typeof zoneCharacters)[number];

export const spaceKinds = ['desk', 'focus', 'call', 'meeting', 'multi'] as const;
export type SpaceKind = (typeof spaceKinds)[number];

export const spaceFeatures = ['second_screen', 'sit_stand', 'hybrid_av', 'wheelchair', 'whiteboard', 'screen'] as const;
export type SpaceFeature = (typeof spaceFeatures)[number];

export const roles = ['employee', 'manager', 'receptionist', 'facility', 'hr', 'admin'] as const;
export type Role = (typeof roles)[number];

export const dayParts = ['morning', 'afternoon', 'day'] as const;
export type DayPart = (typeof dayParts)[number];

export const reservationStates = ['booked', 'checked_in', 'completed', 'cancelled', 'no_show'] as const;
export type ReservationState = (typeof reservationStates)[number];

/** States that hold the space: only these can overlap-conflict. */
export const activeStates: readonly ReservationState[] = ['booked', 'checked_in'];

export interface TimeOfDayRange {
  start: string; // "HH:MM" local time
  end: string;
}

export interface Policy {
  /** Minutes before start from which check-in is possible. */
  checkInOpensMinutes: number;
  /** Minutes after max(start, createdAt) before an unclaimed reservation becomes a no-show. */
  graceMinutes: Record<SpaceKind, number>;
  /** How many local days ahead of today a reservation may start. */
  daysAhead: number;
  /** How many desks one person may hold at the same time (per day-part). */
  maxPerDay: number;
  /** How many reservations still to come (any kind) one person may hold here: nobody hoards. */
  maxAhead: number;
  dayParts: Record<DayPart, TimeOfDayRange>;
  /** How late an offline check-in may still reach the server. */
  offlineCheckInMaxHours: number;
  /** After how many days a guest's personal data is anonymised. */
  guestRetentionDays: number;
  /** When, on the day before, desks held for a team and not claimed return to everyone ("HH:MM"). */
  teamHoldReleaseTime: string;
  /** Soft cap per weekday as a percentage of desks: above it the app suggests a quieter day. */
  softCapPercent: Partial<Record<Weekday, number>>;
  /** Closed on the public holidays (see Holiday): no reservations those days. */
  closedOnHolidays: boolean;
  /** The days of the week the location is open; no reservations on the others (a town hall's weekend). */
  openDays: DayOfWeek[];
}

/**
 * A public holiday a municipality does not work on (no workday for the ticks), with its name
 * in the apps' languages: Nieuwjaarsdag, Pasen, Koningsdag, Bevrijdingsdag, Hemelvaart,
 * Pinksteren and Kerst. The server knows them (server/holidays.ts) and sends them along.
 */
export interface Holiday {
  date: string; // YYYY-MM-DD
  name: { nl: string; en: string };
}

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
export type Weekday = (typeof weekdays)[number];

/** All seven days, Monday first: the days a location may be open. */
export const daysOfWeek = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type DayOfWeek = (typeof daysOfWeek)[number];

export interface Location {
  id: number;
  name: string;
  kind: LocationKind;
  /** The street address, for a guest's invitation; null until facility enters it. */
  address: string | null;
  timezone: string;
  policy: Policy;
}

export interface Zone {
  id: number;
  locationId: number;
  name: string;
  character: ZoneCharacter;
  floor: number | null;
}

export interface Space {
  id: number;
  locationId: number;
  zoneId: number | null;
  code: string;
  name: string;
  kind: SpaceKind;
  capacity: number;
  features: SpaceFeature[];
  active: boolean;
  /** Where the space sits on a floor plan, as fractions of the plan's width and height. */
  plan: PlanPosition | null;
}

export interface PlanPosition {
  planId: number;
  x: number;
  y: number;
}

export interface FloorPlan {
  id: number;
  locationId: number;
  zoneId: number | null;
  floor: number | null;
  name: string;
}

export interface Reservation {
  id: number;
  spaceId: number;
  userId: number;
  start: number;
  end: number;
  state: ReservationState;
  createdAt: number;
  checkedInAt: number | null;
  endedAt: number | null;
}

export interface Team {
  id: number;
  name: string;
}

export interface User {
  id: number;
  email: string;
  name: string;
  roles: Role[];
  teams: Team[];
  disabled: boolean;
  /** Whether colleagues may see where this person sits. */
  showPresence: boolean;
}

export const workPlaces = ['kantoor', 'wijk', 'thuis', 'afwezig'] as const;
export type WorkPlace = (typeof workPlaces)[number];
