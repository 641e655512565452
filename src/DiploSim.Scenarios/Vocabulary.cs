using YamlDotNet.RepresentationModel;

namespace DiploSim.Scenarios;

/// <summary>The names enumerations take in scenario files: camelCase, e.g. <c>freeTrade</c>, <c>holdSummit</c>, <c>energy</c>.</summary>
public static class Vocabulary
{
    /// <summary>The file name of an enumeration value.</summary>
    public static string Name<T>(T value) where T : struct, Enum
    {
        var text = value.ToString();
        return char.ToLowerInvariant(text[0]) + text[1..];
    }

    /// <summary>Every file name of an enumeration, in declaration order.</summary>
    public static IReadOnlyList<string> Names<T>() where T : struct, Enum => [.. Enum.GetValues<T>().Select(Name)];

    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(Name(candidate), text, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    internal static T? Parse<T>(YamlNode? node, Diagnostics diagnostics, string what) where T : struct, Enum
    {
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalarNode s && TryParse<T>(s.Value, out var value))
        {
            return value;
        }

        diagnostics.Add(node, $"unknown {what}", Diagnostics.Describe(node), $"one of {string.Join(", ", Names<T>())}");
        return null;
    }
}
