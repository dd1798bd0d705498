import { createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import { mutations, type GuestDto } from '../../shared/api-client.js';
import { t, te, timeOf } from '../../client/i18n.js';
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
  // Arrivals at the kiosk appear without a reload.
  const timer = setInterval(() => void refetch(), 5000);
  onCleanup(() => clearInterval(timer));

  const act = async (request: Parameters<typeof api.send>[0], done: (g: GuestDto) => string) => {
    const res = await api.send<GuestDto>({ ...request, idempotencyKey: crypto.randomUUID() });
    setNotice(res.ok ? { tone: 'ok', text: done(res.data) } : { tone: 'error', text: te(res.code) });
    void refetch();
  };

  const walkIn = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const f = new FormData(form);
    await act(mutations.walkInGuest({ name: String(f.get('name')), organisation: String(f.get('organisation') || '') || undefined, locationId: locationId(), hostId: Number(f.get('host')) }), (g) => `${g.name}: ${t('guests.state.present')}`);
    form.reset();
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
              <li class="card">
                <div class="row">
                  <strong>{g.name}</strong>
                  <span>{timeOf(g.expectedAt)}</span>
                </div>
                <p>
                  {g.organisation ?? '–'} · {t('reception.host')}: {g.hostName}
                  {g.spaceCode ? ` · ${g.spaceCode}` : ''}
                </p>
                <Show when={g.note}>
                  <p class="muted small">{g.note}</p>
                </Show>
                <div class="actions">
                  <Show when={g.state === 'expected'}>
                    <button type="button" class="button primary" onClick={() => act(mutations.guestCheckIn(g.id), (x) => `${x.name}: ${t('guests.state.present')}`)} aria-label={`${t('reception.checkIn')}: ${g.name}`}>
                      {t('reception.checkIn')}
                    </button>
                  </Show>
                  <Show when={g.state === 'present'}>
                    <button type="button" class="button" onClick={() => act(mutations.guestCheckOut(g.id), (x) => `${x.name}: ${t('guests.state.left')}`)} aria-label={`${t('reception.checkOut')}: ${g.name}`}>
                      {t('reception.checkOut')}
                    </button>
                    <Link href={`/receptie/badge/${g.id}`} class="button">
                      {t('reception.badge')}
                    </Link>
                  </Show>
                </div>
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
      <NoticeBox notice={notice()} />
      <div class="two">
        <LocationSelect value={locationId()} onChange={setLocationId} />
        <Field label={t('reception.search')}>
          <input type="search" value={search()} onInput={(e) => setSearch(e.currentTarget.value)} />
        </Field>
      </div>
      <p>
        <Link href={`/receptie/nood?location=${locationId()}`} class="button">
          {t('reception.emergency')}
        </Link>
      </p>
      {list(t('reception.expected'), day()?.expected, 'expected')}
      {list(t('reception.present'), day()?.present, 'present')}
      {list(t('reception.left'), day()?.left, 'left')}

      <h2>{t('reception.walkIn')}</h2>
      <form class="stack" onSubmit={walkIn}>
        <Field label={t('guests.name')}>
          <input name="name" required maxlength="200" autocomplete="off" />
        </Field>
        <Field label={t('guests.organisation')}>
          <input name="organisation" maxlength="200" />
        </Field>
        <HostPicker />
        <button type="submit" class="button primary">
          {t('guests.submit')}
        </button>
      </form>
    </section>
  );
}

/** Hosts to choose from: active staff, by name. */
function HostPicker() {
  const [hosts] = createResource(async () => {
    const res = await api.receptionHosts();
    return res.ok ? res.data : [];
  });
  return (
    <Field label={t('reception.host')}>
      <select name="host" required>
        <For each={hosts() ?? []}>{(h) => <option value={h.id}>{h.name}</option>}</For>
      </select>
    </Field>
  );
}
