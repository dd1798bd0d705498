// Bootstrap of the report worker thread: a worker does not inherit the loader that lets the
// server run TypeScript under tests, so it registers tsx itself before loading the real entry.
import { register } from 'tsx/esm/api';

register();
await import('./report.worker.ts');
