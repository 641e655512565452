using System.Diagnostics;
using System.Text.Json.Nodes;
using DiploSim.Batch;

namespace DiploSim.Cli.Tests;

/// <summary><c>diplosim batch</c> as a researcher starts it: a process, with or without a young-generation budget of their own.</summary>
public sealed class YoungGenerationTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("diplosim-young-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private async Task<(int Code, string Out, JsonNode Gc)> Batch(string? budget)
    {
        var folder = Path.Combine(_root, budget ?? "default");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { typeof(DiploSimCommand).Assembly.Location, "batch", "baseline", "--runs", "2", "--turns", "2", "--workers", "1", "--no-plots", "--out", folder })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove(YoungGeneration.Variable);
        if (budget is not null)
        {
            start.Environment[YoungGeneration.Variable] = budget;
        }

        using var batch = Process.Start(start)!;
        var output = batch.StandardOutput.ReadToEndAsync();
        var errors = batch.StandardError.ReadToEndAsync();
        await batch.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(batch.ExitCode == 0, await errors);
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "manifest.json")))!;
        return (batch.ExitCode, await output, manifest["machine"]!["gc"]!);
    }

    [Fact]
    public async Task A_batch_started_without_a_young_generation_budget_runs_with_the_one_DiploSim_sets_and_its_output_reaches_the_caller()
    {
        var (_, output, gc) = await Batch(budget: null);

        Assert.Equal(YoungGeneration.PerHeap(Environment.ProcessorCount), (string?)gc["youngGenerationBudget"]);
        Assert.True((bool)gc["server"]!);
        Assert.Contains("2 runs (0 failed, 0 resumed)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_budget_the_caller_chose_is_kept()
    {
        var (_, _, gc) = await Batch(budget: "0x1000000");

        Assert.Equal("0x1000000", (string?)gc["youngGenerationBudget"]);
    }

    [Theory]
    [InlineData(1, "0x8000000")]
    [InlineData(2, "0x4000000")]
    [InlineData(64, "0x1000000")]
    public void The_young_generation_is_shared_by_the_heaps_and_no_heap_gets_less_than_16_MB(int processors, string perHeap) =>
        Assert.Equal(perHeap, YoungGeneration.PerHeap(processors));
}
