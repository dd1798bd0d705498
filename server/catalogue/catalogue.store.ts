import { defaultPolicy, mergePolicy } from '../../shared/rules.js';
import type { FloorPlan, Location, LocationKind, PlanPosition, Policy, Space, SpaceFeature, SpaceKind, Zone, ZoneCharacter } from '../../shared/types.js';
import type { Db } from '../db/database.js';
import type { SpaceWithKey } from '../domain.js';
import { ReadCache } from '../db/read-cache.js';

interface LocationRow {
  id: number;
  name: string;
  kind: LocationKind;
  address: string | null;
  timezone: string;
  policy: string;
}
interface ZoneRow {
  id: number;
  location_id: number;
  name: string;
  character: ZoneCharacter;
  floor: number | null;
}
interface SpaceRow {
  id: number;
  location_id: number;
  zone_id: number | null;
  code: string;
  name: string;
  kind: SpaceKind;
  capacity: number;
  features: string;
  qr_key: string;
  active: number;
  plan_id: number | null;
  plan_x: number | null;
  plan_y: number | null;
}
interface PlanRow {
  id: number;
  location_id: number;
  zone_id: number | null;
  floor: number | null;
  name: string;
}

export type SpaceEdit = Pick<Space, 'name' | 'kind' | 'zoneId' | 'capacity' | 'features'>;

const toLocation = (r: LocationRow): Location => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  address: r.address,
  timezone: r.timezone,
  // Stored policies are merged over the defaults so a policy field added later has a value.
  policy: mergePolicy(defaultPolicy, JSON.parse(r.policy) as Policy),
});
const toZone = (r: ZoneRow): Zone => ({ id: r.id, locationId: r.location_id, name: r.name, character: r.character, floor: r.floor });
const toSpace = (r: SpaceRow): SpaceWithKey => ({
  id: r.id,
  locationId: r.location_id,
  zoneId: r.zone_id,
  code: r.code,
  name: r.name,
  kind: r.kind,
  capacity: r.capacity,
  features: JSON.parse(r.features) as SpaceFeature[],
  active: r.active === 1,
  plan: r.plan_id === null ? null : { planId: r.plan_id, x: r.plan_x!, y: r.plan_y! },
  key: r.qr_key,
});
const toPlan = (r: PlanRow): FloorPlan => ({ id: r.id, locationId: r.location_id, zoneId: r.zone_id, floor: r.floor, name: r.name });

