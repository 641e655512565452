using System.Collections.Immutable;

namespace DiploSim.Contracts;

/// <summary>
/// One entry of a session's log, the session's truth: the scenario, seed and this ordered log give every
/// state of the session, which is what replay, rollback and forking rest on.
/// </summary>
/// <param name="Sequence">Position in the log, from 1.</param>
/// <param name="At">When it was recorded.</param>
/// <param name="By">Who caused it: a country, <c>teacher</c> or <c>clock</c>.</param>
[GenerateSerializer, Immutable, Alias("diplosim.LoggedEvent")]
public sealed record LoggedEvent(long Sequence, DateTimeOffset At, string By, SessionEvent Event);

/// <summary>Something that happened in a session.</summary>
[GenerateSerializer, Immutable, Alias("diplosim.SessionEvent")]
public abstract record SessionEvent;

/// <summary>A country's moves for a turn; a later submission in the same turn replaces an earlier one.</summary>
[GenerateSerializer, Immutable, Alias("diplosim.MovesSubmitted")]
public sealed record MovesSubmitted(int Turn, string Country, ImmutableArray<MoveOrder> Moves) : SessionEvent;

[GenerateSerializer, Immutable, Alias("diplosim.ReadinessChanged")]
public sealed record ReadinessChanged(int Turn, string Country, bool Ready) : SessionEvent;

/// <summary>A negotiation message; <paramref name="To"/> null means to everyone. It changes nothing in the model.</summary>
/// <param name="Round">The turn's round when it was sent (<see cref="SessionStatus.Round"/>).</param>
[GenerateSerializer, Immutable, Alias("diplosim.MessageSent")]
public sealed record MessageSent(int Turn, string From, string? To, string Text, int Round = 0) : SessionEvent;

/// <summary>
/// A seat a program plays answered a negotiation round of the turn (its messages are logged just before). The round
/// closes once every agent seat has answered it; then the next round, or the move round, opens.
/// </summary>
[GenerateSerializer, Immutable, Alias("diplosim.NegotiationAnswered")]
public sealed record NegotiationAnswered(int Turn, int Round, string Country) : SessionEvent;

/// <summary>
/// A player took a seat (joined with the code, or the teacher assigned it). <see cref="TokenDigest"/> is the
/// SHA-256 digest of the seat token the player was given (the token itself is never stored); it is redacted from
/// exported and published logs.
/// </summary>
[GenerateSerializer, Immutable, Alias("diplosim.SeatAssigned")]
public sealed record SeatAssigned(string Country, string Player, string TokenDigest) : SessionEvent;

/// <summary>
/// The seat's holder turned out to be a program: the server began playing it with the registered agent
/// <paramref name="Agent"/>, or (with no name) a remote program spoke the agent protocol with the seat's pass. It holds
/// until the seat changes hands.
/// </summary>
[GenerateSerializer, Immutable, Alias("diplosim.SeatPlayedByAgent")]
public sealed record SeatPlayedByAgent(string Country, string? Agent) : SessionEvent;

/// <summary>The teacher freed a seat: its token no longer works and the bot plays it.</summary>
[GenerateSerializer, Immutable, Alias("diplosim.SeatFreed")]
public sealed record SeatFreed(string Country) : SessionEvent;

/// <summary>A player left; the bot plays the seat until they return.</summary>
[GenerateSerializer, Immutable, Alias("diplosim.PlayerLeft")]
public sealed record PlayerLeft(string Country) : SessionEvent;

[GenerateSerializer, Immutable, Alias("diplosim.PlayerReturned")]
public sealed record PlayerReturned(string Country) : SessionEvent;

[GenerateSerializer, Immutable, Alias("diplosim.SessionStarted")]
public sealed record SessionStarted(DateTimeOffset Deadline) : SessionEvent;

/// <summary>The clock stopped with <paramref name="Remaining"/> left on the turn.</summary>
[GenerateSerializer, Immutable, Alias("diplosim.SessionPaused")]
public sealed record SessionPaused(TimeSpan Remaining) : SessionEvent;

[GenerateSerializer, Immutable, Alias("diplosim.SessionResumed")]
public sealed record SessionResumed(DateTimeOffset Deadline) : SessionEvent;

/// <param name="Command">The id the teacher's call carried, so that the same call sent again extends once.</param>
/// <param name="By">How much time the turn got (null in logs written before it was recorded).</param>
[GenerateSerializer, Immutable, Alias("diplosim.DeadlineExtended")]
public sealed record DeadlineExtended(DateTimeOffset Deadline, string? Command = null, TimeSpan? By = null) : SessionEvent;

