using DiploSim.Core.State;
using DiploSim.Scenarios;

namespace DiploSim.Core.Tests;

public sealed class MoveRulesTests
{
    private static readonly WorldState Baseline = BaselineScenario.World();

    public static TheoryData<Move> ValidMoves() => new()
    {
        new SetTariff("USA", "IND", null, 0.25),
        new SetTariff("IND", "CHN", Sector.Technology, 0.3),
        new SetSanction("EU", "RUS", SanctionDomain.Trade, SanctionLevel.Comprehensive),
        new SetSanction("USA", "RUS", SanctionDomain.Finance, SanctionLevel.None),
        new ThreatenSecondarySanctions("EU", "RUS"),
        new ThreatenSecondarySanctions("USA", "RUS", false),
        new ProposeAgreement("IND", "eaeu-fta", AgreementKind.FreeTrade, ["RUS"], new AgreementTerms(TariffCeiling: 0.05)),
        new ProposeAgreement("RUS", "ric", AgreementKind.StrategicPartnership, ["IND"], AgreementTerms.None) with { Agreement = AgreementKind.VisaFacilitation },
        new ProposeAgreement("IND", "imec", AgreementKind.ConnectivityCorridor, ["EU"], AgreementTerms.None),
        new ProposeAgreement("RUS", "northern-sea-route", AgreementKind.ConnectivityCorridor, ["CHN"], AgreementTerms.None),
        new WithdrawFromAgreement("IND", "relos"),
        new OrderArms("IND", "RUS", "S-500", 5, 12),
        new DecideDelivery("RUS", "s400-regiment-4", DeliveryDecision.Cancel),
        new BuyDiscountedCrude("IND", "RUS", 2.0, 0.08),
        new BuyDiscountedCrude("IND", "RUS", 0, 0),
        new SetPriceCapStance("EU", false),
        new SetPriceCapStance("IND", true),
        new HoldSummit("RUS", ["IND", "CHN"]),
        new MakeStatement("IND", "RUS", Stance.Neutral),
        new Diversify("IND", "RUS", DependenceDomain.Defence),
        new Diversify("RUS", "USA", DependenceDomain.Payments),
        new Invest("IND", Capacity.ExportPromotion, 10),
        new SetBlocMembership("IND", "G7", true),
        new SetBlocMembership("IND", "Quad", false),
        new GiveAid("CHN", "RUS", 5),
    };

