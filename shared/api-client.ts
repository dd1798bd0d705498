/**
 * The one module that knows the API's URLs, for the PWA, the kiosk and the service worker.
 * Answers are `{ok:true,data}` or `{ok:false,...}`: a refusal is a value the caller shows, not
 * an exception; only the absence of an answer is `network`.
 */
import type { z } from 'zod';
import type {
  AvailabilityDto,
  ColleagueDto,
  CsvImportDto,
  CsvPreviewDto,
  DayBusynessDto,
  FloorPlanDto,
  LocationDto,
  MeDto,
  OccupancyReportDto,
  PassDto,
  ReservationDto,
  SpaceDto,
  ZoneDto,
} from './api.js';
import type { ErrorCode } from './errors.js';
import type { Language } from './i18n.js';
import type {
  CheckInBody,
  createKioskBody,
  createLocationBody,
  createSpaceBody,
  createTeamBody,
  createUserBody,
  createZoneBody,
  CreateReservationBody,
  placeSpaceBody,
  planUploadBody,
  policyPatchBody,
  teamBlockBody,
  updateLocationBody,
  updateSpaceBody,
  updateTeamBody,
  updateUserBody,
  updateZoneBody,
} from './schemas.js';
import type { Weekday, WorkPlace } from './types.js';

/** A request body as the client sends it: the schema's input, before the server trims or defaults. */
type In<S extends z.ZodType> = z.input<S>;

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
    /** Whether the location is closed now and when it opens next, as the kiosk board says it. */
    locationClosed: (locationId: number) => get<{ closed: ClosedDto | null }>(`/api/v1/locations/${locationId}/closed`),
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
    calendarLink: () => send<{ url: string }>({ method: 'POST', path: '/api/v1/me/calendar' }),
    mailSettings: () => get<MailSettingsDto>('/api/v1/me/mail'),
    setMailSettings: (body: Omit<MailSettingsDto, 'enabled'>) => send<MailSettingsDto>({ method: 'PUT', path: '/api/v1/me/mail', body }),
    adminMail: () => get<AdminMailDto>('/api/v1/admin/mail'),
    plans: (location: number) => get<FloorPlanDto[]>(`/api/v1/plans?${q({ location })}`),
    receptionHosts: (q?: string, limit?: number) => get<{ id: number; name: string }[]>(`/api/v1/reception/hosts${q === undefined ? '' : `?${new URLSearchParams({ q, ...(limit ? { limit: String(limit) } : {}) })}`}`),
    occupancy: (location: number, from: string, to: string) => get<OccupancyReportDto>(`/api/v1/reports/locations/${location}/occupancy?${q({ from, to })}`),

    myTeams: () => get<MyTeamDto[]>('/api/v1/teams/mine'),
    claimTeamDesk: (team: number, date: string) => send<ReservationDto>({ method: 'POST', path: `/api/v1/teams/${team}/claim`, body: { date } }),
    updateTeam: (team: number, body: In<typeof updateTeamBody>) => send<unknown>({ method: 'PATCH', path: `/api/v1/teams/${team}`, body }),
    blockTeamDay: (team: number, body: In<typeof teamBlockBody>) =>
      send<{ reserved: ReservationDto[]; held: number; skipped: { userId: number; reason: 'has_desk' | 'no_free_desk' }[]; notHeld: { count: number; reason: 'hold_too_late' | 'not_enough_desks'; releaseAt: string | null } | null }>({ method: 'POST', path: `/api/v1/teams/${team}/blocks`, body }),

    adminUsers: (search: string, page: number, role?: string) => get<{ users: AdminUserDto[]; total: number; pageSize: number }>(`/api/v1/admin/users?${q({ q: search, page, role })}`),
    createUser: (body: In<typeof createUserBody>) => send<unknown>({ method: 'POST', path: '/api/v1/admin/users', body }),
    updateUser: (user: number, body: In<typeof updateUserBody>) => send<unknown>({ method: 'PATCH', path: `/api/v1/admin/users/${user}`, body }),
    setUserLocations: (user: number, locationIds: number[]) => send<unknown>({ method: 'PUT', path: `/api/v1/admin/users/${user}/locations`, body: { locationIds } }),
    setUserBhv: (user: number, bhv: boolean) => send<unknown>({ method: 'POST', path: `/api/v1/admin/users/${user}/bhv`, body: { bhv } }),
    setUserEnabled: (user: number, enabled: boolean) => send<unknown>({ method: 'POST', path: `/api/v1/admin/users/${user}/${enabled ? 'enable' : 'disable'}` }),
    adminTeams: () => get<AdminTeamDto[]>('/api/v1/admin/teams'),
    createTeam: (body: In<typeof createTeamBody>) => send<unknown>({ method: 'POST', path: '/api/v1/admin/teams', body }),

    adminKiosks: () => get<AdminKioskDto[]>('/api/v1/admin/kiosks'),
    adminAudit: (f: { actor?: string; action?: string; from?: string; to?: string; page: number }) => get<AuditPageDto>(`/api/v1/admin/audit?${q(f)}`),
    createKiosk: (body: In<typeof createKioskBody>) => send<PairingCodeDto>({ method: 'POST', path: '/api/v1/admin/kiosks', body }),
    newPairingCode: (kiosk: number) => send<PairingCodeDto>({ method: 'POST', path: `/api/v1/admin/kiosks/${kiosk}/pairing-code` }),
    revokeKiosk: (kiosk: number) => send<unknown>({ method: 'POST', path: `/api/v1/admin/kiosks/${kiosk}/revoke` }),

    labels: (location: number) => get<LabelDto[]>(`/api/v1/admin/locations/${location}/labels`),
    rotateLabelKey: (space: number) => send<unknown>({ method: 'POST', path: `/api/v1/admin/spaces/${space}/rotate-key` }),

    createLocation: (body: In<typeof createLocationBody>) => send<LocationDto>({ method: 'POST', path: '/api/v1/admin/locations', body }),
    updateLocation: (location: number, body: In<typeof updateLocationBody>) => send<unknown>({ method: 'PATCH', path: `/api/v1/admin/locations/${location}`, body }),
    retireLocation: (location: number) => send<{ cancelled: number }>({ method: 'POST', path: `/api/v1/admin/locations/${location}/retire` }),
    setPolicy: (location: number, patch: In<typeof policyPatchBody>) => send<unknown>({ method: 'PUT', path: `/api/v1/admin/locations/${location}/policy`, body: patch }),
    createZone: (location: number, body: In<typeof createZoneBody>) => send<unknown>({ method: 'POST', path: `/api/v1/admin/locations/${location}/zones`, body }),
    updateZone: (zone: number, body: In<typeof updateZoneBody>) => send<unknown>({ method: 'PATCH', path: `/api/v1/admin/zones/${zone}`, body }),
    retireZone: (zone: number) => send<{ cancelled: number }>({ method: 'POST', path: `/api/v1/admin/zones/${zone}/retire` }),
    createSpace: (location: number, body: In<typeof createSpaceBody>) => send<unknown>({ method: 'POST', path: `/api/v1/admin/locations/${location}/spaces`, body }),
    updateSpace: (space: number, body: In<typeof updateSpaceBody>) => send<unknown>({ method: 'PATCH', path: `/api/v1/admin/spaces/${space}`, body }),
    retireSpace: (space: number) => send<{ cancelled: number }>({ method: 'POST', path: `/api/v1/admin/spaces/${space}/retire` }),
    /** With `dryRun`, every row checked and nothing written. */
    /** A spaces CSV as pasted text, or as a file's bytes (base64) so the server can tell its encoding. */
    importSpaces: <D extends boolean>(location: number, content: { csv: string } | { file: string }, dryRun: D) =>
      send<D extends true ? CsvPreviewDto : CsvImportDto>({ method: 'POST', path: `/api/v1/admin/locations/${location}/spaces/import${dryRun ? '?dryRun=1' : ''}`, body: content }),
    placeSpace: (space: number, body: In<typeof placeSpaceBody>) => send<SpaceDto>({ method: 'PUT', path: `/api/v1/admin/spaces/${space}/position`, body }),
    uploadPlan: (location: number, body: In<typeof planUploadBody>) => send<FloorPlanDto>({ method: 'POST', path: `/api/v1/admin/locations/${location}/plans`, body }),
    deletePlan: (plan: number) => send<unknown>({ method: 'DELETE', path: `/api/v1/admin/plans/${plan}` }),
  };
}

