using System.Buffers;
using DiploSim.Core.State;

namespace DiploSim.Core.Resolution;

/// <summary>
/// Phase 9: each actor's utility = Σ weight × component (each 0–100) + goals weight × closeness to its
/// relationship goals. Components: prosperity (GDP against its baseline path), security (capability and the
/// reliability of arms supply), energy security (import cost and supplier concentration), autonomy
/// (1 − concentration of dependence across trade, arms, energy and payments) and influence (others' trust,
/// weighted by their power, and bloc standing).
/// </summary>
internal static class ScoringPhase
{
    /// <summary>Scores every actor, or only the one at <paramref name="only"/> (a bot's look for it; the others keep theirs).</summary>
    public static void Apply(WorldDraft draft, int? only = null)
    {
        using var totals = new Totals(draft);
        var (first, last) = only is { } one ? (one, one) : (0, draft.N - 1);
        for (var a = first; a <= last; a++)
        {
            draft.SetScores(a, Score(draft, totals, a));
        }
    }

    /// <summary>Quantities every actor's scores read, computed once per turn, in arrays rented from the shared pool.</summary>
    private sealed class Totals : IDisposable
    {
        public Totals(WorldDraft draft)
        {
            var n = draft.N;
            Exports = ArrayPool<double>.Shared.Rent(n * n);
            Severity = ArrayPool<double>.Shared.Rent(n);
            for (var a = 0; a < n; a++)
            {
                Severity[a] = DefencePhase.TechnologySanctionSeverity(draft, a);
                for (var b = 0; b < n; b++)
                {
                    Exports[(a * n) + b] = a == b ? 0 : draft.Rel(a, b).TotalExports;
                }
            }
        }

        /// <summary>Total exports from a to b, <c>[a * n + b]</c>.</summary>
        public double[] Exports { get; }

        /// <summary>How hard technology sanctions bite on each actor, 0–1.</summary>
        public double[] Severity { get; }

        public void Dispose()
        {
            ArrayPool<double>.Shared.Return(Exports);
            ArrayPool<double>.Shared.Return(Severity);
        }
    }

    private static ScoreCard Score(WorldDraft draft, Totals totals, int a)
    {
        var actor = draft.Actors[a];
        var prosperity = Clamp(50 + (500 * Math.Log(actor.Gdp / actor.BaselineGdp)));
        var security = Security(draft, totals, a);
        var energy = EnergySecurity(draft, a);
        var autonomy = Autonomy(draft, totals, a);
        var influence = Influence(draft, a);
        var goals = Goals(draft, totals, a);
        var w = actor.Interests;
        var utility = (w.Prosperity * prosperity) + (w.Security * security) + (w.EnergySecurity * energy)
            + (w.Autonomy * autonomy) + (w.Influence * influence) + (w.GoalsWeight * goals);
        return new ScoreCard(prosperity, security, energy, autonomy, influence, goals, utility);
    }

    private static double Clamp(double x) => double.IsFinite(x) ? Math.Clamp(x, 0, 100) : 0;

    private static double Security(WorldDraft draft, Totals totals, int a)
    {
        var actor = draft.Actors[a];
        var capability = Math.Min(100, 50 * actor.MilitaryCapability / Math.Max(1, actor.Reference.MilitaryCapability));

        // Reliability: arms from suppliers under technology sanctions, or running late, are at risk.
        var risk = 0.0;
        var share = 0.0;
        for (var b = 0; b < draft.N; b++)
        {
            if (b != a)
            {
                var s = draft.Rel(a, b).ArmsShare;
                share += s;
                risk += s * 0.5 * totals.Severity[b];
            }
        }

        double pending = 0, late = 0;
        foreach (var d in draft.Deliveries)
        {
            if (d.Buyer == actor.Id)
            {
                pending += d.Value;
                late += d.Status == DeliveryStatus.Delayed ? d.Value : 0;
            }
        }

        var reliability = 100 * (1 - (share > 0 ? risk / share : 0)) * (1 - (pending > 0 ? 0.5 * late / pending : 0));
        var logistics = 0.0;
        foreach (var g in draft.Agreements)
        {
            if (g.InForce && g.Kind == AgreementKind.Logistics && g.Parties.Contains(actor.Id))
            {
                logistics += 5;
            }
        }

        return Clamp((0.6 * capability) + (0.4 * reliability) + logistics);
    }

