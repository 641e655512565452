using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;
using Orleans.Storage;

namespace DiploSim.Grains;

/// <summary>Where the embedded server keeps grain state: one SQLite file.</summary>
public sealed class SqliteGrainStorageOptions
{
    /// <summary>Path of the database file; its folder is created if missing.</summary>
    public string DatabasePath { get; set; } = Path.Combine("data", "diplosim.db");
}

/// <summary>
/// An Orleans grain-storage provider over SQLite: one row per grain and state name holding the state in
/// Orleans' version-tolerant binary form, with an integer version as the ETag for optimistic concurrency.
/// A write commits before it returns, so an acknowledged command survives a crash or a restart.
/// </summary>
/// <remarks>
/// <para>
/// The provider keeps one connection open, with its statements prepared once, and one writer works through the calls
/// in the order they came: SQLite has one writer at a time whatever the connections, and a connection opened,
/// configured and given its statements for every call cost about as much again as the commit itself. A connection
/// that fails is closed and opened afresh for the next calls.
/// </para>
/// <para>
/// Group commit: the calls that arrive while a commit is being flushed are taken together, up to
/// <see cref="MaxCallsPerCommit"/>, as one transaction with one flush, and each is answered only once that flush is
/// done. Fifty classes resolving at the same moment then wait for a few flushes rather than fifty in a row. Each
/// write keeps its own version check: a stale one is refused alone and the others in its transaction are stored. When
/// the transaction fails, every call in it fails and none is stored.
/// </para>
/// </remarks>
public sealed partial class SqliteGrainStorage : IGrainStorage, IDisposable
{
    private readonly string _connectionString;
    private readonly Serializer _serializer;
    private readonly ILogger<SqliteGrainStorage> _logger;
    private readonly Channel<Call> _calls = Channel.CreateUnbounded<Call>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;
    private Statements? _open;

    /// <summary>The most calls one transaction takes: a longer queue is committed in several.</summary>
    public const int MaxCallsPerCommit = 64;

    public SqliteGrainStorage(SqliteGrainStorageOptions options, Serializer serializer, ILogger<SqliteGrainStorage> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var folder = Path.GetDirectoryName(Path.GetFullPath(options.DatabasePath));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString();
        _serializer = serializer;
        _logger = logger;
        _writer = Task.Run(Work);
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var startedAt = Stopwatch.GetTimestamp();
        var (version, payload) = await Run(s =>
        {
            s.Select.Parameters["$name"].Value = stateName;
            s.Select.Parameters["$id"].Value = grainId.ToString();
            using var reader = s.Select.ExecuteReader();
            return reader.Read() ? (reader.GetInt64(0), (byte[])reader.GetValue(1)) : (0L, null);
        });

        if (payload is not null)
        {
            grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
            grainState.State = _serializer.Deserialize<T>(payload);
            grainState.RecordExists = true;
        }
        else
        {
            grainState.ETag = null;
            grainState.State = Activator.CreateInstance<T>();
            grainState.RecordExists = false;
        }

        StorageMetrics.Read(stateName, startedAt);
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var startedAt = Stopwatch.GetTimestamp();
        var payload = _serializer.SerializeToArray(grainState.State);
        var expected = grainState.ETag is null ? (long?)null : long.Parse(grainState.ETag, CultureInfo.InvariantCulture);
        var version = (expected ?? 0) + 1;
        var written = await Run(s =>
        {
            var command = expected is null ? s.Insert : s.Update;
            command.Parameters["$name"].Value = stateName;
            command.Parameters["$id"].Value = grainId.ToString();
            command.Parameters["$payload"].Value = payload;
            if (expected is { } previous)
            {
                command.Parameters["$version"].Value = version;
                command.Parameters["$expected"].Value = previous;
            }

            return command.ExecuteNonQuery();
        });

        if (written != 1)
        {
            LogConflict(_logger, stateName, grainId.ToString(), grainState.ETag);
            throw new InconsistentStateException($"{stateName} of {grainId} was changed by someone else", "unknown", grainState.ETag ?? "none");
        }

        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
        StorageMetrics.Written(stateName, startedAt);
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await Run(s =>
        {
            s.Delete.Parameters["$name"].Value = stateName;
            s.Delete.Parameters["$id"].Value = grainId.ToString();
            return s.Delete.ExecuteNonQuery();
        });
        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
    }

    /// <summary>Answers the calls already made, then closes the connection; a call after this throws <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (_calls.Writer.TryComplete())
        {
            _writer.GetAwaiter().GetResult();
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the open connection, in the next transaction the writer commits, on the writer's
    /// thread rather than the caller's: a commit waits for the disk's flush, and the grain that asked can go on with
    /// work that does not depend on the write until it awaits it (a session decides the next turn's bots while the
    /// last one is flushed). The result is given once the transaction is durable.
    /// </summary>
    private Task<TResult> Run<TResult>(Func<Statements, TResult> work)
    {
        var call = new Call<TResult>(work);
        return _calls.Writer.TryWrite(call) ? call.Task : throw new ObjectDisposedException(nameof(SqliteGrainStorage));
    }

    /// <summary>The writer: takes the calls waiting, up to <see cref="MaxCallsPerCommit"/>, and commits them together.</summary>
    private async Task Work()
    {
        var batch = new List<Call>(MaxCallsPerCommit);
        while (await _calls.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxCallsPerCommit && _calls.Reader.TryRead(out var call))
            {
                batch.Add(call);
            }

            Commit(batch);
            batch.Clear();
        }

        _open?.Dispose();
        _open = null;
    }

