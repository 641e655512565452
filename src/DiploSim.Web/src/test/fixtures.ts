import type { EventDto as GameEvent, SnapshotDto as Snapshot, StatusDto as Status, TurnSummary as Turn, ViewDto as View } from '../generated/contract';

export const status = (over: Partial<Status> = {}): Status => ({
  SessionId: 's1', ScenarioId: 'sc', Title: 'Test', JoinCode: 'ABCD', Phase: 'Running', Turn: 0, Turns: 8, Date: '2025-Q4',
  DeadlineMs: 1000, NowMs: 500, StateHash: 'h0', ForkedFrom: null, LogLength: 0, Injects: [], ReadOnly: null, NegotiationRounds: 0, Round: 0,
  Seats: [
    { Country: 'IND', OpenToPlayers: true, Player: 'Ada', Present: true, BotPlaying: false, Ready: false, Submitted: false, Agent: null },
    { Country: 'RUS', OpenToPlayers: true, Player: 'Boris', Present: true, BotPlaying: false, Ready: false, Submitted: false, Agent: null },
  ],
  ...over,
});

export const turn = (n: number, over: Partial<Turn> = {}): Turn => ({
  Turn: n, Date: `T${n}`, StateHash: `h${n + 1}`, Moves: [], Shocks: [], News: [], Changes: [], Scores: [], Signed: [], Breaches: [], ...over,
});

export const event = (sequence: number, kind: string, over: Partial<GameEvent> = {}): GameEvent => ({
  Sequence: sequence, AtMs: sequence * 10, By: 'IND', Kind: kind, Text: kind, Turn: null, Country: null, To: null, Message: null,
  Ready: null, DeadlineMs: null, ShockId: null, SessionId: null, Player: null, Outcome: null, Status: null, Network: null, View: null, Seconds: null, ...over,
});

export const view = (over: Partial<View> = {}): View => ({
  Country: 'IND', Name: 'India', Turn: 0, Date: '2025-Q4', Gdp: 4000, Growth: 0.06, Stability: 60, Capital: 5, Utility: 0.5, BotPlaying: false,
  Relations: [{ Other: 'RUS', TrustIn: 60, TrustFrom: 55, ExportsTo: 5, ImportsFrom: 60, Tariffs: [0, 0, 0, 0, 0, 0, 0], TariffsFrom: [0, 0, 0, 0, 0, 0, 0] }], Proposals: [], Draft: [], Announced: [], Ledger: null,
  DraftRevision: null, DraftSent: null, SentMoves: null, ...over,
});

export const snapshot = (over: Partial<Snapshot> = {}): Snapshot => ({
  Role: 'Player', Country: 'IND', Status: status(), History: [], Events: [], View: view(), Network: null, HistoryFrom: 0, ...over,
});
