import { occupancyReportSchema } from '../../shared/answers.js';
import { z } from 'zod';
import { occupancyParts } from '../../shared/rules.js';
import { isCalendarDate } from '../../shared/time.js';
import { langQuery, locationIdParam } from '../../shared/schemas.js';
import type { Services } from '../app.deps.js';
import { actorOf, requireRole } from '../http/middleware.js';
import { docsOf, mount, Resource } from '../http/resource.js';
import { params, query } from '../http/validate.js';

const date = z.string().refine(isCalendarDate, 'must be a date YYYY-MM-DD');
export const rangeQuery = z.strictObject({ from: date, to: date });
// part: one chart's figures only (each chart on the screen has its own download).
const csvRangeQuery = z.strictObject({ ...rangeQuery.shape, ...langQuery.shape, part: z.enum(occupancyParts).optional() });

/** /api/v1/reports: aggregates for facility management, never about one person. */
const reports = new Resource<Services>('/reports').use(requireRole('facility'));

reports.get(
  '/locations/:id/occupancy',
  { summary: 'Occupancy of a location over the workdays in [from, to]: per weekday and hour, peak and trough, no-show rate, use per kind and zone, flex ratio, the most desks and rooms checked in at once per day (at the half hours), use per room (aggregates only; a figure from fewer than minGroupSize (5) distinct people is null)', access: ['facility'], query: rangeQuery, answer: occupancyReportSchema, responses: { 200: 'report', 404: 'not_found', 422: 'invalid_interval' } },
  (s) => async (c) => {
    const { from, to } = query(c, rangeQuery);
    return c.json(await s.reports.occupancy(actorOf(c), params(c, locationIdParam).id, from, to));
  },
);

reports.get(
  '/locations/:id/occupancy.csv',
  { summary: 'The same report as CSV for Dutch Excel (UTF-8 with BOM, ;, CRLF, decimal comma), in Dutch or with ?lang=en in English; suppressed figures read "< 5 personen" / "< 5 people". The whole report is a run of sections, each with a header row of its own (the section in the first column, then the columns that name its figures); ?part=weekdays|hours|spread|peaks|rooms is one section as a table of its own, ?part=compare every location side by side over the same range (desks, per weekday the average checked in as % of the desks, no-show %)', access: ['facility'], query: csvRangeQuery, produces: 'text/csv', responses: { 200: 'text/csv' } },
  (s) => async (c) => {
    const { from, to, lang, part } = query(c, csvRangeQuery);
    const { id } = params(c, locationIdParam);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="bezetting-${id}-${part ? `${part}-` : ''}${from}-${to}.csv"`);
    return c.body(await s.reports.occupancyCsv(actorOf(c), id, from, to, lang ?? 'nl', part));
  },
);

export const reportDocs = docsOf(reports);

export const reportRoutes = (s: Services) => mount(s, reports);
