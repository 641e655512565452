using System.Collections.Immutable;
using System.Globalization;
using DiploSim.Core.State;

namespace DiploSim.Core.Bots;

/// <summary>
/// The bot that plays an empty seat. It draws candidate moves from its doctrine and the catalogue,
/// evaluates each by resolving one turn ahead on the same resolver (a slow move, whose effect builds over
/// several turns, over a few turns and the rest of the run: <see cref="Horizon"/>), adds seeded noise scaled by
/// its temperature, and picks greedily within its political capital. It answers proposals by comparing its
/// utility with and without the agreement. It never makes an invalid move and never crosses a red line.
/// </summary>
public static class Bot
{
    /// <summary>The moves of every listed actor's bot for the current turn.</summary>
    /// <param name="world">The world at the start of the turn.</param>
    /// <param name="actors">The actors whose bots move.</param>
    /// <param name="endTurn">
    /// The turn the run ends at, the first it does not play (a scenario's start turn plus its length): slow moves
    /// are valued only for what they give before it. Null when the run has no planned end.
    /// </param>
    public static ImmutableArray<Move> DecideAll(WorldState world, IEnumerable<string> actors, int? endTurn = null)
    {
        var horizon = new Horizon(world, TurnResolver.Ahead(world, []), endTurn);
        var moves = ImmutableArray.CreateBuilder<Move>();
        foreach (var actor in actors.Order(StringComparer.Ordinal))
        {
            moves.AddRange(Decide(world, actor, horizon));
        }

        horizon.Release();

        return moves.ToImmutable();
    }

    /// <summary>The moves one actor's bot makes in the current turn (<paramref name="endTurn"/> as for <see cref="DecideAll"/>).</summary>
    public static ImmutableArray<Move> Decide(WorldState world, string actor, int? endTurn = null) =>
        Decide(world, actor, new Horizon(world, TurnResolver.Ahead(world, []), endTurn));

