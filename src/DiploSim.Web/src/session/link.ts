import type { Signal } from '@preact/signals';

/** The hub connection's own state, as SignalR tells it. */
export type HubState = 'connecting' | 'connected' | 'reconnecting';

/** States a page keeps until it is reloaded: the session no longer honours its pass, or gave its seat away. */
const final = new Set(['pass no longer valid', 'seat lost', 'pass replaced']);

/**
 * What a page says of its link to the server (`store.connection`), from three signs. The browser's own word comes first:
 * it knows at once when its network is gone (the `offline` event, `navigator.onLine`), while SignalR notices only when
 * the server has been silent for its timeout (30 s), so the page says "offline" from the first moment and until the
 * network is back, whatever the hub connection does meanwhile. Then the hub connection's state. Last, a question the
 * page asked (the periodic check) that has had no answer for a few seconds while the connection still looks up: the
 * network may be down without the browser knowing (a Wi-Fi without internet), and the page says the server does not
 * answer until something comes from it again.
 */
export class LinkState {
  private hubState: HubState = 'connecting';
  private unanswered = false;
  private browserOffline: boolean;

  constructor(private readonly shown: Signal<string>, online = true) {
    this.browserOffline = !online;
    this.show();
  }

  /** Whether the browser says it has no network. */
  get offline(): boolean {
    return this.browserOffline;
  }

  get hub(): HubState {
    return this.hubState;
  }

  /** The browser went offline, or came back online. */
  browser(online: boolean): void {
    this.browserOffline = !online;
    this.show();
  }

  /** The hub connection's state changed (a new connection answers, so a question left unanswered on the old one is forgotten). */
  hubIs(state: HubState): void {
    this.hubState = state;
    this.unanswered = false;
    this.show();
  }

  /** The server answered, or pushed something (true); a question has had no answer for too long (false). */
  answered(answered: boolean): void {
    if (this.unanswered === !answered) return;
    this.unanswered = !answered;
    this.show();
  }

  private show(): void {
    if (final.has(this.shown.value)) return;
    this.shown.value = this.browserOffline ? 'offline' : this.hubState === 'connected' && this.unanswered ? 'no answer' : this.hubState;
  }
}
