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

        var repository = Repository();
        var serverDll = Path.Combine(repository, "src/DiploSim.Server/bin/Release/net10.0/DiploSim.Server.dll");
        if (!File.Exists(serverDll))
        {
            Console.Error.WriteLine($"build the server first (dotnet build src/DiploSim.Server -c Release): {serverDll} is missing");
            return 2;
        }

        var data = Directory.CreateTempSubdirectory("diplosim-idle-");
        var address = new Uri($"http://127.0.0.1:{FreePort().ToString(inv)}");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.Combine(repository, "src/DiploSim.Server") };
        foreach (var a in new[] { serverDll, "--urls", address.ToString().TrimEnd('/') })
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["DiploSim__Cluster__DataDirectory"] = data.FullName;
        start.Environment["DiploSim__Cluster__SiloPort"] = FreePort().ToString(inv);
        start.Environment["DiploSim__Cluster__GatewayPort"] = FreePort().ToString(inv);
        // Every simulated page comes from this one address: the per-address caps would stop the load at their defaults.
        start.Environment["DiploSim__Limits__SessionsPerAddressPerHour"] = "1000000";
        start.Environment["DiploSim__Limits__ConnectionsPerAddress"] = "1000000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var server = Process.Start(start)!;
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"server: {e.Data}"); };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        var clients = new List<HubConnection>();
        try
        {
            using var http = new HttpClient { BaseAddress = address };
            await Ready(http);
            await Task.Delay(TimeSpan.FromSeconds(5));
            var started = Resident(server);
            Console.WriteLine($"server {address} (pid {server.Id}); idle before any session: {Mb(started)}");

            var pages = new List<string>();
            for (var s = 0; s < sessions; s++)
            {
                var passes = (await (await http.PostAsJsonAsync("/api/sessions", new { ScenarioId = "india-russia-summit-2025", TurnSeconds = 3600, HumanSeats = new[] { "IND", "RUS" } })).Content.ReadFromJsonAsync<SessionPassesDto>())!;
                var ind = (await (await http.PostAsJsonAsync("/api/join", new { Code = passes.JoinCode, Country = "IND", Player = "a" })).Content.ReadFromJsonAsync<SeatPassDto>())!;
                var rus = (await (await http.PostAsJsonAsync("/api/join", new { Code = passes.JoinCode, Country = "RUS", Player = "b" })).Content.ReadFromJsonAsync<SeatPassDto>())!;
                await using (var teacher = Connection(address, passes.TeacherPass))
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
                var c = Connection(address, pass);
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
            var opened = Resident(server);
            Console.WriteLine($"{clients.Count} connections open in {sessions} live sessions: {Mb(opened)}");

            var peak = opened;
            var until = DateTime.UtcNow + idle;
            var idleClock = Stopwatch.StartNew();
            while (DateTime.UtcNow < until)
            {
                await Task.Delay(TimeSpan.FromSeconds(5));
                var now = Resident(server);
                peak = Math.Max(peak, now);
                if ((int)idleClock.Elapsed.TotalSeconds % 30 < 5)
                {
                    Console.WriteLine($"  idle {idleClock.Elapsed.TotalSeconds,4:F0} s: {Mb(now)}");
                }
            }

            var held = clients.Count(c => c.State == HubConnectionState.Connected);
            var after = Resident(server);
            Console.WriteLine($"after {idle.TotalSeconds:F0} s idle: {held} connections still open, server resident {Mb(after)} (peak {Mb(peak)}); target under 400 MB: {(Math.Max(peak, after) < 400L * 1024 * 1024 ? "met" : "NOT met")}");
            return 0;
        }
        finally
        {
            foreach (var c in clients)
            {
                await c.DisposeAsync();
            }

            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            data.Delete(recursive: true);
        }
    }

    private static HubConnection Connection(Uri address, string pass) => new HubConnectionBuilder()
        .WithUrl(new Uri(address, "/hub"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(pass))
        .AddMessagePackProtocol()
        .Build();

    private static async Task Ready(HttpClient http)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < until)
            {
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException("the server did not answer /health/ready within 60 s");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>The process's resident set (VmRSS), in bytes.</summary>
    private static long Resident(Process process)
    {
        var line = File.ReadLines($"/proc/{process.Id.ToString(CultureInfo.InvariantCulture)}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:F0} MB");

    private static string Repository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DiploSim.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("run from inside the DiploSim repository");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
