using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace DiploSim.Scenarios;

/// <summary>
/// Typed, located access to one YAML mapping. Unknown keys are reported when the mapping is opened
/// (<c>source</c> is always allowed, for notes beside figures); each getter reports a wrong type or a
/// value out of range and returns null, so reading carries on and every problem is found in one pass.
/// </summary>
internal sealed class Fields
{
    public const string SourceKey = "source";

    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> _items = new(StringComparer.Ordinal);

    private Fields(YamlMappingNode node, Diagnostics diagnostics)
    {
        Node = node;
        Diagnostics = diagnostics;
    }

    public YamlMappingNode Node { get; }

    public Diagnostics Diagnostics { get; }

    /// <summary>Opens a node as a mapping with the given keys, or reports that it is not one and returns null.</summary>
    public static Fields? Open(YamlNode node, Diagnostics diagnostics, string what, IReadOnlyCollection<string> allowed)
    {
        if (node is not YamlMappingNode map)
        {
            diagnostics.Add(node, $"{what} has the wrong type", Diagnostics.Describe(node), "a mapping");
            return null;
        }

        var fields = new Fields(map, diagnostics);
        foreach (var (keyNode, value) in map.Children)
        {
            if (keyNode is not YamlScalarNode key || key.Value is null)
            {
                diagnostics.Add(keyNode, $"{what} has a key that is not a name", Diagnostics.Describe(keyNode), "a name");
                continue;
            }

            if (!allowed.Contains(key.Value) && key.Value != SourceKey)
            {
                diagnostics.Add(key, $"unknown key in {what}", $"'{key.Value}'", $"one of {string.Join(", ", allowed)}");
                continue;
            }

            if (key.Value == SourceKey && value is not YamlScalarNode)
            {
                diagnostics.Add(value, "a source note has the wrong type", Diagnostics.Describe(value), "text");
            }
            else if (key.Value == SourceKey && value is YamlScalarNode { Value.Length: > WorldLimits.Text })
            {
                // A source is text like any other, held to the same limit (AsString says so and how long it was).
                _ = AsString(value, diagnostics, "a source note");
            }

            fields._items[key.Value] = (key, value);
        }

        return fields;
    }

    public bool Has(string key) => _items.ContainsKey(key);

    public YamlNode? Get(string key) => _items.TryGetValue(key, out var item) ? item.Value : null;

    public YamlScalarNode? KeyNode(string key) => _items.TryGetValue(key, out var item) ? item.Key : null;

    public IEnumerable<string> Keys => _items.Keys;

    /// <summary>A required value: reports its absence at the mapping.</summary>
    public YamlNode? Require(string key, string what, string expected)
    {
        var node = Get(key);
        if (node is null)
        {
            Diagnostics.Add(Node, $"{what} is missing '{key}'", "no such key", expected);
        }

        return node;
    }

    public string? String(string key, string what, bool required = false)
    {
        var node = required ? Require(key, what, "text") : Get(key);
        return node is null ? null : AsString(node, Diagnostics, $"'{key}' of {what}");
    }

    public double? Number(string key, string what, bool required = false, double min = double.NegativeInfinity, double max = double.PositiveInfinity)
    {
        var node = required ? Require(key, what, "a number") : Get(key);
        return node is null ? null : AsNumber(node, Diagnostics, $"'{key}' of {what}", min, max);
    }

    public int? Integer(string key, string what, bool required = false, int min = int.MinValue, int max = int.MaxValue)
    {
        var node = required ? Require(key, what, "a whole number") : Get(key);
        return node is null ? null : AsInteger(node, Diagnostics, $"'{key}' of {what}", min, max);
    }

    public bool? Bool(string key, string what, bool required = false)
    {
        var node = required ? Require(key, what, "true or false") : Get(key);
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalarNode { Value: "true" or "false" } s)
        {
            return s.Value == "true";
        }

