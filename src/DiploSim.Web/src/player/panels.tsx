import { useMemo } from 'preact/hooks';
import type { AnnouncedTariff, CountryLedger as Ledger, RelationView, AgreementTermsData as Terms } from '../generated/contract';
import { indicatorChart, scoreChart, sectorChart, tradeChart, trustChart } from '../charts/data';
import { ChartBox } from '../components/ChartBox';
import { Countdown, Mount, Table, turnText } from '../components/common';
import { GlossaryButton, Term, type GlossaryKey } from '../components/glossary';
import { clock, countryColour, countryList, countryName, label, plain, say, sayCountries, words } from '../i18n';
import { announcedSentences, tariffRange } from '../moves/tariff';
import { newsOf } from '../session/words';
import { networkLegend, networkSvg } from '../network';
import { fmt } from '../ui';
import { useSeat } from './seat';

export function Header() {
  const seat = useSeat();
  const { store } = seat;
  const view = store.view.value;
  const st = store.status.value;
  const mine = st?.Seats.find((x) => x.Country === view?.Country);
  // Once this seat is ready, the turn waits for the students who are not (a seat the computer plays is never waited for).
  const lobby = st?.Phase === 'Lobby';
  const waiting = mine?.Ready && st?.Phase === 'Running' ? st.Seats.filter((x) => x.Country !== mine.Country && !x.BotPlaying && !x.Ready).map((x) => x.Country) : [];
  return (
    <header class="bar">
      <h1 data-testid="country" data-country={view?.Country ?? ''}>
        {view && <span class="swatch" style={{ background: countryColour(view.Country) }} aria-hidden="true" />} {view ? countryName(view.Country) : ''}
      </h1>
      {/* On a phone the turn line and the clock are the notice bar's (Notice), which stays at the top when this scrolls away. */}
      <span class="head-turn" data-testid="turn" data-phase={st?.Phase ?? ''}>{st ? turnText(words.player.turnLine, st, store.history.value) : ''}</span>
      {st && <Countdown class="clock head-turn" deadlineMs={st.DeadlineMs} skewMs={store.skewMs.value} phase={st.Phase} />}
      <span class="conn" data-testid="connection" data-state={store.connection.value}>{connectionText(store.connection.value)}</span>
      <GlossaryButton />
      <span class="ready-box">
        {/* Before the teacher starts the game there is no turn to be ready for: a seat marked ready in the lobby would
            stay so into turn 0 without having seen it. The reason is beside the button, and read with it. */}
        <button data-testid="ready" class={mine?.Ready ? 'on' : ''} disabled={seat.over || lobby} aria-describedby={lobby ? 'ready-why' : undefined}
          onClick={() => void seat.toggleReady()}>{mine?.Ready ? words.player.readyDone : words.player.ready}</button>
        {lobby && <span class="status why" id="ready-why" data-testid="ready-why">{words.player.readyBeforeStart}</span>}
        <span class="status" role="status" data-testid="ready-status">{seat.readyLine.value}</span>
        {waiting.length > 0 && <span class="status" data-testid="waiting-for">{sayCountries(words.player.waitingFor, { countries: waiting })}</span>}
      </span>
    </header>
  );
}

/**
 * The notice (what the teacher or the game just did) in a bar that stays at the top of the window wherever the student
 * has scrolled: on a laptop under the header, which sticks with the turn and the clock; on a phone, whose header
 * scrolls away, with the turn line and the clock before it (style.css "now-bar"). A phone shows the turn line here,
 * in its short form that fits one line with the clock, instead of in the header, so it reads once at the top of the
 * page and stays when the header has gone; a laptop shows it in the header only. The notice is the page's one live
 * region for it. While the page cannot reach the game (the device is offline, the server does not answer) a line above
 * the notice says so, in the bar, where a student sees it wherever she has scrolled.
 * Once the game is over nothing more happens: a phone shows the notice where it was, at the top, and the summary under it.
 */
