import { createResource, createSignal, For, onMount, Show } from 'solid-js';
import { mutations, type GuestDto } from '../../shared/api-client.js';
import { addDaysToDate, localDate, localTime, localToInstant } from '../../shared/time.js';
import { dayOf, t, te, timeOf } from '../../client/i18n.js';
import { api, catalogue, locations, markNotificationsRead, notifications } from '../state.js';
import { NoticeBox, notificationText, type Notice, createLocationChoice, LocationSelect, refreshing } from '../ui.js';
import { Field } from '../../client/field.js';

const QUARTER = 15 * 60_000;
/** After this hour a visit today is unlikely: the form proposes tomorrow morning. */
const LAST_PROPOSED = '17:00';

/**
 * The date and time the form proposes: 10:00 today, or the next quarter of an hour when 10:00
 * has passed, or tomorrow 10:00 in the evening. The server refuses a time already past, so the
 * form never starts on one.
 */
function proposedSlot(tz: string): { date: string; time: string } {
  const now = Date.now();
  const today = localDate(now, tz);
  const next = localTime(Math.ceil(now / QUARTER) * QUARTER, tz);
  if (next <= '10:00') return { date: today, time: '10:00' };
  if (next <= LAST_PROPOSED) return { date: today, time: next };
  return { date: addDaysToDate(today, 1), time: '10:00' };
}

/** "Sanne de Vries, do 3 dec 10:00": whom and when, for the feedback under a card. */
const visitText = (g: GuestDto) => `${g.name}, ${dayOf(g.expectedAt)} ${timeOf(g.expectedAt)}`;

/** The invitation as text to pass on: where, when, who receives, and the code for the kiosk. */
function invitationText(g: { name: string; expectedAt: string; locationId: number; code: string; spaceCode: string | null }): string {
  const location = locations()?.data.find((l) => l.id === g.locationId)?.name ?? '';
  return t('guests.shareText', { name: g.name, location, day: dayOf(g.expectedAt, { weekday: 'long', day: 'numeric', month: 'long' }), time: timeOf(g.expectedAt), code: g.code });
}

/**
 * Passes the invitation on through the phone's share sheet (Web Share API: mail, chat), with
 * the QR code as an image where the browser shares files; without it, copies the text.
 */
async function shareInvitation(g: { name: string; expectedAt: string; locationId: number; code: string; spaceCode: string | null; qr?: string }): Promise<Notice | null> {
  const text = invitationText(g);
  if (typeof navigator.share === 'function') {
    const data: ShareData = { title: t('guests.shareTitle', { name: g.name }), text };
    if (g.qr && typeof navigator.canShare === 'function') {
      const blob = await (await fetch(g.qr)).blob();
      const file = new File([blob], `uitnodiging-${g.code}.png`, { type: 'image/png' });
      if (navigator.canShare({ files: [file] })) data.files = [file];
    }
    try {
      await navigator.share(data);
      return null;
    } catch (err) {
      if ((err as DOMException).name === 'AbortError') return null; // the person closed the share sheet
    }
  }
  try {
    await navigator.clipboard.writeText(text);
    return { tone: 'ok', text: t('guests.copied', { name: g.name }) };
  } catch {
    return { tone: 'error', text: t('guests.copyFailed', { code: g.code }) };
  }
}

