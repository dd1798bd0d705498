import { createResource, createSignal, For, Show } from 'solid-js';
import type { SpaceDto } from '../../shared/api.js';
import { t, te } from '../../client/i18n.js';
import { api } from '../state.js';
import { createLocationChoice, LocationSelect, ManageNav, NoticeBox, type Notice, refreshing } from '../ui.js';
import { freeSpot, planPoint, PlanView, spacesForPlan } from '../../client/plan.js';
import { Field } from '../../client/field.js';

const readAsDataUrl = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });

/**
 * Facility: upload a floor plan per floor or zone and place spaces on it: drag one from "Nog
 * niet geplaatst" onto the plan (mouse, pen or finger), or choose it and put it with the arrow
 * keys and Enter or a tap on the plan, or let the place button find a free spot; placed markers
 * are dragged or moved with the arrow keys. Each drop is saved at once.
 */
export default function FloorPlans() {
  const [locationId, setLocationId] = createLocationChoice();
  const [notice, setNotice] = createSignal<Notice | null>(null);
  const [uploadNotice, setUploadNotice] = createSignal<Notice | null>(null);
  const [planId, setPlanId] = createSignal<number | null>(null);
  const [data, { refetch: fetchAgain, mutate }] = createResource(locationId, async (id) => {
    if (!id) return null;
    const [plans, spaces, zones] = await Promise.all([api.plans(id), api.spaces(id), api.zones(id)]);
    return plans.ok && spaces.ok && zones.ok ? { plans: plans.data, spaces: spaces.data, zones: zones.data } : null;
  });
  const refetch = refreshing(fetchAgain);
  const plan = () => data()?.plans.find((p) => p.id === planId()) ?? data()?.plans[0];
  const onPlan = () => (data()?.spaces ?? []).filter((s) => s.plan && s.plan.planId === plan()?.id);
  // Only the spaces this plan is drawn for (its zone or floor), not every floor's.
  const unplaced = () => {
    const d = data();
    const p = plan();
    if (!d || !p) return [];
    return spacesForPlan(p, d.spaces, d.zones).filter((s) => !s.plan || !d.plans.some((q) => q.id === s.plan!.planId));
  };
  const planScope = () => {
    const p = plan();
    if (!p) return '';
    if (p.zoneId !== null) return t('plans.scopeZone', { name: data()?.zones.find((z) => z.id === p.zoneId)?.name ?? p.name });
    return p.floor === null ? t('plans.scopeAll') : t('plans.scopeFloor', { floor: t('buildings.floorN', { n: p.floor }) });
  };

  let planBox: HTMLDivElement | undefined;
  // Spots handed out but not yet saved, so two quick presses of a place button differ.
  const [pending, setPending] = createSignal<{ x: number; y: number }[]>([]);
  const nextFreeSpot = () => {
    const r = planBox?.getBoundingClientRect();
    return freeSpot([...onPlan().map((s) => s.plan!), ...pending()], r?.width ?? 0, r?.height ?? 0);
  };
  /** The space chosen to be put by keyboard or by a tap on the plan. */
  const [choosing, setChoosing] = createSignal<SpaceDto | null>(null);

  async function place(space: SpaceDto, at: { x: number; y: number } | null, from?: HTMLElement) {
    // The next space in the list, to keep the keyboard's place when this one leaves the list.
    const next = from?.closest('li')?.nextElementSibling?.querySelector<HTMLElement>('.plan-source') ?? null;
    const spot = at && { x: round(at.x), y: round(at.y) };
    const body = { at: spot && { planId: plan()!.id, ...spot } };
    if (spot) setPending((p) => [...p, spot]);
    const res = await api.placeSpace(space.id, body);
    if (spot) setPending((p) => p.filter((q) => q !== spot));
    if (!res.ok) {
      setNotice({ tone: 'error', text: te(res.code) });
      return;
    }
    mutate((d) => d && { ...d, spaces: d.spaces.map((s) => (s.id === space.id ? res.data : s)) });
    setNotice({ tone: 'ok', text: at ? t('plans.placed', { code: space.code }) : t('plans.removed', { code: space.code }) });
    if (from && at) {
      // Put by the button: show where it went (the plan may be scrolled away above the list).
      queueMicrotask(() => {
        planBox?.querySelector(`[data-space="${CSS.escape(space.code)}"]`)?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
        if (document.activeElement === document.body || !document.activeElement) next?.focus({ preventScroll: true });
      });
    }
  }

  // Dragging from the list: pointer events, so a finger works as a mouse does (HTML5 drag and
  // drop never starts from a touch). A press without movement is a click: the free-spot button.
  const [drag, setDrag] = createSignal<{ space: SpaceDto; startX: number; startY: number; x: number; y: number; moved: boolean } | null>(null);
  let draggedAt = 0;
  const dragHandlers = (s: SpaceDto) => ({
    onPointerDown: (e: PointerEvent) => {
      if (e.button !== 0) return;
      (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
      setDrag({ space: s, startX: e.clientX, startY: e.clientY, x: e.clientX, y: e.clientY, moved: false });
    },
    onPointerMove: (e: PointerEvent) => {
      const d = drag();
      if (!d || d.space.id !== s.id) return;
      const moved = d.moved || Math.hypot(e.clientX - d.startX, e.clientY - d.startY) > 6;
      setDrag({ ...d, x: e.clientX, y: e.clientY, moved });
    },
    onPointerUp: (e: PointerEvent) => {
      const d = drag();
      setDrag(null);
      if (!d || d.space.id !== s.id || !d.moved) return;
      draggedAt = Date.now();
      const at = planBox && planPoint(planBox, e.clientX, e.clientY);
      if (at) void place(s, at);
      else setNotice({ tone: 'info', text: t('plans.dropOutside', { code: s.code }) });
    },
    onPointerCancel: () => setDrag(null),
    onClick: (e: MouseEvent) => {
      // The click a drag's release also fires is not a press of the button.
      if (Date.now() - draggedAt < 500) return;
      void place(s, nextFreeSpot(), e.currentTarget as HTMLElement);
    },
  });

  const choose = (s: SpaceDto) => {
    if (choosing()?.id === s.id) {
      setChoosing(null);
      return;
    }
    setChoosing(s);
    // The plan becomes focusable as it is chosen; focus it once that has rendered.
    queueMicrotask(() => {
      planBox?.scrollIntoView({ block: 'nearest' });
      planBox?.focus({ preventScroll: true });
    });
  };

  const upload = async (e: SubmitEvent) => {
    e.preventDefault();
    const formEl = e.currentTarget as HTMLFormElement;
    const f = new FormData(formEl);
    const file = f.get('image') as File | null;
    if (!file || file.size === 0) return;
    if (file.size > 2 * 1024 * 1024) {
      setUploadNotice({ tone: 'error', text: te('payload_too_large') });
      return;
    }
    const floor = String(f.get('floor') ?? '');
    const body = { name: String(f.get('name')).trim(), image: await readAsDataUrl(file), ...(floor === '' ? {} : { floor: Number(floor) }) };
    const res = await api.uploadPlan(locationId(), body);
    setUploadNotice(res.ok ? { tone: 'ok', text: t('manage.saved') } : { tone: 'error', text: te(res.code) });
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
    setUploadNotice(res.ok ? { tone: 'ok', text: t('plans.deleted') } : { tone: 'error', text: te(res.code) });
    setPlanId(null);
    void refetch();
  };

  return (
    <section class="plan-page">
      <h1>{t('plans.title')}</h1>
      <ManageNav />
      <LocationSelect value={locationId()} onChange={(id) => (setPlanId(null), setChoosing(null), setLocationId(id))} />
      <Show when={(data()?.plans.length ?? 0) > 0} fallback={<p class="muted">{t('plans.none')}</p>}>
        <Field label={t('plans.plan')}>
          <select value={plan()?.id} onChange={(e) => (setChoosing(null), setPlanId(Number(e.currentTarget.value)))}>
            <For each={data()?.plans}>{(p) => <option value={p.id}>{p.floor === null ? p.name : `${p.name} (${t('buildings.floorN', { n: p.floor })})`}</option>}</For>
          </select>
        </Field>
        <p class="muted">{t('plans.hint')}</p>
        <div class="plan-layout">
          <div class="plan-main">
            <PlanView
              plan={plan()!}
              spaces={onPlan()}
              editable
              onMove={(space, at) => void place(space, at)}
              label={(s) => s.code}
              ref={(el) => (planBox = el)}
              placing={choosing() && { code: choosing()!.code, label: t('plans.placingLabel', { name: plan()!.name, code: choosing()!.code }), start: nextFreeSpot() }}
              onPlace={(at) => {
                const s = choosing();
                setChoosing(null);
                if (s) void place(s, at);
              }}
              onCancelPlace={() => {
                const s = choosing();
                setChoosing(null);
                if (s) setNotice({ tone: 'info', text: t('plans.placeStopped', { code: s.code }) });
              }}
            />
            <Show when={choosing()}>
              {(s) => (
                <p class="plan-placing">
                  {t('plans.placing', { code: s().code })}{' '}
                  <button type="button" class="button small" onClick={() => setChoosing(null)}>
                    {t('action.cancel')}
                  </button>
                </p>
              )}
            </Show>
            <NoticeBox notice={notice()} />
          </div>
          <div class="plan-side">
            <h2>{t('plans.unplaced')}</h2>
            <p class="muted">{planScope()}</p>
            <Show when={unplaced().length > 0} fallback={<p class="muted">{t('plans.allPlaced')}</p>}>
              <ul class="list" data-testid="unplaced">
                <For each={unplaced()}>
                  {(s) => (
                    <li class="row card">
                      <span>
                        {s.code} · {s.name}
                      </span>
                      <span class="plan-source-actions">
                        <button type="button" class="button small plan-source" {...dragHandlers(s)}>
                          {t('plans.put', { code: s.code })}
                        </button>
                        <button type="button" class="button small" aria-pressed={choosing()?.id === s.id} onClick={() => choose(s)}>
                          {t('plans.choose', { code: s.code })}
                        </button>
                      </span>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </div>
        </div>
        <Show when={drag()?.moved}>
          <span class="drag-ghost" aria-hidden="true" style={{ left: `${drag()!.x}px`, top: `${drag()!.y}px` }}>
            {drag()!.space.code}
          </span>
        </Show>
        <div class="actions">
          <button type="button" class="button" onClick={remove}>
            {t('plans.delete', { name: plan()!.name })}
          </button>
        </div>
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
      <NoticeBox notice={uploadNotice()} />
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
