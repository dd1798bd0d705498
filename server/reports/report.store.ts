import type { ReservationState, SpaceKind } from '../../shared/types.js';
import type { Db } from '../db/database.js';

export interface UseRow {
  start_ms: number;
  end_ms: number;
  state: ReservationState;
  checked_in_at: number | null;
  ended_at: number | null;
  kind: SpaceKind;
  zone_id: number | null;
  /** Only to count the distinct people behind each figure; it never leaves the report service. */
  user_id: number;
}

/** SQL for occupancy reports: every reservation of a location in a range, never who made it by name. */
export function createReportStore(db: Db) {
  const q = db.prepare<[number, number, number], UseRow>(
    `SELECT r.start_ms, r.end_ms, r.state, r.checked_in_at, r.ended_at, s.kind, s.zone_id, r.user_id
     FROM reservations r JOIN spaces s ON s.id = r.space_id
     WHERE s.location_id = ? AND r.start_ms >= ? AND r.start_ms < ? AND r.state <> 'cancelled'`,
  );
  return { uses: (locationId: number, from: number, to: number) => q.all(locationId, from, to) };
}

export type ReportStore = ReturnType<typeof createReportStore>;
