import type { ApiResult } from '../shared/api-client.js';
import { getCached, putCached, type Cached } from './db.js';

/**
 * The server's answer when there is one, stored under `key` for the next outage; else the copy
 * stored last time (any refusal too, so a screen that worked offline keeps its last view).
 * `fetchedAt` says how old what the screen shows is.
 */
export async function networkFirst<T>(key: string, fetcher: () => Promise<ApiResult<T>>): Promise<Cached<T> | undefined> {
  const res = await fetcher();
  if (res.ok) return putCached(key, res.data);
  return getCached<T>(key);
}
