import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCheckpointer } from './checkpointer.js';
import { openDatabase } from './database.js';

describe('the WAL checkpointer', () => {
  it('copies committed pages into the database file in the background, and stops cleanly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plek-checkpoint-'));
    const file = join(dir, 'plek.sqlite');
    const db = openDatabase(file);
    const checkpointer = startCheckpointer(db, file, 50);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(20_000); // the request path no longer checkpoints
    db.exec('CREATE TABLE t (v TEXT)');
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    for (let i = 0; i < 500; i++) insert.run('x'.repeat(200));
    await new Promise((r) => setTimeout(r, 400));
    // The database file alone, without its WAL, already holds every row.
    copyFileSync(file, join(dir, 'copy.sqlite'));
    const copy = new Database(join(dir, 'copy.sqlite'), { readonly: true });
    expect(copy.prepare('SELECT count(*) FROM t').pluck().get()).toBe(500);
    copy.close();
    await checkpointer.stop();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
