/**
 * The phone's own storage (IndexedDB through idb): what the app needs to work with no network.
 * Used by the page and by the service worker, so nothing here touches the DOM.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { RawRequest } from '../shared/api-client.js';

export interface Cached<T> {
  data: T;
  fetchedAt: number;
}

export type OutboxKind = 'reserve' | 'checkIn' | 'release' | 'walkUp' | 'kioskCheckIn' | 'guestArrive' | 'favourite';

/** A mutation waiting to be sent. It leaves the outbox only when the server has answered. */
export interface OutboxEntry {
  seq?: number;
  /** The Idempotency-Key: resending is always safe. */
  key: string;
  kind: OutboxKind;
  request: RawRequest;
  createdAt: number;
  /** What it is about, for showing it as pending: a space code. */
  spaceCode: string;
  /** Local id of a reservation made offline, so a later check-in can refer to it. */
  tempId?: string;
  /** The tempId of the reservation this entry acts on, when it had no server id yet. */
  ref?: string;
  /** For a pending reservation: where and when, to show it before the server knows it. */
  preview?: { spaceId: number; spaceName: string; locationId: number; start: string; end: string };
  /**
   * Not sent before this instant (ms): the few seconds in which the person can still undo it.
   * Stored with the entry, so a held cancel survives the app closing and is sent on the next start.
   */
  holdUntil?: number;
}

/** A definitive refusal of a queued mutation, kept until the person has seen it. */
export interface Refusal {
  id?: number;
  entry: OutboxEntry;
  code: string;
  details?: { alternative?: { spaceId: number; code: string; name: string } | null; holiday?: { nl: string; en: string } };
  at: number;
}

interface PlekDb extends DBSchema {
  kv: { key: string; value: unknown };
  cache: { key: string; value: Cached<unknown> };
  outbox: { key: number; value: OutboxEntry };
  refusals: { key: number; value: Refusal };
  ids: { key: string; value: number };
}

let db: Promise<IDBPDatabase<PlekDb>> | undefined;

export function database(): Promise<IDBPDatabase<PlekDb>> {
  db ??= openDB<PlekDb>('plek', 1, {
    upgrade(d) {
      d.createObjectStore('kv');
      d.createObjectStore('cache');
      d.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
      d.createObjectStore('refusals', { keyPath: 'id', autoIncrement: true });
      d.createObjectStore('ids');
    },
  });
  return db;
}

/** What the app shows at start, before it asks the network anything. */
export interface Snapshot {
  kv: Record<string, unknown>;
  cache: Record<string, Cached<unknown> | undefined>;
  outbox: OutboxEntry[];
  refusals: Refusal[];
}

/**
 * Everything the first screen needs, read in one transaction: each separate IndexedDB read is a
 * round trip to the browser's storage process, and a cold start offline made a dozen of them
 * one after another before the home screen could show anything.
 */
export async function readSnapshot(kvKeys: string[], cacheKeys: string[]): Promise<Snapshot> {
  const tx = (await database()).transaction(['kv', 'cache', 'outbox', 'refusals']);
  const [kv, cache, outbox, refusals] = await Promise.all([
    Promise.all(kvKeys.map((k) => tx.objectStore('kv').get(k))),
    Promise.all(cacheKeys.map((k) => tx.objectStore('cache').get(k))),
    tx.objectStore('outbox').getAll(),
    tx.objectStore('refusals').getAll(),
  ]);
  return {
    kv: Object.fromEntries(kvKeys.map((k, i) => [k, kv[i]])),
    cache: Object.fromEntries(cacheKeys.map((k, i) => [k, cache[i]])),
    outbox,
    refusals,
  };
}

export async function getCached<T>(key: string): Promise<Cached<T> | undefined> {
  return (await (await database()).get('cache', key)) as Cached<T> | undefined;
}

export async function putCached<T>(key: string, data: T, fetchedAt = Date.now()): Promise<Cached<T>> {
  const value = { data, fetchedAt };
  await (await database()).put('cache', value, key);
  return value;
}

export async function getKv<T>(key: string): Promise<T | undefined> {
  return (await (await database()).get('kv', key)) as T | undefined;
}

export async function putKv(key: string, value: unknown): Promise<void> {
  await (await database()).put('kv', value, key);
}

/** Forgets everything personal: used at sign-out, so the next person on a shared device sees nothing. */
export async function clearPersonal(): Promise<void> {
  const d = await database();
  const tx = d.transaction(['kv', 'cache', 'outbox', 'refusals', 'ids'], 'readwrite');
  const lang = await tx.objectStore('kv').get('lang');
  await Promise.all([tx.objectStore('kv').clear(), tx.objectStore('cache').clear(), tx.objectStore('outbox').clear(), tx.objectStore('refusals').clear(), tx.objectStore('ids').clear()]);
  if (lang) await tx.objectStore('kv').put(lang, 'lang');
  await tx.done;
}
