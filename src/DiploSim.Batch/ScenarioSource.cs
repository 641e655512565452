using DiploSim.Core.State;
using DiploSim.Scenarios;

namespace DiploSim.Batch;

/// <summary>
/// A batch's scenario as text: where it came from and what it says, so a run here or on any silo rebuilds the
/// same turn-0 world. <see cref="BaselineId"/> with no text is the code-built baseline.
/// </summary>
/// <param name="Reference">As the user wrote it: an id, a path or <c>baseline</c>.</param>
/// <param name="File">The path errors name.</param>
/// <param name="Text">The YAML; empty for the baseline.</param>
public sealed record ScenarioSource(string Reference, string File, string Text)
{
    public const string BaselineId = "baseline";

    public static ScenarioSource Baseline { get; } = new(BaselineId, BaselineId, "");

    public bool IsBaseline => Text.Length == 0 && Reference == BaselineId;

    /// <summary>
    /// Finds a scenario: <c>baseline</c>, a file (relative paths from <paramref name="baseFolder"/>, else the
    /// working folder) or the id of a library scenario.
    /// </summary>
    public static (ScenarioSource? Source, BatchError? Error) Resolve(string reference, string? baseFolder = null, SourceLocation? at = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (reference == BaselineId)
        {
            return (Baseline, null);
        }

        var candidates = new List<string>();
        if (baseFolder is not null && !Path.IsPathRooted(reference))
        {
            candidates.Add(Path.Combine(baseFolder, reference));
        }

        candidates.Add(reference);
        if (ScenarioLibrary.Find(reference) is { } library)
        {
            candidates.Add(library);
        }

        foreach (var path in candidates.Where(System.IO.File.Exists))
        {
            try
            {
                return (new ScenarioSource(reference, path, System.IO.File.ReadAllText(path)), null);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return (null, new BatchError(at, $"cannot read scenario '{path}': {e.Message}"));
            }
        }

        var ids = ScenarioLibrary.Files().Select(Path.GetFileNameWithoutExtension);
        return (null, new BatchError(at, $"no scenario '{reference}': expected a file, '{BaselineId}' or a library id ({string.Join(", ", ids)})"));
    }

    /// <summary>
    /// The batch model of this scenario. Each run reloads the scenario text with its seed and the parameters that
    /// differ from the file's, through <see cref="ScenarioLoader"/>, so overrides reach everything the scenario
    /// computes from parameters. A scenario that does not load gives located errors and no model.
    /// </summary>
    public (BatchModel? Model, IReadOnlyList<BatchError> Errors) Load()
    {
        if (IsBaseline)
        {
            return (BatchModel.Baseline(), []);
        }

        var loaded = ScenarioLoader.Parse(Text, File);
        if (!loaded.IsOk)
        {
            return (null, [.. loaded.Errors.Select(e => new BatchError(new SourceLocation(e.File, e.Line, e.Column), $"{e.What} (found {e.Found}; expected {e.Expected})"))]);
        }

        var scenario = loaded.Scenario!;
        var baseParameters = scenario.World.Parameters;
        var text = Text;
        var file = File;
        return (new BatchModel(scenario, (parameters, seed) =>
        {
            var reloaded = ScenarioLoader.Parse(text, file, new ScenarioOptions(seed, Overrides(baseParameters, parameters)));
            return reloaded.Scenario?.World
                ?? throw new InvalidOperationException(string.Join("; ", reloaded.Errors.Select(e => e.ToString())));
        }, [SourceFile.Of(File, Text)]), []);
    }

    /// <summary>The parameters whose values differ from the scenario's own, as loader overrides.</summary>
    public static System.Collections.Immutable.ImmutableArray<KeyValuePair<string, double>> Overrides(ModelParameters scenario, ModelParameters wanted) =>
        [.. ModelParameters.ScalarNames
            .Where(n => wanted.Get(n) != scenario.Get(n))
            .Select(n => new KeyValuePair<string, double>(n, wanted.Get(n)!.Value))];
}
