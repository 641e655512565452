using System.Collections.Immutable;
using DiploSim.Contracts;
using DiploSim.Core;
using DiploSim.Core.State;

namespace DiploSim.Grains.Tests;

public sealed class MoveMappingTests
{
    public static TheoryData<Move> EveryKind() =>
    [
        new SetTariff("IND", "USA", Sector.Pharma, 0.2),
        new SetTariff("IND", "USA", null, 0.1),
        new SetSanction("USA", "RUS", SanctionDomain.Finance, SanctionLevel.Sectoral),
        new ThreatenSecondarySanctions("USA", "RUS", false),
        new ProposeAgreement("IND", "p1", AgreementKind.FreeTrade, ["RUS"], new AgreementTerms(TariffCeiling: 0.05)),
        new AnswerProposal("RUS", "p1", true),
        new CounterProposal("RUS", "p1", "p2", new AgreementTerms(TradeTarget: 100)),
        new WithdrawFromAgreement("IND", "a1"),
        new OrderArms("IND", "RUS", "S-400", 5.4, 8),
        new DecideDelivery("RUS", "d1", DeliveryDecision.Delay),
        new BuyDiscountedCrude("IND", "RUS", 1.8, 0.12),
        new SetPriceCapStance("EU", true),
        new HoldSummit("IND", ["RUS", "CHN"]),
        new MakeStatement("IND", "USA", Stance.Neutral),
        new Diversify("IND", "RUS", DependenceDomain.Defence),
        new Invest("IND", Capacity.PaymentRails, 3),
        new SetBlocMembership("IND", "SCO", false),
        new GiveAid("CHN", "RUS", 2),
    ];

    [Theory]
    [MemberData(nameof(EveryKind))]
    public void A_move_survives_the_wire_unchanged(Move move)
    {
        var back = MoveMapping.ToCore(MoveMapping.FromCore(move), move.Actor);

        Assert.True(back.IsOk, back.Error);
        Assert.Equal(move.CanonicalText, back.Value!.CanonicalText);
        Assert.Equal(move.GetType(), back.Value.GetType());
    }

    [Theory]
    [InlineData("Teleport", null, null, "unknown move kind 'Teleport'")]
    [InlineData("SetTariff", null, 0.1, "'target' is required")]
    [InlineData("SetTariff", "USA", null, "'rate' is required")]
    [InlineData("SetTariff", "USA", double.NaN, "'rate' must be a finite number")]
    [InlineData("3", "USA", 0.1, "unknown move kind '3'")]
    public void A_malformed_order_is_refused_with_a_reason(string kind, string? target, double? rate, string reason)
    {
        var read = MoveMapping.ToCore(new MoveOrder { Kind = kind, Target = target, Rate = rate }, "IND");

        Assert.False(read.IsOk);
        Assert.Contains(reason, read.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_order_naming_another_actor_is_refused()
    {
        var read = MoveMapping.ToCore(new MoveOrder { Kind = "HoldSummit", Actor = "RUS", Partners = ["IND"] }, "IND");

        Assert.Equal("the move is for RUS, not for IND", read.Error);
    }

    [Fact]
    public void An_unknown_sector_is_refused_rather_than_read_as_all_sectors()
    {
        var read = MoveMapping.ToCore(new MoveOrder { Kind = "SetTariff", Target = "USA", Rate = 0.1, Sector = "spaceships" }, "IND");

        Assert.False(read.IsOk);
        Assert.Contains("'sector' must be one of", read.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Partners_must_be_named()
    {
        var read = MoveMapping.ToCore(new MoveOrder { Kind = "HoldSummit", Partners = ImmutableArray<string>.Empty }, "IND");

        Assert.Contains("'partners' needs at least one actor", read.Error, StringComparison.Ordinal);
    }
}
