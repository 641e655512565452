using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace DiploSim.Contracts;

/// <summary>Where a session is in its life.</summary>
[GenerateSerializer, Alias("diplosim.SessionPhase")]
public enum SessionPhase
{
    /// <summary>Created; players join, nothing resolves.</summary>
    Lobby,
    /// <summary>Turns open and resolve.</summary>
    Running,
    /// <summary>The clock is stopped; moves may still be drafted but nothing resolves.</summary>
    Paused,
    /// <summary>Over; only reading and export.</summary>
    Ended,
}

/// <summary>Who may talk to whom.</summary>
[GenerateSerializer, Alias("diplosim.PressRules")]
public enum PressRules
{
    /// <summary>Private messages between countries and public statements to all.</summary>
    Open,
    /// <summary>Only messages to everyone.</summary>
    PublicOnly,
    /// <summary>No messages ("gunboat").</summary>
    None,
}

/// <summary>A session's settings, chosen by the teacher at creation.</summary>
/// <param name="TurnDuration">How long a turn stays open before it resolves on its own.</param>
/// <param name="HumanSeats">Countries open to players; every other seat, and any open seat without a present player, is played by the bot.</param>
/// <param name="Press">Press rules.</param>
/// <param name="NegotiationRounds">
/// Rounds of messages that precede the moves of each turn for the seats programs play (docs/agents.md): in each, every
/// agent seat observes and answers with messages only. People message freely throughout.
/// </param>
[GenerateSerializer, Immutable, Alias("diplosim.SessionOptions")]
public sealed record SessionOptions(TimeSpan TurnDuration, ImmutableArray<string> HumanSeats, PressRules Press = PressRules.Open, int NegotiationRounds = 0)
{
    public static SessionOptions AllBots(TimeSpan turnDuration) => new(turnDuration, []);
}

/// <summary>What the teacher asks for when creating a session.</summary>
[GenerateSerializer, Immutable, Alias("diplosim.CreateSession")]
public sealed record CreateSession(string ScenarioId, ulong Seed, SessionOptions Options);

/// <summary>
/// What the teacher gets back: the session, the code players join with, the token for teacher controls and the
/// classroom screen's token. The session keeps only digests of tokens, so <see cref="SpectatorToken"/> is null when
/// the teacher's token was replaced (the screen's token, not being new, cannot be handed out again).
/// </summary>
[GenerateSerializer, Immutable, Alias("diplosim.SessionTicket")]
public sealed record SessionTicket(string SessionId, string JoinCode, string TeacherToken, string? SpectatorToken);

/// <summary>A player's hold on a seat: the token every player call carries.</summary>
[GenerateSerializer, Immutable, Alias("diplosim.SeatTicket")]
public sealed record SeatTicket(string SessionId, string Country, string Token);

/// <summary>
/// The answer to a command: accepted, or refused with a reason and nothing changed. <paramref name="Note"/> says what
/// happened when the command had been done already, by an earlier copy of the same call whose answer was lost
/// ("turn 6 was already resolved"): accepted, and nothing done twice.
/// </summary>
[GenerateSerializer, Immutable, Alias("diplosim.Receipt")]
public sealed record Receipt(string? Refusal, string? Note = null)
{
    public static readonly Receipt Accepted = new((string?)null);

    [JsonIgnore]
    public bool IsAccepted => Refusal is null;

    public static Receipt Refused(string reason) => new(reason);

    /// <summary>Accepted without doing anything: the command had been done already, as <paramref name="note"/> says.</summary>
    public static Receipt Done(string note) => new(null, note);
}

/// <summary>A fork's teacher and classroom screen tokens, as its parent derived them from the teacher's call.</summary>
[GenerateSerializer, Immutable, Alias("diplosim.ForkTokens")]
public sealed record ForkTokens(string Teacher, string Spectator);

/// <summary>The answer to a command that returns a value.</summary>
[GenerateSerializer, Immutable, Alias("diplosim.Reply`1")]
public sealed record Reply<T>(T? Value, string? Refusal)
{
    [JsonIgnore]
    public bool IsAccepted => Refusal is null;

    public static Reply<T> Ok(T value) => new(value, null);

    public static Reply<T> Refused(string reason) => new(default, reason);
}

/// <summary>One country's seat as the console shows it (never its token).</summary>
/// <param name="OpenToPlayers">Whether the teacher opened it to players.</param>
/// <param name="Player">The player holding it, if any.</param>
/// <param name="Present">False while its player has left; the bot plays it meanwhile.</param>
/// <param name="BotPlaying">Whether the bot will play it if the turn resolved now.</param>
/// <param name="Ready">Whether its player marked this turn ready.</param>
/// <param name="Submitted">Whether its player has moves in for this turn.</param>
/// <param name="Agent">The program playing it (docs/agents.md), or null when a person plays it or nobody holds it.</param>
[GenerateSerializer, Immutable, Alias("diplosim.SeatView")]
public sealed record SeatView(string Country, bool OpenToPlayers, string? Player, bool Present, bool BotPlaying, bool Ready, bool Submitted, SeatAgent? Agent = null);

