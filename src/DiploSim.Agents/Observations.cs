using System.Collections.Immutable;
using DiploSim.Contracts;
using DiploSim.Core;
using DiploSim.Core.State;

namespace DiploSim.Agents;

/// <summary>
/// Writes a seat's observation from the world at the start of a turn. It holds the seat's own dashboard and what every
/// seat may see (the network of relations, agreements in force, the last turn's outcome as the news shows it), never
/// another seat's ledger, capital or proposals that do not involve it. Batches and live sessions write it alike: the
/// round says the phase (<see cref="Phase"/>), the last outcome comes with a turn's first round only, and a seat reads
/// the messages addressed to it or to everyone (<see cref="Reaches"/>).
/// </summary>
public static class Observations
{
    /// <summary><c>negotiate</c> for rounds below <paramref name="rounds"/>, <c>move</c> for the last.</summary>
    public static string Phase(int round, int rounds) => round < rounds ? AgentProtocol.Negotiate : AgentProtocol.Move;

    /// <summary>Whether <paramref name="seat"/> reads <paramref name="message"/>: one from another seat, to it or to everyone.</summary>
    public static bool Reaches(AgentMessage message, string seat)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.From != seat && (message.To is null || message.To == seat);
    }

    public static Observation For(
        WorldState world,
        string seat,
        string game,
        long decision,
        int round,
        AgentOptions options,
        ImmutableArray<AgentMessage> messages,
        ImmutableArray<string> refusals,
        TurnSummary? lastOutcome,
        DateTimeOffset? deadline = null)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(options);
        var view = DashboardViews.View(world, seat, botPlaying: false, draft: []);
        var actor = world.Actor(seat);
        return new Observation(
            AgentProtocol.Version,
            AgentProtocol.ObservationType,
            game,
            seat,
            decision,
            world.Turn,
            world.Date,
            round,
            options.Rounds,
            Phase(round, options.Rounds),
            (int)options.Timeout.TotalMilliseconds,
            deadline,
            view,
            DashboardViews.Ledger(world, seat),
            new PublicWorld(
                world.Global.OilPrice,
                world.Global.Tension,
                world.Global.DollarShare,
                DashboardViews.Network(world),
                [.. world.Agreements.Where(a => a.InForce).OrderBy(a => a.Id, StringComparer.Ordinal)
                    .Select(a => new PublicAgreement(a.Id, a.Kind.ToString(), a.Parties, a.SignedTurn))],
                [.. world.Global.Routes.Select(r => new PublicRoute(r.Name, r.Parties))]),
            [.. view.Proposals.Where(p => p.Proposer != seat && !p.AcceptedBy.Contains(seat))],
            messages.IsDefault ? [] : messages,
            refusals.IsDefault ? [] : refusals,
            round == 0 ? lastOutcome : null,
            MoveCatalogue.Kinds,
            new ActionLimits(actor.Capital, options.MaxMoves, options.MaxMessages, options.MaxMessageLength, options.MaxActionBytes));
    }
}
