using System.Collections.Immutable;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using DiploSim.Contracts;
using DiploSim.Core;
using DiploSim.Core.State;
using DiploSim.Grains;
using DiploSim.Server.Hub;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using DiploSim.Scenarios;
using DiploSim.Testing;
using Orleans.Hosting;

namespace DiploSim.Server.Tests;

/// <summary>
/// The real server — co-hosted silo with memory storage, hub, API, built web client — on Kestrel at 127.0.0.1 with a
/// free port, and a scenario catalog that adds an inject menu to the built-in world. Every test creates sessions from
/// the one address, so the hourly cap on sessions per address is lifted here.
/// </summary>
public class ServerFixture : IAsyncLifetime
{
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private WebApplication? _app;

    public ServerFixture()
        : this(new Dictionary<string, string?>
        {
            ["DiploSim:Limits:SessionsPerAddressPerHour"] = "100000",
            ["DiploSim:Agents:rule:Command:0"] = "python3",
            ["DiploSim:Agents:rule:Command:1"] = "rule_agent.py",
            ["DiploSim:Agents:rule:WorkingDirectory"] = AgentPrograms.PythonFolder,
            ["DiploSim:Agents:rule:TimeoutMs"] = "30000",
        })
    {
    }

    /// <summary>A server with <paramref name="settings"/> added to its configuration (limits, timeouts).</summary>
    protected ServerFixture(IReadOnlyDictionary<string, string?> settings) => _settings = settings;

    /// <summary>How often the test's clients ping the server; null for SignalR's default (15 s).</summary>
    public TimeSpan? ClientKeepAlive { get; init; }

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Development",
            ContentRootPath = Repository.Path("src/DiploSim.Server"),
        });
        builder.Configuration["DiploSim:Storage"] = "Memory";
        builder.Configuration["DiploSim:SiloPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.Configuration["DiploSim:GatewayPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.Configuration["DiploSim:WebRoot"] = Repository.Path("src/DiploSim.Server/wwwroot");
        builder.Configuration.AddInMemoryCollection(_settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<IScenarioCatalog>(new TestScenarios());
        builder.Services.AddSingleton<IIncomingGrainCallFilter, InjectedFaults>();
        builder.Services.AddStreamFilter<LostUpdates>(SessionStreams.Provider);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddDiploSim();
        _app = builder.Build();
        _app.MapDiploSim();
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
        Http = new HttpClient { BaseAddress = BaseAddress };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    /// <summary>Creates a session of the test scenario with IND and RUS open to players; long turns, so only readiness or the teacher resolves.</summary>
    /// <summary>A teacher's export (json, csv or html), with the teacher's pass as the bearer token.</summary>
    public async Task<HttpResponseMessage> Export(string format, string teacherPass)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/api/export/{format}", UriKind.Relative));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", teacherPass);
        return await Http.SendAsync(request);
    }

    /// <summary>A session with India and Russia open to students; a turn resolves on its own after <paramref name="turnSeconds"/>.</summary>
    public async Task<SessionPassesDto> CreateSession(string scenario = TestScenarios.WithInjects, int turnSeconds = 3600)
    {
        var response = await Http.PostAsJsonAsync("/api/sessions", new { ScenarioId = scenario, TurnSeconds = turnSeconds, HumanSeats = new[] { "IND", "RUS" }, Press = "Open", Seed = 7UL });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<SessionPassesDto>())!;
    }

    public async Task<SeatPassDto> Join(string joinCode, string country, string player = "Ada")
    {
        var response = await Http.PostAsJsonAsync("/api/join", new { Code = joinCode, Country = country, Player = player });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<SeatPassDto>())!;
    }

    /// <summary>A started SignalR client with the pass, over MessagePack or JSON.</summary>
    public async Task<GameClient> Connect(string? pass, bool messagePack = true)
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(BaseAddress, "/hub"), o => o.AccessTokenProvider = () => Task.FromResult(pass));
        if (ClientKeepAlive is { } keepAlive)
        {
            builder.WithKeepAliveInterval(keepAlive);
        }

        var connection = messagePack
            ? builder.AddMessagePackProtocol().Build()
            : builder.AddJsonProtocol(o => WireJson.Configure(o.PayloadSerializerOptions)).Build();
        var client = new GameClient(connection);
        await connection.StartAsync();
        return client;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<ServerFixture>
{
    public const string Name = "server";
}

