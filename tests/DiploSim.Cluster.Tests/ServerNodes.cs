using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using DiploSim.Hosting;
using DiploSim.Contracts;
using DiploSim.Server.Hub;
using DiploSim.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace DiploSim.Cluster.Tests;

/// <summary>
/// Real DiploSim server processes (the built <c>DiploSim.Server.dll</c> under <c>dotnet</c>) in Redis mode on
/// 127.0.0.1, configured only by environment variables as deploy/local-cluster.sh does, plus an Orleans client of the
/// same cluster to ask which node holds a session. Every process is killed on dispose, whatever happened.
/// </summary>
public sealed class ServerNodes : IAsyncDisposable
{
    /// <summary>
    /// The CPU time a node may use before it must be ready. Three nodes started at once on the 2-core machine used
    /// 7.1-7.5 s each (33-36 s of wall time at load average 5). The bound is on the node's own work, not on the wall
    /// clock, which a loaded machine stretches: 90 s of wall time were once not enough at load average 22.
    /// </summary>
    public static readonly TimeSpan ReadyWork = TimeSpan.FromSeconds(60);

    /// <summary>The wall-clock bound, for a node that waits on something while it uses no CPU time.</summary>
    public static readonly TimeSpan ReadyPatience = TimeSpan.FromMinutes(10);

    private readonly List<ServerNode> _nodes = [];
    private IHost? _client;

    private ServerNodes(ClusterNodeOptions shared, string signingKey, bool fastFailureDetection, IReadOnlyDictionary<string, string>? settings)
    {
        Shared = shared;
        SigningKey = signingKey;
        FastFailureDetection = fastFailureDetection;
        Settings = settings ?? new Dictionary<string, string>();
    }

    /// <summary>Environment variables every node gets over the shared ones (a test's own limits, say).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>Whether the nodes declare a killed node dead in about 2 s (most tests), or as a deployment does (NodeHosting.FailureDetection).</summary>
    public bool FastFailureDetection { get; }

    public ClusterNodeOptions Shared { get; }

    public string SigningKey { get; }

    public const string OperatorKey = "operator-key-for-tests";

    public IReadOnlyList<ServerNode> Nodes => _nodes;

    public IClusterClient Client => _client?.Services.GetRequiredService<IClusterClient>() ?? throw new InvalidOperationException("no client yet");

    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string ServerDll => DeploymentFiles.PathOf($"src/DiploSim.Server/bin/{Configuration}/net10.0/DiploSim.Server.dll");

    public static string CliDll => DeploymentFiles.PathOf($"src/DiploSim.Cli/bin/{Configuration}/net10.0/diplosim.dll");

    /// <summary>Starts <paramref name="count"/> nodes at once, waits (bounded) until each answers /health/ready, then connects a client.</summary>
    public static async Task<ServerNodes> Start(RedisServer redis, int count, string name, bool fastFailureDetection = true, IReadOnlyDictionary<string, string>? settings = null)
    {
        var id = $"{name}-{Guid.NewGuid():N}";
        var nodes = new ServerNodes(
            new ClusterNodeOptions { Mode = ClusterMode.Redis, RedisConnectionString = redis.ConnectionString, ClusterId = id, ServiceId = id },
            Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            fastFailureDetection,
            settings);
        try
        {
            for (var i = 1; i <= count; i++)
            {
                nodes._nodes.Add(ServerNode.Start(nodes, $"node{i}"));
            }

            await Task.WhenAll(nodes._nodes.Select(n => n.WaitUntilReady()));
            await nodes.ConnectClient();
            return nodes;
        }
        catch
        {
            await nodes.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts one more node in the cluster (a replacement for a killed one); await its <see cref="ServerNode.WaitUntilReady"/>.</summary>
    public ServerNode Add(string name)
    {
        var node = ServerNode.Start(this, name);
        lock (_nodes)
        {
            _nodes.Add(node);
        }

        return node;
    }

    /// <summary>The nodes whose processes still run.</summary>
    public IReadOnlyList<ServerNode> Running
    {
        get
        {
            lock (_nodes)
            {
                return [.. _nodes.Where(n => n.IsRunning)];
            }
        }
    }

    /// <summary>The environment of a node: the cluster's shared settings, its own ports, and (unless told otherwise) fast failure detection for tests.</summary>
    internal Dictionary<string, string> Environment(int siloPort, int gatewayPort)
    {
        var environment = SharedEnvironment(siloPort, gatewayPort);
        if (!FastFailureDetection)
        {
            foreach (var key in environment.Keys.Where(k => k.StartsWith("DiploSim__Cluster__Membership__", StringComparison.Ordinal)).ToList())
            {
                environment.Remove(key);
            }
        }

        foreach (var (key, value) in Settings)
        {
            environment[key] = value;
        }

        return environment;
    }

    private Dictionary<string, string> SharedEnvironment(int siloPort, int gatewayPort) => new()
    {
        ["DiploSim__Cluster__Mode"] = "Redis",
        ["DiploSim__Cluster__RedisConnectionString"] = Shared.RedisConnectionString!,
        ["DiploSim__Cluster__ClusterId"] = Shared.ClusterId,
        ["DiploSim__Cluster__ServiceId"] = Shared.ServiceId,
        ["DiploSim__Cluster__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
        ["DiploSim__Cluster__GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
        ["DiploSim__Cluster__AdvertisedAddress"] = "127.0.0.1",
        // A killed node is declared dead in a few seconds instead of the production default (tens of seconds).
        ["DiploSim__Cluster__Membership__ProbeTimeout"] = "00:00:01",
        ["DiploSim__Cluster__Membership__NumMissedProbesLimit"] = "2",
        ["DiploSim__Cluster__Membership__IAmAliveTablePublishTimeout"] = "00:00:02",
        ["DiploSim__Cluster__Membership__TableRefreshTimeout"] = "00:00:01",
        // Every test client comes from 127.0.0.1.
        ["DiploSim__Limits__SessionsPerAddressPerHour"] = "100000",
        ["DiploSim__SigningKey"] = SigningKey,
        ["DiploSim__OperatorKey"] = OperatorKey,
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        ["Logging__LogLevel__DiploSim.Server.Relay"] = "Information",
    };

    private async Task ConnectClient()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client =>
        {
            client.UseDiploSimCluster(Shared);
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10));
        });
        _client = builder.Build();
        await _client.StartAsync();
    }

