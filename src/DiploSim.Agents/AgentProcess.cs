using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace DiploSim.Agents;

/// <summary>
/// A program that plays a seat, as the operator or the experiment's agents file names it.
/// </summary>
/// <param name="Name">The agent's name in the agents file.</param>
/// <param name="Command">The program and its arguments, passed as they are (no shell, nothing substituted).</param>
/// <param name="WorkingDirectory">Where it runs: the agents file's folder.</param>
/// <param name="Timeout">Time it has to answer one observation.</param>
/// <param name="MaxLineBytes">Bytes in one line it writes; a longer line is refused unread.</param>
public sealed record AgentCommand(string Name, ImmutableArray<string> Command, string WorkingDirectory, TimeSpan Timeout, int MaxLineBytes = 1 << 20)
{
    /// <summary>Environment variables set for the program, on top of DiploSim's own (e.g. the endpoint of a language model).</summary>
    public ImmutableDictionary<string, string> Environment { get; init; } = ImmutableDictionary<string, string>.Empty;
}

/// <summary>
/// A seat played by a local program over standard input and output, one JSON document a line (as chess engines speak
/// UCI). One process plays game after game (a <c>newGame</c> document starts each). What the program does wrong never
/// stops the game: a line that comes too late, too long, or not at all is a failure for that decision (a late answer is
/// recognised by its decision number and dropped); a program that exits is started again once in a game, and after a
/// second exit its seat passes until the game ends. Its standard error is read and kept (the last lines) for the failure
/// messages.
/// </summary>
public sealed class AgentProcess(AgentCommand command) : IAgentSeat, IDisposable
{
    /// <summary>Observations a program may leave unread before it is taken for stuck.</summary>
    private const int MaxUnread = 64;

    private Running? _running;
    private string? _newGame;
    private int _restartsLeft;
    private bool _gaveUp;

    public AgentCommand Command { get; } = command;

    /// <summary>How many times a process was started.</summary>
    public int Starts { get; private set; }

    public void Begin(string newGame)
    {
        _newGame = newGame;
        _restartsLeft = 1;
        _gaveUp = false;
        if (_running is null || _running.HasExited)
        {
            Start();
        }

        _running!.Send(newGame);
    }

    public AgentReply Decide(long decision, string observation)
    {
        if (_gaveUp)
        {
            return AgentReply.Fail("the agent exited twice in this game; its seat passes until the game ends");
        }

        while (true)
        {
            var running = _running ?? Start();
            if (running.Unread > MaxUnread)
            {
                running.Kill();
            }
            else
            {
                running.Send(observation);
                var reply = running.Receive(decision, Command.Timeout, Command.MaxLineBytes);
                if (reply is not null)
                {
                    return reply;
                }
            }

            // The process is gone: start it again once in a game, and give it the game and the observation again.
            var why = running.ExitReason();
            if (_restartsLeft-- <= 0)
            {
                _gaveUp = true;
                return AgentReply.Fail($"{why}; it was started again once in this game already, and its seat passes until the game ends");
            }

            Start();
            if (_newGame is not null)
            {
                _running!.Send(_newGame);
            }
        }
    }

    public void End(string gameOver) => _running?.Send(gameOver);

    public void Dispose()
    {
        _running?.Close();
        _running = null;
    }

    private Running Start()
    {
        _running?.Kill();
        var info = new ProcessStartInfo
        {
            FileName = Command.Command[0],
            WorkingDirectory = Command.WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
        };
        foreach (var argument in Command.Command.Skip(1))
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in Command.Environment)
        {
            info.Environment[name] = value;
        }

