import type { Role } from '../shared/types.js';
import { z } from 'zod';

const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

const schema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(8080),
    HOST: z.string().min(1).default('0.0.0.0'),
    PLEK_DB: z.string().min(1).default('data/plek.sqlite'),
    PLEK_ADMIN_EMAIL: z.email().optional(),
    PLEK_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
    PLEK_DEMO: flag.default(false),
    PLEK_SWEEP_SECONDS: z.coerce.number().positive().max(86_400).default(30),
    PLEK_PUBLIC_URL: z.url().optional(),
    PLEK_TRUST_PROXY: flag.default(false),
    PLEK_SESSION_IDLE_HOURS: z.coerce.number().positive().default(24 * 14),
    PLEK_SESSION_MAX_DAYS: z.coerce.number().positive().default(30),
    PLEK_DIST: z.string().min(1).default('dist'),
    PLEK_OIDC_ISSUER: z.url().optional(),
    PLEK_OIDC_CLIENT_ID: z.string().min(1).optional(),
    PLEK_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    PLEK_OIDC_SCOPES: z.string().default('openid email profile'),
    PLEK_OIDC_ROLE_CLAIM: z.string().min(1).optional(),
    PLEK_OIDC_ROLE_MAP: z
      .string()
      .regex(/^[^=,]+=(employee|manager|receptionist|facility|hr|admin)(,[^=,]+=(employee|manager|receptionist|facility|hr|admin))*$/, 'group=role,group=role (roles: employee, manager, receptionist, facility, hr, admin)')
      .optional(),
    PLEK_OIDC_TEAM_CLAIM: z.string().min(1).optional(),
    PLEK_LOCAL_LOGIN: flag.default(true),
    PLEK_2FA_ROLES: z
      .string()
      .regex(/^(none|(employee|manager|receptionist|facility|hr|admin)(,(employee|manager|receptionist|facility|hr|admin))*)$/, 'roles separated by commas, or none')
      .default('admin,facility'),
    PLEK_SMTP_URL: z
      .url()
      .regex(/^smtps?:\/\/[^/?#]+/, 'smtp://[user:password@]host[:port] (STARTTLS when the relay offers it) or smtps://… (TLS from the start)')
      .optional(),
    PLEK_MAIL_FROM: z
      .string()
      .regex(/^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, 'an address, or a name with the address in <>: Plek <plek@gemeente.nl>')
      .optional(),
    PLEK_SMTP_CA: z.string().min(1).optional(),
    PLEK_MAIL_REMINDER_MINUTES: z.coerce.number().int().min(0).max(240).default(15),
    // A bearer token long enough not to be guessed; /metrics answers 404 without one.
    PLEK_METRICS_TOKEN: z.string().min(24, 'at least 24 characters (for example: openssl rand -hex 24)').optional(),
    PLEK_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .refine((e) => (e.PLEK_ADMIN_EMAIL === undefined) === (e.PLEK_ADMIN_PASSWORD === undefined), {
    message: 'set both or neither',
    path: ['PLEK_ADMIN_EMAIL + PLEK_ADMIN_PASSWORD'],
  })
  .refine((e) => [e.PLEK_OIDC_ISSUER, e.PLEK_OIDC_CLIENT_ID, e.PLEK_OIDC_CLIENT_SECRET].every((v) => v === undefined) || (e.PLEK_OIDC_ISSUER && e.PLEK_OIDC_CLIENT_ID && e.PLEK_OIDC_CLIENT_SECRET && e.PLEK_PUBLIC_URL), {
    message: 'set PLEK_OIDC_ISSUER, PLEK_OIDC_CLIENT_ID, PLEK_OIDC_CLIENT_SECRET and PLEK_PUBLIC_URL together',
    path: ['PLEK_OIDC_ISSUER'],
  })
  .refine((e) => (e.PLEK_SMTP_URL === undefined) === (e.PLEK_MAIL_FROM === undefined), { message: 'set both or neither', path: ['PLEK_SMTP_URL + PLEK_MAIL_FROM'] })
  .refine((e) => e.PLEK_LOCAL_LOGIN || e.PLEK_OIDC_ISSUER !== undefined, { message: 'with local sign-in off, configure OpenID Connect', path: ['PLEK_LOCAL_LOGIN'] });

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  /** The claim holding group ids, and which group gives which role. */
  roleClaim: string | null;
  roleMap: Map<string, Role>;
  /** The claim holding team names, when teams come from the identity provider. */
  teamClaim: string | null;
}

export interface MailConfig {
  /** The relay, as nodemailer reads it: smtp:// upgrades with STARTTLS, smtps:// is TLS at once; user:password@ authenticates. */
  smtpUrl: string;
  from: string;
  /** PEM file of a CA to trust for the relay besides the system's (an internal municipal CA). */
  caFile: string | null;
  /** How long before the check-in deadline the reminder goes; 0 sends none. */
  reminderMinutes: number;
}

export interface Config {
  port: number;
  host: string;
  dbFile: string;
  admin: { email: string; password: string } | null;
  demo: boolean;
  sweepMs: number;
  publicUrl: string | null;
  trustProxy: boolean;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  distDir: string;
  oidc: OidcConfig | null;
  localLogin: boolean;
  /** Local accounts with any of these roles must sign in with a second factor (TOTP). */
  twoFactorRoles: Role[];
  /** Mail through the municipality's relay; null sends none. */
  mail: MailConfig | null;
  /** Occupancy reports in a worker thread with its own connection (not for an in-memory database). */
  reportWorker: boolean;
  /** The bearer token for /metrics; null turns the metrics route off. */
  metricsToken: string | null;
  logLevel: string;
}

export class ConfigError extends Error {}

/** Reads the configuration from the environment; a bad value is one clear ConfigError. */
export function readConfig(env: Record<string, string | undefined>): Config {
  // Empty variables count as unset, as a shell user would expect from `PORT= npm start`.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(present);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new ConfigError(`${issue.path.join('.')}: ${issue.message}`);
  }
  const e = result.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dbFile: e.PLEK_DB,
    admin: e.PLEK_ADMIN_EMAIL && e.PLEK_ADMIN_PASSWORD ? { email: e.PLEK_ADMIN_EMAIL, password: e.PLEK_ADMIN_PASSWORD } : null,
    demo: e.PLEK_DEMO,
    sweepMs: e.PLEK_SWEEP_SECONDS * 1000,
    publicUrl: e.PLEK_PUBLIC_URL ?? null,
    trustProxy: e.PLEK_TRUST_PROXY,
    sessionIdleMs: e.PLEK_SESSION_IDLE_HOURS * 3_600_000,
    sessionAbsoluteMs: e.PLEK_SESSION_MAX_DAYS * 86_400_000,
    distDir: e.PLEK_DIST,
    oidc:
      e.PLEK_OIDC_ISSUER && e.PLEK_OIDC_CLIENT_ID && e.PLEK_OIDC_CLIENT_SECRET
        ? {
            issuer: e.PLEK_OIDC_ISSUER,
            clientId: e.PLEK_OIDC_CLIENT_ID,
            clientSecret: e.PLEK_OIDC_CLIENT_SECRET,
            scopes: e.PLEK_OIDC_SCOPES,
            roleClaim: e.PLEK_OIDC_ROLE_CLAIM ?? null,
            roleMap: new Map((e.PLEK_OIDC_ROLE_MAP?.split(',') ?? []).map((pair) => pair.split('=') as [string, Role])),
            teamClaim: e.PLEK_OIDC_TEAM_CLAIM ?? null,
          }
        : null,
    localLogin: e.PLEK_LOCAL_LOGIN,
    twoFactorRoles: e.PLEK_2FA_ROLES === 'none' ? [] : (e.PLEK_2FA_ROLES.split(',') as Role[]),
    mail:
      e.PLEK_SMTP_URL && e.PLEK_MAIL_FROM
        ? { smtpUrl: e.PLEK_SMTP_URL, from: e.PLEK_MAIL_FROM, caFile: e.PLEK_SMTP_CA ?? null, reminderMinutes: e.PLEK_MAIL_REMINDER_MINUTES }
        : null,
    reportWorker: e.PLEK_DB !== ':memory:',
    metricsToken: e.PLEK_METRICS_TOKEN ?? null,
    logLevel: e.PLEK_LOG_LEVEL,
  };
}

/**
 * The configuration tests start from: a file chosen by the test, no demo, and no second factor
 * unless a test asks for it (the two-factor tests do), so other tests sign in with a password.
 */
export function testConfig(overrides: Partial<Config> = {}): Config {
  // Reports in this thread unless a test asks for the worker: a test's clock and database stay in one place.
  return { ...readConfig({}), host: '127.0.0.1', port: 0, twoFactorRoles: [], reportWorker: false, ...overrides };
}
