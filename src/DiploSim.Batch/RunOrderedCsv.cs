using System.Text;

namespace DiploSim.Batch;

/// <summary>
/// One of a batch's CSV tables on disk (<c>turns.csv</c> or <c>runs.csv</c>). Each run's rows are appended as the
/// run finishes, so an interrupted batch keeps every finished run; at the end the table is put in run order by
/// copying each run's bytes from where they were written, so no row is formatted twice and nothing but the
/// offsets is held for it. Written in run order already (one worker, or runs finishing in turn), it is left as it is.
/// </summary>
internal sealed class RunOrderedCsv : IAsyncDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly string _path;
    private readonly long _headerBytes;
    private readonly List<(int Run, long Offset, int Length)> _runs = [];
    private FileStream? _file;
    private long _length;
    private bool _inRunOrder = true;

    private RunOrderedCsv(string path, long headerBytes)
    {
        _path = path;
        _headerBytes = headerBytes;
        _length = headerBytes;
    }

    /// <summary>
    /// Replaces the table with its header and <paramref name="kept"/> (the runs a resumed batch keeps, in run order),
    /// written to a temporary file first so that a failure leaves the old table whole, then opens it for appending.
    /// </summary>
    public static async Task<RunOrderedCsv> CreateAsync(string path, TableSchema schema, IEnumerable<(int Run, IEnumerable<object[]> Rows)> kept)
    {
        var header = Utf8.GetBytes(schema.Header + "\n");
        var table = new RunOrderedCsv(path, header.Length);
        var temp = path + ".tmp";
        await using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.Read))
        {
            await file.WriteAsync(header);
            foreach (var (run, rows) in kept)
            {
                await file.WriteAsync(table.Record(run, rows));
            }
        }

        File.Move(temp, path, overwrite: true);
        table._file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 1);
        return table;
    }

    /// <summary>Appends a run's rows and hands them to the operating system before returning.</summary>
    public async Task AppendAsync(int run, IEnumerable<object[]> rows)
    {
        var file = _file ?? throw new ObjectDisposedException(_path);
        await file.WriteAsync(Record(run, rows));
        await file.FlushAsync(CancellationToken.None);
    }

    /// <summary>Closes the table and, if runs were appended out of run order, rewrites it in run order.</summary>
    public async Task PutInRunOrderAsync(CancellationToken cancellationToken)
    {
        await DisposeAsync();
        if (_inRunOrder)
        {
            return;
        }

        var temp = _path + ".tmp";
        await using (var source = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read))
        await using (var target = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            var buffer = new byte[Math.Max(_headerBytes, _runs.Count == 0 ? 0 : _runs.Max(r => r.Length))];
            await Copy(source, target, 0, (int)_headerBytes, buffer, cancellationToken);
            foreach (var (_, offset, length) in _runs.OrderBy(r => r.Run))
            {
                await Copy(source, target, offset, length, buffer, cancellationToken);
            }
        }

        File.Move(temp, _path, overwrite: true);
    }

    public async ValueTask DisposeAsync()
    {
        if (_file is { } file)
        {
            _file = null;
            await file.DisposeAsync();
        }
    }

    /// <summary>A run's rows as the bytes the table holds, noting where they go.</summary>
    private byte[] Record(int run, IEnumerable<object[]> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.Append(Csv.FormatRow(row)).Append('\n');
        }

        var bytes = Utf8.GetBytes(text.ToString());
        _inRunOrder &= _runs.Count == 0 || _runs[^1].Run < run;
        _runs.Add((run, _length, bytes.Length));
        _length += bytes.Length;
        return bytes;
    }

    private static async Task Copy(FileStream source, FileStream target, long offset, int length, byte[] buffer, CancellationToken cancellationToken)
    {
        source.Position = offset;
        await source.ReadExactlyAsync(buffer.AsMemory(0, length), cancellationToken);
        await target.WriteAsync(buffer.AsMemory(0, length), cancellationToken);
    }
}