const q = (params: Record<string, string | number | undefined>) =>
  new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])).toString();

/**
 * Addresses the browser opens itself rather than through fetch: downloads in an `<a href>`, the
 * sign-in redirect, and event streams. Same-origin paths, so cookies go along.
 */
export const apiUrls = {
  oidcStart: () => '/api/v1/auth/oidc/start',
  reservationIcs: (reservation: number) => `/api/v1/reservations/${reservation}/ics`,
  // CSV files are written in the language the app shows.
  ticksCsv: (month: string, lang: Language) => `/api/v1/hr/ticks.csv?${q({ month, lang })}`,
  spacesCsv: (location: number, lang: Language) => `/api/v1/admin/locations/${location}/spaces.csv?${q({ lang })}`,
  occupancyCsv: (location: number, from: string, to: string, lang: Language, part?: 'weekdays' | 'hours' | 'spread' | 'peaks' | 'rooms' | 'compare') => `/api/v1/reports/locations/${location}/occupancy.csv?${q({ from, to, lang, part })}`,
  notificationStream: () => '/api/v1/notifications/stream',
  kioskEvents: (location: number) => `/api/v1/events?${q({ location })}`,
};

export type ApiClient = ReturnType<typeof createApiClient>;

export interface KioskDto {
  id: number;
  name: string;
  mode: 'entrance' | 'room';
  location: LocationDto;
  space: { id: number; code: string; name: string; capacity: number; features: string[] } | null;
}

