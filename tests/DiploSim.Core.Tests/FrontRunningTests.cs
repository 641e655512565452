using DiploSim.Core.State;
using DiploSim.Scenarios;

namespace DiploSim.Core.Tests;

/// <summary>
/// Tariffs announced ahead of their effect (model version 15): importers buy ahead of a rise and put purchases off
/// ahead of a cut, and what they bought early comes back out of their imports once it lands or is withdrawn.
/// </summary>
public sealed class FrontRunningTests
{
    private static readonly WorldState Baseline = BaselineScenario.World();

    private const int Technology = (int)Sector.Technology;

    /// <summary>US technology exports to India, USD bn a year: the flow India's announced tariffs fall on.</summary>
    private static double Flow(WorldState s) => s.Relation("USA", "IND").Exports[Technology];

    private static double Tariff(WorldState s) => s.Relation("IND", "USA").Tariffs[Technology];

    private static readonly double Before = Tariff(Baseline);

    private static Shock Announce(double rate, int turns) =>
        new("announce", "India announces a tariff on US technology", "It takes effect later.", [new TariffAnnouncementEffect(new SetTariff("IND", "USA", Sector.Technology, rate), turns)]);

    private static Shock Impose(double rate) =>
        new("impose", "India taxes US technology", "At once.", [new PolicyEffect(new SetTariff("IND", "USA", Sector.Technology, rate))]);

    private static Shock Withdraw() =>
        new("withdraw", "India puts its tariff off", "Without a date.", [new TariffWithdrawalEffect("IND", "USA", Sector.Technology)]);

    private static List<WorldState> Play(int turns, Func<int, Shock[]> due) => PhaseTests.Play(turns, due);

    /// <summary>The share of the flow importers add in a turn ahead of a tariff of <paramref name="rate"/>: half its first year's cut.</summary>
    private static double Ahead(double rate) =>
        ModelParameters.FrontRunShare * (1 - Math.Pow((1 + rate) / (1 + Before), -Baseline.Parameters.ShortRunTradeElasticity));

    [Fact]
    public void Importers_buy_ahead_of_an_announced_tariff_and_as_much_less_after_it_lands()
    {
        const double rate = 0.4;
        var surprise = Play(8, t => t == 2 ? [Impose(rate)] : []);
        var announced = Play(8, t => t == 0 ? [Announce(rate, 2)] : []);

        // Announced in turn 0 for two turns on, it lands in turn 2 as the surprise does, and not before.
        Assert.True(Flow(surprise[0]) > 1, $"the flow is {Flow(surprise[0]):0.00}bn a year");
        Assert.Equal(Before, Tariff(announced[1]));
        Assert.Equal(rate, Tariff(announced[2]));
        Assert.Equal(Tariff(surprise[2]), Tariff(announced[2]));

        // While it is ahead, importers buy half the first year's cut on top of the flow.
        Assert.True(Ahead(rate) > 0.1, $"the run-up adds {Ahead(rate):P1}");
        Assert.Equal(1 + Ahead(rate), Flow(announced[0]) / Flow(surprise[0]), 0.002);
        Assert.Equal(1 + Ahead(rate), Flow(announced[1]) / Flow(surprise[1]), 0.002);
        Assert.True(announced[1].TariffAnnouncements.Single().Pending);
        Assert.NotEqual(StateHash.Compute(surprise[1]), StateHash.Compute(announced[1]));

        // After it lands they buy less by what they bought early, in two equal parts, and then as if unannounced.
        var bought = Enumerable.Range(0, 2).Sum(t => Flow(announced[t]) - Flow(surprise[t]));
        for (var t = 2; t < 4; t++)
        {
            Assert.Equal(-bought / 2, Flow(announced[t]) - Flow(surprise[t]), 0.02 * bought);
        }

        for (var t = 4; t < 8; t++)
        {
            Assert.Equal(1, Flow(announced[t]) / Flow(surprise[t]), 0.002);
        }

        // No goods are created: over the run the two import the same.
        var extra = announced.Zip(surprise).Sum(p => Flow(p.First) - Flow(p.Second));
        Assert.True(Math.Abs(extra) < 0.02 * bought, $"{extra:0.000}bn more over the run, against {bought:0.000}bn bought ahead");
        Assert.Empty(announced[4].TariffAnnouncements);
    }

    /// <summary>The turns' results with <paramref name="moves"/> made in each turn and no shocks.</summary>
    private static List<TurnResult> PlayMoves(int turns, Func<int, Move[]> moves)
    {
        var results = new List<TurnResult>();
        var state = Baseline;
        for (var t = 0; t < turns; t++)
        {
            results.Add(TurnResolver.Resolve(state, [], moves(t)));
            state = results[^1].State;
        }

        return results;
    }

    [Fact]
    public void A_country_s_tariff_move_announced_two_turns_ahead_buys_ahead_and_lands_as_the_same_announcement_by_a_shock_does()
    {
        const double rate = 0.4;
        var byShock = Play(6, t => t == 0 ? [Announce(rate, 2)] : []);
        var byMove = PlayMoves(6, t => t == 0 ? [new SetTariff("IND", "USA", Sector.Technology, rate, InTurns: 2)] : []);

        var move = Assert.Single(byMove[0].Outcome.Moves);
        Assert.True(move.Accepted, move.Reason);
        Assert.Equal(1, move.Cost);
        Assert.Contains(byMove[0].Outcome.News, n => n.Headline == "IND announces a 40% tariff on technology goods from USA, to take effect in 2 turns");
        Assert.Equal(Before, Tariff(byMove[1].State));
        Assert.Equal(rate, Tariff(byMove[2].State));
        for (var t = 0; t < 6; t++)
        {
            Assert.Equal(Flow(byShock[t]), Flow(byMove[t].State), 1e-9);
        }

        Assert.True(Flow(byMove[0].State) > Flow(Play(1, _ => [])[0]) * 1.05, "importers bought ahead");
    }

