/**
 * Plausible history of a municipality of 1,000 staff, written straight into Plek's schema: the
 * catalogue through the services (as an admin would make it), the reservations by prepared
 * INSERTs in one transaction, since a million creates through the API would take hours.
 * 500 reservations a workday going back from yesterday, 80 % completed, 8 % no-show, 12 %
 * cancelled; today's morning bookings are left booked and past their grace, for the sweep.
 */
import { hashPassword } from '../server/auth/password.js';
import { createServices } from '../server/app.js';
import type { Clock } from '../server/clock.js';
import { testConfig } from '../server/config.js';
import { openDatabase } from '../server/db/database.js';
import { addDaysToDate, localDate, localToInstant } from '../shared/time.js';
import type { SpaceKind } from '../shared/types.js';

export const PEOPLE = 1000;
export const PER_DAY = 500;
export const FACILITY = { email: 'facility@plek.test', password: 'bench facility password' };
export const EMPLOYEE_PASSWORD = 'bench user password';
const TZ = 'Europe/Amsterdam';

/** A small deterministic generator, so every run measures the same history. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface ScaleData {
  hubId: number;
  desks: number[];
  rooms: number[];
  /** Employees with a password the bench can sign in with (the rest have none). */
  signInEmails: string[];
  from: string;
  to: string;
}

/** Creates `file` with `total` reservations of history; returns what the bench needs to ask for. */
export async function generate(file: string, total: number, clock: Clock): Promise<ScaleData> {
  const db = openDatabase(file);
  const s = createServices(db, clock, testConfig({ dbFile: file }));
  const userHash = await hashPassword(EMPLOYEE_PASSWORD);
  s.admin.createUserWithHash(null, { email: FACILITY.email, name: 'Facility', roles: ['facility'] }, await hashPassword(FACILITY.password), null);
  const users: number[] = [];
  const signInEmails: string[] = [];
  db.transaction(() => {
    for (let i = 0; i < PEOPLE; i++) {
      const email = `person${i}@plek.test`;
      // Signing in costs an argon2 hash each; a hundred people are enough to create with.
      users.push(s.admin.createUserWithHash(null, { email, name: `Person ${i}`, roles: ['employee'] }, i < 100 ? userHash : null, null).id);
      if (i < 100) signInEmails.push(email);
    }
  })();

  // 250 spaces: the central office with 200 (150 desks in four zones, focus rooms, call booths,
  // meeting rooms) and three neighbourhood offices with 50 between them.
  const spaces: { id: number; kind: SpaceKind; location: number }[] = [];
  const hub = s.admin.createLocation(null, { name: 'Werk HUB', kind: 'hub', timezone: TZ }, null);
  s.admin.updatePolicy(null, hub.id, { daysAhead: 90, maxAhead: 500, closedOnHolidays: false }, null);
  const zones = (['dynamisch', 'gemengd', 'geconcentreerd', 'rust'] as const).map((character, i) => s.admin.createZone(null, hub.id, { name: `Zone ${i + 1}`, character, floor: i }, null).id);
  const add = (location: number, code: string, kind: SpaceKind, zoneId?: number) =>
    spaces.push({ id: s.admin.createSpace(null, location, { code, name: code, kind, ...(zoneId ? { zoneId } : {}) }, null).id, kind, location });
  for (let i = 0; i < 150; i++) add(hub.id, `HUB-D${i}`, 'desk', zones[i % 4]);
  for (let i = 0; i < 20; i++) add(hub.id, `HUB-F${i}`, 'focus', zones[3]);
  for (let i = 0; i < 15; i++) add(hub.id, `HUB-C${i}`, 'call', zones[1]);
  for (let i = 0; i < 15; i++) add(hub.id, `HUB-M${i}`, 'meeting');
  for (let w = 0; w < 3; w++) {
    const wijk = s.admin.createLocation(null, { name: `Wijkkantoor ${w + 1}`, kind: 'wijk', timezone: TZ }, null);
    const n = w === 0 ? 18 : 16;
    for (let i = 0; i < n; i++) add(wijk.id, `W${w}-${i}`, i < n - 4 ? 'desk' : 'meeting');
  }

  const rnd = random(13);
  const insert = db.prepare(
    'INSERT INTO reservations (space_id, user_id, start_ms, end_ms, state, source, created_at, checked_in_at, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const today = localDate(clock.now(), TZ);
  let written = 0;
  let day = today;
  let first = today;
  const MIN = 60_000;
  db.transaction(() => {
    while (written < total) {
      day = addDaysToDate(day, -1);
      const wd = new Date(`${day}T12:00:00Z`).getUTCDay();
      if (wd === 0 || wd === 6) continue;
      first = day;
      // Local times once per day: the DST days get their true lengths.
      const at = (h: number, m = 0) => localToInstant(day, `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`, TZ);
      const morning = [at(8, 30), at(12, 30)] as const;
      const afternoon = [at(12, 30), at(17)] as const;
      const whole = [at(8, 30), at(17)] as const;
      const hours = Array.from({ length: 11 }, (_, h) => at(8 + h));
      // Candidate slots of the day, shuffled; a day takes the first 500, so no space is booked twice at once.
      const slots: [number, number, number][] = [];
      for (const sp of spaces) {
        if (sp.kind === 'desk') {
          if (rnd() < 0.5) slots.push([sp.id, whole[0], whole[1]]);
          else slots.push([sp.id, morning[0], morning[1]], [sp.id, afternoon[0], afternoon[1]]);
        } else {
          for (let h = 0; h + 1 < hours.length; h += 2) slots.push([sp.id, hours[h]!, hours[h + 1 + (rnd() < 0.3 ? 1 : 0)] ?? hours[h + 1]!]);
        }
      }
      for (let i = slots.length - 1; i > 0; i--) {
        const j = Math.floor(rnd() * (i + 1));
        [slots[i], slots[j]] = [slots[j]!, slots[i]!];
      }
      for (let i = 0; i < Math.min(PER_DAY, slots.length) && written < total; i++, written++) {
        const [spaceId, start, end] = slots[i]!;
        const user = users[Math.floor(rnd() * PEOPLE)]!;
        const created = start - Math.floor(rnd() * 14 * 24 * 60) * MIN;
        const p = rnd();
        if (p < 0.8) {
          const checkedIn = start + Math.floor(rnd() * 25 - 10) * MIN;
          const ended = rnd() < 0.3 ? end - Math.floor(rnd() * 60) * MIN : end;
          insert.run(spaceId, user, start, end, 'completed', 'app', created, checkedIn, Math.max(ended, checkedIn + MIN));
        } else if (p < 0.88) insert.run(spaceId, user, start, end, 'no_show', 'app', created, null, start + 30 * MIN);
        else insert.run(spaceId, user, start, end, 'cancelled', 'app', created, null, start - Math.floor(rnd() * 600) * MIN);
      }
    }
    // Today's desks booked three hours ago and never claimed: due for the no-show sweep.
    const due = clock.now() - 3 * 3_600_000;
    for (const sp of spaces.filter((x) => x.kind === 'desk')) insert.run(sp.id, users[sp.id % PEOPLE]!, due, due + 8 * 3_600_000, 'booked', 'app', due - 86_400_000, null, null);
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('ANALYZE');
  db.close();
  return {
    hubId: hub.id,
    desks: spaces.filter((x) => x.kind === 'desk' && x.location === hub.id).map((x) => x.id),
    rooms: spaces.filter((x) => x.kind !== 'desk' && x.location === hub.id).map((x) => x.id),
    signInEmails,
    from: addDaysToDate(today, -365),
    to: addDaysToDate(today, -1),
  };
}