/// <summary>A shock fired by the teacher, to apply when the turn resolves: from the scenario's menu (<paramref name="AdHoc"/> null) or written on the spot.</summary>
[GenerateSerializer, Immutable, Alias("diplosim.InjectFired")]
public sealed record InjectFired(int Turn, string ShockId, ShockData? AdHoc) : SessionEvent;

/// <summary>Why a turn resolved.</summary>
[GenerateSerializer, Alias("diplosim.ResolutionCause")]
public enum ResolutionCause
{
    AllReady,
    Deadline,
    Teacher,
}

/// <summary>
/// A turn resolved. The moves are in the log before it; the bots' moves are not stored but recomputed from the
/// state and <paramref name="BotSeats"/>, and <paramref name="StateHash"/> checks the replay.
/// </summary>
[GenerateSerializer, Immutable, Alias("diplosim.TurnResolved")]
public sealed record TurnResolved(int Turn, ResolutionCause Cause, ImmutableArray<string> BotSeats, string StateHash, DateTimeOffset? NextDeadline) : SessionEvent;

/// <summary>The teacher rolled the session back to the start of <paramref name="ToTurn"/>; the turns after it are undone, the clock is paused.</summary>
/// <param name="Command">The id the teacher's call carried, so that the same call sent again rolls back once.</param>
[GenerateSerializer, Immutable, Alias("diplosim.RolledBack")]
public sealed record RolledBack(int ToTurn, string? Command = null) : SessionEvent;

/// <summary>In the parent: a fork was made at the start of <paramref name="AtTurn"/>.</summary>
/// <param name="Command">The id the teacher's call carried, so that the same call sent again answers with this fork.</param>
[GenerateSerializer, Immutable, Alias("diplosim.ForkedInto")]
public sealed record ForkedInto(string SessionId, int AtTurn, string? Command = null) : SessionEvent;

/// <summary>In the fork: where it came from. The events before it are the parent's, up to that turn.</summary>
[GenerateSerializer, Immutable, Alias("diplosim.ForkedFrom")]
public sealed record ForkedFrom(string SessionId, int AtTurn) : SessionEvent;

[GenerateSerializer, Immutable, Alias("diplosim.SessionEnded")]
public sealed record SessionEnded : SessionEvent;

/// <summary>Whose pass the teacher can replace.</summary>
[GenerateSerializer, Alias("diplosim.PassHolder")]
public enum PassHolder
{
    Teacher,
    Spectator,
}

/// <summary>
/// The teacher replaced a pass: the old one is refused from now on, and every web node drops the connections that
/// held it. It carries no token and changes nothing in the model.
/// </summary>
[GenerateSerializer, Immutable, Alias("diplosim.PassReplaced")]
public sealed record PassReplaced(PassHolder Holder) : SessionEvent;

/// <summary>
/// Never logged: published on a seat's stream when its draft was saved, so that the seat's other pages, on any web node,
/// learn that the plan they show is no longer the one kept (<see cref="DraftSaved"/>). Its entry's sequence is 0.
/// </summary>
[GenerateSerializer, Immutable, Alias("diplosim.SeatDraftSaved")]
public sealed record SeatDraftSaved(string Country, int Turn, long Revision) : SessionEvent;

/// <summary>
/// What the grains publish on the session's and the countries' streams for web nodes to relay. A resolved turn carries
/// what a page needs to draw the new turn without asking: the outcome, the session's status and the relations
/// network, and on a seat's own stream only, that seat's dashboard.
/// </summary>
/// <param name="Outcome">For a resolved turn, its summary.</param>
/// <param name="Status">For a resolved turn, the session's status after it.</param>
/// <param name="Network">For a resolved turn, the relations network after it.</param>
/// <param name="Seat">For a resolved turn on a country's stream, that country's dashboard after it.</param>
[GenerateSerializer, Immutable, Alias("diplosim.SessionUpdate")]
public sealed record SessionUpdate(
    string SessionId, LoggedEvent Entry, TurnSummary? Outcome,
    SessionStatus? Status = null, RelationsMap? Network = null, SeatDashboard? Seat = null);

/// <summary>Stream names: one stream per session for everything public, one per country for its private messages.</summary>
public static class SessionStreams
{
    /// <summary>
    /// The stream provider's name. It must differ from every grain storage's name: Orleans keeps a stream provider's
    /// subscriptions in the grain storage of the same name when there is one, and only otherwise in <c>PubSubStore</c>.
    /// When it was <c>diplosim</c>, like the sessions' storage, subscriptions went to SQLite and outlived the process,
    /// and the first push after a restart went to the consumers of the process before.
    /// </summary>
    public const string Provider = "diplosim-streams";
    public const string SessionNamespace = "diplosim.session";
    public const string CountryNamespace = "diplosim.country";

    public static string CountryKey(string sessionId, string country) => $"{sessionId}/{country}";
}
