import { useMemo } from 'preact/hooks';
import type { CountryLedger as Ledger, AgreementTermsData as Terms } from '../generated/contract';
import { indicatorChart, scoreChart, sectorChart, tradeChart, trustChart } from '../charts/data';
import { ChartBox } from '../components/ChartBox';
import { Countdown, Mount, Table } from '../components/common';
import { networkLegend, networkSvg } from '../network';
import { fmt } from '../ui';
import { useSeat } from './seat';

export function Header() {
  const seat = useSeat();
  const { store } = seat;
  const view = store.view.value;
  const st = store.status.value;
  const mine = st?.Seats.find((x) => x.Country === view?.Country);
  return (
    <header class="bar">
      <h1 data-testid="country">{view ? `${view.Name} (${view.Country})` : ''}</h1>
      <span data-testid="turn">{st ? `Turn ${st.Turn} · ${st.Date} · ${st.Phase}` : ''}</span>
      {st && <Countdown deadlineMs={st.DeadlineMs} skewMs={store.skewMs.value} phase={st.Phase} />}
      <span class="conn" data-testid="connection" data-state={store.connection.value}>{store.connection.value}</span>
      <button data-testid="ready" class={mine?.Ready ? 'on' : ''} disabled={st?.Phase === 'Ended'} onClick={() => void seat.toggleReady()}>{mine?.Ready ? 'Ready ✓ (click to undo)' : 'Ready'}</button>
      <span class="status" role="status" data-testid="ready-status">{seat.readyStatus.value}</span>
    </header>
  );
}

export function Notice() {
  const { store } = useSeat();
  return (
    <>
      {store.broken.value && <p class="notice error" role="alert" data-testid="reload">{store.broken.value}</p>}
      <p class="notice" role="status" data-testid="notice">{store.notice.value}</p>
    </>
  );
}

export function Dashboard() {
  const { store } = useSeat();
  const view = store.view.value;
  const history = store.history.value;
  const c = view?.Country ?? '';
  const gdp = useMemo(() => indicatorChart(history, [c], 'gdp'), [history, c]);
  const growth = useMemo(() => indicatorChart(history, [c], 'growth'), [history, c]);
  const stability = useMemo(() => indicatorChart(history, [c], 'stability'), [history, c]);
  const scores = useMemo(() => scoreChart(history, c), [history, c]);
  const relations = view?.Relations;
  const trade = useMemo(() => tradeChart(relations ?? []), [relations]);
  const trust = useMemo(() => trustChart(relations ?? []), [relations]);
  const ledger = view?.Ledger;
  const bySector = useMemo(() => (ledger ? sectorChart(ledger, (relations ?? []).map((r) => r.Other)) : { labels: [], datasets: [] }), [ledger, relations]);
  if (!view) return null;
  const stats: [string, string][] = [['GDP', `$${fmt(view.Gdp, 0)}bn`], ['Growth', `${fmt(view.Growth * 100)}%`], ['Stability', fmt(view.Stability)], ['Capital', String(view.Capital)], ['Utility', fmt(view.Utility, 2)]];
  return (
    <section class="dash">
      <div class="cards">
        {stats.map(([k, v]) => <div key={k} class="stat" data-testid={`stat-${k.toLowerCase()}`}><small>{k}</small><strong>{v}</strong></div>)}
      </div>
      <div class="charts">
        <ChartBox title="GDP (USD bn)" testid="chart-gdp" data={gdp} />
        <ChartBox title="Growth" testid="chart-growth" data={growth} />
        <ChartBox title="Stability" testid="chart-stability" data={stability} />
        <ChartBox title="Scores" testid="chart-scores" data={scores} />
        <ChartBox title="Trade by partner (USD bn/yr)" testid="chart-trade" type="bar" data={trade} />
        <ChartBox title="Trade by partner and sector (exports + imports, USD bn/yr)" testid="chart-trade-sector" type="bar" data={bySector} stacked />
        <ChartBox title="Trust" testid="chart-trust" type="bar" data={trust} />
      </div>
    </section>
  );
}

