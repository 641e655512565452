using DiploSim.Grains;

namespace DiploSim.Grains.Tests;

public sealed class ResolutionsTests
{
    [Fact]
    public void A_resolution_is_counted_until_its_scope_ends_and_is_not_alone_while_another_is_in_progress()
    {
        var resolutions = new Resolutions();
        Assert.Equal(0, resolutions.InProgress);
        Assert.False(resolutions.Alone); // none in progress: nobody to be alone

        using (resolutions.Begin())
        {
            Assert.Equal(1, resolutions.InProgress);
            using (resolutions.Begin())
            {
                Assert.Equal(2, resolutions.InProgress);
                Assert.False(resolutions.Alone);
            }

            Assert.Equal(1, resolutions.InProgress);
        }

        Assert.Equal(0, resolutions.InProgress);
    }
}
