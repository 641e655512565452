import * as signalR from '@microsoft/signalr';
import { MessagePackHubProtocol } from '@microsoft/signalr-protocol-msgpack';
import { switchingOver, type EventDto as GameEvent } from '../generated/contract';
import { ContractMismatch, GameHubClient } from '../generated/hub';
import { say, words } from '../i18n';
import { showReloadNotice } from '../ui';
import { unreadable, type SessionStore } from './store';

/**
 * A live connection to the hub with the page's pass, feeding a session store. Pushes apply to the store as they
 * come; the page pulls only to start, after a reconnection, when it sees a gap in the sequence numbers, or when a push
 * needs state it does not carry. Pushes that arrive during a pull wait for it and then apply in order. When nothing
 * has arrived for `checkEveryMs`, the page asks for the session's last sequence number, and pulls if it is behind: a
 * push lost on the way (a node that died before relaying it) is fetched without waiting for the next event.
 */
export class Live {
  readonly conn: signalR.HubConnection;
  /** The hub's methods and pushes, typed and parsed against the contract (generated from the C# records). */
  readonly hub: GameHubClient;
  /** How many pulls this page made (the browser tests read it). */
  pulls = 0;
  /**
   * Why each pull was made, in order (the browser tests read it): `start`, `reconnect`, `gap` (a skipped sequence
   * number), `pull` (a push that needs state it does not carry), `view` (a seat's dashboard that did not follow its
   * turn), `check` (the periodic check found the session ahead), `plan` (the seat's plan was saved or sent on another
   * screen, or a save of this page's was refused).
   */
  readonly pullReasons: PullReason[] = [];
  private pulling: Promise<void> | null = null;
  private waiting: GameEvent[] = [];
  /** Pushes that came ahead of a number still on its way (held for `gapWaitMs` before the page pulls). */
  private early: GameEvent[] = [];
  private gapTimer: number | null = null;
  /** When the page last heard from the session (a push, a pull, a check), by this browser's clock. */
  private heardAtMs = Date.now();
  private checking: number | null = null;