    private static ImmutableArray<Move> Decide(WorldState world, string actorId, Horizon horizon)
    {
        var a = world.IndexOf(actorId);
        if (a < 0)
        {
            return [];
        }

        var actor = world.Actors[a];
        var rng = world.Rng.Stream(world.Turn, RngPurpose.BotBase + (ulong)a);
        var temperature = actor.Doctrine.Temperature * world.Parameters.BotTemperature;
        var u0 = horizon.Passive.Actors[a].Scores.Utility;
        var chosen = ImmutableArray.CreateBuilder<Move>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var budget = actor.Capital;
        var accepting = new List<Proposal>();

        // Proposals addressed to this actor: accept when the agreement leaves it better off.
        foreach (var proposal in world.Proposals.Where(p => p.Parties.Contains(actorId) && p.Proposer != actorId && !p.AcceptedBy.Contains(actorId)))
        {
            var accept = new AnswerProposal(actorId, proposal.Id, true);
            if (!Allowed(world, actor, accept))
            {
                // An agreement its doctrine never signs is turned down at once, not left to lapse.
                var refuse = new AnswerProposal(actorId, proposal.Id, false);
                if (Allowed(world, actor, refuse))
                {
                    chosen.Add(refuse);
                    keys.Add(refuse.PolicyKey);
                }

                continue;
            }

            // An agreement that builds up is judged over the horizon, as the bot judges its own slow moves.
            var others = proposal.Partners.Where(p => p != actorId && !proposal.AcceptedBy.Contains(p)).Select(p => (Move)new AnswerProposal(p, proposal.Id, true));
            var ahead = TurnResolver.Ahead(world, [accept, .. others], scored: a);
            var gain = proposal.Kind.BuildsUp() ? horizon.Value(a, ahead, built: true) : ahead.Actors[a].Scores.Utility - u0;
            ahead.Release(frozenWorldLetGo: true);
            var answer = gain >= 0 ? accept : new AnswerProposal(actorId, proposal.Id, false);
            if (answer.Accept)
            {
                accepting.Add(proposal);
            }

            chosen.Add(answer);
            keys.Add(answer.PolicyKey);
        }

        var scored = new List<(Move Move, double Score)>();
        var slow = new List<(Move Move, Resolution.WorldDraft Ahead, double Gain)>();
        var budgetTurn = Horizon.Weighs(world, a);
        foreach (var (move, support) in Candidates(world, a, accepting))
        {
            var isSlow = Horizon.IsSlow(move);
            if ((isSlow && !budgetTurn) || !Allowed(world, actor, move) || Conduct.BreachesOwnAgreement(world, move, accepting) || !keys.Add(move.PolicyKey))
            {
                continue;
            }

            var ahead = TurnResolver.Ahead(world, [move, .. support], scored: a);
            var gain = ahead.Actors[a].Scores.Utility - u0;
            if (isSlow)
            {
                slow.Add((move, ahead, gain));
                continue;
            }

            ahead.Release();
            scored.Add((move, gain - (world.Parameters.BotCapitalPrice * MoveRules.Cost(move)) + Noise(temperature, ref rng)));
        }

        // The slow moves with the best first turn are looked at over the horizon; one that does not pay over the turns
        // left before its noise is not played, so chance never buys what cannot pay before the run ends.
        foreach (var (move, ahead, _) in Ranked(slow, static x => x.Gain, static x => x.Move).Take(horizon.SlowLooks))
        {
            var value = horizon.Value(a, ahead, move is ProposeAgreement ? 1 : 0, built: move is ProposeAgreement) - (world.Parameters.BotCapitalPrice * MoveRules.Cost(move));
            var noise = Noise(temperature, ref rng);
            if (value > 0)
            {
                scored.Add((move, value + noise));
            }
        }

        foreach (var (_, ahead, _) in slow)
        {
            ahead.Release(frozenWorldLetGo: true);
        }

        foreach (var (move, score) in Ranked(scored, static x => x.Score, static x => x.Move))
        {
            var cost = MoveRules.Cost(move);
            if (score <= 0 || cost > budget)
            {
                continue;
            }

            chosen.Add(move);
            budget -= cost;
        }

        return chosen.ToImmutable();
    }

    /// <summary>
    /// The items by score, highest first; equal scores in the canonical order of their moves, and items with the same
    /// canonical text in the order they came (a stable sort). The canonical text is built only for the ties that need it.
    /// </summary>
    private static T[] Ranked<T>(List<T> items, Func<T, double> score, Func<T, Move> move)
    {
        var order = new int[items.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (i, j) =>
        {
            var c = score(items[j]).CompareTo(score(items[i]));
            if (c == 0)
            {
                c = string.CompareOrdinal(move(items[i]).CanonicalText, move(items[j]).CanonicalText);
            }

            return c != 0 ? c : i.CompareTo(j);
        });

        var ranked = new T[order.Length];
        for (var k = 0; k < order.Length; k++)
        {
            ranked[k] = items[order[k]];
        }

        return ranked;
    }

    /// <summary>Gumbel noise scaled by the bot's temperature, drawn from its own stream.</summary>
    private static double Noise(double temperature, ref Rng rng) => temperature > 0 ? temperature * 0.05 * rng.NextGumbel() : 0;

    /// <summary>Whether the bot may play a move: valid now and across none of its red lines.</summary>
    public static bool Allowed(WorldState world, ActorState actor, Move move) =>
        MoveRules.Validate(world, move) is null && !CrossesRedLine(world, actor, move);

