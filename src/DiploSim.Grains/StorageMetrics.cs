using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace DiploSim.Grains;

/// <summary>
/// The grain stores' instruments (meter <c>DiploSim.Storage</c>): how long a grain-state read and a durable write
/// take in <see cref="SqliteGrainStorage"/>, connection and commit included, tagged with the state's name
/// (<c>session</c>, <c>session-log</c>, <c>registry</c>, …, without a page's number); <see cref="MemoryGrainStore"/>
/// measures its writes (serialization alone) the same way. How many calls each of the SQLite store's commits took
/// together (group commit: one flush for all the calls that queued while the one before was flushed).
/// </summary>
public static class StorageMetrics
{
    public const string MeterName = "DiploSim.Storage";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> Reads =
        Meter.CreateHistogram<double>("diplosim.storage.read.duration", "s", "Time to read one grain's state from the store");

    private static readonly Histogram<double> Writes =
        Meter.CreateHistogram<double>("diplosim.storage.write.duration", "s", "Time to write one grain's state to the store, until it is durable");

    private static readonly Histogram<int> Commits =
        Meter.CreateHistogram<int>("diplosim.storage.commit.calls", "{call}", "Reads and writes one durable commit of the store took together");

    internal static void Committed(int calls)
    {
        if (Commits.Enabled)
        {
            Commits.Record(calls);
        }
    }

    internal static void Read(string stateName, long startedAt) => Record(Reads, stateName, startedAt);

    internal static void Written(string stateName, long startedAt) => Record(Writes, stateName, startedAt);

    private static void Record(Histogram<double> instrument, string stateName, long startedAt)
    {
        if (instrument.Enabled)
        {
            instrument.Record(Stopwatch.GetElapsedTime(startedAt).TotalSeconds, new KeyValuePair<string, object?>("diplosim.state", Kind(stateName)));
        }
    }

    /// <summary>A state's name without the number that tells its pages apart, so the tag has few values.</summary>
    internal static string Kind(string stateName) => stateName.TrimEnd(Digits).TrimEnd('-');

    private static readonly char[] Digits = "0123456789".ToCharArray();
}
