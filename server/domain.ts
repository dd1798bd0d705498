import type { Location, Reservation, Role, Space, SpaceKind, Team, User } from '../shared/types.js';

/**
 * The server's domain types: what stores return, services work with, and http/ maps to the
 * API's JSON. They live here, not beside the SQL or the routes, so that services never import
 * from http/ and http/ never imports a resource module (server/layers.test.ts keeps it so).
 * Types that only the API promises are in shared/api.ts; pure rules in shared/rules.ts.
 */

/** The signed-in person, as services and routes see them. */
export interface Actor {
  id: number;
  email: string;
  name: string;
  roles: Role[];
  teams: Team[];
  showPresence: boolean;
}

/** Turns a session cookie into the person it belongs to; what http/ needs of sign-in. */
export interface SessionLookup {
  authenticate(token: string): { actor: Actor; sessionHash: string } | null;
}

/** A person as stored, with the secrets only the server may see. */
export type UserRecord = User & { passwordHash: string | null; passSecret: string; bhv: boolean };

/** A space with the key printed on its QR label (checked on a scan, shown to label printers only). */
export type SpaceWithKey = Space & { key: string };

/** A reservation with what the rules need of its space. */
export type ReservationOfSpace = Reservation & { kind: SpaceKind; locationId: number };

/** A reservation as the caller sees it: with its space, its location and its state at `now`. */
export interface ReservationView {
  reservation: ReservationOfSpace;
  space: SpaceWithKey;
  location: Location;
}

/** A range in which a space is held, for availability. */
export interface BusyView {
  start: number;
  end: number;
  state: 'booked' | 'checked_in';
}

export interface AvailabilityView {
  location: Location;
  from: number;
  to: number;
  spaces: { space: SpaceWithKey; busy: BusyView[] }[];
}

/** A kiosk (reception screen) or a room display, paired to one location. */
export interface Kiosk {
  id: number;
  name: string;
  locationId: number;
  /** Set for a room display: the one room it shows. */
  spaceId: number | null;
  /** The stand-in user that owns what a room display books. */
  userId: number;
  paired: boolean;
  pairingExpiresAt: number | null;
  lastSeenAt: number | null;
  revokedAt: number | null;
}

export type GuestState = 'expected' | 'present' | 'left';

export interface Guest {
  id: number;
  locationId: number;
  hostId: number;
  hostName: string;
  name: string | null;
  organisation: string | null;
  note: string | null;
  spaceId: number | null;
  spaceCode: string | null;
  expectedAt: number;
  inviteCode: string | null;
  state: GuestState;
  arrivedAt: number | null;
  leftAt: number | null;
  anonymised: boolean;
}
