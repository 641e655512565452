import * as signalR from '@microsoft/signalr';
import { MessagePackHubProtocol } from '@microsoft/signalr-protocol-msgpack';
import { switchingOver, type EventDto as GameEvent } from '../generated/contract';
import { ContractMismatch, GameHubClient } from '../generated/hub';
import { say, words } from '../i18n';
import { showReloadNotice } from '../ui';
import { LinkState } from './link';
import { unreadable, type SessionStore } from './store';

/**
 * A live connection to the hub with the page's pass, feeding a session store. Pushes apply to the store as they
 * come; the page pulls only to start, after a reconnection, when it sees a gap in the sequence numbers, or when a push
 * needs state it does not carry. Pushes that arrive during a pull wait for it and then apply in order. When nothing
 * has arrived for `checkEveryMs`, the page asks for the session's last sequence number, and pulls if it is behind: a
 * push lost on the way (a node that died before relaying it) is fetched without waiting for the next event; a check
 * not answered within `answerWithinMs` makes the page say the server does not answer. The browser's `offline` event
 * makes it say at once that it is offline (see {@link LinkState}); back online, it makes sure the connection still
 * carries (a ping, or a new connection) and pulls what it missed.
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
   * screen, or a save of this page's was refused), `online` (the network came back and the session was ahead).
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
  /** When the check's question, or the pull under way, was asked, while it waits for its answer. */
  private askedAtMs: number | null = null;
  private pullAskedAtMs: number | null = null;
  private restartTimer: number | null = null;
  /** What the page says of its link to the server (`store.connection`). */
  readonly link: LinkState;

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
    this.link = new LinkState(store.connection, navigator.onLine);
    this.conn.onreconnecting(() => this.link.hubIs('reconnecting'));
    this.conn.onreconnected(() => { this.link.hubIs('connected'); void this.pull('reconnect'); });
    this.conn.onclose(() => { this.link.hubIs('reconnecting'); this.restart(2000); });
    window.addEventListener('offline', () => this.link.browser(false));
    window.addEventListener('online', () => void this.backOnline());
  }

  async start(): Promise<void> {
    try {
      await this.conn.start();
      this.link.hubIs('connected');
      await this.pull('start');
      this.checking ??= window.setInterval(() => void this.check(), checkEveryMs);
    } catch {
      this.link.hubIs('reconnecting');
      this.restart(2000);
    }
  }

  /** Starts the connection again in `ms` (once, however many times it is asked before then). */
  private restart(ms: number): void {
    if (this.restartTimer !== null) window.clearTimeout(this.restartTimer);
    this.restartTimer = window.setTimeout(() => {
      this.restartTimer = null;
      if (this.conn.state === signalR.HubConnectionState.Disconnected) void this.start();
    }, ms);
  }

  /**
   * The network is back. A connection that closed while it was gone starts again now (not at its next retry); one that
   * still looks up may have died unnoticed (a phone that changed networks), so the page asks the session's last
   * sequence number: answered, it pulls what it missed; not answered within `answerWithinMs`, it drops the connection
   * and starts a new one, which pulls. A connection SignalR is bringing back retries within 5 s by itself.
   */
  private async backOnline(): Promise<void> {
    this.link.browser(true);
    if (this.conn.state === signalR.HubConnectionState.Disconnected) {
      this.restart(0);
      return;
    }
    if (this.conn.state !== signalR.HubConnectionState.Connected) return;
    const answer = await within(this.send((hub) => hub.getSequence(), false), answerWithinMs);
    if (answer === null || answer.Refusal) {
      if (this.conn.state === signalR.HubConnectionState.Connected) await this.conn.stop();
      this.restart(0);
      return;
    }
    this.heard();
    if (answer.Value != null && this.store.behind(answer.Value)) await this.pull('online');
  }

  /** The server answered or pushed: the link carries. */
  private heard(): void {
    this.heardAtMs = Date.now();
    this.link.answered(true);
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
    this.heard();
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

  /**
   * Asks for the session's last sequence number when nothing arrived for a while, and pulls what the page lacks. One
   * question at a time: while it (or a pull) waits for its answer, the page says the server does not answer once it
   * has waited `answerWithinMs`.
   */
  async check(): Promise<void> {
    const waitingSince = this.askedAtMs ?? this.pullAskedAtMs;
    if (waitingSince !== null) {
      if (Date.now() - waitingSince > answerWithinMs) this.link.answered(false);
      return;
    }
    if (this.pulling || this.store.broken.value || this.link.offline || this.conn.state !== signalR.HubConnectionState.Connected) return;
    if (Date.now() - this.heardAtMs < checkEveryMs) return;
    this.heardAtMs = Date.now();
    this.askedAtMs = Date.now();
    const answer = await this.send((hub) => hub.getSequence(), false).finally(() => { this.askedAtMs = null; });
    if (answer.Refusal) return;
    this.heard();
    // A page whose first pull found no connection holds nothing yet: it pulls now.
    if (answer.Value != null && (this.store.held.value === null || this.store.behind(answer.Value))) await this.pull('check');
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
    this.pullAskedAtMs = Date.now();
    const answer = await this.send((hub) => held
      ? hub.getUpdate(held.lastSequence, held.History.length, held.History.at(-1)?.StateHash ?? null)
      : hub.getSnapshot(0)).finally(() => { this.pullAskedAtMs = null; });
    // Not sent for want of a network or a connection: the page says that already, and pulls again once it is back.
    if (answer.Refusal === words.app.connectionLost || answer.Refusal === words.app.offline) return;
    if (answer.Refusal || !answer.Value) {
      this.store.connection.value = say(words.app.refusedState, { reason: answer.Refusal ?? '' });
      return;
    }
    this.store.receivePull(answer.Value);
    this.heard();
  }

  /**
   * Calls the hub; a call that could not be sent, or whose answer could not be read, comes back as a refusal with the
   * reason. While the cluster switches over (a node died: the hub answers `switchingOver`, or the connection drops and
   * comes back) the same call is sent again, for up to `retryForMs`, and the page shows "reconnecting" meanwhile: every
   * command names its turn or carries its id, so a call sent twice does what was meant once. `retry` is false for a
   * call that must not be sent twice (a message). While the browser is offline nothing is sent: a call that may be
   * sent again waits for the network (within the same `retryForMs`), and one that may not is refused at once.
   */
  async send<T extends { Refusal: string | null }>(call: (hub: GameHubClient) => Promise<T>, retry = true): Promise<T | { Value?: undefined; Refusal: string }> {
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      if (this.link.offline) {
        if (!retry) return { Refusal: words.app.offline };
        await this.online(started + retryForMs);
        if (this.link.offline) return { Refusal: words.app.connectionLost };
        await this.connected(started + retryForMs);
      }
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
        if (!transient && this.link.hub === 'reconnecting' && this.conn.state === signalR.HubConnectionState.Connected) {
          this.link.hubIs('connected');
        }
        return answer;
      }
      this.link.hubIs('reconnecting');
      await delay(Math.min(250 * attempt, 2000));
      await this.connected(started + retryForMs);
    }
  }

  /** Resolves once the browser is back online, or at the deadline. */
  private async online(deadlineMs: number): Promise<void> {
    while (this.link.offline && Date.now() < deadlineMs) await delay(250);
  }

  /** Resolves once the connection is up again, or at the deadline. */
  private async connected(deadlineMs: number): Promise<void> {
    while (this.conn.state !== signalR.HubConnectionState.Connected && Date.now() < deadlineMs) await delay(250);
  }
}

