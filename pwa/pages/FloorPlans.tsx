import { createResource, createSignal, For, Show } from 'solid-js';
import type { SpaceDto } from '../../shared/api.js';
import { t, te } from '../../client/i18n.js';
import { api } from '../state.js';
import { createLocationChoice, LocationSelect, ManageNav, NoticeBox, type Notice } from '../ui.js';
import { PlanView } from '../../client/plan.js';
import { Field } from '../../client/field.js';

const readAsDataUrl = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });

/**
 * Facility: upload a floor plan per floor or zone and place spaces on it by dragging their
 * markers (or, by keyboard, with the arrow keys on a chosen marker). Each drop is saved at once.
 */
export default function FloorPlans() {
  const [locationId, setLocationId] = createLocationChoice();
  const [notice, setNotice] = createSignal<Notice | null>(null);
  const [planId, setPlanId] = createSignal<number | null>(null);
  const [data, { refetch, mutate }] = createResource(locationId, async (id) => {
    if (!id) return null;
    const [plans, spaces] = await Promise.all([api.plans(id), api.spaces(id)]);
    return plans.ok && spaces.ok ? { plans: plans.data, spaces: spaces.data } : null;
  });
  const plan = () => data()?.plans.find((p) => p.id === planId()) ?? data()?.plans[0];
  const onPlan = () => (data()?.spaces ?? []).filter((s) => s.plan && s.plan.planId === plan()?.id);
  const unplaced = () => (data()?.spaces ?? []).filter((s) => !s.plan || !data()!.plans.some((p) => p.id === s.plan!.planId));

  async function place(space: SpaceDto, at: { x: number; y: number } | null) {
    const body = { at: at && { planId: plan()!.id, x: round(at.x), y: round(at.y) } };
    const res = await api.placeSpace(space.id, body);
    if (!res.ok) {
      setNotice({ tone: 'error', text: te(res.code) });
      return;
    }
    mutate((d) => d && { ...d, spaces: d.spaces.map((s) => (s.id === space.id ? res.data : s)) });
    setNotice({ tone: 'ok', text: at ? t('plans.placed', { code: space.code }) : t('plans.removed', { code: space.code }) });
  }

  const upload = async (e: SubmitEvent) => {
    e.preventDefault();
    const formEl = e.currentTarget as HTMLFormElement;
    const f = new FormData(formEl);
    const file = f.get('image') as File | null;
    if (!file || file.size === 0) return;
    if (file.size > 2 * 1024 * 1024) {
      setNotice({ tone: 'error', text: te('payload_too_large') });
      return;
    }
    const floor = String(f.get('floor') ?? '');
    const body = { name: String(f.get('name')).trim(), image: await readAsDataUrl(file), ...(floor === '' ? {} : { floor: Number(floor) }) };
    const res = await api.uploadPlan(locationId(), body);
    setNotice(res.ok ? { tone: 'ok', text: t('manage.saved') } : { tone: 'error', text: te(res.code) });
    if (res.ok) {
      formEl.reset();
      setPlanId(res.data.id);
      void refetch();
    }
  };

  const remove = async () => {
    const p = plan();
    if (!p || !confirm(t('plans.confirmDelete', { name: p.name }))) return;
    const res = await api.deletePlan(p.id);
    setNotice(res.ok ? { tone: 'ok', text: t('plans.deleted') } : { tone: 'error', text: te(res.code) });
    setPlanId(null);
    void refetch();
  };

  return (
    <section>
      <h1>{t('plans.title')}</h1>
      <ManageNav />
      <NoticeBox notice={notice()} />
      <LocationSelect value={locationId()} onChange={(id) => (setPlanId(null), setLocationId(id))} />
      <Show when={(data()?.plans.length ?? 0) > 0} fallback={<p class="muted">{t('plans.none')}</p>}>
        <Field label={t('plans.plan')}>
          <select value={plan()?.id} onChange={(e) => setPlanId(Number(e.currentTarget.value))}>
            <For each={data()?.plans}>{(p) => <option value={p.id}>{p.floor === null ? p.name : `${p.name} (${t('buildings.floorN', { n: p.floor })})`}</option>}</For>
          </select>
        </Field>
        <p class="muted">{t('plans.hint')}</p>
        <PlanView plan={plan()!} spaces={onPlan()} editable onMove={(space, at) => void place(space, at)} label={(s) => s.code} />
        <div class="actions">
          <button type="button" class="button" onClick={remove}>
            {t('plans.delete', { name: plan()!.name })}
          </button>
        </div>
        <h2>{t('plans.unplaced')}</h2>
        <Show when={unplaced().length > 0} fallback={<p class="muted">{t('plans.allPlaced')}</p>}>
          <ul class="list" data-testid="unplaced">
            <For each={unplaced()}>
              {(s) => (
                <li class="row card">
                  <span>
                    {s.code} · {s.name}
                  </span>
                  <button type="button" class="button small" draggable="true" onDragStart={(e) => e.dataTransfer?.setData('text/plain', String(s.id))} onClick={() => void place(s, { x: 0.5, y: 0.5 })}>
                    {t('plans.put', { code: s.code })}
                  </button>
                </li>
              )}
            </For>
          </ul>
        </Show>
        <Show when={onPlan().length > 0}>
          <h2>{t('plans.onPlan')}</h2>
          <ul class="list">
            <For each={onPlan()}>
              {(s) => (
                <li class="row card">
                  <span>
                    {s.code} · {Math.round(s.plan!.x * 100)}%, {Math.round(s.plan!.y * 100)}%
                  </span>
                  <button type="button" class="button small" onClick={() => void place(s, null)}>
                    {t('plans.takeOff', { code: s.code })}
                  </button>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Show>
      <h2>{t('plans.upload')}</h2>
      <form class="stack card" onSubmit={upload}>
        <Field label={t('manage.name')}>
          <input name="name" required maxlength="100" />
        </Field>
        <Field label={t('buildings.floor')}>
          <input name="floor" type="number" min="-5" max="200" inputmode="numeric" />
        </Field>
        <Field label={t('plans.image')}>
          <input name="image" type="file" required accept="image/png,image/jpeg,image/webp" />
        </Field>
        <button type="submit" class="button primary">
          {t('plans.uploadButton')}
        </button>
      </form>
    </section>
  );
}

const round = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 1000) / 1000;
