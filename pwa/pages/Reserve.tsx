import { createEffect, createMemo, createResource, createSignal, For, Show } from 'solid-js';
import type { AvailabilityDto, DayBusynessDto, FloorPlanDto, LocationDto } from '../../shared/api.js';
import { dayPartInterval } from '../../shared/rules.js';
import type { CreateReservationBody } from '../../shared/schemas.js';
import { addDaysToDate, localDate, localToInstant, toIsoInZone } from '../../shared/time.js';
import { dayParts, spaceFeatures, spaceKinds, type DayPart, type SpaceFeature, type SpaceKind } from '../../shared/types.js';
import type { Cached } from '../../client/db.js';
import { networkFirst } from '../../client/network-first.js';
import { dayOf, lang, t, te, timeOf } from '../../client/i18n.js';
import { api, catalogue, locations, online, reserve, type Outcome } from '../state.js';
import { bookedText, NoticeBox, UpdatedAt, type Notice, LocationSelect } from '../ui.js';
import { PlanView } from '../../client/plan.js';
import { Field } from '../../client/field.js';
import { SeriesLink } from '../recurring-links.js';

const quarterHours = Array.from({ length: 13 * 4 }, (_, i) => `${String(7 + Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}`);
const durations = [15, 30, 45, 60, 90, 120, 180, 240];

