using System.Collections.Immutable;
using DiploSim.Core.State;

namespace DiploSim.Core;

/// <summary>
/// What one turn did: moves accepted and rejected, shocks, news, every indicator that changed, scores, the new state's
/// hash, and the agreements that entered into force or were broken (as records, so that a summary never reads the news's words).
/// </summary>
/// <param name="Turn">The turn that was resolved (0 is the first).</param>
/// <param name="Date">Its calendar label, e.g. <c>2025-Q4</c>.</param>
/// <param name="Signed">Agreements that entered into force this turn, in the order they did.</param>
/// <param name="Breaches">Agreements a party was found breaking this turn, in the order the agreements are kept.</param>
public sealed record TurnOutcome(
    int Turn,
    string Date,
    ImmutableArray<MoveResult> Moves,
    ImmutableArray<ShockReport> Shocks,
    ImmutableArray<NewsItem> News,
    ImmutableArray<IndicatorChange> Changes,
    ImmutableArray<ActorScore> Scores,
    string StateHash,
    ImmutableArray<AgreementSigned> Signed,
    ImmutableArray<AgreementBreach> Breaches);

/// <summary>An agreement that entered into force: its id, kind and parties.</summary>
public readonly record struct AgreementSigned(string Agreement, AgreementKind Kind, ImmutableArray<string> Parties);

/// <summary>A party found breaking an agreement's terms: each of its partners' trust in <see cref="Breacher"/> fell.</summary>
public readonly record struct AgreementBreach(string Agreement, AgreementKind Kind, string Breacher, ImmutableArray<string> Parties);

/// <summary>A move and whether it was accepted; a rejected move carries the reason.</summary>
public readonly record struct MoveResult(Move Move, bool Accepted, int Cost, string? Reason);

/// <summary>A shock that applied this turn and what of it could not apply.</summary>
public sealed record ShockReport(string Id, string Headline, ImmutableArray<string> Notes);

/// <summary>A news item, written so a student understands what happened and why.</summary>
public readonly record struct NewsItem(int Turn, string Headline, string Body, ImmutableArray<string> Actors, string Category);

/// <summary>An indicator that changed: <c>gdp</c> of <c>IND</c>, <c>trade</c> of <c>IND-RUS</c>, <c>oilPrice</c> of the world.</summary>
public readonly record struct IndicatorChange(string Subject, string Indicator, double Before, double After);

/// <summary>An actor's score card after a turn.</summary>
public readonly record struct ActorScore(string Actor, ScoreCard Scores);

/// <summary>The next state and the outcome of a turn.</summary>
public sealed record TurnResult(WorldState State, TurnOutcome Outcome);

/// <summary>How much the resolver writes; bots' look-ahead skips the hash and the news.</summary>
public sealed record ResolveOptions(bool ComputeHash, bool WriteNews)
{
    public static readonly ResolveOptions Full = new(true, true);
    public static readonly ResolveOptions Lookahead = new(false, false);
}
