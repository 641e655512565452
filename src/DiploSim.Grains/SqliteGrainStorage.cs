using System.Diagnostics;
using System.Globalization;
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
/// The provider keeps one connection open, with its statements prepared once, and takes its reads and writes in
/// turn: SQLite has one writer at a time whatever the connections, and a connection opened, configured and given its
/// statements for every call cost about as much again as the commit itself. A connection that fails is closed and
/// opened afresh on the next call.
/// </remarks>
public sealed partial class SqliteGrainStorage : IGrainStorage, IDisposable
{
    private readonly string _connectionString;
    private readonly Serializer _serializer;
    private readonly ILogger<SqliteGrainStorage> _logger;
    private readonly SemaphoreSlim _turn = new(1, 1);
    private Statements? _open;
    private bool _disposed;

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

    public void Dispose()
    {
        _turn.Wait();
        try
        {
            _disposed = true;
            _open?.Dispose();
            _open = null;
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the open connection when no other call is using it, on a pool thread rather than
    /// the caller's: a commit waits for the disk's flush, and the grain that asked can go on with work that does not
    /// depend on the write until it awaits it (a session decides the next turn's bots while the last one is flushed).
    /// </summary>
    private async Task<TResult> Run<TResult>(Func<Statements, TResult> work)
    {
        await _turn.WaitAsync().ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return await Task.Run(() => work(_open ??= Statements.Open(_connectionString))).ConfigureAwait(false);
        }
        catch (SqliteException ex) when (!IsConstraint(ex))
        {
            // The connection may be unusable (a disk error, a file replaced): the next call opens a new one.
            _open?.Dispose();
            _open = null;
            throw;
        }
        finally
        {
            _turn.Release();
        }
    }

    private static bool IsConstraint(SqliteException ex) => ex.SqliteErrorCode == 19; // SQLITE_CONSTRAINT

    [LoggerMessage(Level = LogLevel.Warning, Message = "Write of {StateName} for {GrainId} lost an optimistic-concurrency race (ETag {ETag})")]
    private static partial void LogConflict(ILogger logger, string stateName, string grainId, string? eTag);

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
        }

        public SqliteCommand Select { get; }
        public SqliteCommand Insert { get; }
        public SqliteCommand Update { get; }
        public SqliteCommand Delete { get; }

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