/** Why a page pulled (see {@link Live.pullReasons}). */
export type PullReason = 'start' | 'reconnect' | 'gap' | 'pull' | 'view' | 'check' | 'plan' | 'online';

/**
 * How long a page waits without hearing from the session before it asks for the session's last sequence number. A lost
 * push is fetched within about this time; with 1,000 pages on a quiet server, that is some 300 small reads a second.
 */
const checkEveryMs = 3_000;

/**
 * How long a page waits for the answer to its check (or to its ping when the network is back) before it says the server
 * does not answer (or, back online, starts a new connection). The check asks every `checkEveryMs` on a quiet page, so a
 * link that stopped carrying without the browser knowing shows within about `checkEveryMs` + this, with no more pings
 * than the check already makes (the hub's keep-alive and timeouts stay as they are: docs/web-client.md).
 */
const answerWithinMs = 5_000;

/** How long a push that skipped a number waits for the missing ones before the page pulls them. */
const gapWaitMs = 1_000;

/** How long a player's page waits for its seat's dashboard after a resolved turn, before it pulls it. */
const viewWaitMs = 2_000;

/** How long a call is sent again while the cluster switches over: a node's death is declared within about 10 s. */
const retryForMs = 30_000;

/** The promise's value if it comes within `ms`, else null. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  return Promise.race([promise, delay(ms).then(() => null)]);
}

const delay = (ms: number) => new Promise<void>((resolve) => window.setTimeout(resolve, ms));
