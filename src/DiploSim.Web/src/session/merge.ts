import type { EventDto as GameEvent, SeatView as Seat, SnapshotDto as Snapshot, StatusDto as Status } from '../generated/contract';

/**
 * How a page's copy of a session changes: a pulled update merges into it, and each push either applies to it, is a
 * copy of something already held, shows that something was missed (a gap in sequence numbers), or needs the server's
 * state (a turn resolved: the dashboard and the world moved in ways the push does not carry).
 */
export type PushOutcome = 'applied' | 'duplicate' | 'gap' | 'pull';

/** The copy a page holds: the session as of event <see cref="lastSequence"/>. */
export interface Held extends Snapshot {
  /** The sequence number of the last event of the session's log the copy includes (every event, public or not). */
  lastSequence: number;
}

/** The highest sequence an update speaks for: its status counts the whole log, its events are the tail of it. */
export function sequenceOf(update: Snapshot): number {
  return update.Events.reduce((m, e) => Math.max(m, e.Sequence), update.Status.LogLength);
}

/**
 * Merges a pulled update into the held copy (or takes it whole when nothing is held): the history from the update's
 * HistoryFrom on replaces the held one's tail (all of it after a rollback), and events the copy already has are not
 * added twice.
 */
export function mergeUpdate(held: Held | null, update: Snapshot): Held {
  if (!held) return { ...update, HistoryFrom: 0, lastSequence: sequenceOf(update) };
  const from = update.HistoryFrom ?? 0;
  const known = new Set(held.Events.map((e) => e.Sequence));
  return {
    ...update,
    History: [...held.History.slice(0, from), ...update.History],
    Events: [...held.Events, ...update.Events.filter((e) => !known.has(e.Sequence))],
    HistoryFrom: 0,
    lastSequence: Math.max(held.lastSequence, sequenceOf(update)),
  };
}

const seat = (status: Status, country: string | null, change: (s: Seat) => Seat): Status => ({
  ...status,
  Seats: status.Seats.map((s) => (s.Country === country ? change(s) : s)),
});

/**
 * Applies one session-wide push to the held copy. A push whose sequence the copy already covers is a duplicate; one
 * that skips a number is a gap (the page pulls what it missed, the push included). What a push says is applied here
 * when it is the whole change (readiness, a submission, a message, the clock); a resolved turn joins the history and
 * asks for a pull of what the push does not carry; the rest (seats changing hands, a rollback) asks for a pull.
 */
export function applyPush(held: Held, e: GameEvent): { held: Held; outcome: PushOutcome } {
  if (e.Sequence <= held.lastSequence) return { held, outcome: 'duplicate' };
  if (e.Sequence !== held.lastSequence + 1) return { held, outcome: 'gap' };
  const next: Held = { ...held, Events: [...held.Events, e], lastSequence: e.Sequence };
  const st = next.Status;
  switch (e.Kind) {
    case 'ReadinessChanged':
      next.Status = seat(st, e.Country, (s) => ({ ...s, Ready: e.Ready ?? false }));
      return { held: next, outcome: 'applied' };
    case 'MovesSubmitted':
      next.Status = seat(st, e.Country, (s) => ({ ...s, Submitted: true }));
      return { held: next, outcome: 'applied' };
    case 'SessionStarted':
    case 'SessionResumed':
      next.Status = { ...st, Phase: 'Running', DeadlineMs: e.DeadlineMs };
      return { held: next, outcome: 'applied' };
    case 'SessionPaused':
      next.Status = { ...st, Phase: 'Paused', DeadlineMs: null };
      return { held: next, outcome: 'applied' };
    case 'DeadlineExtended':
      next.Status = { ...st, DeadlineMs: e.DeadlineMs };
      return { held: next, outcome: 'applied' };
    case 'SessionEnded':
      next.Status = { ...st, Phase: 'Ended', DeadlineMs: null };
      return { held: next, outcome: 'applied' };
    case 'MessageSent':
    case 'InjectFired':
    case 'ForkedInto':
    case 'PassReplaced':
      return { held: next, outcome: 'applied' };
    case 'TurnResolved': {
      const o = e.Outcome;
      const last = held.History[held.History.length - 1];
      const follows = o !== null && (last ? o.Turn === last.Turn + 1 : true);
      next.History = o && follows ? [...held.History, o] : held.History;
      next.Status = {
        ...st,
        Turn: (e.Turn ?? st.Turn) + 1,
        DeadlineMs: e.DeadlineMs,
        StateHash: o?.StateHash ?? st.StateHash,
        Seats: st.Seats.map((s) => ({ ...s, Ready: false, Submitted: false })),
      };
      return { held: next, outcome: 'pull' };
    }
    default:
      return { held: next, outcome: 'pull' };
  }
}
