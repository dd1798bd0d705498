import * as client from 'openid-client';
import { DomainError } from '../../shared/errors.js';
import type { Role } from '../../shared/types.js';
import type { AdminService } from '../admin/admin.service.js';
import type { AuditStore } from '../audit/audit.store.js';
import type { Clock } from '../clock.js';
import type { OidcConfig } from '../config.js';
import { secretsEqual, sha256 } from '../security.js';
import type { AuthService } from './auth.service.js';
import type { OidcStore } from './oidc.store.js';
import type { UserStore } from './user.store.js';

interface Deps {
  logins: OidcStore;
  config: OidcConfig;
  publicUrl: string;
  users: UserStore;
  admin: AdminService;
  auth: AuthService;
  audit: AuditStore;
  clock: Clock;
}

/** How long a sign-in at the provider may take, from leaving Plek to coming back. */
const PENDING_MS = 10 * 60_000;

/** Why the token exchange failed, for the audit log: the provider's error code or the claim at fault. */
function failure(err: unknown): string {
  if (!(err instanceof Error)) return 'token exchange failed';
  const parts: string[] = [];
  // openid-client wraps the underlying check: its causes name the claim or the provider's error.
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const x = e as { message?: string; error?: string; claim?: string };
    if (typeof x.message === 'string') parts.push(x.message);
    if (typeof x.error === 'string') parts.push(x.error);
    if (typeof x.claim === 'string') parts.push(`claim ${x.claim}`);
  }
  return parts.join(': ').slice(0, 300);
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

/**
 * Sign-in through the municipality's identity provider: OpenID Connect authorization code flow
 * with PKCE, state and nonce, by openid-client. People are matched by e-mail and created on
 * their first sign-in; roles (and teams) follow the configured claims on every sign-in.
 */
export function createOidcService(d: Deps) {
  const redirectUri = new URL('/api/v1/auth/oidc/callback', d.publicUrl).href;
  const insecure = new URL(d.config.issuer).protocol === 'http:'; // a test provider on 127.0.0.1

  // Discovered once and kept; a provider that is down at start is tried again on the next sign-in.
  let discovered: Promise<client.Configuration> | null = null;
  function configuration(): Promise<client.Configuration> {
    discovered ??= client
      .discovery(new URL(d.config.issuer), d.config.clientId, d.config.clientSecret, undefined, insecure ? { execute: [client.allowInsecureRequests] } : undefined)
      .catch((err: unknown) => {
        discovered = null;
        console.error(`plek: identity provider ${d.config.issuer} not reachable:`, err instanceof Error ? err.message : err);
        throw new DomainError('oidc_unavailable', 'the identity provider cannot be reached');
      });
    return discovered;
  }

  function refuse(reason: string, origin: string): never {
    d.audit.record({ actor: 'oidc', action: 'auth.oidc', result: 'refused', origin, details: { reason } }, d.clock.now());
    throw new DomainError('oidc_failed', reason);
  }

  /** The person for these claims: found by e-mail or created, with roles and teams from the claims. */
  function personFor(claims: Record<string, unknown>, origin: string) {
    const email = typeof claims.email === 'string' ? claims.email.trim() : '';
    if (!/^[^@\s]+@[^@\s]+$/.test(email) || email.length > 254) refuse('no e-mail address in the claims', origin);
    const name = (typeof claims.name === 'string' && claims.name.trim().slice(0, 200)) || email;
    const mapped = d.config.roleClaim ? strings(claims[d.config.roleClaim]).flatMap((g) => d.config.roleMap.get(g) ?? []) : [];
    const roles: Role[] = [...new Set<Role>(['employee', ...mapped])];
    const teams = d.config.teamClaim ? strings(claims[d.config.teamClaim]).map((t) => t.trim().slice(0, 100)).filter(Boolean) : undefined;
    const existing = d.users.byEmail(email);
    if (!existing) {
      const user = d.admin.createUserWithHash(null, { email, name, roles, teams }, null, origin);
      return { user, created: true };
    }
    if (existing.disabled) {
      d.audit.record({ actor: `u:${existing.id}`, action: 'auth.oidc', result: 'refused', origin, details: { reason: 'disabled' } }, d.clock.now());
      throw new DomainError('account_disabled', 'this account has been disabled');
    }
    // The provider is the source of roles once a role claim is configured; else roles stay as set in Plek.
    const changes = { ...(existing.name !== name ? { name } : {}), ...(d.config.roleClaim ? { roles } : {}), ...(teams ? { teams } : {}) };
    if (Object.keys(changes).length === 0) return { user: existing, created: false };
    try {
      return { user: d.admin.updateUser(null, existing.id, changes, origin), created: false };
    } catch (err) {
      // The provider dropped the role of the last admin: keep Plek manageable, change the rest.
      if (!(err instanceof DomainError && err.code === 'last_admin')) throw err;
      const { roles: _kept, ...rest } = changes as { roles?: Role[] };
      return { user: Object.keys(rest).length > 0 ? d.admin.updateUser(null, existing.id, rest, origin) : existing, created: false };
    }
  }

  return {
    /** Where to send the browser, and the state to bind to it in a cookie. */
    async start(): Promise<{ url: string; state: string }> {
      const config = await configuration();
      const verifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const now = d.clock.now();
      d.logins.purgeBefore(now - PENDING_MS);
      d.logins.insert(sha256(state), nonce, verifier, now);
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: d.config.scopes,
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return { url: url.href, state };
    },

    /**
     * The provider sent the browser back. The state must match the one in this browser's cookie
     * and a pending sign-in (each used once); the code is exchanged with the PKCE verifier, and
     * the ID token must carry our nonce.
     */
    async callback(currentUrl: URL, cookieState: string | undefined, origin: string) {
      const state = currentUrl.searchParams.get('state') ?? '';
      if (currentUrl.searchParams.has('error')) refuse(`the provider answered ${currentUrl.searchParams.get('error')}`, origin);
      if (!state || !cookieState || !secretsEqual(state, cookieState)) refuse('state does not match this browser', origin);
      const pending = d.logins.take(sha256(state));
      if (!pending || pending.createdAt < d.clock.now() - PENDING_MS) refuse('no sign-in pending for this state', origin);
      const config = await configuration();
      let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
      try {
        tokens = await client.authorizationCodeGrant(config, currentUrl, {
          pkceCodeVerifier: pending!.verifier,
          expectedState: state,
          expectedNonce: pending!.nonce,
          idTokenExpected: true,
        });
      } catch (err) {
        refuse(failure(err), origin);
      }
      const idClaims = tokens!.claims()!;
      let info: Record<string, unknown> = {};
      try {
        info = await client.fetchUserInfo(config, tokens!.access_token, idClaims.sub);
      } catch {
        // Some providers put everything in the ID token and offer no userinfo: that is enough.
      }
      const { user, created } = personFor({ ...info, ...idClaims }, origin);
      d.audit.record({ actor: `u:${user.id}`, action: 'auth.oidc', result: 'ok', origin, details: { created, roles: user.roles } }, d.clock.now());
      return d.auth.startSession(user, origin, 'oidc');
    },

    /** The provider's sign-out page, when it has one, to offer after signing out of Plek. */
    async logoutUrl(): Promise<string | null> {
      const config = await configuration().catch(() => null);
      if (!config?.serverMetadata().end_session_endpoint) return null;
      return client.buildEndSessionUrl(config, { client_id: d.config.clientId, post_logout_redirect_uri: new URL('/', d.publicUrl).href }).href;
    },
  };
}

export type OidcService = ReturnType<typeof createOidcService>;
