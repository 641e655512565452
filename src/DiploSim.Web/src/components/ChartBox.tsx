import { Chart, type ChartOptions } from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';
import { waitsForTurns, type Series } from '../charts/data';
import { say, words } from '../i18n';
import { fmt, palette } from '../ui';

/** Chart text in px: the classroom screen's is read from the back of the room (24 px at 1920x1080). */
const fontSize = (big: boolean): number => (big ? 24 : 13);
const digits = (v: number): number => (Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2);
const show = (v: number | null | undefined): string => (v === null || v === undefined ? '–' : fmt(v, digits(v)));

function options(data: Series, stacked: boolean, big: boolean): ChartOptions {
  // The classroom screen is read from the back of the room: 24 px text at 1920x1080.
  const font = { size: fontSize(big) };
  const axis = (title: string | undefined, stack: boolean) => ({
    stacked: stack, ticks: { font }, title: { display: !!title, text: title ?? '', font },
  });
  return {
    animation: false, responsive: true, maintainAspectRatio: false,
    plugins: {
      legend: { labels: { font, boxWidth: big ? 28 : 14 } },
      tooltip: {
        titleFont: font, bodyFont: font,
        callbacks: {
          label: (ctx) => {
            const d = data.datasets[ctx.datasetIndex];
            const v = ctx.parsed.y;
            const abs = d?.absolute?.[ctx.dataIndex];
            return abs !== undefined && abs !== null ? say(words.charts.gdpTooltip, { country: d.label, index: show(v), absolute: fmt(abs, 0) }) : `${d?.label}: ${show(v)}`;
          },
        },
      },
    },
    // A chart over turns with a single point (the scores after turn 0) draws it in the middle, not against an edge.
    scales: { x: { ...axis(data.x, stacked), ...(data.perTurn && data.labels.length === 1 ? { offset: true } : {}) }, y: axis(data.y, stacked) },
  };
}

/**
 * A chart.js chart that updates in place when its data changes (and only then), with its axes titled and a table of
 * its numbers for screen readers. A chart over turns waits for the first turn instead of drawing empty axes.
 */
export function ChartBox({ title, testid, type = 'line', data, stacked = false, big = false }: { title: string; testid: string; type?: 'line' | 'bar'; data: Series; stacked?: boolean; big?: boolean }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart | null>(null);
  const waiting = waitsForTurns(data);
  useEffect(() => {
    if (waiting) {
      chart.current?.destroy();
      chart.current = null;
      return;
    }
    const datasets = data.datasets.map((d, i) => {
      const colour = d.colour ?? palette[i % palette.length];
      return { label: d.label, data: d.data, borderColor: colour, backgroundColor: colour, spanGaps: true, tension: 0.2, borderWidth: big ? 4 : 2, pointRadius: big ? 5 : 3 };
    });
    if (chart.current) {
      chart.current.data.labels = data.labels;
      chart.current.data.datasets = datasets as never;
      chart.current.options = options(data, stacked, big) as never;
      chart.current.update('none');
    } else if (canvas.current) {
      chart.current = new Chart(canvas.current, { type, data: { labels: data.labels, datasets: datasets as never }, options: options(data, stacked, big) as never });
    }
  }, [data, waiting]);
  useEffect(() => () => chart.current?.destroy(), []);
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      {waiting
        ? <p class="muted chart-waiting" data-testid={testid}>{words.player.chartsWaiting}</p>
        : <div class="chart-area"><canvas data-testid={testid} data-font={fontSize(big)} ref={canvas} role="img" aria-label={title} /></div>}
      {!waiting && <ChartTable title={title} data={data} />}
    </figure>
  );
}

/** The chart's numbers as a table: one row per point (a turn, or a country), one column per line. Read by screen readers. */
function ChartTable({ title, data }: { title: string; data: Series }) {
  return (
    <div class="sr-only"><table data-testid="chart-table">
      <caption>{say(words.charts.tableCaption, { title })}</caption>
      <thead><tr><th scope="col">{data.x ?? ''}</th>{data.datasets.map((d) => <th key={d.label} scope="col">{d.label}</th>)}</tr></thead>
      <tbody>
        {data.labels.map((l, i) => (
          <tr key={l}><th scope="row">{l}</th>{data.datasets.map((d) => <td key={d.label}>{show(d.data[i])}{d.absolute?.[i] != null ? ` (${fmt(d.absolute[i], 0)})` : ''}</td>)}</tr>
        ))}
      </tbody>
    </table></div>
  );
}
