import { DomainError } from '../../shared/errors.js';
import { addDaysToDate, localDate, localToInstant } from '../../shared/time.js';
import type { Role, SpaceFeature, SpaceKind, ZoneCharacter } from '../../shared/types.js';
import type { Services } from '../app.deps.js';
import { toActor } from '../auth/auth.service.js';
import { hashPassword } from '../auth/password.js';
import { drawFloorPlan } from './floor-plan.js';
import { createReservationStore } from '../reservations/reservation.store.js';

export const DEMO_PASSWORD = 'plek-demo-2026';

interface ZoneSpec {
  name: string;
  character: ZoneCharacter;
  floor: number;
  spaces: { prefix: string; kind: SpaceKind; count: number; name: string; capacity?: number; features?: (i: number) => SpaceFeature[] }[];
}

const deskFeatures = (i: number): SpaceFeature[] => [
  ...(i % 4 === 0 ? ['second_screen' as const] : []),
  ...(i % 3 === 0 ? ['sit_stand' as const] : []),
  ...(i <= 2 ? ['wheelchair' as const] : []),
];
const hybrid = (): SpaceFeature[] => ['hybrid_av', 'screen', 'whiteboard', 'wheelchair'];

/** The municipality's locations, after the housing vision (Sittard-Geleen style). */
/** Made-up addresses for the demo's main buildings (a guest's invitation names them). */
const demoAddresses: Record<string, string> = {
  'Werk HUB': 'Stationsplein 10, 6131 AA Plekstad',
  'Huis aan de Markt': 'Markt 1, 6131 EK Plekstad',
  'Stadswinkel Geleen': 'Raadhuisplein 5, 6161 AB Plekstad-Geleen',
};

const locations: { name: string; kind: 'hub' | 'townhall' | 'service' | 'wijk'; code: string; zones: ZoneSpec[] }[] = [
  {
    name: 'Werk HUB',
    kind: 'hub',
    code: 'HUB',
    zones: [
      { name: 'Ontmoeten', character: 'dynamisch', floor: 0, spaces: [
        { prefix: '', kind: 'desk', count: 16, name: 'Werkplek', features: deskFeatures },
        { prefix: 'M', kind: 'meeting', count: 3, name: 'Hybride vergaderruimte', capacity: 8, features: hybrid },
        { prefix: 'C', kind: 'call', count: 2, name: 'Belcel' },
      ] },
      { name: 'Samenwerken', character: 'gemengd', floor: 1, spaces: [
        { prefix: '', kind: 'desk', count: 32, name: 'Werkplek', features: deskFeatures },
        { prefix: 'M', kind: 'meeting', count: 2, name: 'Hybride vergaderruimte', capacity: 6, features: hybrid },
        { prefix: 'C', kind: 'call', count: 3, name: 'Belcel' },
        { prefix: 'F', kind: 'focus', count: 2, name: 'Focusruimte', features: () => ['second_screen'] },
      ] },
      { name: 'Concentratie', character: 'geconcentreerd', floor: 2, spaces: [
        { prefix: '', kind: 'desk', count: 36, name: 'Werkplek', features: deskFeatures },
        { prefix: 'F', kind: 'focus', count: 3, name: 'Focusruimte', features: () => ['second_screen'] },
        { prefix: 'C', kind: 'call', count: 2, name: 'Belcel' },
      ] },
      { name: 'Stilte', character: 'rust', floor: 3, spaces: [
        { prefix: '', kind: 'desk', count: 36, name: 'Stiltewerkplek', features: deskFeatures },
        { prefix: 'F', kind: 'focus', count: 2, name: 'Focusruimte' },
      ] },
    ],
  },
  {
    name: 'Huis aan de Markt',
    kind: 'townhall',
    code: 'HAM',
    zones: [
      { name: 'Ontvangst', character: 'dynamisch', floor: 0, spaces: [
        { prefix: 'M', kind: 'multi', count: 4, name: 'Multifunctionele ruimte', capacity: 12, features: hybrid },
      ] },
      { name: 'Raadsvoorbereiding', character: 'geconcentreerd', floor: 1, spaces: [
        { prefix: 'R', kind: 'multi', count: 1, name: 'Raadzaal', capacity: 45, features: hybrid },
        { prefix: 'M', kind: 'meeting', count: 3, name: 'Fractiekamer', capacity: 6 },
      ] },
    ],
  },
  {
    name: 'Stadswinkel Geleen',
    kind: 'service',
    code: 'SWG',
    zones: [
      { name: 'Publiekshal', character: 'dynamisch', floor: 0, spaces: [
        { prefix: 'M', kind: 'meeting', count: 2, name: 'Spreekkamer', capacity: 4, features: () => ['wheelchair'] },
      ] },
      { name: 'Backoffice', character: 'gemengd', floor: 1, spaces: [
        { prefix: '', kind: 'desk', count: 6, name: 'Werkplek', features: deskFeatures },
      ] },
    ],
  },
  ...[
    ['Wijksteunpunt Lindenheuvel', 'WLH'],
    ['Bibliotheek Sittard', 'BIB'],
    ['Partnerkantoor Limbricht', 'LIM'],
  ].map(([name, code]) => ({
    name: name!,
    kind: 'wijk' as const,
    code: code!,
    zones: [
      { name: 'Wijkplekken', character: 'gemengd' as const, floor: 0, spaces: [
        { prefix: '', kind: 'desk' as const, count: 4, name: 'Wijkwerkplek', features: deskFeatures },
        { prefix: 'M', kind: 'meeting' as const, count: 1, name: 'Overlegruimte', capacity: 4 },
      ] },
    ],
  })),
];

