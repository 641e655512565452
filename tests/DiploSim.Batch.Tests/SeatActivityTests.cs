using System.Text.Json;
using DiploSim.Agents;
using DiploSim.Core;
using DiploSim.Core.State;
using DiploSim.Scenarios;
using DiploSim.Testing;

namespace DiploSim.Batch.Tests;

public sealed class SeatActivityTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("diplosim-activity-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>A program that plays <paramref name="script"/> (turn → moves, answers, messages) on its seat.</summary>
    private static AgentCommand Scripted(string name, object script) =>
        new(name, ["python3", "scripted_agent.py", JsonSerializer.Serialize(script)], AgentPrograms.Fixtures, TimeSpan.FromSeconds(20));

    private static readonly object ProposeRaiseAndWrite = new
    {
        moves = new object[]
        {
            new { kind = "ProposeAgreement", proposalId = "ind-rus-fta", agreement = "FreeTrade", partners = new[] { "RUS" }, terms = new { tariffCeiling = 0.05 } },
            new { kind = "SetTariff", target = "USA", rate = 0.6 },
        },
        messages = new[] { new { to = "RUS", text = "India proposes free trade." } },
    };

    private static readonly object Accept = new { answers = new[] { new { proposalId = "ind-rus-fta", accept = true } } };

    private static readonly object BreakTheCeiling = new { moves = new[] { new { kind = "SetTariff", target = "RUS", rate = 0.4 } } };

    /// <summary>India and Russia play scripts, the other seats are passive: two repetitions of three turns.</summary>
    private async Task<(List<List<string>> Runs, List<List<string>> Summary, string Folder)> Play(bool indiaBreaks)
    {
        object india = indiaBreaks ? new Dictionary<string, object> { ["0"] = ProposeRaiseAndWrite, ["2"] = BreakTheCeiling } : new Dictionary<string, object> { ["0"] = ProposeRaiseAndWrite };
        var experiment = Experiment.Repeat("baseline", repetitions: 2, seed: 7, turns: 3) with
        {
            Bots = [new BotSetting("all", "passive"), new BotSetting("IND", "agent", Agent: "india"), new BotSetting("RUS", "agent", Agent: "russia")],
            Agents = [Scripted("india", india), Scripted("russia", new Dictionary<string, object> { ["0"] = Accept })],
        };
        var result = await BatchRunner.RunAsync(experiment, BatchModel.Baseline(), new BatchOptions(Path.Combine(_root, "out"), Workers: 1, Plots: false));
        Assert.Equal(0, result.Failed);
        return (Csv.ReadRecords(File.ReadAllText(Path.Combine(result.OutputFolder, BatchRunner.RunsFile))),
            Csv.ReadRecords(File.ReadAllText(Path.Combine(result.OutputFolder, BatchRunner.SummaryFile))),
            result.OutputFolder);
    }

    private static Dictionary<string, string> Activity(List<List<string>> runs, int run) =>
        runs[0].Select((name, i) => (name, i))
            .Where(c => SeatActivity.Measures.Any(m => c.name.StartsWith(m + "_", StringComparison.Ordinal)))
            .ToDictionary(c => c.name, c => runs[run + 1][c.i]);

    [Fact]
    public async Task A_proposal_a_tariff_rise_and_a_message_are_counted_for_their_seat_and_nothing_else_is()
    {
        var (runs, summary, _) = await Play(indiaBreaks: false);

        var expected = new Dictionary<string, string>
        {
            ["moves_propose_agreement_IND"] = "1",
            ["moves_set_tariff_IND"] = "1",
            ["proposals_made_IND"] = "1",
            ["proposals_accepted_IND"] = "1",
            ["proposals_kept_IND"] = "1",
            ["tariffs_raised_IND"] = "1",
            ["messages_IND"] = "1",
            ["moves_answer_proposal_RUS"] = "1",
        };
        foreach (var run in new[] { 0, 1 })
        {
            var cells = Activity(runs, run);
            Assert.Equal(SeatActivity.Measures.Length * BatchModel.Baseline().Scenario.World.Actors.Length, cells.Count);
            Assert.Equal(expected, cells.Where(c => c.Value != "0").ToDictionary());
        }

        // The summary has each count at the last turn, over the two runs.
        var header = summary[0];
        var made = summary.Single(r => r[header.IndexOf("metric")] == "proposals_made_IND");
        Assert.Equal(["2", "2", "1"], [made[header.IndexOf("turn")], made[header.IndexOf("n")], made[header.IndexOf("mean")]]);
    }

    [Fact]
    public async Task A_signatory_that_breaks_its_agreement_has_a_breach_and_its_proposal_is_not_kept()
    {
        var (runs, _, folder) = await Play(indiaBreaks: true);

        var cells = Activity(runs, 0);
        Assert.Equal("1", cells["breaches_IND"]);
        Assert.Equal("0", cells["breaches_RUS"]);
        Assert.Equal("1", cells["proposals_accepted_IND"]);
        Assert.Equal("0", cells["proposals_kept_IND"]);
        Assert.Equal("2", cells["tariffs_raised_IND"]);
        Assert.Equal("2", cells["moves_set_tariff_IND"]);

        // Parquet has the same counts as typed integers.
        var parquet = await BatchRunnerTests.ReadParquet(Path.Combine(folder, "runs.parquet"));
        Assert.Equal([1, 1], (int[])parquet["breaches_IND"]);
    }

    [Fact]
    public async Task Bot_seats_have_their_accepted_moves_counted_by_kind_and_send_no_messages()
    {
        var experiment = Experiment.Repeat("baseline", repetitions: 1, seed: 3, turns: 6);
        var result = await BatchRunner.RunAsync(experiment, BatchModel.Baseline(), new BatchOptions(Path.Combine(_root, "bots"), Workers: 1, Plots: false));
        var runs = Csv.ReadRecords(File.ReadAllText(Path.Combine(result.OutputFolder, BatchRunner.RunsFile)));
        var cells = Activity(runs, 0);

        var (plan, _) = BatchPlan.Create(experiment, BatchModel.Baseline());
        var world = BaselineScenario.World(plan!.SeedOf(0), new ModelParameters());
        var moves = Simulation.Play(world, ShockScript.Empty, 6).SelectMany(t => t.Outcome.Moves).ToList();
        Assert.Contains(moves, m => m.Accepted);
        foreach (var actor in world.Actors.Select(a => a.Id))
        {
            foreach (var kind in Enum.GetValues<MoveKind>())
            {
                var column = $"moves_{JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString())}_{actor}";
                Assert.Equal(moves.Count(m => m.Accepted && m.Move.Actor == actor && m.Move.Kind == kind).ToString(System.Globalization.CultureInfo.InvariantCulture), cells[column]);
            }

            Assert.Equal("0", cells[$"messages_{actor}"]);
        }
    }
}
