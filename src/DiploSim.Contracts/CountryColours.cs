using System.Collections.Frozen;
using System.Collections.Immutable;

namespace DiploSim.Contracts;

/// <summary>
/// One colour per country on every page and in every scenario, so India is always the same line: on the console's and the
/// classroom screen's charts, the network map, the swatches and the server-drawn debrief. The web client's table
/// (<c>src/DiploSim.Web/src/generated/colours.ts</c>) is generated from this one by src/DiploSim.WebContract.
/// Colour-blind safe where it can be (Okabe–Ito), darkened to keep 3:1 against white; a code without its own colour takes
/// one of <see cref="Spare"/> by a hash of its letters.
/// </summary>
public static class CountryColours
{
    /// <summary>The countries with a colour of their own, in the order the generated table lists them.</summary>
    public static ImmutableArray<KeyValuePair<string, string>> Fixed { get; } =
    [
        new("IND", "#d55e00"), new("RUS", "#0072b2"), new("CHN", "#b8860b"), new("USA", "#6a3d9a"),
        new("EU", "#009e73"), new("EUU", "#009e73"), new("JPN", "#cc79a7"), new("GBR", "#56606b"),
    ];

    /// <summary>The colours a code without its own takes, by <see cref="Of"/>'s hash.</summary>
    public static ImmutableArray<string> Spare { get; } = ["#8c564b", "#1b7c83", "#bf3989", "#57606a", "#9a6700", "#0969da"];

    private static readonly FrozenDictionary<string, string> ByCode = Fixed.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// A country's colour: its own, else the spare one its code hashes to (h = h * 31 + each UTF-16 unit, modulo 2^32),
    /// as the web client's <c>countryColour</c> computes it.
    /// </summary>
    public static string Of(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (ByCode.TryGetValue(code, out var colour))
        {
            return colour;
        }

        var h = 0u;
        foreach (var ch in code)
        {
            h = unchecked((h * 31) + ch);
        }

        return Spare[(int)(h % (uint)Spare.Length)];
    }
}
