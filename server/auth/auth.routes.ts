import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { MeDto } from '../../shared/api.js';
import { loginBody } from '../../shared/schemas.js';
import type { Services } from '../app.deps.js';
import type { AppContext, AppEnv } from '../http/context.js';
import { actorOf, clientAddress, requireSignIn, SESSION_COOKIE } from '../http/middleware.js';
import type { RouteDoc } from '../http/openapi.js';
import { jsonBody } from '../http/validate.js';

export const authDocs: RouteDoc[] = [
  { method: 'post', path: '/api/v1/auth/login', summary: 'Sign in; sets the session cookie', access: 'public', body: loginBody, responses: { 200: 'signed in, the person', 401: 'invalid_credentials', 403: 'account_disabled', 429: 'too_many_attempts' } },
  { method: 'post', path: '/api/v1/auth/logout', summary: 'Sign out; ends the session on the server', access: 'signed-in', responses: { 204: 'signed out' } },
  { method: 'get', path: '/api/v1/me', summary: 'The signed-in person', access: 'signed-in', responses: { 200: '{id,name,email,roles,teams}' } },
];

const meDto = (a: ReturnType<typeof actorOf>): MeDto => ({ id: a.id, name: a.name, email: a.email, roles: a.roles, teams: a.teams, showPresence: a.showPresence });

export function authRoutes(s: Services) {
  const app = new Hono<AppEnv>();
  const secure = (c: AppContext) => new URL(c.req.url).protocol === 'https:' || s.config.publicUrl?.startsWith('https:') === true;

  app.post('/auth/login', async (c) => {
    const { email, password } = await jsonBody(c, loginBody);
    const { token, actor } = await s.auth.login(email, password, clientAddress(c, s.config.trustProxy));
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      secure: secure(c),
      sameSite: 'Lax',
      path: '/',
      maxAge: Math.floor(s.config.sessionAbsoluteMs / 1000),
    });
    return c.json(meDto(actor));
  });

  app.post('/auth/logout', requireSignIn, (c) => {
    s.auth.logout(c.get('sessionHash')!, actorOf(c), clientAddress(c, s.config.trustProxy));
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: secure(c) });
    return c.body(null, 204);
  });

  app.get('/me', (c) => c.json(meDto(actorOf(c))));
  return app;
}
