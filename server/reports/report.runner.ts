import { Worker } from 'node:worker_threads';
import type { OccupancyInput, OccupancyReport, OccupancyRunner } from './report.service.js';

/**
 * Occupancy reports in a worker thread (report.worker.ts), so the one event loop that answers
 * kiosks, check-ins and sign-ins never waits for a report: what stays here is posting the
 * question and receiving the answer. The thread starts with the first report and is restarted
 * after it fails; it never keeps the process alive.
 */
export function startReportWorker(file: string): OccupancyRunner & { stop(): Promise<void> } {
  let worker: Worker | null = null;
  let next = 0;
  const waiting = new Map<number, { resolve: (r: OccupancyReport) => void; reject: (e: Error) => void }>();
  const failAll = (err: Error) => {
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
    worker = null;
  };
  const start = () => {
    const w = new Worker(new URL('./report-worker.mjs', import.meta.url), { workerData: { file } });
    w.on('message', (m: { id: number; report?: OccupancyReport; error?: string }) => {
      const pending = waiting.get(m.id);
      waiting.delete(m.id);
      if (waiting.size === 0) w.unref();
      if (m.error !== undefined) pending?.reject(new Error(`occupancy report: ${m.error}`));
      else pending?.resolve(m.report!);
    });
    w.on('error', (err) => failAll(err));
    w.on('exit', (code) => {
      if (worker === w) failAll(new Error(`occupancy report worker exited (${code})`));
    });
    w.unref();
    return w;
  };
  return {
    occupancy(input: OccupancyInput): Promise<OccupancyReport> {
      worker ??= start();
      const id = next++;
      const w = worker;
      // Referenced while a report is asked for, so a short-lived process waits for its answer.
      w.ref();
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        w.postMessage({ id, input });
      });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        const w = worker;
        worker = null;
        if (!w) return resolve();
        const timeout = setTimeout(() => void w.terminate(), 2000);
        w.once('exit', () => {
          clearTimeout(timeout);
          resolve();
        });
        w.postMessage('stop');
      }),
  };
}