    [Fact]
    public void A_tariff_move_on_goods_with_an_announced_tariff_replaces_it_so_the_announcement_never_lands()
    {
        var results = PlayMoves(5, t => t switch
        {
            0 => [new SetTariff("IND", "USA", Sector.Technology, 0.4, InTurns: 3)],
            1 => [new SetTariff("IND", "USA", Sector.Technology, 0.1)],
            _ => [],
        });

        Assert.Equal(0.1, Tariff(results[1].State));
        Assert.Contains(results[1].Outcome.News, n => n.Headline.StartsWith("IND replaces the tariff it had announced", StringComparison.Ordinal));
        Assert.False(results[1].State.TariffAnnouncements.Single().Pending);
        for (var t = 2; t < 5; t++)
        {
            Assert.Equal(0.1, Tariff(results[t].State));
        }

        Assert.DoesNotContain(results.SelectMany(r => r.Outcome.News), n => n.Headline.StartsWith("Announced tariff takes effect", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(21)]
    public void A_tariff_move_announced_outside_0_to_20_turns_is_refused_with_its_reason(int turns)
    {
        var result = PlayMoves(1, _ => [new SetTariff("IND", "USA", Sector.Technology, 0.4, InTurns: turns)])[0];

        var move = Assert.Single(result.Outcome.Moves);
        Assert.False(move.Accepted);
        Assert.Equal($"a tariff takes effect 0 to 20 turns on, not {turns}", move.Reason);
        Assert.Empty(result.State.TariffAnnouncements);
    }

    [Fact]
    public void A_withdrawn_announcement_ends_the_run_up_lands_nothing_and_what_was_bought_early_comes_back_out()
    {
        const double rate = 0.4;
        var control = Play(6, _ => []);
        var withdrawn = Play(6, t => t switch { 0 => [Announce(rate, 3)], 1 => [Withdraw()], _ => [] });

        var bought = Flow(withdrawn[0]) - Flow(control[0]);
        Assert.Equal(Ahead(rate), bought / Flow(control[0]), 0.002);

        // Withdrawn before trade moves in turn 1: no run-up that turn, and the turn-0 purchases come out of it.
        Assert.Equal(-bought, Flow(withdrawn[1]) - Flow(control[1]), 0.02 * bought);
        for (var t = 2; t < 6; t++)
        {
            Assert.Equal(1, Flow(withdrawn[t]) / Flow(control[t]), 0.002);
            Assert.Equal(Before, Tariff(withdrawn[t]));
        }

        Assert.Empty(withdrawn[2].TariffAnnouncements);
    }

    [Fact]
    public void Withdrawing_a_tariff_that_was_never_announced_is_noted_and_changes_nothing()
    {
        var result = TurnResolver.Resolve(Baseline, [Withdraw()], []);
        var control = TurnResolver.Resolve(Baseline, []);

        var note = Assert.Single(Assert.Single(result.Outcome.Shocks).Notes);
        Assert.Contains("IND has announced no tariff on USA's technology", note, StringComparison.Ordinal);
        Assert.Equal(Flow(control.State), Flow(result.State));
        Assert.Empty(result.State.TariffAnnouncements);
    }

    [Fact]
    public void Importers_put_purchases_off_ahead_of_an_announced_tariff_cut_and_make_them_after_it()
    {
        Assert.True(Before > 0.01, $"India's tariff on US technology is {Before:P1}");
        var surprise = Play(4, t => t == 1 ? [Impose(0)] : []);
        var announced = Play(4, t => t == 0 ? [Announce(0, 1)] : []);

        var putOff = Flow(surprise[0]) - Flow(announced[0]);
        Assert.Equal(-Ahead(0), putOff / Flow(surprise[0]), 0.002);
        Assert.Equal(putOff, Flow(announced[1]) - Flow(surprise[1]), 0.02 * putOff);
        Assert.Equal(1, Flow(announced[3]) / Flow(surprise[3]), 0.002);
        Assert.Equal(0, Tariff(announced[1]));
    }

    [Fact]
    public void An_announced_tariff_the_moves_could_not_set_is_refused_with_its_reason()
    {
        var shock = new Shock("announce", "A tariff on nobody", "Typed wrong.", [new TariffAnnouncementEffect(new SetTariff("IND", "ZZZ", Sector.Technology, 0.4), 2)]);

        Assert.Contains("'ZZZ'", shock.Problem(Baseline), StringComparison.Ordinal);
        var result = TurnResolver.Resolve(Baseline, [shock], []);
        Assert.NotEmpty(Assert.Single(result.Outcome.Shocks).Notes);
        Assert.Empty(result.State.TariffAnnouncements);

        var tooFar = new Shock("announce", "Too far", "Typed wrong.", [new TariffAnnouncementEffect(new SetTariff("IND", "USA", Sector.Technology, 0.4), ShockLimits.AnnouncementTurns + 1)]);
        Assert.Contains("expected 1 to 20", tooFar.Problem(Baseline), StringComparison.Ordinal);
    }
}
