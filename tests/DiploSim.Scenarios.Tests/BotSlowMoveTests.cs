using System.Globalization;
using System.Text;
using DiploSim.Core;
using Xunit.Abstractions;

namespace DiploSim.Scenarios.Tests;

/// <summary>
/// The slow moves bots make over whole seeded all-bot runs of every library scenario: investment, diversification
/// and connectivity corridors, whose effect builds over several quarters, counted from the moves the turns accepted.
/// </summary>
public sealed class BotSlowMoveTests(ITestOutputHelper output)
{
    private const int Seeds = 4;

    [Fact]
    public void Bots_invest_diversify_and_build_corridors_when_they_pay_within_the_scenario_and_not_in_its_last_turn()
    {
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"| scenario ({Seeds} seeds, its whole length) | turns | investments | diversifications | corridors proposed | corridors signed | slow moves in the last turn |");
        table.AppendLine("|---|---|---|---|---|---|---|");
        var totals = new Counts();
        foreach (var file in ScenarioLibrary.Files())
        {
            var counts = new Counts();
            var turns = 0;
            for (ulong seed = 1; seed <= Seeds; seed++)
            {
                var loaded = ScenarioLoader.Load(file, new ScenarioOptions(seed));
                Assert.True(loaded.IsOk, string.Join(Environment.NewLine, loaded.Errors));
                turns = loaded.Scenario!.Turns;
                Play(loaded.Scenario, counts);
            }

            table.AppendLine(CultureInfo.InvariantCulture, $"| {Path.GetFileNameWithoutExtension(file)} | {turns} | {counts.Investments} | {counts.Diversifications} | {counts.CorridorsProposed} | {counts.CorridorsSigned} | {counts.InLastTurn} |");
            totals.Add(counts);
        }

        output.WriteLine(table.ToString());
        Assert.True(totals.Investments > 0, "no bot invested in any library scenario");
        Assert.True(totals.Diversifications > 0, "no bot diversified in any library scenario");
        Assert.True(totals.CorridorsSigned > 0, "no corridor proposed by a bot was signed in any library scenario");
        Assert.Equal(0, totals.InLastTurn);
    }

    [Fact]
    public void Bots_make_investments_that_pay_only_over_several_quarters_and_none_in_the_last_turns()
    {
        // An investment costs output at once and pays as the exports it adds arrive (docs/model.md, Bots), so in its
        // first quarter it is a loss, and a bot makes it only while the run has quarters left for it to pay.
        var early = 0;
        var late = 0;
        var losingAtFirst = 0;
        var lastTurnsLeft = int.MaxValue;
        for (ulong seed = 1; seed <= 2; seed++)
        {
            var scenario = ScenarioLoader.Load(Library.File("india-russia-summit-2025.yaml"), new ScenarioOptions(seed)).Scenario!;
            var world = scenario.World;
            var end = world.Turn + scenario.Turns;
            foreach (var result in Simulation.Play(world, scenario.Script, scenario.Turns))
            {
                foreach (var invest in result.Outcome.Moves.Where(m => m.Accepted).Select(m => m.Move).OfType<Invest>())
                {
                    lastTurnsLeft = Math.Min(lastTurnsLeft, end - world.Turn);
                    if (end - world.Turn <= 2)
                    {
                        late++;
                        continue;
                    }

                    early++;
                    var alone = TurnResolver.Resolve(world, [invest], ResolveOptions.Lookahead).State.Actor(invest.Actor).Scores.Utility;
                    var none = TurnResolver.Resolve(world, [], ResolveOptions.Lookahead).State.Actor(invest.Actor).Scores.Utility;
                    losingAtFirst += alone - none < world.Parameters.BotCapitalPrice * MoveRules.Cost(invest) ? 1 : 0;
                }

                world = result.State;
            }
        }

        output.WriteLine($"{early} investments before the last two turns, {losingAtFirst} of them a loss in their first quarter; {late} in the last two turns; the latest with {lastTurnsLeft} turns left");
        Assert.True(early > 0, "no bot invested");
        Assert.Equal(early, losingAtFirst);
        Assert.Equal(0, late);
    }

    [Fact]
    public void With_a_budget_every_turn_bots_invest_when_the_run_has_a_year_left_and_not_in_its_last_turn()
    {
        // Every actor weighs slow moves every turn (BotBudgetsPerYear 4), so only the turns the run has left decide.
        int Investments(int turns)
        {
            var made = 0;
            for (ulong seed = 1; seed <= 2; seed++)
            {
                var scenario = ScenarioLoader.Load(Library.File("india-russia-summit-2025.yaml"), new ScenarioOptions(seed, [new("BotBudgetsPerYear", 4)])).Scenario!;
                made += Simulation.Play(scenario.World, scenario.Script, turns).First().Outcome.Moves.Count(m => m.Accepted && m.Move is Invest);
            }

            return made;
        }

        var lastTurn = Investments(1);
        var yearLeft = Investments(4);
        output.WriteLine($"investments in the first turn of a run of one turn: {lastTurn}; of four turns: {yearLeft}");
        Assert.Equal(0, lastTurn);
        Assert.True(yearLeft > 0, "no bot invested with a year of the run left");
    }

    private static void Play(Scenario scenario, Counts counts)
    {
        var world = scenario.World;
        var last = world.Turn + scenario.Turns - 1;
        foreach (var result in Simulation.Play(world, scenario.Script, scenario.Turns))
        {
            var slow = 0;
            foreach (var move in result.Outcome.Moves.Where(m => m.Accepted).Select(m => m.Move))
            {
                switch (move)
                {
                    case Invest:
                        counts.Investments++;
                        slow++;
                        break;
                    case Diversify:
                        counts.Diversifications++;
                        slow++;
                        break;
                    case ProposeAgreement { Agreement: AgreementKind.ConnectivityCorridor }:
                        counts.CorridorsProposed++;
                        slow++;
                        break;
                }
            }

            counts.InLastTurn += world.Turn == last ? slow : 0;
            world = result.State;
        }

        counts.CorridorsSigned += world.Agreements.Count(a => a.Kind == AgreementKind.ConnectivityCorridor && !scenario.World.Agreements.Any(b => b.Id == a.Id));
    }

    private sealed class Counts
    {
        public int Investments { get; set; }

        public int Diversifications { get; set; }

        public int CorridorsProposed { get; set; }

        public int CorridorsSigned { get; set; }

        public int InLastTurn { get; set; }

        public void Add(Counts other)
        {
            Investments += other.Investments;
            Diversifications += other.Diversifications;
            CorridorsProposed += other.CorridorsProposed;
            CorridorsSigned += other.CorridorsSigned;
            InLastTurn += other.InLastTurn;
        }
    }
}
