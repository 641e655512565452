using System.Collections.Immutable;
using DiploSim.Batch;

namespace DiploSim.Batch.Tests;

public sealed class RunOrderedCsvTests : IDisposable
{
    private static readonly TableSchema Schema = new([new Column("run", ColumnKind.Int32), new Column("turn", ColumnKind.Int32), new Column("note", ColumnKind.String), new Column("gdp", ColumnKind.Double)]);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"diplosim-ordered-{Guid.NewGuid():N}");

    public RunOrderedCsvTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A run's rows, with a quoted line end, a comma and letters of more than one UTF-8 byte, so a wrong offset shows.</summary>
    private static IEnumerable<object[]> Rows(int run) =>
        Enumerable.Range(0, run % 3).Select(turn => new object[] { run, turn, run == 4 ? "Россия, \"ЕС\"\nइंडिया" : "", (run * 1.5) + (turn / 3.0) });

    [Fact]
    public async Task Runs_kept_and_runs_appended_out_of_order_come_out_as_the_same_bytes_as_a_table_written_in_run_order()
    {
        var inOrder = Path.Combine(_folder, "in-order.csv");
        var table = await RunOrderedCsv.CreateAsync(inOrder, Schema, Enumerable.Range(0, 7).Select(r => (r, Rows(r))));
        await table.PutInRunOrderAsync(CancellationToken.None);

        var shuffled = Path.Combine(_folder, "shuffled.csv");
        table = await RunOrderedCsv.CreateAsync(shuffled, Schema, new[] { 0, 3 }.Select(r => (r, Rows(r))));
        foreach (var run in new[] { 5, 1, 4, 2, 6 })
        {
            await table.AppendAsync(run, Rows(run));
        }

        // What an interrupted batch leaves: every run appended, in the order it finished.
        var appended = await File.ReadAllTextAsync(shuffled);
        Assert.True(appended.IndexOf("\n5,", StringComparison.Ordinal) < appended.IndexOf("\n1,", StringComparison.Ordinal));

        await table.PutInRunOrderAsync(CancellationToken.None);
        Assert.Equal(await File.ReadAllBytesAsync(inOrder), await File.ReadAllBytesAsync(shuffled));
        Assert.Equal(Schema.Header + "\n", (await File.ReadAllTextAsync(inOrder))[..(Schema.Header.Length + 1)]);
        Assert.Contains("\"Россия, \"\"ЕС\"\"\nइंडिया\"", await File.ReadAllTextAsync(inOrder), StringComparison.Ordinal);
        Assert.False(File.Exists(shuffled + ".tmp"));
    }

    [Fact]
    public async Task A_table_appended_in_run_order_is_left_as_it_was_written()
    {
        var path = Path.Combine(_folder, "runs.csv");
        var table = await RunOrderedCsv.CreateAsync(path, Schema, []);
        foreach (var run in new[] { 1, 2, 4, 5 })
        {
            await table.AppendAsync(run, Rows(run));
        }

        var written = File.GetLastWriteTimeUtc(path);
        var identity = new FileInfo(path).Length;
        File.SetLastWriteTimeUtc(path, written.AddMinutes(-5));
        await table.PutInRunOrderAsync(CancellationToken.None);

        Assert.Equal(written.AddMinutes(-5), File.GetLastWriteTimeUtc(path));
        Assert.Equal(identity, new FileInfo(path).Length);
    }
}
