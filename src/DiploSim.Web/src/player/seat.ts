import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Answer, Move, MovePreview } from '../api';
import { summary } from '../moves/catalogue';
import { Draft } from '../moves/draft';
import type { Live } from '../session/connection';
import type { SessionStore } from '../session/store';

/** What the player page's components share: the session's store, the connection, and the seat's draft. */
export class Seat {
  readonly draft: Draft;
  private restored = false;

  constructor(readonly store: SessionStore, readonly live: Live) {
    this.draft = new Draft(async (moves) => {
      const a = await this.call('SaveDraft', moves);
      return a.Refusal;
    });
  }

  get country(): string {
    return this.store.view.value?.Country ?? '';
  }

  /** Calls a hub method for this seat (the country is the first argument). */
  call<T = unknown>(method: string, ...args: unknown[]): Promise<Answer<T>> {
    return this.live.invoke<T>(method, this.country, ...args);
  }

  /** The model's preview of a move: its cost, its effect, or its reason for refusing it. */
  preview(move: Move): Promise<Answer<MovePreview>> {
    return this.call<MovePreview>('PreviewEffect', move);
  }

  /** The first time the view arrives, the page takes the draft the server kept, and previews it for the costs. */
  restoreDraft(): void {
    const view = this.store.view.value;
    if (this.restored || !view) return;
    this.restored = true;
    this.draft.restore(view.Draft, summary);
    for (const move of view.Draft) {
      void this.preview(move).then((a) => { if (a.Value) this.draft.known(move, a.Value.Cost, a.Value.Description); });
    }
  }
}

export const SeatContext = createContext<Seat>(null!);
export const useSeat = (): Seat => useContext(SeatContext);
