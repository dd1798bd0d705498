import type { FloorPlanDto, LocationDto, ReservationDto, SpaceDto, ZoneDto } from '../../shared/api.js';
import { checkInWindow } from '../../shared/rules.js';
import { toIsoInZone } from '../../shared/time.js';
import type { FloorPlan, Location, Zone } from '../../shared/types.js';
import type { ReservationView, SpaceWithKey } from '../domain.js';
import type { Closed } from '../holidays.js';

/** Domain objects to the JSON the API promises (shared/api.ts). */

export const locationDto = (l: Location): LocationDto => ({ id: l.id, name: l.name, kind: l.kind, address: l.address, timezone: l.timezone, policy: l.policy });

export const zoneDto = (z: Zone): ZoneDto => ({ id: z.id, locationId: z.locationId, name: z.name, character: z.character, floor: z.floor });

export const planDto = (p: FloorPlan): FloorPlanDto => ({ ...p, imageUrl: `/api/v1/plans/${p.id}/image` });

/** The QR key only when the caller may print labels; nobody else ever sees it. */
export function spaceDto(s: SpaceWithKey, withKey: boolean): SpaceDto {
  const dto: SpaceDto = {
    id: s.id,
    locationId: s.locationId,
    zoneId: s.zoneId,
    code: s.code,
    name: s.name,
    kind: s.kind,
    capacity: s.capacity,
    features: s.features,
    plan: s.plan,
  };
  if (withKey) dto.key = s.key;
  return dto;
}

export function reservationDto(v: ReservationView): ReservationDto {
  const { reservation: r, space, location } = v;
  const tz = location.timezone;
  const window = checkInWindow(r, space.kind, location.policy);
  return {
    id: r.id,
    spaceId: r.spaceId,
    spaceCode: space.code,
    spaceName: space.name,
    locationId: location.id,
    start: toIsoInZone(r.start, tz),
    end: toIsoInZone(r.end, tz),
    state: r.state,
    createdAt: toIsoInZone(r.createdAt, tz),
    checkedInAt: r.checkedInAt === null ? null : toIsoInZone(r.checkedInAt, tz),
    checkInOpensAt: toIsoInZone(window.start, tz),
    checkInClosesAt: toIsoInZone(window.end, tz),
  };
}

/** Why the location is closed and when it opens, its time in the location's zone (kiosk board, room display, a phone at a label). */
export const closedDto = (closed: Closed | null, tz: string) => closed && { reason: closed.reason, holiday: closed.holiday, opensAt: closed.opensAt === null ? null : toIsoInZone(closed.opensAt, tz) };
