/** The JSON shapes the API answers with (times as ISO strings in the location's zone). */
import type { DayPart, LocationKind, PlanPosition, Policy, ReservationState, Role, SpaceFeature, SpaceKind, ZoneCharacter } from './types.js';

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

export interface BusyRange {
  start: string;
  end: string;
  state: Extract<ReservationState, 'booked' | 'checked_in'>;
}

export interface SpaceAvailabilityDto {
  spaceId: number;
  code: string;
  free: boolean;
  busy: BusyRange[];
}

export interface AvailabilityDto {
  locationId: number;
  from: string;
  to: string;
  spaces: SpaceAvailabilityDto[];
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
}

/** A free space offered instead of one that was taken. */
export interface AlternativeDto {
  spaceId: number;
  code: string;
  name: string;
}

export type { DayPart };
