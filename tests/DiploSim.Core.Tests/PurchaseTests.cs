using DiploSim.Core.State;

namespace DiploSim.Core.Tests;

/// <summary>
/// Purchases of goods other than crude (model version 15): coal, pipeline gas, LNG, fertiliser, food and oil products, each valued at the
/// unit value its purchase states, adding up with the pair's contracted crude under the flow of their sector.
/// </summary>
public sealed class PurchaseTests
{
    private static Shock Buys(string id, params PurchaseEffect[] purchases) => new(id, id, string.Empty, [.. purchases]);

    /// <summary>The world after one turn with these shocks and moves, then <paramref name="more"/> quiet turns.</summary>
    private static WorldState Play(WorldState world, IReadOnlyList<Shock> shocks, IReadOnlyList<Move> moves, int more = 0)
    {
        var state = TurnResolver.Resolve(world, shocks, moves).State;
        for (var t = 0; t < more; t++)
        {
            state = TurnResolver.Resolve(state, []).State;
        }

        return state;
    }

    [Fact]
    public void Purchases_of_different_goods_add_up_under_their_sector_instead_of_one_floor_holding_them_all()
    {
        // B imports energy worth 10 a year from C. It buys 0.8 mb/d of C's crude at a 10% discount, about 18.4 a year at
        // the turn's price, and 100 Mt a year of C's coal at $130 a tonne, 13 a year: its energy from C is held at their sum.
        var world = TestWorlds.Triangle();
        var crude = new BuyDiscountedCrude("B", "C", 0.8, 0.10);
        var crudeValue = 0.8 * 0.365 * world.Global.OilPrice * 0.9;
        var coal = new PurchaseEffect("B", "C", Good.Coal, 100, 130);

        var crudeOnly = Play(world, [], [crude]);
        var both = Play(world, [Buys("coal", coal)], [crude]);

        Assert.Equal(crudeValue, TestWorlds.Exports(crudeOnly, "C", "B", Sector.Energy), 6);
        Assert.Equal(crudeValue + 13, TestWorlds.Exports(both, "C", "B", Sector.Energy), 6);
    }

    [Fact]
    public void A_good_is_valued_at_its_own_unit_value_whatever_the_oil_price()
    {
        // 100 Mt a year at $300 a tonne is 30 a year, three times the flow, in a world whose oil price a supply loss lifts
        // and in one where it does not.
        var world = TestWorlds.Triangle();
        var coal = Buys("coal", new PurchaseEffect("B", "C", Good.Coal, 100, 300));
        // Trade is valued at the price a turn opens with, so the second turn's trade sees the first turn's price.
        var calm = Play(world, [coal], [], more: 1);
        var shocked = Play(world, [coal, new Shock("loss", "Loss", string.Empty, [new OilSupplyEffect(-5)])], [], more: 1);

        Assert.True(shocked.Global.OilPrice > calm.Global.OilPrice * 1.05, $"{shocked.Global.OilPrice:0.0} against {calm.Global.OilPrice:0.0}");
        Assert.True(TestWorlds.Exports(shocked, "A", "B", Sector.Energy) > TestWorlds.Exports(calm, "A", "B", Sector.Energy), "B's crude from A follows the price");
        Assert.Equal(30, TestWorlds.Exports(calm, "C", "B", Sector.Energy), 6);
        Assert.Equal(30, TestWorlds.Exports(shocked, "C", "B", Sector.Energy), 6);
    }

    [Fact]
    public void Oil_products_count_under_energy_beside_crude_and_coal_at_their_own_unit_value()
    {
        // B buys 0.8 mb/d of C's crude, 100 Mt a year of its coal at $130 a tonne (13 a year) and 10 Mt a year of its
        // refined products at $550 a tonne (5.5 a year): its energy from C is held at the three together, and the products,
        // unlike crude, keep their stated value when an oil supply loss lifts the price.
        var world = TestWorlds.Triangle();
        var crude = new BuyDiscountedCrude("B", "C", 0.8, 0.10);
        var crudeValue = 0.8 * 0.365 * world.Global.OilPrice * 0.9;
        var fuels = Buys("fuels", new PurchaseEffect("B", "C", Good.Coal, 100, 130), new PurchaseEffect("B", "C", Good.OilProducts, 10, 550));
        var both = Play(world, [fuels], [crude]);
        Assert.Equal(crudeValue + 13 + 5.5, TestWorlds.Exports(both, "C", "B", Sector.Energy), 6);
        Assert.Equal(Sector.Energy, Good.OilProducts.SectorOf());

        var products = Buys("products", new PurchaseEffect("B", "C", Good.OilProducts, 60, 550));
        var calm = Play(world, [products], [], more: 1);
        var shocked = Play(world, [products, new Shock("loss", "Loss", string.Empty, [new OilSupplyEffect(-5)])], [], more: 1);
        Assert.True(shocked.Global.OilPrice > calm.Global.OilPrice * 1.05, $"{shocked.Global.OilPrice:0.0} against {calm.Global.OilPrice:0.0}");
        Assert.Equal(33, TestWorlds.Exports(calm, "C", "B", Sector.Energy), 6);
        Assert.Equal(33, TestWorlds.Exports(shocked, "C", "B", Sector.Energy), 6);
    }

