using System.Globalization;
using DiploSim.Contracts;
using DiploSim.Grains;
using DiploSim.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace DiploSim.Server;

/// <summary>
/// The node's side of hosting: its place in the cluster (<c>DiploSim:Cluster</c>), the key passes are signed with,
/// the health endpoints, and what operators see (the Orleans dashboard and Prometheus metrics behind the operator key).
/// </summary>
public static class NodeHosting
{
    /// <summary>The configuration section bound to Orleans' membership options (probe timeouts and the like).</summary>
    public const string MembershipSection = ClusterNodeOptions.Section + ":Membership";

    /// <summary>Where the dashboard is mapped.</summary>
    public const string DashboardPath = "/dashboard";

    /// <summary>Where Prometheus scrapes the metrics.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>
    /// The node's cluster settings from <c>DiploSim:Cluster</c>. The ports and data directory that lived directly under
    /// <c>DiploSim</c> before cluster mode still count when <c>DiploSim:Cluster</c> does not name them; the data
    /// directory is made absolute against the content root, as it always was.
    /// </summary>
    public static ClusterNodeOptions ClusterOptions(IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = ClusterNodeOptions.FromConfiguration(configuration);
        var cluster = configuration.GetSection(ClusterNodeOptions.Section);
        var legacy = configuration.GetSection(ServerOptions.Section);
        if (cluster["SiloPort"] is null && legacy["SiloPort"] is { } silo)
        {
            options = options with { SiloPort = int.Parse(silo, CultureInfo.InvariantCulture) };
        }

        if (cluster["GatewayPort"] is null && legacy["GatewayPort"] is { } gateway)
        {
            options = options with { GatewayPort = int.Parse(gateway, CultureInfo.InvariantCulture) };
        }

        if (cluster["DataDirectory"] is null && legacy["DataDirectory"] is { } data)
        {
            options = options with { DataDirectory = data };
        }

        return options with { DataDirectory = Path.GetFullPath(options.DataDirectory, contentRoot) };
    }

    /// <summary>
    /// How often each node reads the session streams' queues. Orleans' memory streams are pulled, and their default
    /// of 100 ms put up to 100 ms between a turn's resolution and its relay to the browsers; at 20 ms the relay's
    /// share of that latency is small. Each read is a grain call that allocates whether or not the queue holds
    /// anything: with Orleans' default eight queues read every 10 ms, an idle server with 50 live sessions made some
    /// 800 calls and allocated 3.5 MB a second, and its resident memory rose from 256 to 490 MB between two
    /// collections (docs/benchmarks.md, "Memory with idle pages"). So <see cref="StreamQueues"/> queues, every 20 ms.
    /// </summary>
    public static readonly TimeSpan StreamPollPeriod = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// The session streams' queues across the cluster (Orleans' default is eight). Two carry a classroom server's
    /// updates (a few per turn per session) with room to spare, and are read a quarter as often as eight.
    /// </summary>
    public const int StreamQueues = 2;

    /// <summary>
    /// How fast a node that dies without a goodbye (killed, power lost, cable pulled) is declared dead, which is how long
    /// its sessions wait before another node takes them over. Target: a session answers again within 10 s of its node's
    /// death (docs/benchmarks.md measures it). Orleans' defaults (5 s probes, 3 missed, the table read every 60 s) take
    /// 15-30 s. A node is suspected after 2 missed probes of 2 s, and declared dead on 2 votes; Orleans adapts each
    /// probe's timeout between half and four times that to the answers it sees, probes indirectly through a third node before it
    /// votes, and gives a node that finds itself slow (starved of CPU, paused by a collection) longer, which keeps a
    /// busy node from being voted out. The trade-off: a node silent for about 4-6 s is declared dead and must restart
    /// to rejoin (its sessions move, nothing acknowledged is lost), where the defaults would wait it out.
    /// </summary>
    public static void FailureDetection(ClusterMembershipOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ProbeTimeout = TimeSpan.FromSeconds(2);
        options.NumMissedProbesLimit = 2;
        options.NumVotesForDeathDeclaration = 2;
        options.EnableIndirectProbes = true;
        options.ExtendProbeTimeoutDuringDegradation = true;
        // Gossip tells the others at once; the table is read every 10 s in case a message was lost.
        options.UseLivenessGossip = true;
        options.TableRefreshTimeout = TimeSpan.FromSeconds(10);
    }