/** Reserve: choose where and when, filter, and take a free place with one tap. */
export default function Reserve() {
  const [notice, setNotice] = createSignal<Notice | null>(null);
  const [locationId, setLocationId] = createSignal<number | null>(locations()?.data[0]?.id ?? null);
  const location = createMemo<LocationDto | undefined>(() => locations()?.data.find((l) => l.id === locationId()));
  const tz = () => location()?.timezone ?? 'Europe/Amsterdam';
  const today = () => localDate(Date.now(), tz());
  const [date, setDate] = createSignal(localDate(Date.now(), 'Europe/Amsterdam'));
  const [kind, setKind] = createSignal<SpaceKind>('desk');
  const [part, setPart] = createSignal<DayPart>('morning');
  const [from, setFrom] = createSignal('09:00');
  const [minutes, setMinutes] = createSignal(60);
  const [zoneId, setZoneId] = createSignal<number | null>(null);
  const [features, setFeatures] = createSignal<SpaceFeature[]>([]);

  createEffect(() => {
    if (locationId() === null && locations()?.data[0]) setLocationId(locations()!.data[0]!.id);
  });

  const [cat] = createResource(locationId, (id) => catalogue(id));
  const kinds = createMemo(() => spaceKinds.filter((k) => cat()?.data.spaces.some((s) => s.kind === k)));
  createEffect(() => {
    if (kinds().length > 0 && !kinds().includes(kind())) setKind(kinds()[0]!);
  });

  const interval = createMemo(() => {
    const l = location();
    // A cleared date field offers and books nothing (it used to keep booking the last date).
    if (!l || !date()) return null;
    if (kind() === 'desk') return dayPartInterval(date(), part(), l.policy, l.timezone);
    const start = localToInstant(date(), from(), l.timezone);
    return { start, end: start + minutes() * 60_000 };
  });

  const [availability, { refetch }] = createResource(
    () => (location() && interval() ? { id: location()!.id, ...interval()! } : null),
    async (w): Promise<Cached<AvailabilityDto> | undefined> => {
      // Versioned: a copy cached by an app before the compact answer has another shape.
      const key = `availability.v2:${w.id}:${w.start}:${w.end}`;
      return networkFirst(key, () => api.availability(w.id, new Date(w.start).toISOString(), new Date(w.end).toISOString()));
    },
  );

  const [week] = createResource(locationId, async (id): Promise<Cached<DayBusynessDto[]> | undefined> => {
    return networkFirst(`week:${id}`, () => api.week(id));
  });

  /** Above the soft cap on the chosen day: the quietest workday of the week that is not. */
  const suggestion = createMemo(() => {
    const days = week()?.data ?? [];
    const chosen = days.find((d) => d.date === date());
    if (!chosen?.overCap) return null;
    const quiet = days
      .filter((d) => !d.overCap && !d.closed && d.date >= today() && new Date(`${d.date}T12:00:00Z`).getUTCDay() % 6 !== 0)
      .sort((a, b) => a.expected - b.expected)[0];
    return quiet ? { busy: chosen.date, quiet: quiet.date } : null;
  });
  const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

  /** Public holidays in the chosen window (from the availability answer), and whether the location is closed then. */
  const holidays = () => availability()?.data.holidays ?? [];
  const closed = () => holidays().some((h) => h.closed);

  const results = createMemo(() => {
    const c = cat()?.data;
    if (!c) return [];
    // Free, taken, or unknown (undefined): a space in neither list is not bookable (any more), or
    // the answer came from a server of another version; `?? []` so that never throws.
    const a = availability()?.data;
    const busy = new Map<number, boolean>([...(a?.free ?? []).map((id) => [id, true] as const), ...(a?.busy ?? []).map((b) => [b.spaceId, false] as const)]);
    return c.spaces
      .filter((s) => s.kind === kind())
      .filter((s) => zoneId() === null || s.zoneId === zoneId())
      .filter((s) => features().every((f) => s.features.includes(f)))
      .map((s) => ({ space: s, zone: c.zones.find((z) => z.id === s.zoneId), free: busy.get(s.id) }));
  });

  const book = async (spaceId: number, code: string, name: string) => {
    const l = location()!;
    const i = interval();
    if (!i) return setNotice({ tone: 'error', text: t('reserve.pickDate') });
    const body: CreateReservationBody =
      kind() === 'desk'
        ? { spaceId, date: date(), part: part() }
        : { spaceId, start: new Date(i.start).toISOString(), end: new Date(i.end).toISOString() };
    const preview = { spaceId, spaceName: name, locationId: l.id, start: toIsoInZone(i.start, l.timezone), end: toIsoInZone(i.end, l.timezone) };
    const o: Outcome = await reserve(body, preview, code);
    if (o.kind === 'done') setNotice({ tone: 'ok', text: bookedText('reserve.done', code, preview) });
    else if (o.kind === 'queued') setNotice({ tone: 'info', text: bookedText('reserve.queued', code, preview) });
    else {
      const alt = o.refusal.details?.alternative;
      const holiday = o.refusal.code === 'holiday_closed' ? o.refusal.details?.holiday : undefined;
      setNotice({ tone: 'error', text: `${te(o.refusal.code)} ${holiday ? `(${holiday[lang()]})` : ''}${alt ? t('refusal.alternative', { code: alt.code, name: alt.name }) : ''}` });
    }
    if (online()) void refetch();
  };

  const [plans] = createResource(locationId, async (id): Promise<FloorPlanDto[]> => {
    return (await networkFirst(`plans:${id}`, () => api.plans(id)))?.data ?? [];
  });
  const [view, setView] = createSignal<'list' | 'plan'>('list');
  const [planId, setPlanId] = createSignal<number | null>(null);
  const [picked, setPicked] = createSignal<number | null>(null);
  // Only plans that show some of the spaces found; the first of them unless one was chosen.
  const shownPlans = createMemo(() => (plans() ?? []).filter((p) => results().some((r) => r.space.plan?.planId === p.id)));
  const plan = () => shownPlans().find((p) => p.id === planId()) ?? shownPlans()[0];
  const pickedResult = () => results().find((r) => r.space.id === picked());
  const freeText = (free: boolean | undefined) => (free === false ? `✕ ${t('reserve.taken')}` : free ? `○ ${t('reserve.free')}` : `? ${t('reserve.unknown')}`);

  const toggleFeature = (f: SpaceFeature, on: boolean) => setFeatures((fs) => (on ? [...fs, f] : fs.filter((x) => x !== f)));

  return (
    <section>
      <h1>{t('reserve.title')}</h1>
      <SeriesLink locationId={locationId()} />
      <NoticeBox notice={notice()} />
      <form class="stack" onSubmit={(e) => e.preventDefault()}>
        <LocationSelect value={locationId() ?? 0} onChange={setLocationId} />

        <Show when={week()?.data}>
          <fieldset class="week">
            <legend>{t('reserve.week')}</legend>
            <ul class="week-strip">
              <For each={week()!.data}>
                {(d) => {
                  const pct = () => (d.desks === 0 ? 0 : Math.round((100 * d.expected) / d.desks));
                  return (
                    <li>
                      <button
                        type="button"
                        class="day"
                        aria-pressed={date() === d.date}
                        onClick={() => setDate(d.date)}
                      >
                        <span class="day-name">{dayOf(d.date, { weekday: 'short' })}</span>
                        <Show
                          when={d.closed}
                          fallback={
                            <>
                              <span class="bar" aria-hidden="true">
                                <span class="bar-fill" style={{ height: `${Math.min(100, pct())}%` }} />
                              </span>
                              <span class="day-pct">{pct()}%</span>
                            </>
                          }
                        >
                          <span class="day-closed">{t('reserve.closed')}</span>
                        </Show>
                        {/* The holiday by name (a colour alone would tell nobody which day it is); on a
                            narrow screen a mark here and the name in the list below the strip. */}
                        <Show when={d.holiday}>
                          {(name) => (
                            <>
                              <span class="day-mark" aria-hidden="true">✱</span>
                              <span class="day-holiday">{name()[lang()]}</span>
                            </>
                          )}
                        </Show>
                        <Show when={d.overCap && !d.closed}>
                          <span class="day-over">
                            <span aria-hidden="true">▲ </span>
                            {t('reserve.busy')}
                          </span>
                        </Show>
                        <span class="sr-only">
                          {d.holiday
                            ? t(d.closed ? 'reserve.weekClosed' : 'reserve.weekHoliday', { day: dayOf(d.date, { weekday: 'long', day: 'numeric', month: 'long' }), holiday: d.holiday[lang()], pct: pct() })
                            : t('reserve.weekDay', { day: dayOf(d.date, { weekday: 'long', day: 'numeric', month: 'long' }), pct: pct() })}
                        </span>
                      </button>
                    </li>
                  );
                }}
              </For>
            </ul>
            <ul class="week-holidays">
              <For each={week()!.data.filter((d) => d.holiday)}>
                {(d) => (
                  <li>
                    <span aria-hidden="true">✱ </span>
                    {`${dayOf(d.date, { weekday: 'short', day: 'numeric', month: 'short' })}: ${d.holiday![lang()]}${d.closed ? `, ${t('reserve.closed')}` : ''}`}
                  </li>
                )}
              </For>
            </ul>
            <Show when={suggestion()}>
              <p class="notice notice-info" data-testid="suggestion">
                {t('reserve.suggest', { busy: dayOf(suggestion()!.busy, { weekday: 'long' }), quiet: capitalise(dayOf(suggestion()!.quiet, { weekday: 'long' })) })}
              </p>
            </Show>
          </fieldset>
        </Show>

        <Field label={t('reserve.date')}>
          {/* Written only when it differs: writing '' would wipe a date half typed in. */}
          <input type="date" ref={(el) => createEffect(() => el.value !== date() && (el.value = date()))} min={today()} max={location() ? addDaysToDate(today(), location()!.policy.daysAhead) : undefined} onInput={(e) => setDate(e.currentTarget.value)} />
        </Field>

        <Field label={t('reserve.kind')}>
          <select value={kind()} onChange={(e) => setKind(e.currentTarget.value as SpaceKind)}>
            <For each={kinds()}>{(k) => <option value={k}>{t(`kind.${k}`)}</option>}</For>
          </select>
        </Field>

        <Show
          when={kind() === 'desk'}
          fallback={
            <div class="two">
              <Field label={t('reserve.from')}>
                <select value={from()} onChange={(e) => setFrom(e.currentTarget.value)}>
                  <For each={quarterHours}>{(q) => <option value={q}>{q}</option>}</For>
                </select>
              </Field>
              <Field label={t('reserve.duration')}>
                <select value={minutes()} onChange={(e) => setMinutes(Number(e.currentTarget.value))}>
                  <For each={durations}>{(m) => <option value={m}>{t('minutes', { n: m })}</option>}</For>
                </select>
              </Field>
            </div>
          }
        >
          <fieldset class="segmented">
            <legend>{t('reserve.part')}</legend>
            <For each={dayParts}>
              {(p) => (
                <label>
                  <input type="radio" name="part" value={p} checked={part() === p} onChange={() => setPart(p)} />
                  <span>{t(`part.${p}`)}</span>
                </label>
              )}
            </For>
          </fieldset>
        </Show>

        <details class="filters">
          <summary>{t('reserve.filters')}</summary>
          <Field label={t('reserve.zone')}>
            <select value={zoneId() ?? ''} onChange={(e) => setZoneId(e.currentTarget.value ? Number(e.currentTarget.value) : null)}>
              <option value="">{t('reserve.anyZone')}</option>
              <For each={cat()?.data.zones ?? []}>{(z) => <option value={z.id}>{`${z.name} (${t(`character.${z.character}`)})`}</option>}</For>
            </select>
          </Field>
          <fieldset>
            <legend>{t('reserve.features')}</legend>
            <For each={spaceFeatures}>
              {(f) => (
                <label class="check">
                  <input type="checkbox" checked={features().includes(f)} onChange={(e) => toggleFeature(f, e.currentTarget.checked)} />
                  <span>{t(`feature.${f}`)}</span>
                </label>
              )}
            </For>
          </fieldset>
        </details>
      </form>

      <h2>{t('reserve.results')}</h2>
      <For each={holidays()}>
        {(h) => (
          <p class={`notice ${h.closed ? 'notice-error' : 'notice-info'}`} data-testid="holiday">
            {h.closed
              ? t('reserve.holidayClosed', { holiday: h.name[lang()], day: dayOf(h.date, { weekday: 'long', day: 'numeric', month: 'long' }), location: location()?.name ?? '' })
              : t('reserve.holidayOpen', { holiday: h.name[lang()], day: dayOf(h.date, { weekday: 'long', day: 'numeric', month: 'long' }) })}
          </p>
        )}
      </For>
      <Show when={shownPlans().length > 0}>
        <fieldset class="segmented">
          <legend class="sr-only">{t('reserve.results')}</legend>
          <label>
            <input type="radio" name="view" value="list" checked={view() === 'list'} onChange={() => setView('list')} />
            <span>{t('plans.list')}</span>
          </label>
          <label>
            <input type="radio" name="view" value="plan" checked={view() === 'plan'} onChange={() => setView('plan')} />
            <span>{t('plans.view')}</span>
          </label>
        </fieldset>
      </Show>
      <Show when={view() === 'plan' && plan()}>
        <Show when={shownPlans().length > 1}>
          <Field label={t('plans.plan')}>
            <select value={plan()!.id} onChange={(e) => setPlanId(Number(e.currentTarget.value))}>
              <For each={shownPlans()}>{(p) => <option value={p.id}>{p.name}</option>}</For>
            </select>
          </Field>
        </Show>
        <PlanView
          plan={plan()!}
          spaces={results().map((r) => ({ ...r.space, free: r.free }))}
          label={(s) => `${s.code} ${freeText(s.free)}`}
          status={(s) => (s.free === false ? 'taken' : s.free ? 'free' : undefined)}
          onPick={(s) => setPicked(s.id)}
          picked={picked()}
        />
        <Show when={pickedResult()}>
          {(r) => (
            <div class="card" data-testid="picked">
              <p>
                <strong>{r().space.code}</strong> · {r().space.name} · {freeText(r().free)}
              </p>
              <Show when={r().free !== false && !closed()}>
                <button type="button" class="button primary" onClick={() => book(r().space.id, r().space.code, r().space.name)}>
                  {`${t('action.reserve')} ${r().space.code}`}
                </button>
              </Show>
            </div>
          )}
        </Show>
      </Show>
      <Show when={!online()}>
        <p class="muted">{t('reserve.offlineData')}</p>
      </Show>
      <UpdatedAt at={availability()?.fetchedAt} />
      <Show when={view() === 'list' || !plan()}>
      <Show when={results().length > 0} fallback={<p>{t('reserve.none')}</p>}>
        <ul class="list spaces">
          <For each={results()}>
            {(r) => (
              <li class="card space" data-testid={`space-${r.space.code}`}>
                <div class="row">
                  <strong>{r.space.code}</strong>
                  <span class={`badge ${r.free === false ? 'badge-taken' : r.free ? 'badge-free' : 'badge-unknown'}`}>
                    <span aria-hidden="true" class="badge-shape">
                      {r.free === false ? '✕' : r.free ? '○' : '?'}
                    </span>{' '}
                    {r.free === false ? t('reserve.taken') : r.free ? t('reserve.free') : t('reserve.unknown')}
                  </span>
                </div>
                <p>
                  {r.space.name}
                  {r.zone ? ` · ${r.zone.name} (${t(`character.${r.zone.character}`)})` : ''}
                </p>
                <Show when={r.space.features.length > 0}>
                  <p class="muted small">{r.space.features.map((f) => t(`feature.${f}`)).join(', ')}</p>
                </Show>
                <Show when={r.free !== false && !closed()}>
                  <button type="button" class="button primary" aria-label={`${t('action.reserve')} ${r.space.code}`} onClick={() => book(r.space.id, r.space.code, r.space.name)}>
                    {t('action.reserve')}
                  </button>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      </Show>
      <Show when={interval()}>
        <p class="muted small">
          {dayOf(toIsoInZone(interval()!.start, tz()))} {timeOf(toIsoInZone(interval()!.start, tz()))}–{timeOf(toIsoInZone(interval()!.end, tz()))}
        </p>
      </Show>
    </section>
  );
}
