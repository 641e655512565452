using System.Collections.Immutable;
using DiploSim.Contracts;
using DiploSim.Core;
using DiploSim.Grains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.TestingHost;
using DiploSim.Scenarios;

namespace DiploSim.Grains.Tests;

/// <summary>
/// Sessions on a cluster of two silos over storage both share: players calling through different silos, and a
/// session outliving the silo that held it. Each test starts its own cluster because it stops one of its silos.
/// </summary>
[Collection(Name)]
public sealed class TwoSiloTests
{
    public const string Name = "two silos";

    [Fact]
    public async Task Players_on_different_silos_share_a_session_that_outlives_the_loss_of_its_silo()
    {
        await using var cluster = await TwoSiloCluster.Start();
        var (first, second) = (cluster.Through(cluster.Cluster.Silos[0]), cluster.Through(cluster.Cluster.Silos[1]));
        var id = ClusterFixture.NewSessionId("two-silos");
        var ticket = (await first.GetGrain<ISessionGrain>(id).Create(new CreateSession(BaselineScenario.Id, 5, new SessionOptions(Sessions.TurnLength, ["IND", "RUS"])))).Value!;
        var india = (await first.GetGrain<ISessionGrain>(id).Join("IND", "Asha")).Value!;
        var russia = (await second.GetGrain<ISessionGrain>(id).Join("RUS", "Ivan")).Value!;
        Assert.True((await second.GetGrain<ISessionGrain>(id).Start(ticket.TeacherToken)).IsAccepted);

        // Turn 0 closes when both are ready, each player on their own silo.
        Assert.True((await first.GetGrain<ISessionGrain>(id).Submit("IND", india.Token, 0, [Sessions.Summit("RUS")])).IsAccepted);
        Assert.True((await second.GetGrain<ISessionGrain>(id).Submit("RUS", russia.Token, 0, [Sessions.Summit("IND")])).IsAccepted);
        await Task.WhenAll(
            first.GetGrain<ISessionGrain>(id).SetReady("IND", india.Token, 0, true),
            second.GetGrain<ISessionGrain>(id).SetReady("RUS", russia.Token, 0, true));

        // Turn 1 is left open: India's draft saved on one silo, read and submitted through the other, India ready, Russia not.
        Assert.True((await first.GetGrain<ICountryGrain>(SessionStreams.CountryKey(id, "IND")).SaveDraft(india.Token, null, null, [Sessions.Tariff("USA", 0.25)])).IsAccepted);
        var saved = (await second.GetGrain<ICountryGrain>(SessionStreams.CountryKey(id, "IND")).SavedDraft(1)).Moves;
        Assert.True((await second.GetGrain<ISessionGrain>(id).Submit("IND", india.Token, 1, saved)).IsAccepted);
        Assert.True((await first.GetGrain<ISessionGrain>(id).SetReady("IND", india.Token, 1, true)).IsAccepted);
        Assert.True((await second.GetGrain<ISessionGrain>(id).Submit("RUS", russia.Token, 1, [Sessions.Summit("CHN")])).IsAccepted);
        var before = await first.GetGrain<ISessionGrain>(id).GetStatus();
        var historyBefore = await first.GetGrain<ISessionGrain>(id).GetHistory(fromTurn: 0);
        Assert.Equal(1, before.Turn);

        var host = await cluster.HostOf(first.GetGrain<ISessionGrain>(id));
        var survivor = cluster.Cluster.Silos.Single(s => s != host);
        await cluster.Cluster.KillSiloAsync(host);
        await cluster.Cluster.WaitForLivenessToStabilizeAsync(didKill: true);

        var through = cluster.Through(survivor);
        var session = through.GetGrain<ISessionGrain>(id);
        var after = await session.GetStatus();
        Assert.Equal(survivor, await cluster.HostOf(session));
        Assert.Equal((before.Turn, before.Phase, before.StateHash, before.LogLength), (after.Turn, after.Phase, after.StateHash, after.LogLength));
        Assert.Equal(before.Seats.AsEnumerable(), after.Seats.AsEnumerable());
        Assert.True(after.Seats.Single(s => s.Country == "IND") is { Submitted: true, Ready: true });
        Assert.Equal(historyBefore.Select(h => h.StateHash), (await session.GetHistory(fromTurn: 0)).Select(h => h.StateHash));
        Assert.Equal(id, await through.GetGrain<ISessionRegistryGrain>(0).FindByJoinCode(ticket.JoinCode));
        Assert.Equal("SetTariff", (await through.GetGrain<ICountryGrain>(SessionStreams.CountryKey(id, "IND")).SavedDraft(after.Turn)).Moves.Single().Kind);

        // Russia marks ready on the surviving silo: the turn resolves with both players' acknowledged moves.
        Assert.True((await session.SetReady("RUS", russia.Token, 1, true)).IsAccepted);
        var outcome = (await session.GetHistory(fromTurn: 0))[1];
        Assert.Equal(2, (await session.GetStatus()).Turn);
        Assert.Single(outcome.Moves, m => m.Move is { Actor: "IND", Kind: "SetTariff" });
        Assert.Single(outcome.Moves, m => m.Move is { Actor: "RUS", Kind: "HoldSummit" });
    }

