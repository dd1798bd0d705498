import { createResource, createSignal, For, Show } from 'solid-js';
import type { SeriesDto, SeriesOccurrenceDto } from '../../shared/api.js';
import { addDaysToDate, localDate } from '../../shared/time.js';
import { dayParts } from '../../shared/types.js';
import { dayOf, t, te } from '../../client/i18n.js';
import { Field } from '../../client/field.js';
import { api, catalogue, locations, sync } from '../state.js';
import { url } from '../router.js';
import { createLocationChoice, LocationSelect, NoticeBox, type Notice, refreshing } from '../ui.js';
import './recurring.css';

type Day = SeriesDto['days'][number];
// Not imported from shared/schemas.ts: that would bring zod into this screen's code.
const seriesDays: readonly Day[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

const daysText = (days: Day[]) => {
  const names = days.map((d) => t(`weekday.${d}`));
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} ${t('series.and')} ${names.at(-1)}` : names[0]!;
};

/** One date's outcome in words: the refusal's reason in the person's language. */
function occurrenceText(o: SeriesOccurrenceDto, daysAhead: number): string {
  if (o.status === 'refused') return t('series.status.refused', { reason: te(o.code ?? 'unknown') });
  if (o.status === 'pending') return t('series.status.pending', { days: daysAhead });
  if (o.status === 'created' && o.reservation?.state === 'cancelled') return t('series.status.cancelled');
  return t(`series.status.${o.status}`);
}

/** The dates of a series with their outcome; status in words and a symbol, never by colour alone. */
function Outcomes(props: { series: SeriesDto; daysAhead: number }) {
  return (
    <ul class="plain series-dates" data-testid={`series-${props.series.id}`}>
      <For each={props.series.occurrences}>
        {(o) => (
          <li data-status={o.status}>
            <span aria-hidden="true">{o.status === 'created' && o.reservation?.state !== 'cancelled' ? '✓ ' : o.status === 'refused' ? '✗ ' : '· '}</span>
            <strong>{dayOf(o.date)}</strong>: {occurrenceText(o, props.daysAhead)}
          </li>
        )}
      </For>
    </ul>
  );
}

/**
 * Recurring reservations: one place on fixed weekdays from..until. The answer says per date what
 * happened and why; dates beyond the location's horizon follow once within reach.
 */
export default function Series() {
  const params = new URLSearchParams(url().search);
  const [locationId, setLocationId] = createLocationChoice(Number(params.get('location')) || null);
  const location = () => locations()?.data.find((l) => l.id === locationId());
  const tz = () => location()?.timezone ?? 'Europe/Amsterdam';
  const today = () => localDate(Date.now(), tz());
  const [spaces] = createResource(locationId, async (id) => (id ? ((await catalogue(id))?.data.spaces ?? []) : []));
  const [spaceId, setSpaceId] = createSignal<number>(Number(params.get('space')) || 0);
  const space = () => spaces()?.find((s) => s.id === spaceId()) ?? spaces()?.[0];
  const [days, setDays] = createSignal<Day[]>([]);
  const [notice, setNotice] = createSignal<Notice | null>(null);
  const [made, setMade] = createSignal<SeriesDto | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [mine, { refetch: fetchAgain }] = createResource(async () => {
    const res = await api.send<SeriesDto[]>({ method: 'GET', path: '/api/v1/series' });
    return res.ok ? res.data : [];
  });
  const refetch = refreshing(fetchAgain);
  const daysAhead = (id: number) => locations()?.data.find((l) => l.id === id)?.policy.daysAhead ?? 14;
  // One key per form as sent: a resend after a lost answer is the same request, not a second series.
  let key: string | null = null;

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const chosen = seriesDays.filter((d) => f.getAll('days').includes(d));
    if (chosen.length === 0) return setNotice({ tone: 'error', text: t('series.noDays') });
    const s = space();
    if (!s) return;
    const base = { spaceId: s.id, days: chosen, from: String(f.get('from')), until: String(f.get('until')) };
    const body = s.kind === 'desk' ? { ...base, part: String(f.get('part')) } : { ...base, startTime: String(f.get('startTime')), endTime: String(f.get('endTime')) };
    key ??= crypto.randomUUID();
    setBusy(true);
    setNotice({ tone: 'info', text: t('series.busy') });
    const res = await api.send<SeriesDto>({ method: 'POST', path: '/api/v1/series', body, idempotencyKey: key });
    setBusy(false);
    if (!res.ok) {
      if (res.code !== 'network') key = null;
      return setNotice({ tone: 'error', text: te(res.code) });
    }
    key = null;
    const count = (status: SeriesOccurrenceDto['status']) => res.data.occurrences.filter((o) => o.status === status).length;
    setNotice({
      tone: count('refused') > 0 ? 'info' : 'ok',
      text: t('series.summary', { code: res.data.spaceCode, created: count('created'), total: res.data.occurrences.length, refused: count('refused'), pending: count('pending') }),
    });
    setMade(res.data);
    void refetch();
    void sync();
  };

  const cancel = async (series: SeriesDto, range: { from: string; to: string } | Record<string, never>, say: (n: Notice) => void) => {
    const res = await api.send<SeriesDto>({ method: 'POST', path: `/api/v1/series/${series.id}/cancel`, body: range, idempotencyKey: crypto.randomUUID() });
    if (!res.ok) return say({ tone: 'error', text: te(res.code) });
    const was = new Set(series.occurrences.filter((o) => o.status === 'cancelled').map((o) => o.date));
    const n = res.data.occurrences.filter((o) => o.status === 'cancelled' && !was.has(o.date)).length;
    say({ tone: 'ok', text: t('series.cancelled', { code: series.spaceCode, n }) });
    if (made()?.id === series.id) setMade(res.data);
    void refetch();
    void sync();
  };

  return (
    <section class="recurring">
      <h1>{t('series.title')}</h1>
      <p class="muted">{t('series.intro')}</p>
      <form class="stack" onSubmit={submit}>
        <LocationSelect value={locationId()} onChange={setLocationId} />
        <Field label={t('series.space')}>
          <select name="space" value={space()?.id ?? ''} onChange={(e) => setSpaceId(Number(e.currentTarget.value))}>
            <For each={spaces() ?? []}>{(s) => <option value={s.id}>{`${s.code} · ${s.name}`}</option>}</For>
          </select>
        </Field>
        <fieldset class="checks">
          <legend>{t('series.days')}</legend>
          <For each={seriesDays}>
            {(d) => (
              <label class="check">
                <input type="checkbox" name="days" value={d} checked={days().includes(d)} onChange={(e) => setDays(e.currentTarget.checked ? [...days(), d] : days().filter((x) => x !== d))} />
                <span>{t(`weekday.${d}`)}</span>
              </label>
            )}
          </For>
        </fieldset>
        {/* One under the other: two date fields side by side do not fit a 320 px phone. */}
        <Field label={t('series.from')}>
          <input name="from" type="date" required value={addDaysToDate(today(), 1)} min={today()} />
        </Field>
        <Field label={t('series.until')}>
          <input name="until" type="date" required value={addDaysToDate(today(), 28)} min={today()} max={addDaysToDate(today(), 366)} />
        </Field>
        <Show
          when={space()?.kind !== 'desk'}
          fallback={
            <fieldset class="checks">
              <legend>{t('reserve.part')}</legend>
              <For each={dayParts}>
                {(p, i) => (
                  <label class="check">
                    <input type="radio" name="part" value={p} checked={i() === 0} />
                    <span>{t(`part.${p}`)}</span>
                  </label>
                )}
              </For>
            </fieldset>
          }
        >
          <div class="two">
            <Field label={t('reserve.from')}>
              <input name="startTime" type="time" required value="10:00" step="900" />
            </Field>
            <Field label={t('series.to')}>
              <input name="endTime" type="time" required value="11:00" step="900" />
            </Field>
          </div>
        </Show>
        <button type="submit" class="button primary" disabled={busy()}>
          {t('series.submit')}
        </button>
        {/* The outcome right under the button that asked for it. */}
        <NoticeBox notice={notice()} />
      </form>
      <Show when={made()}>
        {(s) => (
          <section aria-labelledby="series-result">
            <h2 id="series-result">{t('series.result')}</h2>
            <Outcomes series={s()} daysAhead={daysAhead(s().locationId)} />
          </section>
        )}
      </Show>

      <h2>{t('series.mine')}</h2>
      <Show when={(mine() ?? []).length > 0} fallback={<p class="muted">{t('series.none')}</p>}>
        <ul class="list">
          <For each={mine()}>{(s) => <SeriesCard series={s} daysAhead={daysAhead(s.locationId)} today={today()} cancel={cancel} />}</For>
        </ul>
      </Show>
    </section>
  );
}

function SeriesCard(props: {
  series: SeriesDto;
  daysAhead: number;
  today: string;
  cancel: (s: SeriesDto, range: { from: string; to: string } | Record<string, never>, say: (n: Notice) => void) => Promise<void>;
}) {
  const [said, say] = createSignal<Notice | null>(null);
  const s = props.series;
  const title = () => t('series.every', { code: s.spaceCode, days: daysText(s.days), from: dayOf(s.from), until: dayOf(s.until) });
  const onRange = (e: SubmitEvent) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    void props.cancel(s, { from: String(f.get('from')), to: String(f.get('to')) }, say);
  };
  return (
    <li class="card">
      <p>
        <strong>{title()}</strong>
      </p>
      <details>
        <summary>{t('series.result')}</summary>
        <Outcomes series={s} daysAhead={props.daysAhead} />
      </details>
      <form class="stack" onSubmit={onRange} aria-label={`${t('series.cancelRange')}: ${s.spaceCode}`}>
        <p class="muted">{t('series.cancelRange')}</p>
        <Field label={t('reserve.from')}>
          <input name="from" type="date" required min={props.today} value={props.today > s.from ? props.today : s.from} />
        </Field>
        <Field label={t('series.until')}>
          <input name="to" type="date" required min={props.today} value={s.until} />
        </Field>
        <div class="actions">
          <button type="submit" class="button compact">
            {t('series.cancelRangeSubmit')}
          </button>
          <button type="button" class="button compact" onClick={() => void props.cancel(s, {}, say)}>
            {t('series.cancelAll')}
          </button>
        </div>
      </form>
      <NoticeBox notice={said()} />
    </li>
  );
}
