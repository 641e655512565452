using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DiploSim.Cluster.Tests;

/// <summary>
/// A real redis-server for the collection, on a free loopback port, keeping nothing on disk; stopped at the end.
/// test.sh installs redis-server on a fresh machine.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("diplosim-redis-").FullName;
    private Process? _process;

    public int Port { get; private set; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public async Task InitializeAsync()
    {
        Port = FreePort.Next();
        var start = new ProcessStartInfo("redis-server")
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", _folder })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("redis-server is not on PATH: run ./test.sh (it installs it) or apt-get install redis-server", e);
        }

        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilItAnswers(TimeSpan.FromSeconds(20));
    }

    /// <summary>Sends one inline command and returns the first line of the reply (e.g. <c>+PONG</c>, <c>:3</c>).</summary>
    public async Task<string> Command(string command)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return await reader.ReadLineAsync() ?? "";
    }

    private async Task WaitUntilItAnswers(TimeSpan bound)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with {_process.ExitCode} before answering on port {Port}");
            }

            try
            {
                if (await Command("PING") == "+PONG")
                {
                    return;
                }
            }
            catch (SocketException) when (clock.Elapsed < bound)
            {
            }

            if (clock.Elapsed > bound)
            {
                throw new TimeoutException($"redis-server did not answer on port {Port} within {bound}");
            }

            await Task.Delay(50);
        }
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisServer>
{
    public const string Name = "redis";
}

/// <summary>Free loopback ports, never the same one twice in a run.</summary>
public static class FreePort
{
    private static readonly HashSet<int> _handedOut = [];

    public static int Next()
    {
        lock (_handedOut)
        {
            while (true)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                listener.Stop();
                if (_handedOut.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
