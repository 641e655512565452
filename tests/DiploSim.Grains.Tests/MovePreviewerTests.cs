using DiploSim.Scenarios;
using DiploSim.Contracts;
using DiploSim.Core;
using DiploSim.Core.State;

namespace DiploSim.Grains.Tests;

public sealed class MovePreviewerTests
{
    private static readonly WorldState World = BaselineScenario.World(seed: 7);

    private static IndicatorEffect Effect(MovePreview p, string indicator) => Assert.Single(p.Effects, e => e.Indicator == indicator);

    [Fact]
    public void A_tariff_rise_previews_lower_trade_with_the_target_and_lower_trust_of_the_target()
    {
        var order = new MoveOrder { Kind = "SetTariff", Target = "USA", Rate = 0.5 };

        var preview = MovePreviewer.Preview(World, "IND", order);

        Assert.Null(preview.Refusal);
        Assert.Equal("USA", preview.Target);
        Assert.Equal(1, preview.Cost);
        Assert.Equal(World.Actor("IND").Capital, preview.Capital);
        Assert.Contains("USA", preview.Description, StringComparison.Ordinal);
        var trade = Effect(preview, "tradeWithTarget");
        Assert.True(trade.With < trade.Without, $"trade with the tariff {trade.With} should be below {trade.Without}");
        var trust = Effect(preview, "trustOfTarget");
        Assert.True(trust.With < trust.Without, $"USA's trust in IND with the tariff {trust.With} should be below {trust.Without}");
        Assert.All(["gdp", "stability", "utility", "prosperity", "security", "energySecurity", "autonomy", "influence", "goals"],
            i => Assert.Contains(preview.Effects, e => e.Indicator == i));
    }

    [Fact]
    public void The_baseline_is_the_turn_resolved_with_no_move()
    {
        var preview = MovePreviewer.Preview(World, "IND", new MoveOrder { Kind = "MakeStatement", Target = "RUS", Stance = "Support" });

        var without = TurnResolver.Resolve(World, [], [], ResolveOptions.Lookahead).State;
        Assert.Equal(without.Actor("IND").Gdp, Effect(preview, "gdp").Without);
        Assert.Equal(without.Relation("RUS", "IND").Trust, Effect(preview, "trustOfTarget").Without);
        Assert.True(Effect(preview, "trustOfTarget").Change > 0, "a statement of support raises the target's trust");
    }

    [Fact]
    public void A_preview_is_the_same_every_time()
    {
        var order = new MoveOrder { Kind = "SetSanction", Target = "RUS", Domain = "Finance", Level = "Sectoral" };
        var first = MovePreviewer.Preview(World, "USA", order);
        var second = MovePreviewer.Preview(World, "USA", order);
        Assert.Equal(string.Join("\n", first.Effects), string.Join("\n", second.Effects));
    }

    [Fact]
    public void An_invalid_move_returns_the_validators_reason_and_no_effects()
    {
        var move = new SetTariff("IND", "USA", null, 3);

        var preview = MovePreviewer.Preview(World, "IND", MoveMapping.FromCore(move));

        Assert.Equal(MoveRules.Validate(World, move), preview.Refusal);
        Assert.Equal("tariff rate 300% is outside 0–200%", preview.Refusal);
        Assert.Empty(preview.Effects);
        Assert.Null(preview.Description);
    }

    [Fact]
    public void A_move_against_oneself_is_refused_with_the_validators_reason()
    {
        var preview = MovePreviewer.Preview(World, "IND", new MoveOrder { Kind = "GiveAid", Target = "IND", Amount = 1 });
        Assert.Equal("IND cannot target itself", preview.Refusal);
    }

    [Fact]
    public void A_malformed_order_returns_the_mapping_reason()
    {
        var preview = MovePreviewer.Preview(World, "IND", new MoveOrder { Kind = "SetTariff", Rate = 0.1 });
        Assert.Equal("malformed SetTariff move: 'target' is required", preview.Refusal);

        var forOther = MovePreviewer.Preview(World, "IND", new MoveOrder { Kind = "SetTariff", Actor = "RUS", Target = "USA", Rate = 0.1 });
        Assert.Equal("the move is for RUS, not for IND", forOther.Refusal);
    }

