import type { BoardDto } from '../shared/api-client.js';
import type { ZoneDto } from '../shared/api.js';

export type BoardSpace = BoardDto['spaces'][number];

/** A zone of the board with its spaces: "Stilte · 2 van 4 vrij". `zone` null: spaces in no zone. */
export interface ZoneArea {
  key: string;
  zone: ZoneDto | null;
  floor: number | null;
  spaces: BoardSpace[];
  free: number;
}

/** A floor with its zones: "Verdieping 3 · 12 van 30 vrij". */
export interface FloorArea {
  key: string;
  floor: number | null;
  zones: ZoneArea[];
  spaces: BoardSpace[];
  free: number;
}

/** What the person chose to look at: a whole floor or one zone. */
export type AreaKey = string;

const freeOf = (spaces: BoardSpace[]) => spaces.filter((s) => s.free).length;

/**
 * The board by floor and zone (lowest floor first, spaces without a floor or zone last), each
 * with how many of its spaces are free now. `keep` picks the spaces that count (every space on
 * the board, or only desks for a walk-up); zones without any are left out.
 */
export function areasOf(board: BoardDto, keep: (s: BoardSpace) => boolean = () => true): FloorArea[] {
  const zones = new Map(board.zones.map((z) => [z.id, z]));
  const byZone = new Map<string, ZoneArea>();
  for (const s of board.spaces) {
    if (!keep(s)) continue;
    const zone = s.zoneId === null ? null : (zones.get(s.zoneId) ?? null);
    const key = `zone-${zone?.id ?? 'none'}`;
    let area = byZone.get(key);
    if (!area) byZone.set(key, (area = { key, zone, floor: zone?.floor ?? null, spaces: [], free: 0 }));
    area.spaces.push(s);
  }
  const floors = new Map<string, FloorArea>();
  for (const area of byZone.values()) {
    area.free = freeOf(area.spaces);
    const key = `floor-${area.floor ?? 'none'}`;
    let floor = floors.get(key);
    if (!floor) floors.set(key, (floor = { key, floor: area.floor, zones: [], spaces: [], free: 0 }));
    floor.zones.push(area);
    floor.spaces.push(...area.spaces);
  }
  const order = (n: number | null) => (n === null ? Number.POSITIVE_INFINITY : n);
  const list = [...floors.values()].sort((a, b) => order(a.floor) - order(b.floor));
  for (const f of list) {
    f.free = freeOf(f.spaces);
    f.zones.sort((a, b) => (a.zone === null ? 1 : b.zone === null ? -1 : a.zone.name.localeCompare(b.zone.name, 'nl')));
  }
  return list;
}

/** The floor or zone a key names, with its spaces. */
export function areaByKey(floors: FloorArea[], key: AreaKey | null): FloorArea | ZoneArea | null {
  for (const f of floors) {
    if (f.key === key) return f;
    for (const z of f.zones) if (z.key === key) return z;
  }
  return null;
}

/** The floor plans that show an area: its zone's own, else its floor's. */
export function plansOf(board: BoardDto, area: FloorArea | ZoneArea): BoardDto['plans'] {
  if ('zones' in area) {
    const ids = new Set(area.zones.map((z) => z.zone?.id));
    return board.plans.filter((p) => (p.zoneId !== null && ids.has(p.zoneId)) || (p.zoneId === null && p.floor !== null && p.floor === area.floor));
  }
  const own = board.plans.filter((p) => area.zone !== null && p.zoneId === area.zone.id);
  return own.length > 0 ? own : board.plans.filter((p) => p.zoneId === null && p.floor !== null && p.floor === area.floor);
}
