import { DomainError } from '../../shared/errors.js';
import { MAX_DURATION } from '../../shared/rules.js';
import type { Reservation, ReservationState, SpaceKind } from '../../shared/types.js';
import type { Db } from '../db/database.js';
import type { ReservationOfSpace } from '../domain.js';

interface ReservationRow {
  id: number;
  space_id: number;
  user_id: number;
  start_ms: number;
  end_ms: number;
  state: ReservationState;
  created_at: number;
  checked_in_at: number | null;
  ended_at: number | null;
}

type JoinedRow = ReservationRow & { kind: SpaceKind; location_id: number };
type HoldRow = Pick<ReservationRow, 'space_id' | 'start_ms' | 'end_ms' | 'state' | 'created_at'> & { kind: SpaceKind };

/** The part of an active reservation that availability needs. */
export type Hold = Pick<Reservation, 'spaceId' | 'start' | 'end' | 'state' | 'createdAt'> & { kind: SpaceKind };

const toReservation = (r: ReservationRow): Reservation => ({
  id: r.id,
  spaceId: r.space_id,
  userId: r.user_id,
  start: r.start_ms,
  end: r.end_ms,
  state: r.state,
  createdAt: r.created_at,
  checkedInAt: r.checked_in_at,
  endedAt: r.ended_at,
});
const toJoined = (r: JoinedRow): ReservationOfSpace => ({ ...toReservation(r), kind: r.kind, locationId: r.location_id });

const joined = 'SELECT r.*, s.kind, s.location_id FROM reservations r JOIN spaces s ON s.id = r.space_id';
const active = "r.state IN ('booked','checked_in')";
// Overlap with [from, to): the table's CHECK keeps reservations within MAX_DURATION, so an
// overlapping one starts in (from - MAX_DURATION, to): a tight range on the start indexes.
const overlapping = 'r.start_ms > ? AND r.start_ms < ? AND r.end_ms > ?';

