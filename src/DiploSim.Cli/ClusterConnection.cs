using DiploSim.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace DiploSim.Cli;

/// <summary>
/// Which cluster <c>--cluster</c> joins: <see cref="Localhost"/> (the embedded server on this machine, through its
/// gateway port) or <see cref="Redis"/> (every live gateway listed in Redis). Cluster and service ids, and the Redis
/// connection string when <c>--redis</c> does not give it, come from the same <c>DiploSim:Cluster</c> settings a
/// node reads (environment: <c>DiploSim__Cluster__RedisConnectionString</c>, …).
/// </summary>
public sealed record ClusterTarget(string Clustering = ClusterTarget.Localhost, int GatewayPort = 30000, string? RedisConnectionString = null)
{
    public const string Localhost = "localhost";

    public const string Redis = "redis";

    public static IReadOnlyList<string> Supported { get; } = [Localhost, Redis];

    /// <summary><see cref="Redis"/> when the environment says the cluster runs on Redis, else <see cref="Localhost"/>.</summary>
    public static string DefaultClustering(IConfiguration configuration) =>
        ClusterNodeOptions.FromConfiguration(configuration).Mode == ClusterMode.Redis ? Redis : Localhost;

    /// <summary>The client's settings: the configured ones, with what the command line chose.</summary>
    public ClusterNodeOptions Options(IConfiguration configuration)
    {
        var configured = ClusterNodeOptions.FromConfiguration(configuration);
        return Clustering switch
        {
            Localhost => configured with { Mode = ClusterMode.Embedded, GatewayPort = GatewayPort },
            Redis => configured with { Mode = ClusterMode.Redis, RedisConnectionString = RedisConnectionString ?? configured.RedisConnectionString },
            _ => throw new NotSupportedException($"clustering '{Clustering}' is not available; expected one of: {string.Join(", ", Supported)}"),
        };
    }
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
        var options = target.Options(new ConfigurationBuilder().AddEnvironmentVariables().Build());
        builder.UseOrleansClient(client =>
        {
            client.UseDiploSimCluster(options);

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
