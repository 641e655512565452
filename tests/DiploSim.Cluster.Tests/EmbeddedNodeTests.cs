using DiploSim.Scenarios;
using DiploSim.Contracts;
using DiploSim.Grains;
using DiploSim.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DiploSim.Cluster.Tests;

/// <summary>The embedded default through the same configuration: one node, SQLite in the data directory, a client through its gateway.</summary>
public sealed class EmbeddedNodeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("diplosim-embedded-").FullName;

    [Fact]
    public async Task An_embedded_node_keeps_sessions_in_its_data_directory_across_a_restart_and_serves_a_gateway_client()
    {
        var options = new ClusterNodeOptions
        {
            SiloPort = FreePort.Next(),
            GatewayPort = FreePort.Next(),
            DataDirectory = Path.Combine(_folder, "data"),
            ClusterId = "embedded-test",
            ServiceId = "embedded-test",
        };

        string teacher;
        using (var node = await StartNode(options))
        {
            Assert.True(node.Services.HasJoinedCluster());
            using var client = await Connect(options);
            var session = client.Services.GetRequiredService<IClusterClient>().GetGrain<ISessionGrain>("embedded-1");
            teacher = (await session.Create(new CreateSession(BaselineScenario.Id, 5, SessionOptions.AllBots(TimeSpan.FromMinutes(10))))).Value!.TeacherToken;
            Assert.True((await session.Start(teacher)).IsAccepted);
            Assert.True((await session.ResolveNow(teacher)).IsAccepted);
            await client.StopAsync();
            await node.StopAsync();
        }

        Assert.True(File.Exists(options.DatabasePath));
        using var again = await StartNode(options);
        using var secondClient = await Connect(options);
        var status = await secondClient.Services.GetRequiredService<IClusterClient>().GetGrain<ISessionGrain>("embedded-1").GetStatus();

        Assert.Equal((1, SessionPhase.Running), (status.Turn, status.Phase));
        await secondClient.StopAsync();
        await again.StopAsync();
    }

    private static async Task<IHost> StartNode(ClusterNodeOptions options)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => silo.UseDiploSimCluster(options).AddMemoryStreams(SessionStreams.Provider).AddDiploSimGrains());
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task<IHost> Connect(ClusterNodeOptions options)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client => client.UseDiploSimCluster(options).AddMemoryStreams(SessionStreams.Provider));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