/** Why a location is closed now and when it opens next (null: not in the weeks ahead). */
export interface ClosedDto {
  reason: 'hours' | 'closed_day' | 'holiday';
  holiday: { nl: string; en: string } | null;
  opensAt: string | null;
}

export interface BoardDto {
  location: LocationDto;
  now: string;
  /** Null while the location is open; else why it is closed now and when it opens next. */
  closed: ClosedDto | null;
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
  /** Null unless the location is closed all day: then the room cannot be booked now. */
  closed: ClosedDto | null;
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

/** A team of mine, with its team days and the desks held for it. */
export interface MyTeamDto {
  id: number;
  name: string;
  days: Weekday[];
  zone: { id: number; name: string; locationId: number; locationName: string } | null;
  manages: boolean;
  members: { id: number; name: string }[] | null;
  upcoming: { date: string; held: number }[];
}

/** A page of the audit log, newest first, with the hash chain's verdict over the whole log. */
export interface AuditPageDto {
  entries: { id: number; at: string; actor: string | null; actorName: string | null; action: string; object: string | null; result: string; origin: string | null; details: Record<string, unknown> | null }[];
  total: number;
  page: number;
  pageSize: number;
  actions: string[];
  chain: { intact: boolean; brokenAt: number | null };
}

export interface AdminUserDto {
  id: number;
  email: string;
  name: string;
  roles: string[];
  teams: { id: number; name: string }[];
  disabled: boolean;
  bhv: boolean;
  locationIds: number[];
  /** The latest sign-in, ISO in the organisation's zone (Europe/Amsterdam); null when never. */
  lastSignInAt: string | null;
}

export interface AdminTeamDto {
  id: number;
  name: string;
  zoneId: number | null;
  days: Weekday[];
  memberCount: number;
}

export interface AdminKioskDto {
  id: number;
  name: string;
  locationId: number;
  spaceId: number | null;
  paired: boolean;
  lastSeenAt: number | null;
  revokedAt: number | null;
}

export interface PairingCodeDto {
  kiosk: AdminKioskDto;
  pairingCode: string;
}

/** One printable space label: the URL its QR code holds. */
export interface LabelDto {
  spaceId: number;
  code: string;
  name: string;
  url: string;
}


/** The mutations, as requests the outbox can store and send again. */
export const mutations = {
  reserve: (body: CreateReservationBody): RawRequest => ({ method: 'POST', path: '/api/v1/reservations', body }),
  checkIn: (id: number | string, body: CheckInBody): RawRequest => ({ method: 'POST', path: `/api/v1/reservations/${id}/check-in`, body }),
  release: (id: number | string): RawRequest => ({ method: 'POST', path: `/api/v1/reservations/${id}/release` }),
  walkUp: (code: string, key: string): RawRequest => ({ method: 'POST', path: '/api/v1/walk-up', body: { code, key } }),
  kioskCheckIn: (pass: string, scannedAt: string): RawRequest => ({ method: 'POST', path: '/api/v1/kiosk/check-in', body: { pass, scannedAt } }),
  kioskWalkUp: (visit: string, spaceId: number): RawRequest => ({ method: 'POST', path: '/api/v1/kiosk/walk-up', body: { visit, spaceId } }),
  guestArrive: (target: { inviteCode: string } | { ref: string }, scannedAt: string): RawRequest => ({ method: 'POST', path: '/api/v1/kiosk/guests/arrive', body: { ...target, scannedAt } }),
  roomBook: (ask: { minutes: 15 | 30 | 60 } | { until: string }): RawRequest => ({ method: 'POST', path: '/api/v1/kiosk/room/book', body: ask }),
  roomCheckIn: (): RawRequest => ({ method: 'POST', path: '/api/v1/kiosk/room/check-in' }),
  roomEnd: (): RawRequest => ({ method: 'POST', path: '/api/v1/kiosk/room/end' }),
  createGuest: (body: { name: string; organisation?: string; email?: string; expectedAt: string; locationId: number; spaceId?: number; note?: string }): RawRequest => ({ method: 'POST', path: '/api/v1/guests', body }),
  updateGuest: (id: number, body: { name?: string; organisation?: string | null; expectedAt?: string; spaceId?: number | null; note?: string | null }): RawRequest => ({ method: 'PATCH', path: `/api/v1/guests/${id}`, body }),
  cancelGuest: (id: number): RawRequest => ({ method: 'DELETE', path: `/api/v1/guests/${id}` }),
  notificationsRead: (): RawRequest => ({ method: 'POST', path: '/api/v1/notifications/read' }),
  walkInGuest: (body: { name: string; organisation?: string; locationId: number; hostId: number }): RawRequest => ({ method: 'POST', path: '/api/v1/reception/guests', body }),
  guestCheckIn: (id: number): RawRequest => ({ method: 'POST', path: `/api/v1/reception/guests/${id}/check-in` }),
  guestCheckOut: (id: number): RawRequest => ({ method: 'POST', path: `/api/v1/reception/guests/${id}/check-out` }),
  guestBadge: (id: number): RawRequest => ({ method: 'POST', path: `/api/v1/reception/guests/${id}/badge` }),
};

/** Which mail a person gets; `enabled` says whether Plek sends mail at all. */
export interface MailSettingsDto {
  language: 'nl' | 'en';
  confirmations: boolean;
  reminders: boolean;
  enabled: boolean;
}

export interface AdminMailDto {
  enabled: boolean;
  counts: { queued: number; sent: number; failed: number };
  failures: { id: number; kind: string; recipient: string; state: 'queued' | 'sent' | 'failed'; attempts: number; lastAttemptAt: string; lastError: string; nextAttemptAt: string | null }[];
}
