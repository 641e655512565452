import { batch, computed, signal } from '@preact/signals';
import type { EventDto as GameEvent, SnapshotDto as Snapshot } from '../generated/contract';
import { words } from '../i18n';
import { applyPush, mergeUpdate, type Held, type PushOutcome } from './merge';

/** A push the page could not read: it says so once and stops showing the copy as current. */
export const unreadable = words.app.unreadable;

/**
 * One session as a page sees it, fed by pulls and pushes. Each part is a signal of its own, so a component that
 * reads the view is not redrawn by a message, and one that reads the messages is not redrawn by a resolved turn.
 */
export class SessionStore {
  readonly held = signal<Held | null>(null);
  /** Private messages' texts by sequence (the session-wide push carries only the fact of a private message). */
  readonly privateTexts = signal<ReadonlyMap<number, GameEvent>>(new Map());
  readonly connection = signal('connecting');
  readonly notice = signal('');
  /** Set when the page can no longer trust its copy (an unreadable push, a pass no longer honoured). */
  readonly broken = signal<string | null>(null);
  /** The server's clock minus this browser's (see {@link skewAfter}). */
  readonly skewMs = signal(0);
  private skewKnown = false;

  readonly status = computed(() => this.held.value?.Status ?? null);
  readonly history = computed(() => this.held.value?.History ?? []);
  readonly events = computed(() => this.held.value?.Events ?? []);
  readonly view = computed(() => this.held.value?.View ?? null);
  readonly network = computed(() => this.held.value?.Network ?? null);
  readonly lastTurn = computed(() => this.history.value.at(-1) ?? null);
  /** Every message the page may read, oldest first: public ones from the log, private ones with their text. */
  readonly messages = computed(() => {
    const texts = this.privateTexts.value;
    const byKey = new Map<number, GameEvent>();
    for (const e of this.events.value) if (e.Kind === 'MessageSent') byKey.set(e.Sequence, e.Message ? e : texts.get(e.Sequence) ?? e);
    for (const [k, e] of texts) byKey.set(k, e);
    return [...byKey.values()].filter((e) => e.Message).sort((a, b) => a.Sequence - b.Sequence);
  });

  /** A pulled update (a whole snapshot the first time). */
  receivePull(update: Snapshot, receivedAtMs = Date.now()): void {
    batch(() => {
      this.held.value = mergeUpdate(this.held.value, update);
      this.heard(update.Status.NowMs, receivedAtMs, true);
    });
  }

  /**
   * A push of the session's log (session-wide, or a resolved turn on the seat's private channel); says whether the
   * page must pull (a gap, or a change the push does not carry) or wait for the seat's view.
   */
  receivePush(e: GameEvent, receivedAtMs = Date.now()): PushOutcome {
    this.heard(e.AtMs, receivedAtMs, false);
    const held = this.held.value;
    if (!held) return 'gap';
    const r = applyPush(held, e);
    if (r.held !== held) this.held.value = r.held;
    return r.outcome;
  }

  private heard(serverMs: number, receivedAtMs: number, pull: boolean): void {
    this.skewMs.value = skewAfter(this.skewKnown ? this.skewMs.value : null, serverMs, receivedAtMs, pull);
    this.skewKnown = true;
  }

  /**
   * Whether the session's log has events after what the page holds: `latest` is the session's last sequence, which the
   * page asks for when nothing arrived for a while, so that a push lost on the way is fetched without waiting for the next.
   */
  behind(latest: number): boolean {
    const held = this.held.value;
    return held !== null && latest > held.lastSequence;
  }

  /** A push on the seat's private channel: a message to or from the seat, with its text. */
  receivePrivate(e: GameEvent): void {
    if (e.Kind !== 'MessageSent' || this.privateTexts.value.has(e.Sequence)) return;
    this.privateTexts.value = new Map(this.privateTexts.value).set(e.Sequence, e);
  }
}

/**
 * A change of this browser's own clock (a phone setting its time) larger than this is taken as the clock's, not as a
 * slow answer: the page then starts its reckoning of the server's clock again from the answer.
 */
const clockJumpMs = 5_000;

/**
 * The server's clock minus this browser's, after the page heard the server's time `serverMs` (a pull's NowMs, a push's
 * AtMs) at `receivedAtMs` by its own clock. The server's time was read before the answer travelled, so
 * `serverMs - receivedAtMs` is at most the true skew, short by the answer's travel time: the page keeps the largest of
 * these, the closest. Reckoned so, a countdown never shows more than the server gave the turn when it said so, less the
 * time since (a turn of 5 minutes never reads 5:14), and pages agree to within their answers' travel times. A pull that
 * finds the browser's own clock moved by more than {@link clockJumpMs} starts again from its answer.
 */
export function skewAfter(knownMs: number | null, serverMs: number, receivedAtMs: number, pull: boolean): number {
  const seen = serverMs - receivedAtMs;
  if (knownMs === null || (pull && Math.abs(seen - knownMs) > clockJumpMs)) return seen;
  return Math.max(knownMs, seen);
}
