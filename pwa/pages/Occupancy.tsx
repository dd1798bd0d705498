import { createResource, createSignal, For, Show } from 'solid-js';
import { addDaysToDate, localDate } from '../../shared/time.js';
import { dayOf, t } from '../i18n.js';
import { api, locations, me } from '../state.js';
import { createLocationChoice, LocationSelect, ManageNav } from '../ui.js';
import { LineChart } from '../chart.js';

interface Report {
  desks: number;
  weekdays: { weekday: string; reserved: number; checkedIn: number; desks: number }[];
  hours: { hour: number; checkedIn: number }[];
  peak: { date: string; checkedIn: number } | null;
  trough: { date: string; checkedIn: number } | null;
  noShowRate: number | null;
  kinds: { kind: 'desk' | 'focus' | 'call' | 'meeting' | 'multi'; reservations: number; checkedIn: number }[];
  flexRatio: number | null;
  people: number;
  weeks: { week: string; percent: Record<'ma' | 'di' | 'wo' | 'do' | 'vr', number | null>; spread: number | null }[];
}

const colours = { reserved: '#0b4f8a', checkedIn: '#0a6b2d', spread: '#a4161a' };

/** A bar as a visual aid only: every figure is also in the table as text. */
function Bar(props: { value: number; max: number }) {
  return (
    <span class="hbar" aria-hidden="true">
      <span class="hbar-fill" style={{ width: `${props.max === 0 ? 0 : Math.min(100, (100 * props.value) / props.max)}%` }} />
    </span>
  );
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
      const res = await api.send<Report>({ method: 'GET', path: `/api/v1/reports/locations/${p.id}/occupancy?from=${p.from}&to=${p.to}` });
      return res.ok ? res.data : null;
    },
  );
  return (
    <section>
      <h1>{t('occupancy.title')}</h1>
      <ManageNav />
      <div class="stack">
        <LocationSelect value={locationId()} onChange={setLocationId} />
        <div class="two">
          <label class="field">
            <span>{t('occupancy.from')}</span>
            <input type="date" value={from()} onInput={(e) => e.currentTarget.value && setFrom(e.currentTarget.value)} />
          </label>
          <label class="field">
            <span>{t('occupancy.to')}</span>
            <input type="date" value={to()} onInput={(e) => e.currentTarget.value && setTo(e.currentTarget.value)} />
          </label>
        </div>
      </div>
      <Show when={report()}>
        {(r) => (
          <>
            <h2>{t('occupancy.perWeekday')}</h2>
            <LineChart
              x={r().weekdays.map((w) => w.weekday)}
              series={[
                { label: t('occupancy.reserved'), values: r().weekdays.map((w) => w.reserved), colour: colours.reserved, dash: [6, 4] },
                { label: t('occupancy.checkedIn'), values: r().weekdays.map((w) => w.checkedIn), colour: colours.checkedIn },
              ]}
              yMax={Math.max(1, r().desks)}
              summary={t('occupancy.chartWeekdays')}
              testId="chart-weekdays"
            />
            <table class="report" data-testid="weekdays">
              <thead>
                <tr>
                  <th scope="col">{t('occupancy.weekday')}</th>
                  <th scope="col">{t('occupancy.reserved')}</th>
                  <th scope="col">{t('occupancy.checkedIn')}</th>
                  <th scope="col">{t('occupancy.desks')}</th>
                </tr>
              </thead>
              <tbody>
                <For each={r().weekdays}>
                  {(w) => (
                    <tr>
                      <th scope="row">{w.weekday}</th>
                      <td>
                        {w.reserved} <Bar value={w.reserved} max={w.desks} />
                      </td>
                      <td>
                        {w.checkedIn} <Bar value={w.checkedIn} max={w.desks} />
                      </td>
                      <td>{w.desks}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
            <ul class="plain">
              <Show when={r().peak}>
                <li>{t('occupancy.peak', { date: dayOf(r().peak!.date, { weekday: 'long', day: 'numeric', month: 'long' }), n: r().peak!.checkedIn })}</li>
              </Show>
              <Show when={r().trough}>
                <li>{t('occupancy.trough', { date: dayOf(r().trough!.date, { weekday: 'long', day: 'numeric', month: 'long' }), n: r().trough!.checkedIn })}</li>
              </Show>
              <Show when={r().noShowRate !== null}>
                <li>{t('occupancy.noShow', { pct: r().noShowRate! })}</li>
              </Show>
              <li>{r().flexRatio !== null ? t('occupancy.flex', { ratio: r().flexRatio!, people: r().people }) : t('occupancy.flexHidden')}</li>
            </ul>
            <h2>{t('occupancy.perHour')}</h2>
            <LineChart
              x={r().hours.map((h) => `${String(h.hour).padStart(2, '0')}:00`)}
              series={[{ label: t('occupancy.checkedIn'), values: r().hours.map((h) => h.checkedIn), colour: colours.checkedIn }]}
              yMax={Math.max(1, r().desks)}
              summary={t('occupancy.chartHours')}
            />
            <table class="report">
              <thead>
                <tr>
                  <th scope="col">{t('occupancy.hour')}</th>
                  <th scope="col">{t('occupancy.checkedIn')}</th>
                </tr>
              </thead>
              <tbody>
                <For each={r().hours}>
                  {(h) => (
                    <tr>
                      <th scope="row">{`${String(h.hour).padStart(2, '0')}:00`}</th>
                      <td>
                        {h.checkedIn} <Bar value={h.checkedIn} max={r().desks} />
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
            <h2>{t('occupancy.spread')}</h2>
            <p class="muted">{t('occupancy.spreadHint')}</p>
            <Show when={r().weeks.length > 1}>
              <LineChart
                x={r().weeks.map((w) => dayOf(w.week, { day: 'numeric', month: 'short' }))}
                series={[{ label: t('occupancy.spreadLabel'), values: r().weeks.map((w) => w.spread), colour: colours.spread }]}
                yMax={100}
                summary={t('occupancy.chartSpread')}
                testId="chart-spread"
              />
            </Show>
            <div class="table-wrap" tabindex="0" role="region" aria-label={t('occupancy.spread')}>
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
                        <For each={['ma', 'di', 'wo', 'do', 'vr'] as const}>{(d) => <td>{w.percent[d] === null ? '–' : `${w.percent[d]}%`}</td>}</For>
                        <td>{w.spread === null ? '–' : `${w.spread}`}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
            <h2>{t('occupancy.kinds')}</h2>
            <ul class="plain">
              <For each={r().kinds}>{(k) => <li>{`${t(`kind.${k.kind}`)}: ${k.reservations} / ${k.checkedIn}`}</li>}</For>
            </ul>
            <p>
              <a class="button primary" href={`/api/v1/reports/locations/${locationId()}/occupancy.csv?from=${from()}&to=${to()}`} download="">
                {t('occupancy.csv')}
              </a>
            </p>
          </>
        )}
      </Show>
    </section>
  );
}
