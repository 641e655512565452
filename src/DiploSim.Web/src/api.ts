// The hub's and the API's records, as the server writes them (PascalCase in JSON and MessagePack alike).
import * as signalR from '@microsoft/signalr';
import { MessagePackHubProtocol } from '@microsoft/signalr-protocol-msgpack';

export interface Answer<T = unknown> { Value?: T | null; Refusal: string | null }
export interface Seat { Country: string; OpenToPlayers: boolean; Player: string | null; Present: boolean; BotPlaying: boolean; Ready: boolean; Submitted: boolean }
export interface Status {
  SessionId: string; ScenarioId: string; Title: string; JoinCode: string; Phase: string; Turn: number; Turns: number; Date: string;
  DeadlineMs: number | null; NowMs: number; StateHash: string; Seats: Seat[]; ForkedFrom: string | null; LogLength: number; Injects: string[];
}
export interface Verdict { Actor: string; Kind: string; Description: string; Accepted: boolean; Cost: number; Reason: string | null }
export interface News { Turn: number; Headline: string; Body: string; Actors: string[]; Category: string }
export interface Change { Subject: string; Indicator: string; Before: number; After: number }
export interface Score { Actor: string; Prosperity: number; Security: number; EnergySecurity: number; Autonomy: number; Influence: number; Goals: number; Utility: number }
export interface Turn { Turn: number; Date: string; StateHash: string; Moves: Verdict[]; Shocks: { Id: string; Headline: string; Notes: string[] }[]; News: News[]; Changes: Change[]; Scores: Score[] }
export interface GameEvent {
  Sequence: number; AtMs: number; By: string; Kind: string; Text: string; Turn: number | null; Country: string | null; To: string | null;
  Message: string | null; Ready: boolean | null; DeadlineMs: number | null; ShockId: string | null; SessionId: string | null; Player: string | null; Outcome: Turn | null;
}
export interface Relation { Other: string; TrustIn: number; TrustFrom: number; ExportsTo: number; ImportsFrom: number }
export interface Terms { TariffCeiling?: number | null; TradeTarget?: number | null; EnergyVolumeMbd?: number | null; EnergyDiscount?: number | null; MaxUsdShare?: number | null; Supplier?: string | null }
export interface Proposal { Id: string; Proposer: string; Agreement: string; Parties: string[]; Terms: Terms; Turn: number; AcceptedBy: string[] }
export interface Move { Kind: string; [field: string]: unknown }
export interface View {
  Country: string; Name: string; Turn: number; Date: string; Gdp: number; Growth: number; Stability: number; Capital: number; Utility: number;
  BotPlaying: boolean; Relations: Relation[]; Proposals: Proposal[]; Draft: Move[]; Inbox: GameEvent[]; Ledger?: Ledger | null;
}
export interface TradeLine { Partner: string; Sector: string; Exports: number; Imports: number }
export interface Energy { Bill: number; BillShareOfGdp: number; NetOilImportsMbd: number; OilPrice: number; PriceCapMember: boolean; DiscountedCrude: { Seller: string; VolumeMbd: number; Discount: number }[] }
export interface Delivery { Id: string; Buyer: string; Seller: string; System: string; Value: number; DueTurn: number; Status: string }
export interface AgreementRow { Id: string; Kind: string; Parties: string[]; Terms: Terms; SignedTurn: number; Status: string; Progress: number; Breaches: number; LastBreachedBy: string | null }
export interface Ledger { Trade: TradeLine[]; Energy: Energy; ArmsSuppliers: { Supplier: string; Share: number }[]; Deliveries: Delivery[]; Agreements: AgreementRow[] }
export interface Network { Turn: number; Actors: { Id: string; Name: string; Gdp: number }[]; Links: { A: string; B: string; TrustAB: number; TrustBA: number; Trade: number }[] }
export interface Effect { Indicator: string; Without: number; With: number; Change: number }
export interface MovePreview { Description: string | null; Cost: number; Capital: number; Target: string | null; Effects: Effect[]; Refusal: string | null }
/** A page's copy of a session; an update's History starts at HistoryFrom (0 in a full snapshot). */
export interface Snapshot { Role: string; Country: string | null; Status: Status; History: Turn[]; Events: GameEvent[]; View: View | null; Network?: Network | null; HistoryFrom?: number }
/** SpectatorPass is null after the teacher's pass is replaced: the screen's pass is unchanged and cannot be handed out again. */
export interface Passes { SessionId: string; JoinCode: string; TeacherPass: string; SpectatorPass: string | null }
export interface SeatPass { SessionId: string; Country: string; Pass: string }
export interface JoinInfo { SessionId: string; Title: string; Phase: string; Seats: { Country: string; Taken: boolean }[] }
export interface Scenario { Id: string; Title: string; Summary: string; Turns: number; Countries: string[]; Injects: string[] }

