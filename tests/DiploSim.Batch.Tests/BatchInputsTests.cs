using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using DiploSim.Core.State;

namespace DiploSim.Batch.Tests;

/// <summary>A batch records what it was started with and refuses to be resumed with anything else; it refuses sizes it cannot play before writing anything.</summary>
public sealed class BatchInputsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("diplosim-batch-inputs-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Folder(string name) => Path.Combine(_root, name);

    private static Experiment Small(int repetitions = 2) =>
        new("baseline", 2, repetitions, 5, new ParameterSweep([new ParameterAxis("TradeElasticity", [3, 5])], [], null),
            [new MetricRequest("oil_price")], []);

    private static BatchModel WithDoctrine(BatchModel model, double riskAppetite)
    {
        var world = model.Scenario.World;
        var actors = world.Actors.Select((a, i) => i == 0 ? a with { Doctrine = a.Doctrine with { RiskAppetite = riskAppetite } } : a).ToImmutableArray();
        return model with { Scenario = model.Scenario with { World = world with { Actors = actors } } };
    }

    private static JsonNode Manifest(string folder) => JsonNode.Parse(File.ReadAllText(Path.Combine(folder, BatchRunner.ManifestFile)))!;

    [Fact]
    public async Task The_manifest_records_the_hashes_of_the_scenario_file_the_experiment_the_doctrines_and_the_model_version()
    {
        var text = "title: x\n";
        var model = BatchModel.Baseline() with { Sources = [SourceFile.Of("study/x.yaml", text)] };
        await BatchRunner.RunAsync(Small(), model, new BatchOptions(Folder("m"), Plots: false));

        var inputs = Manifest(Folder("m"))["inputs"]!;
        Assert.Equal("study/x.yaml", (string?)inputs["scenarioFiles"]![0]!["file"]);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("title: x\n"u8)), (string?)inputs["scenarioFiles"]![0]!["sha256"]);
        Assert.Equal(64, ((string?)inputs["experimentSha256"])!.Length);
        Assert.Equal(64, ((string?)inputs["doctrinesSha256"])!.Length);
        Assert.Equal(DiploSim.Core.ModelVersion.Current, (int)inputs["modelVersion"]!);
        Assert.StartsWith("1.0.0", (string?)inputs["coreBuild"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resume_after_the_scenario_file_changed_is_refused_naming_the_file()
    {
        var folder = Folder("file");
        await BatchRunner.RunAsync(Small(), BatchModel.Baseline() with { Sources = [SourceFile.Of("oil.yaml", "oil: 80\n")] }, new BatchOptions(folder, Plots: false));
        var before = File.ReadAllText(Path.Combine(folder, BatchRunner.RunsFile));

        var changed = BatchModel.Baseline() with { Sources = [SourceFile.Of("oil.yaml", "oil: 120\n")] };
        var error = await Assert.ThrowsAsync<BatchException>(() => BatchRunner.RunAsync(Small(), changed, new BatchOptions(folder, Resume: true, Plots: false)));

        Assert.Contains("cannot resume", error.Message, StringComparison.Ordinal);
        Assert.Contains("the scenario file 'oil.yaml' changed", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(Path.Combine(folder, BatchRunner.RunsFile)));
    }

    [Fact]
    public async Task A_resume_after_a_doctrine_changed_is_refused()
    {
        var folder = Folder("doctrine");
        await BatchRunner.RunAsync(Small(), BatchModel.Baseline(), new BatchOptions(folder, Plots: false));

        var error = await Assert.ThrowsAsync<BatchException>(() =>
            BatchRunner.RunAsync(Small(), WithDoctrine(BatchModel.Baseline(), 0.99), new BatchOptions(folder, Resume: true, Plots: false)));

        Assert.Contains("the bots' doctrines in the turn-0 world changed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resume_with_another_model_version_is_refused_naming_both_versions()
    {
        var folder = Folder("version");
        await BatchRunner.RunAsync(Small(), BatchModel.Baseline(), new BatchOptions(folder, Plots: false));
        var manifest = Manifest(folder);
        manifest["inputs"]!["modelVersion"] = 1;
        File.WriteAllText(Path.Combine(folder, BatchRunner.ManifestFile), manifest.ToJsonString());

        var error = await Assert.ThrowsAsync<BatchException>(() => BatchRunner.RunAsync(Small(), BatchModel.Baseline(), new BatchOptions(folder, Resume: true, Plots: false)));

        Assert.Contains($"the model version changed (1 then, {DiploSim.Core.ModelVersion.Current} now)", error.Message, StringComparison.Ordinal);

        manifest["inputs"]!["modelVersion"] = DiploSim.Core.ModelVersion.Current;
        manifest["inputs"]!["coreBuild"] = "0.9.0+0123456";
        File.WriteAllText(Path.Combine(folder, BatchRunner.ManifestFile), manifest.ToJsonString());
        error = await Assert.ThrowsAsync<BatchException>(() => BatchRunner.RunAsync(Small(), BatchModel.Baseline(), new BatchOptions(folder, Resume: true, Plots: false)));
        Assert.Contains("the build of the model changed (0.9.0+0123456 then,", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resume_with_the_same_inputs_and_other_workers_plays_nothing_again()
    {
        var folder = Folder("same");
        await BatchRunner.RunAsync(Small(), BatchModel.Baseline(), new BatchOptions(folder, Workers: 1, Plots: false));

        var again = await BatchRunner.RunAsync(Small(), BatchModel.Baseline(), new BatchOptions(folder, Workers: 2, Resume: true, Plots: false));

        Assert.Equal(4, again.Resumed);
    }

    [Fact]
    public async Task A_batch_too_large_to_hold_is_refused_before_anything_is_written_or_allocated()
    {
        var folder = Folder("huge");
        var allocated = GC.GetTotalAllocatedBytes(precise: true);

        var error = await Assert.ThrowsAsync<BatchException>(() =>
            BatchRunner.RunAsync(Small(repetitions: 1_000_000_000), BatchModel.Baseline(), new BatchOptions(folder)));

        Assert.Contains("this batch is large: 2,000,000,000 runs × 2 turns = 4,000,000,000 turn rows", error.Message, StringComparison.Ordinal);
        Assert.Contains("--yes", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder));
        Assert.InRange(GC.GetTotalAllocatedBytes(precise: true) - allocated, 0, 200L << 20);
    }

    [Fact]
    public void More_runs_than_a_run_index_holds_are_refused_with_the_count()
    {
        var (plan, errors) = BatchPlan.Create(Small(repetitions: 1_500_000_000), BatchModel.Baseline());

        Assert.Null(plan);
        Assert.Equal("the batch would have 3,000,000,000 runs (2 parameter points × 1,500,000,000 repetitions); at most 2,147,483,647 runs can be played in one batch", Assert.Single(errors).Message);
    }

    [Fact]
    public async Task A_large_batch_plays_once_confirmed_and_the_confirmation_sees_its_size()
    {
        BatchSize? asked = null;
        var refused = await Assert.ThrowsAsync<BatchException>(() =>
            BatchRunner.RunAsync(Small(), BatchModel.Baseline(), new BatchOptions(Folder("refused"), Plots: false, ConfirmAbove: 1, ConfirmLarge: _ => false)));
        Assert.Contains("this batch is large", refused.Message, StringComparison.Ordinal);

        var result = await BatchRunner.RunAsync(Small(), BatchModel.Baseline(),
            new BatchOptions(Folder("confirmed"), Plots: false, ConfirmAbove: 1, ConfirmLarge: size => { asked = size; return true; }));

        Assert.Equal(4, result.Runs);
        Assert.Equal(new BatchSize(4, 2, 8, asked!.CsvBytes, asked.MemoryBytes), asked);
        var written = new FileInfo(Path.Combine(result.OutputFolder, BatchRunner.TurnsFile)).Length + new FileInfo(Path.Combine(result.OutputFolder, BatchRunner.RunsFile)).Length;
        Assert.InRange(asked.CsvBytes, written / 3, written * 3);
    }

    [Fact]
    public async Task Tables_with_a_header_and_no_run_do_not_block_a_new_batch()
    {
        var folder = Folder("headers");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, BatchRunner.RunsFile), "run,repetition\n");
        File.WriteAllText(Path.Combine(folder, BatchRunner.TurnsFile), "run,repetition\n");

        var result = await BatchRunner.RunAsync(Small(), BatchModel.Baseline(), new BatchOptions(folder, Plots: false));

        Assert.Equal(4, result.Runs);
    }

    [Fact]
    public async Task Seeds_above_2_to_the_53_are_written_as_strings_in_the_manifest()
    {
        var experiment = Small() with { Seed = ulong.MaxValue };
        var result = await BatchRunner.RunAsync(experiment, BatchModel.Baseline(), new BatchOptions(Folder("seeds"), Plots: false));

        var manifest = Manifest(result.OutputFolder);
        Assert.Equal("18446744073709551615", (string?)manifest["masterSeed"]);
        Assert.Equal("18446744073709551615", (string?)manifest["experiment"]!["seed"]);
        Assert.Equal(RunSeeds.Derive(ulong.MaxValue, 3).ToString(CultureInfo.InvariantCulture), (string?)manifest["runSeeds"]![3]);
        Assert.True(RunSeeds.Derive(ulong.MaxValue, 3) > (1UL << 53));
    }
}
