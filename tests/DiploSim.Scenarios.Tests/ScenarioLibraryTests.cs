using DiploSim.Core;

namespace DiploSim.Scenarios.Tests;

public sealed class ScenarioLibraryTests
{
    public static TheoryData<string> Files() => [.. ScenarioLibrary.Files().Select(Path.GetFileName).OfType<string>()];

    [Fact]
    public void The_library_holds_the_five_scenarios_of_the_issue()
    {
        var names = ScenarioLibrary.Files().Select(Path.GetFileName).ToArray();
        Assert.Subset(names.ToHashSet(), new HashSet<string?> { "first-class.yaml", "india-russia-summit-2025.yaml", "ric-triangle.yaml", "sanctions-escalation.yaml", "tariff-war.yaml" });
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_scenario_validates_and_runs_40_turns(string file)
    {
        var loaded = ScenarioLoader.Load(Library.File(file), new ScenarioOptions(7));
        Assert.True(loaded.IsOk, string.Join(Environment.NewLine, loaded.Errors));
        var scenario = loaded.Scenario!;
        Assert.Equal(Path.GetFileNameWithoutExtension(file), scenario.Id);

        var results = Simulation.Play(scenario.World, scenario.Script, 40, ResolveOptions.Full).ToList();

        Assert.Equal(40, results.Count);
        var last = results[^1].State;
        Assert.Equal(40, last.Turn);
        Assert.All(last.Actors, a => Assert.True(double.IsFinite(a.Gdp) && a.Gdp > 0, $"{a.Id} GDP {a.Gdp}"));
        Assert.All(last.Relations, r => Assert.All(r.Exports, x => Assert.True(double.IsFinite(x) && x >= 0)));
        Assert.All(results, r => Assert.All(r.Outcome.Shocks, s => Assert.Empty(s.Notes)));
    }

    /// <summary>
    /// A session's first turn is its scenario world's, and the web pages count from it: the teacher's turn picker for a
    /// roll back or a fork starts at 0, and the turn lines say "turns 0–N" (firstTurn in src/DiploSim.Web). A file names
    /// where it starts as a date (<c>start: 2026-Q1</c>), never as a turn.
    /// </summary>
    [Theory]
    [MemberData(nameof(Files))]
    public void Every_scenario_opens_at_turn_0_and_cannot_name_another(string file)
    {
        var text = File.ReadAllText(Library.File(file));
        var loaded = ScenarioLoader.Parse(text, file);
        Assert.True(loaded.IsOk, string.Join(Environment.NewLine, loaded.Errors));
        Assert.Equal(0, loaded.Scenario!.World.Turn);

        var startingLater = ScenarioLoader.Parse($"turn: 4\nstartTurn: 4\nfirstTurn: 4\n{text}", file);
        Assert.Equal(["'turn'", "'startTurn'", "'firstTurn'"], startingLater.Errors.Where(e => e.What.StartsWith("unknown key", StringComparison.Ordinal)).Select(e => e.Found));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_scenario_has_a_comment_header_and_a_summary(string file)
    {
        var text = File.ReadAllText(Library.File(file));
        Assert.StartsWith("# ", text, StringComparison.Ordinal);
        var loaded = ScenarioLoader.Load(Library.File(file));
        Assert.False(string.IsNullOrWhiteSpace(loaded.Scenario!.Summary));
    }
}
