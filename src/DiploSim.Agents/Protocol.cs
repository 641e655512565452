using System.Collections.Immutable;
using DiploSim.Contracts;

namespace DiploSim.Agents;

/// <summary>
/// The agent protocol's documents. Every document is one JSON object on one line, with its <c>type</c> and the
/// protocol's version; DiploSim writes <see cref="NewGame"/>, <see cref="Observation"/> and <see cref="GameOver"/>, an
/// agent answers each observation with one <see cref="AgentAction"/>. docs/agents.md describes them; the JSON Schemas in
/// schemas/agents are generated from these records.
/// </summary>
public static class AgentProtocol
{
    /// <summary>The protocol's name and version. A change that an agent of this version could not read gets a new version.</summary>
    public const string Version = "diplosim-agent/1";

    public const string NewGameType = "newGame";
    public const string ObservationType = "observation";
    public const string ActionType = "action";
    public const string GameOverType = "gameOver";

    /// <summary>A round in which only messages count.</summary>
    public const string Negotiate = "negotiate";

    /// <summary>The last decision of a turn: moves, answers to proposals and messages.</summary>
    public const string Move = "move";
}

/// <summary>A game starts: the seat, the seed and the game's shape. An agent answers nothing.</summary>
/// <param name="Game">The game's id: a batch run (<c>run-17</c>) or a live session.</param>
/// <param name="Seed">The game's seed, as decimal digits (seeds go up to 2^64 − 1, beyond a double's exact integers).</param>
/// <param name="Turns">Turns the game is meant to last (a live session may end earlier).</param>
/// <param name="Rounds">Negotiation rounds before the moves of each turn.</param>
/// <param name="Actors">Every actor's id, in ordinal order.</param>
public sealed record NewGame(
    string Protocol,
    string Type,
    string Game,
    string Seat,
    string Seed,
    string Scenario,
    int Turns,
    int Rounds,
    ImmutableArray<string> Actors);

/// <summary>What a seat sees when it must decide: its own dashboard, what is public, what was said to it, the last turn's outcome, what it may do.</summary>
/// <param name="Decision">The decision's number in this game; the action must carry it back.</param>
/// <param name="Round">0 to <paramref name="Rounds"/>: rounds below <paramref name="Rounds"/> are negotiation rounds, the last is the move round.</param>
/// <param name="Phase"><c>negotiate</c> (only messages count) or <c>move</c>.</param>
/// <param name="DeadlineMs">Milliseconds the seat has to answer; a later answer is a pass.</param>
/// <param name="Deadline">In a live session, the turn's deadline by the server's clock; null in batches.</param>
/// <param name="View">The seat's own country: indicators, relations, the proposals involving it.</param>
/// <param name="Ledger">The seat's own trade lines, energy account, arms suppliers, deliveries and agreements.</param>
/// <param name="World">What every seat knows.</param>
/// <param name="Proposals">Proposals waiting for this seat's answer.</param>
/// <param name="Messages">Messages to this seat (or to everyone) since its last decision.</param>
/// <param name="Refusals">What of this seat's previous action was refused, and why.</param>
/// <param name="LastOutcome">The last resolved turn as every player sees it; null before the first.</param>
/// <param name="MoveKinds">The move catalogue: each kind's fields and political-capital cost.</param>
/// <param name="Limits">What one action may hold.</param>
public sealed record Observation(
    string Protocol,
    string Type,
    string Game,
    string Seat,
    long Decision,
    int Turn,
    string Date,
    int Round,
    int Rounds,
    string Phase,
    int DeadlineMs,
    DateTimeOffset? Deadline,
    CountryView View,
    CountryLedger Ledger,
    PublicWorld World,
    ImmutableArray<ProposalView> Proposals,
    ImmutableArray<AgentMessage> Messages,
    ImmutableArray<string> Refusals,
    TurnSummary? LastOutcome,
    ImmutableArray<MoveKindSpec> MoveKinds,
    ActionLimits Limits);

