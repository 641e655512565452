import { Live, pagePass, type Answer, type GameEvent, type Ledger, type Move, type MovePreview, type Snapshot, type View } from './api';
import { networkLegend, networkSvg } from './network';
import { barChart, chartBox, countdown, fill, fmt, h, lineChart, series, table } from './ui';

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
  const bySector = chartBox('Trade by partner and sector (exports + imports, USD bn/yr)', 'chart-trade-sector');
  const energy = h('section', { class: 'card', 'data-testid': 'energy' });
  const arms = h('section', { class: 'card', 'data-testid': 'arms' });
  const agreementsCard = h('section', { class: 'card wide', 'data-testid': 'agreements-card' });
  const relations = h('section', { class: 'card', 'data-testid': 'relations' });

  // ---- Composer ----
  const kindSelect = h('select', { 'data-testid': 'move-kind' }, ...Object.entries(kinds).map(([k, v]) => h('option', { value: k }, v.label))) as HTMLSelectElement;
  const fields = h('div', { class: 'fields' });
  const preview = h('p', { class: 'preview', 'data-testid': 'preview' });
  const effect = h('div', { class: 'effect', 'data-testid': 'preview-effect' });
  let previewSeq = 0;
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
      if (!choices) input.addEventListener('input', () => void showPreview());
      return h('label', {}, `${f} `, input);
    }));
    void showPreview();
  };
  const showPreview = async (): Promise<void> => {
    if (!view) return;
    const seq = ++previewSeq;
    const country = view.Country;
    const move = readMove();
    const a = await live.conn.invoke<Answer<MovePreview>>('PreviewEffect', country, move).catch(() => null);
    if (seq !== previewSeq) return; // a later draft is being previewed
    const p = a?.Value;
    if (!p) { preview.textContent = a?.Refusal ?? ''; fill(effect); return; }
    preview.classList.toggle('error', p.Refusal !== null);
    preview.textContent = p.Refusal ?? `${p.Description} — costs ${p.Cost} capital (you have ${p.Capital})`;
    drawEffect(p);
  };
  const indicatorLabel = (i: string, target: string | null): string => ({
    gdp: 'GDP ($bn)', stability: 'Stability', utility: 'Utility', prosperity: 'Prosperity', security: 'Security', energySecurity: 'Energy security',
    autonomy: 'Autonomy', influence: 'Influence', goals: 'Relationship goals', trustOfTarget: `${target}'s trust in you`, tradeWithTarget: `Trade with ${target} ($bn/yr)`,
  } as Record<string, string>)[i] ?? i;
  const drawEffect = (p: MovePreview): void => {
    if (p.Refusal) { fill(effect); return; }
    const key = new Set(['gdp', 'stability', 'utility', 'trustOfTarget', 'tradeWithTarget']);
    const shown = p.Effects.filter((e) => key.has(e.Indicator) || Math.abs(e.Change) > 1e-6);
    const digits = (i: string): number => (i === 'gdp' || i === 'tradeWithTarget' ? 1 : 2);
    fill(effect,
      h('p', { class: 'muted' }, 'Next turn with this move, against the same turn without it (others\' moves unknown):'),
      table('effect-table', ['Indicator', 'Change', 'Without → with'], shown.map((e) => [
        indicatorLabel(e.Indicator, p.Target),
        h('span', { class: e.Change > 1e-9 ? 'ok' : e.Change < -1e-9 ? 'refused' : 'muted', 'data-testid': `effect-${e.Indicator}` },
          `${e.Change > 0 ? '+' : ''}${fmt(e.Change, digits(e.Indicator))}`),
        `${fmt(e.Without, digits(e.Indicator))} → ${fmt(e.With, digits(e.Indicator))}`])));
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
  const drawLedger = (l: Ledger, partners: string[], turn: number): void => {
    const sectors = [...new Set(l.Trade.map((t) => t.Sector))];
    barChart(bySector.canvas, partners, sectors.map((sec) => ({
      label: sec, data: partners.map((p) => l.Trade.filter((t) => t.Partner === p && t.Sector === sec).reduce((x, t) => x + t.Exports + t.Imports, 0)),
    })), true);
    const e = l.Energy;
    fill(energy, h('h2', {}, 'Energy'),
      h('div', { class: 'cards' },
        h('div', { class: 'stat', 'data-testid': 'stat-energy-bill' }, h('small', {}, 'Energy bill'), h('strong', {}, `$${fmt(e.Bill, 0)}bn/yr`)),
        h('div', { class: 'stat' }, h('small', {}, 'Share of GDP'), h('strong', {}, `${fmt(e.BillShareOfGdp * 100)}%`)),
        h('div', { class: 'stat' }, h('small', {}, e.NetOilImportsMbd >= 0 ? 'Net oil imports' : 'Net oil exports'), h('strong', {}, `${fmt(Math.abs(e.NetOilImportsMbd), 2)} mb/d`)),
        h('div', { class: 'stat' }, h('small', {}, 'Oil price'), h('strong', {}, `$${fmt(e.OilPrice, 0)}/bbl`))),
      h('p', { class: 'muted' }, e.PriceCapMember ? 'You enforce the oil price cap.' : 'You do not enforce the oil price cap.'),
      e.DiscountedCrude.length ? table('crude', ['Discounted crude from', 'mb/d', 'Discount'], e.DiscountedCrude.map((x) => [x.Seller, fmt(x.VolumeMbd, 2), `${fmt(x.Discount * 100)}%`])) : null);
    const status = (d: { Status: string; DueTurn: number }): string => `${d.Status === 'Delayed' ? 'delayed' : 'on time'}${d.DueTurn <= turn ? ' · due now' : ''}`;
    fill(arms, h('h2', {}, 'Arms dependency'),
      l.ArmsSuppliers.length === 0 ? h('p', { class: 'muted' }, 'No arms imports.') : table('arms-suppliers', ['Supplier', 'Share of arms imports'],
        l.ArmsSuppliers.map((a) => [a.Supplier, h('span', { class: 'share' }, h('span', { class: 'share-bar', style: `width:${Math.round(a.Share * 100)}%` }), ` ${fmt(a.Share * 100, 0)}%`)])),
      h('h2', {}, 'Pending deliveries'),
      l.Deliveries.length === 0 ? h('p', { class: 'muted' }, 'None.') : table('deliveries', ['System', 'From → to', 'USD bn', 'Due turn', 'Status'],
        l.Deliveries.map((d) => [d.System, `${d.Seller} → ${d.Buyer}`, fmt(d.Value, 1), String(d.DueTurn), status(d)]), (i) => (l.Deliveries[i].Status === 'Delayed' ? 'warn' : '')));
    const terms = (t: Ledger['Agreements'][number]['Terms']): string => [
      t.TariffCeiling != null ? `tariffs ≤ ${fmt(t.TariffCeiling * 100, 0)}%` : '', t.TradeTarget != null ? `trade → $${fmt(t.TradeTarget, 0)}bn` : '',
      t.EnergyVolumeMbd != null ? `${fmt(t.EnergyVolumeMbd, 2)} mb/d${t.Supplier ? ` from ${t.Supplier}` : ''}` : '', t.EnergyDiscount != null ? `${fmt(t.EnergyDiscount * 100)}% off` : '',
      t.MaxUsdShare != null ? `USD share ≤ ${fmt(t.MaxUsdShare * 100, 0)}%` : ''].filter(Boolean).join(', ');
    fill(agreementsCard, h('h2', {}, 'Agreements and compliance'),
      l.Agreements.length === 0 ? h('p', { class: 'muted' }, 'No agreements.') : table('agreements', ['Agreement', 'Kind', 'Parties', 'Terms', 'Signed', 'Status', 'Progress', 'Breaches'],
        l.Agreements.map((g) => [g.Id, g.Kind, g.Parties.join(', '), terms(g.Terms) || '–', `T${g.SignedTurn}`,
          g.Status === 'InForce' ? 'in force' : 'withdrawn', `${fmt(g.Progress * 100, 0)}%`,
          g.Breaches === 0 ? 'kept' : `${g.Breaches} (last by ${g.LastBreachedBy ?? '?'})`]),
        (i) => (l.Agreements[i].Breaches > 0 ? 'warn' : l.Agreements[i].Status !== 'InForce' ? 'muted' : '')));
  };
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
    if (view.Ledger) drawLedger(view.Ledger, others, st.Turn);
    if (s.Network) fill(relations, h('h2', {}, 'Relations'), h('div', { class: 'network-box' }, networkSvg(s.Network, c)), networkLegend());

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
      h('section', { class: 'dash' }, cards, h('div', { class: 'charts' }, gdp.box, growth.box, stability.box, scores.box, trade.box, bySector.box, trust.box)),
      outcome,
      relations,
      energy,
      arms,
      agreementsCard,
      proposals,
      h('section', { class: 'card' }, h('h2', {}, 'Your moves'), h('div', { class: 'row' }, kindSelect), fields, preview, effect,
        h('div', { class: 'row' }, h('button', { 'data-testid': 'add-move', onclick: () => void addMove(readMove()) }, 'Add to draft'),
          h('button', { class: 'primary', 'data-testid': 'submit', onclick: () => void submit() }, 'Submit moves')), draftList),
      h('section', { class: 'card' }, h('h2', {}, 'Negotiation'), channels, thread,
        h('div', { class: 'row' }, messageInput, h('button', { 'data-testid': 'send', onclick: () => void send() }, 'Send'))),
      h('section', { class: 'card' }, h('h2', {}, 'News'), news)));
  void live.start();
  (window as unknown as { diplosim: Live }).diplosim = live;
}