    [Fact]
    public void Fertiliser_counts_under_agriculture_and_leaves_energy_where_it_was()
    {
        // 50 Mt a year at $400 a tonne is 20 a year, twice B's farm imports from C.
        var world = TestWorlds.Triangle();
        var bought = Play(world, [Buys("fertiliser", new PurchaseEffect("B", "C", Good.Fertiliser, 50, 400))], [], more: 2);
        var control = Play(world, [], [], more: 2);

        // Only through the economies (B's bill, C's sales) do the other flows move, and by little: nothing is displaced.
        Assert.Equal(20, TestWorlds.Exports(bought, "C", "B", Sector.Agriculture), 6);
        Assert.InRange(TestWorlds.Exports(bought, "C", "B", Sector.Energy) / TestWorlds.Exports(control, "C", "B", Sector.Energy), 0.99, 1.01);
        Assert.InRange(TestWorlds.Exports(bought, "A", "B", Sector.Agriculture) / TestWorlds.Exports(control, "A", "B", Sector.Agriculture), 0.98, 1.02);
    }

    [Fact]
    public void Food_counts_under_agriculture_and_adds_up_with_fertiliser_bought_from_the_same_seller()
    {
        // 50 Mt a year of fertiliser at $400 a tonne is 20 a year and 10 Mt of food at $1,000 a tonne 10 more: B's farm
        // imports from C are held at 30, three times their flow, and its energy from C stays where trade puts it.
        var world = TestWorlds.Triangle();
        var bought = Play(world, [Buys("farm", new PurchaseEffect("B", "C", Good.Fertiliser, 50, 400), new PurchaseEffect("B", "C", Good.Food, 10, 1000))], [], more: 2);
        var control = Play(world, [], [], more: 2);

        Assert.Equal(30, TestWorlds.Exports(bought, "C", "B", Sector.Agriculture), 6);
        Assert.InRange(TestWorlds.Exports(bought, "C", "B", Sector.Energy) / TestWorlds.Exports(control, "C", "B", Sector.Energy), 0.99, 1.01);
    }

    [Fact]
    public void A_purchase_below_the_flow_changes_nothing_and_a_purchase_of_volume_zero_ends_one()
    {
        // 10 Mt a year at $100 a tonne is 1 a year, well below the 10 B already imports: the flow is where trade puts it.
        // A later purchase of the same good replaces it, and one of volume 0 ends it, so the world hashes as if none had been made.
        var world = TestWorlds.Triangle();
        var small = Play(world, [Buys("coal", new PurchaseEffect("B", "C", Good.Coal, 10, 100))], [], more: 2);
        var control = Play(world, [], [], more: 2);
        Assert.Equal(TestWorlds.Exports(control, "C", "B", Sector.Energy), TestWorlds.Exports(small, "C", "B", Sector.Energy));
        Assert.Single(small.Purchases);

        var replaced = TurnResolver.Resolve(small, [Buys("more", new PurchaseEffect("B", "C", Good.Coal, 200, 100))], []).State;
        Assert.Equal(new GoodsPurchase("B", "C", Good.Coal, 200, 100), Assert.Single(replaced.Purchases));

        var ended = TurnResolver.Resolve(small, [Buys("stop", new PurchaseEffect("B", "C", Good.Coal, 0, 100))], []).State;
        var quiet = TurnResolver.Resolve(small with { Purchases = [] }, [Buys("stop", new PurchaseEffect("B", "C", Good.Coal, 0, 100))], []).State;
        Assert.Empty(ended.Purchases);
        Assert.Equal(StateHash.Compute(quiet), StateHash.Compute(ended));
    }

    [Fact]
    public void A_buyer_s_own_embargo_cuts_what_its_purchase_delivers()
    {
        // An embargo on C's energy (sectoral) cuts what B's coal brings in as it cuts crude.
        var world = TestWorlds.Triangle();
        var coal = Buys("coal", new PurchaseEffect("B", "C", Good.Coal, 100, 300));
        var open = Play(world, [coal], []);
        var embargoed = Play(world, [coal], [new SetSanction("B", "C", SanctionDomain.Energy, SanctionLevel.Comprehensive)]);

        Assert.True(TestWorlds.Exports(embargoed, "C", "B", Sector.Energy) < 0.5 * TestWorlds.Exports(open, "C", "B", Sector.Energy),
            $"{TestWorlds.Exports(embargoed, "C", "B", Sector.Energy):0.0} under the embargo against {TestWorlds.Exports(open, "C", "B", Sector.Energy):0.0}");
    }
}
