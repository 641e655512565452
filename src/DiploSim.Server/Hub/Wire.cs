using System.Collections.Immutable;
using DiploSim.Contracts;
using DiploSim.Grains;
using DiploSim.Server.Identity;

namespace DiploSim.Server.Hub;

// What crosses the hub beside the contract records themselves (DiploSim.Contracts: turn summaries, views, ledgers,
// previews, moves, replies and receipts go to the browser as they are). These records are what a page needs that no
// grain keeps: times as Unix milliseconds, the scenario's title, events flattened for reading. Both protocols give the
// browser the same shape (property names as written here, enums by name); the TypeScript types and parsers in
// src/DiploSim.Web/src/generated are generated from them (DiploSim.WebContract).

/// <summary>
/// A session at a glance. <see cref="NowMs"/> is the server's clock, so a browser's countdown ignores its own skew.
/// <see cref="Round"/> is the open turn's round: below <see cref="NegotiationRounds"/> a negotiation round of the agent
/// seats, equal to it the move round.
/// </summary>
public sealed record StatusDto(
    string SessionId, string ScenarioId, string Title, string JoinCode, SessionPhase Phase, int Turn, int Turns, string Date,
    long? DeadlineMs, long NowMs, string StateHash, ImmutableArray<SeatView> Seats, string? ForkedFrom, long LogLength, ImmutableArray<string> Injects,
    string? ReadOnly = null, int NegotiationRounds = 0, int Round = 0);

/// <summary>
/// One event of the session's log, flattened; <see cref="Kind"/> is the contract record's name. Pushed, a resolved turn
/// carries what changed with it: its <see cref="Outcome"/>, the session's <see cref="Status"/> and the relations
/// <see cref="Network"/> after it, and on a seat's private channel that seat's <see cref="View"/>. <see cref="Player"/> is
/// the player who took a seat, or the registered agent the server plays a seat with (null for a remote program).
/// <see cref="Seconds"/> is the time an extension gave the turn.
/// </summary>
public sealed record EventDto(
    long Sequence, long AtMs, string By, string Kind, string Text, int? Turn = null, string? Country = null, string? To = null,
    string? Message = null, bool? Ready = null, long? DeadlineMs = null, string? ShockId = null, string? SessionId = null,
    string? Player = null, TurnSummary? Outcome = null, StatusDto? Status = null, RelationsMap? Network = null, ViewDto? View = null,
    int? Seconds = null);

/// <summary>
/// A player's dashboard: <see cref="CountryView"/> and the ledger. Read (not pushed with a resolved turn), it carries
/// the seat's saved draft as <see cref="Draft"/>, its <see cref="DraftRevision"/> (the revision a page's next save is
/// based on), <see cref="DraftSent"/>: whether that draft is what the seat submitted this turn, and
/// <see cref="SentMoves"/>, the moves the seat submitted this turn (null before it submits). <see cref="Announced"/> are
/// the tariffs announced and not yet in force, every country's (public, as the network's).
/// </summary>
public sealed record ViewDto(
    string Country, string Name, int Turn, string Date, double Gdp, double Growth, double Stability, int Capital, double Utility,
    bool BotPlaying, ImmutableArray<RelationView> Relations, ImmutableArray<ProposalView> Proposals, ImmutableArray<MoveOrder> Draft,
    ImmutableArray<AnnouncedTariff> Announced, CountryLedger? Ledger = null, long? DraftRevision = null, bool? DraftSent = null, ImmutableArray<MoveOrder>? SentMoves = null);

/// <summary>
/// What a session's creator (or a fork's) receives: the codes and passes to hand out. After the teacher's pass is
/// replaced <see cref="SpectatorPass"/> is null: the screen's pass is unchanged, and the session cannot hand it out again.
/// </summary>
public sealed record SessionPassesDto(string SessionId, string JoinCode, string TeacherPass, string? SpectatorPass);

/// <summary>
/// The seats' open pages, for the teacher's console: <see cref="Complete"/> is false for a few seconds after the count
/// was lost with a node and is being rebuilt (the console then says nothing of lost connections).
/// </summary>
public sealed record SeatConnectionsDto(bool Complete, long NowMs, ImmutableArray<SeatConnectionDto> Seats);

/// <summary>A seat's open connections across the cluster, and when its last one closed (Unix milliseconds; null while one is open).</summary>
public sealed record SeatConnectionDto(string Country, int Open, long? LostAtMs);

/// <summary>A player's pass for one seat.</summary>
public sealed record SeatPassDto(string SessionId, string Country, string Pass);

/// <summary>A page's copy of a session. <see cref="History"/> holds the turns from index <see cref="HistoryFrom"/> on (all of them in a full snapshot).</summary>
public sealed record SnapshotDto(
    Role Role, string? Country, StatusDto Status, ImmutableArray<TurnSummary> History, ImmutableArray<EventDto> Events, ViewDto? View,
    RelationsMap? Network = null, int HistoryFrom = 0);

/// <summary>Maps contract records to the hub's own records.</summary>
public static class Wire
{
    public static long Ms(DateTimeOffset t) => t.ToUnixTimeMilliseconds();

    public static StatusDto Status(SessionStatus s, ScenarioListing? scenario, DateTimeOffset now) => new(
        s.SessionId, s.ScenarioId, scenario?.Title ?? s.ScenarioId, s.JoinCode, s.Phase, s.Turn, scenario?.Turns ?? 0, s.Date,
        s.Deadline is { } d ? Ms(d) : null, Ms(now), s.StateHash, s.Seats, s.ForkedFrom, s.LogLength, scenario is null ? [] : scenario.Injects, s.ReadOnly,
        s.NegotiationRounds, s.Round);

