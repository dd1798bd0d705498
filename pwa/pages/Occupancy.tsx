import { createEffect, createResource, createSignal, Show, type JSX } from 'solid-js';
import { apiUrls } from '../../shared/api-client.js';
import type { OccupancyReportDto, ReportFigure, ReportWeekday } from '../../shared/api.js';
import { addDaysToDate, localDate } from '../../shared/time.js';
// The week's spread month by month, as the CSV counts it: the average of the weeks whose spread
// is shown, each week in the month of its Thursday.
import { MIN_GROUP_SIZE, spreadByMonth } from '../../shared/rules.js';
import { dayOf, lang, t } from '../../client/i18n.js';
import type { MessageKey } from '../../shared/i18n.js';
import { api, locations, me } from '../state.js';
import { createLocationChoice, LocationSelect, ManageNav } from '../ui.js';
import { LineChart } from '../chart.js';
import { ReportTable, type Column } from '../report-table.js';
import { Field } from '../../client/field.js';

const colours = { reserved: '#0b4f8a', checkedIn: '#0a6b2d', spread: '#a4161a' };
const workdays = ['ma', 'di', 'wo', 'do', 'vr'] as const;
type Week = OccupancyReportDto['weeks'][number];
type Compared = { name: string; report: OccupancyReportDto | null };

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
/** "1 dag" but "20 dagen": the text for one or for many, by the reader's language. */
const counted = (n: number, one: MessageKey, other: MessageKey) => (new Intl.PluralRules(locale()).select(n) === 'one' ? one : other);

/**
 * A workday's short name in the reader's language ("ma" in Dutch, "Mon" in English): the
 * report's weekdays are Dutch codes, which an English reader would read as words of no meaning.
 */
const weekdayName = (d: ReportWeekday) => dayOf(addDaysToDate('2024-01-01', workdays.indexOf(d)), { weekday: 'short' }); // 1 Jan 2024 was a Monday

/**
 * A figure hidden because fewer than five people are behind it: "< 5 personen" on screen, read
 * out in words (a screen reader may skip "<"). Text, never only a colour or a blank.
 */
function Hidden() {
  return (
    <span class="suppressed">
      <span aria-hidden="true">{t('occupancy.fewShort', { n: MIN_GROUP_SIZE })}</span>
      <span class="sr-only">{t('occupancy.fewLong', { n: MIN_GROUP_SIZE })}</span>
    </span>
  );
}

/** A figure as text, or hidden where fewer than five people are behind it. */
function Figure(props: { value: ReportFigure; suffix?: string; bar?: number }) {
  return (
    <Show when={props.value !== null} fallback={<Hidden />}>
      <Show when={props.bar !== undefined} fallback={`${num(props.value!)}${props.suffix ?? ''}`}>
        {/* The number in a box of its own width, so the bars beside it line up down the column. */}
        <span class="figure-num">{`${num(props.value!)}${props.suffix ?? ''}`}</span> <Bar value={props.value!} max={props.bar!} />
      </Show>
    </Show>
  );
}

/**
 * A date of the report with its year when the range crosses a year or is longer than half of
 * one: "1 dec" alone would be last December's or this one's, and a chart of half a year or more
 * is often shown alone, without the range above it. One rule for the tables and the charts.
 */
function dateOfRange(r: { from: string; to: string }) {
  const days = (Date.parse(`${r.to}T12:00:00Z`) - Date.parse(`${r.from}T12:00:00Z`)) / 86_400_000 + 1;
  const year = r.from.slice(0, 4) !== r.to.slice(0, 4) || days > 183;
  return (date: string, opts: Intl.DateTimeFormatOptions) => dayOf(date, year ? { ...opts, year: 'numeric' } : opts);
}

/** The flex ratio, the location's desks per person who checked in at one, worded for one or many. */
function flexLine(r: OccupancyReportDto): string {
  if (r.flexRatio === null || r.people === null) return t('occupancy.flexFew', { n: r.minGroupSize });
  const one = new Intl.PluralRules(locale()).select(r.flexRatio) === 'one';
  return t(one ? 'occupancy.flexOne' : 'occupancy.flexOther', { ratio: num(r.flexRatio), desks: r.desks, people: r.people });
}

