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
/// (<c>grains</c>, <c>in-process</c>, or <c>alternating</c>: one of each in turn, in one process), storage, sessions
/// played, extra warm-up sessions. The collector is the
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
        if (side is not ("grains" or "in-process" or "alternating") || storage is not ("memory" or "sqlite") || sessions < 1 || warmUp < 0)
        {
            Console.Error.WriteLine("usage: profile-sessions grains|in-process|alternating memory|sqlite SESSIONS WARM-UP-SESSIONS");
            return 2;
        }

        if (side == "alternating")
        {
            return await Alternate(storage, sessions, warmUp);
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
        using var listener = Listen("diplosim.storage.write.duration", (_, seconds, tags, _) =>
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

    /// <summary>A started listener that hands <paramref name="measured"/> each measurement of the instrument named <paramref name="instrument"/>.</summary>
    private static MeterListener Listen(string instrument, MeasurementCallback<double> measured)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (published, l) =>
            {
                if (published.Name == instrument)
                {
                    l.EnableMeasurementEvents(published);
                }
            },
        };
        listener.SetMeasurementEventCallback(measured);
        listener.Start();
        return listener;
    }

    /// <summary>
    /// One session through the grains, then the same turns in-process, in turn, in one process that hosts the silo:
    /// the machine's slow and fast spells fall on both sides alike, so their ratio holds where two processes' figures
    /// do not. Processor time is the whole process's on both sides (the silo's idle threads count on both).
    /// </summary>
    private static async Task<int> Alternate(string storage, int sessions, int warmUp)
    {
        var benchmark = new SessionBenchmarks { Storage = storage };
        await benchmark.StartSiloAndWarmUp();
        benchmark.WarmUpInProcess();
        for (var i = 0; i < warmUp; i++)
        {
            await benchmark.ThroughGrains();
            benchmark.InProcess();
        }

        // The grain's own measure of each turn (Core, the store's write and publishing), from the session's meter.
        var resolvingTicks = 0L;
        using var listener = Listen("diplosim.turn.resolution.duration", (_, seconds, _, _) => Interlocked.Add(ref resolvingTicks, (long)(seconds * TimeSpan.TicksPerSecond)));

        var grains = new Side();
        var loop = new Side();
        var ratios = new List<double>(sessions);
        for (var i = 0; i < sessions; i++)
        {
            var grain = await grains.Time(() => benchmark.ThroughGrains());
            var inProcess = await loop.Time(() => Task.FromResult(benchmark.InProcess()));
            ratios.Add(grain / inProcess);
        }

        ratios.Sort();
        var turns = TimeSpan.FromTicks(Interlocked.Read(ref resolvingTicks)) / sessions;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"alternating ({storage}), {sessions} pairs: grains {grains.Describe(sessions)}, of which resolving turns {turns.TotalMilliseconds:F2} ms and calls, activation and creation {(grains.Wall / sessions - turns).TotalMilliseconds:F2} ms; in-process {loop.Describe(sessions)}; ratio of means {grains.Wall / loop.Wall:F3}, median pair {ratios[ratios.Count / 2]:F3}"));
        await benchmark.StopSilo();
        return 0;
    }

    /// <summary>What one side of <see cref="Alternate"/> has cost so far: wall time, the process's processor time, young collections and the runtime's pauses.</summary>
    private sealed class Side
    {
        public TimeSpan Wall { get; private set; }

        private TimeSpan _processor;
        private TimeSpan _paused;
        private int _young;

        public async Task<TimeSpan> Time(Func<Task> play)
        {
            using var process = Process.GetCurrentProcess();
            var (processor, young, paused, started) = (process.TotalProcessorTime, GC.CollectionCount(0), GC.GetTotalPauseDuration(), Stopwatch.GetTimestamp());
            await play();
            var wall = Stopwatch.GetElapsedTime(started);
            process.Refresh();
            Wall += wall;
            _processor += process.TotalProcessorTime - processor;
            _young += GC.CollectionCount(0) - young;
            _paused += GC.GetTotalPauseDuration() - paused;
            return wall;
        }

        public string Describe(int sessions) => string.Create(CultureInfo.InvariantCulture,
            $"{Wall.TotalMilliseconds / sessions:F2} ms ({_processor.TotalMilliseconds / sessions:F2} ms processor, {_young / (double)sessions:F2} young collections, {_paused.TotalMilliseconds / sessions:F2} ms paused)");
    }
}
