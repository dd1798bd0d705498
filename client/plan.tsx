import { createEffect, createSignal, For, on, onCleanup, Show } from 'solid-js';
import type { PlanPosition } from '../shared/types.js';

export interface PlanSpace {
  id: number;
  code: string;
  plan: PlanPosition | null;
}

interface Props<S extends PlanSpace> {
  plan: { id: number; name: string; imageUrl: string };
  spaces: S[];
  /** The marker's visible text and accessible name (status in words, never by colour alone). */
  label: (s: S) => string;
  /** Colours the marker as a second cue besides its text. */
  status?: (s: S) => 'free' | 'taken' | undefined;
  editable?: boolean;
  onMove?: (s: S, at: { x: number; y: number }) => void;
  onPick?: (s: S) => void;
  picked?: number | null;
  /** The plan's box, for a screen that drops things dragged from elsewhere onto it. */
  ref?: (el: HTMLDivElement) => void;
  /**
   * A space being placed from outside the plan (keyboard or tap): the plan takes focus, shows a
   * cursor the arrow keys move, and Enter, or a click or tap on the plan, drops it there.
   */
  placing?: { code: string; label: string; start: { x: number; y: number } } | null;
  onPlace?: (at: { x: number; y: number }) => void;
  onCancelPlace?: () => void;
}

const clamp = (v: number) => Math.min(1, Math.max(0, v));

/** Where a screen point falls on a plan box, as fractions of its width and height; null outside it. */
export function planPoint(box: Element, clientX: number, clientY: number): { x: number; y: number } | null {
  const r = box.getBoundingClientRect();
  if (r.width === 0 || r.height === 0 || clientX < r.left || clientX > r.right || clientY < r.top || clientY > r.bottom) return null;
  return { x: clamp((clientX - r.left) / r.width), y: clamp((clientY - r.top) / r.height) };
}

/** Room a marker takes (a code like HUB-1-014 at the plan's font size), with a little air. */
const CELL = { w: 112, h: 56 };

/**
 * The first spot, row by row from the top left, of a grid of marker-sized cells over a plan of
 * width × height pixels where no marker stands yet, so spaces placed without a drop position
 * never land on each other. With every cell taken, the spot farthest from any marker.
 */
export function freeSpot(taken: { x: number; y: number }[], width: number, height: number): { x: number; y: number } {
  const w = width > 0 ? width : 640;
  const h = height > 0 ? height : 400;
  const cols = Math.max(1, Math.floor(w / CELL.w));
  const rows = Math.max(1, Math.floor(h / CELL.h));
  let best = { x: 0.5, y: 0.5 };
  let bestDistance = -1;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const spot = { x: (c + 0.5) / cols, y: (r + 0.5) / rows };
      const near = taken.filter((t) => Math.abs(t.x - spot.x) * w < CELL.w && Math.abs(t.y - spot.y) * h < CELL.h);
      if (near.length === 0) return { x: round(spot.x), y: round(spot.y) };
      const distance = Math.min(...taken.map((t) => Math.hypot((t.x - spot.x) * w, (t.y - spot.y) * h)));
      if (distance > bestDistance) [best, bestDistance] = [spot, distance];
    }
  }
  return { x: round(best.x), y: round(best.y) };
}

const round = (v: number) => Math.round(clamp(v) * 1000) / 1000;

/** The spaces a plan is drawn for: its zone's, or its floor's (spaces of no known floor too), or all. */
export function spacesForPlan<S extends { zoneId: number | null }>(plan: { zoneId: number | null; floor: number | null }, spaces: S[], zones: { id: number; floor: number | null }[]): S[] {
  if (plan.zoneId !== null) return spaces.filter((s) => s.zoneId === plan.zoneId);
  if (plan.floor === null) return spaces;
  const floorOf = new Map(zones.map((z) => [z.id, z.floor]));
  return spaces.filter((s) => {
    const floor = s.zoneId === null ? null : (floorOf.get(s.zoneId) ?? null);
    return floor === null || floor === plan.floor;
  });
}

/**
 * A floor plan with its spaces as buttons at their places. Editable, a marker is dragged with
 * mouse, pen or finger, or moved with the arrow keys (Shift for bigger steps); each drop or key
 * press reports the new place as fractions of the plan's width and height. Used by the
 * management screen, the app's reservation screen and the kiosk.
 */