export function Notice() {
  const { store } = useSeat();
  const st = store.status.value;
  const link = store.connection.value;
  return (
    <>
      {store.broken.value && <p class="notice error" role="alert" data-testid="reload">{store.broken.value}</p>}
      <div class={`now-bar${st?.Phase === 'Paused' ? ' paused' : st?.Phase === 'Ended' ? ' ended' : ''}`} data-testid="now">
        {st && (
          <span class="now-turn" data-testid="now-turn">
            {turnText(words.player.turnLineShort, st, store.history.value)}
            <Countdown deadlineMs={st.DeadlineMs} skewMs={store.skewMs.value} phase={st.Phase} testid="now-clock" />
          </span>
        )}
        {(link === 'offline' || link === 'no answer') && (
          <p class="notice offline" role="alert" data-testid="offline">{link === 'offline' ? words.player.offline : words.player.noAnswer}</p>
        )}
        <p class="notice" role="status" data-testid="notice">{store.notice.value}</p>
      </div>
    </>
  );
}

/** The seat's numbers, each with its glossary entry. */
export function Stats() {
  const { store } = useSeat();
  const view = store.view.value;
  if (!view) return null;
  const stats: [GlossaryKey, string, string][] = [
    ['gdp', say(words.units.billions, { value: fmt(view.Gdp, 0) }), 'gdp'], ['growth', `${fmt(view.Growth * 100)}%`, 'growth'], ['stability', fmt(view.Stability), 'stability'],
    ['capital', String(view.Capital), 'capital'], ['utility', fmt(view.Utility, 2), 'utility']];
  return (
    <section class="card stats" aria-label={words.player.dashboardTitle}>
      <div class="cards">
        {stats.map(([k, v, id]) => <div key={k} class="stat" data-testid={`stat-${id}`}><small><Term k={k}>{words.stats[k as keyof typeof words.stats]}</Term></small><strong>{v}</strong></div>)}
      </div>
    </section>
  );
}

/** The seat's charts over turns and by partner. */
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
  return (
    <section class="dash charts-panel">
      <div class="charts">
        <ChartBox title={words.charts.gdpIndex} testid="chart-gdp" data={gdp} />
        <ChartBox title={words.charts.growth} testid="chart-growth" data={growth} />
        <ChartBox title={words.charts.stability} testid="chart-stability" data={stability} />
        <ChartBox title={words.charts.scores} testid="chart-scores" data={scores} />
        <ChartBox title={words.charts.trade} testid="chart-trade" type="bar" data={trade} />
        <ChartBox title={words.charts.tradeSector} testid="chart-trade-sector" type="bar" data={bySector} stacked />
        <ChartBox title={words.charts.trust} testid="chart-trust" type="bar" data={trust} />
      </div>
    </section>
  );
}

/** The last resolved turn: the seat's moves with the model's verdicts, and the news about it. */
export function Outcome() {
  const { store } = useSeat();
  const last = store.lastTurn.value;
  const c = store.view.value?.Country ?? '';
  if (!last) return <section class="card outcome" data-testid="outcome"><h2>{words.player.lastTurnTitle}</h2><p class="muted">{words.player.noTurnYet}</p></section>;
  const verdicts = last.Moves.filter((m) => m.Move.Actor === c);
  return (
    <section class="card outcome" data-testid="outcome">
      <h2>{say(words.player.turnResolvedTitle, { turn: last.Turn })}</h2>
      <ul data-testid="verdicts">
        {verdicts.map((v, i) => (
          <li key={i} class={v.Accepted ? 'ok' : 'refused'} data-testid={`verdict-${v.Move.Kind}`} data-accepted={String(v.Accepted)}>
            {`${v.Accepted ? '✓' : '✗'} ${plain(v.Description)}${v.Reason ? ` — ${plain(v.Reason)}` : ''}`}
          </li>
        ))}
      </ul>
      <ul>{last.News.filter((n) => n.Actors.includes(c) || n.Actors.length === 0).slice(0, 6).map((n, i) => <li key={i}><b>{plain(n.Headline)}</b> {plain(n.Body)}</li>)}</ul>
      <p class="muted" data-testid="outcome-turn">{say(words.player.outcomeOf, { turn: last.Turn, date: last.Date })}</p>
    </section>
  );
}

export function Relations() {
  const { store } = useSeat();
  const network = store.network.value;
  const c = store.view.value?.Country ?? null;
  const svg = useMemo(() => (network ? networkSvg(network, c) : null), [network, c]);
  const legend = useMemo(() => networkLegend(), []);
  const relations = store.view.value?.Relations ?? [];
  return (
    <section class="card charts-panel" data-testid="relations">
      {network && <><h2><Term k="trust">{words.player.relationsTitle}</Term></h2><Mount node={svg} /><Mount node={legend} /></>}
      {relations.length > 0 && <TariffsBothWays relations={relations} />}
      <Announced announced={store.view.value?.Announced ?? []} seat={c} where="charts" />
    </section>
  );
}