    public static TheoryData<Move, string> InvalidMoves() => new()
    {
        { new SetTariff("XXX", "IND", null, 0.1), "unknown actor 'XXX'" },
        { new SetTariff("USA", "USA", null, 0.1), "cannot target itself" },
        { new SetTariff("USA", "IND", null, -0.1), "outside 0–200%" },
        { new SetTariff("USA", "IND", null, double.NaN), "outside 0–200%" },
        { new SetTariff("USA", "IND", null, 50), "tariff rate 5000% is outside 0–200%" },
        { new SetSanction("EU", "RUS", SanctionDomain.Finance, SanctionLevel.Comprehensive), "already comprehensive" },
        { new ThreatenSecondarySanctions("IND", "CHN"), "must sanction CHN" },
        { new ThreatenSecondarySanctions("USA", "RUS"), "already threatens" },
        { new ProposeAgreement("IND", "relos", AgreementKind.FreeTrade, ["RUS"], AgreementTerms.None), "already taken" },
        { new ProposeAgreement("IND", "x", AgreementKind.Logistics, ["RUS"], AgreementTerms.None), "already in force" },
        { new ProposeAgreement("IND", "x", AgreementKind.FreeTrade, [], AgreementTerms.None), "no partners" },
        { new ProposeAgreement("IND", "x", AgreementKind.FreeTrade, ["RUS", "RUS"], AgreementTerms.None), "named twice" },
        { new ProposeAgreement("IND", "x", AgreementKind.FreeTrade, ["RUS"], new AgreementTerms(TariffCeiling: 3)), "tariff ceiling" },
        { new ProposeAgreement("IND", "x", AgreementKind.EnergyContract, ["USA", "EU"], new AgreementTerms(EnergyVolumeMbd: 1)), "exactly one supplier" },
        { new ProposeAgreement("CHN", "x", AgreementKind.EnergyContract, ["USA"], AgreementTerms.None), "needs a volume" },
        { new ProposeAgreement("USA", "x", AgreementKind.ConnectivityCorridor, ["EU"], AgreementTerms.None), "no corridor route links USA and EU in this scenario; its routes: Chennai–Vladivostok Maritime Corridor (IND, RUS); India–Middle East–Europe Economic Corridor (EU, IND)" },
        { new ProposeAgreement("IND", "x", AgreementKind.ConnectivityCorridor, ["RUS", "EU"], AgreementTerms.None), "no corridor route links IND and RUS and EU" },
        { new AnswerProposal("IND", "nothing", true), "no pending proposal" },
        { new CounterProposal("IND", "nothing", "y", AgreementTerms.None), "no pending proposal" },
        { new WithdrawFromAgreement("USA", "relos"), "not a party" },
        { new WithdrawFromAgreement("IND", "none"), "no agreement" },
        { new OrderArms("IND", "RUS", "", 5, 12), "name the system" },
        { new OrderArms("IND", "RUS", "S-500", 0, 12), "between 0 and 50" },
        { new OrderArms("IND", "RUS", "S-500", 5, 0), "1 to 40 turns" },
        { new OrderArms("RUS", "USA", "F-35", 5, 8), "export controls" },
        { new OrderArms("USA", "RUS", "Su-57", 5, 8), "own technology sanctions" },
        { new DecideDelivery("IND", "s400-regiment-4", DeliveryDecision.Delay), "not the seller" },
        { new DecideDelivery("RUS", "nope", DeliveryDecision.Delay), "no pending delivery" },
        { new BuyDiscountedCrude("IND", "CHN", 1, 0.1), "not a net oil exporter" },
        { new BuyDiscountedCrude("RUS", "USA", 1, 0.1), "not a net oil exporter" },
        { new BuyDiscountedCrude("IND", "RUS", 9, 0.1), "exceeds" },
        { new BuyDiscountedCrude("IND", "RUS", 1, 0.9), "discount between" },
        { new BuyDiscountedCrude("EU", "RUS", 1, 0.05), "own energy sanctions" },
        { new BuyDiscountedCrude("USA", "CHN", 0, 0), "buys no discounted crude" },
        { new SetPriceCapStance("EU", true), "already enforces" },
        { new HoldSummit("IND", []), "no partners" },
        { new HoldSummit("IND", ["IND"]), "cannot target itself" },
        { new MakeStatement("IND", "ZZZ", Stance.Support), "unknown actor" },
        { new Diversify("IND", "RUS", DependenceDomain.Payments), "dollar's issuer" },
        { new Invest("IND", Capacity.PaymentRails, 1000), "at most" },
        { new Invest("IND", Capacity.PaymentRails, 0), "more than 0" },
        { new SetBlocMembership("IND", "BRICS", true), "already" },
        { new SetBlocMembership("USA", "BRICS", false), "not a member" },
        { new SetBlocMembership("IND", "Atlantis", true), "unknown bloc" },
        { new GiveAid("IND", "RUS", 500), "at most" },
    };

    [Theory]
    [MemberData(nameof(ValidMoves))]
    public void Validate_valid_move_returns_no_reason(Move move)
    {
        Assert.Null(MoveRules.Validate(Baseline, move));
    }