    private static double EnergySecurity(WorldDraft draft, int a)
    {
        var actor = draft.Actors[a];
        var nuclear = 0.0;
        foreach (var g in draft.Agreements)
        {
            if (g.InForce && g.Kind == AgreementKind.CivilNuclear && g.Parties.Contains(actor.Id))
            {
                nuclear += 8 * g.Progress;
            }
        }

        if (actor.NetOilImports <= 0)
        {
            // An exporter's energy security is its market: revenue against turn 0, and how many buyers.
            double exports = 0, hhi = 0;
            for (var b = 0; b < draft.N; b++)
            {
                exports += b != a ? draft.Rel(a, b).Exports[(int)Sector.Energy] : 0;
            }

            for (var b = 0; b < draft.N; b++)
            {
                if (b != a && exports > 0)
                {
                    var s = draft.Rel(a, b).Exports[(int)Sector.Energy] / exports;
                    hhi += s * s;
                }
            }

            var revenue = actor.Reference.EnergyExports > 0 ? exports / actor.Reference.EnergyExports : 1;
            return Clamp((70 * Math.Min(1.3, revenue)) + (30 * (1 - hhi)) - 10 + nuclear);
        }

        var bill = actor.Economy.EnergyBill / actor.Gdp;
        double imports = 0, concentration = 0;
        for (var b = 0; b < draft.N; b++)
        {
            imports += b != a ? draft.Rel(b, a).Exports[(int)Sector.Energy] : 0;
        }

        for (var b = 0; b < draft.N; b++)
        {
            if (b != a && imports > 0)
            {
                var s = draft.Rel(b, a).Exports[(int)Sector.Energy] / imports;
                concentration += s * s;
            }
        }

        return Clamp(100 - (1500 * bill) - (40 * concentration) + nuclear);
    }

    private static double Autonomy(WorldDraft draft, Totals totals, int a)
    {
        var n = draft.N;
        double exports = 0, imports = 0, energy = 0, arms = 0, usd = 0, weight = 0;
        for (var b = 0; b < draft.N; b++)
        {
            if (b == a)
            {
                continue;
            }

            exports += totals.Exports[(a * n) + b];
            imports += totals.Exports[(b * n) + a];
            energy += draft.Rel(b, a).Exports[(int)Sector.Energy];
            arms += draft.Rel(a, b).ArmsShare;
        }

        double hx = 0, hm = 0, he = 0, ha = 0;
        for (var b = 0; b < draft.N; b++)
        {
            if (b == a)
            {
                continue;
            }

            var x = totals.Exports[(a * n) + b];
            var m = totals.Exports[(b * n) + a];
            hx += Sq(exports > 0 ? x / exports : 0);
            hm += Sq(imports > 0 ? m / imports : 0);
            he += Sq(energy > 0 ? draft.Rel(b, a).Exports[(int)Sector.Energy] / energy : 0);
            ha += Sq(draft.Rel(a, b).ArmsShare);
            var trade = x + m;
            usd += TradePhase.UsdExposure(draft, a, b) * trade;
            weight += trade;
        }

        // Arms bought from the rest of the world count as a diversified remainder.
        ha += Sq(Math.Max(0, 1 - arms)) * 0.25;
        var dollar = weight > 0 && draft.Actors[a].Id != draft.Global.ReserveIssuer ? usd / weight : 0;
        var concentration = (hx + hm + he + ha + dollar) / 5;
        return Clamp(100 * (1 - concentration));
    }

    private static double Sq(double x) => x * x;

    private static double Influence(WorldDraft draft, int a)
    {
        double weighted = 0, total = 0;
        for (var b = 0; b < draft.N; b++)
        {
            if (b == a)
            {
                continue;
            }

            var power = draft.Actors[b].Gdp;
            weighted += power * (draft.Rel(b, a).Trust + 100) / 2;
            total += power;
        }

        var blocs = 0;
        foreach (var bloc in draft.Global.Blocs)
        {
            blocs += bloc.Members.Contains(draft.Actors[a].Id) ? 1 : 0;
        }

        return Clamp((total > 0 ? weighted / total : 50) + (3 * blocs));
    }

    private static double Goals(WorldDraft draft, Totals totals, int a)
    {
        var goals = draft.Actors[a].Interests.Goals;
        if (goals.IsDefaultOrEmpty)
        {
            return 50;
        }

        var gap = 0.0;
        var count = 0;
        foreach (var goal in goals)
        {
            var b = draft.IndexOf(goal.Target);
            if (b >= 0 && b != a)
            {
                gap += Math.Max(0, goal.DesiredTrust - draft.Rel(a, b).Trust);
                count++;
                if (goal.TradeTarget is > 0 and var target)
                {
                    // Trade short of the target counts like trust short of the desired level.
                    var trade = totals.Exports[(a * draft.N) + b] + totals.Exports[(b * draft.N) + a];
                    gap += 200 * (1 - Math.Min(1, trade / target));
                    count++;
                }
            }
        }

        return count == 0 ? 50 : Clamp(100 - (gap / count / 2));
    }
}