    /// <summary>The node whose silo holds the grain's activation now, if any.</summary>
    public async Task<ServerNode?> NodeHolding(GrainId grain)
    {
        var statistics = await Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        var silo = statistics.FirstOrDefault(s => s.GrainId == grain)?.SiloAddress;
        return silo is null ? null : Running.FirstOrDefault(n => n.SiloPort == silo.Endpoint.Port);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            node.Kill();
        }

        if (_client is not null)
        {
            try
            {
                await _client.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token);
            }
            catch (OperationCanceledException)
            {
            }

            _client.Dispose();
        }

        foreach (var node in _nodes)
        {
            node.Dispose();
        }
    }
}

/// <summary>One server process.</summary>
public sealed class ServerNode : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private ServerNode(string name, Uri address, int siloPort, Process process)
    {
        Name = name;
        Address = address;
        SiloPort = siloPort;
        _process = process;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public string Name { get; }

    public Uri Address { get; }

    public int SiloPort { get; }

    public HttpClient Http { get; }

    public bool IsRunning => !_process.HasExited;

    /// <summary>The process's resident set (VmRSS in /proc/PID/status), in bytes.</summary>
    public long Resident()
    {
        var line = File.ReadLines($"/proc/{_process.Id.ToString(CultureInfo.InvariantCulture)}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>The process's last lines of output, for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output.TakeLast(120));
            }
        }
    }

    internal static ServerNode Start(ServerNodes cluster, string name)
    {
        var (http, silo, gateway) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
        return Launch(name, http, silo, cluster.Environment(silo, gateway));
    }

    /// <summary>
    /// A server in the embedded mode, as <c>dotnet run</c> starts it: its sessions in SQLite under
    /// <paramref name="dataDirectory"/>, which a later start with the same folder reopens.
    /// </summary>
    public static ServerNode StartEmbedded(string name, string dataDirectory, IReadOnlyDictionary<string, string>? settings = null)
    {
        var (http, silo, gateway) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
        var environment = new Dictionary<string, string>
        {
            ["DiploSim__Cluster__Mode"] = "Embedded",
            ["DiploSim__Cluster__DataDirectory"] = dataDirectory,
            ["DiploSim__Cluster__SiloPort"] = silo.ToString(CultureInfo.InvariantCulture),
            ["DiploSim__Cluster__GatewayPort"] = gateway.ToString(CultureInfo.InvariantCulture),
            ["DiploSim__Limits__SessionsPerAddressPerHour"] = "100000",
            ["DiploSim__Limits__MessagesPerMinute"] = "10000",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        };
        foreach (var (key, value) in DeploymentFiles.RuntimeSettings().Concat(settings ?? new Dictionary<string, string>()))
        {
            environment[key] = value;
        }

        return Launch(name, http, silo, environment);
    }

    private static ServerNode Launch(string name, int http, int silo, Dictionary<string, string> environment)
    {
        var address = new Uri($"http://127.0.0.1:{http.ToString(CultureInfo.InvariantCulture)}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = DeploymentFiles.PathOf("src/DiploSim.Server"),
        };
        foreach (var argument in new[] { ServerNodes.ServerDll, "--urls", address.ToString().TrimEnd('/'), "--contentRoot", DeploymentFiles.PathOf("src/DiploSim.Server") })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start");
        var node = new ServerNode(name, address, silo, process);
        process.OutputDataReceived += (_, e) => node.Record(e.Data);
        process.ErrorDataReceived += (_, e) => node.Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }
    }

    /// <summary>
    /// Polls /health/ready until it answers 200; fails early if the process exits, once it has used
    /// <see cref="ServerNodes.ReadyWork"/> of CPU time, and after <see cref="ServerNodes.ReadyPatience"/>.
    /// </summary>
    public async Task WaitUntilReady()
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} before it was ready:\n{Log}");
            }

            try
            {
                using var response = await Http.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            var work = Work();
            if (work > ServerNodes.ReadyWork || clock.Elapsed > ServerNodes.ReadyPatience)
            {
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                    $"{Name} was not ready after {clock.Elapsed.TotalSeconds:0.0} s, having used {work.TotalSeconds:0.0} s of CPU time (bounds: {ServerNodes.ReadyWork.TotalSeconds} s of CPU, {ServerNodes.ReadyPatience.TotalSeconds} s in all):\n{Log}"));
            }

            await Task.Delay(200);
        }
    }

    /// <summary>The CPU time the process has used (zero once it has exited).</summary>
    private TimeSpan Work()
    {
        try
        {
            return _process.TotalProcessorTime;
        }
        catch (InvalidOperationException)
        {
            return TimeSpan.Zero;
        }
    }

    public async Task<SessionPassesDto> CreateSession(ulong seed)
    {
        var response = await Http.PostAsJsonAsync("/api/sessions", new { ScenarioId = "first-class", TurnSeconds = 3600, HumanSeats = new[] { "IND", "RUS" }, Press = "Open", Seed = seed });
        Assert.True(response.IsSuccessStatusCode, $"{Name}: creating a session answered {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<SessionPassesDto>())!;
    }

    public async Task<SeatPassDto> Join(string joinCode, string country, string player)
    {
        var response = await Http.PostAsJsonAsync("/api/join", new { Code = joinCode, Country = country, Player = player });
        Assert.True(response.IsSuccessStatusCode, $"{Name}: joining answered {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<SeatPassDto>())!;
    }

    /// <summary>
    /// A hub connection to this node with the pass (MessagePack unless told otherwise), started and admitted. The
    /// client's start returns at the handshake, before the hub's OnConnectedAsync has checked the pass and put the
    /// connection in its session's channels, and a push sent meanwhile is not heard. The hub runs a connection's calls
    /// only after OnConnectedAsync, so once a first call answers, every later push reaches this connection, as a page
    /// that pulls its snapshot first gets everything. A node that closes the connection while the cluster switches over
    /// returns it closed, for the caller to see.
    /// </summary>
    public async Task<HubClient> Connect(string pass, bool messagePack = true)
    {
        var builder = new HubConnectionBuilder().WithUrl(new Uri(Address, "/hub"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(pass));
        var connection = messagePack
            ? builder.AddMessagePackProtocol().Build()
            : builder.AddJsonProtocol(o => WireJson.Configure(o.PayloadSerializerOptions)).Build();
        var client = new HubClient(connection, Name);
        await connection.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        try
        {
            await client.Call<Reply<long>>("GetSequence");
        }
        catch (Exception) when (connection.State != HubConnectionState.Connected)
        {
            // Closed by the node before it admitted the connection.
        }

        return client;
    }

    /// <summary>The process's scheduling priority: a node started in the background of a measurement runs below the others until it is needed.</summary>
    public void Prioritize(ProcessPriorityClass priority)
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.PriorityClass = priority;
            }
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }
    }

    /// <summary>SIGKILL: no graceful shutdown, no goodbye in the membership table.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }
    }

    public void Dispose()
    {
        Kill();
        Http.Dispose();
        _process.Dispose();
    }
}

