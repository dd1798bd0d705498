import type { Db } from '../db/database.js';

/** All SQL of favourite spaces. */
export function createFavouritesStore(db: Db) {
  const q = {
    starred: db.prepare<[number], number>(
      'SELECT f.space_id FROM favourites f JOIN spaces s ON s.id = f.space_id WHERE f.user_id = ? AND s.active = 1 ORDER BY f.created_at DESC, f.space_id').pluck(),
    add: db.prepare('INSERT INTO favourites (user_id, space_id, created_at) VALUES (?, ?, ?) ON CONFLICT (user_id, space_id) DO NOTHING'),
    remove: db.prepare('DELETE FROM favourites WHERE user_id = ? AND space_id = ?'),
    // Reservations made, not merely tried: a cancellation still says where the person likes to sit.
    mostBooked: db.prepare<[number, number, number, number], number>(`
      SELECT r.space_id FROM reservations r JOIN spaces s ON s.id = r.space_id
      WHERE r.user_id = ? AND r.start_ms >= ? AND r.start_ms < ? AND s.active = 1
      GROUP BY r.space_id ORDER BY count(*) DESC, max(r.start_ms) DESC LIMIT ?`).pluck(),
  };
  return {
    starred: (userId: number): number[] => q.starred.all(userId),
    add: (userId: number, spaceId: number, now: number) => void q.add.run(userId, spaceId, now),
    remove: (userId: number, spaceId: number) => void q.remove.run(userId, spaceId),
    mostBooked: (userId: number, from: number, to: number, limit: number): number[] => q.mostBooked.all(userId, from, to, limit),
  };
}

export type FavouritesStore = ReturnType<typeof createFavouritesStore>;
