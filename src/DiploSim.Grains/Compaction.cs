namespace DiploSim.Grains;

/// <summary>
/// When a grain's small record of recent changes is folded into its main record. The session's events and the
/// registry's listings are both stored this way: each change writes the recent record, and a fold writes the main
/// one whole. With a fixed threshold of k, a record that reaches n items costs about n·k/2 item writes in recent
/// records and n²/2k in folds, which is least at k = √n; so the threshold grows as the square root of what has been
/// folded, from <see cref="MinimumRecent"/>. A 40-turn session of about 45 events then writes its recent record
/// with at most 8 events in it, and one of 4,000 events with at most 63.
/// </summary>
public static class Compaction
{
    /// <summary>The threshold while little has been folded.</summary>
    public const int MinimumRecent = 8;

    /// <summary>How many recent items make a fold due when <paramref name="folded"/> items are in the main record.</summary>
    public static int FoldAt(int folded) => Math.Max(MinimumRecent, (int)Math.Sqrt(folded));

    /// <summary>Whether the recent record, holding <paramref name="recent"/> items, is due to be folded.</summary>
    public static bool Due(int recent, int folded) => recent >= FoldAt(folded);
}