/// <summary>A hub connection that records what the server pushes, and lets a test await a push instead of sleeping.</summary>
public sealed class GameClient : IAsyncDisposable
{
    private readonly HubPushes _pushes;

    public GameClient(HubConnection connection)
    {
        Connection = connection;
        _pushes = new HubPushes(connection);
        connection.On<string>("Revoked", r => RevokedReason.TrySetResult(r));
    }

    public HubConnection Connection { get; }

    public TaskCompletionSource<string> RevokedReason { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<(string Channel, EventDto Event)> Received => _pushes.Received;

    public Task<T> Call<T>(string method, params object?[] args) => Connection.InvokeCoreAsync<T>(method, args);

    public Task<Receipt> Call(string method, params object?[] args) => Connection.InvokeCoreAsync<Receipt>(method, args);

    /// <summary>The player's dashboard, as its page reads it: the view in a snapshot.</summary>
    public async Task<Reply<ViewDto>> View()
    {
        var snapshot = await Call<Reply<SnapshotDto>>("GetSnapshot", 0L);
        return new Reply<ViewDto>(snapshot.Value?.View, snapshot.Refusal);
    }

    /// <summary>The first push on <paramref name="channel"/> that matches, seen or still to come; fails after a generous bound rather than hanging.</summary>
    public Task<EventDto> WaitFor(string channel, Func<EventDto, bool> match) => _pushes.WaitFor(channel, match, TimeSpan.FromSeconds(30));

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}

/// <summary>The built-in scenarios plus the baseline world with an inject menu.</summary>
public sealed class TestScenarios : IScenarioCatalog
{
    public const string WithInjects = "test-injects";

    public static readonly Shock Ceasefire = new("ceasefire", "Ceasefire announced", "Tension falls.", [new TensionEffect(-10), new OilSupplyEffect(1)]);

    private static readonly Scenario Baseline = BaselineScenario.Load() with { Script = ShockScript.Empty };

    private static readonly Scenario Injects = new(
        WithInjects, "Test with injects", "The baseline world with a ceasefire inject.", 40, BaselineScenario.World(),
        new FixedShockScript(ImmutableArray<(int, Shock)>.Empty, [Ceasefire]));

    /// <summary>The baseline world where every actor starts with 40 political capital (and may hold 40): room for one move of every kind in a turn.</summary>
    public const string EveryMove = "test-every-move";

    private static readonly Scenario Plenty = new(
        EveryMove, "Test with capital for every move", "The baseline world with 40 political capital for everyone.", 40,
        WithCapital(BaselineScenario.World(), 40), ShockScript.Empty);

    private static WorldState WithCapital(WorldState world, int capital) =>
        world with { Actors = [.. world.Actors.Select(a => a with { Capital = capital, CapitalCap = capital })] };

    public Scenario? Find(string id) => id switch
    {
        WithInjects => Injects,
        EveryMove => Plenty,
        BaselineScenario.Id => Baseline,
        _ => null,
    };

    public IReadOnlyList<ScenarioListing> List() => [LibraryScenarioCatalog.Listing(Baseline), LibraryScenarioCatalog.Listing(Injects), LibraryScenarioCatalog.Listing(Plenty)];
}

/// <summary>Paths in the repository, found from the test's output folder.</summary>
public static class Repository
{
    private static readonly Lazy<string> Root = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "DiploSim.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("DiploSim.sln not found above the test's folder");
    });

    public static string Path(string relative) => System.IO.Path.GetFullPath(System.IO.Path.Combine(Root.Value, relative));
}
