import { computed, signal, type Signal } from '@preact/signals';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Move, MovePreview, ViewDto as View } from '../generated/contract';
import { plain, say, words } from '../i18n';
import { summary } from '../moves/catalogue';
import { Draft, type DraftEntry } from '../moves/draft';
import type { GameHubClient } from '../generated/hub';
import type { Live } from '../session/connection';
import type { SessionStore } from '../session/store';

/**
 * Why the server refused a save of the plan made in `turn`, as the student reads it beside the plan: the server's
 * reasons name the plan's revisions (for programs that save plans), which mean nothing to her. A reason the page does
 * not know is shown as the server gave it.
 */
export function saveRefusal(reason: string, turn: number): string {
  if (/^turn \d+ is over\b/.test(reason)) return say(words.player.saveTurnOver, { turn });
  if (/changed on another screen/.test(reason)) return words.player.saveChangedElsewhere;
  if (/never saved as revision/.test(reason)) return words.player.saveUnknownPlan;
  return reason;
}

/** What the player page's components share: the session's store, the connection, and the seat's draft. */
export class Seat {
  readonly draft: Draft;
  /** What the last Submit said, shown beside the Submit button. */
  readonly submitStatus = signal('');
  /** True while what Send said is a warning: the plan was not sent, or changed after it was (amber, not green). */
  readonly submitPending = computed(() => this.submitStatus.value !== '' && !this.draft.sent.value);
  /** What the last Ready said, shown beside the Ready button. */
  readonly readyStatus = signal('');
  /** What the page shows beside Send and beside Ready (see {@link waiting}). */
  readonly submitLine = waiting(this.submitStatus, () => this.store.connection.value);
  readonly readyLine = waiting(this.readyStatus, () => this.store.connection.value);
  /** The turn the page last followed (null before the first view). */
  private turn: number | null = null;
  /** The page's notice that a move went into the plan, while it is still the notice shown. */
  private addedNotice = '';
  /** This page's submissions not yet seen in the log: the seat's other submissions were made on another screen. */
  private ownSubmissions = 0;
  /** The sequence of a submission made on another screen, until a view read after it says what went in. */
  private sentElsewhereAt = 0;

  constructor(readonly store: SessionStore, readonly live: Live) {
    this.draft = new Draft(async (moves, turn, basedOn) => {
      // What Submit said is out of date once the plan changes: "Moves sent" would claim the new move went in too.
      if (this.submitStatus.value) this.submitStatus.value = words.player.changedSinceSent;
      const a = await this.send((hub, country) => hub.saveTurnDraft(country, turn, basedOn, moves));
      // Refused because the turn has closed, or because another screen of the seat saved the plan since: the page reads
      // the seat again (a closed turn's unsent moves are named as not played; a plan saved elsewhere replaces this one).
      if (!a.Refusal) return a;
      void this.reread(() => this.store.status.value?.Turn !== turn || (this.store.view.value?.DraftRevision ?? -1) > basedOn);
      return { ...a, Refusal: saveRefusal(a.Refusal, turn) };
    });
  }