/**
 * The most desks and rooms checked in at once on each day of the range, beside the location's
 * desks and rooms, and the range's largest: to decide how many places a building needs.
 */
function Peaks(props: { r: OccupancyReportDto }): JSX.Element {
  const r = () => props.r;
  const dated = () => dateOfRange(r());
  const longDay = (date: string) => dated()(date, { weekday: 'long', day: 'numeric', month: 'long' });
  const at = (p: { inUse: number; at: string } | null) => (p === null ? null : p.inUse);
  return (
    <>
      <p class="muted">{t('occupancy.peaksHint')}</p>
      <ul class="plain">
        <li data-testid="peak-desks">
          {r().peakAtOnce.desks
            ? t('occupancy.peakDesksMax', { n: r().peakAtOnce.desks!.inUse, of: r().desks, date: longDay(r().peakAtOnce.desks!.date), time: r().peakAtOnce.desks!.at })
            : t('occupancy.peakDesksFew', { n: r().minGroupSize })}
        </li>
        <li data-testid="peak-rooms">
          {r().peakAtOnce.rooms
            ? t('occupancy.peakRoomsMax', { n: r().peakAtOnce.rooms!.inUse, of: r().rooms, date: longDay(r().peakAtOnce.rooms!.date), time: r().peakAtOnce.rooms!.at })
            : t('occupancy.peakRoomsFew', { n: r().minGroupSize })}
        </li>
      </ul>
      <Show when={r().peaks.length > 1 && shownAny(r().peaks.map((p) => at(p.desks)))}>
        <LineChart
          x={r().peaks.map((p) => dated()(p.date, { day: 'numeric', month: 'short' }))}
          series={[{ label: t('occupancy.desksAtOnce', { n: r().desks }), values: r().peaks.map((p) => at(p.desks)), colour: colours.checkedIn }]}
          yMax={Math.max(1, r().desks)}
          yLabel={t('occupancy.axisDesks')}
          locale={locale()}
          summary={t('occupancy.chartPeaks')}
          testId="chart-peaks"
        />
      </Show>
      {/* A month's days open; a year's (some 260) behind their summary, the chart above says it at a glance. */}
      <details class="card earlier" open={r().peaks.length <= 23}>
        <summary>{t(counted(r().peaks.length, 'occupancy.peaksDaysOne', 'occupancy.peaksDays'), { n: r().peaks.length })}</summary>
        <ReportTable
          testId="peaks"
          class="report-words"
          region={{ label: t('occupancy.peaks') }}
          rows={r().peaks}
          columns={[
            { header: t('occupancy.date'), rowHeader: true, cell: (p) => dated()(p.date, { weekday: 'short', day: 'numeric', month: 'short' }) },
            { header: t('occupancy.desksAtOnce', { n: r().desks }), cell: (p) => <Figure value={at(p.desks)} suffix={p.desks ? t('occupancy.atTime', { time: p.desks.at }) : ''} /> },
            { header: t('occupancy.roomsAtOnce', { n: r().rooms }), cell: (p) => <Figure value={at(p.rooms)} suffix={p.rooms ? t('occupancy.atTime', { time: p.rooms.at }) : ''} /> },
          ]}
        />
      </details>
    </>
  );
}

/** Per room: hours booked and used and no-shows, most used first (the server's order). */
function RoomUse(props: { r: OccupancyReportDto }): JSX.Element {
  return (
    <Show when={props.r.roomUse.length > 0} fallback={<p>{t('occupancy.noRooms')}</p>}>
      <p class="muted">{t('occupancy.roomUseHint')}</p>
      <ReportTable
        testId="rooms"
        cards
        region={{ label: t('occupancy.roomUse') }}
        rows={props.r.roomUse}
        columns={[
          {
            header: t('occupancy.room'),
            rowHeader: true,
            // The code first (short, it fits), the name smaller beneath it.
            cell: (x) =>
              x.code === x.name ? (
                x.code
              ) : (
                <>
                  {x.code} <span class="cell-sub">{x.name}</span>
                </>
              ),
          },
          { header: t('occupancy.kind'), cell: (x) => t(`kind.${x.kind}`) },
          { header: t('occupancy.reservationsCount'), cell: (x) => <Figure value={x.reservations} /> },
          { header: t('occupancy.hoursBooked'), cell: (x) => <Figure value={x.hoursBooked} /> },
          { header: t('occupancy.hoursUsed'), cell: (x) => <Figure value={x.hoursUsed} /> },
          { header: t('occupancy.noShowsCount'), cell: (x) => <Figure value={x.noShows} /> },
          { header: t('occupancy.noShowShare'), cell: (x) => <Figure value={x.noShowRate} suffix="%" /> },
        ]}
      />
    </Show>
  );
}

