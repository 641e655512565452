using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The server as `dotnet run` runs it, in its own process: embedded mode, sessions in SQLite in a fresh folder, the
/// Production environment, on a free loopback port, with the per-address caps lifted (every simulated client comes from
/// this one address). Build it first: <c>dotnet build src/DiploSim.Server -c Release</c>.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly DirectoryInfo _data;

    private ServerProcess(Process process, DirectoryInfo data, Uri address)
    {
        _process = process;
        _data = data;
        Address = address;
    }

    public Uri Address { get; }

    public int Id => _process.Id;

    /// <summary>
    /// The runtime's settings <c>dotnet run</c> gives the server from its Properties/launchSettings.json (the young
    /// generation's least budget, <c>DOTNET_GCgen0size</c>): the server measured here runs as it ships.
    /// </summary>
    private static IEnumerable<(string Key, string Value)> RuntimeSettings(string repository)
    {
        using var settings = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(repository, "src/DiploSim.Server/Properties/launchSettings.json")));
        foreach (var profile in settings.RootElement.GetProperty("profiles").EnumerateObject())
        {
            if (profile.Value.TryGetProperty("environmentVariables", out var variables))
            {
                foreach (var variable in variables.EnumerateObject().Where(v => v.Name.StartsWith("DOTNET_", StringComparison.Ordinal)))
                {
                    yield return (variable.Name, variable.Value.GetString() ?? string.Empty);
                }
            }
        }
    }

    /// <summary>Starts the server and waits until it answers <c>/health/ready</c>; null (with the reason written) when it is not built.</summary>
    public static async Task<ServerProcess?> Start(string name)
    {
        var inv = CultureInfo.InvariantCulture;
        var repository = Repository();
        var serverDll = Path.Combine(repository, "src/DiploSim.Server/bin/Release/net10.0/DiploSim.Server.dll");
        if (!File.Exists(serverDll))
        {
            Console.Error.WriteLine($"build the server first (dotnet build src/DiploSim.Server -c Release): {serverDll} is missing");
            return null;
        }

        var data = Directory.CreateTempSubdirectory($"diplosim-{name}-");
        var address = new Uri($"http://127.0.0.1:{FreePort().ToString(inv)}");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.Combine(repository, "src/DiploSim.Server") };
        foreach (var a in new[] { serverDll, "--urls", address.ToString().TrimEnd('/') })
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in RuntimeSettings(repository))
        {
            start.Environment[key] = value;
        }

        start.Environment["DiploSim__Cluster__DataDirectory"] = data.FullName;
        start.Environment["DiploSim__Cluster__SiloPort"] = FreePort().ToString(inv);
        start.Environment["DiploSim__Cluster__GatewayPort"] = FreePort().ToString(inv);
        start.Environment["DiploSim__Limits__SessionsPerAddressPerHour"] = "1000000";
        start.Environment["DiploSim__Limits__ConnectionsPerAddress"] = "1000000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__DiploSim.Server.MemoryAfterCrowds"] = "Information";
        var process = Process.Start(start)!;
        // The one information line kept: the collection the server makes after a crowd leaves, with its pause.
        process.OutputDataReceived += (_, e) => { if (e.Data?.Contains("full collection", StringComparison.Ordinal) == true) Console.WriteLine($"server: {e.Data.Trim()}"); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"server: {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, data, address);
        using var http = new HttpClient { BaseAddress = address };
        try
        {
            await Ready(http);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>A hub connection (MessagePack, as the web client's) with a pass.</summary>
    public HubConnection Connection(string pass) => new HubConnectionBuilder()
        .WithUrl(new Uri(Address, "/hub"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(pass))
        .AddMessagePackProtocol()
        .Build();

    /// <summary>The process's resident set (VmRSS), in bytes.</summary>
    public long Resident()
    {
        var line = File.ReadLines($"/proc/{_process.Id.ToString(CultureInfo.InvariantCulture)}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _data.Delete(recursive: true);
    }

    private static async Task Ready(HttpClient http)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < until)
            {
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException("the server did not answer /health/ready within 60 s");
            }

            await Task.Delay(250);
        }
    }

    private static string Repository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DiploSim.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("run from inside the DiploSim repository");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
