/**
 * A report's table with its columns as data, so every table of the report and audit screens
 * has the same header scopes, classes and scrolling box. Its own module, not ui.tsx: only the
 * lazily loaded management screens use it, the first screen's JavaScript stays as it is.
 */
import { createMemo, For, Index, onCleanup, Show, type JSX } from 'solid-js';

export interface Column<R> {
  header: JSX.Element;
  cell: (row: R) => JSX.Element;
  /** The cell names its row (`<th scope="row">`), so a screen reader reads it before each figure. */
  rowHeader?: boolean;
}

/**
 * A wide table's scrolling box takes keyboard focus only while it scrolls (on a phone), so a
 * keyboard can scroll it; where the table fits there is nothing to reach, and a tabbable box
 * that is no control would only be an extra stop.
 */
function tabbableWhileScrolling(el: HTMLElement): void {
  const update = () => (el.scrollWidth > el.clientWidth ? el.setAttribute('tabindex', '0') : el.removeAttribute('tabindex'));
  const watch = new ResizeObserver(update);
  watch.observe(el);
  queueMicrotask(() => el.firstElementChild && watch.observe(el.firstElementChild));
  onCleanup(() => watch.disconnect());
}

export function ReportTable<R>(props: {
  columns: Column<R>[];
  rows: readonly R[];
  testId: string;
  /** Beside "report", e.g. "report-wide" for a table that keeps its width and scrolls on a phone. */
  class?: string;
  /**
   * On a narrow screen (below 600 px) each row stands as a card, every figure under its
   * column's name, instead of columns pushed off the screen (see .report-cards in styles.css).
   */
  cards?: boolean;
  /**
   * A named scrolling box around the table: in the tab order only while it scrolls (see
   * tabbableWhileScrolling), or with `tabbable: 'always'` even where it fits.
   */
  region?: { label: string; tabbable?: 'always' | 'whileScrolling' };
}): JSX.Element {
  // One set of columns for the header and every row (the caller's inline array is rebuilt on each read).
  const columns = createMemo(() => props.columns);
  const classes = () => ['report', props.class, props.cards && 'report-cards'].filter(Boolean).join(' ');
  // A card names each figure by its column (drawn from data-label), the header row being out of sight.
  const label = (c: Column<R>) => (props.cards && typeof c.header === 'string' ? c.header : undefined);
  const table = () => (
    <table class={classes()} data-testid={props.testId}>
      <thead>
        <tr>
          <Index each={columns()}>{(c) => <th scope="col">{c().header}</th>}</Index>
        </tr>
      </thead>
      <tbody>
        <For each={props.rows}>
          {(row) => (
            <tr>
              <Index each={columns()}>{(c) => (c().rowHeader ? <th scope="row">{c().cell(row)}</th> : <td data-label={label(c())}>{c().cell(row)}</td>)}</Index>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
  return (
    <Show when={props.region} fallback={table()}>
      {(region) => (
        <div
          class="table-wrap"
          ref={(el) => (region().tabbable === 'always' ? el.setAttribute('tabindex', '0') : tabbableWhileScrolling(el))}
          role="region"
          aria-label={region().label}
        >
          {table()}
        </div>
      )}
    </Show>
  );
}
