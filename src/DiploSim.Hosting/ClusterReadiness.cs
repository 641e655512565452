using Microsoft.Extensions.DependencyInjection;

namespace DiploSim.Hosting;

/// <summary>Whether a node has joined its cluster: what a server's <c>/health/ready</c> reports.</summary>
public static class ClusterReadiness
{
    /// <summary>
    /// True once the silo in <paramref name="siloServices"/> is Active in its own view of the membership table: it
    /// accepts grain calls and other nodes route to it. False while it is joining, shutting down or declared dead.
    /// </summary>
    public static bool HasJoinedCluster(this IServiceProvider siloServices)
    {
        ArgumentNullException.ThrowIfNull(siloServices);
        var membership = siloServices.GetService<IClusterMembershipService>();
        var local = siloServices.GetService<ILocalSiloDetails>();
        return membership is not null && local is not null
            && membership.CurrentSnapshot.GetSiloStatus(local.SiloAddress) == SiloStatus.Active;
    }
}
