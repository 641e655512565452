using System.Net;
using DiploSim.Grains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting; // UseRedisClustering
using Orleans.Configuration;
using Orleans.Persistence;
using Orleans.Serialization;
using Orleans.Storage;
using StackExchange.Redis;

namespace DiploSim.Hosting;

/// <summary>
/// Puts a silo or a client into the cluster that <see cref="ClusterNodeOptions"/> describe. The host still adds the
/// grains (<c>AddDiploSimGrains</c>) and the stream provider (<c>SessionStreams.Provider</c>); this chooses membership,
/// endpoints and where grain state lives.
/// </summary>
public static class ClusterConfiguration
{
    /// <summary>The grain storage that holds stream subscriptions (Orleans' fixed name for it).</summary>
    public const string PubSubStorage = "PubSubStore";

    /// <summary>
    /// Embedded: localhost clustering on the configured ports, grain state in <see cref="ClusterNodeOptions.DatabasePath"/>,
    /// stream subscriptions in memory. Redis: membership and both storages in Redis, endpoints from the options, so
    /// any node can reactivate a session whose node was lost.
    /// </summary>
    public static ISiloBuilder UseDiploSimCluster(this ISiloBuilder silo, ClusterNodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();

        if (options.Mode == ClusterMode.Embedded)
        {
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, primarySiloEndpoint: null, options.ServiceId, options.ClusterId);
            silo.AddSqliteGrainStorage(ProviderNames.Storage, options.DatabasePath);

            // One process: subscriptions die with it and are made again by the web side when clients reconnect.
            silo.AddMemoryGrainStorage(PubSubStorage);
            return silo;
        }

        var redis = ConfigurationOptions.Parse(options.RedisConnectionString!);
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });
        silo.Configure<EndpointOptions>(o =>
        {
            var listen = options.ResolveListenAddress();
            o.AdvertisedIPAddress = options.ResolveAdvertisedAddress();
            o.SiloPort = options.SiloPort;
            o.GatewayPort = options.GatewayPort;
            o.SiloListeningEndpoint = new IPEndPoint(listen, options.SiloPort);
            o.GatewayListeningEndpoint = new IPEndPoint(listen, options.GatewayPort);
        });
        silo.UseRedisClustering(o => o.ConfigurationOptions = redis.Clone());
        AddRedisStorage(silo, ProviderNames.Storage, redis);

        // Subscriptions outlive the node that held their rendezvous grain, so surviving web nodes keep receiving.
        AddRedisStorage(silo, PubSubStorage, redis);
        return silo;
    }

    /// <summary>
    /// A client of the cluster (a web node that hosts no silo, or <c>diplosim batch --cluster</c>): the local gateway in
    /// embedded mode, every live gateway listed in Redis otherwise.
    /// </summary>
    public static IClientBuilder UseDiploSimCluster(this IClientBuilder client, ClusterNodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();

        if (options.Mode == ClusterMode.Embedded)
        {
            return client.UseLocalhostClustering(options.GatewayPort, options.ServiceId, options.ClusterId);
        }

        var redis = ConfigurationOptions.Parse(options.RedisConnectionString!);
        client.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });
        return client.UseRedisClustering(o => o.ConfigurationOptions = redis.Clone());
    }

    // Orleans' binary serializer, as the SQLite store uses: version-tolerant, so a later release reads older sessions.
    private static void AddRedisStorage(ISiloBuilder silo, string name, ConfigurationOptions redis) =>
        silo.AddRedisGrainStorage(name, storage => storage.Configure<Serializer>((o, serializer) =>
        {
            o.ConfigurationOptions = redis.Clone();
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        }));
}
