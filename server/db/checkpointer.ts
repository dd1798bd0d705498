import { Worker } from 'node:worker_threads';
import type { Db } from './database.js';
import { log } from '../log.js';

/** WAL size (pages) at which a commit checkpoints by itself: only when the checkpointer lags. */
const FALLBACK_PAGES = 20_000;

/**
 * Moves WAL checkpoints out of the request path. With SQLite's default, every 1,000 WAL pages
 * the committing request copies them into the database and syncs both files; here a worker
 * thread does that every `everyMs`, so a hot page written a hundred times is copied once and
 * no request waits for a sync. Durability is unchanged: commits are in the WAL either way.
 * Should the worker stop, SQLite still checkpoints itself at FALLBACK_PAGES.
 */
export function startCheckpointer(db: Db, file: string, everyMs = 1000): { stop(): Promise<void> } {
  db.pragma(`wal_autocheckpoint = ${FALLBACK_PAGES}`);
  const worker = new Worker(new URL('./checkpoint-worker.mjs', import.meta.url), { workerData: { file, everyMs } });
  worker.on('message', (m) => log.error(`WAL checkpoint failed: ${String(m)}`));
  worker.on('error', (err) => log.error({ err }, 'WAL checkpointer stopped'));
  worker.unref();
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        // Kept alive until the worker has closed its connection, so shutdown waits for it.
        worker.ref();
        const timeout = setTimeout(() => void worker.terminate(), 2000);
        worker.once('exit', () => {
          clearTimeout(timeout);
          resolve();
        });
        worker.postMessage('stop');
      }),
  };
}
