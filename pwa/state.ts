/**
 * The app's state and its verbs. Every mutation goes through the outbox: written to IndexedDB
 * first, shown as pending, then sent; so it behaves the same online and offline, and nothing
 * is lost when the phone closes the browser.
 */
import { createSignal } from 'solid-js';
import { apiUrls, createApiClient } from '../shared/api-client.js';
import { mutations } from '../shared/api-client.js';
import type { ColleagueDto, LocationDto, MeDto, PassDto, ReservationDto, SpaceDto, ZoneDto } from '../shared/api.js';
import type { NotificationDto } from '../shared/api-client.js';
import type { CreateReservationBody } from '../shared/schemas.js';
import { clearPersonal, getCached, putCached, putKv, readSnapshot, type Cached, type OutboxEntry, type Refusal } from '../client/db.js';
import { dayOf, setLang } from '../client/i18n.js';
import { networkFirst } from '../client/network-first.js';
import { forgetFirstScreen, keepForFirstScreen, readFirstScreen } from './first-screen.js';
import { localDate } from '../shared/time.js';
import { dismissRefusal, enqueueAndFlush, flush, hurry, OUTBOX_CHANGED, pending as pendingEntries, refusals as storedRefusals, withdraw } from '../client/outbox.js';
import type { Language } from '../shared/i18n.js';

export const api = createApiClient();

const [me, setMe] = createSignal<MeDto | null>(null);
const [ready, setReady] = createSignal(false);
const [online, setOnline] = createSignal(navigator.onLine);
const [reservations, setReservations] = createSignal<Cached<ReservationDto[]> | null>(null);
const [locations, setLocations] = createSignal<Cached<LocationDto[]> | null>(null);
const [colleagues, setColleagues] = createSignal<Cached<ColleagueDto[]> | null>(null);
const [outbox, setOutbox] = createSignal<OutboxEntry[]>([]);
const [refusals, setRefusals] = createSignal<Refusal[]>([]);
const [pass, setPass] = createSignal<PassDto | null>(null);
const [notifications, setNotifications] = createSignal<NotificationDto[]>([]);
const [toast, setToast] = createSignal<NotificationDto | null>(null);
export { notifications, toast };
let notificationStream: EventSource | null = null;

export { colleagues, locations, me, online, outbox, pass, ready, refusals, reservations };

export type Outcome =
  | { kind: 'done'; reservation: ReservationDto }
  | { kind: 'queued' }
  | { kind: 'refused'; refusal: Refusal };
/** What became of a cancel or check-out: also taken back within its undo time. */
export type ReleaseOutcome = Outcome | { kind: 'undone' };

/** How long a cancel or check-out waits before it is sent, so the person can take it back. */
export const UNDO_MS = 6_000;

let firstSyncDone: () => void;
/** Resolves once the first contact with the server at start has succeeded or failed. */
export const firstSync = new Promise<void>((resolve) => (firstSyncDone = resolve));

/** Loads what the phone has, then what the server has. */
export async function start(): Promise<void> {
  const reading = readSnapshot(['lang', 'me', 'pass'], ['reservations', 'locations', 'colleagues']);
  // The home screen at once from the synchronous copy; IndexedDB's fuller state follows.
  const first = readFirstScreen();
  if (first.me) {
    setLang(first.lang ?? 'nl');
    setMe(first.me);
    setReservations(first.reservations ?? null);
    setLocations(first.locations ?? null);
    setReady(true);
  }
  // While IndexedDB reads (in the browser's storage process), the first use of Intl loads its
  // time-zone and calendar data here instead of in the first render of the home screen.
  localDate(Date.now(), 'Europe/Amsterdam');
  dayOf(localDate(Date.now(), 'Europe/Amsterdam'));
  const saved = await reading;
  setLang(((saved.kv.lang as Language | undefined) ?? 'nl') as Language);
  setMe((saved.kv.me as MeDto | undefined) ?? null);
  setPass((saved.kv.pass as PassDto | undefined) ?? null);
  setReservations((saved.cache.reservations as Cached<ReservationDto[]> | undefined) ?? null);
  setLocations((saved.cache.locations as Cached<LocationDto[]> | undefined) ?? null);
  setColleagues((saved.cache.colleagues as Cached<ColleagueDto[]> | undefined) ?? null);
  setOutbox(saved.outbox);
  setRefusals(saved.refusals);
  // Someone signed in on this phone sees their screen at once; for anyone else the first answer
  // from the server decides, so a signed-in browser with nothing stored yet never flashes the
  // sign-in form.
  if (saved.kv.me) setReady(true);
  // On a network that hangs rather than fails, the sign-in form shows after a moment anyway.
  else setTimeout(() => setReady(true), 1500);
  window.addEventListener('online', () => {
    setOnline(true);
    void sync();
  });
  window.addEventListener('offline', () => setOnline(false));
  new BroadcastChannel(OUTBOX_CHANGED).onmessage = () => void afterOutboxChange();
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void sync();
    // Leaving the app ends the undo time: a cancel tapped just before is sent now, not forgotten.
    else void hurry().then(flush);
  });
  await sync().finally(() => {
    setReady(true);
    firstSyncDone();
  });
}