/** The tariffs announced and not yet in force, every country's (public), those on the seat's goods first; nothing when none is. */
export function Announced({ announced, seat, where }: { announced: readonly AnnouncedTariff[]; seat: string | null; where: string }) {
  if (announced.length === 0) return null;
  return (
    <div class="announced" data-testid="announced">
      <h3 class="sub"><Term k="tariff" where={where}>{words.player.announcedTitle}</Term></h3>
      <ul>{announcedSentences(announced, seat).map((x, i) => <li key={i}>{x}</li>)}</ul>
    </div>
  );
}

/** The tariffs between the seat and each partner, both ways (public, as tariffs are): one rate, or the range over the kinds of goods. */
function TariffsBothWays({ relations }: { relations: readonly RelationView[] }) {
  return (
    <div class="tariffs-both">
      <h3 class="sub"><Term k="tariff">{words.player.tariffsTitle}</Term></h3>
      <Table testid="tariffs" head={[...words.player.tariffsHead]}
        rows={relations.map((r) => [<><span class="swatch" style={{ background: countryColour(r.Other) }} aria-hidden="true" /> {countryName(r.Other)}</>, tariffRange(r.Tariffs), tariffRange(r.TariffsFrom)])} />
      <p class="muted">{words.player.tariffsNote}</p>
    </div>
  );
}

const useLedger = (): { ledger: Ledger | null | undefined; turn: number } => {
  const { store } = useSeat();
  return { ledger: store.view.value?.Ledger, turn: store.status.value?.Turn ?? 0 };
};

export function Energy() {
  const { ledger } = useLedger();
  if (!ledger) return <section class="card charts-panel" data-testid="energy" />;
  const e = ledger.Energy;
  return (
    <section class="card charts-panel" data-testid="energy">
      <h2>{words.player.energyTitle}</h2>
      <div class="cards">
        <div class="stat" data-testid="stat-energy-bill"><small><Term k="energyBill">{words.player.energyBill}</Term></small><strong>{say(words.units.billionsAYear, { value: fmt(e.Bill, 0) })}</strong></div>
        <div class="stat"><small><Term k="energyBill">{words.player.billShare}</Term></small><strong>{`${fmt(e.BillShareOfGdp * 100)}%`}</strong></div>
        <div class="stat"><small><Term k="oil">{e.NetOilImportsMbd >= 0 ? words.player.netImports : words.player.netExports}</Term></small><strong>{say(words.units.barrelsADay, { value: fmt(Math.abs(e.NetOilImportsMbd), 2) })}</strong></div>
        <div class="stat"><small><Term k="oil">{words.player.oilPrice}</Term></small><strong>{say(words.units.perBarrel, { value: fmt(e.OilPrice, 0) })}</strong></div>
      </div>
      <p class="muted">{e.PriceCapMember ? words.player.capMember : words.player.capNotMember}</p>
      {e.DiscountedCrude.length > 0 && <Table testid="crude" head={[...words.player.crudeHead]} rows={e.DiscountedCrude.map((x) => [countryName(x.Seller), fmt(x.VolumeMbd, 2), `${fmt(x.Discount * 100)}%`])} />}
    </section>
  );
}

export function Arms() {
  const { ledger, turn } = useLedger();
  if (!ledger) return <section class="card charts-panel" data-testid="arms" />;
  const status = (d: { Status: string; DueTurn: number }): string => `${label('DeliveryStatus', d.Status)}${d.DueTurn <= turn ? ` · ${words.player.dueNow}` : ''}`;
  return (
    <section class="card charts-panel" data-testid="arms">
      <h2>{words.player.armsTitle}</h2>
      {ledger.ArmsSuppliers.length === 0 ? <p class="muted">{words.player.noArms}</p> : (
        <Table testid="arms-suppliers" head={[...words.player.armsHead]} rows={ledger.ArmsSuppliers.map((a) => [countryName(a.Supplier),
          <span class="share"><span class="share-bar" style={{ width: `${Math.round(a.Share * 100)}%` }} /> {fmt(a.Share * 100, 0)}%</span>])} />
      )}
      <h2>{words.player.deliveriesTitle}</h2>
      {ledger.Deliveries.length === 0 ? <p class="muted">{words.player.none}</p> : (
        <Table testid="deliveries" stacks="narrow" head={[...words.player.deliveriesHead]}
          rows={ledger.Deliveries.map((d) => [d.System, `${countryName(d.Seller)} → ${countryName(d.Buyer)}`, fmt(d.Value, 1), String(d.DueTurn), status(d)])}
          rowClass={(i) => (ledger.Deliveries[i].Status === 'Delayed' ? 'warn' : '')} />
      )}
    </section>
  );
}

