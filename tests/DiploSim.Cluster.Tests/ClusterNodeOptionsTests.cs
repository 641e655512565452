using System.Net;
using DiploSim.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace DiploSim.Cluster.Tests;

public sealed class ClusterNodeOptionsTests
{
    [Fact]
    public void Absent_settings_give_the_embedded_single_node_on_loopback()
    {
        var options = ClusterNodeOptions.FromConfiguration(new ConfigurationBuilder().Build());

        Assert.Equal(new ClusterNodeOptions(), options);
        Assert.Equal((ClusterMode.Embedded, 11111, 30000, "data"), (options.Mode, options.SiloPort, options.GatewayPort, options.DataDirectory));
        Assert.Equal(IPAddress.Loopback, options.ResolveAdvertisedAddress());
        Assert.Equal(IPAddress.Loopback, options.ResolveListenAddress());
        Assert.Empty(options.Problems());
    }

    [Fact]
    public void Environment_variables_with_double_underscores_set_every_option()
    {
        // A prefix no other process uses, stripped by the provider, so the test does not touch real settings.
        var prefix = $"DIPLOSIMTEST{Guid.NewGuid():N}_";
        var values = new Dictionary<string, string>
        {
            ["DiploSim__Cluster__Mode"] = "Redis",
            ["DiploSim__Cluster__RedisConnectionString"] = "redis:6379,password=secret",
            ["DiploSim__Cluster__ClusterId"] = "classes",
            ["DiploSim__Cluster__ServiceId"] = "diplosim-prod",
            ["DiploSim__Cluster__SiloPort"] = "11112",
            ["DiploSim__Cluster__GatewayPort"] = "30002",
            ["DiploSim__Cluster__AdvertisedAddress"] = "localhost",
            ["DiploSim__Cluster__ListenAddress"] = "127.0.0.2",
            ["DiploSim__Cluster__DataDirectory"] = "/var/lib/diplosim",
        };
        try
        {
            foreach (var (name, value) in values)
            {
                Environment.SetEnvironmentVariable(prefix + name, value);
            }

            var options = ClusterNodeOptions.FromConfiguration(new ConfigurationBuilder().AddEnvironmentVariables(prefix).Build());

            Assert.Equal(new ClusterNodeOptions
            {
                Mode = ClusterMode.Redis,
                RedisConnectionString = "redis:6379,password=secret",
                ClusterId = "classes",
                ServiceId = "diplosim-prod",
                SiloPort = 11112,
                GatewayPort = 30002,
                AdvertisedAddress = "localhost",
                ListenAddress = "127.0.0.2",
                DataDirectory = "/var/lib/diplosim",
            }, options);
            Assert.Equal(IPAddress.Parse("127.0.0.2"), options.ResolveListenAddress());
            Assert.True(IPAddress.IsLoopback(options.ResolveAdvertisedAddress()));
        }
        finally
        {
            foreach (var name in values.Keys)
            {
                Environment.SetEnvironmentVariable(prefix + name, null);
            }
        }
    }

    [Theory]
    [InlineData("Mode=Redis", "RedisConnectionString is required")]
    [InlineData("SiloPort=0", "SiloPort is 0")]
    [InlineData("GatewayPort=70000", "GatewayPort is 70000")]
    [InlineData("GatewayPort=11111", "SiloPort and GatewayPort are the same port")]
    [InlineData("ClusterId=", "ClusterId is empty")]
    [InlineData("ServiceId= ", "ServiceId is empty")]
    [InlineData("AdvertisedAddress=", "AdvertisedAddress is empty")]
    [InlineData("ListenAddress=node1", "ListenAddress 'node1' is not an IP address")]
    [InlineData("DataDirectory=", "DataDirectory is empty")]
    public void A_setting_a_node_cannot_start_with_is_named(string setting, string problem)
    {
        var (key, value) = (setting.Split('=')[0], setting.Split('=')[1]);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"DiploSim:Cluster:{key}"] = value })
            .Build();
        var options = ClusterNodeOptions.FromConfiguration(configuration);

        Assert.Contains(options.Problems(), p => p.Contains(problem, StringComparison.Ordinal));
        var refusal = Assert.Throws<InvalidOperationException>(() => new HostBuilderProbe().Silo(options));
        Assert.Contains(problem, refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mode_that_does_not_exist_is_refused_when_bound()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["DiploSim:Cluster:Mode"] = "Kubernetes" })
            .Build();

        Assert.Throws<InvalidOperationException>(() => ClusterNodeOptions.FromConfiguration(configuration));
    }

    /// <summary>Calls UseDiploSimCluster on a silo builder without starting anything.</summary>
    private sealed class HostBuilderProbe
    {
        public void Silo(ClusterNodeOptions options)
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.UseOrleans(silo => silo.UseDiploSimCluster(options));
        }
    }
}
