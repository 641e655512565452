using System.Diagnostics;
using System.Globalization;
using DiploSim.Batch;

namespace DiploSim.Benchmarks;

/// <summary>
/// Measures how batches scale from one core to two by alternating processes: each round starts one process pinned to
/// one core and one on both, in turn (the order swapped every round, so a drift of the machine weighs on both
/// alike), each playing <see cref="BatchBenchmarks"/>' batch of 128 40-turn baseline runs with one worker per core,
/// and gives the ratio of the two. Beside the wall time it gives the processor time a run took over all the process's
/// threads (more on two cores would be work the second core adds: contention, spinning) and the share of its cores'
/// time the process got (under 100% on two cores: something else ran, or the machine's host held a core back, which
/// this virtual machine does not report as steal). Each process runs with the collector <c>diplosim batch</c> runs with (server GC,
/// its adaptation off, the young-generation budget <see cref="YoungGeneration"/> gives for its cores).
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release --project bench/DiploSim.Benchmarks -- batch-scaling ROUNDS BATCHES</c> (default 6 and
/// 6). The one-core process is started through <c>taskset -c 0</c>, so the runtime itself sees one processor, as on a
/// one-core machine (one processor, so the collector falls back to the workstation one). BenchmarkDotNet's
/// <c>--affinity</c> sets the affinity of a process it has started, which on Linux pins its main thread and the threads
/// that thread starts later, not the runtime's own: the process still counts two processors and keeps a server GC
/// heap and its collector thread on each core (<c>/proc/PID/task/*/status</c>, docs/benchmarks.md).
/// </remarks>
internal static class BatchScaling
{
    private const int Runs = 128;
    private const int WarmUpBatches = 8;

    public static async Task<int> Run(string[] args)
    {
        if (args.FirstOrDefault() == "child")
        {
            return await Child(int.Parse(args[1], CultureInfo.InvariantCulture));
        }

        var rounds = int.Parse(args.ElementAtOrDefault(0) ?? "6", CultureInfo.InvariantCulture);
        var batches = int.Parse(args.ElementAtOrDefault(1) ?? "6", CultureInfo.InvariantCulture);
        if (rounds < 1 || batches < 1 || Environment.ProcessorCount < 2)
        {
            Console.Error.WriteLine("usage: batch-scaling ROUNDS BATCHES (on a machine with two cores or more)");
            return 2;
        }

        Console.WriteLine($"{rounds} rounds; each process: {WarmUpBatches} batches to warm up, then the median of {batches} batches of {Runs} runs, ms a run");
        Console.WriteLine("round | one core | two cores | ratio | processor time a run: one core | two cores | cores' time used: one core | two cores");
        var ratios = new List<double>();
        var (one, two, work) = (new List<double>(), new List<double>(), new List<double>());
        for (var round = 1; round <= rounds; round++)
        {
            (double Ms, double ProcessorMs, double Use, string Runtime) pinned, both;
            if (round % 2 == 1)
            {
                pinned = await Measure(cores: 1, batches);
                both = await Measure(cores: 2, batches);
            }
            else
            {
                both = await Measure(cores: 2, batches);
                pinned = await Measure(cores: 1, batches);
            }

            if (round == 1)
            {
                Console.WriteLine($"one core: {pinned.Runtime}; two cores: {both.Runtime}");
            }

            one.Add(pinned.Ms);
            two.Add(both.Ms);
            ratios.Add(pinned.Ms / both.Ms);
            work.Add(pinned.ProcessorMs / both.ProcessorMs);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{round,5} | {pinned.Ms,8:F2} | {both.Ms,9:F2} | {pinned.Ms / both.Ms:F3} | {pinned.ProcessorMs,29:F2} | {both.ProcessorMs,9:F2} | {pinned.Use,26:P0} | {both.Use,9:P0}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median: one core {Median(one):F2} ms, two cores {Median(two):F2} ms ({60_000 / Median(two):F0} runs a minute); ratio median {Median(ratios):F3}, lowest {ratios.Min():F3}, highest {ratios.Max():F3}; processor time a run, one core over two, median {Median(work):F3}"));
        return 0;
    }

    /// <summary>Starts a process on <paramref name="cores"/> cores (0, or 0 and 1); returns its median ms a run, the processor time a run took over all its threads, the share of its cores' time it used, and what its runtime saw.</summary>
    private static async Task<(double Ms, double ProcessorMs, double Use, string Runtime)> Measure(int cores, int batches)
    {
        var self = Environment.GetCommandLineArgs()[0];
        var start = new ProcessStartInfo("taskset") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "-c", cores == 1 ? "0" : "0,1", "dotnet", self, "batch-scaling", "child", batches.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_gcServer"] = "1";
        start.Environment["DOTNET_GCDynamicAdaptationMode"] = "0";
        start.Environment[YoungGeneration.Variable] = YoungGeneration.PerHeap(cores);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("taskset did not start");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"the {cores}-core process failed ({process.ExitCode}): {output}");
        }

        var lines = output.Trim().Split('\n');
        var processor = lines[^3].Split(' ').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
        return (double.Parse(lines[^1], CultureInfo.InvariantCulture), processor[0], processor[0] / (cores * processor[1]), lines[^2]);
    }

    /// <summary>Plays the batches in this process and prints the processor time a run took, what the runtime saw, and the median ms a run as its last line.</summary>
    private static async Task<int> Child(int batches)
    {
        var model = BatchModel.Baseline(40);
        var experiment = Experiment.Repeat("baseline", Runs, seed: 1, turns: 40);
        var perRun = new List<double>();
        using var self = Process.GetCurrentProcess();
        var processor = TimeSpan.Zero;
        for (var i = 0; i < WarmUpBatches + batches; i++)
        {
            if (i == WarmUpBatches)
            {
                self.Refresh();
                processor = self.TotalProcessorTime;
            }

            var folder = Path.Combine(Path.GetTempPath(), $"diplosim-scaling-{Guid.NewGuid():N}");
            var started = Stopwatch.GetTimestamp();
            await BatchRunner.RunAsync(experiment, model, new BatchOptions(folder, Workers: 0, Plots: false));
            var elapsed = Stopwatch.GetElapsedTime(started);
            Directory.Delete(folder, recursive: true);
            if (i >= WarmUpBatches)
            {
                perRun.Add(elapsed.TotalMilliseconds / Runs);
            }
        }

        self.Refresh();
        var busy = (self.TotalProcessorTime - processor).TotalMilliseconds / (batches * Runs);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{busy:R} {perRun.Average():R}"));
        Console.WriteLine($"{Environment.ProcessorCount} processors, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC");
        Console.WriteLine(Median(perRun).ToString("R", CultureInfo.InvariantCulture));
        return 0;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
