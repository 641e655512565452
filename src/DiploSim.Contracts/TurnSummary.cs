using System.Collections.Immutable;
using DiploSim.Core;

namespace DiploSim.Contracts;

/// <summary>What one turn did, as broadcast to players, the teacher's console and the projector (Core's <c>TurnOutcome</c>).</summary>
[GenerateSerializer, Immutable, Alias("diplosim.TurnSummary")]
public sealed record TurnSummary(
    int Turn,
    string Date,
    string StateHash,
    ImmutableArray<MoveVerdict> Moves,
    ImmutableArray<ShockNote> Shocks,
    ImmutableArray<NewsReport> News,
    ImmutableArray<IndicatorShift> Changes,
    ImmutableArray<ScoreLine> Scores,
    ImmutableArray<SigningNote> Signed,
    ImmutableArray<BreachNote> Breaches)
{
    public static TurnSummary From(TurnOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return new(
            outcome.Turn,
            outcome.Date,
            outcome.StateHash,
            [.. outcome.Moves.Select(m => new MoveVerdict(MoveMapping.FromCore(m.Move), m.Move.Describe(), m.Accepted, m.Cost, m.Reason))],
            [.. outcome.Shocks.Select(s => new ShockNote(s.Id, s.Headline, s.Notes))],
            [.. outcome.News.Select(n => new NewsReport(n.Turn, n.Headline, n.Body, n.Actors, n.Category))],
            [.. outcome.Changes.Select(c => new IndicatorShift(c.Subject, c.Indicator, c.Before, c.After))],
            [.. outcome.Scores.Select(s => new ScoreLine(s.Actor, s.Scores.Prosperity, s.Scores.Security, s.Scores.EnergySecurity, s.Scores.Autonomy, s.Scores.Influence, s.Scores.Goals, s.Scores.Utility))],
            [.. outcome.Signed.Select(a => new SigningNote(a.Agreement, a.Kind.ToString(), a.Parties))],
            [.. outcome.Breaches.Select(b => new BreachNote(b.Agreement, b.Kind.ToString(), b.Breacher, b.Parties))]);
    }
}

[GenerateSerializer, Immutable, Alias("diplosim.MoveVerdict")]
public sealed record MoveVerdict(MoveOrder Move, string Description, bool Accepted, int Cost, string? Reason);

[GenerateSerializer, Immutable, Alias("diplosim.ShockNote")]
public sealed record ShockNote(string Id, string Headline, ImmutableArray<string> Notes);

[GenerateSerializer, Immutable, Alias("diplosim.NewsReport")]
public sealed record NewsReport(int Turn, string Headline, string Body, ImmutableArray<string> Actors, string Category);

[GenerateSerializer, Immutable, Alias("diplosim.IndicatorShift")]
public sealed record IndicatorShift(string Subject, string Indicator, double Before, double After);

[GenerateSerializer, Immutable, Alias("diplosim.ScoreLine")]
public sealed record ScoreLine(string Actor, double Prosperity, double Security, double EnergySecurity, double Autonomy, double Influence, double Goals, double Utility);

/// <summary>An agreement that entered into force in the turn; <see cref="Kind"/> is Core's <c>AgreementKind</c> by name.</summary>
[GenerateSerializer, Immutable, Alias("diplosim.SigningNote")]
public sealed record SigningNote(string Agreement, string Kind, ImmutableArray<string> Parties);

/// <summary>A party found breaking an agreement's terms in the turn (its partners' trust in it fell); <see cref="Kind"/> is Core's <c>AgreementKind</c> by name.</summary>
[GenerateSerializer, Immutable, Alias("diplosim.BreachNote")]
public sealed record BreachNote(string Agreement, string Kind, string Breacher, ImmutableArray<string> Parties);
