import { Chart, LineController, LineElement, PointElement, LinearScale, CategoryScale, BarController, BarElement, Legend, Tooltip } from 'chart.js';
import { words } from './i18n';

// The chart.js parts the pages draw with (components/ChartBox.tsx), registered once.
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

/**
 * Tells the person at the page that what it shows can no longer be trusted: a notice at the top that asks for a
 * reload, and the page greyed so that nothing on it passes for current.
 */
export function showReloadNotice(message: string): void {
  document.body.classList.add('stale');
  if (document.querySelector('[data-testid="reload-notice"]')) return;
  document.body.prepend(h('div', { class: 'reload-notice', role: 'alert', 'data-testid': 'reload-notice' }, message, ' ',
    h('button', { onclick: () => location.reload() }, words.app.reload)));
}
