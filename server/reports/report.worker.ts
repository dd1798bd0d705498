/**
 * The occupancy report's thread: its own read-only connection to the database (WAL lets it read
 * while the server writes), the same store and computation as in the server's thread. Each
 * report reads one snapshot: a read transaction around it, so a commit meanwhile cannot make
 * its counts and its people disagree.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { registerSqlFunctions } from '../db/sql-functions.js';
import { createReportStore } from './report.store.js';
import { computeOccupancy, type OccupancyInput } from './report.service.js';

const db = new Database((workerData as { file: string }).file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
registerSqlFunctions(db);
const reports = createReportStore(db);
const inSnapshot = db.transaction((input: OccupancyInput) => computeOccupancy(reports, input));

parentPort!.on('message', (m: { id: number; input: OccupancyInput } | 'stop') => {
  if (m === 'stop') {
    db.close();
    parentPort!.close();
    return;
  }
  try {
    parentPort!.postMessage({ id: m.id, report: inSnapshot(m.input) });
  } catch (err) {
    parentPort!.postMessage({ id: m.id, error: err instanceof Error ? err.message : String(err) });
  }
});