        Diagnostics.Add(node, $"'{key}' of {what} has the wrong type", Diagnostics.Describe(node), "true or false");
        return null;
    }

    /// <summary>A non-empty text of at most <paramref name="limit"/> characters (<see cref="WorldLimits.Text"/> unless a caller checks its own).</summary>
    public static string? AsString(YamlNode node, Diagnostics diagnostics, string what, int limit = WorldLimits.Text)
    {
        if (node is YamlScalarNode { Value: { } tooLong } && tooLong.Length > limit)
        {
            diagnostics.Add(node, $"{what} is too long", string.Create(CultureInfo.InvariantCulture, $"{tooLong.Length} characters"), string.Create(CultureInfo.InvariantCulture, $"at most {limit:N0} characters"));
            return null;
        }

        if (node is YamlScalarNode { Value: { Length: > 0 } value })
        {
            return value;
        }

        diagnostics.Add(node, $"{what} has the wrong type", Diagnostics.Describe(node), "text");
        return null;
    }

    /// <summary>A number, written plainly or as <c>{ value: 63, source: "…" }</c> to keep a figure's source beside it.</summary>
    public static double? AsNumber(YamlNode node, Diagnostics diagnostics, string what, double min = double.NegativeInfinity, double max = double.PositiveInfinity)
    {
        if (node is YamlMappingNode)
        {
            // A sourced figure, { value: 4100, source: "..." }: its value is the number itself, not another figure.
            var figure = Open(node, diagnostics, what, ["value"]);
            if (figure?.Require("value", what, "a number") is not { } inner)
            {
                return null;
            }

            node = inner;
        }

        if (node is not YamlScalarNode { Value: { } text } scalar || scalar.Style is not YamlDotNet.Core.ScalarStyle.Plain
            || YamlNumber.Parse(text) is not { } value)
        {
            diagnostics.Add(node, $"{what} has the wrong type", Diagnostics.Describe(node), "a number");
            return null;
        }

        if (!double.IsFinite(value) || value < min || value > max)
        {
            diagnostics.Add(node, $"{what} is out of range", text, Range(min, max));
            return null;
        }

        return value;
    }

    /// <summary>A whole number; <c>12.0</c>, <c>0x0C</c> and <c>0o14</c> are 12, as in YAML 1.2 and JSON Schema.</summary>
    public static int? AsInteger(YamlNode node, Diagnostics diagnostics, string what, int min = int.MinValue, int max = int.MaxValue)
    {
        if (node is not YamlScalarNode { Value: { } text } scalar || scalar.Style is not YamlDotNet.Core.ScalarStyle.Plain
            || YamlNumber.Parse(text) is not { } number || !double.IsFinite(number) || number != Math.Floor(number))
        {
            diagnostics.Add(node, $"{what} has the wrong type", Diagnostics.Describe(node), "a whole number");
            return null;
        }

        if (number < min || number > max)
        {
            diagnostics.Add(node, $"{what} is out of range", text, Range(min, max));
            return null;
        }

        return (int)number;
    }

    /// <summary>A list; a single item may stand for a list of one when <paramref name="single"/> is set.</summary>
    public static IReadOnlyList<YamlNode>? AsList(YamlNode node, Diagnostics diagnostics, string what, bool single = false)
    {
        if (node is YamlSequenceNode seq)
        {
            return [.. seq.Children];
        }

        if (single && node is YamlScalarNode)
        {
            return [node];
        }

        diagnostics.Add(node, $"{what} has the wrong type", Diagnostics.Describe(node), "a list");
        return null;
    }

    private static string Range(double min, double max) => (double.IsInfinity(min), double.IsInfinity(max)) switch
    {
        (false, false) => string.Create(CultureInfo.InvariantCulture, $"a value from {min} to {max}"),
        (false, true) => string.Create(CultureInfo.InvariantCulture, $"a value of at least {min}"),
        (true, false) => string.Create(CultureInfo.InvariantCulture, $"a value of at most {max}"),
        _ => "a finite value",
    };
}