export async function refreshOutbox(): Promise<void> {
  setOutbox(await pendingEntries());
  setRefusals(await storedRefusals());
}

async function afterOutboxChange(): Promise<void> {
  await refreshOutbox();
  if (me()) await loadReservations();
}

/** Sends the outbox, then refreshes from the server. Quietly does nothing without network. */
export async function sync(): Promise<void> {
  const who = await api.me();
  if (!who.ok) {
    if (who.code === 'network') {
      setOnline(false);
      return;
    }
    if (who.status === 401) return void (await forget());
    return;
  }
  setOnline(true);
  setMe(who.data);
  setReady(true);
  keepForFirstScreen({ me: who.data });
  await putKv('me', who.data);
  const sent = await flush();
  await refreshOutbox();
  // Reopened within the undo time of a cancel: it goes when that time is up.
  const held = outbox().find((e) => e.holdUntil && e.holdUntil > Date.now());
  if (sent.stopped === 'held' && held) setTimeout(() => void sync(), held.holdUntil! - Date.now() + 50);
  await Promise.all([loadReservations(), loadLocations(), loadColleagues(), loadPass(), loadNotifications()]);
  listenForNotifications();
}

/** Arrivals not seen yet: the badge on "Bezoekers" in the navigation. */
export const unreadNotifications = () => notifications().filter((n) => !n.read).length;

/** The guests page is open: what it lists counts as read, here and on the server. */
export async function markNotificationsRead(): Promise<void> {
  if (unreadNotifications() === 0) return;
  setNotifications((list) => list.map((n) => ({ ...n, read: true })));
  await api.send({ ...mutations.notificationsRead(), idempotencyKey: crypto.randomUUID() });
}

async function loadNotifications(): Promise<void> {
  const res = await api.notifications();
  if (res.ok) setNotifications(res.data);
}

/** A host's open app hears at once when their guest arrives. */
function listenForNotifications(): void {
  if (notificationStream && notificationStream.readyState !== EventSource.CLOSED) return;
  notificationStream = new EventSource(apiUrls.notificationStream());
  notificationStream.addEventListener('notification', (e) => {
    const n = JSON.parse((e as MessageEvent<string>).data) as NotificationDto;
    setNotifications((list) => [n, ...list]);
    setToast(n);
  });
}

export function dismissToast(): void {
  setToast(null);
}

async function loadReservations(): Promise<void> {
  const res = await api.reservations();
  if (!res.ok) return;
  const cached = await putCached('reservations', res.data);
  setReservations(cached);
  keepForFirstScreen({ reservations: cached });
}

async function loadLocations(): Promise<void> {
  const res = await api.locations();
  if (!res.ok) return;
  const cached = await putCached('locations', res.data);
  setLocations(cached);
  keepForFirstScreen({ locations: cached });
  // The catalogue of every location, so the app can show spaces and find labels offline.
  await Promise.all(res.data.map((l) => Promise.all([catalogue(l.id, true)])));
}

async function loadColleagues(): Promise<void> {
  const res = await api.colleagues();
  if (res.ok) setColleagues(await putCached('colleagues', res.data));
}

async function loadPass(): Promise<void> {
  const res = await api.pass();
  if (!res.ok) return;
  setPass(res.data);
  await putKv('pass', res.data);
}

export interface LocationCatalogue {
  zones: ZoneDto[];
  spaces: SpaceDto[];
}

/** Zones and spaces of a location: from the server when possible, else as last stored. */
export async function catalogue(locationId: number, refresh = false): Promise<Cached<LocationCatalogue> | undefined> {
  const key = `catalogue:${locationId}`;
  const stored = await getCached<LocationCatalogue>(key);
  if (stored && !refresh) return stored;
  return networkFirst(key, async () => {
    const [zones, spaces] = await Promise.all([api.zones(locationId), api.spaces(locationId)]);
    if (!zones.ok) return zones;
    return spaces.ok ? { ...spaces, data: { zones: zones.data, spaces: spaces.data } } : spaces;
  });
}

/** Finds a space by its label code in the stored catalogues. */
export async function spaceByCode(code: string): Promise<{ space: SpaceDto; location: LocationDto } | undefined> {
  for (const location of locations()?.data ?? []) {
    const found = (await getCached<LocationCatalogue>(`catalogue:${location.id}`))?.data.spaces.find((s) => s.code === code);
    if (found) return { space: found, location };
  }
  return undefined;
}

