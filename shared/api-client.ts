/**
 * The one module that knows the API's URLs, for the PWA, the kiosk and the service worker.
 * Answers are `{ok:true,data}` or `{ok:false,...}`: a refusal is a value the caller shows, not
 * an exception; only the absence of an answer is `network`.
 */
import type {
  AvailabilityDto,
  ColleagueDto,
  DayBusynessDto,
  LocationDto,
  MeDto,
  PassDto,
  ReservationDto,
  SpaceDto,
  ZoneDto,
} from './api.js';
import type { ErrorCode } from './errors.js';
import type { CheckInBody, CreateReservationBody } from './schemas.js';

export type ApiResult<T> =
  | { ok: true; status: number; data: T }
  | { ok: false; status: number; code: ErrorCode | 'network' | 'unknown'; message: string; details?: any };

export interface RawRequest {
  method: 'GET' | 'POST' | 'PUT';
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
    login: (email: string, password: string) => send<MeDto>({ method: 'POST', path: '/api/v1/auth/login', body: { email, password } }),
    logout: () => send<null>({ method: 'POST', path: '/api/v1/auth/logout' }),
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
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** The mutations, as requests the outbox can store and send again. */
export const mutations = {
  reserve: (body: CreateReservationBody): RawRequest => ({ method: 'POST', path: '/api/v1/reservations', body }),
  checkIn: (id: number | string, body: CheckInBody): RawRequest => ({ method: 'POST', path: `/api/v1/reservations/${id}/check-in`, body }),
  release: (id: number | string): RawRequest => ({ method: 'POST', path: `/api/v1/reservations/${id}/release` }),
  walkUp: (code: string, key: string): RawRequest => ({ method: 'POST', path: '/api/v1/walk-up', body: { code, key } }),
};
