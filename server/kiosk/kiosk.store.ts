import type { Db } from '../db/database.js';
import type { Kiosk } from '../domain.js';

interface KioskRow {
  id: number;
  name: string;
  location_id: number;
  space_id: number | null;
  user_id: number;
  token_hash: string | null;
  pairing_hash: string | null;
  pairing_expires_at: number | null;
  paired_at: number | null;
  last_seen_at: number | null;
  revoked_at: number | null;
  created_at: number;
}

const toKiosk = (r: KioskRow): Kiosk => ({
  id: r.id,
  name: r.name,
  locationId: r.location_id,
  spaceId: r.space_id,
  userId: r.user_id,
  paired: r.token_hash !== null,
  pairingExpiresAt: r.pairing_expires_at,
  lastSeenAt: r.last_seen_at,
  revokedAt: r.revoked_at,
});

/** All SQL of kiosks and room displays. */
export function createKioskStore(db: Db) {
  const q = {
    insert: db.prepare('INSERT INTO kiosks (name, location_id, space_id, user_id, pairing_hash, pairing_expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    byId: db.prepare<[number], KioskRow>('SELECT * FROM kiosks WHERE id = ?'),
    byToken: db.prepare<[string], KioskRow>('SELECT * FROM kiosks WHERE token_hash = ? AND revoked_at IS NULL'),
    byPairing: db.prepare<[string], KioskRow>('SELECT * FROM kiosks WHERE pairing_hash = ? AND revoked_at IS NULL'),
    all: db.prepare<[], KioskRow>('SELECT * FROM kiosks ORDER BY location_id, name'),
    setPairing: db.prepare('UPDATE kiosks SET pairing_hash = ?, pairing_expires_at = ? WHERE id = ?'),
    voidPairings: db.prepare('UPDATE kiosks SET pairing_hash = NULL, pairing_expires_at = NULL WHERE pairing_hash IS NOT NULL'),
    pair: db.prepare('UPDATE kiosks SET token_hash = ?, pairing_hash = NULL, pairing_expires_at = NULL, paired_at = ?, last_seen_at = ? WHERE id = ? AND pairing_hash = ?'),
    revoke: db.prepare('UPDATE kiosks SET revoked_at = ?, token_hash = NULL, pairing_hash = NULL WHERE id = ?'),
    touch: db.prepare('UPDATE kiosks SET last_seen_at = ? WHERE id = ?'),
  };
  const one = (row: KioskRow | undefined) => row && toKiosk(row);
  return {
    insert: (k: { name: string; locationId: number; spaceId: number | null; userId: number; pairingHash: string; pairingExpiresAt: number }, now: number): number =>
      Number(q.insert.run(k.name, k.locationId, k.spaceId, k.userId, k.pairingHash, k.pairingExpiresAt, now).lastInsertRowid),
    byId: (id: number) => one(q.byId.get(id)),
    byToken: (tokenHash: string) => one(q.byToken.get(tokenHash)),
    byPairing: (pairingHash: string) => {
      const row = q.byPairing.get(pairingHash);
      return row && { ...toKiosk(row), pairingExpiresAt: row.pairing_expires_at };
    },
    all: () => q.all.all().map(toKiosk),
    setPairing: (id: number, hash: string, expiresAt: number) => q.setPairing.run(hash, expiresAt, id),
    /** Makes every outstanding pairing code worthless; returns how many there were. */
    voidPairings: (): number => q.voidPairings.run().changes,
    /** True when this pairing code was still the kiosk's: a code pairs one device, once. */
    pair: (id: number, tokenHash: string, pairingHash: string, now: number) => q.pair.run(tokenHash, now, now, id, pairingHash).changes === 1,
    revoke: (id: number, now: number) => q.revoke.run(now, id),
    touch: (id: number, now: number) => q.touch.run(now, id),
  };
}

export type KioskStore = ReturnType<typeof createKioskStore>;
