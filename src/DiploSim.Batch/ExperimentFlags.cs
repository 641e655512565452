using System.Collections.Immutable;
using System.Globalization;

namespace DiploSim.Batch;

/// <summary>
/// Reads the quick form of an experiment from command-line flags, e.g.
/// <c>--runs 1000 --set TradeElasticity=2..5:4 --seed 1</c>. <c>--runs</c> is the total, spread evenly over
/// the parameter points (1000 runs over 4 points = 250 repetitions each); <c>--repetitions</c> gives the
/// runs per point instead. <c>--lhs N</c> samples the <c>--set</c> ranges (written <c>low..high</c>) by Latin
/// hypercube. A <c>--set</c> may vary a bot setting too: <c>--set bots.RUS.policy=doctrine,passive</c>,
/// <c>--set bots.CHN.riskAppetite=0.2..0.8:4</c>. <c>--bot IND=passive</c>, <c>--bot all=doctrine</c>, <c>--bot CHN.temperature=0.5</c> and
/// <c>--bot CHN.riskAppetite=0.8</c> choose the bots' policies for every run; <c>--when "spike=oil_price &gt; 80"</c> names a
/// condition to record. Errors are located by argument position (column = the argument's 1-based index).
/// </summary>
public static class ExperimentFlags
{
    public const string Source = "command line";

