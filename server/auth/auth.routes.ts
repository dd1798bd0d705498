import { authConfigSchema, enrolAnswer, loginAnswer, logoutAnswer, meSchema } from '../../shared/answers.js';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { MeDto } from '../../shared/api.js';
import { DomainError } from '../../shared/errors.js';
import { loginBody, secondFactorBody } from '../../shared/schemas.js';
import type { Services } from '../app.deps.js';
import type { AppContext } from '../http/context.js';
import { actorOf, clientAddress, requireSignIn, SESSION_COOKIE } from '../http/middleware.js';
import { docsOf, mount, Resource } from '../http/resource.js';
import { overHttps } from '../http/origin.js';
import { jsonBody } from '../http/validate.js';

const STATE_COOKIE = 'plek_oidc_state';

const meDto = (a: ReturnType<typeof actorOf>): MeDto => ({ id: a.id, name: a.name, email: a.email, roles: a.roles, teams: a.teams, showPresence: a.showPresence });

// Behind a TLS-terminating proxy the request URL is http://: see overHttps.
const secure = (s: Services, c: AppContext) => overHttps(c, s.config);
const origin = (s: Services, c: AppContext) => clientAddress(c, s.config.trustProxy);
const startSession = (s: Services, c: AppContext, token: string) =>
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, secure: secure(s, c), sameSite: 'Lax', path: '/', maxAge: Math.floor(s.config.sessionAbsoluteMs / 1000) });
const oidc = (s: Services) => {
  if (!s.oidc) throw new DomainError('not_found', 'sign-in through an identity provider is not configured');
  return s.oidc;
};

/** /api/v1/auth: signing in and out. */
const auth = new Resource<Services>('/auth');

auth.get(
  '/config',
  { summary: 'How to sign in here: with a password, through the identity provider, or both', access: 'public', answer: authConfigSchema, responses: { 200: '{local,oidc}' } },
  (s) => (c) => c.json({ local: s.config.localLogin, oidc: s.oidc !== null }),
);

// Sign-in, the second factor and sign-out stay outside write() (and document no
// Idempotency-Key): there is no caller to key by before sign-in; the password check awaits
// argon2, which may not run inside the synchronous unit of work; the answer is a session
// cookie, which a stored answer must never replay to whoever resends the key; and a resend is
// safe as it is: a second sign-in only opens another session, a ticket works once, and
// signing out an ended session ends nothing. Each writes in its own short transaction.
auth.post(
  '/login',
  {
    summary: 'Sign in with e-mail and password; sets the session cookie, or (admin and facility) asks for the second factor: {secondFactor:"code",ticket} or, not enrolled yet, {secondFactor:"enrol",ticket,secret,otpauthUrl}',
    access: 'public',
    body: loginBody,
    idempotent: false,
    answer: loginAnswer,
    responses: { 200: 'the person, or the second-factor step', 401: 'invalid_credentials', 403: 'account_disabled, local_login_disabled', 429: 'too_many_attempts' },
  },
  (s) => async (c) => {
    const { email, password } = await jsonBody(c, loginBody);
    const outcome = await s.auth.login(email, password, origin(s, c));
    if (outcome.kind === 'code') return c.json({ secondFactor: 'code', ticket: outcome.ticket });
    if (outcome.kind === 'enrol') return c.json({ secondFactor: 'enrol', ticket: outcome.ticket, secret: outcome.secret, otpauthUrl: outcome.otpauthUrl });
    startSession(s, c, outcome.token);
    return c.json(meDto(outcome.actor));
  },
);

auth.post(
  '/second-factor',
  { summary: 'The second step: a code from the authenticator app or a recovery code; sets the session cookie', access: 'public', body: secondFactorBody, idempotent: false, answer: meSchema, responses: { 200: 'the person', 401: 'invalid_code, ticket_expired', 429: 'too_many_attempts (retryAfterSeconds)' } },
  (s) => async (c) => {
    const { ticket, code } = await jsonBody(c, secondFactorBody);
    const { token, actor } = s.auth.secondFactor(ticket, code, origin(s, c));
    startSession(s, c, token);
    return c.json(meDto(actor));
  },
);

auth.post(
  '/second-factor/enrol',
  { summary: 'Enrol the authenticator app with its first code; answers the person and ten one-time recovery codes, sets the session cookie', access: 'public', body: secondFactorBody, idempotent: false, answer: enrolAnswer, responses: { 200: '{me,recoveryCodes}', 401: 'invalid_code, ticket_expired', 429: 'too_many_attempts (retryAfterSeconds)' } },
  (s) => async (c) => {
    const { ticket, code } = await jsonBody(c, secondFactorBody);
    const { token, actor, recoveryCodes } = s.auth.enrol(ticket, code, origin(s, c));
    startSession(s, c, token);
    return c.json({ me: meDto(actor), recoveryCodes });
  },
);

auth.get(
  '/oidc/start',
  { summary: 'Sign in through the identity provider: redirects there (authorization code flow with PKCE)', access: 'public', responses: { 302: 'to the provider', 404: 'not configured', 503: 'oidc_unavailable' } },
  (s) => async (c) => {
    const { url, state } = await oidc(s).start();
    // Binds the sign-in to this browser: the callback must come back to the same one.
    setCookie(c, STATE_COOKIE, state, { httpOnly: true, secure: secure(s, c), sameSite: 'Lax', path: '/api/v1/auth/oidc', maxAge: 600 });
    return c.redirect(url, 302);
  },
);

auth.get(
  '/oidc/callback',
  { summary: 'Where the provider sends the browser back; sets the session cookie and redirects to the app (or to /?loginError=<code>)', access: 'public', responses: { 302: 'to the app' } },
  (s) => async (c) => {
    const provider = oidc(s);
    const cookieState = getCookie(c, STATE_COOKIE);
    deleteCookie(c, STATE_COOKIE, { path: '/api/v1/auth/oidc', secure: secure(s, c) });
    // The URL the provider redirected to, as registered: behind a proxy the request URL differs.
    const current = new URL(c.req.url);
    const registered = new URL(`/api/v1/auth/oidc/callback${current.search}`, s.config.publicUrl!);
    try {
      const { token } = await provider.callback(registered, cookieState, origin(s, c));
      startSession(s, c, token);
      return c.redirect('/', 302);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      return c.redirect(`/?loginError=${err.code}`, 302);
    }
  },
);

auth.post(
  '/logout',
  { summary: "Sign out; ends the session on the server and answers the provider's sign-out URL for a session from the provider", access: 'signed-in', idempotent: false, answer: logoutAnswer, responses: { 200: '{providerLogoutUrl}' } },
  (s) => [
    requireSignIn,
    async (c) => {
      const session = s.auth.session(c.get('sessionHash')!);
      s.auth.logout(c.get('sessionHash')!, actorOf(c), origin(s, c));
      deleteCookie(c, SESSION_COOKIE, { path: '/', secure: secure(s, c) });
      const providerLogoutUrl = session?.via === 'oidc' && s.oidc ? await s.oidc.logoutUrl() : null;
      return c.json({ providerLogoutUrl });
    },
  ],
);

/** /api/v1/me: who is signed in (their settings and pass: people.routes.ts). */
const me = new Resource<Services>('/me');

me.get('/', { summary: 'The signed-in person', access: 'signed-in', answer: meSchema, responses: { 200: '{id,name,email,roles,teams}' } }, () => (c) => c.json(meDto(actorOf(c))));

export const authDocs = docsOf(auth, me);

export const authRoutes = (s: Services) => mount(s, auth, me);
