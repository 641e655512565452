import { signal } from '@preact/signals';
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
  /** What the last Submit said, shown beside the Submit button. */
  readonly submitStatus = signal('');
  /** What the last Ready said, shown beside the Ready button. */
  readonly readyStatus = signal('');
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

  /** Sends the draft as the seat's moves for the current turn; says so beside the Submit button. */
  async submit(): Promise<boolean> {
    const st = this.store.status.value;
    if (!st) return false;
    const a = await this.send((hub, country) => hub.submit(country, st.Turn, this.draft.moves));
    if (!a.Refusal) this.draft.sent.value = true;
    this.submitStatus.value = a.Refusal ? `Not sent: ${a.Refusal}` : `Moves sent for turn ${st.Turn}.`;
    return !a.Refusal;
  }

  /**
   * Ready (or not ready any more). Drafted moves that were never sent go in first, so a student who drafts and
   * clicks Ready does not lose them; if they cannot be sent the seat is not marked ready.
   */
  async toggleReady(): Promise<void> {
    const st = this.store.status.value;
    if (!st) return;
    const ready = !st.Seats.find((x) => x.Country === this.country)?.Ready;
    const unsent = this.draft.unsent;
    if (ready && unsent > 0 && !(await this.submit())) {
      this.readyStatus.value = 'Not ready: your drafted moves could not be sent (see the moves panel).';
      return;
    }
    const a = await this.send((hub, country) => hub.setReady(country, st.Turn, ready));
    const sentFirst = ready && unsent > 0 ? `Sent your ${unsent} drafted move${unsent === 1 ? '' : 's'}. ` : '';
    this.readyStatus.value = a.Refusal ?? (ready ? `${sentFirst}Ready: waiting for the others.` : 'Not ready.');
  }

  /** The first time the view arrives, the page takes the draft the server kept, and previews it for the costs. */
  restoreDraft(): void {
    const view = this.store.view.value;
    if (this.restored || !view) return;
    this.restored = true;
    this.draft.restore(view.Draft, summary);
    this.draft.sent.value = this.store.status.value?.Seats.find((x) => x.Country === view.Country)?.Submitted ?? false;
    for (const move of view.Draft) {
      void this.preview(move).then((a) => { if (a.Value) this.draft.known(move, a.Value.Cost, a.Value.Description); });
    }
  }
}

export const SeatContext = createContext<Seat>(null!);
export const useSeat = (): Seat => useContext(SeatContext);
