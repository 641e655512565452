using DiploSim.Core.State;

namespace DiploSim.Core.Tests;

/// <summary>The validation targets of docs/model.md for tariffs.</summary>
public sealed class TradeTests
{
    // Fajgelbaum et al. (2020): US tariffs raised from 2.6% to 16.6% cut targeted imports by about 32%.
    private static readonly Move Salvo = new SetTariff("A", "B", Sector.Industrial, 0.166);

    private static double Response(int turns)
    {
        var world = TestWorlds.Triangle();
        var control = TestWorlds.Run(world, turns);
        var treated = TestWorlds.Run(world, turns, [Salvo]);
        return (TestWorlds.Exports(treated, "B", "A", Sector.Industrial) / TestWorlds.Exports(control, "B", "A", Sector.Industrial)) - 1;
    }

    [Fact]
    public void Trust_and_a_partnership_lift_a_pair_s_goods_and_leave_its_crude_to_the_world_market()
    {
        // A government that trusts its oil supplier more buys its crude there, not more crude in all: a bill that grew
        // with trust cost the trusting side output (model version 12).
        var world = TestWorlds.Triangle();
        var (c, a) = (world.IndexOf("C"), world.IndexOf("A"));
        WorldState Trusting(WorldState w) => w with
        {
            Relations = w.Relations.SetItem((c * w.Count) + a, w.Relation(c, a) with { Trust = 60 }).SetItem((a * w.Count) + c, w.Relation(a, c) with { Trust = 60 }),
        };
        var control = TestWorlds.Run(world, 12);
        var trusted = TestWorlds.Run(Trusting(world), 12);
        var partnered = TestWorlds.Run(world, 12, [new ProposeAgreement("A", "p", AgreementKind.StrategicPartnership, ["C"], AgreementTerms.None), new AnswerProposal("C", "p", true)]);

        // Crude still follows demand (the buyer's GDP, which more trade lifts a little) and the price: its rise is a
        // tenth of the goods' at most, where it was the same rise before.
        foreach (var treated in new[] { trusted, partnered })
        {
            double Rise(Sector s) => (TestWorlds.Exports(treated, "C", "A", s) / TestWorlds.Exports(control, "C", "A", s)) - 1;
            Assert.True(Rise(Sector.Industrial) > 0.01, $"goods rose {Rise(Sector.Industrial):P2}");
            Assert.True(Math.Abs(Rise(Sector.Energy)) < Rise(Sector.Industrial) / 10, $"crude rose {Rise(Sector.Energy):P2}, goods {Rise(Sector.Industrial):P2}");
        }
    }

    [Fact]
    public void A_tariff_reaches_its_long_run_effect_over_years_not_quarters()
    {
        // The share of the long-run effect (in logs) after 1, 4 and 12 quarters. After a year: between Boehm,
        // Levchenko & Pandalai-Nayar (2023), about 0.4, and the 2018 tariff war (Fajgelbaum et al. 2020), about 0.7.
        var longRun = Math.Log(1 + Response(40));
        double Share(int quarters) => Math.Log(1 + Response(quarters)) / longRun;

        Assert.InRange(Share(1), 0.10, 0.30);
        Assert.InRange(Share(4), 0.38, 0.70);
        Assert.InRange(Share(12), 0.75, 0.95);
    }

    /// <summary>A triangle whose A→B industrial flows were measured under 2.6% but meet a 16.6% tariff at turn 0.</summary>
    private static WorldState MeasuredBeforeTheTariff() =>
        TestWorlds.Triangle(configure: b => b.Tariff("B", "A", Sector.Industrial, 0.166, flowsMeasuredAt: 0.026));

