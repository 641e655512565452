using DiploSim.Core;
using DiploSim.Core.State;

namespace DiploSim.Scenarios.Tests;

/// <summary>
/// Each inject of the library does what its headline says: fired by the teacher, it moves its main indicator the
/// stated way against the same scenario played without it (scripted shocks in both, no moves, so the inject is the
/// only difference).
/// </summary>
public sealed class LibraryInjectTests
{
    /// <summary>An inject's main effect: the indicator, the direction, when it is fired and how long after it is read.</summary>
    public sealed record Expectation(string File, string Inject, string Indicator, int Direction, int FireAt, int Turns, Func<WorldState, double> Read)
    {
        public override string ToString() => $"{File} {Inject}: {Indicator} {(Direction > 0 ? "up" : "down")}";
    }

    private static double Exports(WorldState s, string from, string to, params Sector[] sectors) =>
        sectors.Length == 0 ? s.Relation(from, to).TotalExports : sectors.Sum(x => s.Relation(from, to).Exports[(int)x]);

    private static readonly Expectation[] Expectations =
    [
        new("first-class.yaml", "ceasefire", "oil price", -1, 0, 1, s => s.Global.OilPrice),
        new("first-class.yaml", "us-india-trade-deal", "India's exports to the US", +1, 2, 6, s => Exports(s, "IND", "USA")),
        new("india-russia-summit-2025.yaml", "eaeu-fta", "India-Russia trade", +1, 0, 8, s => s.BilateralTrade("IND", "RUS")),
        new("india-russia-summit-2025.yaml", "chennai-vladivostok-corridor", "India-Russia trade", +1, 0, 12, s => s.BilateralTrade("IND", "RUS")),
        new("india-russia-summit-2025.yaml", "instc", "India-Russia trade", +1, 0, 12, s => s.BilateralTrade("IND", "RUS")),
        new("india-russia-summit-2025.yaml", "payments-mechanism", "India's payment rails", +1, 0, 1, s => s.Actor("IND").PaymentRails),
        new("india-russia-summit-2025.yaml", "smr-cooperation", "India's energy security", +1, 0, 8, s => s.Actor("IND").Scores.EnergySecurity),
        new("india-russia-summit-2025.yaml", "e-visas", "Russia's trust in India", +1, 0, 4, s => s.Relation("RUS", "IND").Trust),
        new("india-russia-summit-2025.yaml", "us-lifts-india-tariffs", "India's exports to the US", +1, 0, 6, s => Exports(s, "IND", "USA")),
        new("ric-triangle.yaml", "quad-summit-offer", "India's exports to the US", +1, 0, 6, s => Exports(s, "IND", "USA")),
        new("sanctions-escalation.yaml", "sanctions-relief", "Russia's exports to the US", +1, 4, 6, s => Exports(s, "RUS", "USA")),
        new("tariff-war.yaml", "us-eu-deal", "the EU's exports to the US", +1, 4, 6, s => Exports(s, "EU", "USA")),
    ];

    public static TheoryData<string> Injects() => [.. Expectations.Select(e => $"{e.File} {e.Inject}")];

    private static WorldState Play(Scenario scenario, Shock? inject, int fireAt, int turns)
    {
        var state = scenario.World;
        for (var t = 0; t < turns; t++)
        {
            var shocks = scenario.Script.Due(state).ToList();
            if (inject is not null && t == fireAt)
            {
                shocks.Add(inject);
            }

            state = TurnResolver.Resolve(state, shocks, [], ResolveOptions.Lookahead).State;
        }

        return state;
    }

    [Fact]
    public void Every_inject_of_the_library_has_an_expected_effect()
    {
        var injects = ScenarioLibrary.Files()
            .SelectMany(f => ScenarioLoader.Load(f).Scenario!.Script.Injects.Select(i => $"{Path.GetFileName(f)} {i.Id}"))
            .Order(StringComparer.Ordinal);

        Assert.Equal(injects, Expectations.Select(e => $"{e.File} {e.Inject}").Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Injects))]
    public void An_inject_moves_its_main_indicator_the_way_its_headline_says(string name)
    {
        var expectation = Expectations.Single(e => $"{e.File} {e.Inject}" == name);
        var scenario = ScenarioLoader.Load(Library.File(expectation.File)).Scenario!;
        var inject = scenario.Script.Find(expectation.Inject)!;
        var turns = expectation.FireAt + expectation.Turns;

        var without = expectation.Read(Play(scenario, null, expectation.FireAt, turns));
        var with = expectation.Read(Play(scenario, inject, expectation.FireAt, turns));

        Assert.True(Math.Sign(with - without) == expectation.Direction, $"{expectation}: {without:0.####} without the inject, {with:0.####} with it");
    }

    [Theory]
    [InlineData("first-class.yaml", "us-india-trade-deal", 2)]
    [InlineData("india-russia-summit-2025.yaml", "us-lifts-india-tariffs", 0)]
    [InlineData("ric-triangle.yaml", "quad-summit-offer", 0)]
    public void A_us_tariff_cut_on_india_lowers_no_sectors_exports_and_keeps_the_exempt_sectors_free(string file, string id, int fireAt)
    {
        var scenario = ScenarioLoader.Load(Library.File(file)).Scenario!;
        var inject = scenario.Script.Find(id)!;

        var without = Play(scenario, null, fireAt, fireAt + 6);
        var with = Play(scenario, inject, fireAt, fireAt + 6);

        foreach (var sector in Domain.Sectors)
        {
            Assert.True(Exports(with, "IND", "USA", sector) >= Exports(without, "IND", "USA", sector) * 0.999,
                $"{sector}: {Exports(without, "IND", "USA", sector):0.###} without, {Exports(with, "IND", "USA", sector):0.###} with");
        }

        foreach (var exempt in new[] { Sector.Pharma, Sector.Technology, Sector.Energy })
        {
            Assert.Equal(without.Relation("USA", "IND").Tariffs[(int)exempt], with.Relation("USA", "IND").Tariffs[(int)exempt]);
        }
    }
}
