namespace DiploSim.Grains.Tests;

public sealed class CompactionTests
{
    [Theory]
    [InlineData(0, 8)]
    [InlineData(63, 8)]
    [InlineData(100, 10)]
    [InlineData(4096, 64)]
    public void The_fold_threshold_is_the_square_root_of_what_is_folded_and_at_least_eight(int folded, int threshold)
    {
        Assert.Equal(threshold, Compaction.FoldAt(folded));
        Assert.False(Compaction.Due(threshold - 1, folded));
        Assert.True(Compaction.Due(threshold, folded));
    }
}
