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
        _errors.Add(new ScenarioError(file, (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column), what, found, expected));

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
