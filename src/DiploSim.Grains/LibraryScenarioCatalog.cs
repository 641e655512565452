using System.Collections.Immutable;
using DiploSim.Contracts;
using DiploSim.Core;
using DiploSim.Scenarios;
using Microsoft.Extensions.Logging;

namespace DiploSim.Grains;

/// <summary>
/// The scenario library (the <c>scenarios</c> folder beside the program or above it) as the catalog sessions are
/// created from. Files that do not load are left out and logged with their located errors.
/// </summary>
public sealed class LibraryScenarioCatalog : IScenarioCatalog
{
    private readonly ImmutableArray<Scenario> _scenarios;
    private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);

    /// <summary>The catalog of the library found beside the program or above it.</summary>
    public LibraryScenarioCatalog(ILogger<LibraryScenarioCatalog> logger)
        : this(ScenarioLibrary.Files(), logger)
    {
    }

    // Not public: the container would take IEnumerable<string> for a service and pick this constructor.
    private LibraryScenarioCatalog(IReadOnlyList<string> files, ILogger<LibraryScenarioCatalog> logger)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(logger);
        var scenarios = ImmutableArray.CreateBuilder<Scenario>();
        foreach (var file in files)
        {
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                logger.LogError("Scenario {File} is left out of the catalog: {Error}", file, e.Message);
                continue;
            }

            var result = ScenarioLoader.Parse(text, file);
            if (result.Scenario is { } scenario)
            {
                scenarios.Add(scenario);
                _texts.TryAdd(scenario.Id, text);
            }
            else
            {
                logger.LogError("Scenario {File} is left out of the catalog: {Errors}", file, string.Join(Environment.NewLine, result.Errors));
            }
        }

        _scenarios = scenarios.ToImmutable();
        if (_scenarios.IsEmpty)
        {
            logger.LogWarning("No scenario was found; sessions cannot be created until scenarios/ is beside the program");
        }
    }

    /// <summary>A catalog of the given scenario files.</summary>
    public static LibraryScenarioCatalog Of(IReadOnlyList<string> files, ILogger<LibraryScenarioCatalog> logger) => new(files, logger);

    public Scenario? Find(string id) => _scenarios.FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.Ordinal));

    public string? Text(string id) => Find(id) is null ? null : _texts.GetValueOrDefault(id);

    public IReadOnlyList<ScenarioListing> List() => [.. _scenarios.Select(Listing)];

    public static ScenarioListing Listing(Scenario s) =>
        new(s.Id, s.Title, s.Summary, s.Turns, [.. s.World.Actors.Select(a => a.Id)], [.. s.Script.Injects.Select(i => i.Id)]);
}
