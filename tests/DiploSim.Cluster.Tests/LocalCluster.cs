using System.Diagnostics;
using DiploSim.Contracts;
using DiploSim.Grains;
using DiploSim.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace DiploSim.Cluster.Tests;

/// <summary>
/// Silo hosts in this process, each on its own loopback ports, joined through <see cref="ClusterConfiguration"/> exactly
/// as a server node would be, plus a client that finds them through the gateways listed in the membership table.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    private readonly List<Node> _nodes = [];
    private IHost? _client;

    private LocalCluster(ClusterNodeOptions shared) => Shared = shared;

    /// <summary>What every node shares: mode, Redis, cluster and service ids.</summary>
    public ClusterNodeOptions Shared { get; }

    public IReadOnlyList<Node> Nodes => _nodes;

    public IEnumerable<Node> Running => _nodes.Where(n => n.IsRunning);

    public IClusterClient Client => _client?.Services.GetRequiredService<IClusterClient>()
        ?? throw new InvalidOperationException("no client yet");

    /// <summary>A cluster of <paramref name="nodes"/> silos over <paramref name="redis"/>, with ids no other test uses.</summary>
    public static async Task<LocalCluster> StartOnRedis(RedisServer redis, int nodes, string name)
    {
        var id = $"{name}-{Guid.NewGuid():N}";
        var cluster = new LocalCluster(new ClusterNodeOptions
        {
            Mode = ClusterMode.Redis,
            RedisConnectionString = redis.ConnectionString,
            ClusterId = id,
            ServiceId = id,
        });
        for (var i = 0; i < nodes; i++)
        {
            await cluster.StartNode();
        }

        await cluster.ConnectClient();
        return cluster;
    }

    /// <summary>Starts another node on fresh ports.</summary>
    public async Task<Node> StartNode()
    {
        var options = Shared with { SiloPort = FreePort.Next(), GatewayPort = FreePort.Next() };
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.UseDiploSimCluster(options)
                .AddMemoryStreams(SessionStreams.Provider)
                .AddDiploSimGrains();
            silo.Configure<SiloOptions>(o => o.SiloName = $"node{_nodes.Count + 1}");
            silo.Configure<ClusterMembershipOptions>(FastFailureDetection);
        });
        var host = builder.Build();
        await host.StartAsync();
        var node = new Node(options, host);
        _nodes.Add(node);
        return node;
    }

    private async Task ConnectClient()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client =>
        {
            client.UseDiploSimCluster(Shared).AddMemoryStreams(SessionStreams.Provider);
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10));
        });
        _client = builder.Build();
        await _client.StartAsync();
    }

    /// <summary>The node whose silo holds the grain's activation now, if any.</summary>
    public async Task<Node?> NodeHolding(GrainId grain)
    {
        var management = Client.GetGrain<IManagementGrain>(0);
        var statistics = await management.GetDetailedGrainStatistics();
        var silo = statistics.FirstOrDefault(s => s.GrainId == grain)?.SiloAddress;
        return silo is null ? null : Running.FirstOrDefault(n => n.Silo.Equals(silo));
    }

    /// <summary>
    /// Retries <paramref name="call"/> until it succeeds: after a node is lost, calls fail until the survivors declare it
    /// dead and the grain reactivates elsewhere. Bounded, so a cluster that never recovers fails the test.
    /// </summary>
    public static async Task<T> UntilAnswered<T>(Func<Task<T>> call, TimeSpan bound)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (e is OrleansException or TimeoutException or SiloUnavailableException && clock.Elapsed < bound)
            {
                await Task.Delay(200);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.StopAsync();
            _client.Dispose();
        }

        foreach (var node in _nodes.Where(n => n.IsRunning))
        {
            await node.Stop();
        }

        foreach (var node in _nodes)
        {
            node.Host.Dispose();
        }
    }

    // A killed node is declared dead within a few seconds instead of the production default (tens of seconds).
    private static void FastFailureDetection(ClusterMembershipOptions o)
    {
        o.ProbeTimeout = TimeSpan.FromSeconds(1);
        o.NumMissedProbesLimit = 2;
        o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(2);
        o.TableRefreshTimeout = TimeSpan.FromSeconds(1);
    }

    /// <summary>One silo host.</summary>
    public sealed class Node(ClusterNodeOptions options, IHost host)
    {
        public ClusterNodeOptions Options { get; } = options;

        public IHost Host { get; } = host;

        public SiloAddress Silo { get; } = host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

        public bool IsRunning { get; private set; } = true;

        public bool HasJoinedCluster => IsRunning && Host.Services.HasJoinedCluster();

        /// <summary>Graceful: the node hands its activations back and leaves the membership table.</summary>
        public async Task Stop()
        {
            IsRunning = false;
            await Host.StopAsync();
        }

        /// <summary>
        /// Abrupt, like SIGKILL as far as the cluster can tell: no graceful deactivation and no goodbye in the membership
        /// table; the survivors find out by failed probes.
        /// </summary>
        public async Task Kill()
        {
            IsRunning = false;
            await Host.StopAsync(new CancellationToken(canceled: true));
        }
    }
}
