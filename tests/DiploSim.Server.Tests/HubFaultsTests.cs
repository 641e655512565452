using DiploSim.Server.Hub;
using Orleans.Runtime;

namespace DiploSim.Server.Tests;

/// <summary>What a player reads when a call fails behind the hub: plain words, never the exception's text.</summary>
public sealed class HubFaultsTests
{
    private const string Detail = "Unable to connect to S127.0.0.1:7112:123, will retry after 991 ms at Orleans.Runtime.Messaging.ConnectionManager";

    public static TheoryData<Exception, string> Faults => new()
    {
        { new SiloUnavailableException(Detail), HubFaults.SwitchingOver },
        { new OrleansException(Detail), HubFaults.SwitchingOver },
        { new TimeoutException(Detail), HubFaults.SwitchingOver },
        { new AggregateException(new InvalidOperationException(Detail, new SiloUnavailableException(Detail))), HubFaults.SwitchingOver },
        { new NullReferenceException(Detail), HubFaults.Failed },
        { new InvalidOperationException(Detail), HubFaults.Failed },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public void A_fault_reads_as_switching_over_or_failed_and_never_carries_its_text(Exception fault, string expected)
    {
        var words = HubFaults.Describe(fault);

        Assert.Equal(expected, words);
        Assert.DoesNotContain("127.0.0.1", words, StringComparison.Ordinal);
        Assert.DoesNotContain("Orleans", words, StringComparison.Ordinal);
    }
}