    /// <summary>Whether a move crosses any of the actor's red lines.</summary>
    private static bool CrossesRedLine(WorldState world, ActorState actor, Move move)
    {
        foreach (var line in actor.Doctrine.RedLines)
        {
            if (Crosses(world, move, line))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a move crosses a red line.</summary>
    public static bool Crosses(WorldState world, Move move, RedLine line)
    {
        if (move.Kind != line.Kind)
        {
            return false;
        }

        if (line.Agreement is { } agreement)
        {
            return Signs(world, move, agreement, line.Target);
        }

        var target = Target(move);
        if (line.Target is not null && !string.Equals(line.Target, target, StringComparison.Ordinal))
        {
            return false;
        }

        // A sector's line covers a tariff on that sector, or on every sector at once.
        if (line.Sector is { } sector)
        {
            if (move is not SetTariff tariff || (tariff.Sector is { } s && s != sector))
            {
                return false;
            }

            return line.BeyondAnswer
                ? BeyondAnswer(world, tariff, sector)
                : !line.OnlyEasing || tariff.Rate < world.Relation(tariff.Actor, tariff.Target).Tariffs[(int)sector];
        }

        if (line.BeyondAnswer)
        {
            return move is SetTariff raise && BeyondAnswer(world, raise, raise.Sector);
        }

        return !line.OnlyEasing || Eases(world, move);
    }

    /// <summary>
    /// Whether a move proposes, accepts or counters with an agreement of <paramref name="kind"/>, with
    /// <paramref name="party"/> among its parties when one is named. Refusing a proposal signs nothing.
    /// </summary>
    private static bool Signs(WorldState world, Move move, AgreementKind kind, string? party)
    {
        (AgreementKind Kind, ImmutableArray<string> Parties)? signed = move switch
        {
            ProposeAgreement m => (m.Agreement, m.Partners),
            AnswerProposal { Accept: true } m when Pending(world, m.ProposalId) is { } p => (p.Kind, p.Parties),
            CounterProposal m when Pending(world, m.ProposalId) is { } p => (p.Kind, p.Parties),
            _ => null,
        };

        return signed is { } s && s.Kind == kind && (party is null || s.Parties.Contains(party, StringComparer.Ordinal));
    }

    private static Proposal? Pending(WorldState world, string id) => world.Proposals.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.Ordinal));

    private static string? Target(Move move) => move switch
    {
        SetTariff m => m.Target,
        SetSanction m => m.Target,
        ThreatenSecondarySanctions m => m.Target,
        ProposeAgreement m => m.Partners.FirstOrDefault(),
        OrderArms m => m.Seller,
        BuyDiscountedCrude m => m.Seller,
        HoldSummit m => m.Partners.FirstOrDefault(),
        MakeStatement m => m.About,
        Diversify m => m.AwayFrom,
        SetBlocMembership m => m.Bloc,
        GiveAid m => m.Recipient,
        _ => null,
    };

