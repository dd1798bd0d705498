// The WAL checkpointer (plain JavaScript: it runs in a worker thread without a TypeScript loader).
// A passive checkpoint on its own connection never waits for, or blocks, the server's writers,
// and its file syncs happen here instead of inside a request's commit.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.file);
db.pragma('busy_timeout = 100');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (err) {
    parentPort.postMessage(err instanceof Error ? err.message : String(err));
  }
}, workerData.everyMs);
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
