import { createResource, createSignal, For, onCleanup, Show, type JSX } from 'solid-js';
import { apiUrls } from '../../shared/api-client.js';
import type { OccupancyReportDto, ReportFigure } from '../../shared/api.js';
import { addDaysToDate, localDate } from '../../shared/time.js';
import { dayOf, lang, t } from '../../client/i18n.js';
import { api, locations, me } from '../state.js';
import { createLocationChoice, LocationSelect, ManageNav } from '../ui.js';
import { LineChart } from '../chart.js';
import { Field } from '../../client/field.js';

const colours = { reserved: '#0b4f8a', checkedIn: '#0a6b2d', spread: '#a4161a' };

/** A bar as a visual aid only: every figure is also in the table as text. */
function Bar(props: { value: number; max: number }) {
  return (
    <span class="hbar" aria-hidden="true">
      <span class="hbar-fill" style={{ width: `${props.max === 0 ? 0 : Math.min(100, (100 * props.value) / props.max)}%` }} />
    </span>
  );
}

/** The reader's locale for figures: Dutch writes 2,5 where English writes 2.5. */
const locale = () => (lang() === 'nl' ? 'nl-NL' : 'en-GB');
const num = (n: number) => new Intl.NumberFormat(locale(), { maximumFractionDigits: 2 }).format(n);

/** A figure as text, or "te weinig gegevens" where fewer than five people are behind it (text, never only a colour or a blank). */
function Figure(props: { value: ReportFigure; suffix?: string; bar?: number }) {
  return (
    <Show when={props.value !== null} fallback={<span class="suppressed">{t('occupancy.tooFew')}</span>}>
      {`${num(props.value!)}${props.suffix ?? ''}`}
      <Show when={props.bar !== undefined}>
        {' '}
        <Bar value={props.value!} max={props.bar!} />
      </Show>
    </Show>
  );
}

/**
 * A wide table's scrolling box takes keyboard focus only while it scrolls (on a phone), so a
 * keyboard can scroll it; where the table fits there is nothing to reach, and a tabbable box
 * that is no control would only be an extra stop.
 */
function tabbableWhileScrolling(el: HTMLElement): void {
  const update = () => (el.scrollWidth > el.clientWidth ? el.setAttribute('tabindex', '0') : el.removeAttribute('tabindex'));
  const watch = new ResizeObserver(update);
  watch.observe(el);
  queueMicrotask(() => el.firstElementChild && watch.observe(el.firstElementChild));
  onCleanup(() => watch.disconnect());
}

/**
 * The most desks and rooms checked in at once on each day of the range, beside the location's
 * desks and rooms, and the range's largest: to decide how many places a building needs.
 */