    /// <summary>
    /// Whether a tariff goes further than the target has gone (<see cref="RedLine.BeyondAnswer"/>): it raises a rate of
    /// <paramref name="sector"/> (every sector when null) above both its rate now and its reference level plus the largest
    /// rise of the target's tariffs on the actor over theirs, or lowers one below both its rate now and its reference level
    /// less the largest cut of the target's tariffs on the actor under theirs. A government that answers in kind starts
    /// neither a tariff war nor a preference; an agreement's ceilings, which are no move, still lower its rates.
    /// </summary>
    private static bool BeyondAnswer(WorldState world, SetTariff tariff, Sector? sector)
    {
        var (a, b) = (world.IndexOf(tariff.Actor), world.IndexOf(tariff.Target));
        var (own, theirs) = (world.Relation(a, b), world.Relation(b, a));
        var (provoked, conceded) = (0.0, 0.0);
        for (var s = 0; s < Domain.SectorCount; s++)
        {
            provoked = Math.Max(provoked, theirs.Tariffs[s] - theirs.Reference.Tariffs[s]);
            conceded = Math.Max(conceded, theirs.Reference.Tariffs[s] - theirs.Tariffs[s]);
        }

        for (var s = 0; s < Domain.SectorCount; s++)
        {
            if ((sector is null || (int)sector == s)
                && (tariff.Rate > Math.Max(own.Tariffs[s], own.Reference.Tariffs[s] + provoked) + 1e-9
                    || tariff.Rate < Math.Min(own.Tariffs[s], own.Reference.Tariffs[s] - conceded) - 1e-9))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Eases(WorldState world, Move move) => move switch
    {
        SetTariff m => m.Rate < Highest(world.Relation(m.Actor, m.Target).Tariffs),
        SetSanction m => m.Level < world.Relation(m.Actor, m.Target).Sanction(m.Domain),
        ThreatenSecondarySanctions m => !m.Active,
        SetPriceCapStance m => !m.Join,
        SetBlocMembership m => !m.Join,
        _ => false,
    };

    /// <summary>Whether <paramref name="goal"/> comes before <paramref name="best"/>: by <paramref name="order"/> (negative: first), then by target in code order.</summary>
    private static bool Before(RelationshipGoal goal, RelationshipGoal best, int order) =>
        (order != 0 ? order : string.CompareOrdinal(goal.Target, best.Target)) < 0;

    private static double Highest(ImmutableArray<double> rates)
    {
        var highest = rates[0];
        foreach (var rate in rates)
        {
            if (rate > highest || double.IsNaN(highest))
            {
                highest = rate; // as Enumerable.Max: NaN only when every rate is
            }
        }

        return highest;
    }

    /// <summary>The supplier with the largest share of the actor's arms imports among those it trusts.</summary>
    private static int MainTrustedSupplier(WorldState world, int a)
    {
        var best = -1;
        for (var b = 0; b < world.Count; b++)
        {
            if (b != a && world.Relation(a, b).Trust > 20 && (best < 0 || world.Relation(a, b).ArmsShare > world.Relation(a, best).ArmsShare))
            {
                best = b;
            }
        }

        return best;
    }

    /// <summary>The agreements a bot proposes to the friend it most wants to be closer to, the first they lack first.</summary>
    private static readonly AgreementKind[] ProposedFirst = [AgreementKind.StrategicPartnership, AgreementKind.VisaFacilitation, AgreementKind.FreeTrade];

    /// <summary>Candidate moves from the doctrine, each with the moves of others it assumes (partners accepting a proposal).</summary>
    private static IEnumerable<(Move Move, Move[] Support)> Candidates(WorldState world, int a, IReadOnlyList<Proposal> accepting)
    {
        var actor = world.Actors[a];
        var favoured = actor.Doctrine.Favoured;
        var risk = actor.Doctrine.RiskAppetite;
        var id = actor.Id;
        var goals = actor.Interests.Goals.Where(g => world.Has(g.Target) && g.Target != id).ToArray();
        var turn = world.Turn.ToString(CultureInfo.InvariantCulture);

        // The friend it most wants to be closer to (the widest gap to its desired trust), and the one it most wants to
        // keep away (the lowest desired trust); ties to the first target in code order.
        double Gap(RelationshipGoal g) => g.DesiredTrust - world.Relation(id, g.Target).Trust;
        RelationshipGoal? closer = null, rival = null;
        foreach (var g in goals)
        {
            if (g.DesiredTrust > 0 && (closer is null || Before(g, closer, Gap(closer).CompareTo(Gap(g)))))
            {
                closer = g;
            }

            if (rival is null || Before(g, rival, g.DesiredTrust.CompareTo(rival.DesiredTrust)))
            {
                rival = g;
            }
        }

        if (favoured.Contains(MoveKind.HoldSummit) && closer is not null && Conduct.MaySummit(world, id, closer.Target))
        {
            yield return (new HoldSummit(id, [closer.Target]), []);
        }

        if (favoured.Contains(MoveKind.MakeStatement))
        {
            if (closer is not null && Conduct.MayBack(world, id, closer.Target))
            {
                yield return (new MakeStatement(id, closer.Target, Stance.Support), []);
            }

            if (rival is not null && rival.DesiredTrust < 0 && risk >= 0.3 && Conduct.MayCondemn(world, id, rival.Target))
            {
                yield return (new MakeStatement(id, rival.Target, Stance.Condemn), []);
            }
        }

        for (var b = 0; b < world.Count; b++)
        {
            if (b == a)
            {
                continue;
            }

            var other = world.Actors[b].Id;
            var relation = world.Relation(a, b);
            var trust = relation.Trust;

            if (favoured.Contains(MoveKind.SetTariff))
            {
                // Cut the highest tariff on a trusted partner's goods; raise the tariff on a distrusted partner's
                // largest export. Only sectors the partner actually sells in: a tariff on no trade is a gesture
                // no trade ministry makes.
                var highest = -1;
                var largest = -1;
                var imports = world.Relation(b, a).Exports;
                for (var s = 0; s < Domain.SectorCount; s++)
                {
                    if (imports[s] < Conduct.TradedSector)
                    {
                        continue;
                    }

                    // The highest tariff among those its doctrine lets it lower (India keeps its farm tariffs).
                    if (highest < 0 || relation.Tariffs[s] > relation.Tariffs[highest])
                    {
                        var cutHere = new SetTariff(id, other, (Sector)s, Math.Max(0, relation.Tariffs[s] - 0.1));
                        highest = CrossesRedLine(world, actor, cutHere) ? highest : s;
                    }

                    largest = largest < 0 || imports[s] > imports[largest] ? s : largest;
                }

                var ceiling = highest >= 0 && actor.KeepsOutOfFreeTrade(highest) ? double.PositiveInfinity : Conduct.TariffCeiling(world, id, other, accepting);
                if (highest >= 0 && trust > 20 && Math.Min(relation.Tariffs[highest], ceiling) > 0.05)
                {
                    var cut = Math.Min(Math.Max(0, relation.Tariffs[highest] - 0.1), ceiling);
                    yield return (new SetTariff(id, other, (Sector)highest, Math.Round(cut, 4)), []);
                }
                else if (largest >= 0 && trust < -30 && risk >= 0.5)
                {
                    yield return (new SetTariff(id, other, (Sector)largest, Math.Round(Math.Min(2, relation.Tariffs[largest] + 0.1), 4)), []);
                }
            }

            if (favoured.Contains(MoveKind.SetSanction))
            {
                var level = relation.Sanction(SanctionDomain.Trade);
                if (trust < -40 && risk >= 0.5 && level < SanctionLevel.Comprehensive && world.BilateralTrade(id, other) >= Conduct.TradedSector)
                {
                    yield return (new SetSanction(id, other, SanctionDomain.Trade, level + 1), []);
                }

                var worst = Domain.SanctionDomains[0];
                for (var k = 1; k < Domain.SanctionDomains.Count; k++)
                {
                    var d = Domain.SanctionDomains[k];
                    worst = relation.Sanction(d) > relation.Sanction(worst) ? d : worst;
                }

                if (trust > 10 && relation.Sanction(worst) > SanctionLevel.None)
                {
                    yield return (new SetSanction(id, other, worst, relation.Sanction(worst) - 1), []);
                }
            }

            if (favoured.Contains(MoveKind.ThreatenSecondarySanctions) && trust < -40 && !relation.SecondaryThreat)
            {
                yield return (new ThreatenSecondarySanctions(id, other), []);
            }

            if (favoured.Contains(MoveKind.BuyDiscountedCrude) && actor.NetOilImports > 0 && world.Actors[b].NetOilImports < 0)
            {
                var current = relation.Crude?.VolumeMbd ?? 0;
                var volume = Math.Round(Math.Min(current + 0.2, Math.Min(actor.NetOilImports, -world.Actors[b].NetOilImports)), 3);
                if (volume > current)
                {
                    yield return (new BuyDiscountedCrude(id, other, volume, relation.Crude?.Discount ?? 0.08), []);
                }
            }

            if (favoured.Contains(MoveKind.OrderArms) && actor.ArmsImportNeed > 1 && relation.ArmsShare > 0.1 && trust > 20
                && b == MainTrustedSupplier(world, a)
                && world.Deliveries.Where(d => d.Buyer == id).Sum(d => d.Value) < 2 * actor.ArmsImportNeed)
            {
                yield return (new OrderArms(id, other, "arms package", Math.Round(actor.ArmsImportNeed / 2, 2), 8), []);
            }

            if (favoured.Contains(MoveKind.Diversify) && relation.ArmsShare > 0.3 && trust < 40)
            {
                yield return (new Diversify(id, other, DependenceDomain.Defence), []);
            }
        }

        if (favoured.Contains(MoveKind.ProposeAgreement))
        {
            // Propose to the friend it most wants to be closer to: the first agreement they lack.
            foreach (var goal in goals.Where(g => g.DesiredTrust >= 40 && g == closer))
            {
                // A kind its doctrine never proposes is passed over for the next on the list, not the end of the list.
                foreach (var kind in ProposedFirst)
                {
                    // The proposal itself (its id is a string) is built only for a kind that passes the other checks.
                    if (world.AgreementBetween(id, goal.Target, kind) is null && world.Relation(goal.Target, id).Trust > (kind == AgreementKind.FreeTrade ? 30 : 0)
                        && Conduct.MayPropose(world, id, goal.Target, kind))
                    {
                        var proposalId = $"{id}-{goal.Target}-{kind}-{turn}";
                        var proposal = new ProposeAgreement(id, proposalId, kind, [goal.Target], AgreementTerms.None);
                        if (!CrossesRedLine(world, actor, proposal))
                        {
                            yield return (proposal, [new AnswerProposal(goal.Target, proposalId, true)]);
                            break;
                        }
                    }
                }
            }

            // A corridor to the friend it trades most with that has none with it yet, along one of the world's routes:
            // a route pays in trade as it is built.
            RelationshipGoal? route = null;
            foreach (var g in goals)
            {
                if (g.DesiredTrust > 0 && world.CorridorCanLink(id, g.Target)
                    && world.AgreementBetween(id, g.Target, AgreementKind.ConnectivityCorridor) is null
                    && world.Relation(id, g.Target).Trust > 0 && world.Relation(g.Target, id).Trust > 0
                    && Conduct.MayPropose(world, id, g.Target, AgreementKind.ConnectivityCorridor)
                    && (route is null || Before(g, route, world.BilateralTrade(id, route.Target).CompareTo(world.BilateralTrade(id, g.Target)))))
                {
                    route = g;
                }
            }

            if (route is not null)
            {
                var proposalId = $"{id}-{route.Target}-{AgreementKind.ConnectivityCorridor}-{turn}";
                yield return (new ProposeAgreement(id, proposalId, AgreementKind.ConnectivityCorridor, [route.Target], AgreementTerms.None), [new AnswerProposal(route.Target, proposalId, true)]);
            }
        }

        if (favoured.Contains(MoveKind.DecideDelivery))
        {
            foreach (var d in world.Deliveries.Where(d => d.Seller == id && d.DueTurn <= world.Turn + 1))
            {
                if (world.Relation(id, d.Buyer).Trust < -20)
                {
                    yield return (new DecideDelivery(id, d.Id, DeliveryDecision.Delay), []);
                }
            }
        }

        if (favoured.Contains(MoveKind.Invest))
        {
            yield return (new Invest(id, Capacity.ExportPromotion, Math.Round(actor.Gdp * 0.001, 2)), []);
        }

        if (favoured.Contains(MoveKind.GiveAid) && closer is not null)
        {
            yield return (new GiveAid(id, closer.Target, Math.Round(actor.Gdp * 0.0005, 2)), []);
        }
    }
}
