import { effect } from '@preact/signals';
import { render } from 'preact';
import { pagePass, rememberSeat } from '../api';
import { Live } from '../session/connection';
import { SessionStore } from '../session/store';
import { Composer } from './Composer';
import { Agreements, Arms, Dashboard, Energy, Header, News, Notice, Outcome, Relations } from './panels';
import { Seat, SeatContext, useSeat } from './seat';
import { EndSummary } from '../components/EndSummary';
import { Negotiation, Proposals } from './social';

function PlayerPage() {
  const { store } = useSeat();
  const over = store.status.value?.Phase === 'Ended';
  return (
    <>
      <Header />
      <Notice />
      <EndSummary store={store} />
      <fieldset class="game" disabled={over}>
      <main class="player">
        <Composer />
        <Outcome />
        <Proposals />
        <Dashboard />
        <Relations />
        <Energy />
        <Arms />
        <Agreements />
        <Negotiation />
        <News />
      </main>
      </fieldset>
    </>
  );
}

/** The player's page: one store for the session, fed by the hub; each panel draws what it reads from it. */
export function player(root: HTMLElement): void {
  const pass = pagePass('pass:play');
  if (!pass) {
    root.textContent = 'No seat: join from the lobby.';
    return;
  }
  const store = new SessionStore();
  const live = new Live(pass, store, () => { store.connection.value = 'seat lost'; });
  const seat = new Seat(store, live);
  // The draft follows the turn: the seat's saved draft the first time, an empty one when a turn resolves.
  let turn: number | null = null;
  effect(() => {
    const st = store.status.value;
    if (!st || !store.view.value) return;
    if (st.ReadOnly) store.notice.value = st.ReadOnly;
    seat.restoreDraft();
    if (turn !== null && st.Turn !== turn) {
      void seat.draft.clear();
      seat.submitStatus.value = '';
      seat.readyStatus.value = '';
    }
    turn = st.Turn;
  });
  // News as it happens: a resolved turn, an inject (not what was already there when the page opened).
  let seen: number | null = null;
  effect(() => {
    const events = store.events.value;
    const from = seen;
    seen = store.held.value?.lastSequence ?? null;
    if (from === null) return;
    for (const e of events) {
      if (e.Sequence <= from) continue;
      if (e.Kind === 'TurnResolved') store.notice.value = `Turn ${e.Turn} resolved.`;
      if (e.Kind === 'InjectFired') store.notice.value = `News flash: ${e.Text}`;
      if (e.Kind === 'RolledBack') store.notice.value = `The teacher took the game back to turn ${e.Turn}.`;
      if (e.Kind === 'SessionEnded') store.notice.value = 'The game is over.';
    }
  });
  // This device remembers the seat, so the lobby offers "Continue as India" to a student who closed the tab.
  effect(() => {
    const view = store.view.value;
    if (view) rememberSeat({ pass, country: view.Country, name: view.Name });
  });
  render(<SeatContext.Provider value={seat}><PlayerPage /></SeatContext.Provider>, root);
  void live.start();
  (window as unknown as { diplosim: Live }).diplosim = live;
}
