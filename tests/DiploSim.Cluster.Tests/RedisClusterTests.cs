using DiploSim.Scenarios;
using System.Collections.Immutable;
using DiploSim.Contracts;
using DiploSim.Grains;

namespace DiploSim.Cluster.Tests;

/// <summary>Three nodes over a real redis-server: placement, the loss of a node, and a batch-like load from a client.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisClusterTests(RedisServer redis)
{
    private static readonly TimeSpan TurnLength = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Every_node_joins_and_sessions_spread_over_the_nodes_with_their_state_in_redis()
    {
        await using var cluster = await LocalCluster.StartOnRedis(redis, 3, "spread");
        var keysBefore = await redis.Command("DBSIZE");

        var sessions = new List<ISessionGrain>();
        for (var i = 0; i < 12; i++)
        {
            var session = cluster.Client.GetGrain<ISessionGrain>($"spread-{i}");
            Assert.True((await session.Create(new CreateSession(BaselineScenario.Id, (ulong)i, SessionOptions.AllBots(TurnLength)))).IsAccepted);
            sessions.Add(session);
        }

        var holders = new HashSet<string>();
        foreach (var session in sessions)
        {
            var node = await cluster.NodeHolding(session.GetGrainId());
            Assert.NotNull(node);
            holders.Add(node.Silo.ToString());
        }

        Assert.All(cluster.Nodes, n => Assert.True(n.HasJoinedCluster));
        Assert.True(holders.Count >= 2, $"12 sessions all on one node: {string.Join(", ", holders)}");
        Assert.True(RedisCount(await redis.Command("DBSIZE")) >= RedisCount(keysBefore) + 12, "every created session is a key in Redis");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_session_keeps_its_acknowledged_moves_and_hash_when_its_node_is_lost(bool killed)
    {
        await using var cluster = await LocalCluster.StartOnRedis(redis, 3, killed ? "kill" : "stop");
        var (session, teacher, india) = await OpenTurnOne(cluster.Client, "lost-" + killed);
        var before = await session.GetStatus();
        Assert.True((await session.Submit("IND", india, 1, [Summit("RUS")])).IsAccepted);
        Assert.True((await session.SetReady("IND", india, 1, true)).IsAccepted);

        var holder = await cluster.NodeHolding(session.GetGrainId());
        Assert.NotNull(holder);
        if (killed)
        {
            await holder.Kill();
        }
        else
        {
            await holder.Stop();
        }

        var after = await LocalCluster.UntilAnswered(session.GetStatus, Recovery);
        var newHolder = await cluster.NodeHolding(session.GetGrainId());

        Assert.NotNull(newHolder);
        Assert.NotEqual(holder.Silo, newHolder.Silo);
        Assert.Equal((1, SessionPhase.Running, before.StateHash), (after.Turn, after.Phase, after.StateHash));
        Assert.True(after.Seats.Single(s => s.Country == "IND") is { Player: "Asha", Submitted: true, Ready: true });

        // The turn resolves once with the move, to the hash an undisturbed twin reaches.
        Assert.True((await LocalCluster.UntilAnswered(() => session.ResolveNow(teacher), Recovery)).IsAccepted);
        var history = await session.GetHistory(fromTurn: 0);
        var (twin, twinTeacher, twinIndia) = await OpenTurnOne(cluster.Client, "twin-" + killed);
        Assert.True((await twin.Submit("IND", twinIndia, 1, [Summit("RUS")])).IsAccepted);
        Assert.True((await twin.ResolveNow(twinTeacher)).IsAccepted);

        Assert.Equal(2, history.Length);
        Assert.Single(history[1].Moves, m => m.Move.Actor == "IND" && m.Move.Kind == "HoldSummit");
        Assert.Equal((await twin.GetStatus()).StateHash, (await session.GetStatus()).StateHash);
        Assert.Equal(2, (await session.GetStatus()).Turn);
    }

    [Fact]
    public async Task A_client_through_the_gateways_runs_a_batch_of_sessions_across_the_nodes_deterministically()
    {
        await using var cluster = await LocalCluster.StartOnRedis(redis, 3, "batch");
        ulong[] seeds = [11, 12, 13, 14];
        const int turns = 3;

        // Each seed twice, as a batch's repetitions would be: the same seed must give the same hash on any node.
        var runs = seeds.SelectMany(seed => new[] { (Seed: seed, Id: $"batch-{seed}-a"), (Seed: seed, Id: $"batch-{seed}-b") }).ToList();
        var hashes = await Task.WhenAll(runs.Select(async run =>
        {
            var session = cluster.Client.GetGrain<ISessionGrain>(run.Id);
            var ticket = (await session.Create(new CreateSession(BaselineScenario.Id, run.Seed, SessionOptions.AllBots(TurnLength)))).Value!;
            Assert.True((await session.Start(ticket.TeacherToken)).IsAccepted);
            for (var t = 0; t < turns; t++)
            {
                Assert.True((await session.ResolveNow(ticket.TeacherToken)).IsAccepted);
            }

            var status = await session.GetStatus();
            Assert.Equal(turns, status.Turn);
            return (run.Seed, status.StateHash, Node: (await cluster.NodeHolding(session.GetGrainId()))!.Silo.ToString());
        }));

        Assert.All(hashes.GroupBy(h => h.Seed), pair => Assert.Single(pair.Select(p => p.StateHash).Distinct()));
        Assert.Equal(seeds.Length, hashes.Select(h => h.StateHash).Distinct().Count());
        Assert.True(hashes.Select(h => h.Node).Distinct().Count() >= 2, "the batch ran on one node only");
    }

    private static async Task<(ISessionGrain Session, string Teacher, string IndiaToken)> OpenTurnOne(IClusterClient client, string id)
    {
        var session = client.GetGrain<ISessionGrain>(id);
        var ticket = (await session.Create(new CreateSession(BaselineScenario.Id, 9, new SessionOptions(TurnLength, ["IND", "RUS"])))).Value!;
        var india = (await session.Join("IND", "Asha")).Value!.Token;
        Assert.True((await session.Join("RUS", "Ivan")).IsAccepted); // present and never ready: the turn stays open
        Assert.True((await session.Start(ticket.TeacherToken)).IsAccepted);
        Assert.True((await session.ResolveNow(ticket.TeacherToken)).IsAccepted);
        return (session, ticket.TeacherToken, india);
    }

    private static MoveOrder Summit(params string[] partners) => new() { Kind = "HoldSummit", Partners = [.. partners] };

    private static long RedisCount(string reply) => long.Parse(reply.TrimStart(':'), System.Globalization.CultureInfo.InvariantCulture);
}
