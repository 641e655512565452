import { computed, signal } from '@preact/signals';
import type { Move } from '../generated/contract';

/** A move in the draft with what the model's preview said of it (null until known, for a draft restored after a reload). */
export interface DraftEntry {
  readonly move: Move;
  readonly cost: number | null;
  readonly description: string;
}

/**
 * Moves of a turn's plan that were never sent when the turn closed (its clock ran out, the teacher resolved it or took
 * the game back): they were not played, and the page names them until the student puts them back or leaves them out.
 */
export interface Dropped {
  /** The turn the moves were planned for. */
  readonly turn: number;
  /** True when the turn closed because the teacher took the game back, not because it was played. */
  readonly rolledBack: boolean;
  readonly entries: readonly DraftEntry[];
  /** Why each move that could not be put back in the new turn's plan was refused, by its description. */
  readonly refused: readonly string[];
}

/** A value with its keys in order and without empty fields: a move the page wrote and the same move read back from the server agree. */
const canonical = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  const fields = value as Record<string, unknown>;
  return Object.fromEntries(Object.keys(fields).sort().filter((k) => fields[k] != null).map((k) => [k, canonical(fields[k])]));
};

const keyOf = (move: Move): string => JSON.stringify(canonical(move));

/** A plan as the server keeps it: its moves, the turn it is for, its revision and whether it is what the seat sent. */
export interface KeptPlan {
  readonly moves: readonly Move[];
  readonly turn: number;
  /** How many times the seat's plan was saved (on any of its pages); a save names the revision it was based on. */
  readonly revision: number;
  /** The plan is what the seat submitted this turn. */
  readonly sent: boolean;
  /** The moves the seat submitted this turn, when the server said (they are played whatever the plan holds). */
  readonly sentMoves?: readonly Move[] | null;
}

/** What the server answered a save: a refusal, or the turn and revision the plan was kept as. */
export interface SaveAnswer {
  readonly Refusal: string | null;
  readonly Value?: { readonly Turn: number; readonly Revision: number } | null;
}

/**
 * The seat's draft for the current turn, and its only owner on the page: every change is saved to the seat on the
 * server (which keeps it across reloads and devices, and is the one truth for every page of the seat), and nothing
 * else holds a copy. Saves go one at a time, each with the whole plan as it is when it leaves, the turn it was made
 * in and the revision of the kept plan it was based on: a save still on its way (or sent again after a dropped
 * connection) can never land after a newer one and leave the server an older plan than the page shows; one that
 * arrives after its turn closed, or after another page of the seat saved a plan, is refused instead of overwriting.
 */
export class Draft {
  readonly entries = signal<readonly DraftEntry[]>([]);
  readonly total = computed(() => this.entries.value.reduce((s, e) => s + (e.cost ?? 0), 0));
  readonly saveError = signal<string | null>(null);
  /** True while the draft is exactly what was last submitted for the turn (a change makes it unsent again). */
  readonly sent = signal(false);
  /**
   * True from a change until the server has kept the plan as it now stands (a refused or failed save leaves it true):
   * a page closed or reloaded meanwhile would come back without the change, so it asks first.
   */
  readonly unsaved = signal(false);
  /** The moves the last turn closed on without their being sent, while the page names them. */
  readonly dropped = signal<Dropped | null>(null);
  /** The moves of the turn's last accepted submission: those are played whatever the plan holds after it. */
  private sentKeys = new Set<string>();
  private saving: Promise<void> = Promise.resolve();
  private changes = 0;
  /** The turn the plan is for: a save names it, so one that arrives after the turn closed is refused. */
  private turn = 0;
  /** The revision of the kept plan this page's plan is based on (0 before the seat's first save). */
  private revision = 0;

  constructor(private readonly save: (moves: Move[], turn: number, basedOn: number) => Promise<SaveAnswer>) {}

  /** The revision of the kept plan the page's plan is based on. */
  get basedOn(): number {
    return this.revision;
  }

