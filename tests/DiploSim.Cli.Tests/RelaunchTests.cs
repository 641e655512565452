using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using DiploSim.Batch;

namespace DiploSim.Cli.Tests;

/// <summary>
/// <c>diplosim batch</c> starts itself again with the young-generation budget set; a termination signal sent to the
/// process the caller started (a job scheduler's, a container's) must stop the batch it started too.
/// </summary>
public sealed class RelaunchTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private readonly string _root = Directory.CreateTempSubdirectory("diplosim-relaunch-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task A_termination_signal_to_the_batch_the_caller_started_stops_the_relaunched_one_which_keeps_its_runs_and_exits_interrupted()
    {
        var folder = Path.Combine(_root, "out");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { typeof(DiploSimCommand).Assembly.Location, "batch", "baseline", "--runs", "20000", "--turns", "40", "--workers", "1", "--no-plots", "--out", folder })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove(YoungGeneration.Variable);
        using var parent = Process.Start(start)!;
        var output = parent.StandardOutput.ReadToEndAsync();
        var errors = parent.StandardError.ReadToEndAsync();
        Process? child = null;
        try
        {
            // The relaunched batch is the parent's one child; once it has written a finished run, it is under way.
            var clock = Stopwatch.StartNew();
            while (child is null || !FinishedRuns(folder))
            {
                if (parent.HasExited)
                {
                    Assert.Fail($"the batch ended before it was signalled: {await errors}");
                }

                Assert.True(clock.Elapsed < Bound, "the relaunched batch wrote no finished run");
                child ??= Children(parent.Id).Select(Process.GetProcessById).SingleOrDefault();
                await Task.Delay(100);
            }

            Assert.Equal(YoungGeneration.PerHeap(Environment.ProcessorCount), (string?)Manifest(folder)["machine"]!["gc"]!["youngGenerationBudget"]);
            Signal(parent.Id, "TERM");

            await parent.WaitForExitAsync().WaitAsync(Bound);
            await child.WaitForExitAsync().WaitAsync(Bound);
            Assert.Equal(DiploSimCommand.Interrupted, parent.ExitCode);
            Assert.Contains("interrupted", await errors, StringComparison.Ordinal);
            Assert.Equal("interrupted", (string?)Manifest(folder)["status"]);
            await output;
        }
        finally
        {
            foreach (var process in new[] { child, parent })
            {
                if (process is { HasExited: false })
                {
                    process.Kill();
                }

                process?.Dispose();
            }
        }
    }

    private static bool FinishedRuns(string folder)
    {
        var runs = Path.Combine(folder, "runs.csv");
        if (!File.Exists(runs))
        {
            return false;
        }

        using var reader = new StreamReader(new FileStream(runs, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
        return reader.ReadLine() is not null && reader.ReadLine() is not null;
    }

    private static JsonNode Manifest(string folder) => JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "manifest.json")))!;

    /// <summary>The processes whose parent is <paramref name="pid"/> (Linux: the fourth field of /proc/PID/stat).</summary>
    private static IEnumerable<int> Children(int pid)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc").Where(d => Path.GetFileName(d).All(char.IsAsciiDigit)))
        {
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(directory, "stat"));
            }
            catch (IOException)
            {
                continue; // gone meanwhile, or not a process
            }

            // "PID (name) state PPID ...": the name may hold spaces, so read after its closing parenthesis.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (int.Parse(fields[1], CultureInfo.InvariantCulture) == pid)
            {
                yield return int.Parse(Path.GetFileName(directory), CultureInfo.InvariantCulture);
            }
        }
    }

    private static void Signal(int pid, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }
}