  /** The game is over: the page still reads (charts, threads, glossary) but takes no more moves, answers or messages. */
  get over(): boolean {
    return this.store.status.value?.Phase === 'Ended';
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

  /** Says at the top of the page that a move went into the plan; the line goes once the plan is sent. */
  sayAdded(description: string): void {
    this.addedNotice = say(words.player.added, { description });
    this.store.notice.value = this.addedNotice;
  }

  /** Sends the draft as the seat's moves for the current turn; says so beside the Submit button. */
  async submit(): Promise<boolean> {
    const st = this.store.status.value;
    if (!st) return false;
    const moves = this.draft.moves;
    this.ownSubmissions++;
    this.submitStatus.value = words.player.sending;
    const a = await this.send((hub, country) => hub.submit(country, st.Turn, moves));
    if (a.Refusal) this.ownSubmissions--;
    else {
      this.draft.markSent(moves);
      // "Added to your plan" is no longer news once the plan is sent; a notice of the game's own (a turn, a fired
      // event) that replaced it stays.
      if (this.addedNotice && this.store.notice.value === this.addedNotice) this.store.notice.value = '';
      this.addedNotice = '';
    }
    // An empty plan goes in as "no moves this turn" (and takes back moves sent before): it does not say "Moves sent".
    this.submitStatus.value = a.Refusal ? say(words.player.notSubmitted, { reason: plain(a.Refusal) })
      : say(moves.length === 0 ? words.player.submittedNone : words.player.submitted, { turn: st.Turn });
    return !a.Refusal;
  }

  /**
   * Ready (or not ready any more). A draft changed since the last Submit goes in first, so a student who drafts and
   * clicks Ready does not lose the moves, and one who removed every sent move does not leave them in; if it cannot
   * be sent the seat is not marked ready. The answer says how many moves went in, or that there are none.
   */
  async toggleReady(): Promise<void> {
    const st = this.store.status.value;
    if (!st) return;
    const seat = st.Seats.find((x) => x.Country === this.country);
    const ready = !seat?.Ready;
    const unsent = this.draft.unsent;
    const changed = !this.draft.sent.value && (unsent > 0 || !!seat?.Submitted);
    if (ready && changed && !(await this.submit())) {
      this.readyStatus.value = words.player.notReadyUnsent;
      return;
    }
    this.readyStatus.value = words.player.sending;
    const a = await this.send((hub, country) => hub.setReady(country, st.Turn, ready));
    const said = !ready ? words.player.notReady
      : this.draft.entries.value.length === 0 ? words.player.readyNoMoves
      : `${unsent > 0 ? `${(unsent === 1 ? words.player.sentDraftedOne : say(words.player.sentDrafted, { count: unsent }))} ` : ''}${words.player.readyWaiting}`;
    this.readyStatus.value = a.Refusal ? plain(a.Refusal) : said;
  }

  /**
   * Follows the session's turn: the first time the view arrives the page takes the plan the server kept; when the
   * turn changes (played, or taken back by the teacher) the plan starts empty, and the moves of the old one that were
   * never sent are named beside it, since they were not played. A view read from the server with a newer plan than
   * the page's (saved on another screen of the seat) replaces the page's plan.
   */
  followTurn(): void {
    const st = this.store.status.value;
    const view = this.store.view.value;
    if (!st || !view) return;
    if (this.turn === null) {
      this.turn = st.Turn;
      this.takePlan(view);
      // After a reload: what Send said, or that the plan changed since (Ready and Send send it).
      this.sayWhatWasSent();
      return;
    }
    if (st.Turn !== this.turn) {
      const ended = this.turn;
      this.turn = st.Turn;
      this.ownSubmissions = 0;
      this.sentElsewhereAt = 0;
      void this.draft.endTurn(ended, st.Turn < ended, st.Turn);
      this.submitStatus.value = '';
      this.readyStatus.value = '';
      return;
    }
    void this.followPlan();
  }

  /**
   * The seat's plan was saved as `revision` (on this page or another screen): once this page's own saves are
   * answered, a newer plan than the page's is read from the server.
   */
  async planSaved(turn: number, revision: number): Promise<void> {
    await this.draft.settled();
    if (turn === this.turn && revision > this.draft.basedOn) await this.reread(() => (this.store.view.value?.DraftRevision ?? -1) >= revision);
  }

  /**
   * The log says the seat submitted moves (`sequence`): this page's own Send, or another screen's, which the page
   * reads back so that the plan it shows reads as sent or not, and the turn's end names only what did not go in.
   */
  submitted(sequence: number): void {
    if (this.ownSubmissions > 0) {
      this.ownSubmissions--;
      return;
    }
    this.sentElsewhereAt = sequence;
    void this.reread(() => (this.store.held.value?.viewSequence ?? 0) >= sequence);
  }

  /**
   * Reads the seat from the server until `done` (at most three pulls): a pull already on its way when the page asks
   * may have been read before the change it is asking about.
   */
  private async reread(done: () => boolean): Promise<void> {
    for (let i = 0; i < 3 && !done(); i++) await this.live.pull('plan');
  }

  /** Takes a newer plan from a view read from the server, once the page's own saves are answered, and says so. */
  private async followPlan(): Promise<void> {
    const newer = () => {
      const view = this.store.view.value;
      const revision = view?.DraftRevision;
      if (!view || revision == null || view.Turn !== this.turn) return null;
      const sentElsewhere = this.sentElsewhereAt > 0 && (this.store.held.value?.viewSequence ?? 0) >= this.sentElsewhereAt;
      return revision > this.draft.basedOn || (sentElsewhere && revision === this.draft.basedOn) ? view : null;
    };
    if (!newer()) return;
    await this.draft.settled();
    const view = newer();
    if (!view) return;
    this.sentElsewhereAt = 0;
    // A change on this page the server refused because the plan had changed elsewhere is not kept: say so.
    const lost = this.draft.unsaved.value;
    if (this.takePlan(view) || lost) this.store.notice.value = lost ? words.player.planChangedElsewhereLost : words.player.planChangedElsewhere;
    this.sayWhatWasSent();
  }

  /** Beside Send, once the seat has submitted this turn: that the plan went in as it stands, or that it changed since. */
  private sayWhatWasSent(): void {
    const st = this.store.status.value;
    if (!st?.Seats.find((x) => x.Country === this.country)?.Submitted) return;
    this.submitStatus.value = !this.draft.sent.value ? words.player.changedSinceSent
      : say(this.draft.entries.value.length === 0 ? words.player.submittedNone : words.player.submitted, { turn: st.Turn });
  }

  /** Takes the plan of a view read from the server in place of the page's, previewing its moves for their costs; says whether the plan shown changed. */
  private takePlan(view: View): boolean {
    const changed = this.draft.take({
      moves: view.Draft, turn: view.Turn, revision: view.DraftRevision ?? this.draft.basedOn, sent: view.DraftSent ?? false, sentMoves: view.SentMoves,
    }, summary);
    if (changed) {
      for (const e of this.draft.entries.value) {
        void this.preview(e.move).then((a) => { if (a.Value) this.draft.known(e.move, a.Value.Cost, a.Value.Description); });
      }
    }
    return changed;
  }

  /**
   * Puts the moves the last turn closed on back in the plan, each previewed again for this turn (its cost may have
   * changed); one the model now refuses stays out, and the page says why.
   */
  async putBack(): Promise<void> {
    const dropped = this.draft.dropped.value;
    if (!dropped) return;
    const answers = await Promise.all(dropped.entries.map((e) => this.preview(e.move)));
    const proposals = this.store.view.value?.Proposals;
    const back: DraftEntry[] = [];
    const refused: string[] = [];
    dropped.entries.forEach((e, i) => {
      const p = answers[i].Value;
      const why = p?.Refusal ?? answers[i].Refusal;
      if (p && !why) back.push({ move: e.move, cost: p.Cost, description: plain(p.Description, proposals) || e.description });
      else refused.push(say(words.player.notPutBack, { description: plain(e.description), reason: plain(why) }));
    });
    // Only what is still named goes back: a second tap while the previews were on their way adds nothing twice.
    if (this.draft.dropped.value !== dropped) return;
    this.draft.dropped.value = refused.length > 0 ? { ...dropped, entries: [], refused } : null;
    if (back.length > 0) await this.draft.add(...back);
  }
}

/**
 * A status line beside a button whose call is on its way ("Sending…"): while this device is offline it says the call
 * has not gone and waits for the network, so a plan never looks sent when it was not; otherwise the line as it is.
 */
export function waiting(status: Signal<string>, connection: () => string) {
  return computed(() => (status.value === words.player.sending && connection() === 'offline' ? words.player.sendingOffline : status.value));
}

export const SeatContext = createContext<Seat>(null!);
export const useSeat = (): Seat => useContext(SeatContext);
