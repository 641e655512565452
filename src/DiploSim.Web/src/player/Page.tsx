import { effect, signal } from '@preact/signals';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { eventText, wentBack, wentBackText } from '../session/words';
import { pagePass, rememberSeat } from '../api';
import { Live } from '../session/connection';
import { SessionStore } from '../session/store';
import { BriefingTitle, CountryBriefingCard, useBriefing } from '../briefing';
import { Glossary } from '../components/glossary';
import { say, words } from '../i18n';
import { Composer } from './Composer';
import { Agreements, Arms, Dashboard, Energy, Header, News, Notice, Outcome, Relations, Stats } from './panels';
import { Seat, SeatContext, useSeat } from './seat';
import { EndSummary } from '../components/EndSummary';
import { Negotiation, Proposals } from './social';

/** On a phone the page shows the moves or the charts, one at a time; on a wide screen both. */
const tab = signal<'moves' | 'charts'>('moves');

/** Whether the page is phone-sized, following the window when it changes (a phone turned sideways). */
const narrow = typeof window === 'undefined' ? null : window.matchMedia('(max-width: 700px)');
const phone = signal(narrow?.matches ?? false);
narrow?.addEventListener('change', (e) => { phone.value = e.matches; });

function PhoneTabs() {
  const button = (t: 'moves' | 'charts', text: string) => (
    <button type="button" class={tab.value === t ? 'tab active' : 'tab'} aria-pressed={tab.value === t} data-testid={`tab-${t}`} onClick={() => { tab.value = t; }}>{text}</button>
  );
  return <nav class="phone-tabs" aria-label={words.player.chartsTab}>{button('moves', words.player.movesTab)}{button('charts', words.player.chartsTab)}</nav>;
}

/** Before the first turn: what to do, in three steps, and the country's briefing; the guide can be put away. */
function FirstTurn() {
  const { store } = useSeat();
  const st = store.status.value;
  const view = store.view.value;
  const briefing = useBriefing(st?.ScenarioId);
  const key = `guide-seen:${st?.SessionId ?? ''}`;
  const [hidden, setHidden] = useState(() => localStorage.getItem(key) === '1');
  if (!st || !view) return null;
  const before = store.history.value.length === 0;
  // On a phone the briefing waits, folded, under the three steps: the moves come first.
  const phone = window.matchMedia('(max-width: 700px)').matches;
  const mine = briefing?.Countries.find((c) => c.Country === view.Country);
  return (
    <>
      {before && !hidden && (
        <section class="card guide wide" data-testid="guide">
          <h2>{words.player.guideTitle}</h2>
          <ol>{words.player.guide.map((x) => <li key={x}>{x}</li>)}</ol>
          <button type="button" data-testid="hide-guide" onClick={() => { localStorage.setItem(key, '1'); setHidden(true); }}>{words.player.hideGuide}</button>
        </section>
      )}
      {mine && (
        <details class="card wide briefing-box" open={before && !phone} data-testid="my-briefing">
          {/* The title is on the fold, where a phone shows it while the briefing is closed, and only there. */}
          <summary><BriefingTitle country={mine.Country} /></summary>
          <CountryBriefingCard b={mine} titled={false} />
        </details>
      )}
    </>
  );
}

/**
 * Keeps style.css told how tall what sticks at the top of the window is: `--now-top`, where the notice's bar sticks
 * (under the header on a laptop, where the header sticks; 0 on a phone, where it scrolls away), `--tabs-top`, where a
 * phone's tabs stick (under the bar), and `--sticky-h`, all of it, which the window keeps clear when it scrolls a field
 * into view (scroll-padding), so nothing is brought into view under the bar.
 */
function useStickyTop(): void {
  useEffect(() => {
    const root = document.documentElement;
    const height = (selector: string): number => {
      const e = document.querySelector(selector);
      return e && getComputedStyle(e).position === 'sticky' ? e.getBoundingClientRect().height : 0;
    };
    const measure = () => {
      const header = height('header.bar');
      const now = height('.now-bar');
      root.style.setProperty('--now-top', `${header}px`);
      root.style.setProperty('--tabs-top', `${header + now}px`);
      root.style.setProperty('--sticky-h', `${header + now + height('.phone-tabs')}px`);
    };
    const observer = new ResizeObserver(measure);
    for (const e of document.querySelectorAll('header.bar, .now-bar, .phone-tabs')) observer.observe(e);
    narrow?.addEventListener('change', measure);
    measure();
    return () => { observer.disconnect(); narrow?.removeEventListener('change', measure); };
  }, []);
}

