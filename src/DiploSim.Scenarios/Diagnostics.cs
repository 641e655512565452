using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DiploSim.Scenarios;

/// <summary>Collects every problem found in one file, with its location.</summary>
internal sealed class Diagnostics(string file)
{
    private readonly List<ScenarioError> _errors = [];

    public string File => file;

    public IReadOnlyList<ScenarioError> Errors => _errors;

    public bool HasErrors => _errors.Count > 0;

    public void Add(YamlNode node, string what, string found, string expected) => Add(node.Start, what, found, expected);

    public void Add(Mark mark, string what, string found, string expected) =>
        _errors.Add(new ScenarioError(file, (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column), Clip(what), Clip(found), Clip(expected)));

    /// <summary>
    /// The most characters one part of an error (what, found, expected) keeps. Many quote the file (an id, a key, an
    /// actor code, a list of the ids it could be), and a hostile or broken file's value may be a megabyte long: cut
    /// here, every error stays a line a person can read, whatever quoted it.
    /// </summary>
    public const int PartAtMost = 240;

    /// <summary><paramref name="text"/>, or its first <see cref="PartAtMost"/> characters and its length when it is longer.</summary>
    private static string Clip(string text)
    {
        if (text.Length <= PartAtMost)
        {
            return text;
        }

        var cut = char.IsHighSurrogate(text[PartAtMost - 1]) ? PartAtMost - 1 : PartAtMost;
        return string.Create(CultureInfo.InvariantCulture, $"{text[..cut]}… ({text.Length} characters)");
    }

    /// <summary>How much of a value an error quotes: an oversized one is cut, so the message stays readable and small.</summary>
    public const int QuotedAtMost = 80;

    /// <summary>How a node looks in an error message: a quoted scalar (its first <see cref="QuotedAtMost"/> characters), or its kind.</summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode { Value: null or "" } => "nothing",
        YamlScalarNode { Value.Length: > QuotedAtMost } s => $"'{s.Value[..QuotedAtMost]}…' ({s.Value.Length} characters)",
        YamlScalarNode s => $"'{s.Value}'",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "an alias",
    };
}
