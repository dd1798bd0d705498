/**
 * The one module that knows the API's URLs, for the PWA, the kiosk and the service worker.
 * Answers are `{ok:true,data}` or `{ok:false,...}`: a refusal is a value the caller shows, not
 * an exception; only the absence of an answer is `network`.
 */
import type {
  AvailabilityDto,
  ColleagueDto,
  DayBusynessDto,
  FloorPlanDto,
  LocationDto,
  MeDto,
  PassDto,
  ReservationDto,
  SpaceDto,
  ZoneDto,
} from './api.js';
import type { ErrorCode } from './errors.js';
import type { CheckInBody, CreateReservationBody } from './schemas.js';
import type { WorkPlace } from './types.js';

export type ApiResult<T> =
  | { ok: true; status: number; data: T }
  | { ok: false; status: number; code: ErrorCode | 'network' | 'unknown'; message: string; details?: any };

/** After a right password, for accounts that need a second factor. */
export type SecondFactorStep = { secondFactor: 'code'; ticket: string } | { secondFactor: 'enrol'; ticket: string; secret: string; otpauthUrl: string };

export interface RawRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
  idempotencyKey?: string;
}

export function createApiClient(base = '', fetchImpl: typeof fetch = (...a) => fetch(...a)) {
  async function send<T>(r: RawRequest): Promise<ApiResult<T>> {
    let res: Response;
    try {
      res = await fetchImpl(base + r.path, {
        method: r.method,
        credentials: 'same-origin',
        headers: {
          ...(r.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(r.idempotencyKey ? { 'idempotency-key': r.idempotencyKey } : {}),
        },
        body: r.body === undefined ? undefined : JSON.stringify(r.body),
      });
    } catch (err) {
      return { ok: false, status: 0, code: 'network', message: err instanceof Error ? err.message : 'network' };
    }
    const data = res.status === 204 ? null : await res.json().catch(() => null);
    if (res.ok) return { ok: true, status: res.status, data: data as T };
    const error = (data as { error?: { code: ErrorCode; message: string; details?: unknown } } | null)?.error;
    return { ok: false, status: res.status, code: error?.code ?? 'unknown', message: error?.message ?? res.statusText, details: error?.details };
  }
  const get = <T>(path: string) => send<T>({ method: 'GET', path });
  const q = (params: Record<string, string | number | undefined>) =>
    new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined) as [string, string][]).toString();

  return {
    send,
    authConfig: () => get<{ local: boolean; oidc: boolean }>('/api/v1/auth/config'),
    login: (email: string, password: string) => send<MeDto | SecondFactorStep>({ method: 'POST', path: '/api/v1/auth/login', body: { email, password } }),
    secondFactor: (ticket: string, code: string) => send<MeDto>({ method: 'POST', path: '/api/v1/auth/second-factor', body: { ticket, code } }),
    enrol: (ticket: string, code: string) => send<{ me: MeDto; recoveryCodes: string[] }>({ method: 'POST', path: '/api/v1/auth/second-factor/enrol', body: { ticket, code } }),
    logout: () => send<{ providerLogoutUrl: string | null }>({ method: 'POST', path: '/api/v1/auth/logout' }),
    me: () => get<MeDto>('/api/v1/me'),
    pass: () => get<PassDto>('/api/v1/me/pass'),
    settings: (showPresence: boolean) => send<MeDto>({ method: 'PUT', path: '/api/v1/me/settings', body: { showPresence } }),
    locations: () => get<LocationDto[]>('/api/v1/locations'),
    zones: (locationId: number) => get<ZoneDto[]>(`/api/v1/locations/${locationId}/zones`),
    spaces: (locationId: number) => get<SpaceDto[]>(`/api/v1/locations/${locationId}/spaces`),
    week: (locationId: number, from?: string) => get<DayBusynessDto[]>(`/api/v1/locations/${locationId}/week?${q({ from })}`),
    availability: (location: number, from: string, to: string) => get<AvailabilityDto>(`/api/v1/availability?${q({ location, from, to })}`),
    reservations: (from?: string, to?: string) => get<ReservationDto[]>(`/api/v1/reservations?${q({ from, to })}`),
    colleagues: () => get<ColleagueDto[]>('/api/v1/colleagues'),
    kioskMe: () => get<KioskDto>('/api/v1/kiosk/me'),
    kioskPair: (code: string) => send<KioskDto>({ method: 'POST', path: '/api/v1/kiosk/pair', body: { code } }),
    kioskBoard: () => get<BoardDto>('/api/v1/kiosk/board'),
    /** Today's expected guests with this surname: initials and the host's first name, never a list. */
    kioskGuestLookup: (surname: string) => send<{ guests: GuestMatchDto[] }>({ method: 'POST', path: '/api/v1/kiosk/guests/lookup', body: { surname } }),
    kioskRoom: () => get<RoomStatusDto>('/api/v1/kiosk/room'),
    myGuests: () => get<GuestDto[]>('/api/v1/guests'),
    receptionGuests: (location: number, q?: string) => get<{ expected: GuestDto[]; present: GuestDto[]; left: GuestDto[] }>(`/api/v1/reception/guests?${new URLSearchParams({ location: String(location), ...(q ? { q } : {}) })}`),
    emergency: (location: number) => get<EmergencyDto>(`/api/v1/reception/emergency?location=${location}`),
    notifications: () => get<NotificationDto[]>('/api/v1/notifications'),
    ticks: (month?: string) => get<{ date: string; place: WorkPlace | null; source: 'check_in' | 'self' | 'hr' | null; editable: boolean }[]>(`/api/v1/ticks?${q({ month })}`),
    setTick: (date: string, place: WorkPlace) => send<null>({ method: 'PUT', path: `/api/v1/ticks/${date}`, body: { place } }),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

export interface KioskDto {
  id: number;
  name: string;
  mode: 'entrance' | 'room';
  location: LocationDto;
  space: { id: number; code: string; name: string; capacity: number; features: string[] } | null;
}

export interface BoardDto {
  location: LocationDto;
  now: string;
  zones: ZoneDto[];
  plans: FloorPlanDto[];
  spaces: { id: number; code: string; name: string; kind: SpaceDto['kind']; zoneId: number | null; features: string[]; plan: SpaceDto['plan']; free: boolean; until: string | null }[];
}

export interface MeetingDto {
  start: string;
  end: string;
  state: 'booked' | 'checked_in' | 'completed' | 'cancelled' | 'no_show';
}

export interface RoomStatusDto {
  current: MeetingDto | null;
  next: MeetingDto | null;
}

/** A guest a kiosk found by surname: enough for the visitor to confirm, no more. */
export interface GuestMatchDto {
  ref: string;
  initials: string;
  hostFirstName: string;
}

export interface GuestDto {
  id: number;
  locationId: number;
  hostId: number;
  hostName: string;
  name: string;
  organisation: string | null;
  note: string | null;
  spaceCode: string | null;
  expectedAt: string;
  state: 'expected' | 'present' | 'left';
  arrivedAt: string | null;
  leftAt: string | null;
  inviteCode?: string;
}

export interface EmergencyDto {
  location: { id: number; name: string };
  at: string;
  staff: { name: string; bhv: boolean; spaceCode: string; zoneName: string | null; floor: number | null }[];
  guests: { id: number; name: string; organisation: string | null; hostName: string }[];
  bhvPresent: boolean;
}

export type NotificationDto = { id: number; read: boolean; createdAt: string; at: string; locationName: string } & (
  | { kind: 'guest_arrived'; guestId: number; name: string; organisation: string | null }
  | { kind: 'reservation_cancelled'; reservationId: number; spaceCode: string; start: string; reason: 'space_retired' }
);

/** The mutations, as requests the outbox can store and send again. */
export const mutations = {
  reserve: (body: CreateReservationBody): RawRequest => ({ method: 'POST', path: '/api/v1/reservations', body }),
  checkIn: (id: number | string, body: CheckInBody): RawRequest => ({ method: 'POST', path: `/api/v1/reservations/${id}/check-in`, body }),
  release: (id: number | string): RawRequest => ({ method: 'POST', path: `/api/v1/reservations/${id}/release` }),
  walkUp: (code: string, key: string): RawRequest => ({ method: 'POST', path: '/api/v1/walk-up', body: { code, key } }),
  kioskCheckIn: (pass: string, scannedAt: string): RawRequest => ({ method: 'POST', path: '/api/v1/kiosk/check-in', body: { pass, scannedAt } }),
  kioskWalkUp: (visit: string, spaceId: number): RawRequest => ({ method: 'POST', path: '/api/v1/kiosk/walk-up', body: { visit, spaceId } }),
  guestArrive: (target: { inviteCode: string } | { ref: string }, scannedAt: string): RawRequest => ({ method: 'POST', path: '/api/v1/kiosk/guests/arrive', body: { ...target, scannedAt } }),
  roomBook: (minutes: 15 | 30 | 60): RawRequest => ({ method: 'POST', path: '/api/v1/kiosk/room/book', body: { minutes } }),
  roomCheckIn: (): RawRequest => ({ method: 'POST', path: '/api/v1/kiosk/room/check-in' }),
  roomEnd: (): RawRequest => ({ method: 'POST', path: '/api/v1/kiosk/room/end' }),
  createGuest: (body: { name: string; organisation?: string; expectedAt: string; locationId: number; spaceId?: number; note?: string }): RawRequest => ({ method: 'POST', path: '/api/v1/guests', body }),
  walkInGuest: (body: { name: string; organisation?: string; locationId: number; hostId: number }): RawRequest => ({ method: 'POST', path: '/api/v1/reception/guests', body }),
  guestCheckIn: (id: number): RawRequest => ({ method: 'POST', path: `/api/v1/reception/guests/${id}/check-in` }),
  guestCheckOut: (id: number): RawRequest => ({ method: 'POST', path: `/api/v1/reception/guests/${id}/check-out` }),
  guestBadge: (id: number): RawRequest => ({ method: 'POST', path: `/api/v1/reception/guests/${id}/badge` }),
};
