using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;

namespace DiploSim.Hosting;

/// <summary>How a DiploSim node finds its peers and where it keeps grain state.</summary>
public enum ClusterMode
{
    /// <summary>One machine: localhost clustering, grain state in a SQLite file in the data directory.</summary>
    Embedded,

    /// <summary>Several nodes: membership and grain state in Redis, so a session survives the loss of the node holding it.</summary>
    Redis,
}

/// <summary>
/// A node's place in a DiploSim cluster, bound from the <c>DiploSim:Cluster</c> configuration section
/// (environment: <c>DiploSim__Cluster__Mode</c>, <c>DiploSim__Cluster__RedisConnectionString</c>, …).
/// </summary>
public sealed record ClusterNodeOptions
{
    public const string Section = "DiploSim:Cluster";

    /// <summary><see cref="ClusterMode.Embedded"/> (the default) or <see cref="ClusterMode.Redis"/>.</summary>
    public ClusterMode Mode { get; init; } = ClusterMode.Embedded;

    /// <summary>StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379</c> or <c>redis:6379,password=…</c>; required in Redis mode.</summary>
    public string? RedisConnectionString { get; init; }

    /// <summary>Nodes with the same cluster id form one cluster; a new id starts an empty membership table.</summary>
    public string ClusterId { get; init; } = "diplosim";

    /// <summary>Identifies the application across deployments: grain state in Redis is keyed by it, so keep it stable.</summary>
    public string ServiceId { get; init; } = "diplosim";

    /// <summary>Port silos talk to each other on.</summary>
    public int SiloPort { get; init; } = 11111;

    /// <summary>Port clients (web nodes, <c>diplosim batch --cluster</c>) connect to.</summary>
    public int GatewayPort { get; init; } = 30000;

    /// <summary>The IP address, or a host name resolved at start, that other nodes use to reach this one.</summary>
    public string AdvertisedAddress { get; init; } = "127.0.0.1";

    /// <summary>The address the silo and gateway ports bind to; by default the advertised address, so nothing else is exposed.</summary>
    public string? ListenAddress { get; init; }

    /// <summary>Where the embedded mode keeps its SQLite file (<c>diplosim.db</c>); unused in Redis mode.</summary>
    public string DataDirectory { get; init; } = "data";

    /// <summary>The options in <c>DiploSim:Cluster</c> of <paramref name="configuration"/>, defaults for what is absent.</summary>
    public static ClusterNodeOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.GetSection(Section).Get<ClusterNodeOptions>() ?? new ClusterNodeOptions();
    }

    /// <summary>What is wrong with these options, one sentence each; empty when a node can start with them.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(Mode))
        {
            problems.Add($"DiploSim:Cluster:Mode is {Mode}: use Embedded or Redis.");
        }

        if (Mode == ClusterMode.Redis && string.IsNullOrWhiteSpace(RedisConnectionString))
        {
            problems.Add("DiploSim:Cluster:RedisConnectionString is required when Mode is Redis (e.g. 127.0.0.1:6379).");
        }

        if (string.IsNullOrWhiteSpace(ClusterId))
        {
            problems.Add("DiploSim:Cluster:ClusterId is empty.");
        }

        if (string.IsNullOrWhiteSpace(ServiceId))
        {
            problems.Add("DiploSim:Cluster:ServiceId is empty.");
        }

        foreach (var (name, port) in new[] { ("SiloPort", SiloPort), ("GatewayPort", GatewayPort) })
        {
            if (port is < 1 or > IPEndPoint.MaxPort)
            {
                problems.Add($"DiploSim:Cluster:{name} is {port.ToString(CultureInfo.InvariantCulture)}: use a port from 1 to 65535.");
            }
        }

        if (SiloPort == GatewayPort)
        {
            problems.Add("DiploSim:Cluster:SiloPort and GatewayPort are the same port.");
        }

        if (string.IsNullOrWhiteSpace(AdvertisedAddress))
        {
            problems.Add("DiploSim:Cluster:AdvertisedAddress is empty.");
        }

        if (ListenAddress is { } listen && !IPAddress.TryParse(listen, out _))
        {
            problems.Add($"DiploSim:Cluster:ListenAddress '{listen}' is not an IP address.");
        }

        if (Mode == ClusterMode.Embedded && string.IsNullOrWhiteSpace(DataDirectory))
        {
            problems.Add("DiploSim:Cluster:DataDirectory is empty.");
        }

        return problems;
    }

    /// <summary>The advertised address as an IP: parsed, or the first IPv4 address its host name resolves to.</summary>
    public IPAddress ResolveAdvertisedAddress()
    {
        if (IPAddress.TryParse(AdvertisedAddress, out var address))
        {
            return address;
        }

        var addresses = Dns.GetHostAddresses(AdvertisedAddress);
        return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
            ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException($"DiploSim:Cluster:AdvertisedAddress '{AdvertisedAddress}' resolves to no address.");
    }

    /// <summary>The address the ports bind to.</summary>
    public IPAddress ResolveListenAddress() =>
        ListenAddress is { } listen ? IPAddress.Parse(listen) : ResolveAdvertisedAddress();

    /// <summary>The SQLite file of the embedded mode.</summary>
    public string DatabasePath => Path.Combine(Path.GetFullPath(DataDirectory), "diplosim.db");

    internal void ThrowIfInvalid()
    {
        var problems = Problems();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The cluster settings are not usable: " + string.Join(" ", problems));
        }
    }
}
