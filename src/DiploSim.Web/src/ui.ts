import { Chart, LineController, LineElement, PointElement, LinearScale, CategoryScale, BarController, BarElement, Legend, Tooltip } from 'chart.js';
import type { TurnSummary as Turn } from './generated/contract';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, BarController, BarElement, Legend, Tooltip);

type Attrs = Record<string, string | number | boolean | ((e: Event) => void) | undefined>;

/** Makes an element: h('button', { onclick, 'data-testid': 'x' }, 'text'). */
export function h(tag: string, attrs: Attrs = {}, ...children: (Node | string | null | undefined | false)[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), v);
    else if (k === 'value') (el as HTMLInputElement).value = String(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

export function fill(el: HTMLElement, ...children: (Node | string | null | undefined | false)[]): void {
  el.replaceChildren(...children.filter((c): c is Node | string => c !== null && c !== undefined && c !== false));
}

export const fmt = (n: number | null | undefined, digits = 1): string => (n === null || n === undefined || Number.isNaN(n) ? '–' : n.toFixed(digits));

export const palette = ['#0969da', '#cf222e', '#1a7f37', '#9a6700', '#8250df', '#bf3989', '#1b7c83', '#57606a'];

export { series, utility } from './charts/data';

const charts = new WeakMap<HTMLCanvasElement, Chart>();

/** Draws a chart on a canvas, or updates the one already there in place. */
function draw(canvas: HTMLCanvasElement, type: 'line' | 'bar', labels: string[], datasets: object[], extra: object = {}): void {
  const existing = charts.get(canvas);
  if (existing) {
    existing.data.labels = labels;
    existing.data.datasets = datasets as never;
    existing.update('none');
    return;
  }
  charts.set(canvas, new Chart(canvas, { type, data: { labels, datasets: datasets as never }, options: { animation: false, responsive: true, maintainAspectRatio: false, ...extra } }));
}

/** A line chart of one value per turn for each named line; redraws in place. */
export function lineChart(canvas: HTMLCanvasElement, history: Turn[], lines: { label: string; data: (number | null)[] }[]): void {
  const labels = ['start', ...history.map((t) => `T${t.Turn}`)];
  draw(canvas, 'line', labels, lines.map((l, i) => ({ label: l.label, data: l.data, borderColor: palette[i % palette.length], backgroundColor: palette[i % palette.length], spanGaps: true, tension: 0.2 })));
}

export function barChart(canvas: HTMLCanvasElement, labels: string[], bars: { label: string; data: number[] }[], stacked = false): void {
  const scales = stacked ? { x: { stacked: true }, y: { stacked: true } } : undefined;
  draw(canvas, 'bar', labels, bars.map((b, i) => ({ label: b.label, data: b.data, backgroundColor: palette[i % palette.length] })), { scales });
}

/** A table with a header row; each row's cells are text or nodes. */
export function table(testid: string, head: string[], rows: (string | Node)[][], rowClass: (i: number) => string = () => ''): HTMLElement {
  return h('div', { class: 'scroll' }, h('table', { class: 'grid', 'data-testid': testid },
    h('tr', {}, ...head.map((x) => h('th', {}, x))),
    ...rows.map((r, i) => h('tr', { class: rowClass(i) }, ...r.map((c) => h('td', {}, c))))));
}

export function chartBox(title: string, testid: string): { box: HTMLElement; canvas: HTMLCanvasElement } {
  const canvas = h('canvas', { 'data-testid': testid }) as HTMLCanvasElement;
  return { box: h('figure', { class: 'chart' }, h('figcaption', {}, title), h('div', { class: 'chart-area' }, canvas)), canvas };
}

/** A countdown to the deadline, corrected by the server's clock at the snapshot. */
export function countdown(el: HTMLElement, deadlineMs: number | null, serverNowMs: number, phase: string): void {
  const skew = serverNowMs - Date.now();
  const tick = (): void => {
    if (phase !== 'Running' || deadlineMs === null) {
      el.textContent = phase === 'Paused' ? 'paused' : phase.toLowerCase();
      return;
    }
    const left = Math.max(0, deadlineMs - (Date.now() + skew));
    const s = Math.floor(left / 1000);
    el.textContent = `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  };
  tick();
  const prev = Number(el.dataset.timer);
  if (prev) window.clearInterval(prev);
  el.dataset.timer = String(window.setInterval(tick, 1000));
}

/**
 * Tells the person at the page that what it shows can no longer be trusted: a notice at the top that asks for a
 * reload, and the page greyed so that nothing on it passes for current.
 */
export function showReloadNotice(message: string): void {
  document.body.classList.add('stale');
  if (document.querySelector('[data-testid="reload-notice"]')) return;
  document.body.prepend(h('div', { class: 'reload-notice', role: 'alert', 'data-testid': 'reload-notice' }, message, ' ',
    h('button', { onclick: () => location.reload() }, 'Reload')));
}