/** A table of reservations and check-ins per kind or zone. */
function UseTable(props: { label: string; rows: { name: string; reservations: ReportFigure; checkedIn: ReportFigure }[]; testId: string }): JSX.Element {
  return (
    <ReportTable
      testId={props.testId}
      cards
      rows={props.rows}
      columns={[
        { header: props.label, rowHeader: true, cell: (row) => row.name },
        { header: t('occupancy.reservationsCount'), cell: (row) => <Figure value={row.reservations} /> },
        { header: t('occupancy.checkInsCount'), cell: (row) => <Figure value={row.checkedIn} /> },
      ]}
    />
  );
}

/**
 * The range holds no workday: says so, with the range's own days and the holidays that took a
 * weekday out ("27 april 2026 is Koningsdag"), so a closed day does not read as a wrong range.
 * A range of that one holiday is named by it alone.
 */
function NoWorkdays(props: { r: OccupancyReportDto }): JSX.Element {
  const long = (date: string) => dayOf(date, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  // A Sunday's holiday (Pasen) takes no workday: the weekend says enough.
  const weekday = (date: string) => ![0, 6].includes(new Date(`${date}T12:00:00Z`).getUTCDay());
  const lines = () => {
    const named = props.r.closedHolidays.filter((h) => weekday(h.date));
    const holidays = named.map((h) => t('occupancy.closedHoliday', { date: dayOf(h.date, { day: 'numeric', month: 'long', year: 'numeric' }), name: h.name[lang()] }));
    const range = props.r.from === props.r.to && named.length === 1 ? [] : [t('occupancy.noWorkdays', { from: long(props.r.from), to: long(props.r.to) })];
    return [...range, ...holidays, t('occupancy.noWorkdaysHow')].join(' ');
  };
  return (
    <p class="notice notice-info" role="status" data-testid="no-workdays">
      {lines()}
    </p>
  );
}

const shownAny = (values: ReportFigure[]) => values.some((v) => v !== null);

/** Facility: how a location is used, to spread the week and evaluate the building. */
export default function Occupancy() {
  // The last four weeks up to yesterday: today has no figures yet, it would be an empty row.
  // A range and location in the address (?locatie=&van=&tot=) come first, so a report can be
  // bookmarked and a reload keeps it.
  const yesterday = addDaysToDate(localDate(Date.now(), 'Europe/Amsterdam'), -1);
  const query = new URLSearchParams(location.search);
  const dateParam = (name: string) => {
    const v = query.get(name);
    return v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null;
  };
  const [locationId, setLocationId] = createLocationChoice(Number(query.get('locatie')) || null);
  const [from, setFrom] = createSignal(dateParam('van') ?? addDaysToDate(yesterday, -27));
  const [to, setTo] = createSignal(dateParam('tot') ?? yesterday);
  createEffect(() => {
    const q = new URLSearchParams({ locatie: String(locationId()), van: from(), tot: to() });
    // Replaced, not pushed: each change of a date is no step for the back button.
    if (locationId() && location.search !== `?${q}`) history.replaceState(history.state, '', `${location.pathname}?${q}`);
  });
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
  const CsvLink = (props: { part: 'weekdays' | 'hours' | 'spread' | 'peaks' | 'rooms' | 'compare'; what: string }) => (
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
          // A range of a weekend (or of Saturday alone) has no workday to count: one line that says
          // so, not a page of "< 5 personen" that would blame too few people for an empty range.
          <Show when={r().workdays > 0} fallback={<NoWorkdays r={r()} />}>
            {/*
              Nobody reserved anything: said once, and the tables of "< 5 personen" folded away, as
              they would suggest one to four people where there were none. The comparison of the
              locations stays: the others' figures are what a manager sets an empty one against.
            */}
            <Show
              when={!r().noReservations}
              fallback={
                <p class="notice notice-info" role="status" data-testid="no-reservations">
                  {t('occupancy.noReservations')}
                </p>
              }
            >
              <p class="muted" data-testid="too-few-hint">{t('occupancy.privacyLine', { n: r().minGroupSize })}</p>
              <h2>{t('occupancy.perWeekday')}</h2>
              {/* A figure, and at least two weekdays in range: a single day's range would be one point, no line; the table says it. */}
              <Show when={shownAny(r().weekdays.flatMap((w) => [w.reserved, w.checkedIn])) && r().weekdays.filter((w) => w.days > 0).length > 1}>
                <LineChart
                  x={r().weekdays.map((w) => weekdayName(w.weekday))}
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
              {/* A weekday not in the range has a dash, not "< 5 personen": there is nothing to hide. */}
              <ReportTable
                testId="weekdays"
                class="report-words"
                rows={r().weekdays}
                columns={[
                  { header: t('occupancy.weekday'), rowHeader: true, cell: (w) => weekdayName(w.weekday) },
                  { header: t('occupancy.reservedAvg'), cell: (w) => (w.days > 0 ? <Figure value={w.reserved} bar={w.desks} /> : '–') },
                  { header: t('occupancy.checkedInAvg'), cell: (w) => (w.days > 0 ? <Figure value={w.checkedIn} bar={w.desks} /> : '–') },
                  { header: t('occupancy.desks'), cell: (w) => w.desks },
                ]}
              />
              <CsvLink part="weekdays" what={t('occupancy.perWeekday')} />
              <ul class="plain">
                <li data-testid="peak">
                  {r().peak ? t('occupancy.peak', { date: dateOfRange(r())(r().peak!.date, { weekday: 'long', day: 'numeric', month: 'long' }), n: r().peak!.checkedIn }) : t('occupancy.peakFew', { n: r().minGroupSize })}
                </li>
                <li data-testid="trough">
                  {/* One workday is the busiest and the quietest at once: no second day to set it against. */}
                  {r().workdays === 1 ? t('occupancy.troughOneDay') : r().trough ? t('occupancy.trough', { date: dateOfRange(r())(r().trough!.date, { weekday: 'long', day: 'numeric', month: 'long' }), n: r().trough!.checkedIn }) : t('occupancy.troughFew', { n: r().minGroupSize })}
                </li>
                <li data-testid="no-show">{r().noShowRate !== null ? t('occupancy.noShow', { pct: num(r().noShowRate!) }) : t('occupancy.noShowFew', { n: r().minGroupSize })}</li>
                <li data-testid="flex">{flexLine(r())}</li>
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
                  testId="chart-hours"
                />
              </Show>
              <ReportTable
                testId="hours"
                class="report-words"
                rows={r().hours}
                columns={[
                  { header: t('occupancy.hour'), rowHeader: true, cell: (h) => `${String(h.hour).padStart(2, '0')}:00` },
                  { header: t('occupancy.checkedInAvg'), cell: (h) => <Figure value={h.checkedIn} bar={r().desks} /> },
                ]}
              />
              <CsvLink part="hours" what={t('occupancy.perHour')} />
              <h2>{t('occupancy.peaks')}</h2>
              <Peaks r={r()} />
              <CsvLink part="peaks" what={t('occupancy.peaks')} />
              <h2>{t('occupancy.spread')}</h2>
              <p class="muted">{t('occupancy.spreadHint')}</p>
              <Show when={r().weeks.length > 1 && shownAny(r().weeks.map((w) => w.spread ?? null))}>
                <LineChart
                  x={r().weeks.map((w) => dateOfRange(r())(w.week, { day: 'numeric', month: 'short' }))}
                  series={[{ label: t('occupancy.spreadLabel'), values: r().weeks.map((w) => w.spread ?? null), colour: colours.spread }]}
                  yMax={100}
                  yLabel={t('occupancy.axisPoints')}
                  locale={locale()}
                  summary={t('occupancy.chartSpread')}
                  testId="chart-spread"
                />
              </Show>
              {/* A month and a bit stands open; a year's 53 weeks behind their summary, the chart above and the months below say it at a glance. */}
              <details class="card earlier" open={r().weeks.length <= 6}>
                <summary>{t(counted(r().weeks.length, 'occupancy.weeksFoldOne', 'occupancy.weeksFold'), { n: r().weeks.length })}</summary>
                <ReportTable
                  testId="weeks"
                  class="report-words"
                  region={{ label: t('occupancy.spread') }}
                  rows={r().weeks}
                  columns={[
                    { header: t('occupancy.week'), rowHeader: true, cell: (w) => dateOfRange(r())(w.week, { day: 'numeric', month: 'short' }) },
                    ...workdays.map((d): Column<Week> => ({ header: weekdayName(d), cell: (w) => (w.percent[d] === undefined ? '–' : <Figure value={w.percent[d]!} suffix="%" />) })),
                    { header: t('occupancy.spreadLabel'), cell: (w) => (w.spread === undefined ? '–' : <Figure value={w.spread} />) },
                  ]}
                />
              </details>
              <CsvLink part="spread" what={t('occupancy.spread')} />
              <h2>{t('occupancy.months')}</h2>
              <ReportTable
                testId="months"
                class="report-words"
                rows={spreadByMonth(r().weeks)}
                columns={[
                  { header: t('occupancy.month'), rowHeader: true, cell: (m) => dayOf(`${m.month}-01`, { month: 'long', year: 'numeric' }) },
                  { header: t('occupancy.spreadLabel'), cell: (m) => <Figure value={m.spread} /> },
                  { header: t('occupancy.weeks'), cell: (m) => m.weeks },
                ]}
              />
              <h2>{t('occupancy.kinds')}</h2>
              <UseTable label={t('occupancy.kind')} testId="kinds" rows={r().kinds.map((k) => ({ ...k, name: t(`kind.${k.kind}`) }))} />
              <h2>{t('occupancy.zones')}</h2>
              <UseTable label={t('occupancy.zone')} testId="zones" rows={r().zones.map((z) => ({ ...z, name: z.name ?? t('occupancy.noZone') }))} />
              <h2>{t('occupancy.roomUse')}</h2>
              <RoomUse r={r()} />
              <CsvLink part="rooms" what={t('occupancy.roomUse')} />
            </Show>
            <h2>{t('occupancy.compare')}</h2>
            <p class="muted">{t('occupancy.compareHint')}</p>
            <ReportTable
              testId="compare"
              class="report-wide"
              region={{ label: t('occupancy.compare') }}
              rows={compared() ?? []}
              columns={[
                { header: t('occupancy.location'), rowHeader: true, cell: (c) => c.name },
                { header: t('occupancy.desks'), cell: (c) => c.report?.desks ?? '–' },
                ...workdays.map(
                  (d): Column<Compared> => ({
                    header: weekdayName(d),
                    cell: (c) => {
                      const w = c.report?.weekdays.find((x) => x.weekday === d);
                      if (!w || w.days === 0 || !c.report!.desks) return '–';
                      // Nobody reserved there: 0 %, which identifies nobody, not "< 5 personen".
                      if (c.report!.noReservations) return '0%';
                      return <Figure value={w.checkedIn === null ? null : Math.round((100 * w.checkedIn) / c.report!.desks)} suffix="%" />;
                    },
                  }),
                ),
                // No reservation, no no-show rate: a dash, as for a figure there is none of.
                { header: t('occupancy.noShowShort'), cell: (c) => (c.report && !c.report.noReservations ? <Figure value={c.report.noShowRate} suffix="%" /> : '–') },
              ]}
            />
            {/* The comparison's own file; the whole report's beside it, each saying which it is. */}
            <CsvLink part="compare" what={t('occupancy.compare')} />
            <p>
              <a class="button primary" href={apiUrls.occupancyCsv(locationId(), from(), to(), lang())} download="" data-testid="csv-all">
                {t('occupancy.csvPart', { what: t('occupancy.csvWhole') })}
              </a>
            </p>
          </Show>
        )}
      </Show>
    </section>
  );
}
