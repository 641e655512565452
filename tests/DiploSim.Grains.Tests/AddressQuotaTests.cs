using DiploSim.Contracts;

namespace DiploSim.Grains.Tests;

/// <summary>The sessions an address may create in an hour, counted once for the cluster and kept in its storage.</summary>
[Collection(TwoSiloTests.Name)]
public sealed class AddressQuotaTests
{
    private const int PerHour = 3;
    private static readonly TimeSpan Period = TimeSpan.FromHours(1) / PerHour;

    [Fact]
    public async Task An_address_that_spent_its_sessions_is_still_refused_after_the_silo_holding_its_count_dies()
    {
        await using var cluster = await TwoSiloCluster.Start();
        var address = $"192.0.2.{Random.Shared.Next(1, 255)}";
        var quota = cluster.Through(cluster.Cluster.Silos[0]).GetGrain<IAddressQuotaGrain>(address);
        for (var i = 0; i < PerHour; i++)
        {
            Assert.Null(await quota.TakeSession(PerHour));
        }

        Assert.Equal(Period, await quota.TakeSession(PerHour));
        cluster.Clock.Advance(TimeSpan.FromMinutes(5));

        var host = await cluster.HostOf(quota);
        var survivor = cluster.Cluster.Silos.Single(s => s != host);
        await cluster.Cluster.KillSiloAsync(host);
        await cluster.Cluster.WaitForLivenessToStabilizeAsync(didKill: true);

        // A new activation on the survivor continues the stored bucket: still empty, the next token as far off as before.
        var again = cluster.Through(survivor).GetGrain<IAddressQuotaGrain>(address);
        Assert.Equal(Period - TimeSpan.FromMinutes(5), await again.TakeSession(PerHour));
        Assert.Equal(survivor, await cluster.HostOf(again));

        cluster.Clock.Advance(Period - TimeSpan.FromMinutes(5));
        Assert.Null(await again.TakeSession(PerHour));
        Assert.Equal(Period, await again.TakeSession(PerHour));
    }

    [Fact]
    public async Task A_bucket_refills_one_session_a_period_up_to_the_limit_and_no_further()
    {
        await using var cluster = await TwoSiloCluster.Start();
        var quota = cluster.Through(cluster.Cluster.Silos[0]).GetGrain<IAddressQuotaGrain>("198.51.100.7");
        Assert.Null(await quota.TakeSession(PerHour));
        Assert.Null(await quota.TakeSession(PerHour));

        // Ten periods of silence refill the two tokens taken, not ten.
        cluster.Clock.Advance(Period * 10);
        for (var i = 0; i < PerHour; i++)
        {
            Assert.Null(await quota.TakeSession(PerHour));
        }

        Assert.Equal(Period, await quota.TakeSession(PerHour));
        cluster.Clock.Advance(Period * 1.5);
        Assert.Null(await quota.TakeSession(PerHour));
        Assert.Equal(Period / 2, await quota.TakeSession(PerHour));
    }
}