    [Fact]
    public void Flows_measured_before_a_tariff_start_where_they_were_and_fall_as_if_it_had_just_been_raised()
    {
        var world = MeasuredBeforeTheTariff();
        var raisedNow = TestWorlds.Run(TestWorlds.Triangle(), 8, [new SetTariff("B", "A", Sector.Industrial, 0.166)]);

        var measured = TestWorlds.Exports(TestWorlds.Run(world, 8), "A", "B", Sector.Industrial);

        Assert.Equal(10, TestWorlds.Exports(world, "A", "B", Sector.Industrial));
        Assert.True(measured < 9, $"{measured:0.00} after two years under the tariff");
        // The same path as a tariff raised at turn 0, but for the trust a move costs and its tariff bill's impulse.
        Assert.InRange(measured / TestWorlds.Exports(raisedNow, "A", "B", Sector.Industrial), 0.98, 1.02);
    }

    [Fact]
    public void Lifting_a_tariff_the_turn_0_flows_predate_brings_trade_back_to_its_measured_level_not_beyond()
    {
        var world = MeasuredBeforeTheTariff();
        var lifted = TestWorlds.Run(world, 40, [new SetTariff("B", "A", Sector.Industrial, 0.026)]);

        // Calibrated as if the tariff were the flows' own, lifting it would give 10 · (1.166 / 1.026)^4 ≈ 16.7.
        Assert.InRange(TestWorlds.Exports(lifted, "A", "B", Sector.Industrial), 9.8, 10.3);
    }

    [Fact]
    public void A_tariff_salvo_cuts_targeted_imports_within_the_year_between_the_published_estimates()
    {
        // Fajgelbaum et al. (2020): 2.6% -> 16.6% cut targeted imports ~32% within the year; BLP (2023) imply ~15%.
        var change = Response(4);
        Assert.InRange(change, -0.34, -0.14);
    }

    [Fact]
    public void Tariff_long_run_follows_the_long_run_elasticity_of_four()
    {
        var change = Response(24);
        var expected = Math.Pow(1.026 / 1.166, 4) - 1; // θ = 4 (Simonovska & Waugh 2014): −40%
        Assert.InRange(change, expected - 0.03, expected + 0.03);
        Assert.True(change < Response(1), "the long-run response must exceed the short-run one");
    }

    [Fact]
    public void Tariff_passes_through_completely_to_the_importers_consumers()
    {
        var world = TestWorlds.Triangle();
        var next = TurnResolver.Resolve(world, [Salvo]).State;
        var a = next.Actor("A");
        var expected = 0.0;
        foreach (var from in new[] { "B", "C" })
        {
            var relation = next.Relation("A", from);
            for (var s = 0; s < Domain.SectorCount; s++)
            {
                expected += relation.Tariffs[s] * next.Relation(from, "A").Exports[s];
            }
        }

        Assert.Equal(expected, a.Economy.TariffCost, 9);
        Assert.Equal(0.166, next.Relation("A", "B").Tariffs[(int)Sector.Industrial]);
    }

    [Fact]
    public void Tariff_on_one_sector_leaves_other_sectors_and_pairs_almost_untouched()
    {
        var world = TestWorlds.Triangle();
        var treated = TestWorlds.Run(world, 4, [Salvo]);
        var control = TestWorlds.Run(world, 4);
        Assert.Equal(TestWorlds.Exports(control, "B", "A", Sector.Pharma), TestWorlds.Exports(treated, "B", "A", Sector.Pharma), 0.5);
        Assert.Equal(TestWorlds.Exports(control, "C", "B", Sector.Industrial), TestWorlds.Exports(treated, "C", "B", Sector.Industrial), 0.5);
    }

    [Fact]
    public void Tariff_cut_raises_trade_back_towards_its_free_trade_level()
    {
        var world = TestWorlds.Triangle(configure: b => b.Tariff("A", "B", null, 0.25));
        var treated = TestWorlds.Run(world, 40, [new SetTariff("A", "B", null, 0)]);
        var control = TestWorlds.Run(world, 40);
        var gain = TestWorlds.Exports(treated, "B", "A", Sector.Industrial) / TestWorlds.Exports(control, "B", "A", Sector.Industrial);
        Assert.InRange(gain, Math.Pow(1.25, 4) * 0.95, Math.Pow(1.25, 4) * 1.05);
    }

