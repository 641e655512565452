import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Move, MovePreview } from '../generated/contract';
import { summary } from '../moves/catalogue';
import { Draft } from '../moves/draft';
import type { GameHubClient } from '../generated/hub';
import type { Live } from '../session/connection';
import type { SessionStore } from '../session/store';

/** What the player page's components share: the session's store, the connection, and the seat's draft. */
export class Seat {
  readonly draft: Draft;
  private restored = false;

  constructor(readonly store: SessionStore, readonly live: Live) {
    this.draft = new Draft(async (moves) => {
      const a = await this.send((hub, country) => hub.saveDraft(country, moves));
      return a.Refusal;
    });
  }

  get country(): string {
    return this.store.view.value?.Country ?? '';
  }

  /** Calls the hub for this seat (the country is the first argument of every player's call); see `Live.send` for `retry`. */
  send<T extends { Refusal: string | null }>(call: (hub: GameHubClient, country: string) => Promise<T>, retry = true) {
    return this.live.send((hub) => call(hub, this.country), retry);
  }

  /** The model's preview of a move: its cost, its effect, or its reason for refusing it. */
  preview(move: Move): Promise<{ Value?: MovePreview | null; Refusal: string | null }> {
    return this.send((hub, country) => hub.previewEffect(country, move));
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