/// <summary>A program playing a seat over the agent protocol.</summary>
/// <param name="Name">The operator's name for an agent the server runs (handed the seat by the teacher); null for a remote program playing over HTTP with the seat's pass.</param>
[GenerateSerializer, Immutable, Alias("diplosim.SeatAgent")]
public sealed record SeatAgent(string? Name);

/// <summary>A session at a glance: the teacher's console header and the lobby's entry.</summary>
/// <param name="ReadOnly">
/// Why the session can be read and exported but not played on (its log no longer replays under this server's model),
/// or null when it can be played.
/// </param>
/// <param name="NegotiationRounds">The session's negotiation rounds a turn (<see cref="SessionOptions.NegotiationRounds"/>).</param>
/// <param name="Round">
/// The open turn's round: below <paramref name="NegotiationRounds"/> a negotiation round, which closes once every agent
/// seat has answered it; equal to it, the move round.
/// </param>
/// <param name="TurnOpenedAt">
/// The log's length when the open turn opened: a turn the teacher rolled back to opens again at a later length, so a
/// plan saved in it before the rollback is told from one saved since.
/// </param>
[GenerateSerializer, Immutable, Alias("diplosim.SessionStatus")]
public sealed record SessionStatus(
    string SessionId,
    string ScenarioId,
    ulong Seed,
    string JoinCode,
    SessionPhase Phase,
    int Turn,
    string Date,
    DateTimeOffset? Deadline,
    string StateHash,
    ImmutableArray<SeatView> Seats,
    string? ForkedFrom,
    int LogLength,
    string? ReadOnly = null,
    int NegotiationRounds = 0,
    int Round = 0,
    int TurnOpenedAt = 0);

/// <summary>Whose token a <see cref="Credential"/> carries.</summary>
[GenerateSerializer, Alias("diplosim.TokenHolder")]
public enum TokenHolder
{
    Teacher,
    Spectator,
    Seat,
}

/// <summary>A token and whose it claims to be (for a seat, the seat's country), for the session to check.</summary>
[GenerateSerializer, Immutable, Alias("diplosim.Credential")]
public sealed record Credential(TokenHolder Holder, string? Country, string Token);

/// <summary>
/// What a page lacks, read in one call: the status, the turns from <see cref="HistoryFrom"/> on, the log after the
/// page's last event and the relations; for a seat's reader, also the seat's dashboard. <see cref="HistoryFrom"/> is 0
/// when the page's copy of the history was no longer this session's (after a rollback), and the whole history comes back.
/// </summary>
[GenerateSerializer, Immutable, Alias("diplosim.SessionSlice")]
public sealed record SessionSlice(
    SessionStatus Status,
    ImmutableArray<TurnSummary> History,
    int HistoryFrom,
    ImmutableArray<LoggedEvent> Log,
    RelationsMap Relations,
    SeatDashboard? Seat);

/// <summary>
/// What a web node's relay missed of a session, read in one call when its stream did not bring it: the log after what
/// the node relayed, seat tokens redacted but private messages' texts kept (the relay sends each text only to its two
/// countries' channels), the summaries of the turns resolved in it, and the session as it stands now (its status, the
/// relations network and the dashboards of the seats asked for), which the relay sends with the last resolved turn when
/// nothing has been resolved since, as the stream would have.
/// </summary>
/// <param name="Seats">The dashboards of the seats asked for that someone holds, when the log holds a resolved turn.</param>
[GenerateSerializer, Immutable, Alias("diplosim.MissedUpdates")]
public sealed record MissedUpdates(
    ImmutableArray<LoggedEvent> Log,
    ImmutableArray<TurnSummary> History,
    SessionStatus Status,
    RelationsMap Network,
    ImmutableArray<SeatDashboard> Seats);

/// <summary>A session in the lobby's list.</summary>
[GenerateSerializer, Immutable, Alias("diplosim.SessionListing")]
public sealed record SessionListing(string SessionId, string ScenarioId, string JoinCode, SessionPhase Phase, string? ForkedFrom);

/// <summary>A scenario in the catalog, for the teacher's "new session" page.</summary>
[GenerateSerializer, Immutable, Alias("diplosim.ScenarioListing")]
public sealed record ScenarioListing(string Id, string Title, string Summary, int Turns, ImmutableArray<string> Countries, ImmutableArray<string> Injects);