/** The last resolved turn: the seat's moves with the model's verdicts, and the news about it. */
export function Outcome() {
  const { store } = useSeat();
  const last = store.lastTurn.value;
  const c = store.view.value?.Country ?? '';
  if (!last) return <section class="card outcome" data-testid="outcome"><h2>Last turn</h2><p class="muted">No turn has resolved yet.</p></section>;
  const verdicts = last.Moves.filter((m) => m.Move.Actor === c);
  return (
    <section class="card outcome" data-testid="outcome">
      <h2>Turn {last.Turn} resolved</h2>
      <ul data-testid="verdicts">
        {verdicts.map((v, i) => (
          <li key={i} class={v.Accepted ? 'ok' : 'refused'} data-testid={`verdict-${v.Move.Kind}`} data-accepted={String(v.Accepted)}>
            {`${v.Accepted ? '✓' : '✗'} ${v.Description}${v.Reason ? ` — ${v.Reason}` : ''}`}
          </li>
        ))}
      </ul>
      <ul>{last.News.filter((n) => n.Actors.includes(c) || n.Actors.length === 0).slice(0, 6).map((n, i) => <li key={i}><b>{n.Headline}</b> {n.Body}</li>)}</ul>
      <p class="muted" data-testid="outcome-turn">Outcome of turn {last.Turn} ({last.Date})</p>
    </section>
  );
}

export function Relations() {
  const { store } = useSeat();
  const network = store.network.value;
  const c = store.view.value?.Country ?? null;
  const svg = useMemo(() => (network ? networkSvg(network, c) : null), [network, c]);
  const legend = useMemo(() => networkLegend(), []);
  if (!network) return <section class="card" data-testid="relations" />;
  return <section class="card" data-testid="relations"><h2>Relations</h2><Mount node={svg} /><Mount node={legend} /></section>;
}

const useLedger = (): { ledger: Ledger | null | undefined; turn: number } => {
  const { store } = useSeat();
  return { ledger: store.view.value?.Ledger, turn: store.status.value?.Turn ?? 0 };
};

export function Energy() {
  const { ledger } = useLedger();
  if (!ledger) return <section class="card" data-testid="energy" />;
  const e = ledger.Energy;
  return (
    <section class="card" data-testid="energy">
      <h2>Energy</h2>
      <div class="cards">
        <div class="stat" data-testid="stat-energy-bill"><small>Energy bill</small><strong>{`$${fmt(e.Bill, 0)}bn/yr`}</strong></div>
        <div class="stat"><small>Share of GDP</small><strong>{`${fmt(e.BillShareOfGdp * 100)}%`}</strong></div>
        <div class="stat"><small>{e.NetOilImportsMbd >= 0 ? 'Net oil imports' : 'Net oil exports'}</small><strong>{`${fmt(Math.abs(e.NetOilImportsMbd), 2)} mb/d`}</strong></div>
        <div class="stat"><small>Oil price</small><strong>{`$${fmt(e.OilPrice, 0)}/bbl`}</strong></div>
      </div>
      <p class="muted">{e.PriceCapMember ? 'You enforce the oil price cap.' : 'You do not enforce the oil price cap.'}</p>
      {e.DiscountedCrude.length > 0 && <Table testid="crude" head={['Discounted crude from', 'mb/d', 'Discount']} rows={e.DiscountedCrude.map((x) => [x.Seller, fmt(x.VolumeMbd, 2), `${fmt(x.Discount * 100)}%`])} />}
    </section>
  );
}

