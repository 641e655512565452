namespace DiploSim.Batch.Tests;

public sealed class RemainingTimeTests
{
    [Fact]
    public void No_time_left_is_estimated_before_ten_runs_or_twice_the_workers()
    {
        var one = new RemainingTime(workers: 1);
        var eight = new RemainingTime(workers: 8);

        Assert.All(Enumerable.Range(1, 9), n => Assert.Null(one.Record(n, TimeSpan.FromSeconds(n), 100 - n)));
        Assert.NotNull(one.Record(10, TimeSpan.FromSeconds(10), 90));
        Assert.All(Enumerable.Range(1, 15), n => Assert.Null(eight.Record(n, TimeSpan.FromSeconds(n), 100 - n)));
        Assert.NotNull(eight.Record(16, TimeSpan.FromSeconds(16), 84));
    }

    [Fact]
    public void Slow_first_runs_do_not_inflate_the_estimate()
    {
        // The first run takes 60 s (the runtime compiling), every later one 1 s: 100 runs in all.
        var estimate = new RemainingTime(workers: 1);
        TimeSpan? first = null;
        for (var played = 1; played <= 20 && first is null; played++)
        {
            first = estimate.Record(played, TimeSpan.FromSeconds(60 + (played - 1)), 100 - played);
        }

        // Ten runs played, ninety left at one a second; a rate since the start would say 90 × 6.9 s = 10 min.
        Assert.Equal(TimeSpan.FromSeconds(90), first);
    }
}