export function PlanView<S extends PlanSpace>(props: Props<S>) {
  let box: HTMLDivElement | undefined;
  const [dragging, setDragging] = createSignal<{ id: number; x: number; y: number } | null>(null);
  const [cursor, setCursor] = createSignal<{ x: number; y: number } | null>(null);
  // Each marker's size, so its box is kept inside the plan: a place at the very edge would
  // otherwise show half the marker outside the image (the kiosk's plan has no margin around it).
  const [sizes, setSizes] = createSignal<Record<number, { w: number; h: number }>>({});
  const observer =
    typeof ResizeObserver === 'undefined'
      ? null
      : new ResizeObserver((entries) =>
          setSizes((prev) => {
            const next = { ...prev };
            for (const e of entries) {
              const el = e.target as HTMLElement;
              next[Number(el.dataset.id)] = { w: el.offsetWidth, h: el.offsetHeight };
            }
            return next;
          }),
        );
  onCleanup(() => observer?.disconnect());
  // A newly chosen space starts at its own free spot, not where the previous one was left.
  createEffect(on(() => props.placing?.code, () => setCursor(null), { defer: true }));
  const at = (e: PointerEvent) => {
    const r = box!.getBoundingClientRect();
    return { x: clamp((e.clientX - r.left) / r.width), y: clamp((e.clientY - r.top) / r.height) };
  };
  const position = (s: S) => {
    const d = dragging();
    return d && d.id === s.id ? d : s.plan!;
  };
  const inside = (fraction: number, size: number | undefined) =>
    size ? `clamp(${size / 2}px, ${fraction * 100}%, calc(100% - ${size / 2}px))` : `${fraction * 100}%`;
  const keyMove = (s: S, e: KeyboardEvent) => {
    const step = e.shiftKey ? 0.05 : 0.01;
    const delta = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }[e.key];
    if (!delta || !props.editable) return;
    e.preventDefault();
    e.stopPropagation();
    props.onMove?.(s, { x: clamp(s.plan!.x + delta[0]!), y: clamp(s.plan!.y + delta[1]!) });
  };
  const placeAt = () => cursor() ?? props.placing?.start ?? { x: 0.5, y: 0.5 };
  const placingKey = (e: KeyboardEvent) => {
    if (!props.placing || e.target !== box) return;
    const step = e.shiftKey ? 0.05 : 0.01;
    const delta = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }[e.key];
    if (delta) {
      e.preventDefault();
      const p = placeAt();
      setCursor({ x: round(p.x + delta[0]!), y: round(p.y + delta[1]!) });
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      const p = placeAt();
      setCursor(null);
      props.onPlace?.(p);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setCursor(null);
      props.onCancelPlace?.();
    }
  };
  // Only this plan's spaces: a screen may pass every space of the location, on several floors.
  // The frame scrolls sideways where the plan is wider than the screen (a phone), so the
  // markers keep the room the plan was drawn for instead of covering each other.
  return (
    <div class="plan-frame">
      <div
        class={`${props.editable ? 'plan editable' : 'plan'}${props.placing ? ' placing' : ''}`}
        ref={(el) => {
          box = el;
          props.ref?.(el);
        }}
        data-testid="plan"
        role={props.placing ? 'application' : undefined}
        tabindex={props.placing ? 0 : undefined}
        aria-label={props.placing?.label}
        onKeyDown={placingKey}
        onClick={(e) => {
          // "Plaats hier": with a space chosen, a click or tap on the plan puts it there.
          if (!props.placing || (e.target as Element).closest('.plan-marker')) return;
          const p = planPoint(box!, e.clientX, e.clientY);
          if (!p) return;
          setCursor(null);
          props.onPlace?.({ x: round(p.x), y: round(p.y) });
        }}
      >
        <img src={props.plan.imageUrl} alt={props.plan.name} draggable={false} />
        <For each={props.spaces.filter((s) => s.plan?.planId === props.plan.id)}>
          {(s) => (
            <button
              type="button"
              class={`plan-marker ${props.status?.(s) ?? ''}`}
              ref={(el) => observer?.observe(el)}
              data-id={s.id}
              style={{ left: inside(position(s).x, sizes()[s.id]?.w), top: inside(position(s).y, sizes()[s.id]?.h) }}
              aria-pressed={props.onPick ? props.picked === s.id : undefined}
              data-space={s.code}
              onClick={() => props.onPick?.(s)}
              onKeyDown={(e) => keyMove(s, e)}
              onPointerDown={(e) => {
                if (!props.editable) return;
                e.preventDefault();
                e.currentTarget.setPointerCapture(e.pointerId);
                setDragging({ id: s.id, ...at(e) });
              }}
              onPointerMove={(e) => dragging()?.id === s.id && setDragging({ id: s.id, ...at(e) })}
              onPointerUp={(e) => {
                const d = dragging();
                if (!d || d.id !== s.id) return;
                setDragging(null);
                props.onMove?.(s, at(e));
              }}
            >
              {props.label(s)}
            </button>
          )}
        </For>
        <Show when={props.placing}>
          {(p) => (
            <span class="plan-cursor" aria-hidden="true" data-testid="plan-cursor" style={{ left: `${placeAt().x * 100}%`, top: `${placeAt().y * 100}%` }}>
              {p().code}
            </span>
          )}
        </Show>
      </div>
    </div>
  );
}