    /// <summary>
    /// The silo of this node: <see cref="ClusterConfiguration.UseDiploSimCluster(ISiloBuilder, ClusterNodeOptions)"/>
    /// (embedded SQLite or Redis), except that an embedded node with <c>DiploSim:Storage</c> = <c>Memory</c> keeps
    /// everything in memory (tests, demos). Memory streams carry notifications; the dashboard's grains run when an
    /// operator key is set.
    /// </summary>
    public static ISiloBuilder UseDiploSimNode(this ISiloBuilder silo, ClusterNodeOptions cluster, bool durable, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(configuration);
        if (cluster.Mode == ClusterMode.Embedded && !durable)
        {
            silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, primarySiloEndpoint: null, cluster.ServiceId, cluster.ClusterId);
            silo.AddBinaryMemoryGrainStorage(ProviderNames.Storage);
            silo.AddMemoryGrainStorage(ClusterConfiguration.PubSubStorage);
        }
        else
        {
            if (cluster.Mode == ClusterMode.Embedded)
            {
                Directory.CreateDirectory(cluster.DataDirectory);
            }

            silo.UseDiploSimCluster(cluster);
        }

        // DiploSim's failure detection first, then whatever DiploSim:Cluster:Membership sets over it.
        silo.Services.Configure<ClusterMembershipOptions>(FailureDetection);
        silo.Services.Configure<ClusterMembershipOptions>(configuration.GetSection(MembershipSection));
        silo.AddMemoryStreams(SessionStreams.Provider, streams =>
        {
            streams.ConfigurePartitioning(StreamQueues);
            streams.ConfigurePullingAgent(agent => agent.Configure(o => o.GetQueueMsgsTimerPeriod = StreamPollPeriod));
        }).AddDiploSimGrains();
        silo.AddIncomingGrainCallFilter<BatchRunCounter>();
        if (OperatorGate.Key(configuration) is not null)
        {
            silo.AddDashboard();
        }

        return silo;
    }

    /// <summary>
    /// The key passes are signed with. In Redis mode every node must share it, so it must be given
    /// (<c>DiploSim:SigningKey</c>); a node without it refuses to start, naming the setting. Embedded: the configured
    /// key, else one kept in the data directory, else (memory storage) one for the life of the process.
    /// </summary>
    public static string? SigningKey(IConfiguration configuration, ClusterNodeOptions cluster, bool durable)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(cluster);
        var configured = configuration[ServerOptions.Section + ":SigningKey"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            Span<byte> bytes = stackalloc byte[256];
            if (!Convert.TryFromBase64String(configured.Trim(), bytes, out var length) || length < 16)
            {
                throw new InvalidOperationException("DiploSim:SigningKey must be base64 of at least 16 bytes (e.g. the output of `openssl rand -base64 32`).");
            }

            return configured.Trim();
        }

        if (cluster.Mode == ClusterMode.Redis)
        {
            throw new InvalidOperationException(
                "DiploSim:SigningKey is required when DiploSim:Cluster:Mode is Redis: every node must sign passes with the same key. "
                + "Set it on every node, e.g. DiploSim__SigningKey=$(openssl rand -base64 32).");
        }

        return durable ? StoredSigningKey(cluster.DataDirectory) : null;
    }

    /// <summary>Health checks, metrics and the operator gate's services.</summary>
    public static WebApplicationBuilder AddDiploSimOperations(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHealthChecks().AddCheck<ClusterMembershipCheck>("cluster", tags: [ClusterMembershipCheck.Ready]);
        builder.Services.AddDiploSimMetrics();
        return builder;
    }

    /// <summary>
    /// <c>/health/live</c> (200 while the process serves), <c>/health/ready</c> (200 once the silo is active in the
    /// cluster, 503 while joining or stopping), and behind the operator key the dashboard and <c>/metrics</c>.
    /// </summary>
    public static WebApplication MapDiploSimOperations(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ClusterMembershipCheck.Ready) });
        app.UseMiddleware<OperatorGate>();
        if (OperatorGate.Key(app.Configuration) is not null)
        {
            app.MapOrleansDashboard(routePrefix: DashboardPath);
        }

        if (OperatorGate.MetricsServed(app.Configuration))
        {
            app.MapPrometheusScrapingEndpoint(MetricsPath);
        }

        return app;
    }

    private static string StoredSigningKey(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, "signing.key");
        if (!File.Exists(path))
        {
            File.WriteAllText(path, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        }

        return File.ReadAllText(path).Trim();
    }
}

/// <summary>Ready when this node's silo is Active in the cluster's membership, and not while the host is stopping.</summary>
public sealed class ClusterMembershipCheck(IServiceProvider services, IHostApplicationLifetime lifetime) : IHealthCheck
{
    public const string Ready = "ready";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            lifetime.ApplicationStopping.IsCancellationRequested ? HealthCheckResult.Unhealthy("the node is stopping")
            : services.HasJoinedCluster() ? HealthCheckResult.Healthy("the silo is active in the cluster")
            : HealthCheckResult.Unhealthy("the silo has not joined the cluster"));
}
