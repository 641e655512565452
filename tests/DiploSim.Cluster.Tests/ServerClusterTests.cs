using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using DiploSim.Contracts;
using DiploSim.Server.Hub;
using Microsoft.AspNetCore.SignalR.Client;

namespace DiploSim.Cluster.Tests;

/// <summary>
/// Real server processes in Redis mode over a real redis-server: players of one session on different nodes, the
/// SIGKILL of the node holding a session mid-turn, a batch with <c>--cluster</c> across the nodes, and what operators see.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class ServerClusterTests(RedisServer redis)
{
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(60);

    private static MoveOrder Summit(params string[] partners) => new() { Kind = "HoldSummit", Partners = [.. partners] };

    [Fact]
    public async Task An_address_that_creates_sessions_on_every_node_gets_no_more_than_its_hourly_limit_in_all()
    {
        const int perHour = 3;
        await using var cluster = await ServerNodes.Start(redis, 2, "quota", settings: new Dictionary<string, string>
        {
            ["DiploSim__Limits__SessionsPerAddressPerHour"] = perHour.ToString(CultureInfo.InvariantCulture),
        });

        // Alternating nodes, as a load balancer would: each node alone would allow all three and more.
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 2 * perHour; i++)
        {
            var response = await cluster.Nodes[i % 2].Http.PostAsJsonAsync("/api/sessions", new { ScenarioId = "first-class", TurnSeconds = 3600 });
            statuses.Add(response.StatusCode);
            refused ??= response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, perHour), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, perHour)], statuses);
        Assert.Contains("DiploSim:Limits:SessionsPerAddressPerHour", await refused!.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "a refusal says when to try again");
    }

    [Fact]
    public async Task Players_on_different_nodes_each_receive_every_outcome_once_and_passes_work_on_every_node()
    {
        await using var cluster = await ServerNodes.Start(redis, 3, "fanout");
        var (n1, n2, n3) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        var passes = await n1.CreateSession(seed: 21);
        var india = await n2.Join(passes.JoinCode, "IND", "Asha");
        var russia = await n3.Join(passes.JoinCode, "RUS", "Ivan");

        // The teacher's and spectator's passes were signed by node1; nodes 2 and 3 accept them (one shared key).
        await using var teacher = await n3.Connect(passes.TeacherPass);
        await using var screen = await n2.Connect(passes.SpectatorPass!, messagePack: false);
        await using var ind = await n2.Connect(india.Pass);
        await using var rus = await n3.Connect(russia.Pass, messagePack: false);
        await using var teacherOnNode1 = await n1.Connect(passes.TeacherPass);
        HubClient[] everyone = [teacher, screen, ind, rus, teacherOnNode1];

        Assert.Null((await teacher.Call("Start")).Refusal);
        var turn = (await ind.Call<Reply<SnapshotDto>>("GetSnapshot", 0L)).Value!.Status.Turn;
        for (var t = turn; t < turn + 2; t++)
        {
            Assert.Null((await ind.Call("Submit", "IND", t, new[] { Summit("RUS") })).Refusal);
            Assert.Null((await rus.Call("Submit", "RUS", t, new[] { Summit("IND") })).Refusal);
            Assert.Null((await ind.Call("SetReady", "IND", t, true)).Refusal);
            Assert.Null((await rus.Call("SetReady", "RUS", t, true)).Refusal);
            var resolved = t;
            var outcomes = await Task.WhenAll(everyone.Select(c => c.WaitFor(e => e.Kind == "TurnResolved" && e.Outcome!.Turn == resolved)));
            Assert.Single(outcomes.Select(o => o.Outcome!.StateHash).Distinct());
        }

        foreach (var client in everyone)
        {
            var turns = client.Events.Where(e => e.Kind == "TurnResolved").Select(e => e.Outcome!.Turn).ToList();
            Assert.True(turns.SequenceEqual([turn, turn + 1]), $"a client on {client.Node} received outcomes of turns [{string.Join(", ", turns)}]");
            var sequences = client.Events.Select(e => e.Sequence).ToList();
            Assert.Equal(sequences.Count, sequences.Distinct().Count());
        }

        // Operators: the dashboard and the metrics answer only with the key; the turns are counted where they resolved.
        using (var refused = await n1.Http.GetAsync(new Uri("/dashboard/", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using (var dashboard = await Operator(n2, "/dashboard/"))
        {
            Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        }

        var resolvedTurns = await Bounded(async () =>
        {
            var total = 0.0;
            foreach (var node in cluster.Nodes)
            {
                total += Metric(await (await Operator(node, "/metrics")).Content.ReadAsStringAsync(), "diplosim_turns_resolved_total");
            }

            return total;
        }, total => total >= 2);
        Assert.Equal(2, resolvedTurns);
    }

    [Fact]
    public async Task A_students_pages_on_two_nodes_count_for_her_seat_on_the_console_of_a_third_until_both_close()
    {
        await using var cluster = await ServerNodes.Start(redis, 3, "links");
        var (n1, n2, n3) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        var passes = await n1.CreateSession(seed: 5);
        var india = await n1.Join(passes.JoinCode, "IND", "Asha");
        await using var teacher = await n1.Connect(passes.TeacherPass);
        var phone = await n2.Connect(india.Pass);
        var laptop = await n3.Connect(india.Pass);

        async Task<SeatConnectionDto> Seat(Func<SeatConnectionDto, bool> until) => await Bounded(async () =>
            (await teacher.Call<Reply<SeatConnectionsDto>>("GetSeatConnections")).Value!.Seats.Single(s => s.Country == "IND"), until);

        Assert.Equal(2, (await Seat(s => s.Open == 2)).Open);
        await phone.DisposeAsync();
        var one = await Seat(s => s.Open == 1);
        Assert.Equal(1, one.Open);
        Assert.Null(one.LostAtMs);
        await laptop.DisposeAsync();
        var none = await Seat(s => s.Open == 0);
        Assert.Equal(0, none.Open);
        Assert.NotNull(none.LostAtMs);
    }

    [Fact]
    public async Task A_plan_saved_on_a_students_laptop_on_one_node_is_announced_to_her_phone_on_another_whose_save_on_the_older_plan_is_refused()
    {
        await using var cluster = await ServerNodes.Start(redis, 2, "plans");
        var (n1, n2) = (cluster.Nodes[0], cluster.Nodes[1]);
        var passes = await n1.CreateSession(seed: 5);
        var india = await n1.Join(passes.JoinCode, "IND", "Asha");
        await using var teacher = await n1.Connect(passes.TeacherPass);
        Assert.Null((await teacher.Call("Start")).Refusal);
        await using var laptop = await n1.Connect(india.Pass);
        await using var phone = await n2.Connect(india.Pass);
        var heard = new TaskCompletionSource<DraftSaved>(TaskCreationOptions.RunContinuationsAsynchronously);
        phone.Connection.On<DraftSaved>("DraftSaved", d => heard.TrySetResult(d));

        Assert.Equal(new DraftSaved(0, 1), (await laptop.Call<Reply<DraftSaved>>("SaveTurnDraft", "IND", 0, 0L, new[] { Summit("RUS") })).Value);
        Assert.Equal(new DraftSaved(0, 1), await heard.Task.WaitAsync(Recovery));
        var stale = await phone.Call<Reply<DraftSaved>>("SaveTurnDraft", "IND", 0, 0L, new[] { Summit("CHN") });
        Assert.Equal("your plan was changed on another screen since this page last had it (revision 0; it is at 1): this change was not saved", stale.Refusal);
    }

    [Fact]
    public async Task A_replaced_pass_drops_the_tabs_and_screens_that_hold_the_old_one_on_every_node()
    {
        await using var cluster = await ServerNodes.Start(redis, 2, "passes");
        var (n1, n2) = (cluster.Nodes[0], cluster.Nodes[1]);
        var passes = await n1.CreateSession(seed: 5);
        await using var console = await n1.Connect(passes.TeacherPass);
        await using var otherTab = await n2.Connect(passes.TeacherPass, messagePack: false);
        await using var screen = await n2.Connect(passes.SpectatorPass!);
        Assert.Null((await otherTab.Call<Reply<SnapshotDto>>("GetSnapshot", 0L)).Refusal);

        // The console on node 1 replaces the teacher's pass: the tab on node 2 with the old one is dropped.
        var teacher = await console.Call<Reply<SessionPassesDto>>("RotateTeacherPass");
        Assert.Null(teacher.Refusal);
        Assert.Contains("teacher's pass was replaced", await otherTab.Revoked.WaitAsync(Recovery), StringComparison.Ordinal);
        Assert.Equal("this teacher pass was replaced by a new one, or its session does not exist",
            (await otherTab.Call<Reply<SnapshotDto>>("GetSnapshot", 0L)).Refusal);
        await using var stale = await n2.Connect(passes.TeacherPass);
        Assert.StartsWith("not admitted: this teacher pass was replaced", (await stale.Call("Pause", 0)).Refusal, StringComparison.Ordinal);
        await using var renewed = await n2.Connect(teacher.Value!.TeacherPass);

        // Then the classroom screen's: the screen on node 2 is dropped, one with the new link is not.
        var screenPasses = await console.Call<Reply<SessionPassesDto>>("RotateSpectatorPass");
        Assert.Null(screenPasses.Refusal);
        Assert.Contains("classroom screen", await screen.Revoked.WaitAsync(Recovery), StringComparison.Ordinal);
        await using var newScreen = await n2.Connect(screenPasses.Value!.SpectatorPass!, messagePack: false);

        // The console that asked and the new passes hear the session; the dropped connections do not.
        Assert.Null((await console.Call("Start")).Refusal);
        await Task.WhenAll(new[] { console, renewed, newScreen }.Select(c => c.WaitFor(e => e.Kind == "SessionStarted")));
        Assert.DoesNotContain(otherTab.Events, e => e.Kind == "SessionStarted");
        Assert.DoesNotContain(screen.Events, e => e.Kind == "SessionStarted");
        Assert.False(console.Revoked.IsCompleted);
    }

    [Fact]
    public async Task Killing_the_node_that_holds_a_session_mid_turn_loses_no_acknowledged_move_and_the_turn_resolves_once()
    {
        await using var cluster = await ServerNodes.Start(redis, 3, "sigkill");
        var passes = await cluster.Nodes[0].CreateSession(seed: 33);
        var holder = await cluster.NodeHolding(cluster.Client.GetGrain<ISessionGrain>(passes.SessionId).GetGrainId());
        Assert.NotNull(holder);
        var survivors = cluster.Nodes.Where(n => n != holder).ToList();
        var india = await survivors[0].Join(passes.JoinCode, "IND", "Asha");
        var russia = await survivors[1].Join(passes.JoinCode, "RUS", "Ivan");

        // The players sit on the survivors; the teacher on the node that will die.
        await using var ind = await survivors[0].Connect(india.Pass);
        await using var rus = await survivors[1].Connect(russia.Pass, messagePack: false);
        var teacher = await holder.Connect(passes.TeacherPass);
        Assert.Null((await teacher.Call("Start")).Refusal);
        var turn = (await ind.Call<Reply<SnapshotDto>>("GetSnapshot", 0L)).Value!.Status.Turn;

        // Acknowledged moves: both submitted, India ready; Russia not yet, so the turn stays open.
        Assert.Null((await ind.Call("Submit", "IND", turn, new[] { Summit("RUS") })).Refusal);
        Assert.Null((await ind.Call("SetReady", "IND", turn, true)).Refusal);
        Assert.Null((await rus.Call("Submit", "RUS", turn, new[] { Summit("IND") })).Refusal);
        var seenByTeacher = (await teacher.Call<Reply<SnapshotDto>>("GetSnapshot", 0L)).Value!.Events.Max(e => e.Sequence);

        holder.Kill();
        Assert.False(holder.IsRunning);
        await teacher.DisposeAsync();

        // Russia's readiness is what closes the turn: it lands once the session has reactivated on a survivor from Redis.
        var ready = await rus.CallUntilAnswered(Recovery, "SetReady", "RUS", turn, true);
        Assert.Null(ready.Refusal);
        var outcomes = await Task.WhenAll(new[] { ind, rus }.Select(c => c.WaitFor(e => e.Kind == "TurnResolved" && e.Outcome!.Turn == turn)));
        var outcome = outcomes[0].Outcome!;
        Assert.Equal(outcome.StateHash, outcomes[1].Outcome!.StateHash);
        Assert.Contains(outcome.Moves, m => m.Move.Actor == "IND" && m.Move.Kind == "HoldSummit");
        Assert.Contains(outcome.Moves, m => m.Move.Actor == "RUS" && m.Move.Kind == "HoldSummit");

        var newHolder = await cluster.NodeHolding(cluster.Client.GetGrain<ISessionGrain>(passes.SessionId).GetGrainId());
        Assert.NotNull(newHolder);
        Assert.NotEqual(holder, newHolder);

        // An undisturbed twin with the same seed and moves reaches the same hash.
        var twin = await survivors[0].CreateSession(seed: 33);
        var twinIndia = await survivors[0].Join(twin.JoinCode, "IND", "Asha");
        var twinRussia = await survivors[0].Join(twin.JoinCode, "RUS", "Ivan");
        await using (var twinTeacher = await survivors[0].Connect(twin.TeacherPass))
        await using (var twinInd = await survivors[0].Connect(twinIndia.Pass))
        await using (var twinRus = await survivors[0].Connect(twinRussia.Pass))
        {
            Assert.Null((await twinTeacher.Call("Start")).Refusal);
            Assert.Null((await twinInd.Call("Submit", "IND", turn, new[] { Summit("RUS") })).Refusal);
            Assert.Null((await twinRus.Call("Submit", "RUS", turn, new[] { Summit("IND") })).Refusal);
            Assert.Null((await twinInd.Call("SetReady", "IND", turn, true)).Refusal);
            Assert.Null((await twinRus.Call("SetReady", "RUS", turn, true)).Refusal);
            var twinOutcome = await twinTeacher.WaitFor(e => e.Kind == "TurnResolved" && e.Outcome!.Turn == turn);
            Assert.Equal(twinOutcome.Outcome!.StateHash, outcome.StateHash);
        }

        // The teacher reconnects to a survivor with the same pass and catches up on what it missed.
        await using var back = await survivors[1].Connect(passes.TeacherPass);
        var missed = (await back.Call<Reply<SnapshotDto>>("GetSnapshot", seenByTeacher)).Value!;
        Assert.Single(missed.Events, e => e.Kind == "TurnResolved" && e.Turn == turn);
        Assert.Equal(turn + 1, missed.Status.Turn);
        Assert.Equal(outcome.StateHash, missed.History.Single(h => h.Turn == turn).StateHash);

        // The turn resolved once: every client saw one outcome, and the log holds one resolution of it.
        Assert.Single(ind.Events, e => e.Kind == "TurnResolved");
        Assert.Single(rus.Events, e => e.Kind == "TurnResolved");
        var log = (await back.Call<Reply<SnapshotDto>>("GetSnapshot", 0L)).Value!.Events;
        Assert.Single(log, e => e.Kind == "TurnResolved" && e.Turn == turn);
    }

    [Fact]
    public async Task A_batch_with_cluster_runs_on_the_nodes_and_writes_the_rows_of_a_local_run()
    {
        await using var cluster = await ServerNodes.Start(redis, 2, "batchcli");
        var folder = Directory.CreateTempSubdirectory("diplosim-batch-").FullName;
        try
        {
            string[] experiment = ["batch", "first-class", "--runs", "4", "--set", "TradeElasticity=2,5", "--seed", "8", "--turns", "3", "--no-plots"];
            var local = Path.Combine(folder, "local");
            var remote = Path.Combine(folder, "cluster");
            var (localExit, localOutput) = await Cli(folder, [.. experiment, "--out", local], []);
            Assert.True(localExit == 0, localOutput);
            var (exit, output) = await Cli(folder, [.. experiment, "--out", remote, "--cluster", "--clustering", "redis", "--redis", redis.ConnectionString], new()
            {
                ["DiploSim__Cluster__ClusterId"] = cluster.Shared.ClusterId,
                ["DiploSim__Cluster__ServiceId"] = cluster.Shared.ServiceId,
            });

            Assert.True(exit == 0, output);
            Assert.Contains("on the cluster", output, StringComparison.Ordinal);
            Assert.Equal(File.ReadAllText(Path.Combine(local, "turns.csv")), File.ReadAllText(Path.Combine(remote, "turns.csv")));
            var runs = File.ReadAllLines(Path.Combine(remote, "runs.csv"));
            Assert.Equal(File.ReadAllLines(Path.Combine(local, "runs.csv")), runs);

            // The runs were played by the nodes' silos, and counted there.
            var played = await Bounded(async () =>
            {
                var total = 0.0;
                foreach (var node in cluster.Nodes)
                {
                    total += Metric(await (await Operator(node, "/metrics")).Content.ReadAsStringAsync(), "diplosim_batch_runs_total");
                }

                return total;
            }, total => total >= runs.Length - 1);
            Assert.Equal(runs.Length - 1, played);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_redis_node_without_a_signing_key_refuses_to_start_and_names_the_setting()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { ServerNodes.ServerDll, "--urls", $"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}", "--contentRoot", DeploymentFiles.PathOf("src/DiploSim.Server") })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DiploSim__Cluster__Mode"] = "Redis";
        start.Environment["DiploSim__Cluster__RedisConnectionString"] = redis.ConnectionString;
        start.Environment["DiploSim__Cluster__SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        start.Environment["DiploSim__Cluster__GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        start.Environment["DiploSim__SigningKey"] = "";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("DiploSim:SigningKey is required when DiploSim:Cluster:Mode is Redis", await output + await error, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> Operator(ServerNode node, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ServerNodes.OperatorKey);
        return await node.Http.SendAsync(request);
    }

    /// <summary>The sum of a Prometheus metric's samples in a scrape (0 when absent).</summary>
    private static double Metric(string scrape, string name) =>
        scrape.Split('\n')
            .Where(line => line.StartsWith(name, StringComparison.Ordinal) && (line.Length == name.Length || line[name.Length] is '{' or ' '))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

    private static async Task<T> Bounded<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value) || clock.Elapsed > TimeSpan.FromSeconds(20))
            {
                return value;
            }

            await Task.Delay(250);
        }
    }

    private static async Task<(int Exit, string Output)> Cli(string workingDirectory, string[] arguments, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(ServerNodes.CliDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        return (process.ExitCode, await output + await error);
    }
}