/** All SQL of locations, zones and spaces. */
export function createCatalogueStore(db: Db) {
  const q = {
    locations: db.prepare<[], LocationRow>('SELECT * FROM locations WHERE active = 1 ORDER BY id'),
    updateLocation: db.prepare('UPDATE locations SET name = ?, kind = ?, address = ? WHERE id = ?'),
    retireLocation: db.prepare('UPDATE locations SET active = 0 WHERE id = ?'),
    updateZone: db.prepare('UPDATE zones SET name = ?, character = ?, floor = ? WHERE id = ?'),
    retireZone: db.prepare('UPDATE zones SET active = 0 WHERE id = ?'),
    updateSpace: db.prepare('UPDATE spaces SET name = ?, kind = ?, zone_id = ?, capacity = ?, features = ? WHERE id = ?'),
    spaceIdsOfZone: db.prepare<[number], number>('SELECT id FROM spaces WHERE zone_id = ? AND active = 1').pluck(),
    spaceIdsOfLocation: db.prepare<[number], number>('SELECT id FROM spaces WHERE location_id = ? AND active = 1').pluck(),
    place: db.prepare('UPDATE spaces SET plan_id = ?, plan_x = ?, plan_y = ? WHERE id = ?'),
    plans: db.prepare<[number], PlanRow>('SELECT id, location_id, zone_id, floor, name FROM floor_plans WHERE location_id = ? ORDER BY floor, id'),
    plan: db.prepare<[number], PlanRow>('SELECT id, location_id, zone_id, floor, name FROM floor_plans WHERE id = ?'),
    planImage: db.prepare<[number], { mime: string; image: Buffer }>('SELECT mime, image FROM floor_plans WHERE id = ?'),
    insertPlan: db.prepare('INSERT INTO floor_plans (location_id, zone_id, floor, name, mime, image, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    unplaceAll: db.prepare('UPDATE spaces SET plan_id = NULL, plan_x = NULL, plan_y = NULL WHERE plan_id = ?'),
    deletePlan: db.prepare('DELETE FROM floor_plans WHERE id = ?'),
    location: db.prepare<[number], LocationRow>('SELECT * FROM locations WHERE id = ?'),
    locationByName: db.prepare<[string], { id: number }>('SELECT id FROM locations WHERE name = ? COLLATE NOCASE'),
    insertLocation: db.prepare('INSERT INTO locations (name, kind, address, timezone, policy, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
    updatePolicy: db.prepare('UPDATE locations SET policy = ? WHERE id = ?'),
    zones: db.prepare<[number], ZoneRow>('SELECT * FROM zones WHERE location_id = ? AND active = 1 ORDER BY floor, id'),
    zone: db.prepare<[number], ZoneRow>('SELECT * FROM zones WHERE id = ?'),
    zoneByName: db.prepare<[number, string], { id: number }>('SELECT id FROM zones WHERE location_id = ? AND name = ? COLLATE NOCASE'),
    zoneActive: db.prepare<[number], number>('SELECT active FROM zones WHERE id = ?').pluck(),
    locationActive: db.prepare<[number], number>('SELECT active FROM locations WHERE id = ?').pluck(),
    insertZone: db.prepare('INSERT INTO zones (location_id, name, character, floor) VALUES (?, ?, ?, ?)'),
    spaces: db.prepare<[number], SpaceRow>('SELECT * FROM spaces WHERE location_id = ? AND active = 1 ORDER BY code'),
    space: db.prepare<[number], SpaceRow>('SELECT * FROM spaces WHERE id = ?'),
    spaceByCode: db.prepare<[string], SpaceRow>('SELECT * FROM spaces WHERE code = ?'),
    setKey: db.prepare('UPDATE spaces SET qr_key = ? WHERE id = ?'),
    retire: db.prepare('UPDATE spaces SET active = 0 WHERE id = ?'),
    insertSpace: db.prepare(
      'INSERT INTO spaces (location_id, zone_id, code, name, kind, capacity, features, qr_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
  };
  // Read on every reservation and availability request, written by facility now and then.
  const cache = new ReadCache<string, unknown>(db);
  const cached = <T>(key: string, load: () => T | undefined) => cache.get(key, load) as T | undefined;
  const written = <T>(result: T): T => {
    cache.clear();
    return result;
  };
  return {
    locations: (): Location[] => cached('locations', () => q.locations.all().map(toLocation))!,
    location: (id: number): Location | undefined =>
      cached(`location:${id}`, () => {
        const row = q.location.get(id);
        return row && toLocation(row);
      }),
    locationNameTaken: (name: string, except?: number): boolean => {
      const found = q.locationByName.get(name);
      return found !== undefined && found.id !== except;
    },
    locationActive: (id: number): boolean => q.locationActive.get(id) === 1,
    updateLocation(id: number, l: Pick<Location, 'name' | 'kind' | 'address'>): void {
      written(q.updateLocation.run(l.name, l.kind, l.address, id));
    },
    retireLocation(id: number): void {
      written(q.retireLocation.run(id));
    },
    zoneActive: (id: number): boolean => q.zoneActive.get(id) === 1,
    updateZone(id: number, z: Pick<Zone, 'name' | 'character' | 'floor'>): void {
      written(q.updateZone.run(z.name, z.character, z.floor, id));
    },
    retireZone(id: number): void {
      written(q.retireZone.run(id));
    },
    spaceIdsOfZone: (zoneId: number): number[] => q.spaceIdsOfZone.all(zoneId),
    spaceIdsOfLocation: (locationId: number): number[] => q.spaceIdsOfLocation.all(locationId),
    updateSpace(id: number, e: SpaceEdit): void {
      written(q.updateSpace.run(e.name, e.kind, e.zoneId, e.capacity, JSON.stringify(e.features), id));
    },
    place(spaceId: number, at: PlanPosition | null): void {
      written(q.place.run(at?.planId ?? null, at?.x ?? null, at?.y ?? null, spaceId));
    },
    plans: (locationId: number): FloorPlan[] => cached(`plans:${locationId}`, () => q.plans.all(locationId).map(toPlan))!,
    plan(id: number): FloorPlan | undefined {
      const row = q.plan.get(id);
      return row && toPlan(row);
    },
    planImage: (id: number): { mime: string; image: Buffer } | undefined => q.planImage.get(id),
    insertPlan(p: Omit<FloorPlan, 'id'> & { mime: string; image: Buffer }, now: number): number {
      return written(Number(q.insertPlan.run(p.locationId, p.zoneId, p.floor, p.name, p.mime, p.image, now).lastInsertRowid));
    },
    deletePlan(id: number): void {
      q.unplaceAll.run(id);
      written(q.deletePlan.run(id));
    },
    insertLocation(l: { name: string; kind: LocationKind; address?: string | null; timezone: string; policy: Policy }, now: number): number {
      return written(Number(q.insertLocation.run(l.name, l.kind, l.address ?? null, l.timezone, JSON.stringify(l.policy), now).lastInsertRowid));
    },
    updatePolicy(locationId: number, policy: Policy): void {
      written(q.updatePolicy.run(JSON.stringify(policy), locationId));
    },
    zones: (locationId: number): Zone[] => cached(`zones:${locationId}`, () => q.zones.all(locationId).map(toZone))!,
    zone: (id: number): Zone | undefined => {
      const row = q.zone.get(id);
      return row && toZone(row);
    },
    zoneNameTaken: (locationId: number, name: string, except?: number): boolean => {
      const found = q.zoneByName.get(locationId, name);
      return found !== undefined && found.id !== except;
    },
    insertZone(z: Omit<Zone, 'id'>): number {
      return written(Number(q.insertZone.run(z.locationId, z.name, z.character, z.floor).lastInsertRowid));
    },
    spaces: (locationId: number): SpaceWithKey[] => cached(`spaces:${locationId}`, () => q.spaces.all(locationId).map(toSpace))!,
    space: (id: number): SpaceWithKey | undefined =>
      cached(`space:${id}`, () => {
        const row = q.space.get(id);
        return row && toSpace(row);
      }),
    spaceByCode: (code: string): SpaceWithKey | undefined =>
      cached(`code:${code}`, () => {
        const row = q.spaceByCode.get(code);
        return row && toSpace(row);
      }),
    retire(spaceId: number): void {
      written(q.retire.run(spaceId));
    },
    setKey(spaceId: number, key: string): void {
      written(q.setKey.run(key, spaceId));
    },
    insertSpace(s: Omit<SpaceWithKey, 'id' | 'active' | 'plan'>, now: number): number {
      return written(
        Number(q.insertSpace.run(s.locationId, s.zoneId, s.code, s.name, s.kind, s.capacity, JSON.stringify(s.features), s.key, now).lastInsertRowid),
      );
    },
  };
}

export type CatalogueStore = ReturnType<typeof createCatalogueStore>;
