import { createEffect, createSignal, onCleanup, onMount } from 'solid-js';
import type uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface Series {
  label: string;
  values: (number | null)[];
  /** Dashed lines tell series apart without relying on colour. */
  dash?: number[];
  colour: string;
}

/**
 * A line chart drawn by uPlot (small and fast, loaded only with the report screen). The chart
 * is an image for sighted users; the same figures are in a table beside it, and `summary`
 * names what it shows for screen readers.
 *
 * The chart is drawn again whenever its figures change (another range or location): the page
 * keeps one chart element and hands it new props, so drawing only once would keep the old range.
 */
export function LineChart(props: { x: string[]; series: Series[]; summary: string; yMax?: number; testId?: string; yLabel: string; locale: string }) {
  let box!: HTMLDivElement;
  let plot: uPlot | undefined;
  const [UPlot, setUPlot] = createSignal<typeof uPlot>();
  onMount(async () => {
    const { default: loaded } = await import('uplot');
    setUPlot(() => loaded);
  });
  createEffect(() => {
    const U = UPlot();
    if (!U) return;
    // Read every prop here, so a change of any of them draws the chart anew.
    const x = props.x;
    const series = props.series;
    const yMax = props.yMax ?? null;
    const format = new Intl.NumberFormat(props.locale);
    const yLabel = props.yLabel;
    const longest = Math.max(0, ...x.map((l) => l.length));
    plot?.destroy();
    const width = Math.min(640, box.clientWidth || 320);
    plot = new U(
      {
        width,
        height: 220,
        scales: { x: { time: false }, y: { range: [0, yMax] as uPlot.Range.MinMax } },
        // The Y axis says what it counts, its numbers in the reader's locale (nl: a decimal comma).
        // Room on the right for half of the last label, which is centred on the last point.
        padding: [null, Math.max(12, Math.ceil(3.5 * longest)), null, null],
        // Ticks far enough apart for the longest label ("15 dec 2025" where a range crosses a year), so none overlap.
        axes: [{ space: Math.max(50, 7 * longest + 12), values: (_u, ticks) => ticks.map((i) => x[i] ?? '') }, { label: yLabel, labelSize: 20, values: (_u, ticks) => ticks.map((v) => format.format(v)) }],
        series: [{ label: '' }, ...series.map((s) => ({ label: s.label, stroke: s.colour, width: 2, dash: s.dash, spanGaps: true }))],
        legend: { show: false }, // our own legend below: text, not colour alone
        cursor: { show: false },
        // What was last drawn, for the tests: the number of points and the first and last label.
        hooks: {
          draw: [
            (u) => {
              const n = u.data[0].length;
              box.dataset.points = String(n);
              box.dataset.xFirst = x[0] ?? '';
              box.dataset.xLast = x[n - 1] ?? '';
            },
          ],
        },
      },
      [x.map((_, i) => i), ...series.map((s) => s.values)] as uPlot.AlignedData,
      box,
    );
  });
  // A phone turned or a window narrowed: the chart takes the new width, not the page's sideways scroll.
  onMount(() => {
    const fit = new ResizeObserver(() => {
      const width = Math.min(640, box.clientWidth || 320);
      if (plot && plot.width !== width) plot.setSize({ width, height: 220 });
    });
    fit.observe(box);
    onCleanup(() => fit.disconnect());
  });
  onCleanup(() => plot?.destroy());
  return (
    <figure class="chart-figure">
      <div class="chart" role="img" aria-label={props.summary} ref={box} data-testid={props.testId} />
      <figcaption class="chart-legend">
        {props.series.map((s) => (
          <span>
            <span aria-hidden="true" class="chart-swatch" style={{ 'border-top': `3px ${s.dash ? 'dashed' : 'solid'} ${s.colour}` }} />
            {s.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