    public static (Experiment? Experiment, IReadOnlyList<BatchError> Errors) Parse(string scenario, IReadOnlyList<string> args)
    {
        var errors = new List<BatchError>();
        int? runs = null, repetitions = null, turns = null, lhs = null;
        var method = SamplingMethod.LatinHypercube;
        var common = false;
        var workers = 0;
        var seed = 1UL;
        string? output = null;
        var sets = new List<(string Name, string Spec, SourceLocation At)>();
        var metrics = ImmutableArray<MetricRequest>.Empty;
        var plots = ImmutableArray<string>.Empty;
        var bots = new List<BotSetting>();
        var conditions = ImmutableArray.CreateBuilder<ConditionRequest>();

        for (var i = 0; i < args.Count; i++)
        {
            var flag = args[i];
            var at = new SourceLocation(Source, 1, i + 1);
            string? Value()
            {
                if (i + 1 < args.Count)
                {
                    return args[++i];
                }

                errors.Add(new BatchError(at, $"{flag} needs a value"));
                return null;
            }

            int? Whole(int minimum, int maximum = int.MaxValue)
            {
                var text = Value();
                if (text is null)
                {
                    return null;
                }

                if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= minimum && v <= maximum)
                {
                    return v;
                }

                errors.Add(new BatchError(new SourceLocation(Source, 1, i + 1), $"{flag}: expected a whole number from {minimum} to {maximum}, got '{text}'"));
                return null;
            }

            switch (flag)
            {
                case "--runs":
                    runs = Whole(1);
                    break;
                case "--repetitions":
                    repetitions = Whole(1);
                    break;
                case "--turns":
                    turns = Whole(1);
                    break;
                case "--workers":
                    workers = Whole(0, Experiment.MaxWorkers) ?? 0;
                    break;
                case "--lhs":
                    lhs = Whole(1);
                    break;
                case "--crn":
                    common = true;
                    break;
                case "--sobol":
                    lhs = Whole(1);
                    method = SamplingMethod.Sobol;
                    break;
                case "--morris":
                    lhs = Whole(1);
                    method = SamplingMethod.Morris;
                    break;
                case "--seed":
                    var seedText = Value();
                    if (seedText is not null && !ulong.TryParse(seedText, NumberStyles.Integer, CultureInfo.InvariantCulture, out seed))
                    {
                        errors.Add(new BatchError(new SourceLocation(Source, 1, i + 1), $"--seed: expected a whole number from 0 to {ulong.MaxValue}, got '{seedText}'"));
                    }

                    break;
                case "--out":
                    output = Value();
                    break;
                case "--metrics":
                    var metricText = Value();
                    if (metricText is not null)
                    {
                        var metricAt = new SourceLocation(Source, 1, i + 1);
                        metrics = [.. metricText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(m => new MetricRequest(m, metricAt))];
                        errors.AddRange(metrics.Where(m => !MetricCatalog.IsKnownForm(m.Name)).Select(m => new BatchError(metricAt, MetricCatalog.UnknownMessage(m.Name))));
                    }

                    break;
                case "--plots":
                    plots = [.. (Value() ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
                    break;
                case "--set":
                    var assignment = Value();
                    if (assignment is null)
                    {
                        break;
                    }

                    var setAt = new SourceLocation(Source, 1, i + 1);
                    var eq = assignment.IndexOf('=');
                    if (eq <= 0)
                    {
                        errors.Add(new BatchError(setAt, $"--set: expected Name=values, e.g. TradeElasticity=2..5:4, got '{assignment}'"));
                        break;
                    }

                    var (name, nameError) = ParameterCatalog.Resolve(assignment[..eq].Trim());
                    if (name is null)
                    {
                        errors.Add(new BatchError(setAt, nameError!));
                    }
                    else if (sets.Any(s => s.Name == name))
                    {
                        errors.Add(new BatchError(setAt, $"--set: {name} is set twice"));
                    }
                    else
                    {
                        sets.Add((name, assignment[(eq + 1)..], setAt));
                    }

                    break;
                case "--bot":
                    if (Value() is { } botText)
                    {
                        var botAt = new SourceLocation(Source, 1, i + 1);
                        var (setting, botError) = BotFlag(botText, botAt);
                        if (botError is not null)
                        {
                            errors.Add(new BatchError(botAt, botError));
                        }
                        else
                        {
                            bots.Add(setting!);
                        }
                    }

                    break;
                case "--when":
                    if (Value() is { } whenText)
                    {
                        var whenAt = new SourceLocation(Source, 1, i + 1);
                        var split = whenText.IndexOf('=');
                        var conditionName = split > 0 ? whenText[..split].Trim() : "";
                        if (!BatchCondition.IsValidName(conditionName))
                        {
                            errors.Add(new BatchError(whenAt, $"--when: expected name=expression, e.g. \"spike=oil_price > 80\"; {BatchCondition.InvalidNameMessage(conditionName)}"));
                        }
                        else if (conditions.Any(c => c.Name == conditionName))
                        {
                            errors.Add(new BatchError(whenAt, $"--when: condition '{conditionName}' is given twice"));
                        }
                        else if (BatchCondition.CheckSyntax(whenText[(split + 1)..]) is { } syntax)
                        {
                            errors.Add(new BatchError(whenAt, syntax));
                        }
                        else
                        {
                            conditions.Add(new ConditionRequest(conditionName, whenText[(split + 1)..].Trim(), whenAt));
                        }
                    }

                    break;
                default:
                    errors.Add(new BatchError(at, $"unknown flag '{flag}'; expected --runs, --repetitions, --set, --lhs, --sobol, --morris, --crn, --seed, --turns, --workers, --metrics, --plots, --bot, --when or --out"));
                    break;
            }
        }

        var sweep = ParameterSweep.None;
        if (lhs is { } samples)
        {
            var ranges = ImmutableArray.CreateBuilder<ParameterRange>();
            foreach (var (name, spec, at) in sets)
            {
                var (low, high, error) = ParameterSpec.ParseRange(name, spec);
                if (error is not null)
                {
                    errors.Add(new BatchError(at, error));
                }
                else
                {
                    ranges.Add(new ParameterRange(name, low, high, at));
                }
            }

            sweep = sweep with { Hypercube = new LatinHypercube(samples, ranges.ToImmutable(), Method: method) };
        }
        else
        {
            var axes = ImmutableArray.CreateBuilder<ParameterAxis>();
            foreach (var (name, spec, at) in sets)
            {
                var (axis, error) = ParameterSpec.ParseAxis(name, spec, at);
                if (error is not null)
                {
                    errors.Add(new BatchError(at, error));
                }
                else
                {
                    axes.Add(axis!);
                }
            }

            sweep = sweep with { Factorial = axes.ToImmutable() };
        }

        var points = (int)Math.Min(int.MaxValue, SweepExpansion.Count(sweep));
        if (runs is not null && repetitions is not null)
        {
            errors.Add(new BatchError(null, "give either --runs (the total) or --repetitions (runs per parameter point), not both"));
        }
        else if (runs is { } total && points > 0 && total % points != 0)
        {
            errors.Add(new BatchError(new SourceLocation(Source, 1, args.ToList().IndexOf("--runs") + 1),
                $"--runs {total} does not spread evenly over {points} parameter points; use a multiple of {points}"));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var reps = repetitions ?? (runs is { } r ? r / points : 1);
        return (new Experiment(scenario, turns, reps, seed, sweep, metrics, plots, workers, output, MergeBots(bots), conditions.ToImmutable(), common), errors);
    }

    /// <summary>One <c>--bot</c>: <c>ACTOR=POLICY</c>, <c>ACTOR.temperature=X</c> or <c>ACTOR.riskAppetite=X</c> (ACTOR may be <c>all</c>).</summary>
    private static (BotSetting? Setting, string? Error) BotFlag(string text, SourceLocation at)
    {
        var eq = text.IndexOf('=');
        if (eq <= 0)
        {
            return (null, $"--bot: expected ACTOR=POLICY, ACTOR.temperature=X or ACTOR.riskAppetite=X, got '{text}'");
        }

        var target = text[..eq].Trim();
        var value = text[(eq + 1)..].Trim();
        var dot = target.IndexOf('.');
        var actor = dot < 0 ? target : target[..dot];
        var field = dot < 0 ? "policy" : target[(dot + 1)..];
        if (actor.Length == 0)
        {
            return (null, $"--bot: expected an actor id or '{BotPolicies.All}' before '=', got '{text}'");
        }

        switch (field)
        {
            case "policy":
                return BotPolicies.IsKnown(value) ? (new BotSetting(actor, value, Location: at), null) : (null, "--bot: " + BotPolicies.UnknownMessage(value));
            case "temperature" or "riskAppetite":
                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    return (null, $"--bot: expected a number for {actor}.{field}, got '{value}'");
                }

                var problem = field == "temperature" ? BotPolicies.CheckTemperature(number) : BotPolicies.CheckRiskAppetite(number);
                return problem is not null
                    ? (null, "--bot: " + problem)
                    : (field == "temperature" ? new BotSetting(actor, null, Temperature: number, Location: at) : new BotSetting(actor, null, RiskAppetite: number, Location: at), null);
            default:
                return (null, $"--bot: unknown setting '{field}' for {actor}; expected policy, temperature or riskAppetite");
        }
    }

    /// <summary>Several <c>--bot</c> flags for one actor become one setting (a later flag wins field by field).</summary>
    private static ImmutableArray<BotSetting> MergeBots(List<BotSetting> bots) =>
        [.. bots.GroupBy(b => b.Actor, StringComparer.Ordinal).Select(g => g.Aggregate((a, b) =>
            new BotSetting(a.Actor, b.Policy ?? a.Policy, b.Temperature ?? a.Temperature, b.RiskAppetite ?? a.RiskAppetite, a.Location)))];
}