  constructor(readonly pass: string, readonly store: SessionStore, onRevoked?: (reason: string) => void) {
    this.conn = new signalR.HubConnectionBuilder()
      .withUrl('/hub', { accessTokenFactory: () => this.pass })
      .withHubProtocol(new MessagePackHubProtocol())
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (c) => Math.min(500 * (c.previousRetryCount + 1), 5000) })
      .build();
    this.hub = new GameHubClient(this.conn, (error) => this.unreadable(error));
    this.hub.onEvent((e) => this.push(e));
    this.hub.onPrivate((e) => {
      if (store.broken.value) return;
      // A message's text; anything else on the seat's channel is an event of the log with the seat's own data.
      if (e.Kind === 'MessageSent') store.receivePrivate(e);
      else this.push(e);
    });
    this.hub.onRevoked((reason) => {
      store.notice.value = reason;
      store.connection.value = 'pass no longer valid';
      onRevoked?.(reason);
    });
    this.conn.onreconnecting(() => { store.connection.value = 'reconnecting'; });
    this.conn.onreconnected(() => { store.connection.value = 'connected'; void this.pull('reconnect'); });
    this.conn.onclose(() => { store.connection.value = 'reconnecting'; window.setTimeout(() => void this.start(), 2000); });
  }

  async start(): Promise<void> {
    try {
      await this.conn.start();
      this.store.connection.value = 'connected';
      await this.pull('start');
      this.checking ??= window.setInterval(() => void this.check(), checkEveryMs);
    } catch {
      this.store.connection.value = 'reconnecting';
      window.setTimeout(() => void this.start(), 2000);
    }
  }

  /**
   * An answer or a push that does not match the contract (a server of a newer release, a fault): the page's copy has a
   * hole it cannot see, so it stops updating, greys what it shows and asks to be reloaded, and reports it once.
   */
  private unreadable(error: ContractMismatch): void {
    if (this.store.broken.value === unreadable) return;
    this.store.broken.value = unreadable;
    console.error(`DiploSim: ${error.message}; this page stopped updating.`, error.issues);
    showReloadNotice(unreadable);
  }

  private push(e: GameEvent): void {
    if (this.store.broken.value === unreadable) return;
    this.heardAtMs = Date.now();
    if (this.pulling) {
      this.waiting.push(e);
      return;
    }
    const outcome = this.store.receivePush(e);
    if (outcome === 'gap') {
      this.holdEarly(e);
      return;
    }
    if (outcome === 'pull') void this.pull(outcome);
    else if (outcome === 'view') this.awaitView(e.Sequence);
    if (outcome !== 'duplicate') this.releaseEarly();
  }

  /**
   * A push that skips a number. The session's channel and a seat's own channel are separate streams, so a seat's copy
   * of a resolved turn can overtake the session-wide event just before it: the push waits `gapWaitMs` for the missing
   * numbers, and the page pulls only if they have not come by then.
   */
  private holdEarly(e: GameEvent): void {
    this.early.push(e);
    this.gapTimer ??= window.setTimeout(() => {
      this.gapTimer = null;
      if (this.early.length > 0) {
        this.early = [];
        void this.pull('gap');
      }
    }, gapWaitMs);
  }

  /** Applies the held pushes that now follow what the page holds (in order); the others wait on. */
  private releaseEarly(): void {
    if (this.early.length === 0) return;
    const early = this.early.sort((a, b) => a.Sequence - b.Sequence);
    this.early = [];
    for (const e of early) this.push(e);
  }

  /**
   * A resolved turn came on the session-wide channel: the seat's dashboard comes with the same event on the seat's own
   * channel, relayed just after it. If it has not come in `viewWaitMs`, the page pulls it.
   */
  private awaitView(sequence: number): void {
    window.setTimeout(() => {
      const held = this.store.held.value;
      if (held && held.viewSequence < sequence) void this.pull('view');
    }, viewWaitMs);
  }

  /** Asks for the session's last sequence number when nothing arrived for a while, and pulls what the page lacks. */
  async check(): Promise<void> {
    if (this.pulling || this.store.broken.value || this.conn.state !== signalR.HubConnectionState.Connected) return;
    if (Date.now() - this.heardAtMs < checkEveryMs) return;
    this.heardAtMs = Date.now();
    const answer = await this.send((hub) => hub.getSequence(), false);
    if (answer.Value != null && this.store.behind(answer.Value)) await this.pull('check');
  }

  /** Brings the store up to date: the whole snapshot the first time, then only what came after its last event. */
  pull(reason: PullReason): Promise<void> {
    this.pulling ??= this.pullOnce(reason).finally(() => {
      this.pulling = null;
      const waiting = this.waiting;
      this.waiting = [];
      for (const e of waiting) this.push(e);
      this.releaseEarly();
    });
    return this.pulling;
  }

  private async pullOnce(reason: PullReason): Promise<void> {
    if (this.store.broken.value === unreadable) return;
    this.pulls++;
    this.pullReasons.push(reason);
    const held = this.store.held.value;
    const answer = await this.send((hub) => held
      ? hub.getUpdate(held.lastSequence, held.History.length, held.History.at(-1)?.StateHash ?? null)
      : hub.getSnapshot(0));
    if (answer.Refusal || !answer.Value) {
      this.store.connection.value = say(words.app.refusedState, { reason: answer.Refusal ?? '' });
      return;
    }
    this.store.receivePull(answer.Value);
    this.heardAtMs = Date.now();
  }

  /**
   * Calls the hub; a call that could not be sent, or whose answer could not be read, comes back as a refusal with the
   * reason. While the cluster switches over (a node died: the hub answers `switchingOver`, or the connection drops and
   * comes back) the same call is sent again, for up to `retryForMs`, and the page shows "reconnecting" meanwhile: every
   * command names its turn or carries its id, so a call sent twice does what was meant once. `retry` is false for a
   * call that must not be sent twice (a message).
   */
  async send<T extends { Refusal: string | null }>(call: (hub: GameHubClient) => Promise<T>, retry = true): Promise<T | { Value?: undefined; Refusal: string }> {
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      let answer: T | { Value?: undefined; Refusal: string };
      let transient: boolean;
      try {
        answer = await call(this.hub);
        transient = answer.Refusal === switchingOver;
      } catch (err) {
        if (err instanceof ContractMismatch) return { Refusal: unreadable };
        answer = { Refusal: words.app.connectionLost };
        transient = true;
      }
      if (!transient || !retry || Date.now() - started > retryForMs) {
        if (!transient && this.store.connection.value === 'reconnecting' && this.conn.state === signalR.HubConnectionState.Connected) {
          this.store.connection.value = 'connected';
        }
        return answer;
      }
      this.store.connection.value = 'reconnecting';
      await delay(Math.min(250 * attempt, 2000));
      await this.connected(started + retryForMs);
    }
  }

  /** Resolves once the connection is up again, or at the deadline. */
  private async connected(deadlineMs: number): Promise<void> {
    while (this.conn.state !== signalR.HubConnectionState.Connected && Date.now() < deadlineMs) await delay(250);
  }
}

/** Why a page pulled (see {@link Live.pullReasons}). */
export type PullReason = 'start' | 'reconnect' | 'gap' | 'pull' | 'view' | 'check' | 'plan';

/**
 * How long a page waits without hearing from the session before it asks for the session's last sequence number. A lost
 * push is fetched within about this time; with 1,000 pages on a quiet server, that is some 300 small reads a second.
 */
const checkEveryMs = 3_000;

/** How long a push that skipped a number waits for the missing ones before the page pulls them. */
const gapWaitMs = 1_000;

/** How long a player's page waits for its seat's dashboard after a resolved turn, before it pulls it. */
const viewWaitMs = 2_000;

/** How long a call is sent again while the cluster switches over: a node's death is declared within about 10 s. */
const retryForMs = 30_000;

const delay = (ms: number) => new Promise<void>((resolve) => window.setTimeout(resolve, ms));
