import { list, seriesSchema } from '../../shared/answers.js';
import type { SeriesDto } from '../../shared/api.js';
import { cancelSeriesBody, createSeriesBody, idParam } from '../../shared/schemas.js';
import type { Services } from '../app.deps.js';
import type { AppContext } from '../http/context.js';
import { reservationDto } from '../http/dto.js';
import { actorOf, clientAddress, requireSignIn } from '../http/middleware.js';
import { docsOf, mount, Resource } from '../http/resource.js';
import { jsonBody, params } from '../http/validate.js';
import { write } from '../http/write.js';
import type { SeriesView } from './recurring.service.js';

const origin = (s: Services, c: AppContext) => clientAddress(c, s.config.trustProxy);

export function seriesDto(v: SeriesView): SeriesDto {
  const s = v.series;
  return {
    id: s.id,
    spaceId: v.space.id,
    spaceCode: v.space.code,
    spaceName: v.space.name,
    locationId: v.location.id,
    days: s.days,
    from: s.from,
    until: s.until,
    part: s.part,
    startTime: s.startTime,
    endTime: s.endTime,
    occurrences: v.occurrences.map(({ occurrence: o, view }) => ({ date: o.date, status: o.status, code: o.code, reservation: view && reservationDto(view) })),
  };
}

/** /api/v1/series: the caller's recurring reservations. */
const series = new Resource<Services>('/series').use(requireSignIn);

series.get('/', { summary: "The caller's series with dates from today on", access: 'signed-in', answer: list(seriesSchema), responses: { 200: 'the series' } }, (s) => (c) => c.json(s.series.listMine(actorOf(c)).map(seriesDto)));

series.get(
  '/:id',
  { summary: 'One of my series, each date with its outcome', access: 'signed-in', answer: seriesSchema, responses: { 200: 'the series', 404: 'not_found (also for someone else\'s)' } },
  (s) => (c) => c.json(seriesDto(s.series.get(actorOf(c), params(c, idParam).id))),
);

series.post(
  '/',
  {
    summary:
      'Reserve a space on the chosen weekdays from..until, by day-part {part} or local time {startTime,endTime}. Every date is checked as a single booking; the answer lists each date as created, refused (with the code a single booking would get) or pending (beyond daysAhead: booked by a job once it comes within reach)',
    access: 'signed-in',
    body: createSeriesBody,
    answer: seriesSchema,
    responses: { 201: 'the series with each date\'s outcome', 404: 'not_found', 409: 'space_unavailable', 422: 'invalid_interval, start_in_past, idempotency_key_reused' },
  },
  (s) => async (c) => {
    const actor = actorOf(c);
    const body = await jsonBody(c, createSeriesBody);
    return write(s, c, `u:${actor.id}`, body, () => ({ status: 201, body: seriesDto(s.series.create(actor, body, origin(s, c))) }));
  },
);

series.post(
  '/:id/cancel',
  {
    summary: 'Take dates out of a series: every date from today on, or {from,to} (a holiday; from=to for one date). Booked dates are cancelled, pending ones will not be booked',
    access: 'signed-in',
    body: cancelSeriesBody,
    answer: seriesSchema,
    responses: { 200: 'the series with each date\'s outcome', 404: 'not_found', 422: 'invalid_interval' },
  },
  (s) => async (c) => {
    const actor = actorOf(c);
    const { id } = params(c, idParam);
    const body = await jsonBody(c, cancelSeriesBody);
    return write(s, c, `u:${actor.id}`, body, () => ({ status: 200, body: seriesDto(s.series.cancel(actor, id, body, origin(s, c))) }));
  },
);

export const seriesDocs = docsOf(series);

export const seriesRoutes = (s: Services) => mount(s, series);
