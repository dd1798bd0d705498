import { describe, expect, it } from 'vitest';
import { openDatabase } from './database.js';
import { ReadCache } from './read-cache.js';

describe('the read cache', () => {
  it('never keeps a value a rolled-back transaction wrote, and keeps committed reads made inside transactions', () => {
    const db = openDatabase(':memory:');
    db.exec('CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT)');
    db.prepare("INSERT INTO t VALUES ('a', 'committed')").run();
    const cache = new ReadCache<string, string>(db);
    const read = () => cache.get('a', () => db.prepare<[], string>("SELECT v FROM t WHERE k = 'a'").pluck().get());
    let loads = 0;
    const counted = () => cache.get('a', () => (loads++, db.prepare<[], string>("SELECT v FROM t WHERE k = 'a'").pluck().get()));

    // A read inside a transaction that has written nothing is committed state: kept.
    db.transaction(() => expect(counted()).toBe('committed'))();
    expect(counted()).toBe('committed');
    expect(loads).toBe(1);

    // A write inside a transaction that then fails: the uncommitted value is never kept.
    expect(() =>
      db.transaction(() => {
        cache.clear();
        db.prepare("UPDATE t SET v = 'uncommitted' WHERE k = 'a'").run();
        expect(read()).toBe('uncommitted');
        throw new Error('roll back');
      })(),
    ).toThrow('roll back');
    expect(read()).toBe('committed');
  });

  it('caches again once the transaction that wrote has ended, even when every later read is inside a transaction', async () => {
    // The server reads spaces and sessions inside the group commit's transaction: a facility
    // edit once must not turn every later read into a query.
    const db = openDatabase(':memory:');
    db.exec('CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT)');
    db.prepare("INSERT INTO t VALUES ('a', 'first')").run();
    const cache = new ReadCache<string, string>(db);
    let loads = 0;
    const counted = () => cache.get('a', () => (loads++, db.prepare<[], string>("SELECT v FROM t WHERE k = 'a'").pluck().get()));
    db.transaction(() => {
      db.prepare("UPDATE t SET v = 'second' WHERE k = 'a'").run();
      cache.clear();
    })();
    await Promise.resolve(); // the next turn, as the next request's transaction would be
    for (let i = 0; i < 5; i++) db.transaction(() => expect(counted()).toBe('second'))();
    expect(loads).toBe(1);
  });
});
