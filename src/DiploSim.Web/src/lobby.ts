import { z } from 'zod';
import { http, rememberedSeat } from './api';
import { JoinInfo, ScenarioListing, SeatPassDto, SessionPassesDto } from './generated/contract';
import { fill, h } from './ui';

// Presets rather than a wall of options: the turn length is what a class period decides.
const presets = [
  { id: 'class', label: 'Class period — 5-minute turns', seconds: 300 },
  { id: 'quick', label: 'Quick demo — 1-minute turns', seconds: 60 },
  { id: 'seminar', label: 'Seminar — 15-minute turns', seconds: 900 },
  { id: 'homework', label: 'Homework — one turn a day', seconds: 86400 },
];

export async function lobby(root: HTMLElement): Promise<void> {
  const scenarios = await http('/api/scenarios', z.array(ScenarioListing));
  const scenarioSelect = h('select', { 'data-testid': 'scenario' }, ...scenarios.map((s) => h('option', { value: s.Id }, s.Title))) as HTMLSelectElement;
  const presetSelect = h('select', { 'data-testid': 'preset' }, ...presets.map((p) => h('option', { value: p.id }, p.label))) as HTMLSelectElement;
  const pressSelect = h('select', { 'data-testid': 'press' },
    h('option', { value: 'Open' }, 'Private and public messages'), h('option', { value: 'PublicOnly' }, 'Public messages only'), h('option', { value: 'None' }, 'No messages')) as HTMLSelectElement;
  const seats = h('fieldset', { class: 'seats' });
  const summary = h('p', { class: 'muted' });
  const drawSeats = (): void => {
    const s = scenarios.find((x) => x.Id === scenarioSelect.value);
    summary.textContent = s ? `${s.Summary} (${s.Turns} turns)` : '';
    fill(seats, h('legend', {}, 'Seats for students (the others are played by bots)'),
      ...(s?.Countries ?? []).map((c) => h('label', {}, h('input', { type: 'checkbox', value: c, checked: true, 'data-testid': `seat-${c}` }), ` ${c}`)));
  };
  scenarioSelect.addEventListener('change', drawSeats);
  drawSeats();
  const createError = h('p', { class: 'error', role: 'alert' });

  const create = async (): Promise<void> => {
    const preset = presets.find((p) => p.id === presetSelect.value)!;
    const humanSeats = [...seats.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value);
    try {
      const passes = await http('/api/sessions', SessionPassesDto, { ScenarioId: scenarioSelect.value, TurnSeconds: preset.seconds, HumanSeats: humanSeats, Press: pressSelect.value });
      if (passes.SpectatorPass) localStorage.setItem(`spectator:${passes.SessionId}`, passes.SpectatorPass);
      location.href = `/teach#${encodeURIComponent(passes.TeacherPass)}`;
    } catch (err) {
      createError.textContent = (err as Error).message;
    }
  };

  const code = h('input', { 'data-testid': 'join-code-input', placeholder: 'Join code', autocomplete: 'off', autocapitalize: 'characters' }) as HTMLInputElement;
  const name = h('input', { 'data-testid': 'player-name', placeholder: 'Your name' }) as HTMLInputElement;
  const seatList = h('div', { class: 'seat-list' });
  const joinError = h('p', { class: 'error', role: 'alert' });
  const find = async (): Promise<void> => {
    try {
      const info = await http(`/api/join/${encodeURIComponent(code.value.trim())}`, JoinInfo);
      fill(seatList, h('p', {}, `${info.Title} — choose your country:`),
        ...info.Seats.map((s) => h('button', { class: 'seat', disabled: s.Taken, 'data-testid': `join-${s.Country}`, onclick: () => void join(s.Country) }, s.Taken ? `${s.Country} (taken)` : s.Country)));
      joinError.textContent = '';
    } catch (err) {
      joinError.textContent = (err as Error).message;
    }
  };
  const join = async (country: string): Promise<void> => {
    try {
      const seat = await http('/api/join', SeatPassDto, { Code: code.value.trim(), Country: country, Player: name.value.trim() || 'Player' });
      location.href = `/play#${encodeURIComponent(seat.Pass)}`;
    } catch (err) {
      joinError.textContent = (err as Error).message;
    }
  };

  // A student who closed the tab gets back in one click: this device kept their seat's pass.
  const mine = rememberedSeat();
  const resume = mine
    ? h('section', { class: 'card', 'data-testid': 'continue-card' }, h('h2', {}, 'Welcome back'),
      h('a', { class: 'button primary', href: `/play#${encodeURIComponent(mine.pass)}`, 'data-testid': 'continue' }, `Continue as ${mine.name}`),
      h('p', { class: 'muted' }, 'Or join a different class below.'))
    : null;

  fill(root,
    h('header', { class: 'bar' }, h('h1', {}, 'DiploSim'), h('span', { class: 'muted' }, 'Great-power economic diplomacy in the classroom')),
    h('main', { class: 'lobby' },
      ...(resume ? [resume] : []),
      h('section', { class: 'card' }, h('h2', {}, 'Join a class'),
        h('div', { class: 'row' }, code, name, h('button', { 'data-testid': 'find', onclick: () => void find() }, 'Find')), seatList, joinError),
      h('section', { class: 'card' }, h('h2', {}, 'Run a class'),
        h('label', {}, 'Scenario ', scenarioSelect), summary, h('label', {}, 'Pace ', presetSelect), h('label', {}, 'Press ', pressSelect), seats,
        h('button', { class: 'primary', 'data-testid': 'create', onclick: () => void create() }, 'Create session'), createError)));
}
