/**
 * The one catalogue of error codes the API answers with. The server maps a code to its HTTP
 * status here, and the apps turn the same code into Dutch or English text (see i18n.ts).
 */
export const errorStatus = {
  invalid_input: 400,
  malformed_json: 400,
  csv_unreadable: 400,
  csv_columns_missing: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  invalid_code: 401,
  ticket_expired: 401,
  oidc_failed: 401,
  forbidden: 403,
  team_location_fixed: 403,
  cross_origin: 403,
  wrong_key: 403,
  account_disabled: 403,
  local_login_disabled: 403,
  not_found: 404,
  conflict: 409,
  wrong_state: 409,
  limit_reached: 409,
  check_in_not_open: 409,
  check_in_closed: 409,
  spot_taken: 409,
  scan_too_old: 409,
  pass_used: 409,
  tick_locked: 409,
  space_unavailable: 409,
  location_closed: 409,
  holiday_closed: 409,
  closed_day: 409,
  email_taken: 409,
  code_taken: 409,
  name_taken: 409,
  last_admin: 409,
  no_held_desk: 409,
  not_enough_desks: 409,
  not_free_that_long: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  csv_too_large: 413,
  start_in_past: 422,
  too_far_ahead: 422,
  invalid_interval: 422,
  outside_opening_hours: 422,
  off_grid: 422,
  invalid_policy: 422,
  zone_not_in_location: 422,
  plan_not_in_location: 422,
  no_team_zone: 422,
  hold_too_late: 422,
  idempotency_key_reused: 422,
  scan_in_future: 422,
  too_many_attempts: 429,
  too_many_streams: 429,
  storage_unavailable: 503,
  oidc_unavailable: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/** A failure the caller can act on: it carries a catalogue code, never a stack trace to the client. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: unknown,
  ) {
    super(message ?? code);
    this.name = 'DomainError';
  }
}

/** The JSON body of every error answer. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

/** True when `code` is one of the catalogue's codes (used by clients on unknown answers). */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(errorStatus, code);
}
