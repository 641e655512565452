import { Live, pagePass, type GameEvent, type Move, type Snapshot, type View } from './api';
import { barChart, chartBox, countdown, fill, fmt, h, lineChart, series } from './ui';

const agreements = ['StrategicPartnership', 'FreeTrade', 'Logistics', 'LocalCurrencySettlement', 'DefenceCoProduction', 'EnergyContract', 'ConnectivityCorridor', 'VisaFacilitation', 'CivilNuclear'];
const sectors = ['', 'Energy', 'Defence', 'Agriculture', 'Pharma', 'Industrial', 'Technology', 'Other'];

// The moves the composer offers, with the fields each needs (the rest are written by the page).
const kinds: Record<string, { label: string; fields: string[] }> = {
  ProposeAgreement: { label: 'Propose an agreement', fields: ['Partner', 'Agreement'] },
  SetTariff: { label: 'Set a tariff', fields: ['Target', 'Sector', 'Rate'] },
  SetSanction: { label: 'Set sanctions', fields: ['Target', 'Domain', 'Level'] },
  MakeStatement: { label: 'Make a statement', fields: ['Target', 'Stance'] },
  HoldSummit: { label: 'Hold a summit', fields: ['Partner'] },
  GiveAid: { label: 'Give aid', fields: ['Target', 'Amount'] },
  Invest: { label: 'Invest at home', fields: ['Capacity', 'Amount'] },
  Diversify: { label: 'Diversify away from', fields: ['Target', 'DependenceDomain'] },
};
const options: Record<string, string[]> = {
  Agreement: agreements, Sector: sectors, Domain: ['Trade', 'Finance', 'Energy', 'Technology'], Level: ['None', 'Targeted', 'Sectoral', 'Comprehensive'],
  Stance: ['Support', 'Neutral', 'Condemn'], Capacity: ['DefenceIndustry', 'ExportPromotion', 'PaymentRails'], DependenceDomain: ['Defence', 'Energy', 'Payments'],
};