const people: { email: string; name: string; roles: Role[]; teams: string[] }[] = [
  { email: 'beheer@plek.demo', name: 'Bea Beheer', roles: ['admin', 'employee'], teams: [] },
  { email: 'facilitair@plek.demo', name: 'Frits Facilitair', roles: ['facility', 'employee'], teams: ['Bedrijfsvoering'] },
  { email: 'receptie@plek.demo', name: 'Rana Receptie', roles: ['receptionist', 'employee'], teams: ['Publiekszaken'] },
  { email: 'hr@plek.demo', name: 'Hanneke HR', roles: ['hr', 'employee'], teams: ['Bedrijfsvoering'] },
  { email: 'manager@plek.demo', name: 'Maarten Manager', roles: ['manager', 'employee'], teams: ['Sociaal Domein'] },
  { email: 'medewerker@plek.demo', name: 'Mila Medewerker', roles: ['employee'], teams: ['Sociaal Domein', 'Wijkteams'] },
];

const firstNames = ['Anouk', 'Bram', 'Chantal', 'Daan', 'Eva', 'Fleur', 'Gijs', 'Hatice', 'Iris', 'Joris', 'Karim', 'Lotte', 'Mohamed', 'Noor', 'Olaf', 'Petra', 'Quinten', 'Roos', 'Sem', 'Tess', 'Umut', 'Vera', 'Wout', 'Yara'];
const lastNames = ['Janssen', 'Peters', 'Smeets', 'Hendriks', 'Claessens', 'Vos', 'Bakker', 'Yilmaz', 'Schreurs', 'Dirix', 'El Amrani', 'Meijers'];
const teams = ['Sociaal Domein', 'Ruimte', 'Publiekszaken', 'Bedrijfsvoering', 'Wijkteams'];

/** When the demo's rooms are booked on a busy day, and for how many minutes. */
const roomSlots: Record<SpaceKind, [string[], number]> = {
  desk: [[], 0],
  meeting: [['09:00', '10:30', '13:00', '14:30', '16:00'], 60],
  multi: [['09:00', '13:00'], 120],
  call: [['09:30', '11:00', '13:30', '15:00'], 30],
  focus: [['09:00', '13:00'], 120],
};

