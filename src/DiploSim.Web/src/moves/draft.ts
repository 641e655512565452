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

const keyOf = (move: Move): string => JSON.stringify(move);

/**
 * The seat's draft for the current turn, and its only owner on the page: every change is saved to the seat on the
 * server (which keeps it across reloads and devices), and nothing else holds a copy. Saves go one at a time, each
 * with the whole plan as it is when it leaves: a save still on its way (or sent again after a dropped connection)
 * can never land after a newer one and leave the server an older plan than the page shows.
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

  constructor(private readonly save: (moves: Move[]) => Promise<string | null>) {}

  /** Takes the draft the server kept (after a reload); the costs come from the previews when they arrive. */
  restore(moves: readonly Move[], describe: (m: Move) => string, submitted: boolean): void {
    this.entries.value = moves.map((move) => ({ move, cost: null, description: describe(move) }));
    // The seat submitted this turn: the kept plan is the best copy the page has of what went in.
    this.sentKeys = new Set(submitted ? moves.map(keyOf) : []);
    this.sent.value = submitted;
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
   * The turn closed (`rolledBack`: the teacher took the game back): a new turn starts with an empty plan, and the
   * moves of this one that never went in are named, since they were not played.
   */
  endTurn(turn: number, rolledBack: boolean): Promise<void> {
    const unsent = this.sent.value ? [] : this.entries.value.filter((e) => !this.sentKeys.has(keyOf(e.move)));
    this.dropped.value = unsent.length > 0 ? { turn, rolledBack, entries: unsent, refused: [] } : null;
    this.sentKeys = new Set();
    this.sent.value = false;
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
    // After the save in flight: a change made meanwhile sends the plan as it is then, and this one is not sent at all.
    this.unsaved.value = true;
    this.saving = this.saving.then(async () => {
      if (change !== this.changes) return;
      try {
        this.saveError.value = await this.save(this.moves);
      } catch (error) {
        this.saveError.value = error instanceof Error ? error.message : String(error);
      }
      if (change === this.changes) this.unsaved.value = this.saveError.value !== null;
    });
    return this.saving;
  }
}
