import { createResource, createSignal, For, Show } from 'solid-js';
import { mutations, type GuestDto } from '../../shared/api-client.js';
import { addDaysToDate, localDate, localToInstant } from '../../shared/time.js';
import { dayOf, t, te, timeOf } from '../../client/i18n.js';
import { api, catalogue, locations, notifications } from '../state.js';
import { NoticeBox, notificationText, type Notice, createLocationChoice, LocationSelect } from '../ui.js';
import { Field } from '../../client/field.js';

/** A host's visitors: register one (invite code and QR to pass on), see them and who arrived. */
export default function Guests() {
  const [notice, setNotice] = createSignal<Notice | null>(null);
  const [created, setCreated] = createSignal<{ name: string; code: string; qr: string } | null>(null);
  const [mine, { refetch }] = createResource(async () => {
    const res = await api.myGuests();
    return res.ok ? res.data : [];
  });
  const [locationId, setLocationId] = createLocationChoice();
  const [rooms] = createResource(locationId, async (id) => (await catalogue(id))?.data.spaces.filter((s) => s.kind === 'meeting' || s.kind === 'multi') ?? []);
  const tz = () => locations()?.data.find((l) => l.id === locationId())?.timezone ?? 'Europe/Amsterdam';

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const f = new FormData(form);
    const spaceId = Number(f.get('room')) || undefined;
    const body = {
      name: String(f.get('name')),
      organisation: String(f.get('organisation') || '') || undefined,
      email: String(f.get('email') || '').trim() || undefined,
      expectedAt: new Date(localToInstant(String(f.get('date')), String(f.get('time')), tz())).toISOString(),
      locationId: locationId(),
      ...(spaceId ? { spaceId } : {}),
      note: String(f.get('note') || '') || undefined,
    };
    const res = await api.send<GuestDto>({ ...mutations.createGuest(body), idempotencyKey: crypto.randomUUID() });
    if (!res.ok) return setNotice({ tone: 'error', text: te(res.code) });
    const { qrDataUrl } = await import('../../client/qr.js');
    const code = res.data.inviteCode!;
    setCreated({ name: res.data.name, code, qr: await qrDataUrl(`PLEK-GUEST:${code}`, { margin: 2, scale: 6 }) });
    setNotice({ tone: 'ok', text: t('guests.created', { name: res.data.name, code }) });
    form.reset();
    void refetch();
  };

  return (
    <section>
      <h1>{t('guests.title')}</h1>
      <NoticeBox notice={notice()} />
      <Show when={created()}>
        <div class="card">
          <img src={created()!.qr} width="240" height="240" alt={t('guests.inviteQr', { name: created()!.name, code: created()!.code })} />
          <p class="pass-code">{created()!.code}</p>
        </div>
      </Show>

      <h2>{t('notify.title')}</h2>
      <Show when={notifications().length > 0} fallback={<p class="muted">{t('notify.none')}</p>}>
        <ul class="plain" data-testid="notifications">
          <For each={notifications()}>
            {(n) => <li>{notificationText(n)}</li>}
          </For>
        </ul>
      </Show>

      <h2>{t('guests.new')}</h2>
      <form class="stack" onSubmit={submit}>
        <Field label={t('guests.name')}>
          <input name="name" required maxlength="200" autocomplete="off" />
        </Field>
        <Field label={t('guests.organisation')}>
          <input name="organisation" maxlength="200" autocomplete="organization" />
        </Field>
        <Field label={t('guests.email')}>
          <input name="email" type="email" maxlength="254" autocomplete="off" />
        </Field>
        <LocationSelect value={locationId()} onChange={setLocationId} />
        <div class="two">
          <Field label={t('guests.expectedAt')}>
            <input name="date" type="date" required value={localDate(Date.now(), tz())} min={localDate(Date.now(), tz())} max={addDaysToDate(localDate(Date.now(), tz()), 365)} />
          </Field>
          <Field label={t('guests.time')}>
            <input name="time" type="time" required value="10:00" step="900" />
          </Field>
        </div>
        <Field label={t('guests.room')}>
          <select name="room">
            <option value="">{t('guests.noRoom')}</option>
            <For each={rooms() ?? []}>{(r) => <option value={r.id}>{`${r.code} · ${r.name}`}</option>}</For>
          </select>
        </Field>
        <Field label={t('guests.note')}>
          <input name="note" maxlength="500" />
        </Field>
        <button type="submit" class="button primary">
          {t('guests.submit')}
        </button>
      </form>

      <h2>{t('guests.mine')}</h2>
      <Show when={(mine() ?? []).length > 0} fallback={<p class="muted">{t('guests.none')}</p>}>
        <ul class="list">
          <For each={mine()}>
            {(g) => (
              <li class="card">
                <div class="row">
                  <strong>{g.name}</strong>
                  <span class="badge badge-booked">{t(`guests.state.${g.state}`)}</span>
                </div>
                <p>
                  {g.organisation ?? ''} · {dayOf(g.expectedAt)} {timeOf(g.expectedAt)} · {g.inviteCode}
                </p>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
