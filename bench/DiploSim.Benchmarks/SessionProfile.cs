using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using DiploSim.Grains;

namespace DiploSim.Benchmarks;

/// <summary>
/// Plays <see cref="SessionBenchmarks"/>' sessions in one long-running process, for a profiler to attach to: warms up,
/// prints its process id, waits, then plays the sessions and prints what each cost on average (wall time, processor time
/// over all threads, young collections, and for the grains the storage's writes and the time spent in them, by record).
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release --project bench/DiploSim.Benchmarks -- profile-sessions grains memory 300 300</c>: side
/// (<c>grains</c> or <c>in-process</c>), storage, sessions played, extra warm-up sessions. The collector is the
/// environment's: docs/benchmarks.md gives the variables for the one the server ships with, and the profiler's command.
/// </remarks>
internal static class SessionProfile
{
    public static async Task<int> Run(string[] args)
    {
        var side = args.ElementAtOrDefault(0) ?? "grains";
        var storage = args.ElementAtOrDefault(1) ?? "memory";
        var sessions = int.Parse(args.ElementAtOrDefault(2) ?? "300", CultureInfo.InvariantCulture);
        var warmUp = int.Parse(args.ElementAtOrDefault(3) ?? "300", CultureInfo.InvariantCulture);
        if (side is not ("grains" or "in-process") || storage is not ("memory" or "sqlite") || sessions < 1 || warmUp < 0)
        {
            Console.Error.WriteLine("usage: profile-sessions grains|in-process memory|sqlite SESSIONS WARM-UP-SESSIONS");
            return 2;
        }

        var benchmark = new SessionBenchmarks { Storage = storage };
        var grains = side == "grains";
        Func<Task> play = grains ? () => benchmark.ThroughGrains() : () => Task.FromResult(benchmark.InProcess());
        if (grains)
        {
            await benchmark.StartSiloAndWarmUp();
        }
        else
        {
            benchmark.WarmUpInProcess();
        }

        for (var i = 0; i < warmUp; i++)
        {
            await play();
        }

        var (writes, writeSeconds) = (0L, 0.0);
        var byState = new SortedDictionary<string, (long Writes, double Seconds)>(StringComparer.Ordinal);
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "diplosim.storage.write.duration")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, seconds, tags, _) =>
        {
            var state = "?";
            foreach (var tag in tags)
            {
                state = tag.Key == "diplosim.state" ? tag.Value as string ?? state : state;
            }

            lock (byState)
            {
                writes++;
                writeSeconds += seconds;
                var (n, total) = byState.GetValueOrDefault(state);
                byState[state] = (n + 1, total + seconds);
            }
        });
        listener.Start();

        using var process = Process.GetCurrentProcess();
        var collector = System.Runtime.GCSettings.IsServerGC ? "server" : "workstation";
        Console.WriteLine($"warmed up: process {Environment.ProcessId} ({collector} GC); playing {sessions} sessions {side} ({storage}) in 5 s");
        await Task.Delay(TimeSpan.FromSeconds(5));
        process.Refresh();
        var (processor, young, started) = (process.TotalProcessorTime, GC.CollectionCount(0), Stopwatch.GetTimestamp());
        for (var i = 0; i < sessions; i++)
        {
            await play();
        }

        var wall = Stopwatch.GetElapsedTime(started);
        process.Refresh();
        var stored = grains
            ? string.Create(CultureInfo.InvariantCulture, $", {writes / (double)sessions:F1} writes taking {writeSeconds * 1000 / sessions:F2} ms ({string.Join(", ", byState.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key} {s.Value.Writes / (double)sessions:F1} in {s.Value.Seconds * 1000 / sessions:F2} ms")))})")
            : string.Empty;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{side} ({storage}): {wall.TotalMilliseconds / sessions:F2} ms a session, {(process.TotalProcessorTime - processor).TotalMilliseconds / sessions:F2} ms of processor time, {(GC.CollectionCount(0) - young) / (double)sessions:F2} young collections{stored}"));
        if (grains)
        {
            await benchmark.StopSilo();
        }

        return 0;
    }
}