/**
 * A year of plausible use of the Werk HUB up to yesterday, so the occupancy report shows
 * something on first start: Monday, Tuesday and Thursday busy, Wednesday and Friday quiet,
 * summer and the Christmas weeks quieter; most check in within 20 minutes, some stay into the
 * evening, about one in twelve never comes. Deterministic (no Math.random), written in bulk.
 */
function pastYear(s: Services, tz: string, today: string, userIds: number[], desks: number[], rooms: { id: number; kind: SpaceKind }[]): void {
  const share: Record<number, number> = { 1: 0.75, 2: 0.85, 3: 0.35, 4: 0.75, 5: 0.25 };
  const rows: Parameters<ReturnType<typeof createReservationStore>['insertPast']>[0][number][] = [];
  for (let back = 365; back >= 1; back--) {
    const date = addDaysToDate(today, -back);
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const month = Number(date.slice(5, 7));
    const season = month === 7 || month === 8 ? 0.55 : month === 12 && Number(date.slice(8)) > 20 ? 0.4 : 1;
    userIds.forEach((userId, i) => {
      const roll = (i * 37 + back * 11 + ((i * back) % 7) * 5) % 100;
      if (roll >= share[weekday]! * season * 100) return;
      const arrive = 480 + ((i * 13 + back * 7) % 7) * 15; // 08:00 .. 09:30
      const leave = (i + back) % 9 === 0 ? 1230 : 930 + ((i * 5 + back) % 8) * 30; // 15:30 .. 19:00, now and then 20:30
      const start = localToInstant(date, `${String(Math.floor(arrive / 60)).padStart(2, '0')}:${String(arrive % 60).padStart(2, '0')}`, tz);
      const end = start + (leave - arrive) * 60_000;
      const noShow = (i * 3 + back) % 12 === 0;
      const checkedInAt = noShow ? null : start + ((i + back) % 5) * 4 * 60_000;
      rows.push({ spaceId: desks[(i + back * 5) % desks.length]!, userId, start, end, state: noShow ? 'no_show' : 'completed', createdAt: start - 2 * 86_400_000, checkedInAt, endedAt: noShow ? start + 30 * 60_000 : end });
    });
    // The rooms: meetings of an hour, calls of half an hour, focus blocks of two, on the same
    // busy days; some rooms far more used than others (the report's room table), one in ten a no-show.
    rooms.forEach((room, r) => {
      const [times, minutes] = roomSlots[room.kind];
      times.forEach((time, slot) => {
        const roll = (r * 31 + back * 7 + slot * 13) % 100;
        if (roll >= share[weekday]! * season * (1 - (r % 4) * 0.2) * 100) return;
        const start = localToInstant(date, time, tz);
        const end = start + minutes * 60_000;
        const noShow = (r + back + slot) % 10 === 0;
        const userId = userIds[(r * 17 + back * 3 + slot * 5) % userIds.length]!;
        rows.push({ spaceId: room.id, userId, start, end, state: noShow ? 'no_show' : 'completed', createdAt: start - 86_400_000, checkedInAt: noShow ? null : start + ((r + slot + back) % 3) * 2 * 60_000, endedAt: noShow ? start + 10 * 60_000 : end });
      });
    });
  }
  createReservationStore(s.db).insertPast(rows);
}

/**
 * Fills an empty database with the municipality's locations, teams and people, and some
 * reservations for today and the coming days so the app and kiosk look lived in.
 * Returns null when the database already has locations (never seeds twice).
 */
