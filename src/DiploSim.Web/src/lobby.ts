import { z } from 'zod';
import { api, read, rememberedSeat } from './api';
import { JoinInfo, ScenarioListing, SeatPassDto, SessionPassesDto } from './generated/contract';
import { countryColour, countryName, say, words } from './i18n';
import { fill, h } from './ui';

// Presets rather than a wall of options: the turn length is what a class period decides.
const presets = [
  { id: 'class', label: words.lobby.presetClass, seconds: 300 },
  { id: 'quick', label: words.lobby.presetQuick, seconds: 60 },
  { id: 'seminar', label: words.lobby.presetSeminar, seconds: 900 },
  { id: 'homework', label: words.lobby.presetHomework, seconds: 86400 },
];

export async function lobby(root: HTMLElement): Promise<void> {
  const scenarios = await read(api.GET('/api/scenarios'), z.array(ScenarioListing));
  const scenarioSelect = h('select', { 'data-testid': 'scenario', id: 'scenario' }, ...scenarios.map((s) => h('option', { value: s.Id }, s.Title))) as HTMLSelectElement;
  const presetSelect = h('select', { 'data-testid': 'preset', id: 'preset' }, ...presets.map((p) => h('option', { value: p.id }, p.label))) as HTMLSelectElement;
  const pressSelect = h('select', { 'data-testid': 'press', id: 'press' },
    ...(['Open', 'PublicOnly', 'None'] as const).map((p) => h('option', { value: p }, words.enums.PressRules[p]))) as HTMLSelectElement;
  const seats = h('fieldset', { class: 'seats' });
  const summary = h('p', { class: 'muted' });
  const briefingLink = h('a', { target: '_blank', 'data-testid': 'lobby-briefings' }, words.lobby.briefingsLink) as HTMLAnchorElement;
  const drawSeats = (): void => {
    const s = scenarios.find((x) => x.Id === scenarioSelect.value);
    summary.textContent = s ? say(words.lobby.turns, { summary: s.Summary, turns: s.Turns }) : '';
    briefingLink.href = s ? `/briefings?scenario=${encodeURIComponent(s.Id)}` : '#';
    fill(seats, h('legend', {}, words.lobby.seatsLegend),
      ...(s?.Countries ?? []).map((c) => h('label', { class: 'chip' }, h('input', { type: 'checkbox', value: c, checked: true, 'data-testid': `seat-${c}` }),
        h('span', { class: 'swatch', style: `background:${countryColour(c)}`, 'aria-hidden': 'true' }), ` ${countryName(c)}`)));
  };
  scenarioSelect.addEventListener('change', drawSeats);
  drawSeats();
  const createError = h('p', { class: 'error', role: 'alert' });

  const create = async (): Promise<void> => {
    const preset = presets.find((p) => p.id === presetSelect.value)!;
    const humanSeats = [...seats.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value);
    try {
      const passes = await read(api.POST('/api/sessions', { body: { ScenarioId: scenarioSelect.value, TurnSeconds: preset.seconds, HumanSeats: humanSeats, Press: pressSelect.value } }), SessionPassesDto);
      if (passes.SpectatorPass) localStorage.setItem(`spectator:${passes.SessionId}`, passes.SpectatorPass);
      location.href = `/teach#${encodeURIComponent(passes.TeacherPass)}`;
    } catch (err) {
      createError.textContent = (err as Error).message;
    }
  };

  const code = h('input', { 'data-testid': 'join-code-input', id: 'join-code', placeholder: words.lobby.joinCodeHint, autocomplete: 'off', autocapitalize: 'characters' }) as HTMLInputElement;
  const name = h('input', { 'data-testid': 'player-name', id: 'player-name', placeholder: words.lobby.yourName, autocomplete: 'nickname' }) as HTMLInputElement;
  const seatList = h('div', { class: 'seat-list' });
  const joinError = h('p', { class: 'error', role: 'alert' });
  const find = async (): Promise<void> => {
    try {
      const info = await read(api.GET('/api/join/{code}', { params: { path: { code: code.value.trim() } } }), JoinInfo);
      fill(seatList, h('p', {}, say(words.lobby.chooseCountry, { title: info.Title })),
        ...info.Seats.map((s) => h('button', { class: 'seat', disabled: s.Taken, 'data-testid': `join-${s.Country}`, onclick: () => void join(s.Country) },
          h('span', { class: 'swatch', style: `background:${countryColour(s.Country)}`, 'aria-hidden': 'true' }), ' ',
          s.Taken ? say(words.lobby.taken, { country: countryName(s.Country) }) : countryName(s.Country))));
      joinError.textContent = '';
    } catch (err) {
      joinError.textContent = (err as Error).message;
    }
  };
  const join = async (country: string): Promise<void> => {
    try {
      const seat = await read(api.POST('/api/join', { body: { Code: code.value.trim(), Country: country, Player: name.value.trim() || words.lobby.defaultPlayer } }), SeatPassDto);
      location.href = `/play#${encodeURIComponent(seat.Pass)}`;
    } catch (err) {
      joinError.textContent = (err as Error).message;
    }
  };

  // A student who closed the tab gets back in one click: this device kept their seat's pass.
  const mine = rememberedSeat();
  const resume = mine
    ? h('section', { class: 'card', 'data-testid': 'continue-card' }, h('h2', {}, words.lobby.welcomeBack),
      h('a', { class: 'button primary', href: `/play#${encodeURIComponent(mine.pass)}`, 'data-testid': 'continue' }, say(words.lobby.continueAs, { name: mine.name })),
      h('p', { class: 'muted' }, words.lobby.orJoinAnother))
    : null;

  fill(root,
    h('header', { class: 'bar' }, h('h1', {}, words.app.name), h('span', { class: 'muted' }, words.app.tagline)),
    h('main', { class: 'lobby' },
      ...(resume ? [resume] : []),
      h('section', { class: 'card' }, h('h2', {}, words.lobby.joinTitle),
        h('div', { class: 'row' },
          h('label', { for: 'join-code', class: 'field' }, h('span', { class: 'field-label' }, words.lobby.joinCode), code),
          h('label', { for: 'player-name', class: 'field' }, h('span', { class: 'field-label' }, words.lobby.yourName), name),
          h('button', { 'data-testid': 'find', onclick: () => void find() }, words.lobby.find)), seatList, joinError),
      h('section', { class: 'card' }, h('h2', {}, words.lobby.runTitle),
        h('label', { for: 'scenario' }, `${words.lobby.scenario} `, scenarioSelect), summary, briefingLink,
        h('label', { for: 'preset' }, `${words.lobby.pace} `, presetSelect), h('label', { for: 'press' }, `${words.lobby.press} `, pressSelect), seats,
        h('button', { class: 'primary', 'data-testid': 'create', onclick: () => void create() }, words.lobby.create), createError),
      h('section', { class: 'card quick-start wide', 'data-testid': 'quick-start' }, h('h2', {}, words.lobby.quickStartTitle),
        h('ol', {}, ...words.lobby.quickStart.map((x) => h('li', {}, x))), h('p', { class: 'muted' }, `${words.lobby.lessonPlans} `,
          h('a', { href: '/teaching', target: '_blank', 'data-testid': 'teaching-guide' }, words.lobby.teachingGuide), '.'))));
}
