using System.Globalization;
using System.Text.Json.Nodes;

namespace DiploSim.Batch.Tests;

public sealed class CommonRandomNumbersTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("diplosim-crn-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static Experiment Sweep(bool common) =>
        new("baseline", 2, 3, 8, new ParameterSweep([new ParameterAxis("TradeElasticity", [3, 5])], [], null),
            [new MetricRequest("oil_price")], [], CommonRandomNumbers: common);

    [Fact]
    public async Task With_common_random_numbers_each_repetition_has_one_seed_at_every_point()
    {
        var result = await BatchRunner.RunAsync(Sweep(common: true), BatchModel.Baseline(), new BatchOptions(Path.Combine(_root, "crn"), Plots: false));

        var records = Csv.ReadRecords(File.ReadAllText(Path.Combine(result.OutputFolder, BatchRunner.RunsFile)));
        var seed = records[0].IndexOf("seed");
        var seeds = records.Skip(1).Select(r => r[seed]).ToList();
        Assert.Equal(seeds.Take(3), seeds.Skip(3));
        Assert.Equal(3, seeds.Distinct().Count());
        Assert.Equal(RunSeeds.Derive(8, 1).ToString(CultureInfo.InvariantCulture), seeds[4]);
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(result.OutputFolder, BatchRunner.ManifestFile)))!;
        Assert.Equal(seeds, manifest["runSeeds"]!.AsArray().Select(s => (string?)s));
        Assert.True((bool)manifest["experiment"]!["commonRandomNumbers"]!);
    }

    [Fact]
    public void Without_them_every_run_has_its_own_seed()
    {
        var (plan, _) = BatchPlan.Create(Sweep(common: false), BatchModel.Baseline());

        Assert.Equal(6, Enumerable.Range(0, 6).Select(plan!.SeedOf).Distinct().Count());
        Assert.Equal(RunSeeds.Derive(8, 4), plan.Run(4).Seed);
    }

    [Fact]
    public void The_option_is_read_from_files_and_flags_and_written_back()
    {
        var (fromFile, errors) = ExperimentYaml.Parse("scenario: baseline\ncommonRandomNumbers: true\n");
        var (fromFlags, flagErrors) = ExperimentFlags.Parse("baseline", ["--crn", "--repetitions", "2"]);
        var (bad, badErrors) = ExperimentYaml.Parse("scenario: baseline\ncommonRandomNumbers: yes please\n", "e.yaml");

        Assert.Empty(errors.Concat(flagErrors));
        Assert.True(fromFile!.CommonRandomNumbers);
        Assert.True(fromFlags!.CommonRandomNumbers);
        Assert.True(ExperimentYaml.Parse(ExperimentYamlWriter.Write(fromFile)).Experiment!.CommonRandomNumbers);
        Assert.Null(bad);
        Assert.Equal(new SourceLocation("e.yaml", 2, 22), Assert.Single(badErrors).Location);
    }
}
