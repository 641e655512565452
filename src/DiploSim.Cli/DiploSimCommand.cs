using System.CommandLine;
using System.Globalization;
using DiploSim.Core.State;
using DiploSim.Scenarios;

namespace DiploSim.Cli;

/// <summary>The <c>diplosim</c> command line: <c>validate</c>, <c>run</c> and <c>batch</c>.</summary>
public static class DiploSimCommand
{
    public const int Ok = 0;

    /// <summary>Invalid input: a scenario that does not validate, a bad experiment or flag value, a batch too large to play.</summary>
    public const int InvalidScenario = 1;

    /// <summary>The command line is wrong: an unknown option, a missing argument, a <c>--set</c> that is not name=number.</summary>
    public const int Usage = 2;

    /// <summary><c>run</c> played a valid scenario but the world reached a number that is not finite (a fault of the model).</summary>
    public const int FailedRun = 3;

    /// <summary>An internal error, which should never happen (EX_SOFTWARE of sysexits.h): please report it with the input.</summary>
    public const int InternalError = 70;

    /// <summary>
    /// A batch that cannot start, which is invalid input too: a bad experiment, zero runs or too many, a large batch
    /// not confirmed, an unwritable output folder, or a resume whose inputs differ.
    /// </summary>
    public const int InvalidBatch = InvalidScenario;

    /// <summary><c>--cluster</c> found no cluster to join.</summary>
    public const int ClusterUnavailable = 4;

    /// <summary>
    /// The most problems <c>validate</c> prints for one file; a line then says how many more it found. A badly broken
    /// or hostile file may hold a hundred thousand, and the first ones are what a person fixes first.
    /// </summary>
    public const int MaxProblemsPrinted = 100;

    /// <summary>Cancelled (Ctrl+C): what finished is kept, <c>--resume</c> continues. 128 + SIGINT, as shells expect.</summary>
    public const int Interrupted = 130;

    /// <summary>Parses and runs a command line, writing to the given writers; returns the exit code.</summary>
    public static int Invoke(string[] args, TextWriter output, TextWriter error)
    {
        var root = Build(output, error);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors)
            {
                error.WriteLine(e.Message);
            }

