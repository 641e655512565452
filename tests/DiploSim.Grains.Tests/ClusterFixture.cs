using System.Collections.Concurrent;
using System.Collections.Immutable;
using DiploSim.Contracts;
using DiploSim.Core;
using DiploSim.Grains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Hosting;
using Orleans.Streams;
using Orleans.TestingHost;
using DiploSim.Scenarios;

namespace DiploSim.Grains.Tests;

/// <summary>One in-process cluster for the collection: memory storage, memory streams, a fake turn clock.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 12, 4, 9, 0, 0, TimeSpan.Zero));

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        var clock = Clock;
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddBinaryMemoryGrainStorage(ProviderNames.Storage)
                .AddMemoryGrainStorage("PubSubStore")
                .AddMemoryStreams(SessionStreams.Provider)
                .AddDiploSimGrains();
            silo.Services.AddSingleton(new TurnClock(clock));
            silo.Services.AddSingleton<IScenarioCatalog>(new TestScenarios());
        });
        builder.ConfigureClient(client => client.AddMemoryStreams(SessionStreams.Provider));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    private static int _sessions;

    /// <summary>A fresh session id per test.</summary>
    public static string NewSessionId(string name) => $"{name}-{Interlocked.Increment(ref _sessions)}";
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}

/// <summary>The built-in baseline plus a scenario with an inject menu and a scheduled shock, to test injects.</summary>
public sealed class TestScenarios : IScenarioCatalog
{
    public const string WithShocks = "test-shocks";

    public static readonly Shock Ceasefire = new("ceasefire", "Ceasefire announced", "Tension falls.", [new TensionEffect(-10), new OilSupplyEffect(1)]);
    public static readonly Shock Salvo = new("tariff-salvo", "US raises tariffs on India", "A new salvo.", [new PolicyEffect(new SetTariff("USA", "IND", null, 0.6))]);

    private static readonly Scenario Baseline = BaselineScenario.Load() with { Script = ShockScript.Empty };

    public static Scenario ShockScenario { get; } = new(
        WithShocks, "Test shocks", "A scheduled salvo at turn 1 and a ceasefire inject.", 40, BaselineScenario.World(),
        new FixedShockScript([(1, Salvo)], [Ceasefire]));

    public Scenario? Find(string id) => id == WithShocks ? ShockScenario : (id == BaselineScenario.Id ? Baseline : null);

    public IReadOnlyList<ScenarioListing> List() => [LibraryScenarioCatalog.Listing(Baseline), LibraryScenarioCatalog.Listing(ShockScenario)];
}

/// <summary>Records what a session publishes and lets a test await an update instead of sleeping.</summary>
public sealed class UpdateRecorder
{
    private readonly ConcurrentQueue<SessionUpdate> _updates = new();
    private readonly List<(Func<SessionUpdate, bool> Match, TaskCompletionSource<SessionUpdate> Done)> _waiters = [];
    private readonly Lock _gate = new();

    public IReadOnlyCollection<SessionUpdate> Updates => _updates;

    public static async Task<UpdateRecorder> Subscribe(IClusterClient client, string streamNamespace, string key)
    {
        var recorder = new UpdateRecorder();
        var stream = client.GetStreamProvider(SessionStreams.Provider).GetStream<SessionUpdate>(StreamId.Create(streamNamespace, key));
        await stream.SubscribeAsync((update, _) =>
        {
            recorder.Add(update);
            return Task.CompletedTask;
        });
        return recorder;
    }

    private void Add(SessionUpdate update)
    {
        lock (_gate)
        {
            _updates.Enqueue(update);
            foreach (var w in _waiters.Where(w => w.Match(update)).ToList())
            {
                w.Done.TrySetResult(update);
                _waiters.Remove(w);
            }
        }
    }

    /// <summary>The first update (already seen or still to come) that matches; fails after a generous bound rather than hanging.</summary>
    public Task<SessionUpdate> WaitFor(Func<SessionUpdate, bool> match)
    {
        lock (_gate)
        {
            var seen = _updates.FirstOrDefault(match);
            if (seen is not null)
            {
                return Task.FromResult(seen);
            }

            var done = new TaskCompletionSource<SessionUpdate>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, done));
            return done.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    public Task<SessionUpdate> WaitForTurn(int turn) =>
        WaitFor(u => u.Entry.Event is TurnResolved r && r.Turn == turn);
}

/// <summary>Short ways to set up sessions in tests.</summary>
public static class Sessions
{
    public static readonly TimeSpan TurnLength = TimeSpan.FromMinutes(10);

    public static async Task<(ISessionGrain Session, SessionTicket Ticket)> Create(
        IClusterClient client, string name, ulong seed = 7, ImmutableArray<string>? humans = null, string scenario = BaselineScenario.Id, PressRules press = PressRules.Open,
        int negotiationRounds = 0)
    {
        var id = ClusterFixture.NewSessionId(name);
        var session = client.GetGrain<ISessionGrain>(id);
        var reply = await session.Create(new CreateSession(scenario, seed, new SessionOptions(TurnLength, humans ?? [], press, negotiationRounds)));
        Assert.True(reply.IsAccepted, reply.Refusal);
        return (session, reply.Value!);
    }

    /// <summary>A seat's read as the hub makes it for a player's page: the whole slice, with the seat's token.</summary>
    public static Task<Reply<SessionSlice>> SeatSlice(this ISessionGrain session, string country, string token) =>
        session.GetSlice(new Credential(TokenHolder.Seat, country, token), afterSequence: 0, historyFrom: 0, lastStateHash: null);

    public static MoveOrder Summit(params string[] partners) => new() { Kind = "HoldSummit", Partners = [.. partners] };

    public static MoveOrder Tariff(string target, double rate) => new() { Kind = "SetTariff", Target = target, Rate = rate };
}
