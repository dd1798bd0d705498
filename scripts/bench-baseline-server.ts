/**
 * The baseline for `npm run bench`: a bare Hono + better-sqlite3 server that only checks for an
 * overlap and inserts. No sign-in, validation, audit, events or idempotency, so the ratio to
 * Plek shows what Plek's full stack costs.
 */
import { serve } from '@hono/node-server';
import Database from 'better-sqlite3';
import { Hono } from 'hono';

const db = new Database(process.env.PLEK_DB!);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec('CREATE TABLE IF NOT EXISTS r (id INTEGER PRIMARY KEY, space_id INTEGER NOT NULL, start_ms INTEGER NOT NULL, end_ms INTEGER NOT NULL)');
db.exec('CREATE INDEX IF NOT EXISTS r_space ON r (space_id, start_ms)');
const overlap = db.prepare('SELECT 1 FROM r WHERE space_id = ? AND start_ms < ? AND end_ms > ?');
const insert = db.prepare('INSERT INTO r (space_id, start_ms, end_ms) VALUES (?, ?, ?)');
const reserve = db.transaction((space: number, start: number, end: number) => {
  if (overlap.get(space, end, start)) return null;
  return Number(insert.run(space, start, end).lastInsertRowid);
});

const app = new Hono();
app.post('/api/v1/reservations', async (c) => {
  const b = await c.req.json<{ spaceId: number; start: string; end: string }>();
  const id = reserve.immediate(b.spaceId, Date.parse(b.start), Date.parse(b.end));
  return id === null ? c.json({ error: { code: 'conflict' } }, 409) : c.json({ id, ...b }, 201);
});
serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 0), hostname: '127.0.0.1' }, (info) => console.log(`listening on http://127.0.0.1:${info.port}`));
// Exit on SIGTERM through process.exit so a `BENCH_NODE_ARGS=--cpu-prof` run writes its profile.
process.on('SIGTERM', () => process.exit(0));
