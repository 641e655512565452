import type { EventDto as GameEvent, SeatView as Seat, SnapshotDto as Snapshot, StatusDto as Status } from '../generated/contract';

/**
 * How a page's copy of a session changes: a pulled update merges into it, and each push either applies to it, is a
 * copy of something already held, shows that something was missed (a gap in sequence numbers), needs the server's
 * state (a rollback, a seat changing hands), or — a resolved turn on a player's page, from the session-wide channel —
 * waits for the seat's own copy of it, which carries the seat's dashboard.
 */
export type PushOutcome = 'applied' | 'duplicate' | 'gap' | 'pull' | 'view';

/** The copy a page holds: the session as of event <see cref="lastSequence"/>. */
export interface Held extends Snapshot {
  /** The sequence number of the last event of the session's log the copy includes (every event, public or not). */
  lastSequence: number;
  /** The sequence number of the event the seat's view (its dashboard) is as of. */
  viewSequence: number;
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
  const sequence = sequenceOf(update);
  if (!held) return { ...update, HistoryFrom: 0, lastSequence: sequence, viewSequence: sequence };
  const from = update.HistoryFrom ?? 0;
  const known = new Set(held.Events.map((e) => e.Sequence));
  return {
    ...update,
    History: [...held.History.slice(0, from), ...update.History],
    Events: [...held.Events, ...update.Events.filter((e) => !known.has(e.Sequence))],
    HistoryFrom: 0,
    lastSequence: Math.max(held.lastSequence, sequence),
    viewSequence: Math.max(held.viewSequence, sequence),
  };
}

const seat = (status: Status, country: string | null, change: (s: Seat) => Seat): Status => ({
  ...status,
  Seats: status.Seats.map((s) => (s.Country === country ? change(s) : s)),
});

/**
 * Applies one push to the held copy. A push whose sequence the copy already covers is a duplicate (pushes come at
 * least once, and a player's page gets a resolved turn on two channels), unless it brings the seat's view of a turn
 * the copy holds without it; one that skips a number is a gap (the page pulls what it missed, the push included).
 * What a push says is applied here: readiness, a submission, a message, the clock, and a resolved turn with its
 * outcome, the status and network after it and, on the seat's private channel, the seat's dashboard. The rest (seats
 * changing hands, a rollback) asks for a pull.
 */
export function applyPush(held: Held, e: GameEvent): { held: Held; outcome: PushOutcome } {
  if (e.Sequence <= held.lastSequence) {
    return e.View && e.Sequence > held.viewSequence
      ? { held: { ...held, View: e.View, viewSequence: e.Sequence }, outcome: 'applied' }
      : { held, outcome: 'duplicate' };
  }
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
    case 'SeatPlayedByAgent':
      next.Status = seat(st, e.Country, (s) => ({ ...s, Agent: { Name: e.Player } }));
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
      if (!follows || !e.Status) {
        // An outcome that does not follow the history held, or a push without the state after it: ask for it all.
        next.Status = { ...st, Turn: (e.Turn ?? st.Turn) + 1, DeadlineMs: e.DeadlineMs, StateHash: o?.StateHash ?? st.StateHash };
        return { held: next, outcome: 'pull' };
      }
      next.Status = e.Status;
      if (e.Network) next.Network = e.Network;
      if (e.View) {
        next.View = e.View;
        next.viewSequence = e.Sequence;
      }
      return { held: next, outcome: held.Role === 'Player' && !e.View ? 'view' : 'applied' };
    }
    default:
      return { held: next, outcome: 'pull' };
  }
}