    [Fact]
    public void Answering_a_proposal_is_about_its_proposer()
    {
        var proposed = TurnResolver.Resolve(World, [], [new ProposeAgreement("IND", "p1", AgreementKind.FreeTrade, ["RUS"], AgreementTerms.None)]).State;

        var preview = MovePreviewer.Preview(proposed, "RUS", new MoveOrder { Kind = "AnswerProposal", ProposalId = "p1", Accept = true });

        Assert.Null(preview.Refusal);
        Assert.Equal("IND", preview.Target);
        Assert.Equal(0, preview.Cost);
    }
}

public sealed class DashboardViewsTests
{
    private static readonly WorldState World = BaselineScenario.World(seed: 7);

    [Fact]
    public void Indias_ledger_shows_its_arms_suppliers_deliveries_agreements_and_energy_bill()
    {
        var ledger = DashboardViews.Ledger(World, "IND");

        Assert.Equal("RUS", ledger.ArmsSuppliers[0].Supplier);
        Assert.Equal(0.36, ledger.ArmsSuppliers[0].Share, 6);
        Assert.Equal(World.Deliveries.Count(d => d.Buyer == "IND" || d.Seller == "IND"), ledger.Deliveries.Length);
        Assert.Equal(["s400-regiment-4", "s400-regiment-5", "mq9b"], ledger.Deliveries.Select(d => d.Id).Take(3));
        Assert.True(ledger.Deliveries.Select(d => d.DueTurn).SequenceEqual(ledger.Deliveries.Select(d => d.DueTurn).Order()), "deliveries come in the order they are due");
        Assert.Equal("Delayed", ledger.Deliveries[0].Status);
        Assert.Contains(ledger.Agreements, g => g.Id == "brahmos" && g.Kind == "DefenceCoProduction" && g.Status == "InForce" && g.Breaches == 0);
        Assert.DoesNotContain(ledger.Agreements, g => !g.Parties.Contains("IND"));
        Assert.True(ledger.Energy.Bill > 0, "India imports oil and pays for it");
        Assert.True(ledger.Energy.NetOilImportsMbd > 0);
        Assert.Equal(World.Actor("IND").Economy.EnergyBill, ledger.Energy.Bill);
    }

    [Fact]
    public void Trade_lines_add_up_to_the_bilateral_trade_by_partner()
    {
        var ledger = DashboardViews.Ledger(World, "IND");

        foreach (var partner in World.Actors.Where(a => a.Id != "IND"))
        {
            var listed = ledger.Trade.Where(t => t.Partner == partner.Id).Sum(t => t.Exports + t.Imports);
            Assert.Equal(World.BilateralTrade("IND", partner.Id), listed, 0.05 * Enum.GetValues<Sector>().Length);
        }

        Assert.Contains(ledger.Trade, t => t.Partner == "RUS" && t.Sector == "Energy" && t.Imports > 10);
    }

    [Fact]
    public void A_breach_shows_in_the_agreements_compliance()
    {
        var breached = TurnResolver.Resolve(World, [], [new SetTariff("EU", "USA", null, 0.5)]).State;

        var framework = Assert.Single(DashboardViews.Ledger(breached, "USA").Agreements, g => g.Id == "usa-eu-framework");

        Assert.Equal(1, framework.Breaches);
        Assert.Equal("EU", framework.LastBreachedBy);
    }

    [Fact]
    public void The_network_links_every_pair_once_with_both_trusts_their_trade_and_the_tariffs_each_levies_on_the_other()
    {
        var map = DashboardViews.Network(World);

        var n = World.Count;
        Assert.Equal(n * (n - 1) / 2, map.Links.Length);
        var link = Assert.Single(map.Links, l => l.A == "IND" && l.B == "RUS");
        Assert.Equal(World.Relation("IND", "RUS").Trust, link.TrustAB);
        Assert.Equal(World.Relation("RUS", "IND").Trust, link.TrustBA);
        Assert.Equal(World.BilateralTrade("IND", "RUS"), link.Trade);

        // India's rates on Russian goods (35% on farm goods, 12% on most, in the baseline) and Russia's on India's (6%).
        Assert.Equal(World.Relation("IND", "RUS").Tariffs, link.TariffsAB);
        Assert.Equal(World.Relation("RUS", "IND").Tariffs, link.TariffsBA);
        Assert.Equal(0.35, link.TariffsAB[(int)Sector.Agriculture], 9);
        Assert.Equal(0.06, link.TariffsBA[(int)Sector.Industrial], 9);
    }
}
