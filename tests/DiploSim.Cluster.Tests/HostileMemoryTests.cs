using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DiploSim.Contracts;
using DiploSim.Server;
using DiploSim.Server.Hub;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace DiploSim.Cluster.Tests;

/// <summary>
/// The server as <c>dotnet run</c> starts it (its own process, embedded mode, SQLite, Production, the shipped
/// collector), worn by a thousand hostile clients on loopback: once they have left, its resident memory (read from
/// /proc) comes back within a fifth of its figure before them and stays there (docs/deployment.md).
/// </summary>
public sealed class HostileMemoryTests(ITestOutputHelper output) : IDisposable
{
    private const int SilentConnections = 1000;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Settling = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Growth over <see cref="Window"/> that still counts as level: the young generation's cap on 2 heaps, 16 MB each.
    /// The collection that gives memory back once the clients have left empties it, and the idle server's allocations
    /// fill it again before its next collection. Uncapped, it grew by about 0.5 MB a second with no end.
    /// </summary>
    private const long LevelOff = 32L << 20;

    private readonly string _data = Directory.CreateTempSubdirectory("diplosim-memory-").FullName;

    /// <summary>The resident set after the clients left may exceed the one before them by this share at most (issue 17).</summary>
    private const double Returned = 1.2;

    [Fact]
    public async Task After_a_thousand_hostile_clients_leave_the_server_s_resident_memory_comes_back_within_a_fifth_and_levels_off()
    {
        using var server = ServerNode.StartEmbedded("memory", _data, new Dictionary<string, string>
        {
            ["DiploSim__Limits__ConnectionsPerAddress"] = "5000",
            ["DiploSim__Limits__AuthenticationTimeout"] = "00:00:02",
        });
        await server.WaitUntilReady();
        var passes = await server.CreateSession(seed: 3);
        var india = await server.Join(passes.JoinCode, "IND", "Asha");
        await using var teacher = await server.Connect(passes.TeacherPass);
        await using var ind = await server.Connect(india.Pass);
        Assert.Null((await teacher.Call("Start")).Refusal);
        var hash = await StateHash(teacher);

        // A smaller round first pays for code and pools that stay for the server's life; it is too small a crowd for
        // the server to collect after it (MemoryAfterCrowds.Crowd), so the figure before is not flattered.
        await HostileRound(server, passes, ind, connections: MemoryAfterCrowds.Crowd / 2);
        var start = server.Resident();
        var peak = await HostileRound(server, passes, ind, connections: SilentConnections);

        // Once the crowd has left the server makes one full collection (MemoryAfterCrowds); without it the resident set
        // stayed at 1.29–1.37 times its start. The idle server still allocates (its stream queues are read every
        // 20 ms): with the young generation's budget uncapped it went on growing into that budget by about 0.5 MB a
        // second, to 350 MB and more; capped (src/DiploSim.Server/Collector.props), it levels off. The rate is measured over a
        // minute, from half a minute on.
        var left = Stopwatch.StartNew();
        await Task.Delay(Settling);
        var settled = server.Resident();
        await Task.Delay(Window);
        var end = server.Resident();

        output.WriteLine($"resident: {Mb(start)} before {SilentConnections} hostile clients, {Mb(peak)} with them, {Mb(settled)} {Settling.TotalSeconds:F0} s "
            + $"after they left and {Mb(end)} {left.Elapsed.TotalSeconds:F0} s after ({(double)end / start:F2} times the start)");
        Assert.True(peak > start, $"the round raised the server's memory ({Mb(start)} to {Mb(peak)}), or the test shows nothing");
        Assert.True(end - settled < LevelOff, $"resident {Mb(settled)} {Settling.TotalSeconds:F0} s after the clients left and {Mb(end)} {Window.TotalSeconds:F0} s later: still growing");
        // Back within a fifth once the crowd has gone (the collection comes within 10 s of the last close), and level
        // from there: the young generation refilling is all the idle server adds.
        Assert.True(settled <= start * Returned, $"resident {Mb(settled)} {Settling.TotalSeconds:F0} s after the clients left against {Mb(start)} before them: more than a fifth above");
        Assert.Equal(hash, await StateHash(teacher));
        Assert.Equal(HubConnectionState.Connected, ind.Connection.State);
    }

    /// <summary>
    /// Silent connections (half without a pass, half a classroom screen's), a message flood, oversized hub messages,
    /// oversized and malformed join requests; then every hostile client leaves. Answers the server's resident set with
    /// all of them connected.
    /// </summary>
    private static async Task<long> HostileRound(ServerNode server, SessionPassesDto passes, HubClient player, int connections)
    {
        var silent = new List<HubConnection>();
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, connections), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            {
                var connection = Connection(server, i % 2 == 0 ? null : passes.SpectatorPass);
                lock (silent)
                {
                    silent.Add(connection);
                }

                await connection.StartAsync(ct).WaitAsync(Bound, ct);
            });
            var peak = server.Resident();

            for (var i = 0; i < 40; i++)
            {
                var refusal = (await player.Call("SendMessage", "IND", "RUS", new string('m', 1990))).Refusal;
                Assert.True(refusal is null || refusal.Contains("DiploSim:Limits:MessagesPerMinute", StringComparison.Ordinal), refusal);
            }

            // Over the hub's message size the server closes the connection instead of reading on.
            foreach (var connection in silent.Where((_, i) => i % 2 == 1).Take(connections / 20))
            {
                await Assert.ThrowsAnyAsync<Exception>(() => connection.InvokeAsync<Receipt>("SendMessage", "IND", "RUS", new string('h', 64 * 1024)).WaitAsync(Bound));
            }

            for (var i = 0; i < connections / 10; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/join", UriKind.Relative))
                {
                    Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(new { Code = passes.JoinCode, Country = "RUS", Player = new string('x', 100_000) })),
                };
                request.Content.Headers.ContentType = new("application/json");
                request.Headers.ExpectContinue = true;
                Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await server.Http.SendAsync(request)).StatusCode);
                Assert.Equal(HttpStatusCode.BadRequest, (await server.Http.PostAsJsonAsync("/api/join", new { Code = passes.JoinCode, Country = (string?)null, Player = "p" })).StatusCode);
            }

            return Math.Max(peak, server.Resident());
        }
        finally
        {
            foreach (var connection in silent)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private static HubConnection Connection(ServerNode server, string? pass) => new HubConnectionBuilder()
        .WithUrl(new Uri(server.Address, "/hub"), o =>
        {
            o.AccessTokenProvider = () => Task.FromResult(pass);
            o.Transports = HttpTransportType.WebSockets;
        })
        .AddMessagePackProtocol()
        .Build();

    private static async Task<string> StateHash(HubClient teacher) =>
        (await teacher.Call<Reply<SnapshotDto>>("GetSnapshot", 0L)).Value!.Status.StateHash;

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:F0} MB");

    public void Dispose() => Directory.Delete(_data, recursive: true);
}
