import { createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import { mutations, type GuestDto } from '../../shared/api-client.js';
import { clock, t, te, timeOf } from '../../client/i18n.js';
import { url } from '../router.js';
import { api, locations } from '../state.js';
import { Link, NoticeBox, type Notice, createLocationChoice, LocationSelect } from '../ui.js';
import { Field } from '../../client/field.js';

/** Reception: today's guests in three lists, arrivals and departures, walk-ins, badges. */
export default function Reception() {
  const [locationId, setLocationId] = createLocationChoice(Number(url().searchParams.get('location')) || null);
  const [search, setSearch] = createSignal('');
  const [notice, setNotice] = createSignal<Notice | null>(null);
  const [day, { refetch }] = createResource(
    () => ({ id: locationId(), q: search() }),
    async (p) => {
      const res = await api.receptionGuests(p.id, p.q || undefined);
      return res.ok ? res.data : { expected: [], present: [], left: [] };
    },
  );
  // Arrivals at the kiosk appear without a reload. The lists read `day.latest`: a refresh keeps
  // what is on screen until the answer is there (reading `day()` would show the app's loading
  // line every 5 seconds, and a tap at that moment would land on nothing).
  const timer = setInterval(() => void refetch(), 5000);
  onCleanup(() => clearInterval(timer));

  /** Feedback on the card of the guest acted on: it moves with the card to its new list. */
  const [cardNotice, setCardNotice] = createSignal<{ id: number; notice: Notice } | null>(null);
  const act = async (g: GuestDto, request: Parameters<typeof api.send>[0], done: (g: GuestDto) => string) => {
    const res = await api.send<GuestDto>({ ...request, idempotencyKey: crypto.randomUUID() });
    setCardNotice({ id: g.id, notice: res.ok ? { tone: 'ok', text: done(res.data) } : { tone: 'error', text: te(res.code) } });
    void refetch();
  };

  const [host, setHost] = createSignal<{ id: number; name: string } | null>(null);
  const [hostError, setHostError] = createSignal<string | null>(null);
  const walkIn = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const chosen = host();
    if (!chosen) {
      setHostError(t('reception.hostPick'));
      form.querySelector<HTMLInputElement>('[role="combobox"]')?.focus();
      return;
    }
    const f = new FormData(form);
    const body = { name: String(f.get('name')), organisation: String(f.get('organisation') || '') || undefined, locationId: locationId(), hostId: chosen.id };
    const res = await api.send<GuestDto>({ ...mutations.walkInGuest(body), idempotencyKey: crypto.randomUUID() });
    setNotice(res.ok ? { tone: 'ok', text: t('reception.walkedIn', { name: res.data.name, host: res.data.hostName }) } : { tone: 'error', text: te(res.code) });
    if (res.ok) {
      form.reset();
      setHost(null);
    }
    void refetch();
  };

  /** The time that matters in the guest's list: expected at, in since, left at (as the server recorded them). */
  const when = (g: GuestDto) =>
    g.state === 'left' && g.leftAt
      ? t('reception.leftAt', { time: timeOf(g.leftAt) })
      : g.state !== 'expected' && g.arrivedAt
        ? t('reception.inSince', { time: timeOf(g.arrivedAt) })
        : t('reception.expectedAt', { time: timeOf(g.expectedAt) });

  let nameInput!: HTMLInputElement;
  /** To the walk-in form: its first field takes focus, so Tab goes on through the form. */
  const toWalkIn = () => {
    nameInput.scrollIntoView({ block: 'center' });
    nameInput.focus({ preventScroll: true });
  };

  const list = (title: string, guests: GuestDto[] | undefined, id: string) => (
    <section aria-labelledby={id}>
      <h2 id={id}>
        {title} ({guests?.length ?? 0})
      </h2>
      <Show when={(guests ?? []).length > 0} fallback={<p class="muted">{t('reception.none')}</p>}>
        <ul class="list" data-testid={id}>
          <For each={guests}>
            {(g) => (
              <li class="card guest-card">
                <div class="row">
                  <strong>{g.name}</strong>
                  <span>{when(g)}</span>
                </div>
                <p>{[g.organisation, `${t('reception.host')}: ${g.hostName}`, g.spaceCode].filter(Boolean).join(' · ')}</p>
                <Show when={g.note}>
                  <p class="muted small">{g.note}</p>
                </Show>
                <div class="actions no-print">
                  <Show when={g.state === 'expected'}>
                    <button type="button" class="button primary" onClick={() => act(g, mutations.guestCheckIn(g.id), (x) => t('reception.arrived', { name: x.name, time: x.arrivedAt ? timeOf(x.arrivedAt) : clock(Date.now()) }))} aria-label={`${t('reception.checkIn')}: ${g.name}`}>
                      {t('reception.checkIn')}
                    </button>
                  </Show>
                  <Show when={g.state === 'present'}>
                    <button type="button" class="button" onClick={() => act(g, mutations.guestCheckOut(g.id), (x) => t('reception.departed', { name: x.name, time: x.leftAt ? timeOf(x.leftAt) : clock(Date.now()) }))} aria-label={`${t('reception.checkOut')}: ${g.name}`}>
                      {t('reception.checkOut')}
                    </button>
                    <Link href={`/receptie/badge/${g.id}`} class="button">
                      {t('reception.badge')}
                    </Link>
                  </Show>
                </div>
                <NoticeBox notice={cardNotice()?.id === g.id ? cardNotice()!.notice : null} />
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );

  return (
    <section>
      <h1>{t('reception.title')}</h1>
      {/* On paper the day's lists only: the controls and the walk-in form are for the screen. */}
      <div class="two no-print">
        <LocationSelect value={locationId()} onChange={setLocationId} />
        <Field label={t('reception.search')}>
          <input type="search" value={search()} onInput={(e) => setSearch(e.currentTarget.value)} />
        </Field>
      </div>
      <p class="actions no-print">
        {/* With a long day's lists the form is far below: a walk-in at the desk starts here. */}
        <button type="button" class="button primary" aria-controls="walk-in" onClick={toWalkIn}>
          {t('reception.toWalkIn')}
        </button>
        <Link href={`/receptie/nood?location=${locationId()}`} class="button">
          {t('reception.emergency')}
        </Link>
        <Link href={`/receptie/nood?location=${locationId()}&appel=1`} class="button">
          {t('reception.rollCall')}
        </Link>
      </p>
      {list(t('reception.expected'), day.latest?.expected, 'expected')}
      {list(t('reception.present'), day.latest?.present, 'present')}
      {list(t('reception.left'), day.latest?.left, 'left')}

      <h2 id="walk-in-title" class="no-print">{t('reception.walkIn')}</h2>
      <form id="walk-in" class="stack no-print" aria-labelledby="walk-in-title" onSubmit={walkIn}>
        <Field label={t('guests.name')}>
          <input ref={nameInput} name="name" required maxlength="200" autocomplete="off" />
        </Field>
        <Field label={t('guests.organisation')}>
          <input name="organisation" maxlength="200" />
        </Field>
        <HostPicker value={host()} error={hostError()} onChange={(h) => (setHost(h), setHostError(null))} />
        <button type="submit" class="button primary">
          {t('reception.walkInSubmit')}
        </button>
        <NoticeBox notice={notice()} />
      </form>
    </section>
  );
}

const HOST_LIMIT = 20;

/**
 * The host, searched as you type (ARIA 1.2 combobox with a listbox): staff runs to a thousand
 * names, so the server answers at most HOST_LIMIT matches for what was typed.
 */
function HostPicker(props: { value: { id: number; name: string } | null; error: string | null; onChange: (h: { id: number; name: string } | null) => void }) {
  const [text, setText] = createSignal('');
  const [open, setOpen] = createSignal(false);
  const [active, setActive] = createSignal(0);
  const [found, setFound] = createSignal<{ q: string; hosts: { id: number; name: string }[] } | null>(null);
  const listId = 'host-options';
  let timer: ReturnType<typeof setTimeout> | undefined;
  let asked = 0;
  onCleanup(() => clearTimeout(timer));
  const search = (q: string) => {
    clearTimeout(timer);
    if (q.trim().length < 2) return setFound(null);
    timer = setTimeout(async () => {
      const mine = ++asked;
      // One more than shown: the list can say there are more than it shows.
      const res = await api.receptionHosts(q.trim(), HOST_LIMIT + 1);
      if (mine !== asked) return; // an older answer arriving late
      setFound({ q: q.trim(), hosts: res.ok ? res.data : [] });
      setActive(0);
      setOpen(true);
    }, 200);
  };
  const shown = () => found()?.hosts.slice(0, HOST_LIMIT) ?? [];
  const choose = (h: { id: number; name: string }) => {
    props.onChange(h);
    setText(h.name);
    setOpen(false);
  };
  const key = (e: KeyboardEvent) => {
    const n = shown().length;
    if (e.key === 'ArrowDown' && n > 0) {
      e.preventDefault();
      setOpen(true);
      setActive((active() + 1) % n);
    } else if (e.key === 'ArrowUp' && n > 0) {
      e.preventDefault();
      setActive((active() - 1 + n) % n);
    } else if (e.key === 'Enter' && open() && n > 0) {
      e.preventDefault();
      choose(shown()[active()]!);
    } else if (e.key === 'Escape') {
      setOpen(false);
    }
  };
  return (
    <div class="combo">
      <Field label={t('reception.host')} error={props.error}>
        <input
          type="text"
          role="combobox"
          autocomplete="off"
          aria-autocomplete="list"
          aria-controls={listId}
          aria-expanded={open() && found() !== null}
          aria-activedescendant={open() && shown().length > 0 ? `host-${shown()[active()]!.id}` : undefined}
          placeholder={t('reception.hostSearch')}
          value={text()}
          onInput={(e) => {
            setText(e.currentTarget.value);
            if (props.value) props.onChange(null);
            search(e.currentTarget.value);
          }}
          onKeyDown={key}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
        />
      </Field>
      <ul id={listId} role="listbox" aria-label={t('reception.host')} class="combo-list" hidden={!(open() && shown().length > 0)}>
        <For each={shown()}>
          {(h, i) => (
            <li id={`host-${h.id}`} role="option" aria-selected={i() === active()} class={i() === active() ? 'combo-active' : ''} onMouseDown={(e) => e.preventDefault()} onClick={() => choose(h)}>
              {h.name}
            </li>
          )}
        </For>
      </ul>
      <p class="muted small" aria-live="polite">
        {props.value
          ? t('reception.hostChosen', { name: props.value.name })
          : found() && found()!.hosts.length === 0
            ? t('reception.hostNone', { q: found()!.q })
            : found() && found()!.hosts.length > HOST_LIMIT
              ? t('reception.hostMore', { n: HOST_LIMIT })
              : ''}
      </p>
    </div>
  );
}
