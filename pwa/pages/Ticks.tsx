import { localDate } from '../../shared/time.js';
import { apiUrls } from '../../shared/api-client.js';
import { createResource, createSignal, For, Show } from 'solid-js';
import { workPlaces, type WorkPlace } from '../../shared/types.js';
import { dayOf, lang, t, te } from '../../client/i18n.js';
import { api } from '../state.js';
import { NoticeBox, type Notice, refreshing } from '../ui.js';
import { Field } from '../../client/field.js';

/** Where I worked, per workday of a month: filled in from check-ins, changeable this month. */
export function Ticks() {
  const [month, setMonth] = createSignal(localDate(Date.now(), 'Europe/Amsterdam').slice(0, 7));
  // Said beside the day that was changed, and only while that month is shown.
  const [notice, setNotice] = createSignal<(Notice & { date: string }) | null>(null);
  const [days, { refetch: fetchAgain }] = createResource(month, async (m) => {
    const res = await api.ticks(m);
    return res.ok ? res.data : [];
  });
  const refetch = refreshing(fetchAgain);
  const save = async (date: string, place: WorkPlace) => {
    const res = await api.setTick(date, place);
    setNotice(res.ok ? { date, tone: 'ok', text: t('ticks.saved') } : { date, tone: 'error', text: te(res.code) });
    void refetch();
  };
  return (
    <section>
      <h1>{t('ticks.title')}</h1>
      <p>{t('ticks.hint')}</p>
      <Field label={t('ticks.month')}>
        <input
          type="month"
          value={month()}
          onInput={(e) => {
            if (!e.currentTarget.value) return;
            setMonth(e.currentTarget.value);
            setNotice(null);
          }}
        />
      </Field>
      <ul class="list">
        <For each={days() ?? []}>
          {(d) => (
            <li class="card row tick">
              <Field label={t('ticks.place', { day: dayOf(d.date, { weekday: 'long', day: 'numeric', month: 'long' }) })} class="field-grow">
                <select value={d.place ?? ''} disabled={!d.editable} onChange={(e) => save(d.date, e.currentTarget.value as WorkPlace)}>
                  <Show when={!d.place}>
                    <option value="">{t('ticks.none')}</option>
                  </Show>
                  <For each={workPlaces}>{(p) => <option value={p}>{t(`place.${p}`)}</option>}</For>
                </select>
              </Field>
              <Show when={d.source === 'check_in' || d.source === 'hr'}>
                <span class="muted small">{d.source === 'check_in' ? t('ticks.fromCheckIn') : t('ticks.byHr')}</span>
              </Show>
              <NoticeBox notice={notice()?.date === d.date ? notice() : null} />
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}

/** HR: the month's ticks per employee as a CSV download. */
export function HrExport() {
  const [month, setMonth] = createSignal(localDate(Date.now(), 'Europe/Amsterdam').slice(0, 7));
  return (
    <section>
      <h1>{t('hr.title')}</h1>
      <p>{t('hr.hint')}</p>
      <Field label={t('ticks.month')}>
        <input type="month" value={month()} onInput={(e) => e.currentTarget.value && setMonth(e.currentTarget.value)} />
      </Field>
      <p>
        <a class="button primary" href={apiUrls.ticksCsv(month(), lang())} download={`werkplekken-${month()}.csv`}>
          {t('hr.download')}
        </a>
      </p>
    </section>
  );
}
