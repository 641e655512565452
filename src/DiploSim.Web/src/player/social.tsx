import { useEffect, useState } from 'preact/hooks';
import type { Move } from '../generated/contract';
import { bound, termsText } from './panels';
import { useSeat } from './seat';

/** Proposals to and from the seat; answering one adds the answer to the draft, with the model's cost. */
export function Proposals() {
  const { store, draft, preview } = bound(useSeat());
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
    if (!p || p.Refusal) { store.notice.value = p?.Refusal ?? a.Refusal ?? 'not previewed'; return; }
    await draft.add({ move, cost: p.Cost, description: p.Description ?? move.Kind });
  };
  return (
    <section class="card" data-testid="proposals">
      <h2>Proposals</h2>
      {view.Proposals.length === 0 && <p class="muted">None pending.</p>}
      {view.Proposals.map((p) => (
        <div key={p.Id} class={answered.has(p.Id) ? (answered.get(p.Id) ? 'proposal accepted' : 'proposal rejected') : 'proposal'} data-testid={`proposal-${p.Id}`}>
          <span>{`${p.Proposer} proposes ${p.Agreement} with ${p.Parties.join(', ')} (turn ${p.Turn})`}{termsText(p.Terms) && ` — ${termsText(p.Terms)}`}{p.AcceptedBy.length > 0 && ` — accepted by ${p.AcceptedBy.join(', ')}`}</span>
          {p.Proposer !== c && <button data-testid={`accept-${p.Id}`} onClick={() => void answer(p.Id, true)}>Accept</button>}
          {p.Proposer !== c && <button data-testid={`reject-${p.Id}`} onClick={() => void answer(p.Id, false)}>Reject</button>}
          {answered.has(p.Id) && (
            <span class="answer" role="status" data-testid={`answer-${p.Id}`}>
              {answered.get(p.Id) ? 'You accept: this goes with your moves.' : 'You reject: this goes with your moves.'}
            </span>
          )}
        </div>
      ))}
    </section>
  );
}

/** Public and private threads with the other countries. */
export function Negotiation() {
  const { store, send: sendToHub } = bound(useSeat());
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
  if (!view) return <section class="card" />;
  const others = view.Relations.map((r) => r.Other);
  const shown = inThread(channel);
  const unread = (c: string) => inThread(c).filter((m) => m.Country !== view.Country && m.Sequence > (read[c] ?? 0)).length;
  const send = async () => {
    if (!text.trim()) return;
    const a = await sendToHub((hub, c) => hub.sendMessage(c, channel || null, text.trim()), false);
    if (a.Refusal) store.notice.value = a.Refusal; else setText('');
  };
  return (
    <section class="card">
      <h2>Negotiation</h2>
      <div class="channels">
        {['', ...others].map((c) => (
          <button key={c} class={c === channel ? 'tab active' : 'tab'} data-testid={`channel-${c || 'public'}`} onClick={() => setChannel(c)}>
            {c || 'Public'}
            {c && c !== channel && unread(c) > 0 && <span class="unread" data-testid={`unread-${c}`} aria-label={`${unread(c)} new`}>{unread(c)}</span>}
          </button>
        ))}
      </div>
      <ul class="thread" tabIndex={0} aria-label="Messages" data-testid="thread">
        {shown.map((m) => <li key={m.Sequence} class={m.Country === view.Country ? 'me' : ''}><b>{m.Country ?? ''}</b> {m.Message}</li>)}
      </ul>
      <div class="row">
        <input data-testid="message-input" placeholder="Write a message" value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)}
          onKeyDown={(e) => { if (e.key === 'Enter') void send(); }} />
        <button data-testid="send" onClick={() => void send()}>Send</button>
      </div>
    </section>
  );
}