        Starts++;
        _running = new Running(Process.Start(info) ?? throw new InvalidOperationException($"agent '{Command.Name}' did not start"), Command);
        return _running;
    }

    /// <summary>One started process: a thread writing its input, one reading its output line by line, one draining its errors.</summary>
    private sealed class Running
    {
        private readonly Process _process;
        private readonly AgentCommand _command;
        private readonly BlockingCollection<string> _input = [];
        private readonly BlockingCollection<string?> _output = [];
        private readonly ConcurrentQueue<string> _errors = new();
        private int _unread;

        public Running(Process process, AgentCommand command)
        {
            _process = process;
            _command = command;
            Thread(WriteInput, "input");
            Thread(ReadOutput, "output");
            Thread(ReadErrors, "errors");
        }

        public bool HasExited => _process.HasExited;

        public int Unread => Volatile.Read(ref _unread);

        public void Send(string line)
        {
            if (!_input.IsAddingCompleted)
            {
                Interlocked.Increment(ref _unread);
                _input.TryAdd(line);
            }
        }

        /// <summary>The answer to <paramref name="decision"/>, a failure, or null when the process is gone.</summary>
        public AgentReply? Receive(long decision, TimeSpan timeout, int maxBytes)
        {
            var clock = Stopwatch.StartNew();
            while (true)
            {
                var left = timeout - clock.Elapsed;
                if (left <= TimeSpan.Zero)
                {
                    return AgentReply.Fail(Invariant($"no answer within {timeout.TotalMilliseconds:0} ms"));
                }

                if (!_output.TryTake(out var line, left))
                {
                    return _output.IsCompleted ? null : AgentReply.Fail(Invariant($"no answer within {timeout.TotalMilliseconds:0} ms"));
                }

                if (line is null)
                {
                    return AgentReply.Fail(Invariant($"the agent wrote a line longer than {maxBytes} bytes; it was not read"));
                }

                if (!IsEarlier(line, decision))
                {
                    return AgentReply.Answer(line);
                }
            }
        }

        public string ExitReason()
        {
            var code = _process.WaitForExit(1000) ? _process.ExitCode.ToString(CultureInfo.InvariantCulture) : "unknown";
            var errors = _errors.ToArray();
            return $"the agent exited (code {code})" + (errors.Length > 0 ? $"; its last error line: {errors[^1]}" : "");
        }

        public void Kill()
        {
            _input.CompleteAdding();
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }

        public void Close()
        {
            _input.CompleteAdding();
            if (!_process.WaitForExit(2000))
            {
                Kill();
            }

            _process.Dispose();
        }

        // An answer to an earlier decision that came after its time: dropped, so it is never taken for this one.
        private static bool IsEarlier(string line, long decision)
        {
            try
            {
                using var document = JsonDocument.Parse(line);
                return document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty("decision", out var d)
                    && d.TryGetInt64(out var number)
                    && number < decision;
            }
            catch (JsonException)
            {
                return false;
            }
        }

        private static void Thread(Action body, string name) =>
            new Thread(() => body()) { IsBackground = true, Name = "agent " + name }.Start();

        private void WriteInput()
        {
            var stdin = _process.StandardInput;
            try
            {
                foreach (var line in _input.GetConsumingEnumerable())
                {
                    stdin.Write(line);
                    stdin.Write('\n');
                    stdin.Flush();
                    Interlocked.Decrement(ref _unread);
                }

                stdin.Close();
            }
            catch (IOException)
            {
                // The process closed its input or exited: what is left is not delivered.
            }
            catch (ObjectDisposedException)
            {
            }
        }

        private void ReadOutput()
        {
            var stream = _process.StandardOutput.BaseStream;
            var buffer = new byte[64 * 1024];
            var line = new MemoryStream();
            var oversized = false;
            try
            {
                int read;
                while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
                {
                    var start = 0;
                    for (var i = 0; i < read; i++)
                    {
                        if (buffer[i] != (byte)'\n')
                        {
                            continue;
                        }

                        Append(buffer.AsSpan(start, i - start));
                        _output.Add(oversized ? null : Encoding.UTF8.GetString(line.GetBuffer(), 0, (int)line.Length).TrimEnd('\r'));
                        line.SetLength(0);
                        oversized = false;
                        start = i + 1;
                    }

                    Append(buffer.AsSpan(start, read - start));
                }
            }
            catch (IOException)
            {
            }
            finally
            {
                _output.CompleteAdding();
            }

            // Bytes past the limit are dropped as they arrive, so a program that writes without end uses no memory.
            void Append(ReadOnlySpan<byte> bytes)
            {
                if (oversized || line.Length + bytes.Length > _command.MaxLineBytes)
                {
                    oversized = true;
                    line.SetLength(0);
                    return;
                }

                line.Write(bytes);
            }
        }

        private void ReadErrors()
        {
            try
            {
                string? line;
                while ((line = _process.StandardError.ReadLine()) is not null)
                {
                    _errors.Enqueue(line.Length > 500 ? line[..500] : line);
                    while (_errors.Count > 20)
                    {
                        _errors.TryDequeue(out _);
                    }
                }
            }
            catch (IOException)
            {
            }
        }

        private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
    }
}