export const termsText = (t: Terms): string => [
  t.TariffCeiling != null ? say(words.terms.tariffCeiling, { value: fmt(t.TariffCeiling * 100, 0) }) : '',
  t.TradeTarget != null ? say(words.terms.tradeTarget, { value: fmt(t.TradeTarget, 0) }) : '',
  t.EnergyVolumeMbd != null ? say(words.terms.energy, { volume: fmt(t.EnergyVolumeMbd, 2) }) + (t.Supplier ? sayCountries(words.terms.from, { country: t.Supplier }) : '') : '',
  t.EnergyDiscount != null ? say(words.terms.discount, { value: fmt(t.EnergyDiscount * 100) }) : '',
  t.MaxUsdShare != null ? say(words.terms.usdShare, { value: fmt(t.MaxUsdShare * 100, 0) }) : ''].filter(Boolean).join(', ');

/** What the connection's state reads as. */
export const connectionText = (state: string): string => (words.connection as Record<string, string>)[state] ?? plain(state);

/** How an agreement has been kept: how often it was broken, by whom last, and whether it still is. */
function brokenText(g: Ledger['Agreements'][number]): string {
  const country = g.LastBreachedBy || '?';
  const times = g.Breaches === 1 ? sayCountries(words.player.brokenOnce, { country }) : sayCountries(words.player.brokenBy, { country }, { count: g.Breaches });
  return g.InBreach ? times + words.player.stillBroken : times;
}

export function Agreements() {
  const { ledger } = useLedger();
  if (!ledger) return <section class="card wide charts-panel" data-testid="agreements-card" />;
  const rows = ledger.Agreements;
  return (
    <section class="card wide charts-panel" data-testid="agreements-card">
      <h2><Term k="agreement">{words.player.agreementsTitle}</Term></h2>
      {rows.length === 0 ? <p class="muted">{words.player.noAgreements}</p> : (
        <Table testid="agreements" stacks="wide" wrap={[2, 6]} head={[...words.player.agreementsHead]}
          rows={rows.map((g) => [<span data-agreement={g.Id}>{label('AgreementKind', g.Kind)}</span>, countryList(g.Parties), termsText(g.Terms) || '–', say(words.player.signedTurn, { turn: g.SignedTurn }),
            label('AgreementStatus', g.Status), `${fmt(g.Progress * 100, 0)}%`,
            g.Breaches === 0 ? words.player.kept : brokenText(g)])}
          rowClass={(i) => (rows[i].Breaches > 0 ? 'warn' : rows[i].Status !== 'InForce' ? 'muted' : '')} />
      )}
    </section>
  );
}

export function News() {
  const { store } = useSeat();
  const history = store.history.value;
  const events = store.events.value;
  const items = useMemo(() => newsOf(history, events, 40), [history, events]);
  return (
    <section class="card news-card"><h2>{words.player.newsTitle}</h2>
      <ul class="news" tabIndex={0} aria-label={words.player.newsTitle} data-testid="news">
        {items.map((x, i) => (
          <li key={i} class={x.shock ? 'shock' : ''}>
            {say(words.charts.turnLabel, { turn: x.turn })}{x.atMs !== null && <> · <time>{clock(x.atMs)}</time></>}{x.shock ? ' ⚡ ' : ': '}{x.text}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The seat's helpers with `this` bound, for destructuring in components. */
export function bound(seat: ReturnType<typeof useSeat>) {
  return { store: seat.store, draft: seat.draft, send: seat.send.bind(seat), preview: seat.preview.bind(seat) };
}
