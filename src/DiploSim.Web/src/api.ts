// The hub's and the API's records, as the server writes them (PascalCase in JSON and MessagePack alike).

export interface Answer<T = unknown> { Value?: T | null; Refusal: string | null }
export interface Seat { Country: string; OpenToPlayers: boolean; Player: string | null; Present: boolean; BotPlaying: boolean; Ready: boolean; Submitted: boolean }
export interface Status {
  SessionId: string; ScenarioId: string; Title: string; JoinCode: string; Phase: string; Turn: number; Turns: number; Date: string;
  DeadlineMs: number | null; NowMs: number; StateHash: string; Seats: Seat[]; ForkedFrom: string | null; LogLength: number; Injects: string[];
  /** Why the session can be read and exported but not played on; absent when it can be played. */
  ReadOnly?: string | null;
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
  BotPlaying: boolean; Relations: Relation[]; Proposals: Proposal[]; Draft: Move[]; Ledger?: Ledger | null;
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

/** The pass a page was opened with: from the address's fragment, else the one kept for this page. */
export function pagePass(key: string): string | null {
  const fromHash = decodeURIComponent(location.hash.replace(/^#/, ''));
  if (fromHash) {
    localStorage.setItem(key, fromHash);
    return fromHash;
  }
  return localStorage.getItem(key);
}
