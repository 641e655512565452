import { effect } from '@preact/signals';
import { pagePass } from './api';
import type { SnapshotDto as Snapshot, Receipt } from './generated/contract';
import type { GameHubClient } from './generated/hub';
import { Live } from './session/connection';
import { SessionStore } from './session/store';
import { chartBox, countdown, fill, fmt, h, lineChart, series, utility } from './ui';

export function teacher(root: HTMLElement): void {
  const pass = pagePass('pass:teach');
  if (!pass) {
    root.textContent = 'No session: create one from the lobby.';
    return;
  }
  let snap: Snapshot | null = null;
  const state = h('span', { class: 'conn', 'data-testid': 'connection' }, 'connecting');
  const clock = h('span', { class: 'clock', 'data-testid': 'countdown' });
  const head = h('h1', {});
  const code = h('strong', { class: 'code', 'data-testid': 'join-code' });
  const phase = h('span', { 'data-testid': 'phase' });
  const notice = h('p', { class: 'notice', role: 'status', 'data-testid': 'notice' });
  const seats = h('table', { class: 'grid', 'data-testid': 'seats' });
  const timeline = h('ol', { class: 'timeline', 'data-testid': 'timeline' });
  const links = h('div', { class: 'row links' });
  const forks = h('ul', { 'data-testid': 'forks' });
  const injectSelect = h('select', { 'data-testid': 'inject' }) as HTMLSelectElement;
  const turnInput = h('input', { type: 'number', min: 0, value: 0, 'data-testid': 'turn-input', class: 'narrow' }) as HTMLInputElement;
  const shockHeadline = h('input', { placeholder: 'Ad hoc shock headline', 'data-testid': 'shock-headline' }) as HTMLInputElement;
  const shockCountry = h('select', { 'data-testid': 'shock-country' }) as HTMLSelectElement;
  const shockGdp = h('input', { type: 'number', value: -2, step: 0.5, class: 'narrow', 'data-testid': 'shock-gdp' }) as HTMLInputElement;
  const fireShock = (): void => {
    const headline = shockHeadline.value.trim() || 'Unexpected shock';
    const id = `adhoc-${Date.now().toString(36)}`;
    void act('FireShock', (hub) => hub.fireShock({ Id: id, Headline: headline, Body: headline, Effects: [{ Kind: 'Gdp', Actor: shockCountry.value, Fraction: Number(shockGdp.value) / 100 }] }));
  };
  const gdp = chartBox('GDP (USD bn)', 'chart-gdp');
  const util = chartBox('Utility score', 'chart-utility');

  const act = async (method: string, call: (hub: GameHubClient) => Promise<Receipt>): Promise<void> => {
    const a = await live.send(call);
    notice.textContent = a.Refusal ? `${method} refused: ${a.Refusal}` : `${method}: done`;
  };
  // Replaces the teacher's pass (e.g. after it leaked): the old pass stops working everywhere; this page reopens with the new one.
  const rotatePass = async (): Promise<void> => {
    if (!confirm('Replace the teacher pass? Any other page or link with the current pass stops working.')) return;
    const a = await live.send((hub) => hub.rotateTeacherPass());
    if (a.Refusal || !a.Value) { notice.textContent = `Replacing the pass refused: ${a.Refusal}`; return; }
    localStorage.setItem('pass:teach', a.Value.TeacherPass);
    notice.textContent = 'Teacher pass replaced: the old one no longer works.';
    history.replaceState(null, '', `/teach#${encodeURIComponent(a.Value.TeacherPass)}`);
    location.reload();
  };
  // Replaces the classroom screen's link (e.g. after it leaked): screens open with the old link stop showing the session.
  const rotateScreen = async (): Promise<void> => {
    if (!confirm('Make a new classroom screen link? Screens open with the current link stop showing the session.')) return;
    const a = await live.send((hub) => hub.rotateSpectatorPass());
    if (a.Refusal || !a.Value?.SpectatorPass) { notice.textContent = `Replacing the screen link refused: ${a.Refusal}`; return; }
    localStorage.setItem(`spectator:${a.Value.SessionId}`, a.Value.SpectatorPass);
    notice.textContent = 'New classroom screen link: the old one no longer works.';
    if (snap) draw(snap);
  };
  const fork = async (): Promise<void> => {
    const a = await live.send((hub) => hub.fork(Number(turnInput.value)));
    if (a.Refusal || !a.Value) { notice.textContent = `Fork refused: ${a.Refusal}`; return; }
    if (a.Value.SpectatorPass) localStorage.setItem(`spectator:${a.Value.SessionId}`, a.Value.SpectatorPass);
    forks.append(h('li', {}, `Fork ${a.Value.SessionId}, join code `, h('b', { 'data-testid': 'fork-code' }, a.Value.JoinCode), ' — ',
      h('a', { href: `/teach#${encodeURIComponent(a.Value.TeacherPass)}`, target: '_blank', 'data-testid': 'fork-link' }, 'open its console')));
    notice.textContent = `Forked at turn ${turnInput.value}.`;
  };

  const draw = (s: Snapshot): void => {
    snap = s;
    const st = s.Status;
    head.textContent = `${st.Title} — ${st.SessionId}${st.ForkedFrom ? ` (fork of ${st.ForkedFrom})` : ''}`;
    code.textContent = st.JoinCode;
    phase.textContent = `${st.Phase} · turn ${st.Turn} of ${st.Turns} · ${st.Date}`;
    if (st.ReadOnly) notice.textContent = st.ReadOnly;
    countdown(clock, st.DeadlineMs, st.NowMs, st.Phase);
    if (shockCountry.options.length !== st.Seats.length) fill(shockCountry, ...st.Seats.map((x) => h('option', { value: x.Country }, x.Country)));
    if (injectSelect.options.length !== st.Injects.length) fill(injectSelect, ...st.Injects.map((i) => h('option', { value: i }, i)));
    const spectator = localStorage.getItem(`spectator:${st.SessionId}`);
    const q = `pass=${encodeURIComponent(pass)}`;
    fill(links,
      spectator ? h('a', { href: `/screen#${encodeURIComponent(spectator)}`, target: '_blank', 'data-testid': 'screen-link' }, 'Classroom screen') : null,
      h('a', { href: `/api/export/html?${q}`, target: '_blank', 'data-testid': 'debrief-link' }, 'Debrief (HTML)'),
      h('a', { href: `/api/export/csv?${q}`, 'data-testid': 'csv-link' }, 'CSV'),
      h('a', { href: `/api/export/json?${q}`, 'data-testid': 'json-link' }, 'JSON'));
    const volume = (c: string): number => s.Events.filter((e) => e.Kind === 'MessageSent' && e.Country === c).length;
    const lastSeen = (c: string): string => {
      const e = [...s.Events].reverse().find((x) => x.By === c);
      return e ? new Date(e.AtMs).toLocaleTimeString() : '–';
    };
    const last = (c: string, ind: string): number | null => series(s.History, c, ind).at(-1) ?? null;
    fill(seats, h('tr', {}, ...['Country', 'Player', 'Ready', 'Moves in', 'Bot', 'GDP', 'Growth', 'Stability', 'Utility', 'Messages', 'Last activity', ''].map((x) => h('th', {}, x))),
      ...st.Seats.map((x) => h('tr', { 'data-testid': `seat-${x.Country}` },
        h('td', {}, x.Country), h('td', {}, x.Player ?? (x.OpenToPlayers ? 'open' : 'bot seat')), h('td', { 'data-testid': `ready-${x.Country}` }, x.Ready ? '✓' : ''),
        h('td', {}, x.Submitted ? '✓' : ''), h('td', {}, x.BotPlaying ? 'bot' : ''),
        h('td', {}, fmt(last(x.Country, 'gdp'), 0)), h('td', {}, fmt((last(x.Country, 'growth') ?? NaN) * 100)), h('td', {}, fmt(last(x.Country, 'stability'))),
        h('td', {}, fmt(utility(s.History, x.Country).at(-1), 2)), h('td', {}, String(volume(x.Country))), h('td', {}, lastSeen(x.Country)),
        h('td', {}, x.Player ? h('button', { class: 'small', onclick: () => void act('FreeSeat', (hub) => hub.freeSeat(x.Country)) }, 'free seat') : ''))));
    const countries = st.Seats.map((x) => x.Country);
    lineChart(gdp.canvas, s.History, countries.map((c) => ({ label: c, data: series(s.History, c, 'gdp') })));
    lineChart(util.canvas, s.History, countries.map((c) => ({ label: c, data: utility(s.History, c) })));
    fill(timeline, ...s.Events.filter((e) => e.Kind !== 'ReadinessChanged').slice(-60).reverse()
      .map((e) => h('li', {}, `${new Date(e.AtMs).toLocaleTimeString()} ${e.By}: ${e.Text}${e.Message && e.To ? ` — “${e.Message}”` : ''}`)));
  };

  const store = new SessionStore();
  const live = new Live(pass, store, (r) => { notice.textContent = r; state.textContent = 'pass replaced'; });
  effect(() => { const held = store.held.value; if (held) draw(held); });
  effect(() => { state.textContent = store.connection.value; state.dataset.state = store.connection.value; });
  const button = (label: string, testid: string, run: () => void): HTMLElement => h('button', { 'data-testid': testid, onclick: run }, label);
  fill(root,
    h('header', { class: 'bar' }, head, h('span', {}, 'Join code ', code), phase, clock, state),
    notice,
    h('main', { class: 'teacher' },
      h('section', { class: 'card' }, h('h2', {}, 'Controls'),
        h('div', { class: 'row' },
          button('Start', 'start', () => void act('Start', (hub) => hub.start())), button('Pause', 'pause', () => void act('Pause', (hub) => hub.pause())), button('Resume', 'resume', () => void act('Resume', (hub) => hub.resume())),
          button('Resolve now', 'resolve', () => void act('ResolveNow', (hub) => hub.resolveNow())), button('+1 min', 'extend', () => void act('ExtendDeadline', (hub) => hub.extendDeadline(60))),
          button('End', 'end', () => { if (confirm('End the session?')) void act('End', (hub) => hub.end()); }),
          button('Replace teacher pass', 'rotate-pass', () => void rotatePass()),
          button('New screen link', 'rotate-screen', () => void rotateScreen())),
        h('div', { class: 'row' }, injectSelect, button('Fire inject', 'fire-inject', () => void act('FireInject', (hub) => hub.fireInject(injectSelect.value)))),
        h('div', { class: 'row' }, shockHeadline, shockCountry, 'GDP %', shockGdp, button('Fire shock', 'fire-shock', fireShock)),
        h('div', { class: 'row' }, 'Turn ', turnInput, button('Roll back', 'rollback', () => void act('RollBack', (hub) => hub.rollBack(Number(turnInput.value)))), button('Fork', 'fork', () => void fork())),
        forks, links),
      h('section', { class: 'card wide' }, h('h2', {}, 'The world'), h('div', { class: 'scroll' }, seats)),
      h('section', { class: 'card wide' }, h('div', { class: 'charts' }, gdp.box, util.box)),
      h('section', { class: 'card wide' }, h('h2', {}, 'Timeline'), timeline)));
  void live.start();
  (window as unknown as { diplosim: Live }).diplosim = live;
  void snap;
}
