using System.Collections.Immutable;
using System.Text.Json.Nodes;
using DiploSim.Cli;
using DiploSim.Contracts;
using DiploSim.Scenarios;
using Orleans.TestingHost;

namespace DiploSim.Batch.Grains.Tests;

/// <summary>Two silos in-process; batch worker grains are found in the referenced DiploSim.Batch.Grains assembly.</summary>
public sealed class BatchClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Cluster = new InProcessTestClusterBuilder(2).Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class BatchClusterCollection : ICollectionFixture<BatchClusterFixture>
{
    public const string Name = "batch cluster";
}

[Collection(BatchClusterCollection.Name)]
public sealed class ClusterBatchTests(BatchClusterFixture fixture) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("diplosim-cluster-batch-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static string Read(string folder, string file) => File.ReadAllText(Path.Combine(folder, file));

    private static ScenarioSource FirstClass() =>
        ScenarioSource.Resolve(Path.Combine(ScenarioLibrary.Locate()!, "first-class.yaml")).Source!;

    /// <summary>Three elasticities × two repetitions of three turns, with a named metric set.</summary>
    private static Experiment Sweep() =>
        new("first-class", 3, 2, 21,
            new ParameterSweep([new ParameterAxis("TradeElasticity", [2, 3.5, 5])], [], null),
            [new MetricRequest("gdp"), new MetricRequest("oil_price"), new MetricRequest("trade_IND_RUS")], ["oil_price"]);

    [Fact]
    public async Task Cluster_executor_writes_the_same_tables_as_a_local_batch()
    {
        var (model, _) = FirstClass().Load();
        var local = await BatchRunner.RunAsync(Sweep(), model!, new BatchOptions(Path.Combine(_root, "local"), Workers: 2, Plots: false));
        var cluster = await BatchRunner.RunAsync(Sweep(), model!, new BatchOptions(Path.Combine(_root, "cluster"), Workers: 3, Plots: false,
            Executor: new ClusterRunExecutor(fixture.Cluster.Client, FirstClass(), chunkSize: 2)));

        Assert.Equal(6, cluster.Runs);
        Assert.Equal(0, cluster.Failed);
        foreach (var file in new[] { BatchRunner.TurnsFile, BatchRunner.RunsFile, BatchRunner.SummaryFile })
        {
            Assert.Equal(Read(local.OutputFolder, file), Read(cluster.OutputFolder, file));
        }

        // The per-run hashes are the last column of runs.csv: six distinct runs, identical on both paths.
        var hashes = Csv.ReadRecords(Read(cluster.OutputFolder, BatchRunner.RunsFile)).Skip(1).Select(r => r[^1]).ToList();
        Assert.Equal(6, hashes.Distinct().Count());
        Assert.Equal("cluster", (string?)JsonNode.Parse(Read(cluster.OutputFolder, BatchRunner.ManifestFile))!["executor"]);
    }

    [Fact]
    public async Task Cluster_executor_with_bot_policies_and_conditions_writes_the_same_tables_as_a_local_batch()
    {
        var (model, _) = FirstClass().Load();
        var experiment = Sweep() with
        {
            Bots = [new BotSetting("IND", BotPolicies.Passive), new BotSetting("USA", null, Temperature: 3.0)],
            Conditions = [new ConditionRequest("oil-high", "oil_price > 70")],
        };
        var local = await BatchRunner.RunAsync(experiment, model!, new BatchOptions(Path.Combine(_root, "local-bots"), Workers: 2, Plots: false));
        var cluster = await BatchRunner.RunAsync(experiment, model!, new BatchOptions(Path.Combine(_root, "cluster-bots"), Workers: 2, Plots: false,
            Executor: new ClusterRunExecutor(fixture.Cluster.Client, FirstClass(), chunkSize: 3)));

        Assert.Equal(0, cluster.Failed);
        Assert.Equal(Read(local.OutputFolder, BatchRunner.TurnsFile), Read(cluster.OutputFolder, BatchRunner.TurnsFile));
        Assert.Equal(Read(local.OutputFolder, BatchRunner.RunsFile), Read(cluster.OutputFolder, BatchRunner.RunsFile));
        Assert.Contains(",passive,", Read(cluster.OutputFolder, BatchRunner.RunsFile), StringComparison.Ordinal);
        Assert.Contains("when_oil-high_first_turn", Read(cluster.OutputFolder, BatchRunner.RunsFile), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cluster_executor_with_a_swept_policy_writes_the_same_tables_as_a_local_batch()
    {
        var (model, _) = FirstClass().Load();
        var experiment = Sweep() with
        {
            Sweep = new ParameterSweep(
                [ParameterAxis.OfTexts("bots.IND.policy", [BotPolicies.Doctrine, BotPolicies.Passive])],
                [new NamedParameterSet("calm", [new ParameterValue("bots.all.temperature", 0)]), new NamedParameterSet("hot", [new ParameterValue("bots.all.temperature", 2)])],
                null),
        };
        var local = await BatchRunner.RunAsync(experiment, model!, new BatchOptions(Path.Combine(_root, "local-sweep"), Workers: 2, Plots: false));
        var cluster = await BatchRunner.RunAsync(experiment, model!, new BatchOptions(Path.Combine(_root, "cluster-sweep"), Workers: 2, Plots: false,
            Executor: new ClusterRunExecutor(fixture.Cluster.Client, FirstClass(), chunkSize: 3)));

        Assert.Equal((8, 0), (cluster.Runs, cluster.Failed));
        foreach (var file in new[] { BatchRunner.TurnsFile, BatchRunner.RunsFile, BatchRunner.SummaryFile })
        {
            Assert.Equal(Read(local.OutputFolder, file), Read(cluster.OutputFolder, file));
        }

        var runs = Csv.ReadRecords(Read(cluster.OutputFolder, BatchRunner.RunsFile));
        var policy = runs[0].IndexOf("bot_IND");
        Assert.Equal(
            ["doctrine;temperature=0", "doctrine;temperature=0", "passive;temperature=0", "passive;temperature=0",
                "doctrine;temperature=2", "doctrine;temperature=2", "passive;temperature=2", "passive;temperature=2"],
            runs.Skip(1).Select(r => r[policy]));
    }

    [Fact]
    public async Task Worker_grain_refuses_a_chunk_whose_plan_differs_from_the_clients()
    {
        var (model, _) = FirstClass().Load();
        var (plan, _) = BatchPlan.Create(Sweep(), model!);
        var chunk = BatchWire.Chunk(FirstClass(), plan!, [0]) with { TurnsHeader = "run,turn,something_else" };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Cluster.Client.GetGrain<IBatchWorkerGrain>(0).Play(chunk));
        Assert.Contains("different per-turn table", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Worker_grain_plays_a_run_as_it_is_played_alone()
    {
        var (model, _) = FirstClass().Load();
        var (plan, _) = BatchPlan.Create(Sweep(), model!);
        var rows = await fixture.Cluster.Client.GetGrain<IBatchWorkerGrain>(7).Play(BatchWire.Chunk(FirstClass(), plan!, [4]));

        var alone = BatchRunner.RunOne(Sweep(), model!, 4);
        Assert.Equal(Csv.FormatRow(alone.RunRow), Assert.Single(rows).RunRow);
        Assert.Equal(string.Join('\n', alone.TurnRows.Select(Csv.FormatRow)), string.Join('\n', rows[0].TurnRows));
    }

    [Fact]
    public async Task Cli_with_cluster_writes_the_same_rows_as_the_local_command()
    {
        string[] experiment = ["batch", "first-class", "--runs", "4", "--set", "TradeElasticity=2,5", "--seed", "8", "--turns", "3", "--no-plots"];
        var local = Path.Combine(_root, "cli-local");
        var remote = Path.Combine(_root, "cli-cluster");
        var connections = new List<ClusterTarget>();
        var environment = new BatchEnvironment((target, _) =>
        {
            connections.Add(target);
            return Task.FromResult(new ClusterSession(fixture.Cluster.Client, () => ValueTask.CompletedTask));
        });

        Assert.Equal(0, await DiploSimCommand.InvokeAsync([.. experiment, "--out", local], TextWriter.Null, TextWriter.Null));
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await DiploSimCommand.InvokeAsync([.. experiment, "--out", remote, "--cluster", "--gateway-port", "40123"], output, error, environment);

        Assert.Equal(0, code);
        Assert.Equal("", error.ToString());
        Assert.Contains("on the cluster", output.ToString(), StringComparison.Ordinal);
        Assert.Equal([new ClusterTarget(ClusterTarget.Localhost, 40123)], connections);
        Assert.Equal(Read(local, BatchRunner.TurnsFile), Read(remote, BatchRunner.TurnsFile));
        Assert.Equal(Read(local, BatchRunner.RunsFile), Read(remote, BatchRunner.RunsFile));
    }

    [Fact]
    public async Task Cli_with_no_cluster_listening_exits_with_cluster_unavailable()
    {
        var environment = new BatchEnvironment((_, _) => throw new InvalidOperationException("no gateway answered"));
        using var error = new StringWriter();

        var code = await DiploSimCommand.InvokeAsync(["batch", "first-class", "--runs", "1", "--turns", "1", "--out", Path.Combine(_root, "none"), "--cluster"], TextWriter.Null, error, environment);

        Assert.Equal(DiploSimCommand.ClusterUnavailable, code);
        Assert.Contains("cannot reach the cluster (localhost, gateway port 30000): no gateway answered", error.ToString(), StringComparison.Ordinal);
    }
}
