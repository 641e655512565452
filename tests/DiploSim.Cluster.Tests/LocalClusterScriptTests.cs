using System.Diagnostics;
using DiploSim.Hosting;
using Microsoft.Extensions.Configuration;

namespace DiploSim.Cluster.Tests;

/// <summary>deploy/local-cluster.sh: its plan for N nodes (the run itself needs the server, which starts each node).</summary>
public sealed class LocalClusterScriptTests
{
    [Fact]
    public async Task The_plan_gives_each_node_distinct_loopback_ports_and_settings_that_bind_to_redis_mode()
    {
        var (exit, output) = await Script("--dry-run --nodes 4 --http-port 6100 --redis-port 6500");
        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("redis 127.0.0.1 6500", lines[0]);

        var nodes = lines.Skip(1).Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(["node1", "node2", "node3", "node4"], nodes.Select(n => n[0]));
        Assert.Equal(["http://127.0.0.1:6101", "http://127.0.0.1:6102", "http://127.0.0.1:6103", "http://127.0.0.1:6104"], nodes.Select(n => n[1]));

        var options = nodes.Select(n => ClusterNodeOptions.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection(n.Skip(2).Select(s => s.Split('=', 2)).ToDictionary(kv => kv[0].Replace("__", ":", StringComparison.Ordinal), kv => (string?)kv[1]))
            .Build())).ToList();
        Assert.All(options, o =>
        {
            Assert.Empty(o.Problems());
            Assert.Equal((ClusterMode.Redis, "127.0.0.1:6500", "127.0.0.1"), (o.Mode, o.RedisConnectionString, o.AdvertisedAddress));
        });
        var ports = options.SelectMany(o => new[] { o.SiloPort, o.GatewayPort }).Concat(nodes.Select(n => new Uri(n[1]).Port)).ToList();
        Assert.Equal(ports.Count, ports.Distinct().Count());
        Assert.Single(options.Select(o => o.ClusterId).Distinct());
    }

    [Theory]
    [InlineData("--nodes 0")]
    [InlineData("--nodes x")]
    [InlineData("--bogus")]
    public async Task A_bad_argument_is_refused_before_anything_starts(string arguments)
    {
        var (exit, _) = await Script(arguments + " --dry-run");

        Assert.Equal(2, exit);
    }

    private static async Task<(int Exit, string Output)> Script(string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", $"deploy/local-cluster.sh {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = DeploymentFiles.Root,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return (process.ExitCode, await output);
    }
}