/** A host's visitors: register one (invite code and QR to pass on), see them and who arrived; change or cancel one not yet arrived. */
export default function Guests() {
  const [notice, setNotice] = createSignal<Notice | null>(null);
  const [created, setCreated] = createSignal<{ name: string; code: string; qr: string; expectedAt: string; locationId: number; spaceCode: string | null } | null>(null);
  const [createdNotice, setCreatedNotice] = createSignal<Notice | null>(null);
  /** The guest being changed, and the one whose cancel waits for a second tap. */
  const [editing, setEditing] = createSignal<number | null>(null);
  const [confirming, setConfirming] = createSignal<number | null>(null);
  /** Feedback under the card that was tapped. */
  const [cardNotice, setCardNotice] = createSignal<{ id: number; notice: Notice } | null>(null);
  const [mine, { refetch: fetchAgain }] = createResource(async () => {
    const res = await api.myGuests();
    return res.ok ? res.data : [];
  });
  const refetch = refreshing(fetchAgain);
  const [locationId, setLocationId] = createLocationChoice();
  const [rooms] = createResource(locationId, async (id) => (await catalogue(id))?.data.spaces.filter((s) => s.kind === 'meeting' || s.kind === 'multi') ?? []);
  const tz = () => locations()?.data.find((l) => l.id === locationId())?.timezone ?? 'Europe/Amsterdam';
  const tzOf = (id: number) => locations()?.data.find((l) => l.id === id)?.timezone ?? 'Europe/Amsterdam';
  const slot = () => proposedSlot(tz());
  // Opening the page is reading the arrivals: the badge in the navigation goes.
  onMount(() => void markNotificationsRead());

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
    setNotice(null);
    const { qrDataUrl } = await import('../../client/qr.js');
    const code = res.data.inviteCode!;
    setCreated({ name: res.data.name, code, qr: await qrDataUrl(`PLEK-GUEST:${code}`, { margin: 2, scale: 6 }), expectedAt: res.data.expectedAt, locationId: res.data.locationId, spaceCode: res.data.spaceCode });
    setCreatedNotice({ tone: 'ok', text: t('guests.created', { name: res.data.name, code }) });
    form.reset();
    // reset() empties what Solid set as a property, not an attribute: the next guest starts
    // from a proposed date and time again, not from empty fields the browser then refuses.
    const next = slot();
    (form.elements.namedItem('date') as HTMLInputElement).value = next.date;
    (form.elements.namedItem('time') as HTMLInputElement).value = next.time;
    void refetch();
  };

  const saveChange = async (g: GuestDto, e: SubmitEvent) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const body = {
      name: String(f.get('name')),
      organisation: String(f.get('organisation') || '').trim() || null,
      expectedAt: new Date(localToInstant(String(f.get('date')), String(f.get('time')), tzOf(g.locationId))).toISOString(),
      // The rooms listed are those of the chosen location: for a guest elsewhere the room stays.
      ...(g.locationId === locationId() ? { spaceId: Number(f.get('room')) || null } : {}),
      note: String(f.get('note') || '').trim() || null,
    };
    const res = await api.send<GuestDto>({ ...mutations.updateGuest(g.id, body), idempotencyKey: crypto.randomUUID() });
    if (!res.ok) return setCardNotice({ id: g.id, notice: { tone: 'error', text: res.code === 'wrong_state' ? t('guests.alreadyArrived', { name: g.name }) : te(res.code) } });
    setEditing(null);
    setCardNotice({ id: g.id, notice: { tone: 'ok', text: t('guests.changed', { visit: visitText(res.data) }) } });
    void refetch();
  };

  const cancel = async (g: GuestDto) => {
    const res = await api.send<{ cancelled: true }>({ ...mutations.cancelGuest(g.id), idempotencyKey: crypto.randomUUID() });
    setConfirming(null);
    if (!res.ok) return setCardNotice({ id: g.id, notice: { tone: 'error', text: res.code === 'wrong_state' ? t('guests.alreadyArrived', { name: g.name }) : te(res.code) } });
    // The invitation just shown is void now: its QR code would no longer let the guest in.
    if (created()?.code === g.inviteCode) setCreated(null);
    // The card goes; the feedback stays where it was, in the list's own status line.
    setCardNotice({ id: 0, notice: { tone: 'ok', text: t('guests.cancelled', { visit: visitText(g) }) } });
    void refetch();
  };

  const cardFeedback = (id: number) => (cardNotice()?.id === id ? cardNotice()!.notice : null);

  return (
    <section>
      <h1>{t('guests.title')}</h1>
      <NoticeBox notice={notice()} />

      <h2>{t('notify.title')}</h2>
      <Show when={notifications().length > 0} fallback={<p class="muted">{t('notify.none')}</p>}>
        <ul class="plain" data-testid="notifications">
          <For each={notifications()}>{(n) => <li>{notificationText(n)}</li>}</For>
        </ul>
      </Show>

      <h2>{t('guests.new')}</h2>
      <form class="stack" onSubmit={submit}>
        <Field label={t('guests.name')}>
          <input name="name" required maxlength="200" autocomplete="off" />
        </Field>
        <Field label={t('guests.organisation')}>
          <input name="organisation" maxlength="200" autocomplete="off" />
        </Field>
        <Field label={t('guests.email')}>
          <input name="email" type="email" maxlength="254" autocomplete="off" />
        </Field>
        <LocationSelect value={locationId()} onChange={setLocationId} />
        <div class="two">
          <Field label={t('guests.expectedAt')}>
            <input name="date" type="date" required value={slot().date} min={localDate(Date.now(), tz())} max={addDaysToDate(localDate(Date.now(), tz()), 365)} />
          </Field>
          <Field label={t('guests.time')}>
            <input name="time" type="time" required value={slot().time} step="900" />
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
      <Show when={created()}>
        {(c) => (
          <div class="card stack" data-testid="invitation">
            <NoticeBox notice={createdNotice()} />
            <img src={c().qr} width="240" height="240" alt={t('guests.inviteQr', { name: c().name, code: c().code })} />
            <p class="pass-code">{c().code}</p>
            <button type="button" class="button primary" onClick={async () => setCreatedNotice((await shareInvitation(c())) ?? createdNotice())}>
              {t('guests.share')}
            </button>
          </div>
        )}
      </Show>

      <h2>{t('guests.mine')}</h2>
      <NoticeBox notice={cardFeedback(0)} />
      <Show when={(mine() ?? []).length > 0} fallback={<p class="muted">{t('guests.none')}</p>}>
        <ul class="list">
          <For each={mine()}>
            {(g) => (
              <li class="card" data-testid="guest">
                <div class="row">
                  <strong>{g.name}</strong>
                  <span class="badge badge-booked">{t(`guests.state.${g.state}`)}</span>
                </div>
                <p>{[g.organisation, `${dayOf(g.expectedAt)} ${timeOf(g.expectedAt)}`, g.spaceCode, g.inviteCode].filter(Boolean).join(' · ')}</p>
                <Show when={g.state === 'expected'}>
                  <Show
                    when={editing() === g.id}
                    fallback={
                      <div class="actions">
                        <button type="button" class="button" onClick={() => (setEditing(g.id), setConfirming(null), setCardNotice(null))}>
                          {t('guests.change')}
                        </button>
                        <button
                          type="button"
                          class="button"
                          onClick={async () => setCardNotice({ id: g.id, notice: (await shareInvitation({ ...g, code: g.inviteCode! })) ?? { tone: 'info', text: t('guests.shared', { name: g.name }) } })}
                        >
                          {t('guests.share')}
                        </button>
                        <Show
                          when={confirming() === g.id}
                          fallback={
                            <button type="button" class="button" onClick={() => (setConfirming(g.id), setCardNotice(null))}>
                              {t('guests.cancel')}
                            </button>
                          }
                        >
                          <p class="confirm-text">{t('guests.cancelConfirm', { visit: visitText(g) })}</p>
                          <button type="button" class="button" onClick={() => void cancel(g)}>
                            {t('guests.cancelYes')}
                          </button>
                          <button type="button" class="button" onClick={() => setConfirming(null)}>
                            {t('guests.cancelNo')}
                          </button>
                        </Show>
                      </div>
                    }
                  >
                    <form class="stack" aria-label={t('guests.changeOf', { name: g.name })} onSubmit={(e) => void saveChange(g, e)}>
                      <Field label={t('guests.name')}>
                        <input name="name" required maxlength="200" autocomplete="off" value={g.name} />
                      </Field>
                      <Field label={t('guests.organisation')}>
                        <input name="organisation" maxlength="200" autocomplete="off" value={g.organisation ?? ''} />
                      </Field>
                      <div class="two">
                        <Field label={t('guests.expectedAt')}>
                          <input name="date" type="date" required value={g.expectedAt.slice(0, 10)} min={localDate(Date.now(), tzOf(g.locationId))} />
                        </Field>
                        <Field label={t('guests.time')}>
                          <input name="time" type="time" required value={timeOf(g.expectedAt)} step="900" />
                        </Field>
                      </div>
                      <Field label={t('guests.room')}>
                        <select name="room">
                          <option value="">{t('guests.noRoom')}</option>
                          <For each={g.locationId === locationId() ? (rooms() ?? []) : []}>
                            {(r) => (
                              <option value={r.id} selected={r.code === g.spaceCode}>
                                {`${r.code} · ${r.name}`}
                              </option>
                            )}
                          </For>
                        </select>
                      </Field>
                      <Field label={t('guests.note')}>
                        <input name="note" maxlength="500" value={g.note ?? ''} />
                      </Field>
                      <div class="actions">
                        <button type="submit" class="button primary">
                          {t('guests.save')}
                        </button>
                        <button type="button" class="button" onClick={() => setEditing(null)}>
                          {t('guests.cancelChange')}
                        </button>
                      </div>
                    </form>
                  </Show>
                </Show>
                <NoticeBox notice={cardFeedback(g.id)} />
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
