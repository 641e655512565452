using System.Collections.Immutable;
using DiploSim.Contracts;

namespace DiploSim.Grains.Tests;

/// <summary>A session's open pages by seat, counted across nodes from their reports, never written to the session.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SeatConnectionsTests(ClusterFixture fixture)
{
    private static ImmutableDictionary<string, int> Open(params (string Country, int Count)[] seats) =>
        seats.ToImmutableDictionary(s => s.Country, s => s.Count, StringComparer.Ordinal);

    private static SeatConnection Seat(SeatConnections counted, string country) => counted.Seats.Single(s => s.Country == country);

    [Fact]
    public async Task Pages_on_two_nodes_count_for_their_seats_and_a_seat_lost_on_both_says_since_when()
    {
        var seats = fixture.Client.GetGrain<ISeatConnectionsGrain>(ClusterFixture.NewSessionId("pages"));
        await seats.Report("node-a", 1, Open(("IND", 1), ("RUS", 1)));
        await seats.Report("node-b", 1, Open(("IND", 1)));

        var both = await seats.Read();
        Assert.Equal(2, Seat(both, "IND").Open);
        Assert.Equal(1, Seat(both, "RUS").Open);
        Assert.Null(Seat(both, "IND").LostAt);

        // India's tab on node A closes: her page on node B still counts.
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        await seats.Report("node-a", 2, Open(("RUS", 1)));
        Assert.Equal(1, Seat(await seats.Read(), "IND").Open);

        // A report overtaken on the way by a later one of the same node changes nothing.
        await seats.Report("node-a", 1, Open(("IND", 5), ("RUS", 1)));
        Assert.Equal(1, Seat(await seats.Read(), "IND").Open);

        // And the one on node B: India has no page open, since now.
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var lostAt = fixture.Clock.GetUtcNow();
        await seats.Report("node-b", 2, Open());
        fixture.Clock.Advance(TimeSpan.FromSeconds(3));
        var lost = Seat(await seats.Read(), "IND");
        Assert.Equal(0, lost.Open);
        Assert.Equal(lostAt, lost.LostAt);

        // She reconnects on node B.
        await seats.Report("node-b", 3, Open(("IND", 1)));
        var back = Seat(await seats.Read(), "IND");
        Assert.Equal(1, back.Open);
        Assert.Null(back.LostAt);
    }

    [Fact]
    public async Task A_node_that_stops_reporting_stops_counting_and_a_new_count_says_it_is_incomplete_until_a_round_of_reports()
    {
        var seats = fixture.Client.GetGrain<ISeatConnectionsGrain>(ClusterFixture.NewSessionId("silent"));
        await seats.Report("node-a", 1, Open(("IND", 1)));
        await seats.Report("node-b", 1, Open(("RUS", 1)));
        Assert.False((await seats.Read()).Complete);

        // Node A keeps reporting; node B falls silent (it died, and its pages with it).
        var step = SeatConnectionsGrain.ReportEvery;
        for (var version = 2; step * (version - 2) <= SeatConnectionsGrain.NodeSilence; version++)
        {
            fixture.Clock.Advance(step);
            await seats.Report("node-a", version, Open(("IND", 1)));
        }

        var counted = await seats.Read();
        Assert.True(counted.Complete);
        Assert.Equal(1, Seat(counted, "IND").Open);
        Assert.Equal(0, Seat(counted, "RUS").Open);
        Assert.NotNull(Seat(counted, "RUS").LostAt);
    }
}
