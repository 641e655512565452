import type { EventDto as GameEvent, TurnSummary } from '../generated/contract';
import { plain, say, sayCountries, words } from '../i18n';

/** A line of the news: the turn it came with, when that turn was resolved (null if the page has not seen it), and whether it is a shock. */
export interface Headline { readonly turn: number; readonly atMs: number | null; readonly shock: boolean; readonly text: string }

/**
 * The news, latest first: the events the teacher has fired in the turn being played (they take effect when it is
 * resolved, but the class reads them the moment they are fired), then the news of the turns played, each shock once
 * (a shock is also reported as news), then the other news.
 */
export function newsOf(history: readonly TurnSummary[], events: readonly GameEvent[], limit: number): Headline[] {
  const resolvedAt = new Map<number, number>();
  for (const e of events) if (e.Kind === 'TurnResolved' && e.Turn !== null && e.Turn !== undefined) resolvedAt.set(e.Turn, e.AtMs);
  // Fired since the last turn was resolved or the game went back (a rollback undoes what was fired after its turn).
  const played = new Set(history.map((t) => t.Turn));
  const since = events.reduce((s, e) => (e.Kind === 'TurnResolved' || e.Kind === 'RolledBack' ? Math.max(s, e.Sequence) : s), -Infinity);
  const fired: Headline[] = events
    .filter((e) => e.Kind === 'InjectFired' && e.Sequence > since && e.Turn !== null && !played.has(e.Turn))
    .reverse()
    .map((e) => ({ turn: e.Turn!, atMs: e.AtMs, shock: true, text: injectHeadline(e) }));
  return [...fired, ...history.slice().reverse().flatMap((t) => {
    const atMs = resolvedAt.get(t.Turn) ?? null;
    return [
      ...t.Shocks.map((x) => ({ turn: t.Turn, atMs, shock: true, text: plain(x.Headline) })),
      ...t.News.filter((n) => n.Category !== 'shock').map((n) => ({ turn: t.Turn, atMs, shock: false, text: plain(n.Headline) }))];
  })].slice(0, limit);
}

/** The rollback a page tells of: the turn the game went back to, and the turn it had reached (null if the page does not know). */
export interface WentBack { readonly turn: number; readonly from: number | null }

/**
 * The rollback the session's log ends with, until a turn is resolved after it: what a page opened after the teacher took
 * the game back tells its student, who may remember a later turn. The turn it had reached follows the last turn resolved
 * before it (when the teacher went back twice in a row, the turn the class last played).
 */
export function wentBack(events: readonly GameEvent[]): WentBack | null {
  let back: WentBack | null = null;
  let played: number | null = null;
  for (const e of events) {
    if (e.Kind === 'TurnResolved') {
      back = null;
      if (e.Turn != null) played = e.Turn;
    } else if (e.Kind === 'RolledBack' && e.Turn != null) {
      back = { turn: e.Turn, from: played === null ? null : played + 1 };
    }
  }
  return back;
}

/** What a page opened after a rollback says of it; `paused`, whether the game still waits for the teacher. */
export function wentBackText(back: WentBack, paused: boolean): string {
  if (back.from === null) return say(paused ? words.player.rolledBack : words.player.wentBackTo, { turn: back.turn });
  return say(paused ? words.player.wentBackPaused : words.player.wentBack, { turn: back.turn, from: back.from });
}

const headlines = new Map<string, string>();

/** The headlines of the scenario's injects (from its briefing), so a fired inject reads as its headline, never its id. */
export function learnHeadlines(injects: readonly { Id: string; Headline: string }[]): void {
  for (const i of injects) headlines.set(i.Id, i.Headline);
}

/** A fired event's headline: the scenario's, for one of its injects, or the one the teacher wrote. */
function injectHeadline(e: GameEvent): string {
  const known = e.ShockId ? headlines.get(e.ShockId) : undefined;
  return plain(known ?? e.Text.replace(/^inject fired: /, ''));
}

/** The agent's name when a seat's player is an agent the server runs, which the server names `agent:NAME`; null for a person. */
export function agentOf(player: string | null | undefined): string | null {
  return player?.startsWith('agent:') ? player.slice('agent:'.length) : null;
}

/**
 * How much time the teacher gave the turn: "the clock got 1 more minute", in whole minutes when it is whole minutes,
 * else in seconds. An extension logged before the amount was recorded says only that the clock got more time.
 */
export function extensionText(seconds: number | null | undefined): string {
  const t = words.events;
  if (seconds === null || seconds === undefined || !(seconds > 0)) return t.DeadlineExtended;
  if (seconds % 60 === 0) return seconds === 60 ? t.DeadlineExtendedMinute : say(t.DeadlineExtendedMinutes, { minutes: seconds / 60 });
  return seconds === 1 ? t.DeadlineExtendedSecond : say(t.DeadlineExtendedSeconds, { seconds });
}

/** An event of the session's log in the page's words, from its kind and fields (the server's own text only as a fallback). */
export function eventText(e: GameEvent): string {
  const t = words.events;
  // Each line names its countries as English needs them where they stand: "The United States sent its moves", "… took the seat of the United States".
  const countries = { country: e.Country ?? '', to: e.To ?? '' };
  const vars = { player: e.Player ?? '', turn: e.Turn ?? '', message: e.Message ?? '' };
  const say = (template: string, v: Record<string, string | number>) => sayCountries(template, countries, v);
  switch (e.Kind) {
    case 'MovesSubmitted': return say(t.MovesSubmitted, vars);
    case 'ReadinessChanged': return say(e.Ready === false ? t.ReadinessWithdrawn : t.ReadinessChanged, vars);
    case 'MessageSent': return say(e.To ? t.MessageSent : t.MessagePublic, vars);
    case 'SeatAssigned': {
      const agent = agentOf(e.Player);
      return agent === null ? say(t.SeatAssigned, vars) : say(t.SeatGivenToAgent, { ...vars, player: agent });
    }
    case 'SeatFreed': return say(t.SeatFreed, vars);
    case 'SeatPlayedByAgent': return say(e.Player ? t.SeatPlayedByAgent : t.SeatPlayedByRemoteAgent, vars);
    case 'PlayerLeft': return say(t.PlayerLeft, vars);
    case 'PlayerReturned': return say(t.PlayerReturned, vars);
    case 'SessionStarted': return t.SessionStarted;
    case 'SessionPaused': return t.SessionPaused;
    case 'SessionResumed': return t.SessionResumed;
    case 'DeadlineExtended': return extensionText(e.Seconds);
    case 'InjectFired': return say(t.InjectFired, { headline: injectHeadline(e) });
    case 'TurnResolved': return say(t.TurnResolved, vars);
    case 'RolledBack': return say(t.RolledBack, vars);
    case 'ForkedInto': return say(t.ForkedInto, vars);
    case 'ForkedFrom': return say(t.ForkedFrom, vars);
    case 'SessionEnded': return t.SessionEnded;
    case 'PassReplaced': return t.PassReplaced;
    case 'NegotiationAnswered': return say(t.NegotiationAnswered, vars);
    default: return plain(e.Text) || t.other;
  }
}
