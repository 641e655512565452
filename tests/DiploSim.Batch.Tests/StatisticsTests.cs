namespace DiploSim.Batch.Tests;

public sealed class StatisticsTests
{
    [Theory]
    [InlineData(1, 12.706204736)]
    [InlineData(3, 3.182446305)]
    [InlineData(9, 2.262157163)]
    [InlineData(30, 2.042272456)]
    [InlineData(1000, 1.962339039)]
    public void Student_t_quantile_matches_tables(int df, double expected) =>
        Assert.Equal(expected, Statistics.StudentTQuantile(0.975, df), 6);

    [Fact]
    public void Summarise_four_values_matches_hand_computation()
    {
        // mean 2.5; sd = sqrt(((1.5²+0.5²)·2)/3) = sqrt(5/3) = 1.290994; half width = 3.182446 · 1.290994 / 2 = 2.054260.
        var s = Statistics.Summarise([1, 2, 3, 4]);

        Assert.Equal(4, s.N);
        Assert.Equal(2.5, s.Mean, 12);
        Assert.Equal(1.2909944487, s.Sd, 9);
        Assert.Equal(2.5 - 2.0542603, s.Ci95Low, 6);
        Assert.Equal(2.5 + 2.0542603, s.Ci95High, 6);
    }

    [Fact]
    public void Summarise_one_value_has_no_spread()
    {
        var s = Statistics.Summarise([7]);

        Assert.Equal(7, s.Mean);
        Assert.True(double.IsNaN(s.Sd));
        Assert.True(double.IsNaN(s.Ci95Low));
    }
}
