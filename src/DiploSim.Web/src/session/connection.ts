import * as signalR from '@microsoft/signalr';
import { MessagePackHubProtocol } from '@microsoft/signalr-protocol-msgpack';
import type { Answer, GameEvent, Snapshot } from '../api';
import { isEvent, unreadable, type SessionStore } from './store';

/**
 * A live connection to the hub with the page's pass, feeding a session store. Pushes apply to the store as they
 * come; the page pulls only to start, after a reconnection, when it sees a gap in the sequence numbers, or when a push
 * needs state it does not carry. Pushes that arrive during a pull wait for it and then apply in order.
 */
export class Live {
  readonly conn: signalR.HubConnection;
  /** How many pulls this page made (the browser tests read it). */
  pulls = 0;
  private pulling: Promise<void> | null = null;
  private waiting: GameEvent[] = [];
  private reported = false;

  constructor(readonly pass: string, readonly store: SessionStore, onRevoked?: (reason: string) => void) {
    this.conn = new signalR.HubConnectionBuilder()
      .withUrl('/hub', { accessTokenFactory: () => this.pass })
      .withHubProtocol(new MessagePackHubProtocol())
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (c) => Math.min(500 * (c.previousRetryCount + 1), 5000) })
      .build();
    this.conn.on('Event', (e: unknown) => this.push(e));
    this.conn.on('Private', (e: unknown) => {
      if (this.readable(e)) store.receivePrivate(e);
    });
    this.conn.on('Revoked', (reason: string) => {
      store.notice.value = reason;
      store.connection.value = 'pass no longer valid';
      onRevoked?.(reason);
    });
    this.conn.onreconnecting(() => { store.connection.value = 'reconnecting'; });
    this.conn.onreconnected(() => { store.connection.value = 'connected'; void this.pull(); });
    this.conn.onclose(() => { store.connection.value = 'disconnected'; window.setTimeout(() => void this.start(), 2000); });
  }

  async start(): Promise<void> {
    try {
      await this.conn.start();
      this.store.connection.value = 'connected';
      await this.pull();
    } catch {
      this.store.connection.value = 'disconnected';
      window.setTimeout(() => void this.start(), 2000);
    }
  }

  private readable(e: unknown): e is GameEvent {
    if (isEvent(e)) return true;
    this.store.broken.value = unreadable;
    if (!this.reported) console.error('DiploSim: an unreadable push', e);
    this.reported = true;
    return false;
  }

  private push(e: unknown): void {
    if (!this.readable(e)) return;
    if (this.pulling) {
      this.waiting.push(e);
      return;
    }
    const outcome = this.store.receivePush(e);
    if (outcome === 'gap' || outcome === 'pull') void this.pull();
  }

  /** Brings the store up to date: the whole snapshot the first time, then only what came after its last event. */
  pull(): Promise<void> {
    this.pulling ??= this.pullOnce().finally(() => {
      this.pulling = null;
      const waiting = this.waiting;
      this.waiting = [];
      for (const e of waiting) this.push(e);
    });
    return this.pulling;
  }

  private async pullOnce(): Promise<void> {
    this.pulls++;
    const held = this.store.held.value;
    const answer = held
      ? await this.invoke<Snapshot>('GetUpdate', held.lastSequence, held.History.length, held.History.at(-1)?.StateHash ?? null)
      : await this.invoke<Snapshot>('GetSnapshot', 0);
    if (answer.Refusal || !answer.Value) {
      this.store.connection.value = `refused: ${answer.Refusal}`;
      return;
    }
    this.store.receivePull(answer.Value);
  }

  /** Calls a hub method; a call that could not be sent comes back as a refusal with the reason. */
  async invoke<T = unknown>(method: string, ...args: unknown[]): Promise<Answer<T>> {
    try {
      return await this.conn.invoke<Answer<T>>(method, ...args);
    } catch (err) {
      return { Refusal: `not sent (${(err as Error).message}); try again when reconnected` };
    }
  }
}