function PlayerPage() {
  const { store } = useSeat();
  useStickyTop();
  // Once the game is over a phone shows the summary first; the disabled moves, the last outcome, the talks and the
  // news wait folded under it, one tap away, so the page is a few screens long instead of a dozen.
  const folded = store.status.value?.Phase === 'Ended' && phone.value;
  return (
    <>
      <a class="skip" href="#moves">{words.app.skipToMoves}</a>
      <Header />
      <Notice />
      <EndSummary store={store} />
      <main class="player" data-tab={tab.value}>
        <FirstTurn />
        <Stats />
        <PhoneTabs />
        {folded ? (
          <details class="wide after-game" data-testid="after-game">
            <summary>{words.player.afterGame}</summary>
            <Composer />
            <Proposals />
            <Outcome />
            <Negotiation />
            <News />
          </details>
        ) : <><Composer /><Proposals /><Outcome /></>}
        <Dashboard />
        <Relations />
        <Energy />
        <Arms />
        <Agreements />
        {!folded && <><Negotiation /><News /></>}
      </main>
      <Glossary />
    </>
  );
}

/** The player's page: one store for the session, fed by the hub; each panel draws what it reads from it. */
export function player(root: HTMLElement): void {
  const pass = pagePass('pass:play');
  if (!pass) {
    root.textContent = words.app.noSeat;
    return;
  }
  const store = new SessionStore();
  const live = new Live(pass, store, () => { store.connection.value = 'seat lost'; });
  const seat = new Seat(store, live);
  // The draft follows the turn: the seat's saved draft the first time, an empty one when a turn resolves (naming the
  // moves that were never sent).
  effect(() => {
    const st = store.status.value;
    if (!st || !store.view.value) return;
    if (st.ReadOnly) store.notice.value = st.ReadOnly;
    seat.followTurn();
  });
  // News as it happens: a resolved turn, an inject (not what was already there when the page opened). A page opened
  // after the teacher took the game back, before the turn it went back to is played, says so: its student may
  // remember a later turn.
  let seen: number | null = null;
  effect(() => {
    const events = store.events.value;
    const from = seen;
    const held = store.held.value;
    seen = held?.lastSequence ?? null;
    if (from === null) {
      const back = held ? wentBack(events) : null;
      if (back) store.notice.value = wentBackText(back, held?.Status.Phase === 'Paused');
      return;
    }
    for (const e of events) {
      if (e.Sequence <= from) continue;
      if (e.Kind === 'TurnResolved') store.notice.value = say(words.player.turnResolved, { turn: e.Turn ?? '' });
      if (e.Kind === 'InjectFired') store.notice.value = eventText(e);
      if (e.Kind === 'RolledBack') store.notice.value = say(words.player.rolledBack, { turn: e.Turn ?? '' });
      if (e.Kind === 'SessionPaused') store.notice.value = words.player.paused;
      if (e.Kind === 'SessionResumed') store.notice.value = words.player.resumed;
      if (e.Kind === 'DeadlineExtended') store.notice.value = words.player.extended;
      if (e.Kind === 'SessionEnded') store.notice.value = words.player.gameOver;
      if (e.Kind === 'MovesSubmitted' && e.Country === seat.country) seat.submitted(e.Sequence);
    }
  });
  // This device remembers the seat, so the lobby offers "Continue as India" to a student who closed the tab.
  effect(() => {
    const view = store.view.value;
    if (view) rememberSeat({ pass, country: view.Country, name: view.Name });
  });
  // A plan change the server has not kept yet (still on its way, or refused) would be gone after a reload or a closed
  // tab: the browser asks before leaving.
  window.addEventListener('beforeunload', (e) => {
    if (!seat.draft.unsaved.value) return;
    e.preventDefault();
    e.returnValue = '';
  });
  // The seat's plan was saved, here or on another screen of the seat: a newer plan than this page's is read and shown.
  live.hub.onDraftSaved((saved) => void seat.planSaved(saved.Turn, saved.Revision));
  render(<SeatContext.Provider value={seat}><PlayerPage /></SeatContext.Provider>, root);
  void live.start();
  (window as unknown as { diplosim: Live }).diplosim = live;
}
