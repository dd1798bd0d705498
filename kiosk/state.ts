/**
 * The kiosk's state. The board is live (Server-Sent Events); through a network outage the last
 * board stays up with "offline sinds", and check-ins and guest arrivals go to the same
 * IndexedDB outbox as the phone app's, each with its Idempotency-Key and scan time.
 */
import { createSignal } from 'solid-js';
import { apiUrls, createApiClient, mutations, type BoardDto, type KioskDto, type RoomStatusDto } from '../shared/api-client.js';
import type { Language } from '../shared/i18n.js';
import { getCached, getKv, putCached, putKv } from '../client/db.js';
import { setLang } from '../client/i18n.js';
import { dismissRefusal, enqueueAndFlush, flush, pending } from '../client/outbox.js';

export const api = createApiClient();

const [kiosk, setKiosk] = createSignal<KioskDto | null>(null);
const [paired, setPaired] = createSignal<boolean | null>(null);
const [board, setBoard] = createSignal<BoardDto | null>(null);
const [room, setRoom] = createSignal<RoomStatusDto | null>(null);
const [offlineSince, setOfflineSince] = createSignal<number | null>(null);
const [queued, setQueued] = createSignal(0);
export { board, kiosk, offlineSince, paired, queued, room };

let events: EventSource | null = null;

export async function start(): Promise<void> {
  setLang(((await getKv<Language>('kiosk-lang')) ?? 'nl') as Language);
  const me = await api.kioskMe();
  if (!me.ok && me.code === 'network') {
    // Offline at start: show what we had, and keep trying.
    const cached = await getCached<KioskDto>('kiosk');
    if (cached) {
      setKiosk(cached.data);
      setPaired(true);
      setBoard((await getCached<BoardDto>('kiosk-board'))?.data ?? null);
      wentOffline();
    } else setPaired(false);
    setTimeout(() => void start(), 5000);
    watchNetwork();
    return;
  }
  if (!me.ok) return unpair();
  setKiosk(me.data);
  setPaired(true);
  await putCached('kiosk', me.data);
  await refresh();
  listen(me.data.location.id);
  watchNetwork();
  // Off the first load, but in memory before any outage: the camera must keep working offline.
  void import('../client/scanner.js')
    .then((m) => m.preloadScanner())
    .then(() => (document.documentElement.dataset.scannerReady = 'true'));
}

let watching = false;
/** The browser's own view of the network, besides failed requests and the event stream. */
function watchNetwork(): void {
  if (watching) return;
  watching = true;
  window.addEventListener('offline', wentOffline);
  window.addEventListener('online', () => void refresh());
  setInterval(() => void refresh(), 10_000);
}

function unpair(): void {
  events?.close();
  setPaired(false);
  setKiosk(null);
}

export async function pair(code: string) {
  const res = await api.kioskPair(code);
  if (res.ok) await start();
  return res;
}

export async function chooseLanguage(l: Language): Promise<void> {
  setLang(l);
  await putKv('kiosk-lang', l);
}

/** Fetches the board (or the room), and sends what waited in the outbox. */
export async function refresh(): Promise<void> {
  const k = kiosk();
  if (!k) return;
  if (k.mode === 'room') {
    const res = await api.kioskRoom();
    if (res.ok) {
      setRoom(res.data);
      backOnline();
    } else if (res.code === 'network') wentOffline();
    else if (res.status === 401) unpair();
  } else {
    const res = await api.kioskBoard();
    if (res.ok) {
      setBoard(res.data);
      await putCached('kiosk-board', res.data);
      backOnline();
    } else if (res.code === 'network') wentOffline();
    else if (res.status === 401) unpair();
  }
}

function wentOffline(): void {
  if (offlineSince() === null) setOfflineSince(Date.now());
}

async function backOnline(): Promise<void> {
  if (offlineSince() !== null) {
    setOfflineSince(null);
    await flush();
  }
  setQueued((await pending()).length);
}

/** Live updates: any change at the location refetches the board within the second. */
function listen(locationId: number): void {
  events?.close();
  events = new EventSource(apiUrls.kioskEvents(locationId));
  let timer: ReturnType<typeof setTimeout> | undefined;
  events.addEventListener('availability', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void refresh(), 50);
  });
  events.addEventListener('ready', () => void refresh());
  events.onerror = () => {
    wentOffline();
    void refresh();
  };
}

export type Sent<T> = { kind: 'done'; data: T } | { kind: 'queued' } | { kind: 'refused'; code: string };

/** Sends a kiosk action through the outbox: answered now, or kept and sent when back online. */
export async function perform<T>(kind: 'kioskCheckIn' | 'guestArrive', request: ReturnType<typeof mutations.kioskCheckIn>): Promise<Sent<T>> {
  const { entry, report } = await enqueueAndFlush({ kind, request, spaceCode: '' });
  setQueued((await pending()).length);
  const sent = report.sent.find((s) => s.entry.key === entry.key);
  if (sent && sent.result.ok) return { kind: 'done', data: sent.result.data as T };
  const refused = report.refused.find((r) => r.entry.key === entry.key);
  if (refused) {
    await dismissRefusal(refused.id!);
    return { kind: 'refused', code: refused.code };
  }
  wentOffline();
  return { kind: 'queued' };
}

export { mutations };
