using System.Text.Json.Serialization;
using DiploSim.Contracts;
using DiploSim.Grains;
using DiploSim.Hosting;
using DiploSim.Server.Api;
using DiploSim.Server.Hub;
using DiploSim.Server.Identity;
using DiploSim.Server.Relay;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace DiploSim.Server;

/// <summary>The host's wiring: the co-hosted silo, the hub and its bridge, the API and the web client.</summary>
public static partial class ServerBuilderExtensions
{
    /// <summary>
    /// Co-hosts a silo in the cluster <c>DiploSim:Cluster</c> describes (<see cref="NodeHosting"/>): embedded by default
    /// (localhost clustering, SQLite in the data directory, or memory when <c>DiploSim:Storage</c> is <c>Memory</c>) or
    /// Redis; memory streams carry notifications.
    /// </summary>
    public static WebApplicationBuilder AddDiploSim(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var section = builder.Configuration.GetSection(ServerOptions.Section);
        var options = section.Get<ServerOptions>() ?? new ServerOptions();
        var cluster = NodeHosting.ClusterOptions(builder.Configuration, builder.Environment.ContentRootPath);
        var durable = !string.Equals(options.Storage, "Memory", StringComparison.OrdinalIgnoreCase);
        var signingKey = NodeHosting.SigningKey(builder.Configuration, cluster, durable);

        builder.Services.Configure<ServerOptions>(section);
        builder.Services.PostConfigure<ServerOptions>(o => o.SigningKey = signingKey);
        builder.UseOrleans(silo => silo.UseDiploSimNode(cluster, durable, builder.Configuration));
        builder.AddDiploSimOperations();

        builder.Services.AddSingleton<PassBook>();
        builder.Services.AddSingleton<Connections>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<MemoryAfterCrowds>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MemoryAfterCrowds>());
        builder.Services.AddSingleton<SessionRelay>();
        builder.Services.AddHostedService<RelayCatchUp>();
        builder.Services.AddSingleton<SeatConnectionReporter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SeatConnectionReporter>());
        builder.AddAgents();
        // Numbers as numbers, as the hub's protocols and the agent protocol read them (not also in quotes, the web default).
        builder.Services.ConfigureHttpJsonOptions(o => WireJson.Configure(o.SerializerOptions).NumberHandling = JsonNumberHandling.Strict);
        builder.AddHttpContract();
        builder.AddDiploSimEdge();
        return builder;
    }

    /// <summary>Maps the hub at <c>/hub</c>, the API under <c>/api</c>, and the web client with its page routes.</summary>
    public static WebApplication MapDiploSim(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseDiploSimEdge();
        var options = app.Services.GetRequiredService<IOptions<ServerOptions>>().Value;
        var webRoot = options.WebRoot is { } w ? Path.GetFullPath(w, app.Environment.ContentRootPath) : app.Environment.WebRootPath;
        if (webRoot is not null && Directory.Exists(webRoot))
        {
            var files = new PhysicalFileProvider(webRoot);
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
            // The client routes by path (/play, /teach, /screen): every other page is index.html.
            app.MapFallbackToFile("index.html", new StaticFileOptions { FileProvider = files });
        }
        else
        {
            LogNoClient(app.Logger, webRoot ?? "(none)");
        }

        app.MapDiploSimOperations();
        app.MapHub<GameHub>("/hub").RequireRateLimiting(ClientEdge.ConnectionsPolicy);
        app.MapDiploSimApi();
        app.MapTeachingGuide();
        app.MapAgentApi();
        app.MapHttpContract();
        var cluster = NodeHosting.ClusterOptions(app.Configuration, app.Environment.ContentRootPath);
        var storage = cluster.Mode == ClusterMode.Redis ? $"Redis (cluster {cluster.ClusterId})"
            : string.Equals(options.Storage, "Memory", StringComparison.OrdinalIgnoreCase) ? "memory: they end when the server stops"
            : $"SQLite in {cluster.DataDirectory}";
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            LogStorage(app.Logger, storage);
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                LogListening(app.Logger, address);
            }
        });
        return app;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No built web client at {WebRoot}: only the hub and the API are served")]
    private static partial void LogNoClient(ILogger logger, string webRoot);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sessions are kept in {Storage}")]
    private static partial void LogStorage(ILogger logger, string storage);

    [LoggerMessage(Level = LogLevel.Information, Message = "DiploSim is open at {Address}")]
    private static partial void LogListening(ILogger logger, string address);
}
