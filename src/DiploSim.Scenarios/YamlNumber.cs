using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace DiploSim.Scenarios;

/// <summary>
/// Numbers as YAML 1.2's core schema reads a plain scalar, which is how an editor checking scenarios/schema.json
/// sees them: decimal integers and floats, <c>0x</c> hexadecimal, <c>0o</c> octal, <c>.inf</c> and <c>.nan</c>.
/// </summary>
public static partial class YamlNumber
{
    /// <summary>The value of a plain scalar that YAML 1.2 reads as a number (possibly infinite or NaN), else null.</summary>
    public static double? Parse(string text) => ParseExact(text) is { } exact ? (double)exact : text switch
    {
        _ when Float().IsMatch(text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
        _ when Infinity().IsMatch(text) => text.StartsWith('-') ? double.NegativeInfinity : double.PositiveInfinity,
        _ when NotANumber().IsMatch(text) => double.NaN,
        _ => null,
    };

    /// <summary>The exact value of a YAML 1.2 integer (decimal, <c>0x</c> or <c>0o</c>), else null.</summary>
    public static BigInteger? ParseExact(string text)
    {
        if (Decimal().IsMatch(text))
        {
            return BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }

        if (Hexadecimal().IsMatch(text))
        {
            return BigInteger.Parse("0" + text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        }

        if (Octal().IsMatch(text))
        {
            return text[2..].Aggregate(BigInteger.Zero, (n, c) => (n * 8) + (c - '0'));
        }

        return null;
    }

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex Decimal();

    [GeneratedRegex("^0x[0-9a-fA-F]+$")]
    private static partial Regex Hexadecimal();

    [GeneratedRegex("^0o[0-7]+$")]
    private static partial Regex Octal();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();

    [GeneratedRegex(@"^[-+]?\.(inf|Inf|INF)$")]
    private static partial Regex Infinity();

    [GeneratedRegex(@"^\.(nan|NaN|NAN)$")]
    private static partial Regex NotANumber();
}