    [Fact]
    public void Free_trade_agreement_phases_its_tariff_cuts_in_over_five_years_and_trade_grows_with_them()
    {
        var world = TestWorlds.Triangle(configure: b => b.Tariff("A", "B", null, 0.2).Tariff("B", "A", null, 0.2));
        Move[] moves =
        [
            new ProposeAgreement("A", "ab-fta", AgreementKind.FreeTrade, ["B"], new AgreementTerms(TariffCeiling: 0.02)),
            new AnswerProposal("B", "ab-fta", true),
        ];

        var result = TurnResolver.Resolve(world, moves);

        // The first of twenty equal quarterly steps (FreeTradePhaseInYears = 5).
        Assert.Contains(result.State.Agreements, g => g.Id == "ab-fta" && g.InForce);
        Assert.All(result.State.Relation("A", "B").Tariffs, t => Assert.Equal(0.02 + (0.18 * 19 / 20), t, 12));
        var firstQuarter = result.State.BilateralTrade("A", "B") / TurnResolver.Resolve(world, []).State.BilateralTrade("A", "B");
        Assert.InRange(firstQuarter, 1.0, 1.01);

        var halfway = TestWorlds.Run(world, 10, moves);
        Assert.All(halfway.Relation("B", "A").Tariffs, t => Assert.Equal(0.02 + (0.18 * 10 / 20), t, 12));
        var fiveYears = TestWorlds.Run(world, 20, moves);
        Assert.All(fiveYears.Relation("B", "A").Tariffs, t => Assert.Equal(0.02, t, 12));
        Assert.Equal(0, fiveYears.Agreements.Single(g => g.Id == "ab-fta").Breaches);
        var growth = fiveYears.BilateralTrade("A", "B") / TestWorlds.Run(world, 20).BilateralTrade("A", "B");
        Assert.True(growth > 1.3, $"after five years trade is only {growth:0.00}x");
    }

    [Fact]
    public void Raising_a_tariff_while_a_free_trade_agreement_phases_in_breaks_it()
    {
        var world = TestWorlds.Triangle(configure: b => b.Tariff("A", "B", null, 0.2).Tariff("B", "A", null, 0.2));
        var signed = TestWorlds.Run(world, 2,
        [
            new ProposeAgreement("A", "ab-fta", AgreementKind.FreeTrade, ["B"], new AgreementTerms(TariffCeiling: 0.02)),
            new AnswerProposal("B", "ab-fta", true),
        ]);

        var raised = TurnResolver.Resolve(signed, [new SetTariff("A", "B", Sector.Industrial, 0.25)]).State;

        Assert.Equal(1, raised.Agreements.Single(g => g.Id == "ab-fta").Breaches);
    }