/// <summary>The public picture of the world.</summary>
/// <param name="OilPrice">USD/bbl.</param>
/// <param name="Tension">Global tension, 0–100.</param>
/// <param name="DollarShare">The dollar's share of settlement, 0–1.</param>
/// <param name="Network">Every actor with its GDP, every pair's trust both ways, trade and tariffs in force both ways, and the tariffs announced.</param>
/// <param name="Agreements">Agreements in force, with their parties.</param>
/// <param name="Routes">
/// The routes a connectivity corridor can follow, by name: a corridor's parties must all be on one. Empty when the
/// scenario names none, and a corridor may then link any partners.
/// </param>
public sealed record PublicWorld(
    double OilPrice,
    double Tension,
    double DollarShare,
    RelationsMap Network,
    ImmutableArray<PublicAgreement> Agreements,
    ImmutableArray<PublicRoute> Routes);

/// <summary>An agreement in force.</summary>
public sealed record PublicAgreement(string Id, string Kind, ImmutableArray<string> Parties, int SignedTurn);

/// <summary>A route a connectivity corridor can follow, and the actors it links.</summary>
public sealed record PublicRoute(string Name, ImmutableArray<string> Parties);

/// <summary>A message between seats.</summary>
/// <param name="To">The seat it was sent to, or null when it was sent to everyone.</param>
/// <param name="Round">The negotiation round it was sent in (the move round's number for messages sent with moves).</param>
public sealed record AgentMessage(int Turn, int Round, string From, string? To, string Text);

/// <summary>A move kind of the catalogue.</summary>
/// <param name="Kind">A name of Core's <c>MoveKind</c>, the move's <c>kind</c>.</param>
/// <param name="Fields">The fields the kind reads; the rest are ignored.</param>
/// <param name="MinCost">The least political capital a move of this kind costs.</param>
/// <param name="MaxCost">The most it costs (more for harsher sanctions, group summits, cancelled deliveries).</param>
public sealed record MoveKindSpec(string Kind, ImmutableArray<MoveFieldSpec> Fields, int MinCost, int MaxCost);

/// <summary>One field of a move kind.</summary>
/// <param name="Type"><c>string</c>, <c>number</c>, <c>integer</c>, <c>boolean</c>, <c>actors</c> (a list of actor ids) or <c>terms</c>.</param>
/// <param name="Values">For a name, the names it takes.</param>
public sealed record MoveFieldSpec(string Name, string Type, bool Required, ImmutableArray<string> Values);

/// <summary>What one action may hold.</summary>
/// <param name="Capital">The seat's political capital this turn: moves beyond it are refused.</param>
public sealed record ActionLimits(int Capital, int MaxMoves, int MaxMessages, int MaxMessageLength, int MaxActionBytes);

/// <summary>A seat's answer to an observation.</summary>
public sealed record AgentAction
{
    /// <summary>Always <c>action</c>.</summary>
    public required string Type { get; init; }

    /// <summary>The observation's <c>decision</c>; an action for another decision is ignored.</summary>
    public required long Decision { get; init; }

    /// <summary>The protocol the agent speaks, if it says; another version than the game's is refused.</summary>
    public string? Protocol { get; init; }

    /// <summary>Moves (the move round only), as the web client writes them; <c>actor</c> may be left out.</summary>
    public ImmutableArray<MoveOrder> Moves { get; init; } = [];

    /// <summary>Answers to proposals (the move round only): the same as <c>AnswerProposal</c> moves.</summary>
    public ImmutableArray<ProposalAnswer> Answers { get; init; } = [];

    /// <summary>Messages to other seats (any round).</summary>
    public ImmutableArray<OutgoingMessage> Messages { get; init; } = [];
}

/// <summary>Accept or reject a proposal.</summary>
public sealed record ProposalAnswer(string ProposalId, bool Accept);

/// <summary>A message to send.</summary>
public sealed record OutgoingMessage
{
    /// <summary>A seat, or null (or left out) for every seat.</summary>
    public string? To { get; init; }

    public required string Text { get; init; }
}

/// <summary>A game ended. An agent answers nothing; the next document is a new game or the end of input.</summary>
/// <param name="Turns">Turns played.</param>
/// <param name="Scores">Every actor's final score card.</param>
public sealed record GameOver(string Protocol, string Type, string Game, string Seat, int Turns, string StateHash, ImmutableArray<ScoreLine> Scores);
