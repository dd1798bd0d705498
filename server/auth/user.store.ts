import type { Role, Team } from '../../shared/types.js';
import type { Db } from '../db/database.js';
import type { UserRecord } from '../domain.js';
import { ReadCache } from '../db/read-cache.js';

interface UserRow {
  id: number;
  email: string;
  name: string;
  password_hash: string | null;
  pass_secret: string;
  show_presence: number;
  disabled: number;
  bhv: number;
  kiosk: number;
}

export interface SessionRecord {
  userId: number;
  createdAt: number;
  lastSeenAt: number;
  /** How the person signed in: with a password here, or at the identity provider. */
  via: 'password' | 'oidc';
}

/** All SQL of users, roles, teams and sessions. */
// Kiosk stand-ins are never listed; a role filter is an EXISTS so a person with two roles counts once.
const listWhere = "kiosk = 0 AND (name LIKE @like ESCAPE '\\' OR email LIKE @like ESCAPE '\\') AND (@role IS NULL OR EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = users.id AND r.role = @role))";

export function createUserStore(db: Db) {
  const q = {
    byId: db.prepare<[number], UserRow>('SELECT * FROM users WHERE id = ?'),
    byEmail: db.prepare<[string], UserRow>('SELECT * FROM users WHERE email = ?'),
    roles: db.prepare<[number], Role>('SELECT role FROM user_roles WHERE user_id = ? ORDER BY role').pluck(),
    teams: db.prepare<[number], Team>(
      'SELECT t.id, t.name FROM teams t JOIN team_members m ON m.team_id = t.id WHERE m.user_id = ? ORDER BY t.name',
    ),
    insert: db.prepare('INSERT INTO users (email, name, password_hash, pass_secret, created_at) VALUES (?, ?, ?, ?, ?)'),
    insertRole: db.prepare('INSERT OR IGNORE INTO user_roles (user_id, role) VALUES (?, ?)'),
    teamByName: db.prepare<[string], { id: number }>('SELECT id FROM teams WHERE name = ?'),
    insertTeam: db.prepare('INSERT INTO teams (name) VALUES (?)'),
    insertMember: db.prepare('INSERT OR IGNORE INTO team_members (team_id, user_id) VALUES (?, ?)'),
    list: db.prepare<[{ like: string; role: string | null; limit: number; offset: number }], UserRow & { last_sign_in_at: number | null }>(
      `SELECT users.*, (SELECT max(at) FROM audit_log WHERE actor = 'u:' || users.id AND action = 'auth.login' AND result = 'ok') AS last_sign_in_at
       FROM users WHERE ${listWhere} ORDER BY name, id LIMIT @limit OFFSET @offset`,
    ),
    count: db.prepare<[{ like: string; role: string | null }], number>(`SELECT count(*) FROM users WHERE ${listWhere}`).pluck(),
    setName: db.prepare('UPDATE users SET name = ? WHERE id = ?'),
    clearRoles: db.prepare('DELETE FROM user_roles WHERE user_id = ?'),
    clearTeams: db.prepare('DELETE FROM team_members WHERE user_id = ?'),
    activeAdmins: db.prepare<[], number>("SELECT count(*) FROM user_roles r JOIN users u ON u.id = r.user_id WHERE r.role = 'admin' AND u.disabled = 0").pluck(),
    anyAdmin: db.prepare("SELECT 1 FROM user_roles r JOIN users u ON u.id = r.user_id WHERE r.role = 'admin' AND u.disabled = 0 LIMIT 1"),
    setDisabled: db.prepare('UPDATE users SET disabled = ? WHERE id = ?'),
    setPasswordHash: db.prepare('UPDATE users SET password_hash = ? WHERE id = ?'),
    setShowPresence: db.prepare('UPDATE users SET show_presence = ? WHERE id = ?'),
    locations: db.prepare<[number], number>('SELECT location_id FROM user_locations WHERE user_id = ? ORDER BY location_id').pluck(),
    clearLocations: db.prepare('DELETE FROM user_locations WHERE user_id = ?'),
    addLocation: db.prepare('INSERT OR IGNORE INTO user_locations (user_id, location_id) VALUES (?, ?)'),
    setCalendarToken: db.prepare('UPDATE users SET calendar_token_hash = ? WHERE id = ?'),
    byCalendarToken: db.prepare<[string], { id: number }>('SELECT id FROM users WHERE calendar_token_hash = ? AND disabled = 0'),
    hasCalendar: db.prepare<[number], { n: number }>('SELECT calendar_token_hash IS NOT NULL AS n FROM users WHERE id = ?'),
    markKiosk: db.prepare('UPDATE users SET kiosk = 1, show_presence = 0 WHERE id = ?'),
    setBhv: db.prepare('UPDATE users SET bhv = ? WHERE id = ?'),
    session: db.prepare<[string], { user_id: number; created_at: number; last_seen_at: number; via: 'password' | 'oidc' }>(
      'SELECT user_id, created_at, last_seen_at, via FROM sessions WHERE id_hash = ?',
    ),
    insertSession: db.prepare('INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at, via) VALUES (?, ?, ?, ?, ?)'),
    touchSession: db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?'),
    deleteSession: db.prepare('DELETE FROM sessions WHERE id_hash = ?'),
    deleteUserSessions: db.prepare('DELETE FROM sessions WHERE user_id = ?'),
    deleteExpiredSessions: db.prepare('DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?'),
  };
  const toUser = (r: UserRow): UserRecord => ({
    id: r.id,
    email: r.email,
    name: r.name,
    roles: q.roles.all(r.id),
    teams: q.teams.all(r.id),
    disabled: r.disabled === 1,
    showPresence: r.show_presence === 1,
    bhv: r.bhv === 1,
    passwordHash: r.password_hash,
    passSecret: r.pass_secret,
  });
  // Every authenticated request needs the person with roles and teams; they change rarely.
  const users = new ReadCache<number, UserRecord>(db);
  // Every request looks up its session; sessions change only through the methods below, which
  // drop what they change from the cache before writing.
  const sessions = new ReadCache<string, SessionRecord>(db);
  return {
    byId(id: number): UserRecord | undefined {
      return users.get(id, () => {
        const row = q.byId.get(id);
        return row && toUser(row);
      });
    },
    byEmail(email: string): UserRecord | undefined {
      const row = q.byEmail.get(email);
      return row && toUser(row);
    },
    insert(u: { email: string; name: string; passwordHash: string | null; passSecret: string }, now: number): number {
      users.clear();
      return Number(q.insert.run(u.email, u.name, u.passwordHash, u.passSecret, now).lastInsertRowid);
    },
    addRole(userId: number, role: Role): void {
      users.clear();
      q.insertRole.run(userId, role);
    },
    /** The team's id, creating the team when it does not exist yet. */
    ensureTeam(name: string): number {
      return q.teamByName.get(name)?.id ?? Number(q.insertTeam.run(name).lastInsertRowid);
    },
    addMember(teamId: number, userId: number): void {
      users.clear();
      q.insertMember.run(teamId, userId);
    },
    /**
     * People (not kiosk stand-ins) whose name or e-mail contains `search`, with `role` when
     * given, a page at a time, each with their last sign-in (from the audit log).
     */
    list(search: string, role: Role | null, limit: number, offset: number): { users: (UserRecord & { lastSignInAt: number | null })[]; total: number } {
      const like = `%${search.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
      return { users: q.list.all({ like, role, limit, offset }).map((r) => ({ ...toUser(r), lastSignInAt: r.last_sign_in_at })), total: q.count.get({ like, role })! };
    },
    setName(userId: number, name: string): void {
      users.clear();
      q.setName.run(name, userId);
    },
    setRoles(userId: number, roles: Role[]): void {
      users.clear();
      q.clearRoles.run(userId);
      for (const role of new Set(roles)) q.insertRole.run(userId, role);
    },
    setTeams(userId: number, teamIds: number[]): void {
      users.clear();
      q.clearTeams.run(userId);
      for (const id of new Set(teamIds)) q.insertMember.run(id, userId);
    },
    activeAdmins: (): number => q.activeAdmins.get()!,
    anyAdmin: (): boolean => q.anyAdmin.get() !== undefined,
    /** The locations a receptionist works at. */
    locations: (userId: number): number[] => q.locations.all(userId),
    setLocations(userId: number, locationIds: number[]): void {
      q.clearLocations.run(userId);
      for (const id of locationIds) q.addLocation.run(userId, id);
    },
    setCalendarToken(userId: number, tokenHash: string | null): void {
      q.setCalendarToken.run(tokenHash, userId);
    },
    userByCalendarToken: (tokenHash: string): number | undefined => q.byCalendarToken.get(tokenHash)?.id,
    hasCalendar: (userId: number): boolean => q.hasCalendar.get(userId)?.n === 1,
    markKiosk(userId: number): void {
      users.clear();
      q.markKiosk.run(userId);
    },
    setBhv(userId: number, bhv: boolean): void {
      users.clear();
      q.setBhv.run(bhv ? 1 : 0, userId);
    },
    setShowPresence(userId: number, show: boolean): void {
      users.clear();
      q.setShowPresence.run(show ? 1 : 0, userId);
    },
    setPasswordHash(userId: number, passwordHash: string): void {
      users.clear();
      q.setPasswordHash.run(passwordHash, userId);
    },
    setDisabled(userId: number, disabled: boolean): void {
      users.clear();
      q.setDisabled.run(disabled ? 1 : 0, userId);
    },
    session(idHash: string): SessionRecord | undefined {
      return sessions.get(idHash, () => {
        const row = q.session.get(idHash);
        return row && { userId: row.user_id, createdAt: row.created_at, lastSeenAt: row.last_seen_at, via: row.via };
      });
    },
    insertSession(idHash: string, userId: number, now: number, via: SessionRecord['via'] = 'password'): void {
      sessions.delete(idHash);
      q.insertSession.run(idHash, userId, now, now, via);
    },
    touchSession(idHash: string, now: number): void {
      sessions.delete(idHash);
      q.touchSession.run(now, idHash);
    },
    deleteSession(idHash: string): void {
      sessions.delete(idHash);
      q.deleteSession.run(idHash);
    },
    deleteUserSessions(userId: number): void {
      sessions.clear();
      q.deleteUserSessions.run(userId);
    },
    deleteExpiredSessions(idleBefore: number, createdBefore: number): number {
      sessions.clear();
      return q.deleteExpiredSessions.run(idleBefore, createdBefore).changes;
    },
  };
}

export type UserStore = ReturnType<typeof createUserStore>;
