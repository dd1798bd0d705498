import { createEffect, createMemo, createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import type { AvailabilityDto, DayBusynessDto, FloorPlanDto, LocationDto, SpaceDto } from '../../shared/api.js';
import { bookableParts, bookableStarts, dateRefusal, dayPartInterval, minutesUntilClosing, openingInterval, openOn, overlaps, SLOT_MINUTES, type Interval } from '../../shared/rules.js';
import type { CreateReservationBody } from '../../shared/schemas.js';
import { addDaysToDate, localDate, localToInstant, toIsoInZone } from '../../shared/time.js';
import { dayParts, spaceFeatures, spaceKinds, type DayPart, type SpaceFeature, type SpaceKind } from '../../shared/types.js';
import type { Cached, OutboxEntry } from '../../client/db.js';
import { networkFirst } from '../../client/network-first.js';
import { dayOf, lang, t, te, timeOf } from '../../client/i18n.js';
import { api, catalogue, colleagues, locations, online, outbox, reservations, reserve, type Outcome } from '../state.js';
import { loadFavourites, StarButton, starred, usual, usualRank } from '../favourites.js';
import { Timeline } from '../timeline.js';
import { bookedText, NoticeBox, StateBadge, UpdatedAt, type Notice, LocationSelect } from '../ui.js';
import { openingLocation, rememberLocation } from '../location-memory.js';
import { followLocation } from '../live-availability.js';
import { PlanView } from '../../client/plan.js';
import { Field } from '../../client/field.js';
import { SeriesLink } from '../recurring-links.js';

const durations = [15, 30, 45, 60, 90, 120, 180, 240];

/** Reserve: choose where and when, filter, and take a free place with one tap. */
export default function Reserve() {
  const [notice, setNotice] = createSignal<Notice | null>(null);
  // The location chosen last on this phone (or the home location from Settings), kept across reloads.
  const [locationId, chooseLocation] = createSignal<number | null>(openingLocation(locations()?.data));
  const setLocationId = (id: number) => {
    rememberLocation(id);
    chooseLocation(id);
    // Another location has other days and hours: start again from its next bookable moment.
    setDate(null);
  };
  const location = createMemo<LocationDto | undefined>(() => locations()?.data.find((l) => l.id === locationId()));
  const tz = () => location()?.timezone ?? 'Europe/Amsterdam';
  // The clock the offers follow: a morning that ends while the screen is open is offered no longer.
  const [now, setNow] = createSignal(Date.now());
  const ticking = setInterval(() => setNow(Date.now()), 30_000);
  onCleanup(() => clearInterval(ticking));
  const today = () => localDate(now(), tz());
  const [kind, setKind] = createSignal<SpaceKind>('desk');
  // What the person picked; until then (and when a pick is no longer bookable) the next bookable one.
  const [pickedDate, setDate] = createSignal<string | null>(null);
  const [pickedPart, setPart] = createSignal<DayPart | null>(null);
  const [pickedFrom, setFrom] = createSignal<string | null>(null);
  const [pickedMinutes, setMinutes] = createSignal(60);
  const [zoneId, setZoneId] = createSignal<number | null>(null);
  /** Feedback on the card that was tapped: what happened, and a place to take instead. */
  const [said, say] = createSignal<Said | null>(null);
  const [features, setFeatures] = createSignal<SpaceFeature[]>([]);
  /** "Voor minstens N personen": rooms only; null when not asked. */
  const [minPeople, setMinPeople] = createSignal<number | null>(null);
  void loadFavourites();

  createEffect(() => {
    if (locationId() === null && locations()?.data[0]) chooseLocation(openingLocation(locations()!.data));
  });

  const [cat] = createResource(locationId, (id) => catalogue(id));

  const [week, { refetch: refetchWeek }] = createResource(locationId, async (id): Promise<Cached<DayBusynessDto[]> | undefined> => {
    return networkFirst(`week:${id}`, () => api.week(id));
  });
  /** The server's word on a day: closed on a holiday or a day of the week (known for the week shown). */
  const closedOn = (d: string) => week.latest?.data.find((w) => w.date === d)?.closed ?? false;

  /**
   * Why `d` cannot be booked for the chosen kind, by the rules the server applies: past, beyond
   * daysAhead, a closed day, or nothing of it left today. Null when it can.
   */
  const dayRefusal = (d: string, k: SpaceKind = kind()): string | null => {
    const l = location();
    if (!l) return null;
    const refusal = dateRefusal(d, l.policy, l.timezone, now());
    if (refusal) return refusal;
    if (closedOn(d)) return 'holiday_closed';
    const left = k === 'desk' ? bookableParts(d, l.policy, l.timezone, now()).length : bookableStarts(d, l.policy, l.timezone, now()).length;
    return left > 0 ? null : 'start_in_past';
  };
  /** The first day from today that can be booked, within daysAhead. */
  const firstBookable = createMemo(() => {
    const l = location();
    if (!l) return today();
    for (let i = 0; i <= l.policy.daysAhead; i++) {
      const d = addDaysToDate(today(), i);
      if (!dayRefusal(d)) return d;
    }
    return today();
  });
  const date = () => pickedDate() ?? firstBookable();
  const problem = createMemo(() => (date() ? dayRefusal(date()) : null));
  const parts = createMemo(() => (location() && date() && !problem() ? bookableParts(date(), location()!.policy, tz(), now()) : []));
  const part = (): DayPart => {
    const p = pickedPart();
    return p && parts().includes(p) ? p : (parts()[0] ?? 'morning');
  };
  const starts = createMemo(() => (location() && date() && !problem() ? bookableStarts(date(), location()!.policy, tz(), now()) : []));
  const from = () => {
    const f = pickedFrom();
    return f && starts().includes(f) ? f : (starts()[0] ?? '09:00');
  };
  /** The lengths that end by closing time; the one picked, or the longest of them below it. */
  const lengths = createMemo(() => {
    const room = location() && date() ? minutesUntilClosing(date(), from(), location()!.policy, tz()) : 0;
    const fitting = durations.filter((m) => m <= room);
    return fitting.length > 0 ? fitting : [SLOT_MINUTES];
  });
  const minutes = () => (lengths().includes(pickedMinutes()) ? pickedMinutes() : lengths().filter((m) => m <= pickedMinutes()).at(-1) ?? lengths()[0]!);

  const kinds = createMemo(() => spaceKinds.filter((k) => cat.latest?.data.spaces.some((s) => s.kind === k)));
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

  /** Reservations queued on this phone (offline) that overlap the chosen time here, by space. */
  const queuedHere = createMemo(() => {
    const i = interval();
    const l = location();
    const map = new Map<number, NonNullable<OutboxEntry['preview']>>();
    if (!i || !l) return map;
    for (const e of outbox()) {
      if (e.kind === 'reserve' && e.preview && e.preview.locationId === l.id && overlaps(i, { start: Date.parse(e.preview.start), end: Date.parse(e.preview.end) })) map.set(e.preview.spaceId, e.preview);
    }
    return map;
  });

  const [availability, { refetch }] = createResource(
    () => (location() && interval() ? { id: location()!.id, ...interval()! } : null),
    async (w): Promise<Cached<AvailabilityDto> | undefined> => {
      // Versioned: a copy cached by an app before the compact answer has another shape.
      const key = `availability.v2:${w.id}:${w.start}:${w.end}`;
      return networkFirst(key, () => api.availability(w.id, new Date(w.start).toISOString(), new Date(w.end).toISOString()));
    },
  );

  /** Above the soft cap on the chosen day: the quietest workday of the week that is not. */
  const suggestion = createMemo(() => {
    const days = week.latest?.data ?? [];
    const chosen = days.find((d) => d.date === date());
    if (!chosen?.overCap) return null;
    const quiet = days
      .filter((d) => !d.overCap && !d.closed && d.date >= today() && new Date(`${d.date}T12:00:00Z`).getUTCDay() % 6 !== 0)
      .sort((a, b) => a.expected - b.expected)[0];
    return quiet ? { busy: chosen.date, quiet: quiet.date } : null;
  });
  const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

  /** Public holidays in the chosen window (from the availability answer), and whether the location is closed then. */
  const holidays = () => availability.latest?.data.holidays ?? [];
  const closed = () => holidays().some((h) => h.closed);

  // Free, taken, or unknown (undefined): a space in neither list is not bookable (any more), or
  // the answer came from a server of another version; `?? []` so that never throws.
  const freeOf = createMemo(() => {
    const a = availability.latest?.data;
    return new Map<number, boolean>([...(a?.free ?? []).map((id) => [id, true] as const), ...(a?.busy ?? []).map((b) => [b.spaceId, false] as const)]);
  });
  /** The spaces the choices match, as the same objects each time: a fresh look redraws no card. */
  const matching = createMemo(() =>
    (cat.latest?.data.spaces ?? [])
      .filter((s) => s.kind === kind())
      .filter((s) => zoneId() === null || s.zoneId === zoneId())
      .filter((s) => features().every((f) => s.features.includes(f)))
      .filter((s) => s.kind === 'desk' || minPeople() === null || s.capacity >= minPeople()!),
  );
  /**
   * "Near a colleague": where the colleagues who share their presence sit during the chosen
   * time here, each with the zone of their place, offered as the zone filter.
   */
  const nearColleagues = createMemo(() => {
    const i = interval();
    const l = location();
    if (!i || !l) return [];
    const near: { name: string; zoneId: number; zone: string }[] = [];
    for (const c of colleagues()?.data ?? []) {
      const place = c.places.find((p) => p.locationId === l.id && overlaps(i, { start: Date.parse(p.start), end: Date.parse(p.end) }));
      const space = place && cat.latest?.data.spaces.find((s) => s.code === place.spaceCode);
      const zone = space && cat.latest?.data.zones.find((z) => z.id === space.zoneId);
      if (zone) near.push({ name: c.name, zoneId: zone.id, zone: zone.name });
    }
    return near;
  });
  const zoneOf = (s: SpaceDto) => cat.latest?.data.zones.find((z) => z.id === s.zoneId);
  const results = createMemo(() => matching().map((s) => ({ space: s, zone: zoneOf(s), free: freeOf().get(s.id) })));
  /** "Vrije plekken" lists the free ones; taken ones only when asked for (and the card just tapped). */
  const [showTaken, setShowTaken] = createSignal(false);
  const listed = createMemo(() =>
    matching()
      .filter((s) => showTaken() || freeOf().get(s.id) !== false || said()?.spaceId === s.id || queuedHere().has(s.id))
      // "My usual" first (the starred ones, then the most booked), as it stood when the list opened; the rest in code order.
      .map((s, i) => ({ s, i, rank: usualRank(s.id) }))
      .sort((a, b) => a.rank - b.rank || a.i - b.i)
      .map((x) => x.s),
  );
  /** A room's day: what is held over the opening hours of the chosen day (rooms only). */
  const day = createMemo(() => {
    const l = location();
    return l && kind() !== 'desk' && date() && !problem() ? { id: l.id, ...openingInterval(date(), l.policy, l.timezone) } : null;
  });
  const [dayHeld, { refetch: refetchDay }] = createResource(day, (w) =>
    networkFirst(`availability.v2:${w.id}:${w.start}:${w.end}`, () => api.availability(w.id, new Date(w.start).toISOString(), new Date(w.end).toISOString())),
  );
  const heldOn = (spaceId: number) => dayHeld.latest?.data.busy.find((b) => b.spaceId === spaceId)?.ranges ?? [];
  /** A start picked on a room's timeline, with a length that fits the free part from there. */
  const pickStart = (hhmm: string, freeMinutes: number) => {
    setFrom(hhmm);
    if (minutes() > freeMinutes) setMinutes(durations.filter((m) => m <= freeMinutes).at(-1) ?? SLOT_MINUTES);
  };
  const freeCount = () => matching().filter((s) => freeOf().get(s.id) === true && !queuedHere().has(s.id)).length;
  /** Whether the chosen moment can be booked at all: a day the server takes, not a closed holiday. */
  const bookable = () => !!interval() && !problem() && !closed();

  /**
   * The person's own limits, as the server will count them, applied to what is queued offline:
   * at most maxPerDay desks at a time (their bookings here and what waits in the outbox) and at
   * most maxAhead reservations to come. Online the server decides; the phone's copy may be old.
   */
  const ownLimit = (spaceId: number, i: Interval): { code: 'limit_reached'; text: string } | null => {
    const l = location()!;
    const kindOf = (id: number) => cat.latest?.data.spaces.find((s) => s.id === id)?.kind;
    const active = (reservations()?.data ?? []).filter((r) => r.locationId === l.id && (r.state === 'booked' || r.state === 'checked_in') && Date.parse(r.end) > now());
    const queued = outbox().filter((e) => e.kind === 'reserve' && e.preview?.locationId === l.id);
    const held = [...active.map((r) => ({ spaceId: r.spaceId, code: r.spaceCode, start: r.start, end: r.end })), ...queued.map((e) => ({ spaceId: e.preview!.spaceId, code: e.spaceCode, start: e.preview!.start, end: e.preview!.end }))];
    if (kindOf(spaceId) === 'desk') {
      const desks = held.filter((h) => kindOf(h.spaceId) === 'desk' && overlaps(i, { start: Date.parse(h.start), end: Date.parse(h.end) }));
      if (desks.length >= l.policy.maxPerDay) return { code: 'limit_reached', text: t('reserve.ownLimit', { n: l.policy.maxPerDay, code: desks.map((h) => h.code).join(', ') }) };
    }
    if (held.length >= l.policy.maxAhead) return { code: 'limit_reached', text: t('reserve.ownLimitAhead', { n: l.policy.maxAhead }) };
    return null;
  };

  /**
   * A free place instead of one that was taken, with the same kind, zone and facilities chosen
   * (the list as it stands after a fresh look), in the taken one's zone when possible.
   */
  const alternativeTo = (spaceId: number, offered?: { spaceId: number; code: string; name: string } | null) => {
    const free = results().filter((r) => r.free === true && r.space.id !== spaceId && !queuedHere().has(r.space.id));
    if (offered && free.some((r) => r.space.id === offered.spaceId)) return offered;
    const zone = cat.latest?.data.spaces.find((s) => s.id === spaceId)?.zoneId;
    const best = free.find((r) => r.space.zoneId === zone) ?? free[0];
    return best ? { spaceId: best.space.id, code: best.space.code, name: best.space.name } : null;
  };


  const book = async (spaceId: number, code: string, name: string) => {
    const l = location()!;
    const i = interval();
    if (!i) return setNotice({ tone: 'error', text: t('reserve.pickDate') });
    if (!online()) {
      const limit = ownLimit(spaceId, i);
      if (limit) return say({ spaceId, notice: { tone: 'error', text: limit.text } });
    }
    const body: CreateReservationBody =
      kind() === 'desk'
        ? { spaceId, date: date(), part: part() }
        : { spaceId, start: new Date(i.start).toISOString(), end: new Date(i.end).toISOString() };
    const preview = { spaceId, spaceName: name, locationId: l.id, start: toIsoInZone(i.start, l.timezone), end: toIsoInZone(i.end, l.timezone) };
    const o: Outcome = await reserve(body, preview, code);
    if (o.kind === 'done') say({ spaceId, notice: { tone: 'ok', text: bookedText('reserve.done', code, preview) } });
    else if (o.kind === 'queued') say({ spaceId, notice: { tone: 'info', text: bookedText('reserve.queued', code, preview) } });
    else {
      const holiday = o.refusal.code === 'holiday_closed' ? o.refusal.details?.holiday : undefined;
      const taken = o.refusal.code === 'conflict' || o.refusal.code === 'spot_taken';
      // The list first as it is now, so the place offered instead is one that is free.
      if (taken && online()) await refetch();
      const alternative = taken ? alternativeTo(spaceId, o.refusal.details?.alternative) : undefined;
      say({
        spaceId,
        notice: { tone: 'error', text: `${te(o.refusal.code)}${holiday ? ` (${holiday[lang()]})` : ''}${taken ? ` ${alternative ? t('reserve.alternative', { code: alternative.code, name: alternative.name }) : t('reserve.noAlternative')}` : ''}` },
        alternative,
      });
    }
    if (online()) {
      void refetch();
      if (day()) void refetchDay();
    }
  };

  // Live: another person's booking or release here shows within moments while the screen is open.
  createEffect(() => {
    const id = locationId();
    if (id === null || !online()) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = followLocation(id, () => {
      // A burst of changes (a team's block) is one fresh look.
      clearTimeout(timer);
      timer = setTimeout(() => {
        void refetch();
        void refetchWeek();
        if (day()) void refetchDay();
      }, 200);
    });
    onCleanup(() => {
      clearTimeout(timer);
      stop();
    });
  });

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

  const filtersOn = () => (zoneId() !== null ? 1 : 0) + features().length + (kind() !== 'desk' && minPeople() !== null ? 1 : 0);
  const toggleFeature = (f: SpaceFeature, on: boolean) => setFeatures((fs) => (on ? [...fs, f] : fs.filter((x) => x !== f)));

  return (
    <section>
      <h1>{t('reserve.title')}</h1>
      <SeriesLink locationId={locationId()} />
      <NoticeBox notice={notice()} />
      <form class="stack" onSubmit={(e) => e.preventDefault()}>
        <LocationSelect value={locationId() ?? 0} onChange={setLocationId} />

        <Show when={week.latest?.data}>
          <fieldset class="week">
            <legend>{t('reserve.week')}</legend>
            <ul class="week-strip">
              <For each={week.latest!.data}>
                {(d) => {
                  const pct = () => (d.desks === 0 ? 0 : Math.round((100 * d.expected) / d.desks));
                  return (
                    <li>
                      <button
                        type="button"
                        class="day"
                        aria-pressed={date() === d.date}
                        // A closed day, or today once it is over, looks so; chosen, it says why nothing is offered.
                        classList={{ 'day-unbookable': !!dayRefusal(d.date) }}
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
                            : d.closed
                              ? t('reserve.weekDayClosed', { day: dayOf(d.date, { weekday: 'long', day: 'numeric', month: 'long' }) })
                              : t('reserve.weekDay', { day: dayOf(d.date, { weekday: 'long', day: 'numeric', month: 'long' }), pct: pct() })}
                        </span>
                      </button>
                    </li>
                  );
                }}
              </For>
            </ul>
            <ul class="week-holidays">
              <For each={week.latest!.data.filter((d) => d.holiday)}>
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
                  <For each={starts()}>{(q) => <option value={q}>{q}</option>}</For>
                </select>
              </Field>
              <Field label={t('reserve.duration')}>
                <select value={minutes()} onChange={(e) => setMinutes(Number(e.currentTarget.value))}>
                  <For each={lengths()}>{(m) => <option value={m}>{t('minutes', { n: m })}</option>}</For>
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
                  <input type="radio" name="part" value={p} checked={part() === p} disabled={!parts().includes(p)} onChange={() => setPart(p)} />
                  <span>{t(`part.${p}`)}</span>
                </label>
              )}
            </For>
          </fieldset>
        </Show>

        <details class="filters">
          {/* A control that opens, not a heading: a button's frame, an arrow, and how many are on. */}
          <summary>
            <span aria-hidden="true" class="filters-arrow">▸</span>
            {filtersOn() > 0 ? t('reserve.filtersOn', { n: filtersOn() }) : t('reserve.filters')}
          </summary>
          <Field label={t('reserve.zone')}>
            <select value={zoneId() ?? ''} onChange={(e) => setZoneId(e.currentTarget.value ? Number(e.currentTarget.value) : null)}>
              <option value="">{t('reserve.anyZone')}</option>
              <For each={cat.latest?.data.zones ?? []}>{(z) => <option value={z.id}>{`${z.name} (${t(`character.${z.character}`)})`}</option>}</For>
            </select>
          </Field>
          <Show when={kind() !== 'desk'}>
            <Field label={t('reserve.capacity')}>
              <input
                type="number"
                min="1"
                inputmode="numeric"
                value={minPeople() ?? ''}
                onInput={(e) => {
                  const n = Math.floor(Number(e.currentTarget.value));
                  setMinPeople(e.currentTarget.value && n > 0 ? n : null);
                }}
              />
            </Field>
          </Show>
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
        {/* Where a colleague who shares their presence sits then: one tap filters to their zone. */}
        <Show when={nearColleagues().length > 0}>
          <fieldset class="near">
            <legend>{t('fav.near')}</legend>
            <For each={nearColleagues()}>
              {(n) => (
                <button type="button" class="button small" aria-pressed={zoneId() === n.zoneId} onClick={() => setZoneId(zoneId() === n.zoneId ? null : n.zoneId)}>
                  {`${t('fav.at', { name: n.name })} · ${n.zone}`}
                </button>
              )}
            </For>
          </fieldset>
        </Show>
      </form>

      <h2>{showTaken() ? t('reserve.resultsAll') : t('reserve.results')}</h2>
      {/* A closed holiday is named below (from the server's answer), so it is not said twice. */}
      <Show when={problem() !== 'holiday_closed' && problem()}>
        {(why) => (
          <p class="notice notice-error" data-testid="day-refused">
            {why() === 'closed_day'
              ? t('reserve.closedDay', { day: dayOf(date(), { weekday: 'long', day: 'numeric', month: 'long' }), location: location()?.name ?? '' })
              : why() === 'holiday_closed'
                ? te('holiday_closed')
                : why() === 'too_far_ahead'
                  ? t('reserve.tooFar', { n: location()?.policy.daysAhead ?? 0 })
                  : t('reserve.dayOver', { day: dayOf(date(), { weekday: 'long', day: 'numeric', month: 'long' }) })}{' '}
            <Show when={firstBookable() !== date() && !dayRefusal(firstBookable())}>
              <button type="button" class="button small" onClick={() => setDate(firstBookable())}>
                {t('reserve.goFirst', { day: dayOf(firstBookable(), { weekday: 'long', day: 'numeric', month: 'long' }) })}
              </button>
            </Show>
          </p>
        )}
      </Show>
      <Show when={bookable() && cat.latest}>
        <p class="small" data-testid="free-count">
          {t('reserve.freeCount', { free: freeCount(), total: matching().length })}
        </p>
      </Show>
      <label class="check">
        <input type="checkbox" checked={showTaken()} onChange={(e) => setShowTaken(e.currentTarget.checked)} />
        <span>{t('reserve.showTaken')}</span>
      </label>
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
              <Show when={r().free !== false && bookable() && !queuedHere().has(r().space.id)}>
                <button type="button" class="button primary" onClick={() => book(r().space.id, r().space.code, r().space.name)}>
                  {`${t('action.reserve')} ${r().space.code}`}
                </button>
              </Show>
              {/* On the plan the answer comes here, beside the button that was tapped, as on a list card. */}
              <div role="status" class="notice-region">
                <Show when={said()?.spaceId === r().space.id ? said() : null}>{(h) => <TapAnswer said={h()} take={book} />}</Show>
              </div>
            </div>
          )}
        </Show>
      </Show>
      <Show when={!online()}>
        <p class="muted">{t('reserve.offlineData')}</p>
      </Show>
      <UpdatedAt at={availability.latest?.fetchedAt} />
      <Show when={view() === 'list' || !plan()}>
      <Show when={listed().length > 0} fallback={<p>{t('reserve.none')}</p>}>
        <ul class="list spaces">
          <For each={listed()}>
            {(space) => {
              const free = () => freeOf().get(space.id);
              const zone = zoneOf(space);
              const queued = () => queuedHere().get(space.id);
              const here = () => (said()?.spaceId === space.id ? said() : null);
              return (
                <li class="card space" data-testid={`space-${space.code}`}>
                  <div class="row">
                    <strong class="space-code">
                      {space.code}
                      {/* The person's own choice, in words that do not read as a desk assigned to them. */}
                      <Show when={starred(space.id)} fallback={<Show when={usual(space.id)}><span class="usual small">{t('fav.often')}</span></Show>}>
                        <span class="usual usual-starred small">{t('fav.favourite')}</span>
                      </Show>
                    </strong>
                    <StarButton spaceId={space.id} code={space.code} />
                    <Show
                      when={!queued()}
                      fallback={<StateBadge state="pending" />}
                    >
                      <span class={`badge ${free() === false ? 'badge-taken' : free() ? 'badge-free' : 'badge-unknown'}`}>
                        <span aria-hidden="true" class="badge-shape">
                          {free() === false ? '✕' : free() ? '○' : '?'}
                        </span>{' '}
                        {free() === false ? t('reserve.taken') : free() ? t('reserve.free') : t('reserve.unknown')}
                      </span>
                    </Show>
                  </div>
                  <p>
                    {space.name}
                    {zone ? ` · ${zone.name} (${t(`character.${zone.character}`)})` : ''}
                  </p>
                  <Show when={space.features.length > 0}>
                    <p class="muted small">{space.features.map((f) => t(`feature.${f}`)).join(', ')}</p>
                  </Show>
                  <Show when={day() && dayHeld.latest ? day() : null}>
                    {(d) => (
                      <>
                        <Timeline code={space.code} open={d()} busy={heldOn(space.id)} startable={(h) => starts().includes(h)} tz={tz()} chosen={interval()} onPick={pickStart} />
                        <Show when={interval()}>
                          {(i) => <p class="small tl-chosen">{`${timeOf(toIsoInZone(i().start, tz()))}–${timeOf(toIsoInZone(i().end, tz()))}`}</p>}
                        </Show>
                      </>
                    )}
                  </Show>
                  <Show when={free() !== false && bookable() && !queued() && here()?.notice.tone !== 'ok'}>
                    <button type="button" class="button primary" aria-label={`${t('action.reserve')} ${space.code}`} onClick={() => book(space.id, space.code, space.name)}>
                      {t('action.reserve')}
                    </button>
                  </Show>
                  {/* What became of the tap, right here: booked, waiting for the network, or refused with a place instead. */}
                  <div role="status" class="notice-region">
                    <Show when={here()}>{(h) => <TapAnswer said={h()} take={book} />}</Show>
                    <Show when={queued() && !here()}>
                      <p class="notice notice-info">
                        <span aria-hidden="true">ℹ </span>
                        {bookedText('reserve.queued', space.code, queued()!)}
                      </p>
                    </Show>
                  </div>
                </li>
              );
            }}
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

type Said = { spaceId: number; notice: Notice; alternative?: { spaceId: number; code: string; name: string } | null };

/** What became of a tap, where it was made: the notice, and a place to take instead when there is one. */
function TapAnswer(props: { said: Said; take: (spaceId: number, code: string, name: string) => void }) {
  return (
    <>
      <p class={`notice notice-${props.said.notice.tone}`}>
        <span aria-hidden="true">{props.said.notice.tone === 'ok' ? '✓ ' : props.said.notice.tone === 'error' ? '! ' : 'ℹ '}</span>
        {props.said.notice.text}
      </p>
      <Show when={props.said.alternative}>
        {(alt) => (
          <button type="button" class="button primary" onClick={() => props.take(alt().spaceId, alt().code, alt().name)}>
            {t('action.takeAlternative', { code: alt().code })}
          </button>
        )}
      </Show>
    </>
  );
}
