import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { MeDto } from '../../shared/api.js';
import { DomainError } from '../../shared/errors.js';
import { loginBody, secondFactorBody } from '../../shared/schemas.js';
import type { Services } from '../app.deps.js';
import type { AppContext, AppEnv } from '../http/context.js';
import { actorOf, clientAddress, requireSignIn, SESSION_COOKIE } from '../http/middleware.js';
import type { RouteDoc } from '../http/openapi.js';
import { overHttps } from '../http/origin.js';
import { jsonBody } from '../http/validate.js';

export const authDocs: RouteDoc[] = [
  { method: 'get', path: '/api/v1/auth/config', summary: 'How to sign in here: with a password, through the identity provider, or both', access: 'public', responses: { 200: '{local,oidc}' } },
  {
    method: 'post',
    path: '/api/v1/auth/login',
    summary: 'Sign in with e-mail and password; sets the session cookie, or (admin and facility) asks for the second factor: {secondFactor:"code",ticket} or, not enrolled yet, {secondFactor:"enrol",ticket,secret,otpauthUrl}',
    access: 'public',
    body: loginBody,
    idempotent: false,
    responses: { 200: 'the person, or the second-factor step', 401: 'invalid_credentials', 403: 'account_disabled, local_login_disabled', 429: 'too_many_attempts' },
  },
  { method: 'post', path: '/api/v1/auth/second-factor', summary: 'The second step: a code from the authenticator app or a recovery code; sets the session cookie', access: 'public', body: secondFactorBody, idempotent: false, responses: { 200: 'the person', 401: 'invalid_code, ticket_expired' } },
  { method: 'post', path: '/api/v1/auth/second-factor/enrol', summary: 'Enrol the authenticator app with its first code; answers the person and ten one-time recovery codes, sets the session cookie', access: 'public', body: secondFactorBody, idempotent: false, responses: { 200: '{me,recoveryCodes}', 401: 'invalid_code, ticket_expired' } },
  { method: 'get', path: '/api/v1/auth/oidc/start', summary: 'Sign in through the identity provider: redirects there (authorization code flow with PKCE)', access: 'public', responses: { 302: 'to the provider', 404: 'not configured', 503: 'oidc_unavailable' } },
  { method: 'get', path: '/api/v1/auth/oidc/callback', summary: 'Where the provider sends the browser back; sets the session cookie and redirects to the app (or to /?loginError=<code>)', access: 'public', responses: { 302: 'to the app' } },
  { method: 'post', path: '/api/v1/auth/logout', summary: "Sign out; ends the session on the server and answers the provider's sign-out URL for a session from the provider", access: 'signed-in', idempotent: false, responses: { 200: '{providerLogoutUrl}' } },
  { method: 'get', path: '/api/v1/me', summary: 'The signed-in person', access: 'signed-in', responses: { 200: '{id,name,email,roles,teams}' } },
];

const STATE_COOKIE = 'plek_oidc_state';

const meDto = (a: ReturnType<typeof actorOf>): MeDto => ({ id: a.id, name: a.name, email: a.email, roles: a.roles, teams: a.teams, showPresence: a.showPresence });

export function authRoutes(s: Services) {
  const app = new Hono<AppEnv>();
  // Behind a TLS-terminating proxy the request URL is http://: see overHttps.
  const secure = (c: AppContext) => overHttps(c, s.config);
  const origin = (c: AppContext) => clientAddress(c, s.config.trustProxy);
  const startSession = (c: AppContext, token: string) =>
    setCookie(c, SESSION_COOKIE, token, { httpOnly: true, secure: secure(c), sameSite: 'Lax', path: '/', maxAge: Math.floor(s.config.sessionAbsoluteMs / 1000) });
  const oidc = () => {
    if (!s.oidc) throw new DomainError('not_found', 'sign-in through an identity provider is not configured');
    return s.oidc;
  };

  app.get('/auth/config', (c) => c.json({ local: s.config.localLogin, oidc: s.oidc !== null }));

  // Sign-in, the second factor and sign-out stay outside write() (and document no
  // Idempotency-Key): there is no caller to key by before sign-in; the password check awaits
  // argon2, which may not run inside the synchronous unit of work; the answer is a session
  // cookie, which a stored answer must never replay to whoever resends the key; and a resend is
  // safe as it is: a second sign-in only opens another session, a ticket works once, and
  // signing out an ended session ends nothing. Each writes in its own short transaction.
  app.post('/auth/login', async (c) => {
    const { email, password } = await jsonBody(c, loginBody);
    const outcome = await s.auth.login(email, password, origin(c));
    if (outcome.kind === 'code') return c.json({ secondFactor: 'code', ticket: outcome.ticket });
    if (outcome.kind === 'enrol') return c.json({ secondFactor: 'enrol', ticket: outcome.ticket, secret: outcome.secret, otpauthUrl: outcome.otpauthUrl });
    startSession(c, outcome.token);
    return c.json(meDto(outcome.actor));
  });

  app.post('/auth/second-factor', async (c) => {
    const { ticket, code } = await jsonBody(c, secondFactorBody);
    const { token, actor } = s.auth.secondFactor(ticket, code, origin(c));
    startSession(c, token);
    return c.json(meDto(actor));
  });

  app.post('/auth/second-factor/enrol', async (c) => {
    const { ticket, code } = await jsonBody(c, secondFactorBody);
    const { token, actor, recoveryCodes } = s.auth.enrol(ticket, code, origin(c));
    startSession(c, token);
    return c.json({ me: meDto(actor), recoveryCodes });
  });

  app.get('/auth/oidc/start', async (c) => {
    const { url, state } = await oidc().start();
    // Binds the sign-in to this browser: the callback must come back to the same one.
    setCookie(c, STATE_COOKIE, state, { httpOnly: true, secure: secure(c), sameSite: 'Lax', path: '/api/v1/auth/oidc', maxAge: 600 });
    return c.redirect(url, 302);
  });

  app.get('/auth/oidc/callback', async (c) => {
    const provider = oidc();
    const cookieState = getCookie(c, STATE_COOKIE);
    deleteCookie(c, STATE_COOKIE, { path: '/api/v1/auth/oidc', secure: secure(c) });
    // The URL the provider redirected to, as registered: behind a proxy the request URL differs.
    const current = new URL(c.req.url);
    const registered = new URL(`/api/v1/auth/oidc/callback${current.search}`, s.config.publicUrl!);
    try {
      const { token } = await provider.callback(registered, cookieState, origin(c));
      startSession(c, token);
      return c.redirect('/', 302);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      return c.redirect(`/?loginError=${err.code}`, 302);
    }
  });

  app.post('/auth/logout', requireSignIn, async (c) => {
    const session = s.auth.session(c.get('sessionHash')!);
    s.auth.logout(c.get('sessionHash')!, actorOf(c), origin(c));
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: secure(c) });
    const providerLogoutUrl = session?.via === 'oidc' && s.oidc ? await s.oidc.logoutUrl() : null;
    return c.json({ providerLogoutUrl });
  });

  app.get('/me', (c) => c.json(meDto(actorOf(c))));
  return app;
}