            return Usage;
        }

        return Guard(() => parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }), error);
    }

    /// <summary>
    /// Parses and runs a command line asynchronously; Ctrl+C (or <paramref name="cancellationToken"/>) cancels a
    /// batch cleanly, keeping the runs written.
    /// </summary>
    public static async Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error, BatchEnvironment? environment = null, CancellationToken cancellationToken = default)
    {
        var root = Build(output, error, environment);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors)
            {
                error.WriteLine(e.Message);
            }

            return Usage;
        }

        // A batch stops between runs once cancelled; give it time to write its manifest before the process is ended.
        var configuration = new InvocationConfiguration
        {
            Output = output, Error = error, ProcessTerminationTimeout = TimeSpan.FromSeconds(30), EnableDefaultExceptionHandler = false,
        };
        try
        {
            return await parsed.InvokeAsync(configuration, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Internal(e, error);
        }
    }

    private static int Guard(Func<int> invoke, TextWriter error)
    {
        try
        {
            return invoke();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Internal(e, error);
        }
    }

    private static int Internal(Exception e, TextWriter error)
    {
        error.WriteLine($"internal error (a fault of DiploSim, not of the input; please report it with the command and its files): {e.GetType().FullName}: {e.Message}");
        error.WriteLine(e.StackTrace);
        return InternalError;
    }

    public static RootCommand Build(TextWriter output, TextWriter error, BatchEnvironment? environment = null)
    {
        var files = new Argument<string[]>("files") { Description = "Scenario files (or ids of the library's scenarios)", Arity = ArgumentArity.OneOrMore };
        var validate = new Command("validate", $"Check scenario files; print each problem with its file, line and column (the first {MaxProblemsPrinted} of a file)") { files };
        validate.SetAction(result => Validate(result.GetValue(files) ?? [], output, error));

        var file = new Argument<string>("file") { Description = "A scenario file (or the id of a library scenario)" };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the run's generator", Required = true };
        var turns = new Option<int?>("--turns") { Description = "Turns to play (default: the scenario's)" };
        var set = new Option<string[]>("--set") { Description = "Override a model parameter, name=value (repeatable)", AllowMultipleArgumentsPerToken = false };
        var format = new Option<string>("--format") { Description = "Output: table, json, csv (a row per turn and actor) or wide (CSV, a row per turn and a column per metric)", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "csv", "wide");
        var bots = new Option<string[]>("--bot") { Description = "A bot policy, as for batch: ACTOR=doctrine|passive (ACTOR may be 'all'), ACTOR.temperature=X, ACTOR.riskAppetite=X (repeatable)", AllowMultipleArgumentsPerToken = false };
        var metrics = new Option<string>("--metrics") { Description = "With --format wide: the metrics, comma-separated, named as in batch tables (default: gdp, growth, stability, …)" };
        var run = new Command("run", "Play a scenario headless with bots on every seat") { file, seed, turns, set, format, bots, metrics };
        run.SetAction(result => Run(
            new RunRequest(result.GetValue(file)!, result.GetValue(seed), result.GetValue(turns), result.GetValue(set) ?? [], result.GetValue(format) ?? "table",
                result.GetValue(bots) ?? [], result.GetValue(metrics)),
            output, error));

        var batch = BatchCommand.Create(output, error, environment ?? BatchEnvironment.Default);

        var folder = new Argument<string>("folder") { Description = "Where to write them (the repository keeps them in schemas/agents)" };
        var schemas = new Command("agent-schemas", "Write the JSON Schemas of the agent protocol's documents (docs/agents.md)") { folder };
        schemas.SetAction(result =>
        {
            Agents.AgentSchemas.Write(result.GetValue(folder)!);
            return Ok;
        });
        return new RootCommand("DiploSim: a simulation of great-power economic diplomacy") { validate, run, batch, schemas, EnvCommand.Create(output, error) };
    }

    /// <summary>
    /// The file to load for what the user wrote: a file, or the id of a library scenario. A word that is neither
    /// (a mistyped id) is null, so the user hears which ids there are rather than that a file of that name is missing.
    /// </summary>
    private static string? Resolve(string file) =>
        File.Exists(file) || file.Contains('/') || file.Contains('\\') || file.EndsWith(".yaml", StringComparison.Ordinal)
            ? file
            : ScenarioLibrary.Find(file);

    private static void WriteNoScenario(TextWriter error, string file) =>
        error.WriteLine($"{file}: no scenario '{file}': expected a scenario file or a library id ({string.Join(", ", ScenarioLibrary.Files().Select(Path.GetFileNameWithoutExtension))})");

    private static int Validate(string[] files, TextWriter output, TextWriter error)
    {
        var failed = 0;
        foreach (var file in files)
        {
            if (Resolve(file) is not { } path)
            {
                failed++;
                WriteNoScenario(error, file);
                continue;
            }

            var loaded = ScenarioLoader.Load(path);
            if (loaded.IsOk)
            {
                var s = loaded.Scenario!;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{file}: ok — {s.Title} ({s.World.Count} actors, {s.Turns} turns, {((ScenarioShockScript)s.Script).Shocks.Length} shocks, {s.Script.Injects.Count} injects)"));
            }
            else
            {
                failed++;
                WriteProblems(error, loaded.Errors, file);
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{file}: {loaded.Errors.Length} problem(s)"));
            }
        }

        return failed == 0 ? Ok : InvalidScenario;
    }

    /// <summary>
    /// Writes the first <see cref="MaxProblemsPrinted"/> of <paramref name="problems"/>, one a line, then a line saying
    /// how many more were found (prefixed with <paramref name="file"/> when given).
    /// </summary>
    internal static void WriteProblems<T>(TextWriter error, IReadOnlyCollection<T> problems, string? file = null)
    {
        foreach (var p in problems.Take(MaxProblemsPrinted))
        {
            error.WriteLine(p);
        }

        if (problems.Count > MaxProblemsPrinted)
        {
            error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(file is null ? "" : $"{file}: ")}{problems.Count - MaxProblemsPrinted} more problem(s) not printed; the first {MaxProblemsPrinted} are above"));
        }
    }

    private sealed record RunRequest(string File, ulong Seed, int? Turns, string[] Sets, string Format, string[] Bots, string? Metrics);

    private static int Run(RunRequest request, TextWriter output, TextWriter error)
    {
        var (file, seed, turns, sets, format) = (request.File, request.Seed, request.Turns, request.Sets, request.Format);
        if (request.Metrics is not null && format != "wide")
        {
            error.WriteLine("--metrics chooses the columns of --format wide; add --format wide");
            return Usage;
        }

        // --bot is read as batch reads it, so the two accept the same settings and report the same errors.
        var (botFlags, botErrors) = Batch.ExperimentFlags.Parse(file, [.. request.Bots.SelectMany(b => new[] { "--bot", b })]);
        if (botFlags is null)
        {
            foreach (var e in botErrors)
            {
                error.WriteLine($"command line: {e.Message}");
            }

            return InvalidScenario;
        }

        var overrides = new List<KeyValuePair<string, double>>();
        foreach (var s in sets)
        {
            var eq = s.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !double.TryParse(s[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                error.WriteLine($"--set {s}: expected name=value with a number, e.g. --set tradeElasticity=3.5");
                return Usage;
            }

            // Checked here, so that a typo is reported as the flag it is in, once, not as a place in the scenario file.
            var name = s[..eq].Trim();
            if (new ModelParameters().With(name, value).Error is { } problem)
            {
                error.WriteLine($"command line: --set {s}: {problem}");
                return InvalidScenario;
            }

            overrides.Add(new(ModelParameters.CanonicalName(name)!, value));
        }

        if (turns is < 1)
        {
            error.WriteLine($"--turns {turns}: expected at least 1");
            return Usage;
        }

        if (Resolve(file) is not { } path)
        {
            WriteNoScenario(error, file);
            return InvalidScenario;
        }

        var loaded = ScenarioLoader.Load(path, new ScenarioOptions(seed, [.. overrides]));
        if (!loaded.IsOk)
        {
            WriteProblems(error, loaded.Errors, file);
            return InvalidScenario;
        }

        var scenario = loaded.Scenario!;
        var (policies, policyErrors) = Batch.BotPolicies.Resolve(botFlags.Bots.IsDefault ? [] : botFlags.Bots, scenario.World);
        var requested = (request.Metrics ?? string.Join(',', Batch.MetricCatalog.Defaults))
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(m => new Batch.MetricRequest(m));
        var (metrics, metricErrors) = Batch.MetricCatalog.Resolve(requested, scenario.World);
        if (policyErrors.Count + metricErrors.Count > 0)
        {
            foreach (var e in policyErrors.Concat(metricErrors))
            {
                error.WriteLine($"command line: {e.Message}");
            }

            return InvalidScenario;
        }

        // Every seat on its unchanged doctrine is the plain run; a --bot applies policies as batch does.
        var bots = request.Bots.Length == 0 ? default : policies;
        if (RunReport.Write(scenario, seed, turns ?? scenario.Turns, format, output, bots, metrics) is { } failure)
        {
            error.WriteLine($"{file}: the run failed: {failure}");
            return FailedRun;
        }

        return Ok;
    }
}
