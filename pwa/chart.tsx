import { onCleanup, onMount } from 'solid-js';
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
 */
export function LineChart(props: { x: string[]; series: Series[]; summary: string; yMax?: number; testId?: string; yLabel: string; locale: string }) {
  let box!: HTMLDivElement;
  let plot: uPlot | undefined;
  onMount(async () => {
    const { default: UPlot } = await import('uplot');
    const width = Math.min(640, box.clientWidth || 320);
    plot = new UPlot(
      {
        width,
        height: 220,
        scales: { x: { time: false }, y: { range: [0, props.yMax ?? null] as uPlot.Range.MinMax } },
        // The Y axis says what it counts, its numbers in the reader's locale (nl: a decimal comma).
        axes: [{ values: (_u, ticks) => ticks.map((i) => props.x[i] ?? '') }, { label: props.yLabel, labelSize: 20, values: (_u, ticks) => ticks.map((v) => new Intl.NumberFormat(props.locale).format(v)) }],
        series: [{ label: '' }, ...props.series.map((s) => ({ label: s.label, stroke: s.colour, width: 2, dash: s.dash, spanGaps: true }))],
        legend: { show: false }, // our own legend below: text, not colour alone
        cursor: { show: false },
      },
      [props.x.map((_, i) => i), ...props.series.map((s) => s.values)] as uPlot.AlignedData,
      box,
    );
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
