using DiploSim.Core.Bots;
using DiploSim.Core.State;
using DiploSim.Core.Worlds;
using DiploSim.Scenarios;

namespace DiploSim.Core.Tests;

public sealed class BotTests
{
    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    public void Bots_never_make_invalid_moves_or_cross_red_lines(ulong seed)
    {
        var state = BaselineScenario.World(seed);
        var ids = state.Actors.Select(a => a.Id).ToArray();
        for (var t = 0; t < 16; t++)
        {
            var moves = Bot.DecideAll(state, ids);
            foreach (var move in moves)
            {
                var actor = state.Actor(move.Actor);
                Assert.DoesNotContain(actor.Doctrine.RedLines, line => Bot.Crosses(state, move, line));
            }

            var result = TurnResolver.Resolve(state, moves);
            Assert.All(result.Outcome.Moves, m => Assert.True(m.Accepted, $"{m.Move.Describe()}: {m.Reason}"));
            state = result.State;
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(12)]
    public void A_look_ahead_for_one_actor_scores_it_as_the_whole_turn_does(int turnsPlayed)
    {
        var world = Simulation.Play(BaselineScenario.World(3), ShockScript.Empty, turnsPlayed).LastOrDefault()?.State ?? BaselineScenario.World(3);
        var moves = Bot.DecideAll(world, [.. world.Actors.Select(a => a.Id)]);
        Assert.NotEmpty(moves);
        var turn = TurnResolver.Resolve(world, moves).State;
        var next = TurnResolver.Resolve(turn, []).State;
        for (var a = 0; a < world.Count; a++)
        {
            // The look leaves tension, stability and capital as they were, so a second turn looked at from it shows
            // whether anything that feeds a score has come to read them.
            var look = TurnResolver.Ahead(world, moves, scored: a);
            Assert.Equal(turn.Actors[a].Scores, look.Actors[a].Scores);
            Assert.Equal(next.Actors[a].Scores, TurnResolver.Ahead(look.Freeze(turn.Turn), [], scored: a).Actors[a].Scores);
            for (var b = 0; b < world.Count; b++)
            {
                if (b != a)
                {
                    Assert.Same(world.Actors[b].Scores, look.Actors[b].Scores);
                }
            }
        }
    }

    [Fact]
    public void Bots_on_a_synthetic_world_stay_valid()
    {
        var state = SyntheticWorld.Create(12, 5);
        var ids = state.Actors.Select(a => a.Id).ToArray();
        for (var t = 0; t < 4; t++)
        {
            var result = TurnResolver.Resolve(state, Bot.DecideAll(state, ids));
            Assert.All(result.Outcome.Moves, m => Assert.True(m.Accepted, $"{m.Move.Describe()}: {m.Reason}"));
            state = result.State;
        }
    }

    [Fact]
    public void Bots_answer_proposals_by_comparing_utility()
    {
        var world = BaselineScenario.World();
        // A visa deal helps Russia's goals with India; a free-trade agreement with a zero ceiling on India's side.
        var proposed = TurnResolver.Resolve(world, [new ProposeAgreement("IND", "visa", AgreementKind.VisaFacilitation, ["RUS"], AgreementTerms.None)]).State;
        var answer = Bot.Decide(proposed, "RUS").OfType<AnswerProposal>().Single(a => a.ProposalId == "visa");
        var with = TurnResolver.Resolve(proposed, [answer with { Accept = true }], ResolveOptions.Lookahead).State.Actor("RUS").Scores.Utility;
        var without = TurnResolver.Resolve(proposed, [], ResolveOptions.Lookahead).State.Actor("RUS").Scores.Utility;
        Assert.Equal(with >= without, answer.Accept);
    }

    [Fact]
    public void Bots_stay_within_their_political_capital()
    {
        var world = BaselineScenario.World(4);
        foreach (var actor in world.Actors)
        {
            var spent = Bot.Decide(world, actor.Id).Sum(MoveRules.Cost);
            Assert.InRange(spent, 0, actor.Capital);
        }
    }

    [Fact]
    public void Red_lines_that_only_forbid_easing_allow_tightening()
    {
        var world = BaselineScenario.World();
        var line = new RedLine(MoveKind.SetSanction, "RUS", OnlyEasing: true);
        Assert.True(Bot.Crosses(world, new SetSanction("EU", "RUS", SanctionDomain.Energy, SanctionLevel.None), line));
        Assert.False(Bot.Crosses(world, new SetSanction("EU", "RUS", SanctionDomain.Energy, SanctionLevel.Comprehensive), line));
        Assert.False(Bot.Crosses(world, new SetSanction("EU", "CHN", SanctionDomain.Energy, SanctionLevel.None), line));
    }
}

public sealed class ConductTests
{
    [Fact]
    public void A_refusal_s_news_says_who_turned_down_what_and_not_the_proposal_s_id()
    {
        var world = BaselineScenario.World();
        var proposed = TurnResolver.Resolve(world, [new ProposeAgreement("RUS", "RUS-IND-FreeTrade-1", AgreementKind.FreeTrade, ["IND"], AgreementTerms.None)]).State;
        var news = TurnResolver.Resolve(proposed, [new AnswerProposal("IND", "RUS-IND-FreeTrade-1", false)]).Outcome.News;

        var refusal = Assert.Single(news, n => n.Headline == "IND rejects RUS's free-trade agreement");
        Assert.Equal("IND has turned down the free-trade agreement RUS offered it; the offer is off the table.", refusal.Body);
        Assert.DoesNotContain("RUS-IND-FreeTrade-1", refusal.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_proposal_is_remembered_and_cools_off_for_a_year_unless_the_other_side_warms()
    {
        var world = BaselineScenario.World();
        var proposed = TurnResolver.Resolve(world, [new ProposeAgreement("RUS", "visa", AgreementKind.VisaFacilitation, ["IND"], AgreementTerms.None)]).State;
        var refused = TurnResolver.Resolve(proposed, [new AnswerProposal("IND", "visa", false)]).State;

        var refusal = Assert.Single(refused.Contacts, c => c.Kind == ContactKind.Refusal);
        Assert.Equal(("IND", "RUS", AgreementKind.VisaFacilitation), (refusal.Actor, refusal.Other, refusal.Agreement!.Value));
        Assert.False(Conduct.MayPropose(refused, "RUS", "IND", AgreementKind.VisaFacilitation));
        Assert.True(Conduct.MayPropose(refused, "RUS", "IND", AgreementKind.FreeTrade));

        var later = refused with { Turn = refusal.Turn + refused.TurnsPerYear };
        Assert.True(Conduct.MayPropose(later, "RUS", "IND", AgreementKind.VisaFacilitation));

        var ind = refused.IndexOf("IND");
        var rus = refused.IndexOf("RUS");
        var warmer = refused with { Relations = refused.Relations.SetItem((ind * refused.Count) + rus, refused.Relation(ind, rus) with { Trust = refusal.Trust + 20 }) };
        Assert.True(Conduct.MayPropose(warmer, "RUS", "IND", AgreementKind.VisaFacilitation));
    }

    [Fact]
    public void The_world_forgets_contacts_older_than_its_memory()
    {
        var world = BaselineScenario.World();
        var state = TurnResolver.Resolve(world, [new HoldSummit("IND", ["RUS"])]).State;
        Assert.Contains(state.Contacts, c => c.Kind == ContactKind.Summit);
        for (var t = 0; t < WorldState.ContactMemory; t++)
        {
            state = TurnResolver.Resolve(state, []).State;
        }

        Assert.DoesNotContain(state.Contacts, c => c.Kind == ContactKind.Summit);
    }

    [Fact]
    public void A_world_with_more_turns_in_a_year_remembers_a_refusal_for_the_whole_year_it_cools_off()
    {
        var world = BaselineScenario.World() with { TurnsPerYear = 12 };
        var proposed = TurnResolver.Resolve(world, [new ProposeAgreement("RUS", "visa", AgreementKind.VisaFacilitation, ["IND"], AgreementTerms.None)]).State;
        var state = TurnResolver.Resolve(proposed, [new AnswerProposal("IND", "visa", false)]).State;
        for (var t = 0; t < 10; t++)
        {
            state = TurnResolver.Resolve(state, []).State;
        }

        Assert.Contains(state.Contacts, c => c.Kind == ContactKind.Refusal);
        Assert.False(Conduct.MayPropose(state, "RUS", "IND", AgreementKind.VisaFacilitation));
    }

    [Fact]
    public void A_bot_that_accepts_a_free_trade_agreement_sets_no_tariff_above_its_ceiling_that_turn()
    {
        var world = BaselineScenario.World();
        var proposed = TurnResolver.Resolve(world, [new ProposeAgreement("RUS", "fta", AgreementKind.FreeTrade, ["IND"], new AgreementTerms(TariffCeiling: 0.02))]).State;
        var accepting = proposed.Proposals.Where(p => p.Id == "fta").ToList();

        Assert.True(Conduct.BreachesOwnAgreement(proposed, new SetTariff("IND", "RUS", Sector.Industrial, 0.25), accepting));
        Assert.False(Conduct.BreachesOwnAgreement(proposed, new SetTariff("IND", "RUS", Sector.Industrial, 0.02), accepting));
        Assert.False(Conduct.BreachesOwnAgreement(proposed, new SetTariff("IND", "RUS", Sector.Industrial, 0.25), []));
        Assert.False(Conduct.BreachesOwnAgreement(proposed, new SetTariff("IND", "CHN", Sector.Industrial, 0.25), accepting));

        // India keeps its farm goods out of its free-trade agreements: no ceiling holds them.
        Assert.False(Conduct.BreachesOwnAgreement(proposed, new SetTariff("IND", "RUS", Sector.Agriculture, 0.25), accepting));
        Assert.True(Conduct.BreachesOwnAgreement(proposed, new SetTariff("RUS", "IND", Sector.Agriculture, 0.25), accepting));
    }

    [Fact]
    public void A_bot_does_not_back_a_power_that_holds_heavy_tariffs_on_its_goods()
    {
        var world = BaselineScenario.World();
        var usa = world.IndexOf("USA");
        var ind = world.IndexOf("IND");
        var trusting = world with { Relations = world.Relations.SetItem((ind * world.Count) + usa, world.Relation(ind, usa) with { Trust = 60 }) };
        var tariffs = trusting.Relation(usa, ind);
        var friendly = trusting with { Relations = trusting.Relations.SetItem((usa * world.Count) + ind, tariffs with { Tariffs = [.. tariffs.Tariffs.Select(_ => 0.0)] }) };
        var hostile = trusting with { Relations = trusting.Relations.SetItem((usa * world.Count) + ind, tariffs with { Tariffs = [.. tariffs.Tariffs.Select(_ => 0.5)] }) };

        Assert.True(Conduct.MayBack(friendly, "IND", "USA"));
        Assert.False(Conduct.MayBack(hostile, "IND", "USA"));
    }
}

public sealed class SectorRedLineTests
{
    [Fact]
    public void A_sector_red_line_forbids_easing_that_sectors_tariff_and_nothing_else()
    {
        var world = TestWorlds.Triangle(configure: b => b.Tariff("A", "B", null, 0.3));
        var line = new RedLine(MoveKind.SetTariff, OnlyEasing: true, Sector: Sector.Agriculture);

        Assert.True(Bot.Crosses(world, new SetTariff("A", "B", Sector.Agriculture, 0.1), line));
        Assert.True(Bot.Crosses(world, new SetTariff("A", "B", null, 0.1), line));
        Assert.False(Bot.Crosses(world, new SetTariff("A", "B", Sector.Agriculture, 0.4), line));
        Assert.False(Bot.Crosses(world, new SetTariff("A", "B", Sector.Industrial, 0.1), line));
        Assert.False(Bot.Crosses(world, new SetSanction("A", "B", SanctionDomain.Trade, SanctionLevel.None), line));
    }

    [Fact]
    public void A_line_against_unprovoked_rises_lets_a_tariff_rise_as_far_as_the_other_side_s_largest_rise_and_no_further()
    {
        var line = new RedLine(MoveKind.SetTariff, BeyondAnswer: true);
        var calm = TestWorlds.Triangle(configure: b => b.Tariff("A", "B", null, 0.05).Tariff("B", "A", null, 0.05));
        Assert.True(Bot.Crosses(calm, new SetTariff("A", "B", Sector.Industrial, 0.15), line));
        Assert.False(Bot.Crosses(calm, new SetTariff("A", "B", Sector.Industrial, 0.05), line));
        Assert.False(Bot.Crosses(calm, new SetSanction("A", "B", SanctionDomain.Trade, SanctionLevel.Targeted), line));

        // B has raised its tariff on A's farm goods by 20 points since turn 0: A may answer by up to 20 points, in any sector.
        var provoked = WithTariff(calm, "B", "A", Sector.Agriculture, 0.25);
        Assert.False(Bot.Crosses(provoked, new SetTariff("A", "B", Sector.Industrial, 0.25), line));
        Assert.False(Bot.Crosses(provoked, new SetTariff("A", "B", null, 0.25), line));
        Assert.True(Bot.Crosses(provoked, new SetTariff("A", "B", Sector.Industrial, 0.26), line));
        Assert.True(Bot.Crosses(provoked, new SetTariff("A", "C", Sector.Industrial, 0.25), line));
    }

    [Fact]
    public void A_line_against_unprovoked_moves_lets_a_tariff_fall_below_its_reference_only_as_far_as_the_other_side_s_largest_cut()
    {
        var line = new RedLine(MoveKind.SetTariff, BeyondAnswer: true);
        var calm = TestWorlds.Triangle(configure: b => b.Tariff("A", "B", null, 0.05).Tariff("B", "A", null, 0.05));
        Assert.True(Bot.Crosses(calm, new SetTariff("A", "B", Sector.Industrial, 0), line));
        Assert.True(Bot.Crosses(calm, new SetTariff("A", "B", null, 0.04), line));

        // B has cut its tariff on A's farm goods by 3 points since turn 0: A may cut by up to 3 points, in any sector.
        var conceded = WithTariff(calm, "B", "A", Sector.Agriculture, 0.02);
        Assert.False(Bot.Crosses(conceded, new SetTariff("A", "B", Sector.Industrial, 0.02), line));
        Assert.False(Bot.Crosses(conceded, new SetTariff("A", "B", null, 0.02), line));
        Assert.True(Bot.Crosses(conceded, new SetTariff("A", "B", Sector.Industrial, 0.01), line));
        Assert.True(Bot.Crosses(conceded, new SetTariff("A", "C", Sector.Industrial, 0.02), line));

        // A rate raised in an answer comes back down to its reference level without crossing the line.
        var answered = WithTariff(calm, "A", "B", Sector.Industrial, 0.30);
        Assert.False(Bot.Crosses(answered, new SetTariff("A", "B", Sector.Industrial, 0.05), line));
        Assert.True(Bot.Crosses(answered, new SetTariff("A", "B", Sector.Industrial, 0.04), line));
    }

    /// <summary>The world with <paramref name="from"/>'s tariff on <paramref name="to"/>'s goods of one sector set, its reference level kept.</summary>
    private static WorldState WithTariff(WorldState world, string from, string to, Sector sector, double rate)
    {
        var (f, t) = (world.IndexOf(from), world.IndexOf(to));
        var relation = world.Relation(f, t);
        return world with { Relations = world.Relations.SetItem((f * world.Count) + t, relation with { Tariffs = relation.Tariffs.SetItem((int)sector, rate) }) };
    }
}

public sealed class AgreementRedLineTests
{
    private static WorldState WithLine(WorldState world, string actor, RedLine line)
    {
        var i = world.IndexOf(actor);
        var a = world.Actors[i];
        return world with { Actors = world.Actors.SetItem(i, a with { Doctrine = a.Doctrine with { RedLines = a.Doctrine.RedLines.Add(line) } }) };
    }

    [Fact]
    public void A_line_on_an_agreement_kind_bars_proposing_accepting_and_countering_with_that_kind_and_nothing_else()
    {
        var world = BaselineScenario.World();
        var proposed = TurnResolver.Resolve(world, [
            new ProposeAgreement("IND", "visa", AgreementKind.VisaFacilitation, ["USA"], AgreementTerms.None),
            new ProposeAgreement("IND", "fta", AgreementKind.FreeTrade, ["USA"], AgreementTerms.None)]).State;
        var propose = new RedLine(MoveKind.ProposeAgreement, Agreement: AgreementKind.VisaFacilitation);
        var accept = new RedLine(MoveKind.AnswerProposal, Agreement: AgreementKind.VisaFacilitation);
        var counter = new RedLine(MoveKind.CounterProposal, Agreement: AgreementKind.VisaFacilitation);

        Assert.True(Bot.Crosses(proposed, new ProposeAgreement("USA", "v", AgreementKind.VisaFacilitation, ["IND"], AgreementTerms.None), propose));
        Assert.False(Bot.Crosses(proposed, new ProposeAgreement("USA", "f", AgreementKind.FreeTrade, ["IND"], AgreementTerms.None), propose));
        Assert.False(Bot.Crosses(proposed, new AnswerProposal("USA", "visa", true), propose));

        Assert.True(Bot.Crosses(proposed, new AnswerProposal("USA", "visa", true), accept));
        Assert.False(Bot.Crosses(proposed, new AnswerProposal("USA", "visa", false), accept));
        Assert.False(Bot.Crosses(proposed, new AnswerProposal("USA", "fta", true), accept));

        Assert.True(Bot.Crosses(proposed, new CounterProposal("USA", "visa", "visa-2", AgreementTerms.None), counter));
        Assert.False(Bot.Crosses(proposed, new CounterProposal("USA", "fta", "fta-2", AgreementTerms.None), counter));

        // A line with a target covers agreements with that country only.
        var withIndia = propose with { Target = "IND" };
        Assert.True(Bot.Crosses(proposed, new ProposeAgreement("USA", "v", AgreementKind.VisaFacilitation, ["IND"], AgreementTerms.None), withIndia));
        Assert.False(Bot.Crosses(proposed, new ProposeAgreement("USA", "v", AgreementKind.VisaFacilitation, ["EU"], AgreementTerms.None), withIndia));
        Assert.True(Bot.Crosses(proposed, new AnswerProposal("USA", "visa", true), accept with { Target = "IND" }));
        Assert.False(Bot.Crosses(proposed, new AnswerProposal("USA", "visa", true), accept with { Target = "EU" }));
    }

    [Fact]
    public void A_bot_turns_down_at_once_an_agreement_its_doctrine_never_accepts()
    {
        var world = BaselineScenario.World();
        var proposed = TurnResolver.Resolve(world, [new ProposeAgreement("IND", "visa", AgreementKind.VisaFacilitation, ["RUS"], AgreementTerms.None)]).State;
        Assert.Contains(new AnswerProposal("RUS", "visa", true), Bot.Decide(proposed, "RUS"));

        var barred = WithLine(proposed, "RUS", new RedLine(MoveKind.AnswerProposal, Agreement: AgreementKind.VisaFacilitation));

        Assert.Contains(new AnswerProposal("RUS", "visa", false), Bot.Decide(barred, "RUS"));
    }

    [Fact]
    public void No_one_puts_a_kind_of_agreement_to_a_government_whose_doctrine_never_accepts_it()
    {
        var world = BaselineScenario.World();
        Assert.True(Conduct.MayPropose(world, "IND", "RUS", AgreementKind.VisaFacilitation));

        var russia = WithLine(world, "RUS", new RedLine(MoveKind.AnswerProposal, Agreement: AgreementKind.VisaFacilitation));
        Assert.False(Conduct.MayPropose(russia, "IND", "RUS", AgreementKind.VisaFacilitation));
        Assert.True(Conduct.MayPropose(russia, "IND", "RUS", AgreementKind.FreeTrade));
        Assert.True(Conduct.MayPropose(russia, "RUS", "IND", AgreementKind.VisaFacilitation));

        // A line against one country's offers leaves the others free to ask.
        var fromChina = WithLine(world, "RUS", new RedLine(MoveKind.AnswerProposal, "CHN", Agreement: AgreementKind.VisaFacilitation));
        Assert.False(Conduct.MayPropose(fromChina, "CHN", "RUS", AgreementKind.VisaFacilitation));
        Assert.True(Conduct.MayPropose(fromChina, "IND", "RUS", AgreementKind.VisaFacilitation));
    }

    [Fact]
    public void A_bot_barred_from_one_kind_of_agreement_proposes_the_next_kind_instead()
    {
        var free = BaselineScenario.World();
        var barred = WithLine(free, "RUS", new RedLine(MoveKind.ProposeAgreement, Agreement: AgreementKind.VisaFacilitation));

        var (visasWithout, _) = RussiasProposalsToIndia(free);
        var (visas, freeTrade) = RussiasProposalsToIndia(barred);

        Assert.True(visasWithout > 0, "Russia proposed no visa facilitation even without the line, so this proves nothing");
        Assert.Equal(0, visas);

        // Its list goes strategic partnership, visa facilitation, free trade: with no visa arrangement ever signed, a
        // barred kind that stopped the list would leave free trade unproposed.
        Assert.True(freeTrade > 0, "with visa facilitation barred Russia never got to free trade");
    }

    /// <summary>The visa facilitation and free-trade agreements Russia's bot proposes to India over 12 all-bot turns.</summary>
    private static (int Visas, int FreeTrade) RussiasProposalsToIndia(WorldState world)
    {
        var (visas, freeTrade) = (0, 0);
        for (var t = 0; t < 12; t++)
        {
            var moves = Bot.DecideAll(world, world.Actors.Select(a => a.Id));
            var toIndia = moves.OfType<ProposeAgreement>().Where(p => p.Actor == "RUS" && p.Partners.Contains("IND")).ToList();
            visas += toIndia.Count(p => p.Agreement == AgreementKind.VisaFacilitation);
            freeTrade += toIndia.Count(p => p.Agreement == AgreementKind.FreeTrade);
            world = TurnResolver.Resolve(world, moves).State;
        }

        return (visas, freeTrade);
    }
}
