import { createMemo, createSignal, For, Match, onCleanup, onMount, Show, Switch } from 'solid-js';
import type { ReservationDto } from '../shared/api.js';
import { languages } from '../shared/i18n.js';
import { toIsoInZone } from '../shared/time.js';
import { clock, lang, t, te, timeOf } from '../client/i18n.js';
import { Badge, type Arrival } from '../client/badge.js';
import { closedTitle, opensWhen } from '../client/closed.js';
import type { Scanner } from '../client/scanner.js';
import type { ClosedDto, GuestMatchDto, MeetingDto } from '../shared/api-client.js';
import { api, board, chooseLanguage, kiosk, mutations, offlineSince, pair, paired, perform, queued, refresh, room } from './state.js';
import { PlanView } from '../client/plan.js';
import { areaByKey, areasOf, plansOf, type AreaKey, type FloorArea, type ZoneArea } from './areas.js';
import { roomCommands, type KioskCommand } from './commands.js';

type Screen = 'home' | 'checkin' | 'visitor';
/** Seconds without a touch before the kiosk returns home: 60, or ?idle=<seconds> on the kiosk URL. */
const IDLE_MS = (Number(new URLSearchParams(location.search).get('idle')) || 60) * 1000;

/** The floor or zone the board shows; back to the first floor when the kiosk goes idle. */
const [boardArea, setBoardArea] = createSignal<AreaKey | null>(null);

export function App() {
  const [screen, setScreen] = createSignal<Screen>('home');
  const [now, setNow] = createSignal(Date.now());
  const tick = setInterval(() => setNow(Date.now()), 1000);
  onCleanup(() => clearInterval(tick));

  // Back to the home screen after a minute without a touch, so the next person starts fresh.
  let idle: ReturnType<typeof setTimeout> | undefined;
  const touched = () => {
    clearTimeout(idle);
    idle = setTimeout(() => {
      setScreen('home');
      setBoardArea(null);
    }, IDLE_MS);
  };
  onMount(() => {
    for (const e of ['pointerdown', 'keydown']) window.addEventListener(e, touched);
    touched();
  });

  return (
    <Switch fallback={<p class="k-loading">{t('status.loading')}</p>}>
      <Match when={paired() === false}>
        <Pairing />
      </Match>
      <Match when={paired() && kiosk()}>
        <div class="k-frame">
          <header class="k-top">
            <h1 class="k-title">{kiosk()!.mode === 'room' ? kiosk()!.space?.name : kiosk()!.location.name}</h1>
            <p class="k-clock" aria-label={clock(now())}>
              {clock(now())}
            </p>
            <div class="k-langs" role="group" aria-label={t('kiosk.language')}>
              <For each={languages}>
                {(l) => (
                  <button type="button" class="k-lang" aria-pressed={lang() === l} lang={l} onClick={() => chooseLanguage(l)}>
                    {l === 'nl' ? 'Nederlands' : 'English'}
                  </button>
                )}
              </For>
            </div>
          </header>
          <Show when={offlineSince()}>
            <p class="k-offline" role="status">
              <span aria-hidden="true">⚠ </span>
              {t('kiosk.offlineSince', { time: clock(offlineSince()!) })}
              <Show when={queued() > 0}> ({t('status.pendingCount', { n: queued() })})</Show>
            </p>
          </Show>
          <main class="k-main">
            <Show when={kiosk()!.mode === 'room'} fallback={
              <Switch>
                <Match when={screen() === 'home'}>
                  <Home go={setScreen} />
                </Match>
                <Match when={screen() === 'checkin'}>
                  <CheckIn done={() => setScreen('home')} />
                </Match>
                <Match when={screen() === 'visitor'}>
                  <Visitor done={() => setScreen('home')} />
                </Match>
              </Switch>
            }>
              <Room />
            </Show>
          </main>
        </div>
      </Match>
    </Switch>
  );
}

