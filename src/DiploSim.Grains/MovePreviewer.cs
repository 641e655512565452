using System.Collections.Immutable;
using DiploSim.Contracts;
using DiploSim.Core;
using DiploSim.Core.State;

namespace DiploSim.Grains;

/// <summary>
/// The model's preview of a move before it is committed: validate it against the state at the start of the turn, then
/// resolve the turn ahead twice through Core — with only this move and with no move at all, no shocks, no bots — and
/// compare the mover's indicators. What the others do is unknown, so this is the move's direct effect, not a forecast.
/// Pure: the same state and move always give the same preview.
/// </summary>
public static class MovePreviewer
{
    public static MovePreview Preview(WorldState state, string country, MoveOrder order)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(order);
        if (!state.Has(country))
        {
            return MovePreview.Invalid($"unknown actor '{country}'");
        }

        var capital = state.Actor(country).Capital;
        var read = MoveMapping.ToCore(order, country);
        if (read.Value is not { } move)
        {
            return MovePreview.Invalid(read.Error ?? "malformed move", capital: capital);
        }

        return Preview(state, move) with { Capital = capital };
    }

    /// <summary>The preview of a Core move of <see cref="Move.Actor"/>.</summary>
    public static MovePreview Preview(WorldState state, Move move)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(move);
        var cost = MoveRules.Cost(move);
        if (MoveRules.Validate(state, move) is { } reason)
        {
            return MovePreview.Invalid(reason, cost, state.Has(move.Actor) ? state.Actor(move.Actor).Capital : 0);
        }

        var capital = state.Actor(move.Actor).Capital;
        var without = TurnResolver.Resolve(state, [], [], ResolveOptions.Lookahead).State;
        var with = TurnResolver.Resolve(state, [], [move], ResolveOptions.Lookahead).State;
        var target = TargetOf(state, move);

        var a0 = without.Actor(move.Actor);
        var a1 = with.Actor(move.Actor);
        var effects = ImmutableArray.CreateBuilder<IndicatorEffect>();
        effects.Add(new("gdp", a0.Gdp, a1.Gdp));
        effects.Add(new("stability", a0.Stability, a1.Stability));
        effects.Add(new("utility", a0.Scores.Utility, a1.Scores.Utility));
        effects.Add(new("prosperity", a0.Scores.Prosperity, a1.Scores.Prosperity));
        effects.Add(new("security", a0.Scores.Security, a1.Scores.Security));
        effects.Add(new("energySecurity", a0.Scores.EnergySecurity, a1.Scores.EnergySecurity));
        effects.Add(new("autonomy", a0.Scores.Autonomy, a1.Scores.Autonomy));
        effects.Add(new("influence", a0.Scores.Influence, a1.Scores.Influence));
        effects.Add(new("goals", a0.Scores.Goals, a1.Scores.Goals));
        if (target is not null)
        {
            effects.Add(new("trustOfTarget", without.Relation(target, move.Actor).Trust, with.Relation(target, move.Actor).Trust));
            effects.Add(new("tradeWithTarget", without.BilateralTrade(move.Actor, target), with.BilateralTrade(move.Actor, target)));
        }

        return new MovePreview(move.Describe(), cost, capital, target, effects.ToImmutable(), null);
    }

    /// <summary>The one other actor a move is about, if there is one: its target, seller, partner, proposer or counterpart.</summary>
    public static string? TargetOf(WorldState state, Move move)
    {
        ArgumentNullException.ThrowIfNull(state);
        var target = move switch
        {
            SetTariff m => m.Target,
            SetSanction m => m.Target,
            ThreatenSecondarySanctions m => m.Target,
            ProposeAgreement m => m.Partners.FirstOrDefault(),
            AnswerProposal m => state.Proposals.FirstOrDefault(p => p.Id == m.ProposalId)?.Proposer,
            CounterProposal m => state.Proposals.FirstOrDefault(p => p.Id == m.ProposalId)?.Proposer,
            WithdrawFromAgreement m => state.Agreements.FirstOrDefault(g => g.Id == m.AgreementId)?.Parties.FirstOrDefault(p => p != m.Actor),
            OrderArms m => m.Seller,
            DecideDelivery m => state.Deliveries.FirstOrDefault(d => d.Id == m.DeliveryId)?.Buyer,
            BuyDiscountedCrude m => m.Seller,
            HoldSummit m => m.Partners.FirstOrDefault(),
            MakeStatement m => m.About,
            Diversify m => m.AwayFrom,
            GiveAid m => m.Recipient,
            _ => null,
        };
        return target is not null && target != move.Actor && state.Has(target) ? target : null;
    }
}
