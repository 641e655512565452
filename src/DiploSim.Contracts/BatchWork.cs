using System.Collections.Immutable;

namespace DiploSim.Contracts;

/// <summary>
/// Plays chunks of a headless batch's runs on a silo, in-process with Core (<c>diplosim batch --cluster</c>).
/// Stateless: any activation on any silo can play any chunk, and the same run index always gives the same rows.
/// </summary>
[Alias("diplosim.IBatchWorkerGrain")]
public interface IBatchWorkerGrain : IGrainWithIntegerKey
{
    /// <summary>Plays the chunk's runs in order and returns their rows; stops between runs when cancelled.</summary>
    [Alias("Play")] Task<ImmutableArray<BatchRunRows>> Play(BatchChunk chunk, CancellationToken cancellationToken = default);
}

/// <summary>
/// Some runs of a batch and everything a silo needs to rebuild its plan: the scenario's text and the experiment
/// as YAML. <see cref="TurnsHeader"/> is the header the client expects, so a silo that builds a different plan
/// (another build of the model, say) refuses rather than sending rows that do not belong.
/// </summary>
/// <param name="ScenarioReference">As the user wrote it (<c>baseline</c> with empty text is the code-built baseline).</param>
/// <param name="ScenarioFile">The path errors name.</param>
/// <param name="ScenarioText">The scenario's YAML.</param>
/// <param name="ExperimentYaml">The experiment, as written by the batch engine.</param>
/// <param name="TurnsHeader">The per-turn table's CSV header.</param>
/// <param name="Runs">Run indices to play.</param>
[GenerateSerializer, Immutable, Alias("diplosim.BatchChunk")]
public sealed record BatchChunk(
    string ScenarioReference,
    string ScenarioFile,
    string ScenarioText,
    string ExperimentYaml,
    string TurnsHeader,
    ImmutableArray<int> Runs);

/// <summary>One played run as the CSV lines it is written as: its per-turn rows (none if it failed) and its per-run row.</summary>
[GenerateSerializer, Immutable, Alias("diplosim.BatchRunRows")]
public sealed record BatchRunRows(int Run, bool Failed, ImmutableArray<string> TurnRows, string RunRow);
