using System.Collections.Immutable;
using DiploSim.Core;
using DiploSim.Core.State;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DiploSim.Scenarios;

/// <summary>How to load a scenario: the seed (else the file's) and model-parameter overrides applied after the file's own.</summary>
public sealed record ScenarioOptions(ulong? Seed = null, ImmutableArray<KeyValuePair<string, double>> Overrides = default)
{
    public static readonly ScenarioOptions Default = new();
}

/// <summary>A loaded scenario, or every problem found; never both, never a half-loaded world.</summary>
public sealed record ScenarioLoadResult(Scenario? Scenario, ImmutableArray<ScenarioError> Errors)
{
    public bool IsOk => Scenario is not null;

    /// <summary>The file's shock script with its triggers, when loaded.</summary>
    public ScenarioShockScript? Script => Scenario?.Script as ScenarioShockScript;
}

/// <summary>Reads scenario files (YAML, described by scenarios/schema.json and docs/scenarios.md) into Core's <see cref="Scenario"/>.</summary>
public static class ScenarioLoader
{
    /// <summary>Loads a file. Never throws: an unreadable or broken file gives located errors.</summary>
    public static ScenarioLoadResult Load(string path, ScenarioOptions? options = null)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new ScenarioLoadResult(null, [new ScenarioError(path, 1, 1, "the file cannot be read", e.Message, "a readable YAML file")]);
        }

        return Parse(text, path, options);
    }

    /// <summary>Loads scenario text; <paramref name="file"/> names it in errors.</summary>
    public static ScenarioLoadResult Parse(string text, string file, ScenarioOptions? options = null)
    {
        var diagnostics = new Diagnostics(file);
        YamlNode root;
        try
        {
            root = YamlText.Load(text);
        }
        catch (YamlException e)
        {
            var message = e.InnerException is YamlException inner ? inner.Message : e.Message;
            diagnostics.Add(e.Start, "the file is not valid YAML", FirstLine(message), "well-formed YAML (check indentation, colons and quotes)");
            return Fail(diagnostics);
        }

        var scenario = new ScenarioReader(diagnostics).Read(root, options ?? ScenarioOptions.Default);
        return scenario is null || diagnostics.HasErrors ? Fail(diagnostics) : new ScenarioLoadResult(scenario, []);
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    private static ScenarioLoadResult Fail(Diagnostics diagnostics) =>
        new(null, [.. diagnostics.Errors.OrderBy(e => e.Line).ThenBy(e => e.Column)]);
}
