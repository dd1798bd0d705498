import { mailSettingsSchema, mailStatusSchema } from '../../shared/answers.js';
import { Hono } from 'hono';
import { mailSettingsBody } from '../../shared/schemas.js';
import type { Services } from '../app.deps.js';
import type { AppEnv } from '../http/context.js';
import { actorOf, requireRole, requireSignIn } from '../http/middleware.js';
import type { RouteDoc } from '../http/openapi.js';
import { jsonBody } from '../http/validate.js';
import { callerOf, write } from '../http/write.js';

export const mailDocs: RouteDoc[] = [
  { method: 'get', path: '/api/v1/me/mail', summary: 'My mail settings: language, confirmations (with calendar invitation), check-in reminders', access: 'signed-in', answer: mailSettingsSchema, responses: { 200: '{language,confirmations,reminders,enabled}' } },
  { method: 'put', path: '/api/v1/me/mail', summary: 'Change my mail settings', access: 'signed-in', body: mailSettingsBody, answer: mailSettingsSchema, responses: { 200: '{language,confirmations,reminders,enabled}' } },
  { method: 'get', path: '/api/v1/admin/mail', summary: 'Mail through the relay: on or off, the outbox by state, and the latest failures', access: ['admin'], answer: mailStatusSchema, responses: { 200: '{enabled,counts,failures}' } },
];

export function mailRoutes(s: Services) {
  const app = new Hono<AppEnv>();
  app.use('/me/mail', requireSignIn);
  app.use('/admin/mail', requireRole('admin'));

  app.get('/me/mail', (c) => c.json({ ...s.mail.preferences(actorOf(c).id), enabled: s.mail.enabled }));

  app.put('/me/mail', async (c) => {
    const body = await jsonBody(c, mailSettingsBody);
    const actor = actorOf(c);
    return write(s, c, callerOf(c), body, () => ({ status: 200, body: { ...s.mail.setPreferences(actor.id, body), enabled: s.mail.enabled } }));
  });

  app.get('/admin/mail', (c) => {
    const status = s.mail.status();
    return c.json({ ...status, failures: status.failures.map((f) => ({ ...f, lastAttemptAt: new Date(f.lastAttemptAt).toISOString(), nextAttemptAt: f.nextAttemptAt === null ? null : new Date(f.nextAttemptAt).toISOString() })) });
  });
  return app;
}
