import { dayTickSchema, list } from '../../shared/answers.js';
import { Hono } from 'hono';
import { callerOf, write } from '../http/write.js';
import { hrTickParams, monthCsvQuery, monthQuery, tickBody, tickParams } from '../../shared/schemas.js';
import type { Services } from '../app.deps.js';
import type { AppEnv } from '../http/context.js';
import { actorOf, requireRole, requireSignIn } from '../http/middleware.js';
import type { RouteDoc } from '../http/openapi.js';
import { jsonBody, params, query } from '../http/validate.js';

export const tickDocs: RouteDoc[] = [
  { method: 'get', path: '/api/v1/ticks', summary: 'My work-place ticks for the workdays of a month (default this month), from check-ins or set by me or HR', access: 'signed-in', query: monthQuery, answer: list(dayTickSchema), responses: { 200: '[{date,place,source,editable}]' } },
  { method: 'put', path: '/api/v1/ticks/:date', summary: 'Set my tick of a past day of the current month or today', access: 'signed-in', body: tickBody, responses: { 204: 'set', 409: 'tick_locked' } },
  { method: 'get', path: '/api/v1/hr/ticks.csv', summary: 'The month per employee as CSV for Dutch Excel (UTF-8 with BOM, ;, CRLF): days kantoor, wijk, thuis, afwezig, unticked; in Dutch or with ?lang=en in English', access: ['hr'], query: monthCsvQuery, produces: 'text/csv', responses: { 200: 'text/csv' } },
  { method: 'put', path: '/api/v1/hr/ticks/:userId/:date', summary: "Set an employee's tick, also of a closed month", access: ['hr'], body: tickBody, responses: { 204: 'set', 404: 'not_found' } },
];

export function tickRoutes(s: Services) {
  const app = new Hono<AppEnv>();
  for (const path of ['/ticks', '/ticks/*']) app.use(path, requireSignIn);
  app.use('/hr/*', requireRole('hr'));

  app.get('/ticks', (c) => c.json(s.ticks.mine(actorOf(c), query(c, monthQuery).month)));
  app.put('/ticks/:date', async (c) => {
    const { date } = params(c, tickParams);
    const { place } = await jsonBody(c, tickBody);
    return write(s, c, callerOf(c), { date, place }, () => {
      s.ticks.setMine(actorOf(c), date, place);
      return { status: 204, body: null };
    });
  });

  app.get('/hr/ticks.csv', (c) => {
    const { month, lang } = query(c, monthCsvQuery);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="werkplekken-${month ?? 'deze-maand'}.csv"`);
    return c.body(s.ticks.exportCsv(actorOf(c), month, lang ?? 'nl'));
  });
  app.put('/hr/ticks/:userId/:date', async (c) => {
    const { userId, date } = params(c, hrTickParams);
    const { place } = await jsonBody(c, tickBody);
    return write(s, c, callerOf(c), { userId, date, place }, () => {
      s.ticks.setByHr(actorOf(c), userId, date, place);
      return { status: 204, body: null };
    });
  });
  return app;
}