export function player(root: HTMLElement): void {
  const pass = pagePass('pass:play');
  if (!pass) {
    root.textContent = 'No seat: join from the lobby.';
    return;
  }
  let snap: Snapshot | null = null;
  let view: View | null = null;
  let channel = '';
  const messages = new Map<number, GameEvent>();
  const draftKey = (): string => `draft:${snap?.Status.SessionId}:${view?.Country}`;
  let draft: Move[] = [];
  const costs = new Map<Move, number>();

  const state = h('span', { class: 'conn', 'data-testid': 'connection' }, 'connecting');
  const clock = h('span', { class: 'clock', 'data-testid': 'countdown' });
  const title = h('h1', { 'data-testid': 'country' });
  const turnLabel = h('span', { 'data-testid': 'turn' });
  const readyButton = h('button', { 'data-testid': 'ready', onclick: () => void toggleReady() }, 'Ready');
  const notice = h('p', { class: 'notice', role: 'status', 'data-testid': 'notice' });
  const cards = h('div', { class: 'cards' });
  const outcome = h('section', { class: 'card outcome', 'data-testid': 'outcome' }, h('h2', {}, 'Last turn'), h('p', { class: 'muted' }, 'No turn has resolved yet.'));
  const proposals = h('section', { class: 'card', 'data-testid': 'proposals' });
  const draftList = h('ul', { class: 'draft', 'data-testid': 'draft' });
  const news = h('ul', { class: 'news', 'data-testid': 'news' });
  const thread = h('ul', { class: 'thread', 'data-testid': 'thread' });
  const channels = h('div', { class: 'channels' });
  const messageInput = h('input', { 'data-testid': 'message-input', placeholder: 'Write a message' }) as HTMLInputElement;
  const gdp = chartBox('GDP (USD bn)', 'chart-gdp');
  const growth = chartBox('Growth', 'chart-growth');
  const stability = chartBox('Stability', 'chart-stability');
  const scores = chartBox('Scores', 'chart-scores');
  const trade = chartBox('Trade by partner (USD bn/yr)', 'chart-trade');
  const trust = chartBox('Trust', 'chart-trust');

  // ---- Composer ----
  const kindSelect = h('select', { 'data-testid': 'move-kind' }, ...Object.entries(kinds).map(([k, v]) => h('option', { value: k }, v.label))) as HTMLSelectElement;
  const fields = h('div', { class: 'fields' });
  const preview = h('p', { class: 'preview', 'data-testid': 'preview' });
  const readMove = (): Move => {
    const m: Move = { Kind: kindSelect.value };
    for (const el of fields.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[name]')) {
      const v = el.value;
      if (v === '') continue;
      switch (el.name) {
        case 'Partner': m.Partners = [v]; if (m.Kind === 'ProposeAgreement') m.ProposalId = `${view?.Country}-${view?.Turn}-${Math.random().toString(36).slice(2, 6)}`; break;
        case 'Rate': m.Rate = Number(v) / 100; break;
        case 'Amount': m.Amount = Number(v); break;
        case 'DependenceDomain': m.Domain = v; break;
        default: m[el.name] = v;
      }
    }
    return m;
  };
  const drawFields = (): void => {
    const others = view?.Relations.map((r) => r.Other) ?? [];
    fill(fields, ...kinds[kindSelect.value].fields.map((f) => {
      const choices = f === 'Partner' || f === 'Target' ? others : options[f];
      const input = choices
        ? h('select', { name: f, 'data-testid': `field-${f}` }, ...choices.map((c) => h('option', { value: c }, c || 'all sectors')))
        : h('input', { name: f, type: 'number', value: f === 'Rate' ? 10 : 5, 'data-testid': `field-${f}` });
      input.addEventListener('change', () => void showPreview());
      return h('label', {}, `${f} `, input);
    }));
    void showPreview();
  };
  const showPreview = async (): Promise<void> => {
    if (!view) return;
    const a = await live.conn.invoke('Preview', view.Country, readMove()).catch(() => null);
    const p = a?.Value as { Cost: number; Description: string | null; Refusal: string | null } | undefined;
    preview.textContent = p ? (p.Refusal ?? `${p.Description} — costs ${p.Cost} capital`) : '';
  };
  kindSelect.addEventListener('change', drawFields);

  const addMove = async (m: Move): Promise<void> => {
    const a = await live.conn.invoke('Preview', view!.Country, m).catch(() => null);
    const p = a?.Value as { Cost: number; Refusal: string | null } | undefined;
    if (p?.Refusal) { notice.textContent = p.Refusal; return; }
    costs.set(m, p?.Cost ?? 0);
    draft.push(m);
    await saveDraft();
  };
  const saveDraft = async (): Promise<void> => {
    localStorage.setItem(draftKey(), JSON.stringify(draft));
    drawDraft();
    if (view) await live.call('SaveDraft', view.Country, draft);
  };
  const drawDraft = (): void => {
    const total = draft.reduce((s, m) => s + (costs.get(m) ?? 0), 0);
    fill(draftList, ...draft.map((m, i) => h('li', {}, `${m.Kind} ${[m.Target, ...(m.Partners as string[] | undefined) ?? [], m.Agreement, m.ProposalId && m.Kind === 'AnswerProposal' ? `${m.ProposalId}: ${m.Accept ? 'accept' : 'reject'}` : ''].filter(Boolean).join(' ')} · ${costs.get(m) ?? '?'} capital `,
      h('button', { class: 'small', onclick: () => { draft.splice(i, 1); void saveDraft(); } }, 'remove'))),
      h('li', { class: 'muted', 'data-testid': 'draft-cost' }, `Total ${total} of ${view?.Capital ?? '?'} capital`));
  };
  const submit = async (): Promise<void> => {
    if (!view || !snap) return;
    const a = await live.call('Submit', view.Country, snap.Status.Turn, draft);
    notice.textContent = a.Refusal ? `Not submitted: ${a.Refusal}` : `Moves submitted for turn ${snap.Status.Turn}.`;
  };
  const toggleReady = async (): Promise<void> => {
    if (!view || !snap) return;
    const mine = snap.Status.Seats.find((s) => s.Country === view!.Country);
    const a = await live.call('SetReady', view.Country, snap.Status.Turn, !mine?.Ready);
    notice.textContent = a.Refusal ?? (mine?.Ready ? 'Not ready.' : 'Ready: waiting for the others.');
  };
  const send = async (): Promise<void> => {
    if (!view || !messageInput.value.trim()) return;
    const a = await live.call('SendMessage', view.Country, channel || null, messageInput.value.trim());
    if (a.Refusal) notice.textContent = a.Refusal; else messageInput.value = '';
  };

  // ---- Drawing ----
  const drawThread = (): void => {
    if (!view) return;
    const others = view.Relations.map((r) => r.Other);
    fill(channels, ...['', ...others].map((c) => h('button', { class: c === channel ? 'tab active' : 'tab', 'data-testid': `channel-${c || 'public'}`, onclick: () => { channel = c; drawThread(); } }, c || 'Public')));
    const mine = [...messages.values()].filter((m) => m.Message !== null && (channel === '' ? m.To === null : m.To !== null && (m.Country === channel || m.To === channel)));
    fill(thread, ...mine.sort((a, b) => a.Sequence - b.Sequence).map((m) => h('li', { class: m.Country === view!.Country ? 'me' : '' }, h('b', {}, m.Country ?? ''), ` ${m.Message}`)));
  };
  const draw = (s: Snapshot): void => {
    snap = s;
    view = s.View;
    if (!view) return;
    const st = s.Status;
    title.textContent = `${view.Name} (${view.Country})`;
    turnLabel.textContent = `Turn ${st.Turn} · ${st.Date} · ${st.Phase}`;
    countdown(clock, st.DeadlineMs, st.NowMs, st.Phase);
    const mine = st.Seats.find((x) => x.Country === view!.Country);
    readyButton.textContent = mine?.Ready ? 'Ready ✓ (click to undo)' : 'Ready';
    readyButton.classList.toggle('on', !!mine?.Ready);
    fill(cards, ...[['GDP', `$${fmt(view.Gdp, 0)}bn`], ['Growth', `${fmt(view.Growth * 100)}%`], ['Stability', fmt(view.Stability)], ['Capital', String(view.Capital)], ['Utility', fmt(view.Utility, 2)]]
      .map(([k, v]) => h('div', { class: 'stat', 'data-testid': `stat-${k.toLowerCase()}` }, h('small', {}, k), h('strong', {}, v))));
    const c = view.Country;
    lineChart(gdp.canvas, s.History, [{ label: c, data: series(s.History, c, 'gdp') }]);
    lineChart(growth.canvas, s.History, [{ label: c, data: series(s.History, c, 'growth') }]);
    lineChart(stability.canvas, s.History, [{ label: c, data: series(s.History, c, 'stability') }]);
    const score = (k: 'Prosperity' | 'Security' | 'EnergySecurity' | 'Autonomy' | 'Influence') => [null, ...s.History.map((t) => t.Scores.find((x) => x.Actor === c)?.[k] ?? null)];
    lineChart(scores.canvas, s.History, (['Prosperity', 'Security', 'EnergySecurity', 'Autonomy', 'Influence'] as const).map((k) => ({ label: k, data: score(k) })));
    const others = view.Relations.map((r) => r.Other);
    barChart(trade.canvas, others, [{ label: 'Exports', data: view.Relations.map((r) => r.ExportsTo) }, { label: 'Imports', data: view.Relations.map((r) => r.ImportsFrom) }]);
    barChart(trust.canvas, others, [{ label: 'Our trust in them', data: view.Relations.map((r) => r.TrustIn) }, { label: 'Their trust in us', data: view.Relations.map((r) => r.TrustFrom) }]);

    fill(proposals, h('h2', {}, 'Proposals'), view.Proposals.length === 0 ? h('p', { class: 'muted' }, 'None pending.') : null,
      ...view.Proposals.map((p) => h('div', { class: 'proposal', 'data-testid': `proposal-${p.Id}` },
        h('span', {}, `${p.Proposer} proposes ${p.Agreement} with ${p.Parties.join(', ')} (turn ${p.Turn})${p.AcceptedBy.length ? ` — accepted by ${p.AcceptedBy.join(', ')}` : ''}`),
        p.Proposer === c ? null : h('button', { 'data-testid': `accept-${p.Id}`, onclick: () => void addMove({ Kind: 'AnswerProposal', ProposalId: p.Id, Accept: true }) }, 'Accept'),
        p.Proposer === c ? null : h('button', { 'data-testid': `reject-${p.Id}`, onclick: () => void addMove({ Kind: 'AnswerProposal', ProposalId: p.Id, Accept: false }) }, 'Reject'))));

    const last = s.History[s.History.length - 1];
    if (last) {
      const verdicts = last.Moves.filter((m) => m.Actor === c);
      fill(outcome, h('h2', {}, `Turn ${last.Turn} resolved`),
        h('ul', {}, ...verdicts.map((v) => h('li', { class: v.Accepted ? 'ok' : 'refused' }, `${v.Accepted ? '✓' : '✗'} ${v.Description}${v.Reason ? ` — ${v.Reason}` : ''}`))),
        h('ul', {}, ...last.News.filter((n) => n.Actors.includes(c) || n.Actors.length === 0).slice(0, 6).map((n) => h('li', {}, h('b', {}, n.Headline), ` ${n.Body}`))),
        h('p', { class: 'muted', 'data-testid': 'outcome-turn' }, `Outcome of turn ${last.Turn} (${last.Date})`));
    }
    fill(news, ...s.History.slice().reverse().flatMap((t) => [...t.Shocks.map((x) => h('li', { class: 'shock' }, `T${t.Turn} ⚡ ${x.Headline}`)), ...t.News.map((n) => h('li', {}, `T${t.Turn} ${n.Headline}`))]).slice(0, 40));

    for (const e of s.Events) if (e.Kind === 'MessageSent' && e.Message !== null) messages.set(e.Sequence, e);
    if (draft.length === 0) {
      const kept = localStorage.getItem(draftKey());
      draft = kept ? (JSON.parse(kept) as Move[]) : view.Draft;
      draft.forEach((m) => { if (!costs.has(m)) void live.conn.invoke('Preview', c, m).then((a) => { costs.set(m, (a.Value as { Cost: number } | null)?.Cost ?? 0); drawDraft(); }); });
    }
    if (fields.childElementCount === 0) drawFields();
    drawDraft();
    drawThread();
  };

  const live = new Live(pass, {
    snapshot: draw,
    state: (x) => { state.textContent = x; state.dataset.state = x; },
    private: (e) => { if (e.Kind === 'MessageSent') { messages.set(e.Sequence, e); drawThread(); } },
    event: (e) => {
      if (e.Outcome) notice.textContent = `Turn ${e.Outcome.Turn} resolved.`;
      if (e.Kind === 'TurnResolved') { draft = []; localStorage.removeItem(draftKey()); }
      if (e.Kind === 'InjectFired') notice.textContent = `News flash: ${e.Text}`;
    },
    revoked: (r) => { notice.textContent = r; state.textContent = 'seat lost'; },
  });

  fill(root,
    h('header', { class: 'bar' }, title, turnLabel, clock, state, readyButton),
    notice,
    h('main', { class: 'player' },
      h('section', { class: 'dash' }, cards, h('div', { class: 'charts' }, gdp.box, growth.box, stability.box, scores.box, trade.box, trust.box)),
      outcome,
      proposals,
      h('section', { class: 'card' }, h('h2', {}, 'Your moves'), h('div', { class: 'row' }, kindSelect), fields, preview,
        h('div', { class: 'row' }, h('button', { 'data-testid': 'add-move', onclick: () => void addMove(readMove()) }, 'Add to draft'),
          h('button', { class: 'primary', 'data-testid': 'submit', onclick: () => void submit() }, 'Submit moves')), draftList),
      h('section', { class: 'card' }, h('h2', {}, 'Negotiation'), channels, thread,
        h('div', { class: 'row' }, messageInput, h('button', { 'data-testid': 'send', onclick: () => void send() }, 'Send'))),
      h('section', { class: 'card' }, h('h2', {}, 'News'), news)));
  void live.start();
  (window as unknown as { diplosim: Live }).diplosim = live;
}