    /// <summary>Runs the calls in one transaction and answers them once it is durable, or fails them all.</summary>
    private void Commit(List<Call> batch)
    {
        try
        {
            var s = _open ??= Statements.Open(_connectionString);
            s.Begin.ExecuteNonQuery();
            foreach (var call in batch)
            {
                call.Run(s);
            }

            s.Commit.ExecuteNonQuery();
        }
        catch (Exception ex)
        {
            // Nothing of this transaction is stored. The connection may be unusable (a disk error, a file replaced):
            // the next calls open a new one.
            _open?.Dispose();
            _open = null;
            foreach (var call in batch)
            {
                call.Fail(ex);
            }

            return;
        }

        StorageMetrics.Committed(batch.Count);
        foreach (var call in batch)
        {
            call.Answer();
        }
    }

    private static bool IsConstraint(SqliteException ex) => ex.SqliteErrorCode == 19; // SQLITE_CONSTRAINT

    [LoggerMessage(Level = LogLevel.Warning, Message = "Write of {StateName} for {GrainId} lost an optimistic-concurrency race (ETag {ETag})")]
    private static partial void LogConflict(ILogger logger, string stateName, string grainId, string? eTag);

    /// <summary>A call waiting for the writer: its work, run inside a transaction, and its answer once that commits.</summary>
    private abstract class Call
    {
        /// <summary>Runs the work; a constraint's refusal is this call's answer, not the transaction's failure.</summary>
        public abstract void Run(Statements statements);

        /// <summary>Gives the caller what <see cref="Run"/> found, now that it is durable.</summary>
        public abstract void Answer();

        public abstract void Fail(Exception exception);
    }

    private sealed class Call<TResult>(Func<Statements, TResult> work) : Call
    {
        // Callers go on elsewhere, never on the writer's thread: a caller that disposed of the store there would wait for itself.
        private readonly TaskCompletionSource<TResult> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private TResult? _result;
        private Exception? _refused;

        public Task<TResult> Task => _answer.Task;

        public override void Run(Statements statements)
        {
            try
            {
                _result = work(statements);
            }
            catch (Exception ex) when (ex is not SqliteException sqlite || IsConstraint(sqlite))
            {
                // This call's own failure: SQLite undoes a refused statement alone, and the transaction goes on with
                // the other calls. Any other error of SQLite's fails the transaction.
                _refused = ex;
            }
        }

        public override void Answer()
        {
            if (_refused is not null)
            {
                _answer.TrySetException(_refused);
            }
            else
            {
                _answer.TrySetResult(_result!);
            }
        }

        public override void Fail(Exception exception) => _answer.TrySetException(exception);
    }

    /// <summary>The open connection and its prepared statements.</summary>
    private sealed class Statements : IDisposable
    {
        private readonly SqliteConnection _connection;

        private Statements(SqliteConnection connection)
        {
            _connection = connection;
            Select = Prepare("SELECT version, payload FROM grain_state WHERE state_name = $name AND grain_id = $id", "$name", "$id");
            Insert = Prepare("INSERT INTO grain_state (state_name, grain_id, version, payload) VALUES ($name, $id, 1, $payload) ON CONFLICT DO NOTHING", "$name", "$id", "$payload");
            Update = Prepare("UPDATE grain_state SET version = $version, payload = $payload WHERE state_name = $name AND grain_id = $id AND version = $expected", "$name", "$id", "$payload", "$version", "$expected");
            Delete = Prepare("DELETE FROM grain_state WHERE state_name = $name AND grain_id = $id", "$name", "$id");
            Begin = Prepare("BEGIN IMMEDIATE");
            Commit = Prepare("COMMIT");
        }

        public SqliteCommand Select { get; }
        public SqliteCommand Insert { get; }
        public SqliteCommand Update { get; }
        public SqliteCommand Delete { get; }
        public SqliteCommand Begin { get; }
        public SqliteCommand Commit { get; }

        public static Statements Open(string connectionString)
        {
            var connection = new SqliteConnection(connectionString);
            try
            {
                connection.Open();
                using var setup = connection.CreateCommand();

                // WAL: readers do not block the writer; FULL sync (a setting of the connection, so set on each one
                // opened): a committed write survives power loss.
                setup.CommandText = """
                    PRAGMA journal_mode = WAL;
                    PRAGMA synchronous = FULL;
                    CREATE TABLE IF NOT EXISTS grain_state (
                        state_name TEXT NOT NULL,
                        grain_id TEXT NOT NULL,
                        version INTEGER NOT NULL,
                        payload BLOB NOT NULL,
                        PRIMARY KEY (state_name, grain_id)
                    );
                    """;
                setup.ExecuteNonQuery();
                return new Statements(connection);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        public void Dispose()
        {
            Select.Dispose();
            Insert.Dispose();
            Update.Dispose();
            Delete.Dispose();
            Begin.Dispose();
            Commit.Dispose();
            _connection.Dispose();
        }

        private SqliteCommand Prepare(string sql, params string[] parameters)
        {
            var command = _connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameters)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            command.Prepare();
            return command;
        }
    }
}
