using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace DiploSim.Cli;

/// <summary>
/// Which cluster <c>--cluster</c> joins. Only <see cref="Localhost"/> clustering exists today (silos on this
/// machine, reached through a gateway port); Redis clustering (issue 7) becomes another <see cref="Clustering"/>
/// value here and another case in <see cref="ClusterConnection.ConnectAsync"/>.
/// </summary>
public sealed record ClusterTarget(string Clustering = ClusterTarget.Localhost, int GatewayPort = 30000, string ServiceId = "diplosim", string ClusterId = "dev")
{
    public const string Localhost = "localhost";

    public static IReadOnlyList<string> Supported { get; } = [Localhost];
}

/// <summary>A connected cluster client; disposing it disconnects.</summary>
public sealed class ClusterSession(IGrainFactory grains, Func<ValueTask> disconnect) : IAsyncDisposable
{
    public IGrainFactory Grains { get; } = grains;

    public ValueTask DisposeAsync() => disconnect();
}

/// <summary>Connects the command line to a running cluster as an Orleans client.</summary>
public static class ClusterConnection
{
    public static async Task<ClusterSession> ConnectAsync(ClusterTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            switch (target.Clustering)
            {
                case ClusterTarget.Localhost:
                    client.UseLocalhostClustering(target.GatewayPort, target.ServiceId, target.ClusterId);
                    break;
                default:
                    throw new NotSupportedException($"clustering '{target.Clustering}' is not available; expected one of: {string.Join(", ", ClusterTarget.Supported)}");
            }

            // Fail fast when nothing listens, rather than retrying for minutes.
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new ClusterSession(host.Services.GetRequiredService<IClusterClient>(), async () =>
        {
            await host.StopAsync(CancellationToken.None);
            host.Dispose();
        });
    }
}
