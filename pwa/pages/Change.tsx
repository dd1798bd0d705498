import { createResource, createSignal, For, Show } from 'solid-js';
import type { ReservationDto } from '../../shared/api.js';
import { addDaysToDate, localDate, localToInstant } from '../../shared/time.js';
import { dayParts, type DayPart } from '../../shared/types.js';
import { dayOf, t, te, timeOf } from '../../client/i18n.js';
import { Field } from '../../client/field.js';
import { api, catalogue, locations, sync } from '../state.js';
import { linkClick, url } from '../router.js';
import { NoticeBox, type Notice } from '../ui.js';
import './recurring.css';

/** "wo 2 dec. middag (12:30–18:00)", or "wo 2 dec. 10:00–11:00" off the location's day-parts. */
function whenWords(r: ReservationDto): string {
  const parts = locations()?.data.find((l) => l.id === r.locationId)?.policy.dayParts;
  const range = `${timeOf(r.start)}–${timeOf(r.end)}`;
  const part = parts && dayParts.find((p) => parts[p].start === timeOf(r.start) && parts[p].end === timeOf(r.end));
  return `${dayOf(r.start)} ${part ? `${t(`part.${part}`).toLowerCase()} (${range})` : range}`;
}

/**
 * Change one reservation: another day, day-part, time or place; a room extended up to the next
 * booking. The server changes it all or not at all, so a refusal says the old one stands.
 */
export default function Change() {
  const id = Number(new URLSearchParams(url().search).get('id'));
  const [current, setCurrent] = createSignal<ReservationDto | null>(null);
  const [loaded] = createResource(async () => {
    const res = id ? await api.send<ReservationDto>({ method: 'GET', path: `/api/v1/reservations/${id}` }) : null;
    const r = res?.ok && (res.data.state === 'booked' || res.data.state === 'checked_in') ? res.data : null;
    setCurrent(r);
    return r;
  });
  const location = () => locations()?.data.find((l) => l.id === current()?.locationId);
  const tz = () => location()?.timezone ?? 'Europe/Amsterdam';
  const [spaces] = createResource(
    () => current()?.locationId,
    async (locationId) => (await catalogue(locationId))?.data.spaces ?? [],
  );
  const space = () => spaces()?.find((s) => s.id === current()?.spaceId);
  const sameKind = () => (spaces() ?? []).filter((s) => s.kind === space()?.kind);
  const partOf = (r: ReservationDto): DayPart | undefined => {
    const parts = location()?.policy.dayParts;
    return parts && dayParts.find((p) => parts[p].start === timeOf(r.start) && parts[p].end === timeOf(r.end));
  };
  const inUse = () => current()?.state === 'checked_in';
  const [notice, setNotice] = createSignal<Notice | null>(null);
  const [busy, setBusy] = createSignal(false);

  const send = async (body: object) => {
    const before = current()!;
    setBusy(true);
    const res = await api.send<ReservationDto>({ method: 'PATCH', path: `/api/v1/reservations/${before.id}`, body, idempotencyKey: crypto.randomUUID() });
    setBusy(false);
    if (!res.ok) {
      return setNotice({ tone: 'error', text: t('change.refused', { reason: te(res.code), code: before.spaceCode, when: whenWords(before) }) });
    }
    setCurrent(res.data);
    setNotice({ tone: 'ok', text: t('change.done', { code: res.data.spaceCode, when: whenWords(res.data) }) });
    void sync();
  };

  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const spaceId = Number(f.get('space')) || current()!.spaceId;
    const date = String(f.get('date') ?? current()!.start.slice(0, 10));
    const at = (time: string) => new Date(localToInstant(date, time, tz())).toISOString();
    if (inUse()) return void send({ end: at(String(f.get('end'))) });
    if (space()?.kind === 'desk') return void send({ date, part: String(f.get('part')), spaceId });
    void send({ start: at(String(f.get('start'))), end: at(String(f.get('end'))), spaceId });
  };

  return (
    <section class="recurring">
      <h1>{t('change.title')}</h1>
      <Show when={!loaded.loading}>
        <Show
          when={current()}
          fallback={
            <p class="notice notice-info">
              {t('change.notFound')}{' '}
              <a href="/" onClick={linkClick}>
                {t('change.back')}
              </a>
            </p>
          }
        >
          {(r) => (
            <>
              <p>
                <strong>{t('change.current', { code: r().spaceCode, when: whenWords(r()) })}</strong>
              </p>
              <Show when={inUse()}>
                <p class="muted">{t('change.inUse')}</p>
              </Show>
              <form class="stack" onSubmit={submit}>
                <Show when={!inUse()}>
                  <Field label={t('reserve.date')}>
                    <input name="date" type="date" required value={r().start.slice(0, 10)} min={localDate(Date.now(), tz())} max={addDaysToDate(localDate(Date.now(), tz()), location()?.policy.daysAhead ?? 14)} />
                  </Field>
                  <Field label={t('series.space')}>
                    <select name="space" value={r().spaceId}>
                      <For each={sameKind()}>{(s) => <option value={s.id}>{`${s.code} · ${s.name}`}</option>}</For>
                    </select>
                  </Field>
                </Show>
                <Show
                  when={space()?.kind !== 'desk' || inUse()}
                  fallback={
                    <fieldset class="checks">
                      <legend>{t('reserve.part')}</legend>
                      <For each={dayParts}>
                        {(p) => (
                          <label class="check">
                            <input type="radio" name="part" value={p} checked={partOf(r()) === p} />
                            <span>{t(`part.${p}`)}</span>
                          </label>
                        )}
                      </For>
                    </fieldset>
                  }
                >
                  <div class="two">
                    <Show when={!inUse()}>
                      <Field label={t('reserve.from')}>
                        <input name="start" type="time" required value={timeOf(r().start)} step="900" />
                      </Field>
                    </Show>
                    <Field label={t('series.to')}>
                      <input name="end" type="time" required value={timeOf(r().end)} step="900" />
                    </Field>
                  </div>
                </Show>
                <div class="actions">
                  <button type="submit" class="button primary" disabled={busy()}>
                    {t('change.submit')}
                  </button>
                  <Show when={space() && space()!.kind !== 'desk'}>
                    <button type="button" class="button" disabled={busy()} onClick={() => void send({ untilNext: true })}>
                      {t('change.untilNext')}
                    </button>
                  </Show>
                </div>
                {/* The outcome right under the buttons that asked for it. */}
                <NoticeBox notice={notice()} />
              </form>
              <p>
                <a href="/" onClick={linkClick}>
                  {t('change.back')}
                </a>
              </p>
            </>
          )}
        </Show>
      </Show>
    </section>
  );
}