function Peaks(props: { r: OccupancyReportDto }): JSX.Element {
  const r = () => props.r;
  const longDay = (date: string) => dayOf(date, { weekday: 'long', day: 'numeric', month: 'long' });
  const at = (p: { inUse: number; at: string } | null) => (p === null ? null : p.inUse);
  return (
    <>
      <p class="muted">{t('occupancy.peaksHint')}</p>
      <ul class="plain">
        <li data-testid="peak-desks">
          {r().peakAtOnce.desks
            ? t('occupancy.peakDesksMax', { n: r().peakAtOnce.desks!.inUse, of: r().desks, date: longDay(r().peakAtOnce.desks!.date), time: r().peakAtOnce.desks!.at })
            : t('occupancy.peakDesksHidden')}
        </li>
        <li data-testid="peak-rooms">
          {r().peakAtOnce.rooms
            ? t('occupancy.peakRoomsMax', { n: r().peakAtOnce.rooms!.inUse, of: r().rooms, date: longDay(r().peakAtOnce.rooms!.date), time: r().peakAtOnce.rooms!.at })
            : t('occupancy.peakRoomsHidden')}
        </li>
      </ul>
      <Show when={r().peaks.length > 1 && shownAny(r().peaks.map((p) => at(p.desks)))}>
        <LineChart
          x={r().peaks.map((p) => dayOf(p.date, { day: 'numeric', month: 'short' }))}
          series={[{ label: t('occupancy.desksAtOnce', { n: r().desks }), values: r().peaks.map((p) => at(p.desks)), colour: colours.checkedIn }]}
          yMax={Math.max(1, r().desks)}
          yLabel={t('occupancy.axisDesks')}
          locale={locale()}
          summary={t('occupancy.chartPeaks')}
          testId="chart-peaks"
        />
      </Show>
      {/* A month's days open; a year's (some 260) behind their summary, the chart above says it at a glance. */}
      <details class="card" open={r().peaks.length <= 23}>
        <summary>{t('occupancy.peaksDays', { n: r().peaks.length })}</summary>
        <div class="table-wrap" ref={tabbableWhileScrolling} role="region" aria-label={t('occupancy.peaks')}>
          <table class="report" data-testid="peaks">
            <thead>
              <tr>
                <th scope="col">{t('occupancy.date')}</th>
                <th scope="col">{t('occupancy.desksAtOnce', { n: r().desks })}</th>
                <th scope="col">{t('occupancy.roomsAtOnce', { n: r().rooms })}</th>
              </tr>
            </thead>
            <tbody>
              <For each={r().peaks}>
                {(p) => (
                  <tr>
                    <th scope="row">{dayOf(p.date, { weekday: 'short', day: 'numeric', month: 'short' })}</th>
                    <td>
                      <Figure value={at(p.desks)} suffix={p.desks ? t('occupancy.atTime', { time: p.desks.at }) : ''} />
                    </td>
                    <td>
                      <Figure value={at(p.rooms)} suffix={p.rooms ? t('occupancy.atTime', { time: p.rooms.at }) : ''} />
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}

/** Per room: hours booked and used and no-shows, most used first (the server's order). */
function RoomUse(props: { r: OccupancyReportDto }): JSX.Element {
  return (
    <Show when={props.r.roomUse.length > 0} fallback={<p>{t('occupancy.noRooms')}</p>}>
      <p class="muted">{t('occupancy.roomUseHint')}</p>
      <div class="table-wrap" ref={tabbableWhileScrolling} role="region" aria-label={t('occupancy.roomUse')}>
        <table class="report report-wide" data-testid="rooms">
          <thead>
            <tr>
              <th scope="col">{t('occupancy.room')}</th>
              <th scope="col">{t('occupancy.kind')}</th>
              <th scope="col">{t('occupancy.reservationsCount')}</th>
              <th scope="col">{t('occupancy.hoursBooked')}</th>
              <th scope="col">{t('occupancy.hoursUsed')}</th>
              <th scope="col">{t('occupancy.noShowsCount')}</th>
              <th scope="col">{t('occupancy.noShowShare')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.r.roomUse}>
              {(x) => (
                <tr>
                  <th scope="row">{x.code === x.name ? x.code : `${x.code} ${x.name}`}</th>
                  <td>{t(`kind.${x.kind}`)}</td>
                  <td>
                    <Figure value={x.reservations} />
                  </td>
                  <td>
                    <Figure value={x.hoursBooked} />
                  </td>
                  <td>
                    <Figure value={x.hoursUsed} />
                  </td>
                  <td>
                    <Figure value={x.noShows} />
                  </td>
                  <td>
                    <Figure value={x.noShowRate} suffix="%" />
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </Show>
  );
}

/** A table of reservations and check-ins per kind or zone. */
function UseTable(props: { label: string; rows: { name: string; reservations: ReportFigure; checkedIn: ReportFigure }[]; testId: string }): JSX.Element {
  return (
    <table class="report" data-testid={props.testId}>
      <thead>
        <tr>
          <th scope="col">{props.label}</th>
          <th scope="col">{t('occupancy.reservationsCount')}</th>
          <th scope="col">{t('occupancy.checkInsCount')}</th>
        </tr>
      </thead>
      <tbody>
        <For each={props.rows}>
          {(row) => (
            <tr>
              <th scope="row">{row.name}</th>
              <td>
                <Figure value={row.reservations} />
              </td>
              <td>
                <Figure value={row.checkedIn} />
              </td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}

const shownAny = (values: ReportFigure[]) => values.some((v) => v !== null);

/**
 * The week's spread month by month: the average of the weeks whose spread is shown (a week
 * with a hidden day has none, so nothing hidden comes back through the average).
 */
function byMonth(weeks: { week: string; spread?: ReportFigure }[]): { month: string; spread: ReportFigure; weeks: number }[] {
  const months = new Map<string, number[]>();
  for (const w of weeks) {
    if (w.spread === undefined) continue;
    const m = w.week.slice(0, 7);
    if (!months.has(m)) months.set(m, []);
    if (w.spread !== null) months.get(m)!.push(w.spread);
  }
  return [...months.entries()].map(([month, xs]) => ({ month, weeks: xs.length, spread: xs.length === 0 ? null : Math.round((10 * xs.reduce((a, b) => a + b, 0)) / xs.length) / 10 }));
}

/** Facility: how a location is used, to spread the week and evaluate the building. */
export default function Occupancy() {
  const today = localDate(Date.now(), 'Europe/Amsterdam');
  const [locationId, setLocationId] = createLocationChoice();
  const [from, setFrom] = createSignal(addDaysToDate(today, -27));
  const [to, setTo] = createSignal(today);
  const [report] = createResource(
    () => ({ id: locationId(), from: from(), to: to() }),
    async (p) => {
      const res = await api.occupancy(p.id, p.from, p.to);
      return res.ok ? res.data : null;
    },
  );
  // Every location over the same days, side by side: to decide which building to close or fill.
  const [compared] = createResource(
    () => ({ ls: locations()?.data ?? [], from: from(), to: to() }),
    async (p) =>
      Promise.all(
        p.ls.map(async (l) => {
          const res = await api.occupancy(l.id, p.from, p.to);
          return { id: l.id, name: l.name, report: res.ok ? res.data : null };
        }),
      ),
  );
  const CsvLink = (props: { part: 'weekdays' | 'hours' | 'spread' | 'peaks' | 'rooms'; what: string }) => (
    <p>
      <a class="button small" href={apiUrls.occupancyCsv(locationId(), from(), to(), lang(), props.part)} download="" data-testid={`csv-${props.part}`}>
        {t('occupancy.csvPart', { what: props.what })}
      </a>
    </p>
  );
  return (
    <section>
      <h1>{t('occupancy.title')}</h1>
      <ManageNav />
      <div class="stack">
        <LocationSelect value={locationId()} onChange={setLocationId} />
        <div class="two">
          <Field label={t('occupancy.from')}>
            <input type="date" value={from()} onInput={(e) => e.currentTarget.value && setFrom(e.currentTarget.value)} />
          </Field>
          <Field label={t('occupancy.to')}>
            <input type="date" value={to()} onInput={(e) => e.currentTarget.value && setTo(e.currentTarget.value)} />
          </Field>
        </div>
      </div>
      <Show when={report()}>
        {(r) => (
          <>
            <p class="muted" data-testid="too-few-hint">{t('occupancy.tooFewHint', { n: r().minGroupSize })}</p>
            <h2>{t('occupancy.perWeekday')}</h2>
            <Show when={shownAny(r().weekdays.flatMap((w) => [w.reserved, w.checkedIn]))}>
              <LineChart
                x={r().weekdays.map((w) => w.weekday)}
                series={[
                  { label: t('occupancy.reserved'), values: r().weekdays.map((w) => w.reserved), colour: colours.reserved, dash: [6, 4] },
                  { label: t('occupancy.checkedIn'), values: r().weekdays.map((w) => w.checkedIn), colour: colours.checkedIn },
                ]}
                yMax={Math.max(1, r().desks)}
                yLabel={t('occupancy.axisDesks')}
                locale={locale()}
                summary={t('occupancy.chartWeekdays')}
                testId="chart-weekdays"
              />
            </Show>
            <table class="report" data-testid="weekdays">
              <thead>
                <tr>
                  <th scope="col">{t('occupancy.weekday')}</th>
                  <th scope="col">{t('occupancy.reservedAvg')}</th>
                  <th scope="col">{t('occupancy.checkedInAvg')}</th>
                  <th scope="col">{t('occupancy.desks')}</th>
                </tr>
              </thead>
              <tbody>
                <For each={r().weekdays}>
                  {(w) => (
                    <tr>
                      <th scope="row">{w.weekday}</th>
                      <Show when={w.days > 0} fallback={<><td>–</td><td>–</td></>}>
                        <td>
                          <Figure value={w.reserved} bar={w.desks} />
                        </td>
                        <td>
                          <Figure value={w.checkedIn} bar={w.desks} />
                        </td>
                      </Show>
                      <td>{w.desks}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
            <CsvLink part="weekdays" what={t('occupancy.perWeekday')} />
            <ul class="plain">
              <li data-testid="peak">
                {r().peak ? t('occupancy.peak', { date: dayOf(r().peak!.date, { weekday: 'long', day: 'numeric', month: 'long' }), n: r().peak!.checkedIn }) : t('occupancy.peakHidden')}
              </li>
              <li data-testid="trough">
                {r().trough ? t('occupancy.trough', { date: dayOf(r().trough!.date, { weekday: 'long', day: 'numeric', month: 'long' }), n: r().trough!.checkedIn }) : t('occupancy.troughHidden')}
              </li>
              <li data-testid="no-show">{r().noShowRate !== null ? t('occupancy.noShow', { pct: num(r().noShowRate!) }) : t('occupancy.noShowHidden')}</li>
              <li>
                {r().flexRatio !== null && r().people !== null
                  ? t('occupancy.flex', { ratio: num(r().flexRatio!), people: r().people! })
                  : t('occupancy.flexHidden', { n: r().minGroupSize })}
              </li>
            </ul>
            <h2>{t('occupancy.perHour')}</h2>
            <Show when={shownAny(r().hours.map((h) => h.checkedIn))}>
              <LineChart
                x={r().hours.map((h) => `${String(h.hour).padStart(2, '0')}:00`)}
                series={[{ label: t('occupancy.checkedIn'), values: r().hours.map((h) => h.checkedIn), colour: colours.checkedIn }]}
                yMax={Math.max(1, r().desks)}
                yLabel={t('occupancy.axisDesks')}
                locale={locale()}
                summary={t('occupancy.chartHours')}
              />
            </Show>
            <table class="report" data-testid="hours">
              <thead>
                <tr>
                  <th scope="col">{t('occupancy.hour')}</th>
                  <th scope="col">{t('occupancy.checkedInAvg')}</th>
                </tr>
              </thead>
              <tbody>
                <For each={r().hours}>
                  {(h) => (
                    <tr>
                      <th scope="row">{`${String(h.hour).padStart(2, '0')}:00`}</th>
                      <td>
                        <Figure value={h.checkedIn} bar={r().desks} />
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
            <CsvLink part="hours" what={t('occupancy.perHour')} />
            <h2>{t('occupancy.peaks')}</h2>
            <Peaks r={r()} />
            <CsvLink part="peaks" what={t('occupancy.peaks')} />
            <h2>{t('occupancy.spread')}</h2>
            <p class="muted">{t('occupancy.spreadHint')}</p>
            <Show when={r().weeks.length > 1 && shownAny(r().weeks.map((w) => w.spread ?? null))}>
              <LineChart
                x={r().weeks.map((w) => dayOf(w.week, { day: 'numeric', month: 'short' }))}
                series={[{ label: t('occupancy.spreadLabel'), values: r().weeks.map((w) => w.spread ?? null), colour: colours.spread }]}
                yMax={100}
                yLabel={t('occupancy.axisPoints')}
                locale={locale()}
                summary={t('occupancy.chartSpread')}
                testId="chart-spread"
              />
            </Show>
            <div class="table-wrap" ref={tabbableWhileScrolling} role="region" aria-label={t('occupancy.spread')}>
              <table class="report" data-testid="weeks">
                <thead>
                  <tr>
                    <th scope="col">{t('occupancy.week')}</th>
                    <For each={['ma', 'di', 'wo', 'do', 'vr'] as const}>{(d) => <th scope="col">{d}</th>}</For>
                    <th scope="col">{t('occupancy.spreadLabel')}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={r().weeks}>
                    {(w) => (
                      <tr>
                        <th scope="row">{dayOf(w.week, { day: 'numeric', month: 'short' })}</th>
                        <For each={['ma', 'di', 'wo', 'do', 'vr'] as const}>
                          {(d) => <td>{w.percent[d] === undefined ? '–' : <Figure value={w.percent[d]!} suffix="%" />}</td>}
                        </For>
                        <td>{w.spread === undefined ? '–' : <Figure value={w.spread} />}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
            <CsvLink part="spread" what={t('occupancy.spread')} />
            <h2>{t('occupancy.months')}</h2>
            <table class="report" data-testid="months">
              <thead>
                <tr>
                  <th scope="col">{t('occupancy.month')}</th>
                  <th scope="col">{t('occupancy.spreadLabel')}</th>
                  <th scope="col">{t('occupancy.weeks')}</th>
                </tr>
              </thead>
              <tbody>
                <For each={byMonth(r().weeks)}>
                  {(m) => (
                    <tr>
                      <th scope="row">{dayOf(`${m.month}-01`, { month: 'long', year: 'numeric' })}</th>
                      <td>
                        <Figure value={m.spread} />
                      </td>
                      <td>{m.weeks}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
            <h2>{t('occupancy.kinds')}</h2>
            <UseTable label={t('occupancy.kind')} testId="kinds" rows={r().kinds.map((k) => ({ ...k, name: t(`kind.${k.kind}`) }))} />
            <h2>{t('occupancy.zones')}</h2>
            <UseTable label={t('occupancy.zone')} testId="zones" rows={r().zones.map((z) => ({ ...z, name: z.name ?? t('occupancy.noZone') }))} />
            <h2>{t('occupancy.roomUse')}</h2>
            <RoomUse r={r()} />
            <CsvLink part="rooms" what={t('occupancy.roomUse')} />
            <h2>{t('occupancy.compare')}</h2>
            <p class="muted">{t('occupancy.compareHint')}</p>
            <div class="table-wrap" ref={tabbableWhileScrolling} role="region" aria-label={t('occupancy.compare')}>
              <table class="report report-wide" data-testid="compare">
                <thead>
                  <tr>
                    <th scope="col">{t('occupancy.location')}</th>
                    <th scope="col">{t('occupancy.desks')}</th>
                    <For each={['ma', 'di', 'wo', 'do', 'vr'] as const}>{(d) => <th scope="col">{d}</th>}</For>
                    <th scope="col">{t('occupancy.noShowShort')}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={compared() ?? []}>
                    {(c) => (
                      <tr>
                        <th scope="row">{c.name}</th>
                        <td>{c.report?.desks ?? '–'}</td>
                        <For each={['ma', 'di', 'wo', 'do', 'vr'] as const}>
                          {(d) => {
                            const w = () => c.report?.weekdays.find((x) => x.weekday === d);
                            return (
                              <td>
                                {!w() || w()!.days === 0 || !c.report!.desks ? '–' : <Figure value={w()!.checkedIn === null ? null : Math.round((100 * w()!.checkedIn!) / c.report!.desks)} suffix="%" />}
                              </td>
                            );
                          }}
                        </For>
                        <td>{c.report ? <Figure value={c.report.noShowRate} suffix="%" /> : '–'}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
            <p>
              <a class="button primary" href={apiUrls.occupancyCsv(locationId(), from(), to(), lang())} download="">
                {t('occupancy.csv')}
              </a>
            </p>
          </>
        )}
      </Show>
    </section>
  );
}
