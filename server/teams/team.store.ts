import type { Weekday } from '../../shared/types.js';
import type { Db } from '../db/database.js';

export interface TeamRecord {
  id: number;
  name: string;
  zoneId: number | null;
  days: Weekday[];
  memberCount: number;
}

interface TeamRow {
  id: number;
  name: string;
  zone_id: number | null;
  days: string | null;
  members: number;
}

const select = `
  SELECT t.id, t.name, t.zone_id,
    (SELECT group_concat(weekday) FROM team_days d WHERE d.team_id = t.id) AS days,
    (SELECT count(*) FROM team_members m JOIN users u ON u.id = m.user_id WHERE m.team_id = t.id AND u.disabled = 0) AS members
  FROM teams t`;

const weekOrder: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];
const toTeam = (r: TeamRow): TeamRecord => ({
  id: r.id,
  name: r.name,
  zoneId: r.zone_id,
  days: weekOrder.filter((d) => (r.days ?? '').split(',').includes(d)),
  memberCount: r.members,
});

/** All SQL of teams, their office days and members. */
export function createTeamStore(db: Db) {
  const q = {
    all: db.prepare<[], TeamRow>(`${select} ORDER BY t.name`),
    byId: db.prepare<[number], TeamRow>(`${select} WHERE t.id = ?`),
    ofUser: db.prepare<[number], TeamRow>(`${select} JOIN team_members mine ON mine.team_id = t.id WHERE mine.user_id = ? ORDER BY t.name`),
    byName: db.prepare<[string], { id: number }>('SELECT id FROM teams WHERE name = ?'),
    insert: db.prepare('INSERT INTO teams (name, zone_id) VALUES (?, ?)'),
    update: db.prepare('UPDATE teams SET name = ?, zone_id = ? WHERE id = ?'),
    clearDays: db.prepare('DELETE FROM team_days WHERE team_id = ?'),
    addDay: db.prepare('INSERT INTO team_days (team_id, weekday) VALUES (?, ?)'),
    members: db.prepare<[number], { id: number; name: string }>(
      'SELECT u.id, u.name FROM team_members m JOIN users u ON u.id = m.user_id WHERE m.team_id = ? AND u.disabled = 0 ORDER BY u.name',
    ),
    isMember: db.prepare<[number, number], number>('SELECT 1 FROM team_members WHERE team_id = ? AND user_id = ?').pluck(),
  };
  return {
    all: (): TeamRecord[] => q.all.all().map(toTeam),
    byId(id: number): TeamRecord | undefined {
      const row = q.byId.get(id);
      return row && toTeam(row);
    },
    ofUser: (userId: number): TeamRecord[] => q.ofUser.all(userId).map(toTeam),
    nameTaken(name: string, except?: number): boolean {
      const found = q.byName.get(name);
      return found !== undefined && found.id !== except;
    },
    insert: (name: string, zoneId: number | null): number => Number(q.insert.run(name, zoneId).lastInsertRowid),
    update(id: number, t: { name: string; zoneId: number | null }): void {
      q.update.run(t.name, t.zoneId, id);
    },
    setDays(id: number, days: Weekday[]): void {
      q.clearDays.run(id);
      for (const day of new Set(days)) q.addDay.run(id, day);
    },
    members: (teamId: number) => q.members.all(teamId),
    isMember: (teamId: number, userId: number): boolean => q.isMember.get(teamId, userId) === 1,
  };
}

export type TeamStore = ReturnType<typeof createTeamStore>;
