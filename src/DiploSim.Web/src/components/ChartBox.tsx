import { Chart } from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';
import type { Series } from '../charts/data';
import { palette } from '../ui';

/** A chart.js chart that updates in place when its data changes (and only then). */
export function ChartBox({ title, testid, type = 'line', data, stacked = false }: { title: string; testid: string; type?: 'line' | 'bar'; data: Series; stacked?: boolean }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart | null>(null);
  useEffect(() => {
    const datasets = data.datasets.map((d, i) => ({
      label: d.label, data: d.data, borderColor: palette[i % palette.length], backgroundColor: palette[i % palette.length], spanGaps: true, tension: 0.2,
    }));
    if (chart.current) {
      chart.current.data.labels = data.labels;
      chart.current.data.datasets = datasets as never;
      chart.current.update('none');
    } else if (canvas.current) {
      const scales = stacked ? { x: { stacked: true }, y: { stacked: true } } : undefined;
      chart.current = new Chart(canvas.current, {
        type, data: { labels: data.labels, datasets: datasets as never }, options: { animation: false, responsive: true, maintainAspectRatio: false, scales },
      });
    }
  }, [data]);
  useEffect(() => () => chart.current?.destroy(), []);
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <div class="chart-area"><canvas data-testid={testid} ref={canvas} /></div>
    </figure>
  );
}