function Pairing() {
  const [error, setError] = createSignal<string | null>(null);
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const code = String(new FormData(e.currentTarget as HTMLFormElement).get('code'));
    const res = await pair(code);
    if (!res.ok) setError(te(res.code));
  };
  return (
    <main class="k-main k-pair">
      <h1>{t('kiosk.pairTitle')}</h1>
      <p>{t('kiosk.pairHint')}</p>
      <form onSubmit={submit} class="k-stack">
        <label class="k-field">
          <span>{t('kiosk.pairCode')}</span>
          <input name="code" autocomplete="off" autocapitalize="characters" required />
        </label>
        <div role="alert">
          <Show when={error()}>
            <p class="k-error">{error()}</p>
          </Show>
        </div>
        <button class="k-button k-primary" type="submit">
          {t('kiosk.pairSubmit')}
        </button>
      </form>
    </main>
  );
}

function Home(props: { go: (s: Screen) => void }) {
  const floors = createMemo(() => (board() ? areasOf(board()!) : []));
  // One floor or zone at a time, the first floor until someone chooses: 140 tiles in one list
  // is a list nobody at the door reads.
  const area = createMemo(() => areaByKey(floors(), boardArea()) ?? floors()[0] ?? null);
  return (
    <>
      <div class="k-actions">
        <button type="button" class="k-button k-primary k-huge" onClick={() => props.go('checkin')}>
          <span aria-hidden="true">▣ </span>
          {t('kiosk.checkIn')}
        </button>
        <button type="button" class="k-button k-huge" onClick={() => props.go('visitor')}>
          <span aria-hidden="true">☺ </span>
          {t('kiosk.visitor')}
        </button>
      </div>
      {/* Closed, a board of places all "vrij" would read as an open building: it says first when it opens. */}
      <Show when={board()?.closed}>{(closed) => <ClosedNotice closed={closed()} now={board()!.now} />}</Show>
      <h2>{t('kiosk.board')}</h2>
      <Show when={board() && board()!.spaces.length === 0}>
        <p class="k-empty">{t('kiosk.noSpaces')}</p>
      </Show>
      <BoardAreas floors={floors()} area={area()} />
    </>
  );
}

/** Why the location is closed now and when it opens: "Vandaag gesloten: Kerstmis. Weer open op zondag 27 december vanaf 08:00." */
function ClosedNotice(props: { closed: ClosedDto; now: string }) {
  return (
    <section class="k-closed" aria-labelledby="k-closed-title" data-testid="closed">
      <h2 id="k-closed-title">
        <span aria-hidden="true">✕ </span>
        {closedTitle(props.closed, props.now)}
      </h2>
      <Show when={props.closed.opensAt}>{(at) => <p>{opensWhen(at(), props.now)}</p>}</Show>
    </section>
  );
}

/** The floors and zones to choose from beside the chosen one's plan and places. */
function BoardAreas(props: { floors: FloorArea[]; area: FloorArea | ZoneArea | null }) {
  const floors = () => props.floors;
  const area = () => props.area;
  return (
    <>
      <div class="k-board">
        <AreaChooser floors={floors()} chosen={area()?.key ?? null} onChoose={setBoardArea} label={t('kiosk.chooseArea')} />
        <Show when={area()}>
          {(a) => (
            <section class="k-area" aria-labelledby="k-area-title" data-testid="area">
              <h3 id="k-area-title">
                {areaName(a())} · <FreeOf free={a().free} total={a().spaces.length} />
              </h3>
              <For each={plansOf(board()!, a())}>
                {(plan) => (
                  <PlanView
                    plan={plan}
                    spaces={board()!.spaces.filter((s) => s.plan?.planId === plan.id)}
                    label={(s) => `${s.code} ${s.free ? `○ ${t('kiosk.free')}` : `✕ ${t('reserve.taken')}`}`}
                    status={(s) => (s.free ? 'free' : 'taken')}
                  />
                )}
              </For>
              <ul class="k-tiles">
                <For each={a().spaces}>
                  {(s) => (
                    <li class={`k-tile ${s.free ? 'k-free' : 'k-taken'}`} data-testid={`tile-${s.code}`}>
                      <span class="k-code">{s.code}</span>
                      <span class="k-status">
                        <span aria-hidden="true">{s.free ? '○ ' : '✕ '}</span>
                        {s.free ? (s.until ? t('kiosk.freeUntil', { time: timeOf(s.until) }) : t('kiosk.free')) : t('kiosk.takenUntil', { time: timeOf(s.until!) })}
                      </span>
                    </li>
                  )}
                </For>
              </ul>
            </section>
          )}
        </Show>
      </div>
    </>
  );
}