export async function http<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, body === undefined ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) {
    const problem = await res.json().catch(() => ({ detail: res.statusText }));
    throw new Error(problem.detail ?? problem.title ?? res.statusText);
  }
  return res.json() as Promise<T>;
}

/**
 * A live connection to the hub with the page's pass. It reconnects by itself, and after every (re)connection and
 * after each event it re-reads the snapshot, so a page that missed something while away catches up.
 */
export class Live {
  readonly conn: signalR.HubConnection;
  snapshot: Snapshot | null = null;
  private seen = new Set<number>();
  private privateSeen = new Set<number>();
  private refreshTimer: number | undefined;
  private refreshing: Promise<void> = Promise.resolve();

  constructor(
    readonly pass: string,
    private readonly handlers: {
      snapshot: (s: Snapshot) => void;
      event?: (e: GameEvent) => void;
      private?: (e: GameEvent) => void;
      state?: (state: string) => void;
      revoked?: (reason: string) => void;
    },
  ) {
    this.conn = new signalR.HubConnectionBuilder()
      .withUrl('/hub', { accessTokenFactory: () => this.pass })
      .withHubProtocol(new MessagePackHubProtocol())
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (c) => Math.min(500 * (c.previousRetryCount + 1), 5000) })
      .build();
    this.conn.on('Event', (e: GameEvent) => {
      if (this.seen.has(e.Sequence)) return;
      this.seen.add(e.Sequence);
      this.keepOutcome(e);
      handlers.event?.(e);
      this.scheduleRefresh();
    });
    this.conn.on('Private', (e: GameEvent) => {
      if (this.privateSeen.has(e.Sequence)) return;
      this.privateSeen.add(e.Sequence);
      handlers.private?.(e);
    });
    this.conn.on('Revoked', (reason: string) => handlers.revoked?.(reason));
    this.conn.onreconnecting(() => handlers.state?.('reconnecting'));
    this.conn.onreconnected(() => { handlers.state?.('connected'); void this.refresh(); });
    this.conn.onclose(() => { handlers.state?.('disconnected'); window.setTimeout(() => void this.start(), 2000); });
  }

  async start(): Promise<void> {
    try {
      await this.conn.start();
      this.handlers.state?.('connected');
      await this.refresh();
    } catch {
      this.handlers.state?.('disconnected');
      window.setTimeout(() => void this.start(), 2000);
    }
  }

  /**
   * Brings the page's copy up to date. The first time, the whole snapshot; after that only what changed: the
   * events after the last one held and the turns after the last one held (the whole history again after a
   * rollback), so a refresh late in a session costs what the last turn added, not the session so far.
   */
  refresh(): Promise<void> {
    // One at a time: two overlapping updates from the same copy would add the same events twice.
    this.refreshing = this.refreshing.then(() => this.pull(), () => this.pull());
    return this.refreshing;
  }

  private async pull(): Promise<void> {
    const held = this.snapshot;
    const last = held?.History[held.History.length - 1];
    const answer = held
      ? await this.conn.invoke<Answer<Snapshot>>('GetUpdate', held.Events.reduce((m, e) => Math.max(m, e.Sequence), 0), held.History.length, last?.StateHash ?? null)
      : await this.conn.invoke<Answer<Snapshot>>('GetSnapshot', 0);
    if (answer.Refusal || !answer.Value) {
      this.handlers.state?.(`refused: ${answer.Refusal}`);
      return;
    }
    const update = answer.Value;
    const from = update.HistoryFrom ?? 0;
    this.snapshot = held
      ? { ...update, History: [...held.History.slice(0, from), ...update.History], Events: [...held.Events, ...update.Events], HistoryFrom: 0 }
      : update;
    for (const e of update.Events) this.seen.add(e.Sequence);
    this.handlers.snapshot(this.snapshot);
  }

  /** A pushed turn that follows the last one held joins the copy, so the next update need not carry it again. */
  private keepOutcome(e: GameEvent): void {
    const held = this.snapshot;
    if (!e.Outcome || !held) return;
    const last = held.History[held.History.length - 1];
    if (last ? e.Outcome.Turn === last.Turn + 1 : e.Outcome.Turn === held.Status.Turn) {
      held.History = [...held.History, e.Outcome];
    }
  }

  private scheduleRefresh(): void {
    window.clearTimeout(this.refreshTimer);
    this.refreshTimer = window.setTimeout(() => void this.refresh(), 150);
  }

  async call(method: string, ...args: unknown[]): Promise<Answer> {
    try {
      return await this.conn.invoke<Answer>(method, ...args);
    } catch (err) {
      return { Refusal: `not sent (${(err as Error).message}); try again when reconnected` };
    }
  }
}

/** The pass a page was opened with: from the address's fragment, else the one kept for this page. */
export function pagePass(key: string): string | null {
  const fromHash = decodeURIComponent(location.hash.replace(/^#/, ''));
  if (fromHash) {
    localStorage.setItem(key, fromHash);
    return fromHash;
  }
  return localStorage.getItem(key);
}
