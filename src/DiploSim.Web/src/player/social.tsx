import { useEffect, useState } from 'preact/hooks';
import type { Move, ProposalView } from '../generated/contract';
import { AgentMark } from '../components/common';
import { Term } from '../components/glossary';
import { clock, countryName, label, plain, say, sayCountries, words } from '../i18n';
import { bound, termsText } from './panels';
import { useSeat } from './seat';

/**
 * A proposal in words: who proposes what to whom, its terms and who accepted it. On the proposer's own, whom it still
 * waits for: a proposal lapses at the end of the turn after the one it was made in (MovePhase) unless all accept.
 */
export function proposalText(p: ProposalView, me: string): string {
  const terms = termsText(p.Terms);
  const line = sayCountries(words.player.proposes, { proposer: p.Proposer, parties: p.Parties.filter((x) => x !== p.Proposer) }, { agreement: label('AgreementKind', p.Agreement), turn: p.Turn })
    + (terms ? ` — ${terms}` : '') + (p.AcceptedBy.length > 0 ? ` — ${sayCountries(words.player.acceptedBy, { countries: p.AcceptedBy })}` : '');
  const waiting = p.Proposer === me ? p.Parties.filter((x) => x !== p.Proposer && !p.AcceptedBy.includes(x)) : [];
  return waiting.length > 0 ? `${line} — ${sayCountries(words.player.awaitingAnswer, { countries: waiting })}` : line;
}

/** Proposals to and from the seat; answering one adds the answer to the draft, with the model's cost. */
export function Proposals() {
  const seat = useSeat();
  const { store, draft, preview } = bound(seat);
  const view = store.view.value;
  if (!view) return <section class="card" data-testid="proposals" />;
  const c = view.Country;
  // The answer in the draft (or already sent) shows on the proposal itself, where the student clicked.
  const answered = new Map(draft.entries.value.flatMap((e) => (e.move.Kind === 'AnswerProposal' ? [[e.move.ProposalId, e.move.Accept] as const] : [])));
  const answer = async (id: string, accept: boolean) => {
    if (answered.get(id) === accept) return;
    const earlier = draft.entries.value.findIndex((e) => e.move.Kind === 'AnswerProposal' && e.move.ProposalId === id);
    if (earlier >= 0) await draft.remove(earlier);
    const move: Move = { Kind: 'AnswerProposal', ProposalId: id, Accept: accept };
    const a = await preview(move);
    const p = a.Value;
    if (!p || p.Refusal) { store.notice.value = plain(p?.Refusal ?? a.Refusal ?? ''); return; }
    await draft.add({ move, cost: p.Cost, description: plain(p.Description, view.Proposals) || label('MoveKind', move.Kind) });
  };
  return (
    <section class="card" data-testid="proposals">
      <h2><Term k="agreement">{words.player.proposalsTitle}</Term></h2>
      {view.Proposals.length === 0 && <p class="muted">{words.player.noProposals}</p>}
      {view.Proposals.map((p) => (
        <div key={p.Id} class={answered.has(p.Id) ? (answered.get(p.Id) ? 'proposal accepted' : 'proposal rejected') : 'proposal'} data-testid={`proposal-${p.Id}`}>
          <span>{proposalText(p, c)}</span>
          {p.Proposer !== c && <button data-testid={`accept-${p.Id}`} disabled={seat.over} onClick={() => void answer(p.Id, true)}>{words.player.accept}</button>}
          {p.Proposer !== c && <button data-testid={`reject-${p.Id}`} disabled={seat.over} onClick={() => void answer(p.Id, false)}>{words.player.reject}</button>}
          {answered.has(p.Id) && (
            <span class="answer" role="status" data-testid={`answer-${p.Id}`}>
              {answered.get(p.Id) ? words.player.youAccept : words.player.youReject}
            </span>
          )}
        </div>
      ))}
    </section>
  );
}

/** Public and private threads with the other countries. */
export function Negotiation() {
  const seat = useSeat();
  const { store, send: sendToHub } = bound(seat);
  const [channel, setChannel] = useState('');
  const [text, setText] = useState('');
  const view = store.view.value;
  const messages = store.messages.value;
  const sessionId = store.status.value?.SessionId ?? '';
  // What the student has read in each private thread, kept on this device: a thread with newer messages is marked.
  const readKey = `read:${sessionId}:${view?.Country ?? ''}`;
  const [read, setRead] = useState<Record<string, number>>({});
  useEffect(() => { setRead(JSON.parse(localStorage.getItem(readKey) ?? '{}') as Record<string, number>); }, [readKey]);
  const inThread = (c: string) => messages.filter((m) => (c === '' ? m.To === null : m.To !== null && (m.Country === c || m.To === c)));
  const latest = (c: string) => inThread(c).reduce((max, m) => Math.max(max, m.Sequence), 0);
  useEffect(() => {
    if (!channel || !view) return;
    const last = latest(channel);
    if ((read[channel] ?? 0) >= last) return;
    const next = { ...read, [channel]: last };
    setRead(next);
    localStorage.setItem(readKey, JSON.stringify(next));
  });
  if (!view) return <section class="card talks" />;
  const others = view.Relations.map((r) => r.Other);
  const seats = store.status.value?.Seats;
  const shown = inThread(channel);
  const unread = (c: string) => inThread(c).filter((m) => m.Country !== view.Country && m.Sequence > (read[c] ?? 0)).length;
  const send = async () => {
    if (!text.trim()) return;
    const a = await sendToHub((hub, c) => hub.sendMessage(c, channel || null, text.trim()), false);
    if (a.Refusal) store.notice.value = plain(a.Refusal); else setText('');
  };
  return (
    <section class="card talks">
      <h2>{words.player.negotiationTitle}</h2>
      <div class="channels">
        {['', ...others].map((c) => (
          <button key={c} class={c === channel ? 'tab active' : 'tab'} data-testid={`channel-${c || 'public'}`} onClick={() => setChannel(c)}>
            {c ? countryName(c) : words.player.public}
            {c && <AgentMark seat={seats?.find((s) => s.Country === c)} short />}
            {c && c !== channel && unread(c) > 0 && <span class="unread" data-testid={`unread-${c}`} aria-label={say(words.player.unread, { count: unread(c) })}>{unread(c)}</span>}
          </button>
        ))}
      </div>
      <ul class="thread" tabIndex={0} aria-label={words.player.messages} data-testid="thread">
        {shown.map((m) => <li key={m.Sequence} class={m.Country === view.Country ? 'me' : ''}><time class="muted">{clock(m.AtMs)}</time> <b>{countryName(m.Country)}</b> {m.Message}</li>)}
      </ul>
      <div class="row">
        <input data-testid="message-input" disabled={seat.over} aria-label={words.player.writeMessage} placeholder={words.player.writeMessage} value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)}
          onKeyDown={(e) => { if (e.key === 'Enter') void send(); }} />
        <button data-testid="send" disabled={seat.over} onClick={() => void send()}>{words.player.send}</button>
      </div>
    </section>
  );
}