/** Signs in with a password; answers the second-factor step when the account needs one. */
export async function signIn(email: string, password: string) {
  const res = await api.login(email, password);
  if (res.ok && !('secondFactor' in res.data)) await signedIn(res.data);
  return res;
}

/** The person is signed in (after a password, a second factor or an enrolment). */
export async function signedIn(person: MeDto): Promise<void> {
  setMe(person);
  keepForFirstScreen({ me: person });
  await putKv('me', person);
  await sync();
}

/** The provider's sign-out page after signing out of Plek, when the session came from there. */
const [providerLogout, setProviderLogout] = createSignal<string | null>(null);
export { providerLogout };

export async function signOut(): Promise<void> {
  const res = await api.logout();
  setProviderLogout(res.ok ? res.data.providerLogoutUrl : null);
  await forget();
}

async function forget(): Promise<void> {
  notificationStream?.close();
  notificationStream = null;
  setNotifications([]);
  forgetFirstScreen();
  await clearPersonal();
  setMe(null);
  setReservations(null);
  setColleagues(null);
  setPass(null);
  setOutbox([]);
  setRefusals([]);
}

export async function chooseLanguage(l: Language): Promise<void> {
  setLang(l);
  keepForFirstScreen({ lang: l });
  await putKv('lang', l);
}

export async function setShowPresence(show: boolean) {
  const res = await api.settings(show);
  if (res.ok) {
    setMe(res.data);
    keepForFirstScreen({ me: res.data });
    await putKv('me', res.data);
  }
  return res;
}

/** Queues a mutation, sends the outbox if it can, and tells what became of this one. */
async function perform(entry: Omit<OutboxEntry, 'key' | 'createdAt' | 'seq'>): Promise<ReleaseOutcome> {
  const { entry: queued, report, withdrawn } = await enqueueAndFlush(entry, () => void refreshOutbox());
  await refreshOutbox();
  if (withdrawn) return { kind: 'undone' };
  const sent = report.sent.find((s) => s.entry.key === queued.key);
  if (sent && sent.result.ok) {
    await loadReservations();
    return { kind: 'done', reservation: sent.result.data };
  }
  const refused = report.refused.find((r) => r.entry.key === queued.key);
  if (refused) {
    // Shown to the person right where they acted; only refusals of later sends stay listed.
    await dismiss(refused);
    return { kind: 'refused', refusal: refused };
  }
  if (report.stopped === 'network') setOnline(false);
  await askForBackgroundSync();
  return { kind: 'queued' };
}

/** Lets the service worker send the outbox when the network returns, even with the app closed. */
export async function askForBackgroundSync(): Promise<void> {
  const registration = await navigator.serviceWorker?.getRegistration();
  const sync = (registration as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined)?.sync;
  await sync?.register('plek-outbox').catch(() => undefined);
}

export function reserve(body: CreateReservationBody, preview: NonNullable<OutboxEntry['preview']>, spaceCode: string): Promise<Outcome> {
  return perform({ kind: 'reserve', request: mutations.reserve(body), spaceCode, preview, tempId: `tmp-${crypto.randomUUID()}` }) as Promise<Outcome>;
}

/** Check-in with the scanned label's key; the scan time goes along for a check-in sent later. */
export function checkIn(target: { id: number } | { tempId: string }, key: string, spaceCode: string): Promise<Outcome> {
  const scannedAt = new Date().toISOString();
  // Only a release is held, so nothing here can be undone.
  if ('id' in target) return perform({ kind: 'checkIn', request: mutations.checkIn(target.id, { key, scannedAt }), spaceCode }) as Promise<Outcome>;
  return perform({ kind: 'checkIn', request: mutations.checkIn(target.tempId, { key, scannedAt }), spaceCode, ref: target.tempId }) as Promise<Outcome>;
}

/** Cancels or checks out after UNDO_MS, unless `undo` takes it back first. */
export function release(r: ReservationDto): Promise<ReleaseOutcome> {
  return perform({ kind: 'release', request: mutations.release(r.id), spaceCode: r.spaceCode, holdUntil: Date.now() + UNDO_MS });
}

/** Takes back a queued entry that was not sent yet; false when it was. */
export async function undo(entry: OutboxEntry): Promise<boolean> {
  const taken = await withdraw(entry.key);
  await refreshOutbox();
  return taken;
}

/**
 * Reserve-and-check-in needs the server's "now", so it is not queued: sent at once (with an
 * Idempotency-Key, so a retry is safe) or refused as needing the network.
 */
export async function walkUp(code: string, key: string) {
  const res = await api.send<ReservationDto>({ ...mutations.walkUp(code, key), idempotencyKey: crypto.randomUUID() });
  if (res.ok) await loadReservations();
  else if (res.code === 'network') setOnline(false);
  return res;
}

export async function dismiss(refusal: Refusal): Promise<void> {
  await dismissRefusal(refusal.id!);
  await refreshOutbox();
}