export async function seedDemo(s: Services): Promise<{ password: string; users: { email: string; roles: Role[] }[] } | null> {
  if (s.catalogue.locations().length > 0) return null;
  const hash = await hashPassword(DEMO_PASSWORD);
  const origin = 'demo';

  const hubDesks: number[] = [];
  const hubRooms: { id: number; kind: SpaceKind }[] = [];
  for (const spec of locations) {
    const location = s.admin.createLocation(null, { name: spec.name, kind: spec.kind, ...(demoAddresses[spec.name] ? { address: demoAddresses[spec.name] } : {}) }, origin);
    // The municipality's offices open on workdays only: the app offers no weekend there.
    s.admin.updatePolicy(null, location.id, { openDays: ['mon', 'tue', 'wed', 'thu', 'fri'] }, origin);
    for (const z of spec.zones) {
      const zone = s.admin.createZone(null, location.id, { name: z.name, character: z.character, floor: z.floor }, origin);
      const made: { id: number; code: string; kind: SpaceKind }[] = [];
      for (const group of z.spaces) {
        for (let i = 1; i <= group.count; i++) {
          const number = group.prefix ? `${group.prefix}${String(i).padStart(2, '0')}` : String(i).padStart(3, '0');
          const code = spec.kind === 'wijk' ? `${spec.code}-${number}` : `${spec.code}-${z.floor}-${number}`;
          const space = s.admin.createSpace(null, location.id, {
            code,
            name: `${group.name} ${group.prefix ? i : `${z.floor}.${String(i).padStart(2, '0')}`}`,
            kind: group.kind,
            zoneId: zone.id,
            capacity: group.capacity ?? 1,
            features: group.features?.(i) ?? [],
          }, origin);
          if (spec.code === 'HUB' && group.kind === 'desk') hubDesks.push(space.id);
          if (spec.code === 'HUB' && group.kind !== 'desk') hubRooms.push({ id: space.id, kind: group.kind });
          made.push({ id: space.id, code, kind: group.kind });
        }
      }
      // The Werk HUB has a plan per floor (one zone each), so the app's plan view shows at once.
      if (spec.code === 'HUB') {
        const drawn = drawFloorPlan({ title: `${spec.name} · verdieping ${z.floor}`, zone: z.name, character: z.character, spaces: made });
        const plan = s.admin.addPlan(null, location.id, { name: `Verdieping ${z.floor} – ${z.name}`, floor: z.floor, zoneId: zone.id, mime: 'image/png', image: drawn.png }, origin);
        for (const sp of made) s.admin.placeSpace(null, sp.id, { planId: plan.id, ...drawn.at.get(sp.code)! }, origin);
      }
    }
  }

  const created = people.map((p) => s.admin.createUserWithHash(null, p, hash, origin));
  let n = 0;
  for (const first of firstNames) {
    const last = lastNames[n % lastNames.length]!;
    const email = `${first}.${last}`.toLowerCase().replace(/\s+/g, '') + '@plek.demo';
    created.push(s.admin.createUserWithHash(null, { email, name: `${first} ${last}`, roles: ['employee'], teams: [teams[n % teams.length]!] }, hash, origin));
    n++;
  }

  const receptionist = created.find((u) => u.roles.includes('receptionist'))!;
  const receptionAt = s.catalogue.locations().filter((l) => l.kind === 'hub' || l.kind === 'service').map((l) => l.id);
  s.admin.setLocations(null, receptionist.id, receptionAt, origin);
  s.admin.setBhv(null, created.find((u) => u.email === 'manager@plek.demo')!.id, true, origin);

  // Busy Tuesdays and quiet Fridays, as the municipality sees today.
  const hub = s.catalogue.locations().find((l) => l.kind === 'hub')!;
  const today = localDate(s.clock.now(), hub.timezone);
  const colleagues = created.slice(people.length);
  pastYear(s, hub.timezone, today, colleagues.map((u) => u.id), hubDesks, hubRooms);
  for (let day = 0; day < 7; day++) {
    const date = addDaysToDate(today, day);
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const share = { 1: 0.8, 2: 0.9, 3: 0.4, 4: 0.8, 5: 0.3 }[weekday] ?? 0.5;
    colleagues.forEach((person, i) => {
      if ((i * 37 + day * 11) % 100 >= share * 100) return;
      const spaceId = hubDesks[(i * 7 + day * 13) % hubDesks.length]!;
      try {
        s.reservations.create(toActor(person), { spaceId, date, part: 'day' }, origin);
      } catch (err) {
        if (!(err instanceof DomainError)) throw err; // a day already over, a taken desk: skip
      }
    });
  }
  return { password: DEMO_PASSWORD, users: people.map((p) => ({ email: p.email, roles: p.roles })) };
}