/** All SQL of reservations. */
export function createReservationStore(db: Db) {
  const q = {
    byId: db.prepare<[number], JoinedRow>(`${joined} WHERE r.id = ?`),
    activeOnSpace: db.prepare<[number, number, number, number], JoinedRow>(
      `${joined} WHERE r.space_id = ? AND ${active} AND ${overlapping}`,
    ),
    activeOfUserByKind: db.prepare<[number, SpaceKind, number, number, number], JoinedRow>(
      `${joined} WHERE r.user_id = ? AND s.kind = ? AND ${active} AND r.hold_team_id IS NULL AND ${overlapping}`,
    ),
    // From the location's spaces to each space's reservations: touches only what overlaps.
    // Only the columns availability needs: building row objects is most of this query's cost.
    activeInLocation: db.prepare<[number, number, number, number], HoldRow>(
      `SELECT r.space_id, r.start_ms, r.end_ms, r.state, r.created_at, s.kind FROM spaces s CROSS JOIN reservations r ON r.space_id = s.id
       WHERE s.location_id = ? AND ${active} AND ${overlapping} ORDER BY r.start_ms`,
    ),
    ofUser: db.prepare<[number, number, number, number], JoinedRow>(
      `${joined} WHERE r.user_id = ? AND r.hold_team_id IS NULL AND ${overlapping} ORDER BY r.start_ms, r.id`,
    ),
    // Counts no further than the cap: only whether it is reached matters. A live reservation
    // ends after now, so it started after now - MAX_DURATION: a tight range on reservations_user.
    // Every row in that range, from the index alone, is an upper bound of the live ones.
    recentOfUser: db.prepare<[number, number, number], number>(
      'SELECT count(*) FROM (SELECT 1 FROM reservations WHERE user_id = ? AND start_ms > ? LIMIT ?)',
    ).pluck(),
    aheadOfUser: db.prepare<[number, number, number, number, number], number>(
      `SELECT count(*) FROM (SELECT 1 FROM reservations r JOIN spaces s ON s.id = r.space_id
       WHERE r.user_id = ? AND r.start_ms > ? AND r.end_ms > ? AND ${active} AND r.hold_team_id IS NULL AND s.location_id = ? LIMIT ?)`,
    ).pluck(),
    futureOnSpace: db.prepare<[number, number], JoinedRow>(`${joined} WHERE r.space_id = ? AND r.state = 'booked' AND r.start_ms >= ?`),
    deskUse: db.prepare<[number, number, number], { start_ms: number; user_id: number }>(
      `SELECT r.start_ms, r.user_id FROM reservations r JOIN spaces s ON s.id = r.space_id
       WHERE s.location_id = ? AND s.kind = 'desk' AND r.state IN ('booked','checked_in','completed')
         AND r.start_ms >= ? AND r.start_ms < ?`,
    ),
    // The state test first, on its own: only then does SQLite see that the partial index of live
    // rows holds every candidate, instead of reading all reservations (1.4 s at a million).
    sweepCandidates: db.prepare<[number, number], JoinedRow>(
      `${joined} WHERE ${active} AND ((r.state = 'booked' AND r.start_ms <= ?) OR (r.state = 'checked_in' AND r.end_ms <= ?))`,
    ),
    // One page of the sweep: by (start, id) after the last row seen, on the index of live rows.
    sweepPage: db.prepare<[string, number, number, number, number, number], JoinedRow>(
      `${joined} WHERE ${active} AND r.state = ? AND r.start_ms <= ? AND r.end_ms <= ? AND (r.start_ms, r.id) > (?, ?) ORDER BY r.start_ms, r.id LIMIT ?`,
    ),
    insertHold: db.prepare(
      "INSERT INTO reservations (space_id, user_id, start_ms, end_ms, state, source, created_at, hold_team_id, hold_release_at) VALUES (?, ?, ?, ?, 'booked', 'team_hold', ?, ?, ?)",
    ),
    heldForTeam: db.prepare<[number, number, number, number, number], JoinedRow>(
      `${joined} WHERE r.hold_team_id = ? AND r.state = 'booked' AND r.hold_release_at > ? AND ${overlapping} ORDER BY s.code`,
    ),
    claim: db.prepare("UPDATE reservations SET user_id = ?, hold_team_id = NULL, hold_release_at = NULL, source = 'team' WHERE id = ? AND hold_team_id IS NOT NULL AND state = 'booked'"),
    dueHolds: db.prepare<[number], JoinedRow>(`${joined} WHERE r.hold_team_id IS NOT NULL AND r.hold_release_at <= ? AND r.state = 'booked'`),
    insert: db.prepare(
      'INSERT INTO reservations (space_id, user_id, start_ms, end_ms, state, source, created_at, checked_in_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    insertPast: db.prepare<[number, number, number, number, string, number, number | null, number | null]>(
      "INSERT INTO reservations (space_id, user_id, start_ms, end_ms, state, source, created_at, checked_in_at, ended_at) VALUES (?, ?, ?, ?, ?, 'app', ?, ?, ?)",
    ),
    setState: db.prepare<[ReservationState, number | null, number | null, number, ReservationState]>(
      'UPDATE reservations SET state = ?, checked_in_at = COALESCE(?, checked_in_at), ended_at = COALESCE(?, ended_at) WHERE id = ? AND state = ?',
    ),
    move: db.prepare<[number, number, number, number, ReservationState]>('UPDATE reservations SET space_id = ?, start_ms = ?, end_ms = ? WHERE id = ? AND state = ?'),
  };
  const all = (rows: JoinedRow[]) => rows.map(toJoined);

  /**
   * Per person, an upper bound of their rows that start after now - MAX_DURATION: exact when
   * counted, raised by every row that becomes theirs (insert, hold, claim) and never lowered,
   * while time only takes rows out of that range. A row rolled back leaves it too high, which
   * is safe. Only this process writes the database (see ReadCache), and every such write goes
   * through this store, so the bound is never too low: most creates check the per-person cap
   * without reading anything.
   */
  const recentBound = new Map<number, number>();
  const raiseBound = (userId: number) => {
    const bound = recentBound.get(userId);
    if (bound !== undefined) recentBound.set(userId, bound + 1);
  };
  return {
    byId(id: number): ReservationOfSpace | undefined {
      const row = q.byId.get(id);
      return row && toJoined(row);
    },
    /** Active reservations on a space overlapping the half-open interval [start, end). */
    activeOnSpace: (spaceId: number, start: number, end: number) => all(q.activeOnSpace.all(spaceId, start - MAX_DURATION, end, start)),
    activeOfUserByKind: (userId: number, kind: SpaceKind, start: number, end: number) =>
      all(q.activeOfUserByKind.all(userId, kind, start - MAX_DURATION, end, start)),
    /** What holds space in a location during [from, to), for availability. */
    activeInLocation: (locationId: number, from: number, to: number): Hold[] =>
      q.activeInLocation.all(locationId, from - MAX_DURATION, to, from).map((r) => ({
        spaceId: r.space_id,
        start: r.start_ms,
        end: r.end_ms,
        state: r.state,
        createdAt: r.created_at,
        kind: r.kind,
      })),
    ofUser: (userId: number, from: number, to: number) => all(q.ofUser.all(userId, from - MAX_DURATION, to, from)),
    /** True when a person has `cap` or more reservations at a location that have not ended yet. */
    reachedAhead(userId: number, locationId: number, now: number, cap: number): boolean {
      if ((recentBound.get(userId) ?? cap) < cap) return false;
      const recent = q.recentOfUser.get(userId, now - MAX_DURATION, cap)!;
      if (recent >= cap) {
        // Counted only up to this cap: no bound for a location with a higher one.
        recentBound.delete(userId);
        return q.aheadOfUser.get(userId, now - MAX_DURATION, now, locationId, cap)! >= cap;
      }
      if (recentBound.size >= 100_000) recentBound.clear();
      recentBound.set(userId, recent);
      return false;
    },
    /** Bookings on a space that have not started yet. */
    futureOnSpace: (spaceId: number, from: number) => all(q.futureOnSpace.all(spaceId, from)),
    /** Who has a desk when, for the busyness of days (a no-show or a cancellation does not count). */
    deskUse: (locationId: number, from: number, to: number) => q.deskUse.all(locationId, from, to).map((r) => ({ start: r.start_ms, userId: r.user_id })),
    /**
     * A page of what the sweep must look at, `limit` rows after (afterStart, afterId): bookings
     * that have started, or check-ins that have ended. Pages keep the sweep's memory small.
     */
    sweepPage(state: 'booked' | 'checked_in', now: number, after: { start: number; id: number }, limit: number): ReservationOfSpace[] {
      return all(q.sweepPage.all(state, now, state === 'checked_in' ? now : Number.MAX_SAFE_INTEGER, after.start, after.id, limit));
    },
    /** Bookings that have started and check-ins that have ended: what the sweep must look at. */
    sweepCandidates: (now: number) => all(q.sweepCandidates.all(now, now)),
    /**
     * Uses that are over, many at once in one transaction (the demo's year of history): one
     * commit, not thousands; the occupancy triggers count each as it is written.
     */
    insertPast(rows: readonly { spaceId: number; userId: number; start: number; end: number; state: 'completed' | 'no_show'; createdAt: number; checkedInAt: number | null; endedAt: number | null }[]): void {
      db.transaction(() => {
        for (const r of rows) q.insertPast.run(r.spaceId, r.userId, r.start, r.end, r.state, r.createdAt, r.checkedInAt, r.endedAt);
      })();
      for (const userId of new Set(rows.map((r) => r.userId))) raiseBound(userId);
    },
    insert(r: Omit<Reservation, 'id' | 'endedAt'> & { source: string }): number {
      try {
        const id = Number(q.insert.run(r.spaceId, r.userId, r.start, r.end, r.state, r.source, r.createdAt, r.checkedInAt).lastInsertRowid);
        raiseBound(r.userId);
        return id;
      } catch (err) {
        throw overlapAsConflict(err);
      }
    },
    /** A desk held for a team in the name of `userId` (the manager), until `releaseAt`. */
    insertHold(h: { spaceId: number; userId: number; start: number; end: number; createdAt: number; teamId: number; releaseAt: number }): number {
      try {
        const id = Number(q.insertHold.run(h.spaceId, h.userId, h.start, h.end, h.createdAt, h.teamId, h.releaseAt).lastInsertRowid);
        raiseBound(h.userId);
        return id;
      } catch (err) {
        throw overlapAsConflict(err);
      }
    },
    /** The team's held desks during [from, to) still waiting for a member at `now`. */
    heldForTeam: (teamId: number, now: number, from: number, to: number) => all(q.heldForTeam.all(teamId, now, from - MAX_DURATION, to, from)),
    /** A held desk becomes the member's own; false when it was claimed or released meanwhile. */
    claim(id: number, userId: number): boolean {
      raiseBound(userId);
      return q.claim.run(userId, id).changes === 1;
    },
    /** Held desks whose release time has come. */
    dueHolds: (now: number) => all(q.dueHolds.all(now)),
    /**
     * Moves a reservation from one state to the next; false when it was no longer in `from`, so
     * two racing transitions cannot both succeed.
     */
    /** Puts a live reservation on another space or time, if it is still in state `from`; the trigger keeps overlaps out. */
    move(id: number, from: ReservationState, to: { spaceId: number; start: number; end: number }): boolean {
      try {
        return q.move.run(to.spaceId, to.start, to.end, id, from).changes === 1;
      } catch (err) {
        throw overlapAsConflict(err);
      }
    },
    transition(id: number, from: ReservationState, to: ReservationState, at: { checkedInAt?: number; endedAt?: number } = {}): boolean {
      try {
        return q.setState.run(to, at.checkedInAt ?? null, at.endedAt ?? null, id, from).changes === 1;
      } catch (err) {
        throw overlapAsConflict(err);
      }
    },
  };
}

/** The database trigger's refusal is the same conflict a user gets from the service's own check. */
function overlapAsConflict(err: unknown): unknown {
  if (err instanceof Error && err.message.includes('reservation_overlap')) {
    return new DomainError('conflict', 'the space is already reserved for that time');
  }
  return err;
}

export type ReservationStore = ReturnType<typeof createReservationStore>;