    /// <summary>The status with its scenario's title, turns and injects from <paramref name="catalog"/>.</summary>
    public static StatusDto Status(SessionStatus s, IScenarioCatalog catalog, DateTimeOffset now) =>
        Status(s, catalog.List().FirstOrDefault(x => x.Id == s.ScenarioId), now);

    public static SeatConnectionsDto SeatConnections(SeatConnections counted, DateTimeOffset now) => new(
        counted.Complete, Ms(now), [.. counted.Seats.Select(s => new SeatConnectionDto(s.Country, s.Open, s.LostAt is { } t ? Ms(t) : null))]);

    public static EventDto Event(LoggedEvent entry, TurnSummary? outcome = null)
    {
        var e = new EventDto(entry.Sequence, Ms(entry.At), entry.By, entry.Event.GetType().Name, string.Empty, Outcome: outcome);
        return entry.Event switch
        {
            MovesSubmitted m => e with { Turn = m.Turn, Country = m.Country, Text = $"{m.Country} submitted {m.Moves.Length} move(s)" },
            ReadinessChanged r => e with { Turn = r.Turn, Country = r.Country, Ready = r.Ready, Text = $"{r.Country} is {(r.Ready ? "ready" : "not ready")}" },
            MessageSent m => e with
            {
                Turn = m.Turn, Country = m.From, To = m.To, Message = m.Text,
                Text = m.To is null ? $"{m.From} to all: {m.Text}" : $"{m.From} wrote to {m.To}",
            },
            SeatAssigned s => e with
            {
                Country = s.Country, Player = s.Player,
                Text = Api.LiveAgents.AgentOf(s.Player) is { } agent ? $"{s.Country} was handed to the agent “{agent}”" : $"{s.Player} took the seat of {s.Country}",
            },
            SeatFreed s => e with { Country = s.Country, Text = $"the seat of {s.Country} was freed" },
            SeatPlayedByAgent a => e with { Country = a.Country, Player = a.Agent, Text = a.Agent is null ? $"a program plays {a.Country} over HTTP" : $"{a.Country} is now played by the agent “{a.Agent}”" },
            PlayerLeft p => e with { Country = p.Country, Text = $"{p.Country}'s player left; the bot plays" },
            PlayerReturned p => e with { Country = p.Country, Text = $"{p.Country}'s player returned" },
            SessionStarted s => e with { DeadlineMs = Ms(s.Deadline), Text = "the session started" },
            SessionPaused => e with { Text = "the session is paused" },
            SessionResumed s => e with { DeadlineMs = Ms(s.Deadline), Text = "the session resumed" },
            DeadlineExtended d => Extended(e, d),
            InjectFired i => e with { Turn = i.Turn, ShockId = i.ShockId, Text = $"inject fired: {i.AdHoc?.Headline ?? i.ShockId}" },
            TurnResolved t => e with { Turn = t.Turn, DeadlineMs = t.NextDeadline is { } n ? Ms(n) : null, Text = $"turn {t.Turn} is over ({Why(t.Cause)})" },
            RolledBack r => e with { Turn = r.ToTurn, Text = $"rolled back to turn {r.ToTurn}" },
            ForkedInto f => e with { Turn = f.AtTurn, SessionId = f.SessionId, Text = $"forked at turn {f.AtTurn} into {f.SessionId}" },
            ForkedFrom f => e with { Turn = f.AtTurn, SessionId = f.SessionId, Text = $"forked from {f.SessionId} at turn {f.AtTurn}" },
            SessionEnded => e with { Text = "the session ended" },
            PassReplaced { Holder: PassHolder.Teacher } => e with { Text = "the teacher's pass was replaced" },
            PassReplaced => e with { Text = "the classroom screen's pass was replaced" },
            NegotiationAnswered n => e with { Turn = n.Turn, Country = n.Country, Text = $"{n.Country} answered negotiation round {n.Round + 1}" },
            _ => e with { Text = entry.Event.GetType().Name },
        };
    }

    /// <summary>An extension, with how many seconds it gave when its log recorded that (null in older logs).</summary>
    private static EventDto Extended(EventDto e, DeadlineExtended d)
    {
        int? seconds = d.By is { } by ? (int)by.TotalSeconds : null;
        return e with
        {
            DeadlineMs = Ms(d.Deadline), Seconds = seconds,
            Text = seconds is { } s ? $"the deadline was extended by {s} s" : "the deadline was extended",
        };
    }

    private static string Why(ResolutionCause cause) => cause switch
    {
        ResolutionCause.AllReady => "every country was ready",
        ResolutionCause.Deadline => "the clock ran out",
        _ => "the teacher ended it",
    };

    /// <summary>Whether an event may be shown to everyone in the session: a private message's text may not.</summary>
    public static bool IsPublic(LoggedEvent entry) => entry.Event is not MessageSent { To: not null };

    /// <summary>Whether <paramref name="country"/> may read the event (public, or a private message it sent or received).</summary>
    public static bool Concerns(LoggedEvent entry, string country) =>
        IsPublic(entry) || entry.Event is MessageSent m && (m.From == country || m.To == country);

    public static ViewDto View(CountryView v, CountryLedger? ledger = null) => new(
        v.Country, v.Name, v.Turn, v.Date, v.Gdp, v.Growth, v.Stability, v.Capital, v.Utility, v.BotPlaying,
        v.Relations, v.Proposals, v.Draft.IsDefault ? [] : v.Draft, v.Announced.IsDefault ? [] : v.Announced, ledger);
}