    [Theory]
    [MemberData(nameof(InvalidMoves))]
    public void Validate_invalid_move_explains_why(Move move, string reason)
    {
        var error = MoveRules.Validate(Baseline, move);
        Assert.NotNull(error);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_world_that_names_no_routes_lets_a_corridor_link_any_partners()
    {
        var open = TestWorlds.Triangle();
        var routed = TestWorlds.Triangle(configure: b => b.Route("Rail", "A", "B"));
        var ac = new ProposeAgreement("A", "x", AgreementKind.ConnectivityCorridor, ["C"], AgreementTerms.None);

        Assert.Null(MoveRules.Validate(open, ac));
        Assert.Equal("no corridor route links A and C in this scenario; its routes: Rail (A, B)", MoveRules.Validate(routed, ac));
        Assert.Null(MoveRules.Validate(routed, ac with { Partners = ["B"] }));
        Assert.NotEqual(StateHash.Compute(open), StateHash.Compute(routed));

        // A scenario with many routes: the refusal names the first few and counts the rest.
        var many = TestWorlds.Triangle(configure: b =>
        {
            for (var i = 0; i < 10; i++)
            {
                b.Route($"Route {i}", "A", "B");
            }
        });
        Assert.EndsWith("Route 5 (A, B); and 4 more", MoveRules.Validate(many, ac), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_price_cap_member_buying_above_the_cap_is_refused()
    {
        var world = BaselineScenario.World();
        var india = world.IndexOf("IND");
        world = world with { Actors = world.Actors.SetItem(india, world.Actors[india] with { PriceCapMember = true }) };
        var error = MoveRules.Validate(world, new BuyDiscountedCrude("IND", "RUS", 1, 0.05));
        Assert.Contains("price cap", error, StringComparison.Ordinal);
        Assert.Null(MoveRules.Validate(world, new BuyDiscountedCrude("IND", "RUS", 1, 0.3)));
    }

    [Fact]
    public void Cost_every_move_kind_costs_what_the_catalogue_says()
    {
        Assert.Equal(1, MoveRules.Cost(new SetTariff("USA", "IND", null, 0.1)));
        Assert.Equal(3, MoveRules.Cost(new SetSanction("EU", "RUS", SanctionDomain.Trade, SanctionLevel.Comprehensive)));
        Assert.Equal(1, MoveRules.Cost(new SetSanction("EU", "RUS", SanctionDomain.Trade, SanctionLevel.None)));
        Assert.Equal(0, MoveRules.Cost(new AnswerProposal("IND", "x", true)));
        Assert.Equal(3, MoveRules.Cost(new HoldSummit("RUS", ["IND", "CHN"])));
        Assert.Equal(2, MoveRules.Cost(new HoldSummit("RUS", ["IND"])));
        Assert.Equal(3, MoveRules.Cost(new Diversify("IND", "RUS", DependenceDomain.Defence)));
        Assert.Equal(2, MoveRules.Cost(new DecideDelivery("RUS", "x", DeliveryDecision.Cancel)));
    }

    [Fact]
    public void Resolve_invalid_and_over_budget_moves_are_rejected_with_reasons_and_the_turn_goes_on()
    {
        var world = BaselineScenario.World();
        Move[] moves =
        [
            new SetTariff("USA", "USA", null, 0.1),
            new HoldSummit("EU", ["IND"]), // 2 — third in canonical order: over budget
            new MakeStatement("EU", "RUS", Stance.Condemn), // 1 — second in canonical order
            new SetSanction("EU", "RUS", SanctionDomain.Trade, SanctionLevel.Comprehensive), // 3 — first
        ];

        var result = TurnResolver.Resolve(world, moves);

        var byText = result.Outcome.Moves.ToDictionary(m => m.Move.CanonicalText);
        Assert.False(byText[moves[0].CanonicalText].Accepted);
        Assert.Contains("cannot target itself", byText[moves[0].CanonicalText].Reason, StringComparison.Ordinal);
        Assert.True(byText[moves[3].CanonicalText].Accepted);
        Assert.True(byText[moves[2].CanonicalText].Accepted);
        Assert.False(byText[moves[1].CanonicalText].Accepted);
        Assert.Equal("needs 2 political capital, 1 left", byText[moves[1].CanonicalText].Reason);
        Assert.Equal(1, result.State.Turn);
        Assert.Equal(SanctionLevel.Comprehensive, result.State.Relation("EU", "RUS").Sanction(SanctionDomain.Trade));
    }

    [Fact]
    public void Resolve_two_moves_on_the_same_policy_only_the_first_in_canonical_order_stands()
    {
        var world = BaselineScenario.World();
        var result = TurnResolver.Resolve(world, [new SetTariff("USA", "IND", null, 0.3), new SetTariff("USA", "IND", null, 0.1)]);
        Assert.Single(result.Outcome.Moves, m => m.Accepted);
        Assert.Contains("conflicts", result.Outcome.Moves.Single(m => !m.Accepted).Reason, StringComparison.Ordinal);
    }
}
