import { computed, signal } from '@preact/signals';
import type { Move } from '../generated/contract';

/** A move in the draft with what the model's preview said of it (null until known, for a draft restored after a reload). */
export interface DraftEntry {
  readonly move: Move;
  readonly cost: number | null;
  readonly description: string;
}

/**
 * The seat's draft for the current turn, and its only owner on the page: every change is saved to the seat on the
 * server (which keeps it across reloads and devices), and nothing else holds a copy.
 */
export class Draft {
  readonly entries = signal<readonly DraftEntry[]>([]);
  readonly total = computed(() => this.entries.value.reduce((s, e) => s + (e.cost ?? 0), 0));
  readonly saveError = signal<string | null>(null);
  /** True while the draft is exactly what was last submitted for the turn (a change makes it unsent again). */
  readonly sent = signal(false);

  constructor(private readonly save: (moves: Move[]) => Promise<string | null>) {}

  /** Takes the draft the server kept (after a reload); the costs come from the previews when they arrive. */
  restore(moves: readonly Move[], describe: (m: Move) => string): void {
    this.entries.value = moves.map((move) => ({ move, cost: null, description: describe(move) }));
  }

  /** Fills in what the model's preview says of a restored move. */
  known(move: Move, cost: number, description: string | null): void {
    this.entries.value = this.entries.value.map((e) => (e.move === move ? { move, cost, description: description ?? e.description } : e));
  }

  add(entry: DraftEntry): Promise<void> {
    return this.set([...this.entries.value, entry]);
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

  private async set(entries: readonly DraftEntry[]): Promise<void> {
    this.entries.value = entries;
    this.sent.value = false;
    this.saveError.value = await this.save(entries.map((e) => e.move));
  }
}
