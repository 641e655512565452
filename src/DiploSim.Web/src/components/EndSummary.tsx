import type { TurnSummary } from '../generated/contract';
import { countryName, label, plain, say, sayCountries, words } from '../i18n';
import type { SessionStore } from '../session/store';
import { fmt } from '../ui';
import { Table } from './common';

/** What the whole game came to, from its turns: the final scores, the agreements signed and broken, and the turns that changed it most. */
export function gameSummary(history: readonly TurnSummary[]) {
  const last = history.at(-1);
  const scores = [...(last?.Scores ?? [])].sort((a, b) => b.Utility - a.Utility);
  // From each turn's outcome as the model recorded it (agreements that entered into force, breaches), never from the news's words.
  const agreements = history.flatMap((t) => [
    ...t.Signed.map((a) => ({ turn: t.Turn, broken: false,
      text: sayCountries(words.end.signed, { parties: a.Parties }, { agreement: label('AgreementKind', a.Kind) }) })),
    ...t.Breaches.map((b) => ({ turn: t.Turn, broken: true,
      text: sayCountries(words.end.broken, { country: b.Breacher, partners: b.Parties.filter((p) => p !== b.Breacher) }, { agreement: label('AgreementKind', b.Kind) }) }))]);
  const turning = history.flatMap((t) => [
    ...t.Shocks.map((x) => ({ turn: t.Turn, text: plain(x.Headline) })),
    ...agreements.filter((a) => a.broken && a.turn === t.Turn).map((a) => ({ turn: t.Turn, text: a.text }))]);
  return { last, scores, agreements, turning };
}

/** Shown on every page once the game is over: who scored what, what was agreed and broken, and the turning points. */
export function EndSummary({ store }: { store: SessionStore }) {
  const st = store.status.value;
  if (st?.Phase !== 'Ended') return null;
  const { last, scores, agreements, turning } = gameSummary(store.history.value);
  return (
    <section class="card end-summary" data-testid="end-summary" aria-labelledby="end-title">
      <h2 id="end-title">{words.end.title}</h2>
      <p>{last ? say(store.history.value.length === 1 ? words.end.playedOne : words.end.played, { turns: store.history.value.length, date: last.Date })
        : words.end.nonePlayed}</p>
      <h3>{words.end.scores}</h3>
      {/* A game ended before its first turn has no scores: a sentence says so, not a table of headings alone. */}
      {scores.length === 0 ? <p class="muted" data-testid="end-no-scores">{words.end.noScores}</p> : (
        <>
          <Table testid="end-scores" head={[...words.end.scoresHead]}
            rows={scores.map((s) => [countryName(s.Actor), fmt(s.Utility, 1), fmt(s.Goals, 0)])} />
          <p class="muted">{words.end.outOf}</p>
        </>
      )}
      <h3>{words.end.agreements}</h3>
      {agreements.length === 0 ? <p class="muted">{words.end.noAgreements}</p> : (
        <ul data-testid="end-agreements">
          {agreements.map((a, i) => <li key={i} class={a.broken ? 'broken' : 'kept'}>{say(words.end.line, { turn: a.turn, text: a.text })}</li>)}
        </ul>
      )}
      <h3>{words.end.turningPoints}</h3>
      {turning.length === 0 ? <p class="muted">{words.end.noTurningPoints}</p> : (
        <ul data-testid="end-turning-points">{turning.map((x, i) => <li key={i}>{say(words.end.line, { turn: x.turn, text: x.text })}</li>)}</ul>
      )}
    </section>
  );
}
