import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from './database.js';
import { WriteBatcher } from './write-batch.js';

let dir: string;
let db: Db;
let writes: WriteBatcher;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'plek-batch-'));
  db = new Database(join(dir, 'b.sqlite'));
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (slot INTEGER PRIMARY KEY, who TEXT NOT NULL)');
  writes = new WriteBatcher(db);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const rows = () => db.prepare('SELECT slot, who FROM t ORDER BY slot').all();
/** Takes a slot unless it is taken: the check-then-insert every reservation does. */
const take = (slot: number, who: string) => () =>
  db.transaction(() => {
    if (db.prepare('SELECT 1 FROM t WHERE slot = ?').get(slot)) throw new Error(`slot ${slot} is taken`);
    db.prepare('INSERT INTO t (slot, who) VALUES (?, ?)').run(slot, who);
    return who;
  }).immediate();
const settle = (ps: Promise<unknown>[]) => Promise.allSettled(ps).then((r) => r.map((x) => (x.status === 'fulfilled' ? x.value : (x.reason as Error).message)));

describe('group commit', () => {
  it('writes of one turn commit together, each seeing the ones before it; a refused one is undone alone', async () => {
    const other = new Database(join(dir, 'b.sqlite'), { readonly: true });
    const seenElsewhere: unknown[] = [];
    const watching = (write: () => string) => () => {
      seenElsewhere.push(other.prepare('SELECT count(*) FROM t').pluck().get()); // committed rows only
      return write();
    };
    const outcome = await settle([writes.run(take(1, 'anna')), writes.run(take(1, 'bram')), writes.run(watching(take(2, 'carla')))]);
    expect(outcome).toEqual(['anna', 'slot 1 is taken', 'carla']);
    expect(rows()).toEqual([{ slot: 1, who: 'anna' }, { slot: 2, who: 'carla' }]);
    expect(seenElsewhere).toEqual([0]); // anna's row was not committed on its own: one commit for all
    expect(other.prepare('SELECT count(*) FROM t').pluck().get()).toBe(2);
    other.close();
  });

  it('announces what a write did only after the commit, and never what was undone', async () => {
    const heard: string[] = [];
    const announcing = (slot: number, who: string, fail = false) => () => {
      take(slot, who)();
      writes.afterCommit(() => heard.push(who));
      if (fail) throw new Error('refused after announcing');
      expect(heard).toEqual([]); // not yet: the batch has not committed
      return who;
    };
    const outcome = await settle([writes.run(announcing(1, 'anna')), writes.run(announcing(2, 'bram', true)), writes.run(announcing(3, 'carla'))]);
    expect(outcome).toEqual(['anna', 'refused after announcing', 'carla']);
    expect(heard).toEqual(['anna', 'carla']);
    expect(rows()).toEqual([{ slot: 1, who: 'anna' }, { slot: 3, who: 'carla' }]);
  });

  it('when the commit cannot be written every write of the batch fails, nothing is kept and nothing announced', async () => {
    const heard: string[] = [];
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true })}`);
    const big = (slot: number) => () => {
      db.prepare('INSERT INTO t (slot, who) VALUES (?, ?)').run(slot, 'x'.repeat(3000));
      writes.afterCommit(() => heard.push(String(slot)));
      return slot;
    };
    const outcome = await settle(Array.from({ length: 10 }, (_, i) => writes.run(big(i))));
    expect(outcome.every((o) => typeof o === 'string' && /full/.test(o))).toBe(true);
    expect(rows()).toEqual([]);
    expect(heard).toEqual([]);
    expect(db.inTransaction).toBe(false);
    db.pragma('max_page_count = 1073741823');
    expect(await writes.run(big(1))).toBe(1); // and writes work again once there is room
  });

  it('outside a batch an announcement goes out at once', () => {
    const heard: string[] = [];
    writes.afterCommit(() => heard.push('now'));
    expect(heard).toEqual(['now']);
  });
});