    [Fact]
    public void A_sector_a_party_keeps_out_of_its_free_trade_agreements_keeps_its_tariff_and_breaks_nothing_when_raised()
    {
        var triangle = TestWorlds.Triangle(configure: b => b.Tariff("A", "B", null, 0.2).Tariff("B", "A", null, 0.2));
        var a = triangle.IndexOf("A");
        var world = triangle with { Actors = triangle.Actors.SetItem(a, triangle.Actors[a] with { FreeTradeExclusions = [Sector.Agriculture] }) };
        Move[] moves =
        [
            new ProposeAgreement("A", "ab-fta", AgreementKind.FreeTrade, ["B"], new AgreementTerms(TariffCeiling: 0.02)),
            new AnswerProposal("B", "ab-fta", true),
        ];

        // The news of the signing says what is kept out.
        var signing = TurnResolver.Resolve(world, moves).Outcome.News.Single(n => n.Headline == "A and B sign a free-trade agreement");
        Assert.EndsWith(" A keeps its agriculture tariffs out of it.", signing.Body, StringComparison.Ordinal);

        // After the whole phase-in A's farm tariff on B is where it was and its others at the ceiling; B cuts every sector.
        var fiveYears = TestWorlds.Run(world, 20, moves);
        var fromA = fiveYears.Relation("A", "B").Tariffs;
        Assert.Equal(0.2, fromA[(int)Sector.Agriculture], 12);
        Assert.All(Enumerable.Range(0, fromA.Length).Where(s => s != (int)Sector.Agriculture), s => Assert.Equal(0.02, fromA[s], 12));
        Assert.All(fiveYears.Relation("B", "A").Tariffs, t => Assert.Equal(0.02, t, 12));

        // Raising the excluded tariff breaks nothing, for the resolution as for a bot weighing it; raising another does.
        var farm = new SetTariff("A", "B", Sector.Agriculture, 0.3);
        var industrial = new SetTariff("A", "B", Sector.Industrial, 0.3);
        Assert.Equal(0, TurnResolver.Resolve(fiveYears, [farm]).State.Agreements.Single(g => g.Id == "ab-fta").Breaches);
        Assert.Equal(1, TurnResolver.Resolve(fiveYears, [industrial]).State.Agreements.Single(g => g.Id == "ab-fta").Breaches);
        Assert.False(Bots.Conduct.BreachesOwnAgreement(fiveYears, farm, []));
        Assert.True(Bots.Conduct.BreachesOwnAgreement(fiveYears, industrial, []));
        Assert.True(Bots.Conduct.BreachesOwnAgreement(fiveYears, new SetTariff("A", "B", null, 0.3), []));

        // The same agreement without the exclusion lowers A's farm tariff with the rest.
        Assert.Equal(0.02, TestWorlds.Run(triangle, 20, moves).Relation("A", "B").Tariffs[(int)Sector.Agriculture], 12);
    }

    [Fact]
    public void Visa_facilitation_lifts_the_partners_travel_and_services_flows_and_nothing_else()
    {
        var world = TestWorlds.Triangle();
        var visas = new Shock("visas", "Visas", "Free e-visas.", [new AgreementEffect("ab-visa", AgreementKind.VisaFacilitation, ["A", "B"], new AgreementTerms())]);
        var control = TestWorlds.Run(world, 12);
        var state = TurnResolver.Resolve(world, [visas], []).State;
        var opened = TestWorlds.Run(state, 11);

        // The agreement warms trust, which lifts every sector a little; the `other` flows gain VisaServicesEffect on top.
        double Lift(Sector s) => TestWorlds.Exports(opened, "A", "B", s) / TestWorlds.Exports(control, "A", "B", s);
        Assert.InRange(Lift(Sector.Other) / Lift(Sector.Industrial), 1.015, 1.031);
        Assert.Equal(Lift(Sector.Industrial), Lift(Sector.Pharma), 9);
    }

    [Fact]
    public void A_second_corridor_a_scenario_opens_between_the_same_partners_is_a_second_route()
    {
        AgreementEffect Corridor(string id) => new(id, AgreementKind.ConnectivityCorridor, ["A", "B"], new AgreementTerms());
        var world = TestWorlds.Triangle();
        var one = TurnResolver.Resolve(world, [new Shock("sea", "Sea lane", "Opens.", [Corridor("sea")])], []).State;
        var two = TurnResolver.Resolve(world, [new Shock("routes", "Two routes", "Open.", [Corridor("sea"), Corridor("rail")])], []).State;

        Assert.Single(one.Agreements, g => g.Kind == AgreementKind.ConnectivityCorridor);
        Assert.Equal(2, two.Agreements.Count(g => g.Kind == AgreementKind.ConnectivityCorridor && g.InForce));
        Assert.True(TestWorlds.Run(two, 12).BilateralTrade("A", "B") > TestWorlds.Run(one, 12).BilateralTrade("A", "B"));
    }
}
