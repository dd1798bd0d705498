import { createSignal, For } from 'solid-js';
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
}

const clamp = (v: number) => Math.min(1, Math.max(0, v));

/**
 * A floor plan with its spaces as buttons at their places. Editable, a marker is dragged with
 * mouse, pen or finger, or moved with the arrow keys (Shift for bigger steps); each drop or key
 * press reports the new place as fractions of the plan's width and height. Used by the
 * management screen, the app's reservation screen and the kiosk.
 */
export function PlanView<S extends PlanSpace>(props: Props<S>) {
  let box: HTMLDivElement | undefined;
  const [dragging, setDragging] = createSignal<{ id: number; x: number; y: number } | null>(null);
  const at = (e: PointerEvent) => {
    const r = box!.getBoundingClientRect();
    return { x: clamp((e.clientX - r.left) / r.width), y: clamp((e.clientY - r.top) / r.height) };
  };
  const position = (s: S) => {
    const d = dragging();
    return d && d.id === s.id ? d : s.plan!;
  };
  const keyMove = (s: S, e: KeyboardEvent) => {
    const step = e.shiftKey ? 0.05 : 0.01;
    const delta = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }[e.key];
    if (!delta || !props.editable) return;
    e.preventDefault();
    props.onMove?.(s, { x: clamp(s.plan!.x + delta[0]!), y: clamp(s.plan!.y + delta[1]!) });
  };
  // Only this plan's spaces: a screen may pass every space of the location, on several floors.
  // The frame scrolls sideways where the plan is wider than the screen (a phone), so the
  // markers keep the room the plan was drawn for instead of covering each other.
  return (
    <div class="plan-frame">
      <div class={props.editable ? 'plan editable' : 'plan'} ref={box} data-testid="plan">
        <img src={props.plan.imageUrl} alt={props.plan.name} draggable={false} />
        <For each={props.spaces.filter((s) => s.plan?.planId === props.plan.id)}>
          {(s) => (
            <button
              type="button"
              class={`plan-marker ${props.status?.(s) ?? ''}`}
              style={{ left: `${position(s).x * 100}%`, top: `${position(s).y * 100}%` }}
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
      </div>
    </div>
  );
}