export function Arms() {
  const { ledger, turn } = useLedger();
  if (!ledger) return <section class="card" data-testid="arms" />;
  const status = (d: { Status: string; DueTurn: number }): string => `${d.Status === 'Delayed' ? 'delayed' : 'on time'}${d.DueTurn <= turn ? ' · due now' : ''}`;
  return (
    <section class="card" data-testid="arms">
      <h2>Arms dependency</h2>
      {ledger.ArmsSuppliers.length === 0 ? <p class="muted">No arms imports.</p> : (
        <Table testid="arms-suppliers" head={['Supplier', 'Share of arms imports']} rows={ledger.ArmsSuppliers.map((a) => [a.Supplier,
          <span class="share"><span class="share-bar" style={{ width: `${Math.round(a.Share * 100)}%` }} /> {fmt(a.Share * 100, 0)}%</span>])} />
      )}
      <h2>Pending deliveries</h2>
      {ledger.Deliveries.length === 0 ? <p class="muted">None.</p> : (
        <Table testid="deliveries" head={['System', 'From → to', 'USD bn', 'Due turn', 'Status']}
          rows={ledger.Deliveries.map((d) => [d.System, `${d.Seller} → ${d.Buyer}`, fmt(d.Value, 1), String(d.DueTurn), status(d)])}
          rowClass={(i) => (ledger.Deliveries[i].Status === 'Delayed' ? 'warn' : '')} />
      )}
    </section>
  );
}

export const termsText = (t: Terms): string => [
  t.TariffCeiling != null ? `tariffs ≤ ${fmt(t.TariffCeiling * 100, 0)}%` : '', t.TradeTarget != null ? `trade → $${fmt(t.TradeTarget, 0)}bn` : '',
  t.EnergyVolumeMbd != null ? `${fmt(t.EnergyVolumeMbd, 2)} mb/d${t.Supplier ? ` from ${t.Supplier}` : ''}` : '', t.EnergyDiscount != null ? `${fmt(t.EnergyDiscount * 100)}% off` : '',
  t.MaxUsdShare != null ? `USD share ≤ ${fmt(t.MaxUsdShare * 100, 0)}%` : ''].filter(Boolean).join(', ');

export function Agreements() {
  const { ledger } = useLedger();
  if (!ledger) return <section class="card wide" data-testid="agreements-card" />;
  const rows = ledger.Agreements;
  return (
    <section class="card wide" data-testid="agreements-card">
      <h2>Agreements and compliance</h2>
      {rows.length === 0 ? <p class="muted">No agreements.</p> : (
        <Table testid="agreements" head={['Agreement', 'Kind', 'Parties', 'Terms', 'Signed', 'Status', 'Progress', 'Breaches']}
          rows={rows.map((g) => [g.Id, g.Kind, g.Parties.join(', '), termsText(g.Terms) || '–', `T${g.SignedTurn}`, g.Status === 'InForce' ? 'in force' : 'withdrawn',
            `${fmt(g.Progress * 100, 0)}%`, g.Breaches === 0 ? 'kept' : `${g.Breaches} (last by ${g.LastBreachedBy ?? '?'})`])}
          rowClass={(i) => (rows[i].Breaches > 0 ? 'warn' : rows[i].Status !== 'InForce' ? 'muted' : '')} />
      )}
    </section>
  );
}

export function News() {
  const { store } = useSeat();
  const history = store.history.value;
  const items = useMemo(() => history.slice().reverse().flatMap((t) => [
    ...t.Shocks.map((x) => ({ shock: true, text: `T${t.Turn} ⚡ ${x.Headline}` })),
    // A shock is also reported as news: it is listed once, as a shock.
    ...t.News.filter((n) => n.Category !== 'shock').map((n) => ({ shock: false, text: `T${t.Turn} ${n.Headline}` }))]).slice(0, 40), [history]);
  return <section class="card"><h2>News</h2><ul class="news" tabIndex={0} aria-label="News" data-testid="news">{items.map((x, i) => <li key={i} class={x.shock ? 'shock' : ''}>{x.text}</li>)}</ul></section>;
}

/** The seat's helpers with `this` bound, for destructuring in components. */
export function bound(seat: ReturnType<typeof useSeat>) {
  return { store: seat.store, draft: seat.draft, send: seat.send.bind(seat), preview: seat.preview.bind(seat) };
}
