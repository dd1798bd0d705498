import { For, Show } from 'solid-js';
import type { BusyTuple } from '../shared/api.js';
import { SLOT_MINUTES, type Interval } from '../shared/rules.js';
import { localTime } from '../shared/time.js';
import { t } from '../client/i18n.js';

const STEP = SLOT_MINUTES * 60_000;

type Run = { state: 'free' | 'taken' | 'past'; start: number; end: number };

/** The opening hours cut into quarter hours, joined into runs of free, taken and past (not startable any more). */
export function runsOf(open: Interval, busy: BusyTuple[], startable: (hhmm: string) => boolean, tz: string): Run[] {
  const runs: Run[] = [];
  for (let at = open.start; at < open.end; at += STEP) {
    const taken = busy.some(([s, e]) => s < at + STEP && e > at);
    const state = taken ? 'taken' : startable(localTime(at, tz)) ? 'free' : 'past';
    const last = runs.at(-1);
    if (last && last.state === state) last.end = at + STEP;
    else runs.push({ state, start: at, end: at + STEP });
  }
  return runs;
}

/**
 * A room's day at a glance: a bar over the opening hours, taken parts hatched (not by colour
 * alone), free parts buttons. A tap on a free part picks the quarter hour tapped as the start
 * (a key press picks the part's first quarter); `onPick` gets the start and the minutes free from it.
 */
export function Timeline(props: { code: string; open: Interval; busy: BusyTuple[]; startable: (hhmm: string) => boolean; tz: string; chosen?: Interval | null; onPick: (from: string, freeMinutes: number) => void }) {
  const runs = () => runsOf(props.open, props.busy, props.startable, props.tz);
  const span = (r: Run) => `${localTime(r.start, props.tz)}–${localTime(r.end, props.tz)}`;
  const list = (state: Run['state']) => runs().filter((r) => r.state === state).map(span).join(', ') || '–';
  const pick = (r: Run, e: MouseEvent) => {
    const box = (e.currentTarget as HTMLElement).getBoundingClientRect();
    const quarters = (r.end - r.start) / STEP;
    const q = e.detail === 0 || box.width === 0 ? 0 : Math.min(quarters - 1, Math.max(0, Math.floor(((e.clientX - box.left) / box.width) * quarters)));
    const start = r.start + q * STEP;
    props.onPick(localTime(start, props.tz), (r.end - start) / 60_000);
  };
  return (
    <div class="timeline" data-testid={`timeline-${props.code}`}>
      <p class="sr-only">{t('reserve.line', { free: list('free'), taken: list('taken') })}</p>
      <div class="tl-bar">
        <For each={runs()}>
          {(r) =>
            r.state === 'free' ? (
              <button type="button" class="tl-free" style={{ 'flex-grow': (r.end - r.start) / STEP }} aria-label={t('reserve.pickFree', { from: localTime(r.start, props.tz), to: localTime(r.end, props.tz) })} onClick={(e) => pick(r, e)} />
            ) : (
              <span class={`tl-${r.state}`} style={{ 'flex-grow': (r.end - r.start) / STEP }} aria-hidden="true" title={span(r)} />
            )
          }
        </For>
        {/* The time chosen now, outlined over the bar, so a tap shows what it picked. */}
        <Show when={props.chosen}>
          {(c) => {
            const whole = () => props.open.end - props.open.start;
            return <span class="tl-mark" aria-hidden="true" style={{ left: `${(100 * (c().start - props.open.start)) / whole()}%`, width: `${(100 * (c().end - c().start)) / whole()}%` }} />;
          }}
        </Show>
      </div>
      <div class="tl-hours" aria-hidden="true">
        <span>{localTime(props.open.start, props.tz)}</span>
        <span>{localTime(props.open.start + Math.round((props.open.end - props.open.start) / 2 / 3_600_000) * 3_600_000, props.tz)}</span>
        <span>{localTime(props.open.end, props.tz)}</span>
      </div>
    </div>
  );
}