/** "Verdieping 3", "Verdieping 3 · Stilte (rust)", or the zone alone when it has no floor. */
function areaName(a: FloorArea | ZoneArea): string {
  const floor = a.floor !== null ? t('kiosk.floor', { n: a.floor }) : null;
  if ('zones' in a) return floor ?? t('kiosk.noFloor');
  return floor ? `${floor} · ${zoneName(a)}` : zoneName(a);
}

/** "Stilte (rust)". */
const zoneName = (z: ZoneArea) => (z.zone ? `${z.zone.name} (${t(`character.${z.zone.character}`)})` : t('kiosk.noZone'));

/** "2 van 4 vrij", with a shape beside the words for none free. */
function FreeOf(props: { free: number; total: number }) {
  return (
    <span class={props.free > 0 ? 'k-count' : 'k-count k-none'}>
      <span aria-hidden="true">{props.free > 0 ? '○ ' : '✕ '}</span>
      {t('kiosk.freeOf', { free: props.free, total: props.total })}
    </span>
  );
}

/** The floors with their zones as large buttons, each saying how much of it is free; the chosen one pressed. */
function AreaChooser(props: { floors: FloorArea[]; chosen: AreaKey | null; onChoose: (key: AreaKey) => void; label: string }) {
  return (
    <nav class="k-areas" aria-label={props.label}>
      <ul>
        <For each={props.floors}>
          {(f) => (
            <li>
              <button type="button" class="k-area-button k-floor-button" aria-pressed={props.chosen === f.key} aria-label={`${areaName(f)}, ${t('kiosk.freeOf', { free: f.free, total: f.spaces.length })}`} onClick={() => props.onChoose(f.key)}>
                <span class="k-area-name">{areaName(f)}</span>
                <FreeOf free={f.free} total={f.spaces.length} />
              </button>
              <Show when={f.zones.length > 1 || f.zones[0]?.zone !== null}>
                <ul class="k-zone-list">
                  <For each={f.zones}>
                    {(z) => (
                      <li>
                        <button type="button" class="k-area-button" aria-pressed={props.chosen === z.key} aria-label={`${zoneName(z)}, ${t('kiosk.freeOf', { free: z.free, total: z.spaces.length })}`} onClick={() => props.onChoose(z.key)}>
                          <span class="k-area-name">{zoneName(z)}</span>
                          <FreeOf free={z.free} total={z.spaces.length} />
                        </button>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </li>
          )}
        </For>
      </ul>
    </nav>
  );
}

/**
 * The camera part of a screen: reads QR codes until `onText` accepts one. Without a camera it
 * says `noCamera`: what to do at this kiosk instead, not the phone's advice; `onUnavailable`
 * lets the screen take back its "hold it before the camera" hint.
 */
function Camera(props: { onText: (text: string) => boolean; label: string; noCamera: string; onUnavailable: () => void }) {
  let video!: HTMLVideoElement;
  let scanner: Scanner | undefined;
  const [failed, setFailed] = createSignal(false);
  onMount(async () => {
    try {
      const { startScanner } = await import('../client/scanner.js');
      scanner = await startScanner(video, props.onText);
    } catch {
      setFailed(true);
      props.onUnavailable();
    }
  });
  onCleanup(() => scanner?.stop());
  return (
    <div class="k-camera">
      {/* No black box where no picture will come. */}
      <video ref={video} muted playsinline aria-label={props.label} hidden={failed()} />
      <Show when={failed()}>
        <p class="k-error">{props.noCamera}</p>
      </Show>
    </div>
  );
}

function CheckIn(props: { done: () => void }) {
  const [message, setMessage] = createSignal<string | null>(null);
  const [places, setPlaces] = createSignal<ReservationDto[]>([]);
  const [visit, setVisit] = createSignal<string | null>(null);
  /** Scanned without a booking when no desk can be taken today any more. */
  const [closed, setClosed] = createSignal(false);
  const [scanning, setScanning] = createSignal(true);
  const [noCamera, setNoCamera] = createSignal(false);
  // Walk-up: the person chooses a floor or zone first, then a free desk there.
  const deskFloors = createMemo(() =>
    (board() ? areasOf(board()!, (s) => s.kind === 'desk') : [])
      .map((f) => ({ ...f, zones: f.zones.filter((z) => z.free > 0) }))
      .filter((f) => f.free > 0),
  );
  const [where, setWhere] = createSignal<AreaKey | null>(null);
  /** The chosen area, or the only one there is. */
  const deskArea = createMemo(() => {
    const floors = deskFloors();
    if (where()) return areaByKey(floors, where());
    return floors.length === 1 && floors[0]!.zones.length <= 1 ? floors[0]! : null;
  });
  const freeDesks = createMemo(() => deskArea()?.spaces.filter((s) => s.free) ?? []);

  const onText = (text: string) => {
    if (!text.startsWith('PLEK-PASS:')) {
      setMessage(t('kiosk.unknownCode'));
      return false;
    }
    setScanning(false);
    void (async () => {
      const res = await perform<{ person: { name: string }; visit: string | null; checkedIn: ReservationDto[] }>('kioskCheckIn', mutations.kioskCheckIn(text, new Date().toISOString()));
      if (res.kind === 'done') {
        setPlaces(res.data.checkedIn);
        setVisit(res.data.checkedIn.length === 0 ? res.data.visit : null);
        setClosed(res.data.checkedIn.length === 0 && res.data.visit === null);
        setMessage(t('kiosk.welcome', { name: res.data.person.name }));
      } else if (res.kind === 'queued') setMessage(t('kiosk.queued'));
      else setMessage(te(res.code));
    })();
    return true;
  };

  /** "Verdieping 3 · Stilte": where the desk is, for the confirmation. */
  const placeOf = (spaceId: number) => {
    const s = board()?.spaces.find((x) => x.id === spaceId);
    const zone = board()?.zones.find((z) => z.id === s?.zoneId);
    return [zone?.floor !== null && zone?.floor !== undefined ? t('kiosk.floor', { n: zone.floor }) : null, zone?.name].filter(Boolean).join(' · ') || (board()?.location.name ?? '');
  };
  const walkUp = async (spaceId: number) => {
    const res = await api.send<ReservationDto>({ ...mutations.kioskWalkUp(visit()!, spaceId), idempotencyKey: crypto.randomUUID() });
    if (res.ok) {
      setVisit(null);
      setPlaces([]);
      setWhere(null);
      setMessage(t('kiosk.walkUpDone', { code: res.data.spaceCode, where: placeOf(spaceId), time: timeOf(res.data.end) }));
      void refresh();
    } else setMessage(res.code === 'network' ? t('space.needsNetwork') : te(res.code));
  };

  return (
    <section>
      <h2>{t('kiosk.checkIn')}</h2>
      <Show when={scanning()}>
        <Show when={!noCamera()}>
          <p class="k-hint">{t('kiosk.checkInHint')}</p>
        </Show>
        <Camera onText={onText} label={t('kiosk.checkIn')} noCamera={t('kiosk.noCameraCheckIn')} onUnavailable={() => setNoCamera(true)} />
      </Show>
      <div role="status" aria-live="polite" class="k-result">
        <Show when={message()}>
          <p class="k-message">{message()}</p>
        </Show>
        <Show when={places().length > 0}>
          <p>{t('kiosk.yourPlaces')}</p>
          <ul class="k-list">
            <For each={places()}>
              {(r) => (
                <li>
                  <strong>{r.spaceCode}</strong> {r.spaceName} · {timeOf(r.start)}–{timeOf(r.end)}
                </li>
              )}
            </For>
          </ul>
        </Show>
      </div>
      <Show when={closed()}>
        <Show when={board()?.closed} fallback={<p>{t('kiosk.noWalkUpToday')}</p>}>
          {(c) => (
            <>
              <p>{t('kiosk.noWalkUpClosed', { location: board()!.location.name })}</p>
              <Show when={c().opensAt}>{(at) => <p>{opensWhen(at(), board()!.now)}</p>}</Show>
            </>
          )}
        </Show>
      </Show>
      <Show when={visit()}>
        <p>{t('kiosk.noReservation')}</p>
        <Show when={deskFloors().length > 0} fallback={<p>{t('kiosk.noFree')}</p>}>
          <Show
            when={deskArea()}
            fallback={
              <>
                <p class="k-hint">{t('kiosk.chooseWhere')}</p>
                <AreaChooser floors={deskFloors()} chosen={null} onChoose={setWhere} label={t('kiosk.chooseWhere')} />
              </>
            }
          >
            {(a) => (
              <section aria-labelledby="k-desks-title">
                <h3 id="k-desks-title">
                  {t('kiosk.freeDesksIn', { area: areaName(a()) })} · <FreeOf free={a().free} total={a().spaces.length} />
                </h3>
                <Show when={where()}>
                  <button type="button" class="k-button" onClick={() => setWhere(null)}>
                    <span aria-hidden="true">← </span>
                    {t('kiosk.otherArea')}
                  </button>
                </Show>
                <ul class="k-choices">
                  <For each={freeDesks()}>
                    {(s) => (
                      <li>
                        <button type="button" class="k-button" onClick={() => walkUp(s.id)}>
                          {s.code} · {s.name}
                        </button>
                      </li>
                    )}
                  </For>
                </ul>
              </section>
            )}
          </Show>
        </Show>
      </Show>
      <button type="button" class="k-button k-back" onClick={props.done}>
        {t('kiosk.back')}
      </button>
    </section>
  );
}


function Visitor(props: { done: () => void }) {
  const [matches, setMatches] = createSignal<GuestMatchDto[]>([]);
  const [arrival, setArrival] = createSignal<Arrival | null>(null);
  const [message, setMessage] = createSignal<string | null>(null);
  const [noCamera, setNoCamera] = createSignal(false);
  /** A request is on its way: a second tap would only repeat it. */
  const [busy, setBusy] = createSignal(false);

  const arrive = async (target: { inviteCode: string } | { ref: string }) => {
    setBusy(true);
    const res = await perform<Arrival & { alreadyArrived?: boolean }>('guestArrive', mutations.guestArrive(target, new Date().toISOString()));
    setBusy(false);
    if (res.kind === 'done') {
      setMatches([]);
      setArrival(res.data);
      const a = res.data;
      // A second scan changed nothing: saying "Welkom" again would suggest the host is told again.
      if (a.alreadyArrived && a.arrivedAt) setMessage('ref' in target ? t('kiosk.guestAlreadyAnonymous', { time: timeOf(a.arrivedAt), host: a.hostName }) : t('kiosk.guestAlready', { name: a.name, time: timeOf(a.arrivedAt), host: a.hostName }));
      // Found by surname, the kiosk knows no more than initials: it greets without a name.
      else setMessage('ref' in target ? t('kiosk.guestArrived', { host: a.hostName }) : t('kiosk.guestWelcome', { name: a.name, host: a.hostName }));
    } else if (res.kind === 'queued') setMessage(t('kiosk.queued'));
    else setMessage(te(res.code));
  };
  const onText = (text: string) => {
    if (!text.startsWith('PLEK-GUEST:')) {
      setMessage(t('kiosk.unknownCode'));
      return false;
    }
    void arrive({ inviteCode: text.slice('PLEK-GUEST:'.length) });
    return true;
  };
  const search = async (e: SubmitEvent) => {
    e.preventDefault();
    const surname = String(new FormData(e.currentTarget as HTMLFormElement).get('surname') ?? '').trim();
    setMatches([]);
    if (surname.replace(/[^\p{L}]/gu, '').length < 2) return setMessage(t('kiosk.lookupTooShort'));
    setBusy(true);
    const res = await api.kioskGuestLookup(surname);
    setBusy(false);
    if (res.ok) {
      setMatches(res.data.guests);
      setMessage(res.data.guests.length > 0 ? t('kiosk.lookupFound') : t('kiosk.lookupNone', { surname }));
    } else if (res.code === 'too_many_attempts') setMessage(t('kiosk.lookupThrottled'));
    else if (res.code === 'invalid_input') setMessage(t('kiosk.lookupTooShort'));
    else setMessage(res.code === 'network' ? t('space.needsNetwork') : te(res.code));
  };

  return (
    <section>
      <h2>{t('kiosk.visitor')}</h2>
      <Show when={!arrival() && !noCamera()}>
        <p class="k-hint">{t('kiosk.visitorHint')}</p>
      </Show>
      <div classList={{ 'k-visitor': !arrival() }}>
        <Show when={!arrival()}>
          <Camera onText={onText} label={t('kiosk.visitor')} noCamera={t('kiosk.noCameraVisitor')} onUnavailable={() => setNoCamera(true)} />
        </Show>
        <div class="k-stack">
          <Show when={!arrival()}>
            <form class="k-stack k-lookup" onSubmit={search} aria-labelledby="lookup-title">
              <h3 id="lookup-title">{t('kiosk.lookupTitle')}</h3>
              <label class="k-field">
                <span>{t('kiosk.surname')}</span>
                <input name="surname" autocomplete="off" autocapitalize="words" spellcheck={false} maxLength={100} aria-describedby="surname-hint" />
              </label>
              <p id="surname-hint" class="k-note">{t('kiosk.surnameHint')}</p>
              <button class="k-button k-primary" type="submit" disabled={busy()}>
                {t('kiosk.search')}
              </button>
            </form>
          </Show>
          <div role="status" aria-live="polite" class="k-result">
            <Show when={message()}>
              <p class="k-message">{message()}</p>
            </Show>
          </div>
          <Show when={matches().length > 0}>
            <ul class="k-matches">
              <For each={matches()}>
                {(m) => (
                  <li class="k-match">
                    <span class="k-match-who">{t('kiosk.lookupMatch', { initials: m.initials, host: m.hostFirstName })}</span>
                    <button type="button" class="k-button k-primary" disabled={busy()} aria-label={t('kiosk.thatsMeLabel', { initials: m.initials, host: m.hostFirstName })} onClick={() => arrive({ ref: m.ref })}>
                      {t('kiosk.thatsMe')}
                    </button>
                  </li>
                )}
              </For>
            </ul>
          </Show>
          <Show when={arrival()}>
            <Badge arrival={arrival()!} />
          </Show>
        </div>
      </div>
      {/* Printing and leaving are far apart: a tap meant for one must not land on the other. */}
      <div class="k-actions k-apart">
        <Show when={arrival()}>
          <button type="button" class="k-button k-primary" onClick={() => window.print()}>
            {t('kiosk.printBadge')}
          </button>
        </Show>
        <button type="button" class="k-button" onClick={props.done}>
          {t('kiosk.back')}
        </button>
      </div>
    </section>
  );
}

function Room() {
  const status = () => room();
  const [message, setMessage] = createSignal<{ text: string; error: boolean } | null>(null);
  /** The command waiting for its "yes" (ending a meeting). */
  const [asking, setAsking] = createSignal<KioskCommand | null>(null);
  // What fits before the next meeting changes on the minute: the display's own minute clock.
  const [minute, setMinute] = createSignal(Math.floor(Date.now() / 60_000));
  const tick = setInterval(() => setMinute(Math.floor(Date.now() / 60_000)), 1000);
  onCleanup(() => clearInterval(tick));
  const busy = () => status()?.current ?? null;
  const closed = () => status()?.closed ?? null;
  const commands = roomCommands(busy, () => status()?.next ?? null, () => minute() * 60_000, () => closed() !== null);
  const tooShort = () => !busy() && !closed() && !!status()?.next && commands.every((c) => !c.isEnabled());
  // Every room command is sent the same way: at once with a fresh key, not kept in the outbox,
  // since "book now" or "end now" sent after an outage would act on another moment.
  const run = async (command: KioskCommand) => {
    setAsking(null);
    const res = await api.send<MeetingDto>({ ...command.perform(), idempotencyKey: crypto.randomUUID() });
    if (!res.ok) setMessage({ text: res.code === 'network' ? t('space.needsNetwork') : te(res.code), error: true });
    else if (command.name.startsWith('room.book')) setMessage({ text: t('room.booked', { time: timeOf(res.data.end) }), error: false });
    else if (command.name === 'room.end') setMessage({ text: t('room.ended', { time: clock(Date.now()) }), error: false });
    else setMessage(null);
    await refresh();
  };
  const tap = (command: KioskCommand) => (command.confirm ? setAsking(command) : void run(command));
  return (
    <section class={`k-room ${busy() ? 'k-room-busy' : closed() ? 'k-room-shut' : 'k-room-free'}`}>
      <Show
        when={!busy() && closed()}
        fallback={
          <p class="k-room-state">
            <span aria-hidden="true">{busy() ? '✕ ' : '○ '}</span>
            {busy()
              ? t('room.busyUntil', { time: timeOf(busy()!.end) })
              : status()?.next
                ? t('room.freeUntil', { time: timeOf(status()!.next!.start) })
                : t('room.free')}
          </p>
        }
      >
        {(c) => {
          // The room display's own date in the location's zone: its status carries no "now".
          const today = () => toIsoInZone(minute() * 60_000, kiosk()!.location.timezone);
          return (
            <div>
              <p class="k-room-state">
                <span aria-hidden="true">✕ </span>
                {closedTitle(c(), today())}
              </p>
              <Show when={c().opensAt}>{(at) => <p class="k-message">{opensWhen(at(), today())}</p>}</Show>
            </div>
          );
        }}
      </Show>
      <dl class="k-meetings">
        <dt>{t('room.now')}</dt>
        <dd>
          {busy() ? `${timeOf(busy()!.start)}–${timeOf(busy()!.end)} · ${busy()!.state === 'checked_in' ? t('room.checkedIn') : t('room.notCheckedIn')}` : t('room.none')}
        </dd>
        <dt>{t('room.next')}</dt>
        <dd>{status()?.next ? `${timeOf(status()!.next!.start)}–${timeOf(status()!.next!.end)}` : t('room.none')}</dd>
      </dl>
      <div role="status" aria-live="polite" class="k-room-message">
        <Show when={message()}>
          {(m) => <p class={m().error ? 'k-error' : 'k-message'}>{m().text}</p>}
        </Show>
        <Show when={tooShort()}>
          <p class="k-message">{t('room.tooShort', { time: timeOf(status()!.next!.start) })}</p>
        </Show>
      </div>
      <Show
        when={asking() && asking()!.isEnabled() ? asking() : null}
        fallback={
          <div class="k-actions">
            <For each={commands.filter((c) => c.isEnabled())}>
              {(c) => (
                <button type="button" class={c.primary ? 'k-button k-primary' : 'k-button'} onClick={() => tap(c)}>
                  {c.label()}
                </button>
              )}
            </For>
          </div>
        }
      >
        {(c) => <Confirm question={c().confirm!()} yes={c().confirmLabel!()} onYes={() => void run(c())} onNo={() => setAsking(null)} />}
      </Show>
    </section>
  );
}

/** "Are you sure?" in place of the buttons that led to it; "no" has the focus, so a stray tap does nothing. */
function Confirm(props: { question: string; yes: string; onYes: () => void; onNo: () => void }) {
  let no!: HTMLButtonElement;
  onMount(() => no.focus());
  return (
    <div class="k-confirm" role="group" aria-labelledby="k-confirm-question">
      <p id="k-confirm-question" class="k-message">
        <span aria-hidden="true">? </span>
        {props.question}
      </p>
      <div class="k-actions k-apart">
        <button type="button" class="k-button k-danger" onClick={() => props.onYes()}>
          {props.yes}
        </button>
        <button type="button" class="k-button" ref={no} onClick={() => props.onNo()}>
          {t('room.endNo')}
        </button>
      </div>
    </div>
  );
}
