import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { pagePass } from '../api';
import { latest, startOf, utility, utilityChart } from '../charts/data';
import { ChartBox } from '../components/ChartBox';
import { EndSummary } from '../components/EndSummary';
import { AgentMark, Countdown, Mount, turnText, useStacked, type Stacking } from '../components/common';
import { networkLegend, networkSvg } from '../network';
import { Live } from '../session/connection';
import { SessionStore } from '../session/store';
import { useBriefing } from '../briefing';
import { clock, countryColour, countryName, say, words } from '../i18n';
import { newsOf } from '../session/words';
import { Glossary, Term, type GlossaryKey } from '../components/glossary';
import { fmt } from '../ui';
import { screenTariffFloor, tariffBoard } from '../moves/tariff';
import type { ScenarioBriefing } from '../generated/contract';

/** The glossary entry behind each column of the countries' table (GDP, growth, stability, score). */
const columnTerms: (GlossaryKey | null)[] = [null, 'gdp', 'growth', 'stability', 'utility', null];

/** Off a projector, in a window under 1000 px, each country stacks (useStacked). */
const offProjector: Stacking = { windowPx: 1000 };

function Indicators({ store, briefing }: { store: SessionStore; briefing: ScenarioBriefing | null }) {
  const [stacked, box] = useStacked(offProjector);
  const st = store.status.value;
  const history = store.history.value;
  if (!st) return null;
  const last = (c: string, ind: 'gdp' | 'growth' | 'stability'): number | null => latest(history, startOf(st, briefing), c, ind);
  const head = words.screen.indicatorsHead;
  // A cell under heading i: off a projector (a phone) each country stacks, each figure under its heading (style.css, "stacked").
  const cell = (i: number, value: string) => <td role="cell" data-label={head[i]}>{value}</td>;
  return (
    <div ref={box} class="scroll screen-table" tabIndex={0} role="region" aria-label={words.screen.indicators}>
      <table class={stacked ? 'grid big stacked' : 'grid big'} role="table" data-testid="indicators">
        <thead role="rowgroup"><tr role="row">{head.map((x, i) => <th key={x} role="columnheader" scope="col">{columnTerms[i] ? <Term k={columnTerms[i]} where="screen">{x}</Term> : x}</th>)}</tr></thead>
        <tbody role="rowgroup">
          {st.Seats.map((x) => (
            <tr key={x.Country} role="row">
              <td role="cell" class="country"><span class="swatch" style={{ background: countryColour(x.Country) }} aria-hidden="true" /> {countryName(x.Country)} <AgentMark seat={x} /></td>{cell(1, fmt(last(x.Country, 'gdp'), 0))}{cell(2, fmt((last(x.Country, 'growth') ?? NaN) * 100))}
              {cell(3, fmt(last(x.Country, 'stability')))}{cell(4, fmt(utility(history, x.Country).at(-1), 2))}{cell(5, x.Ready ? '✓' : '')}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Relations({ store }: { store: SessionStore }) {
  const network = store.network.value;
  // Names half again as large as a seat's map, for the back of the room: 14 px or more down to a 1024x768 projector.
  const svg = useMemo(() => (network ? networkSvg(network, null, 480, 1.5) : null), [network]);
  const legend = useMemo(() => networkLegend(), []);
  return <section class="screen-network" data-testid="relations">{network && <><h2>{words.player.relationsTitle}</h2><Mount node={svg} /><Mount node={legend} /></>}</section>;
}

/**
 * In force, the screen lists the highest tariffs in this many lines (the rest are counted), fewer in a window under
 * 850 px tall (a 1024x768 projector): with the announced ones they fit above the score chart and leave it most of its column.
 */
const inForceLines = { tall: 3, short: 2 };

/** Whether the window is under 850 px tall, following it as it changes. */
function useShortWindow(): boolean {
  const [short, setShort] = useState(false);
  useEffect(() => {
    const query = window.matchMedia('(max-height: 849.98px)');
    const update = () => setShort(query.matches);
    update();
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, []);
  return short;
}

/** The tariffs, public: every one announced and not yet in force, and the highest in force (moves/tariff.ts tariffBoard). */
function Tariffs({ store }: { store: SessionStore }) {
  const network = store.network.value;
  const limit = useShortWindow() ? inForceLines.short : inForceLines.tall;
  const board = useMemo(() => (network ? tariffBoard(network, limit) : null), [network, limit]);
  if (!board) return null;
  const s = words.screen;
  const floor = Math.round(screenTariffFloor * 100);
  const announced = board.announced.length > 0;
  const inForce = say(s.tariffsInForce, { rate: floor });
  return (
    <section class="screen-tariffs" data-testid="screen-tariffs" aria-label={s.tariffsTitle}>
      {announced && (
        <>
          <h2><Term k="tariff" where="screen">{s.tariffsAnnounced}</Term></h2>
          <ul data-testid="screen-tariffs-announced">{board.announced.map((x, i) => <li key={i}>{x}</li>)}</ul>
        </>
      )}
      <h2>{announced ? inForce : <Term k="tariff" where="screen">{inForce}</Term>}</h2>
      <ul data-testid="screen-tariffs-in-force">
        {board.inForce.map((x, i) => <li key={i}>{x}</li>)}
        {board.inForce.length === 0 && <li class="muted">{s.tariffsNone}</li>}
        {board.more > 0 && <li class="muted" data-testid="screen-tariffs-more">{say(s.tariffsMore, { count: board.more, rate: floor })}</li>}
      </ul>
    </section>
  );
}

function UtilityChart({ store }: { store: SessionStore }) {
  const history = store.history.value;
  const seats = store.status.value?.Seats;
  const key = seats?.map((x) => x.Country).join() ?? '';
  const data = useMemo(() => utilityChart(history, key ? key.split(',') : []), [history, key]);
  return <ChartBox title={words.charts.utility} testid="chart-utility" data={data} big />;
}

function Ticker({ store }: { store: SessionStore }) {
  const history = store.history.value;
  const events = store.events.value;
  const headlines = useMemo(() => newsOf(history, events, 12), [history, events]);
  return <div class="ticker" data-testid="ticker">{headlines.map((x, i) => <span key={i}>{x.atMs !== null && <><time>{clock(x.atMs)}</time> </>}{x.shock ? '⚡ ' : ''}{x.text}</span>)}</div>;
}

function Screen({ store }: { store: SessionStore }) {
  const st = store.status.value;
  const briefing = useBriefing(st?.ScenarioId);
  return (
    <main class="screen">
      {store.broken.value && <p class="notice error" role="alert" data-testid="reload">{store.broken.value}</p>}
      <header class="screen-head">
        <h1>{st ? say(words.screen.title, { title: st.Title, code: st.JoinCode }) : ''}</h1>
        <div class="row">
          <div class="big-turn" data-testid="turn">{st ? `${turnText(words.player.turnLine, st, store.history.value)}${st.ReadOnly ? ` · ${st.ReadOnly}` : ''}` : ''}</div>
          {st && <Countdown class="big-clock" deadlineMs={st.DeadlineMs} skewMs={store.skewMs.value} phase={st.Phase} />}
        </div>
      </header>
      <EndSummary store={store} />
      {/* The countries' table across the page, the relations and the scores under it side by side, the tariffs above the
          scores (one column on a narrow screen, the tariffs under the table); on a projector all of it and the news fit
          one screen (style.css, "one screen"). */}
      <div class="screen-grid">
        <Indicators store={store} briefing={briefing} />
        <Tariffs store={store} />
        <Relations store={store} />
        <UtilityChart store={store} />
      </div>
      <Ticker store={store} />
      <Glossary />
    </main>
  );
}

/** The classroom screen: read-only, large type, for a projector. */
export function screen(root: HTMLElement): void {
  const pass = pagePass('pass:screen');
  if (!pass) {
    root.textContent = words.app.noSession;
    return;
  }
  const store = new SessionStore();
  const live = new Live(pass, store, (reason) => {
    render(<main class="screen"><h1 data-testid="revoked">{reason}</h1></main>, root);
  });
  render(<Screen store={store} />, root);
  void live.start();
}