  /**
   * Takes the plan the server kept (after a reload, or saved on another page of the seat) in place of the page's,
   * once its saves are {@link settled}; the costs come from the previews when they arrive. Says whether the plan shown
   * changed.
   */
  take(kept: KeptPlan, describe: (m: Move) => string): boolean {
    const shown = this.entries.peek();
    const changed = kept.moves.length !== shown.length || kept.moves.some((m, i) => keyOf(m) !== keyOf(shown[i].move));
    this.changes++;
    if (changed) this.entries.value = kept.moves.map((move) => ({ move, cost: null, description: describe(move) }));
    this.turn = kept.turn;
    this.revision = kept.revision;
    // The server says whether the kept plan is what the seat sent (a plan changed after Send reads as not sent), and
    // what went in: at the turn's end only the moves that did not are named as not played.
    if (kept.sentMoves) this.sentKeys = new Set(kept.sentMoves.map(keyOf));
    else if (kept.sent) this.sentKeys = new Set(kept.moves.map(keyOf));
    this.sent.value = kept.sent;
    this.saveError.value = null;
    this.unsaved.value = false;
    return changed;
  }

  /**
   * The saves the page has made so far, answered: a plan is taken from the server only once they are (a change on
   * its way is either kept, or refused because the kept plan changed), and only if no change followed meanwhile.
   */
  async settled(): Promise<void> {
    for (let saving = this.saving; ; saving = this.saving) {
      await saving;
      if (saving === this.saving) return;
    }
  }

  /**
   * The moves went in for the turn (an accepted Submit): they are played whatever the plan holds after. The plan
   * reads as sent only if it still holds exactly them: a move added while the Submit was on its way did not go in.
   */
  markSent(moves: readonly Move[]): void {
    this.sentKeys = new Set(moves.map(keyOf));
    const now = this.moves;
    this.sent.value = now.length === moves.length && now.every((m, i) => keyOf(m) === keyOf(moves[i]));
  }

  /**
   * The turn closed (`rolledBack`: the teacher took the game back) and `next` is open: it starts with an empty plan,
   * and the moves of the closed one that never went in are named, since they were not played.
   */
  endTurn(turn: number, rolledBack: boolean, next: number): Promise<void> {
    const unsent = this.sent.value ? [] : this.entries.value.filter((e) => !this.sentKeys.has(keyOf(e.move)));
    this.dropped.value = unsent.length > 0 ? { turn, rolledBack, entries: unsent, refused: [] } : null;
    this.sentKeys = new Set();
    this.sent.value = false;
    this.turn = next;
    return this.clear();
  }

  /** Fills in what the model's preview says of a restored move. */
  known(move: Move, cost: number, description: string | null): void {
    this.entries.value = this.entries.value.map((e) => (e.move === move ? { move, cost, description: description ?? e.description } : e));
  }

  add(...entries: DraftEntry[]): Promise<void> {
    return this.set([...this.entries.value, ...entries]);
  }

  remove(index: number): Promise<void> {
    return this.set(this.entries.value.filter((_, i) => i !== index));
  }

  /** Empties the draft (a new turn starts with none). */
  clear(): Promise<void> {
    return this.entries.value.length ? this.set([]) : Promise.resolve();
  }

  /** The moves still to send: the draft's, unless they are the ones already submitted. */
  get unsent(): number {
    return this.sent.value ? 0 : this.entries.value.length;
  }

  get moves(): Move[] {
    return this.entries.value.map((e) => e.move);
  }

  private set(entries: readonly DraftEntry[]): Promise<void> {
    this.entries.value = entries;
    this.sent.value = false;
    const change = ++this.changes;
    // The turn the change was made in: a save that leaves after the turn closed still names it, and is refused.
    const turn = this.turn;
    // After the save in flight: a change made meanwhile sends the plan as it is then, and this one is not sent at all.
    this.unsaved.value = true;
    this.saving = this.saving.then(async () => {
      if (change !== this.changes) return;
      try {
        const a = await this.save(this.moves, turn, this.revision);
        if (a.Value && a.Value.Revision > this.revision) this.revision = a.Value.Revision;
        this.saveError.value = a.Refusal;
      } catch (error) {
        this.saveError.value = error instanceof Error ? error.message : String(error);
      }
      if (change === this.changes) this.unsaved.value = this.saveError.value !== null;
    });
    return this.saving;
  }
}