    [Fact]
    public async Task A_running_turn_whose_silo_stopped_closes_at_its_deadline_on_the_other_silo_with_nobody_calling()
    {
        await using var cluster = await TwoSiloCluster.Start();
        var id = ClusterFixture.NewSessionId("two-silos-deadline");
        var start = cluster.Through(cluster.Cluster.Silos[0]).GetGrain<ISessionGrain>(id);
        var ticket = (await start.Create(new CreateSession(BaselineScenario.Id, 3, new SessionOptions(Sessions.TurnLength, ["IND"])))).Value!;
        var india = (await start.Join("IND", "Asha")).Value!;
        await start.Start(ticket.TeacherToken);
        Assert.True((await start.Submit("IND", india.Token, 0, [Sessions.Summit("RUS")])).IsAccepted);

        var host = await cluster.HostOf(start);
        var survivor = cluster.Cluster.Silos.Single(s => s != host);
        await cluster.Cluster.StopSiloAsync(host);

        var resolved = cluster.WaitForStoredSession(id, s => s.Log.Any(e => e.Event is TurnResolved { Turn: 0 }));
        cluster.Clock.Advance(Sessions.TurnLength);
        await resolved;

        var stored = cluster.StoredSession(id);
        var turn = stored.Log.Select(e => e.Event).OfType<TurnResolved>().Single();
        Assert.Equal(ResolutionCause.Deadline, turn.Cause);
        Assert.Equal(["CHN", "EU", "RUS", "USA"], turn.BotSeats.ToArray());
        Assert.Equal(survivor, await cluster.HostOf(cluster.Through(survivor).GetGrain<ISessionGrain>(id)));
        var outcome = (await cluster.Through(survivor).GetGrain<ISessionGrain>(id).GetHistory(fromTurn: 0)).Single();
        Assert.Single(outcome.Moves, m => m.Move is { Actor: "IND", Kind: "HoldSummit" });
    }
}

[CollectionDefinition(TwoSiloTests.Name)]
public sealed class TwoSiloCollection;

/// <summary>A two-silo in-process cluster over one <see cref="SharedGrainStore"/>, with a fake turn clock and quick failure detection.</summary>
public sealed class TwoSiloCluster : IAsyncDisposable
{
    private TwoSiloCluster(InProcessTestCluster cluster, SharedGrainStore store, FakeTimeProvider clock)
    {
        (Cluster, Store, Clock) = (cluster, store, clock);
        Serializer = cluster.Client.ServiceProvider.GetRequiredService<Serializer>();
    }

    public InProcessTestCluster Cluster { get; }

    public SharedGrainStore Store { get; }

    public FakeTimeProvider Clock { get; }

    private Serializer Serializer { get; }

    public static async Task<TwoSiloCluster> Start()
    {
        var store = new SharedGrainStore();
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 12, 4, 9, 0, 0, TimeSpan.Zero));
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddGrainStorage(ProviderNames.Storage, (sp, _) => new SharedGrainStorage(store, sp.GetRequiredService<Serializer>()));
            silo.AddDiploSimGrains();
            silo.Services.AddSingleton(new TurnClock(clock));
            silo.Services.AddSingleton<IScenarioCatalog>(new TestScenarios());

            // A killed silo is declared dead after one missed probe, so the test waits a second, not half a minute.
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 1;
                o.NumVotesForDeathDeclaration = 1;
            });
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new TwoSiloCluster(cluster, store, clock);
    }

    /// <summary>Grain calls that leave from <paramref name="silo"/>, as a web node co-hosted with that silo makes them.</summary>
    public IGrainFactory Through(InProcessSiloHandle silo) => silo.ServiceProvider.GetRequiredService<IGrainFactory>();

    public async Task<InProcessSiloHandle> HostOf(IAddressable grain)
    {
        var management = Through(Cluster.GetActiveSilos().First()).GetGrain<IManagementGrain>(0);
        var address = await management.GetActivationAddress(grain);
        return Cluster.Silos.Single(s => s.SiloAddress.Equals(address));
    }

    /// <summary>The session as stored: its record, with its log pages' events appended to the log.</summary>
    public SessionState StoredSession(string sessionId) =>
        // The shared store answers at once, under its lock, which a waiter's match below already holds.
        StoredSessions.Read(new SharedGrainStorage(Store, Serializer), SessionGrainId(sessionId)).GetAwaiter().GetResult();

    /// <summary>Completes when a write of any of the session's records leaves the stored session matching.</summary>
    public Task WaitForStoredSession(string sessionId, Func<SessionState, bool> match) =>
        Store.WaitFor(
            name => name == SessionJournal.SessionRecord || name.StartsWith("session-log-", StringComparison.Ordinal),
            SessionGrainId(sessionId),
            _ => match(StoredSession(sessionId)));

    private GrainId SessionGrainId(string sessionId) => Cluster.Client.GetGrain<ISessionGrain>(sessionId).GetGrainId();

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}
