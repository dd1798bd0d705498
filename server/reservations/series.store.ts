import type { DayPart } from '../../shared/types.js';
import type { ErrorCode } from '../../shared/errors.js';
import type { Db } from '../db/database.js';

export type SeriesDay = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export type OccurrenceStatus = 'created' | 'refused' | 'pending' | 'cancelled';

export interface Series {
  id: number;
  userId: number;
  spaceId: number;
  days: SeriesDay[];
  from: string;
  until: string;
  part: DayPart | null;
  startTime: string | null;
  endTime: string | null;
  createdAt: number;
}

export interface Occurrence {
  seriesId: number;
  date: string;
  status: OccurrenceStatus;
  reservationId: number | null;
  code: ErrorCode | null;
}

interface SeriesRow {
  id: number;
  user_id: number;
  space_id: number;
  weekdays: string;
  first_date: string;
  last_date: string;
  part: DayPart | null;
  start_time: string | null;
  end_time: string | null;
  created_at: number;
}

interface OccurrenceRow {
  series_id: number;
  date: string;
  status: OccurrenceStatus;
  reservation_id: number | null;
  code: ErrorCode | null;
}

const toSeries = (r: SeriesRow): Series => ({
  id: r.id,
  userId: r.user_id,
  spaceId: r.space_id,
  days: r.weekdays.split(',') as SeriesDay[],
  from: r.first_date,
  until: r.last_date,
  part: r.part,
  startTime: r.start_time,
  endTime: r.end_time,
  createdAt: r.created_at,
});
const toOccurrence = (r: OccurrenceRow): Occurrence => ({ seriesId: r.series_id, date: r.date, status: r.status, reservationId: r.reservation_id, code: r.code });

/** All SQL of reservation series and their dates. */
export function createSeriesStore(db: Db) {
  const q = {
    insert: db.prepare(
      'INSERT INTO reservation_series (user_id, space_id, weekdays, first_date, last_date, part, start_time, end_time, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    byId: db.prepare<[number], SeriesRow>('SELECT * FROM reservation_series WHERE id = ?'),
    ofUser: db.prepare<[number, string], SeriesRow>('SELECT * FROM reservation_series WHERE user_id = ? AND last_date >= ? ORDER BY first_date, id'),
    putOccurrence: db.prepare(
      'INSERT INTO series_occurrences (series_id, date, status, reservation_id, code) VALUES (?, ?, ?, ?, ?) ON CONFLICT (series_id, date) DO UPDATE SET status = excluded.status, reservation_id = excluded.reservation_id, code = excluded.code',
    ),
    occurrences: db.prepare<[number], OccurrenceRow>('SELECT * FROM series_occurrences WHERE series_id = ? ORDER BY date'),
    pendingUntil: db.prepare<[string], OccurrenceRow>("SELECT * FROM series_occurrences WHERE status = 'pending' AND date <= ? ORDER BY date, series_id"),
  };
  return {
    insert(s: Omit<Series, 'id'>): number {
      return Number(q.insert.run(s.userId, s.spaceId, s.days.join(','), s.from, s.until, s.part, s.startTime, s.endTime, s.createdAt).lastInsertRowid);
    },
    byId(id: number): Series | undefined {
      const row = q.byId.get(id);
      return row && toSeries(row);
    },
    /** A person's series that have dates from `today` on. */
    ofUser: (userId: number, today: string) => q.ofUser.all(userId, today).map(toSeries),
    /** Writes down a date's outcome, replacing an earlier one (a pending date booked later). */
    putOccurrence(o: Occurrence): void {
      q.putOccurrence.run(o.seriesId, o.date, o.status, o.reservationId, o.code);
    },
    occurrences: (seriesId: number) => q.occurrences.all(seriesId).map(toOccurrence),
    /** Dates still waiting to be booked, up to `date`: what the job looks at. */
    pendingUntil: (date: string) => q.pendingUntil.all(date).map(toOccurrence),
  };
}

export type SeriesStore = ReturnType<typeof createSeriesStore>;
