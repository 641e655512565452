using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using DiploSim.Contracts;
using DiploSim.Server.Hub;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The server's resident memory with live sessions and idle pages: starts the server as `dotnet run` would run it (its
/// own process, embedded mode, sessions in SQLite in a fresh folder, the Production environment), creates the
/// sessions, seats IND and RUS in each and starts it, opens the connections (two players, the rest classroom screens,
/// each reading its snapshot once as a page does), then leaves them idle and reads the server's resident set
/// (VmRSS, /proc) after a full collection has had time to run. Target: under 400 MB for 1,000 connections in 50 sessions.
/// Then half the pages leave while the rest stay, and it prints how long a staying page's reads took while the server
/// collected after the crowd (the pause the server logs is printed too).
/// Usage: dotnet run -c Release --project bench/DiploSim.LoadTest -- idle [connections=1000] [sessions=50] [idleSeconds=60]
/// </summary>
internal static class IdleMemory
{
    public static async Task<int> Run(string[] args)
    {
        var inv = CultureInfo.InvariantCulture;
        var connections = args.Length > 0 ? int.Parse(args[0], inv) : 1000;
        var sessions = args.Length > 1 ? int.Parse(args[1], inv) : 50;
        var idle = TimeSpan.FromSeconds(args.Length > 2 ? int.Parse(args[2], inv) : 60);

        await using var server = await ServerProcess.Start("idle");
        if (server is null)
        {
            return 2;
        }

        var address = server.Address;
        var clients = new List<HubConnection>();
        try
        {
            using var http = new HttpClient { BaseAddress = address };
            await Task.Delay(TimeSpan.FromSeconds(5));
            var started = server.Resident();
            Console.WriteLine($"server {address} (pid {server.Id}); idle before any session: {Mb(started)}");

            var pages = new List<string>();
            for (var s = 0; s < sessions; s++)
            {
                var passes = (await (await http.PostAsJsonAsync("/api/sessions", new { ScenarioId = "india-russia-summit-2025", TurnSeconds = 3600, HumanSeats = new[] { "IND", "RUS" } })).Content.ReadFromJsonAsync<SessionPassesDto>())!;
                var ind = (await (await http.PostAsJsonAsync("/api/join", new { Code = passes.JoinCode, Country = "IND", Player = "a" })).Content.ReadFromJsonAsync<SeatPassDto>())!;
                var rus = (await (await http.PostAsJsonAsync("/api/join", new { Code = passes.JoinCode, Country = "RUS", Player = "b" })).Content.ReadFromJsonAsync<SeatPassDto>())!;
                await using (var teacher = server.Connection(passes.TeacherPass))
                {
                    await teacher.StartAsync();
                    var receipt = await teacher.InvokeAsync<Receipt>("Start");
                    if (receipt.Refusal is not null)
                    {
                        throw new InvalidOperationException($"session {s} did not start: {receipt.Refusal}");
                    }
                }

                var per = connections / sessions + (s < connections % sessions ? 1 : 0);
                pages.AddRange(Enumerable.Range(0, per).Select(i => i switch { 0 => ind.Pass, 1 => rus.Pass, _ => passes.SpectatorPass! }));
            }

            await Parallel.ForEachAsync(pages, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (pass, ct) =>
            {
                var c = server.Connection(pass);
                await c.StartAsync(ct);
                var snapshot = await c.InvokeAsync<Reply<SnapshotDto>>("GetSnapshot", 0L, ct);
                if (snapshot.Refusal is not null)
                {
                    throw new InvalidOperationException($"a page was refused its snapshot: {snapshot.Refusal}");
                }

                lock (clients)
                {
                    clients.Add(c);
                }
            });
            var opened = server.Resident();
            Console.WriteLine($"{clients.Count} connections open in {sessions} live sessions: {Mb(opened)}");

            var peak = opened;
            var until = DateTime.UtcNow + idle;
            var idleClock = Stopwatch.StartNew();
            while (DateTime.UtcNow < until)
            {
                await Task.Delay(TimeSpan.FromSeconds(5));
                var now = server.Resident();
                peak = Math.Max(peak, now);
                if ((int)idleClock.Elapsed.TotalSeconds % 30 < 5)
                {
                    Console.WriteLine($"  idle {idleClock.Elapsed.TotalSeconds,4:F0} s: {Mb(now)}");
                }
            }

            var held = clients.Count(c => c.State == HubConnectionState.Connected);
            var after = server.Resident();
            Console.WriteLine($"after {idle.TotalSeconds:F0} s idle: {held} connections still open, server resident {Mb(after)} (peak {Mb(peak)}); target under 400 MB: {(Math.Max(peak, after) < 400L * 1024 * 1024 ? "met" : "NOT met")}");

            // Half the pages leave, as a class does at the bell, while the others stay in their live sessions: the server
            // then makes its collection after a crowd (MemoryAfterCrowds), and a page that stays reads its snapshot every
            // 100 ms meanwhile, so the slowest read shows what the collection's pause costs a page still in class.
            var leaving = clients.Take(clients.Count / 2).ToList();
            clients.RemoveRange(0, leaving.Count);
            await Parallel.ForEachAsync(leaving, async (c, _) => await c.DisposeAsync());
            var staying = clients[0];
            var reads = new List<double>();
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < DiploSim.Server.MemoryAfterCrowds.Every * 4)
            {
                var read = Stopwatch.StartNew();
                await staying.InvokeAsync<Reply<SnapshotDto>>("GetSnapshot", 0L);
                reads.Add(read.Elapsed.TotalMilliseconds);
                await Task.Delay(100);
            }

            reads.Sort();
            Console.WriteLine(string.Create(inv, $"{leaving.Count} pages left, {clients.Count} stayed: over {watch.Elapsed.TotalSeconds:F0} s a staying page's snapshot read took {reads[reads.Count / 2]:F1} ms at the median and {reads[^1]:F1} ms at the slowest ({reads.Count} reads); server resident {Mb(server.Resident())}"));
            return 0;
        }
        finally
        {
            foreach (var c in clients)
            {
                await c.DisposeAsync();
            }
        }
    }

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:F0} MB");
}