/// <summary>A hub connection that records what the server pushes, so a test awaits a push (bounded) instead of sleeping.</summary>
public sealed class HubClient : IAsyncDisposable
{
    private readonly HubPushes _pushes;

    public HubClient(HubConnection connection, string node)
    {
        Connection = connection;
        Node = node;
        _pushes = new HubPushes(connection);
        connection.On<string>("Revoked", r => _revoked.TrySetResult(r));
    }

    private readonly TaskCompletionSource<string> _revoked = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Why the server told this connection its pass no longer works, once it has.</summary>
    public Task<string> Revoked => _revoked.Task;

    public HubConnection Connection { get; }

    public string Node { get; }

    public IReadOnlyList<EventDto> Events => [.. _pushes.Received.Where(r => r.Channel == "Event").Select(r => r.Event)];

    public Task<T> Call<T>(string method, params object?[] args) => Connection.InvokeCoreAsync<T>(method, args).WaitAsync(TimeSpan.FromSeconds(45));

    public Task<Receipt> Call(string method, params object?[] args) => Call<Receipt>(method, args);

    /// <summary>
    /// Calls until the node answers without an infrastructure failure: while a lost node is not yet declared dead,
    /// calls to the sessions it held fail, and the hub answers that the server is switching over. Bounded.
    /// </summary>
    public async Task<Receipt> CallUntilAnswered(TimeSpan bound, string method, params object?[] args)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var answer = await Call(method, args);
            if (answer.Refusal is not (HubFaults.SwitchingOver or HubFaults.Failed) || clock.Elapsed > bound)
            {
                return answer;
            }

            await Task.Delay(250);
        }
    }

    public Task<EventDto> WaitFor(Func<EventDto, bool> match, TimeSpan? bound = null) => _pushes.WaitFor("Event", match, bound ?? TimeSpan.FromSeconds(60));

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
