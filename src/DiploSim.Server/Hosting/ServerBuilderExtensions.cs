using DiploSim.Contracts;
using DiploSim.Grains;
using DiploSim.Server.Api;
using DiploSim.Server.Hub;
using DiploSim.Server.Identity;
using DiploSim.Server.Relay;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace DiploSim.Server;

/// <summary>The host's wiring: the co-hosted silo, the hub and its bridge, the API and the web client.</summary>
public static partial class ServerBuilderExtensions
{
    /// <summary>
    /// Co-hosts a silo with localhost clustering (the embedded default) and DiploSim's grains: SQLite grain storage in the
    /// data directory, or memory storage when <c>DiploSim:Storage</c> is <c>Memory</c>; memory streams carry notifications.
    /// </summary>
    public static WebApplicationBuilder AddDiploSim(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var section = builder.Configuration.GetSection(ServerOptions.Section);
        var options = section.Get<ServerOptions>() ?? new ServerOptions();
        var dataDirectory = Path.GetFullPath(options.DataDirectory, builder.Environment.ContentRootPath);
        var durable = !string.Equals(options.Storage, "Memory", StringComparison.OrdinalIgnoreCase);

        builder.Services.Configure<ServerOptions>(section);
        builder.Services.PostConfigure<ServerOptions>(o =>
        {
            if (string.IsNullOrEmpty(o.SigningKey) && durable)
            {
                o.SigningKey = StoredSigningKey(dataDirectory);
            }
        });

        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort);
            if (durable)
            {
                Directory.CreateDirectory(dataDirectory);
                silo.AddSqliteGrainStorage(ProviderNames.Storage, Path.Combine(dataDirectory, "diplosim.db"));
            }
            else
            {
                silo.AddMemoryGrainStorage(ProviderNames.Storage);
            }

            // Subscriptions are made again by each web node when its clients connect, so they need not outlive the process.
            silo.AddMemoryGrainStorage("PubSubStore")
                .AddMemoryStreams(SessionStreams.Provider)
                .AddDiploSimGrains();
        });

        builder.Services.AddSingleton<PassBook>();
        builder.Services.AddSingleton<Connections>();
        builder.Services.AddSingleton<SessionRelay>();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = null);
        builder.Services.AddSignalR(o => o.EnableDetailedErrors = builder.Environment.IsDevelopment())
            .AddJsonProtocol(o => o.PayloadSerializerOptions.PropertyNamingPolicy = null)
            .AddMessagePackProtocol();
        return builder;
    }

    /// <summary>Maps the hub at <c>/hub</c>, the API under <c>/api</c>, and the web client with its page routes.</summary>
    public static WebApplication MapDiploSim(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
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

        app.MapHub<GameHub>("/hub");
        app.MapDiploSimApi();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                LogListening(app.Logger, address);
            }
        });
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "No built web client at {WebRoot}: only the hub and the API are served")]
    private static partial void LogNoClient(ILogger logger, string webRoot);

    [LoggerMessage(Level = LogLevel.Information, Message = "DiploSim is open at {Address}")]
    private static partial void LogListening(ILogger logger, string address);
}
