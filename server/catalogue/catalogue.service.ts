import { DomainError } from '../../shared/errors.js';
import type { FloorPlan, Location, Zone } from '../../shared/types.js';
import type { SpaceWithKey } from '../domain.js';
import type { CatalogueStore } from './catalogue.store.js';

/** Read access to locations, zones and spaces. Every member of staff may use every location. */
export function createCatalogueService(catalogue: CatalogueStore) {
  function location(id: number): Location {
    const l = catalogue.location(id);
    if (!l) throw new DomainError('not_found', 'no such location');
    return l;
  }
  return {
    locations: (): Location[] => catalogue.locations(),
    location,
    zones: (locationId: number): Zone[] => (location(locationId), catalogue.zones(locationId)),
    spaces: (locationId: number): SpaceWithKey[] => (location(locationId), catalogue.spaces(locationId)),
    spaceIdsOfLocation: (locationId: number): number[] => (location(locationId), catalogue.spaceIdsOfLocation(locationId)),
    spaceIdsOfZone: (zoneId: number): number[] => catalogue.spaceIdsOfZone(zoneId),
    plans: (locationId: number): FloorPlan[] => (location(locationId), catalogue.plans(locationId)),
    plan(id: number): FloorPlan {
      const p = catalogue.plan(id);
      if (!p) throw new DomainError('not_found', 'no such floor plan');
      return p;
    },
    planImage: (id: number) => catalogue.planImage(id)!,
  };
}

export type CatalogueService = ReturnType<typeof createCatalogueService>;
