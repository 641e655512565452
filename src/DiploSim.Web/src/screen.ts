import { effect } from '@preact/signals';
import { pagePass } from './api';
import type { SnapshotDto as Snapshot } from './generated/contract';
import { Live } from './session/connection';
import { SessionStore } from './session/store';
import { networkLegend, networkSvg } from './network';
import { chartBox, countdown, fill, fmt, h, lineChart, series, utility } from './ui';

/** The classroom screen: read-only, large type, for a projector. */
export function screen(root: HTMLElement): void {
  const pass = pagePass('pass:screen');
  if (!pass) {
    root.textContent = 'No session.';
    return;
  }
  const clock = h('div', { class: 'big-clock', 'data-testid': 'countdown' });
  const head = h('h1', {});
  const turn = h('div', { class: 'big-turn', 'data-testid': 'turn' });
  const table = h('table', { class: 'grid big', 'data-testid': 'indicators' });
  const ticker = h('div', { class: 'ticker', 'data-testid': 'ticker' });
  const util = chartBox('Utility score', 'chart-utility');
  const relations = h('section', { class: 'screen-network', 'data-testid': 'relations' });
  const draw = (s: Snapshot): void => {
    const st = s.Status;
    head.textContent = `${st.Title} · join with code ${st.JoinCode}`;
    turn.textContent = `Turn ${st.Turn} · ${st.Date} · ${st.Phase}${st.ReadOnly ? ` · ${st.ReadOnly}` : ''}`;
    countdown(clock, st.DeadlineMs, st.NowMs, st.Phase);
    const countries = st.Seats.map((x) => x.Country);
    const last = (c: string, ind: string): number | null => series(s.History, c, ind).at(-1) ?? null;
    fill(table, h('tr', {}, ...['Country', 'GDP ($bn)', 'Growth %', 'Stability', 'Utility', 'Ready'].map((x) => h('th', {}, x))),
      ...st.Seats.map((x) => h('tr', {}, h('td', {}, x.Country), h('td', {}, fmt(last(x.Country, 'gdp'), 0)), h('td', {}, fmt((last(x.Country, 'growth') ?? NaN) * 100)),
        h('td', {}, fmt(last(x.Country, 'stability'))), h('td', {}, fmt(utility(s.History, x.Country).at(-1), 2)), h('td', {}, x.Ready ? '✓' : ''))));
    if (s.Network) fill(relations, h('h2', {}, 'Relations'), networkSvg(s.Network, null, 480), networkLegend());
    lineChart(util.canvas, s.History, countries.map((c) => ({ label: c, data: utility(s.History, c) })));
    const headlines = s.History.slice().reverse().flatMap((t) => [...t.Shocks.map((x) => `⚡ ${x.Headline}`), ...t.News.map((n) => n.Headline)]).slice(0, 12);
    fill(ticker, ...headlines.map((x) => h('span', {}, x)));
  };
  const store = new SessionStore();
  const live = new Live(pass, store, (r) => fill(root, h('main', { class: 'screen' }, h('h1', { 'data-testid': 'revoked' }, r))));
  effect(() => { const held = store.held.value; if (held) draw(held); });
  fill(root, h('main', { class: 'screen' }, head, h('div', { class: 'row' }, turn, clock), h('div', { class: 'screen-grid' }, relations, h('div', {}, h('div', { class: 'scroll' }, table), util.box)), ticker));
  void live.start();
}
