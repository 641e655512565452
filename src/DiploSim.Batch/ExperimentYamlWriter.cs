using System.Globalization;
using System.Text;

namespace DiploSim.Batch;

/// <summary>
/// Writes an experiment as the YAML <see cref="ExperimentYaml"/> reads, so it can travel as text (to the silos
/// of a cluster) and be read back to the same plan. Workers and output folder are the machine's business and
/// are left out.
/// </summary>
public static class ExperimentYamlWriter
{
    public static string Write(Experiment experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var yaml = new StringBuilder();
        yaml.Append("scenario: ").Append(Quoted(experiment.Scenario)).Append('\n');
        if (experiment.Turns is { } turns)
        {
            yaml.Append("turns: ").Append(turns.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        yaml.Append("repetitions: ").Append(experiment.Repetitions.ToString(CultureInfo.InvariantCulture)).Append('\n');
        yaml.Append("seed: ").Append(experiment.Seed.ToString(CultureInfo.InvariantCulture)).Append('\n');
        if (experiment.CommonRandomNumbers)
        {
            yaml.Append("commonRandomNumbers: true\n");
        }

        var sweep = experiment.Sweep;
        var factorial = sweep.Factorial.IsDefaultOrEmpty ? [] : sweep.Factorial;
        var sets = sweep.Sets.IsDefaultOrEmpty ? [] : sweep.Sets;
        if (factorial.Length > 0 || sets.Length > 0 || sweep.Hypercube is not null)
        {
            yaml.Append("parameters:\n");
            if (factorial.Length > 0)
            {
                yaml.Append("  factorial:\n");
                foreach (var axis in factorial)
                {
                    yaml.Append("    ").Append(Quoted(axis.Name)).Append(": [").AppendJoin(", ", axis.Levels.Select(Value)).Append("]\n");
                }
            }

            if (sets.Length > 0)
            {
                yaml.Append("  sets:\n");
                foreach (var set in sets)
                {
                    yaml.Append("    ").Append(Quoted(set.Name)).Append(": { ")
                        .AppendJoin(", ", set.Values.Select(v => $"{Quoted(v.Name)}: {Value(v)}")).Append(" }\n");
                }
            }

            if (sweep.Hypercube is { } lhs)
            {
                yaml.Append("  ").Append(lhs.Key).Append(":\n");
                yaml.Append(lhs.Method == SamplingMethod.Morris ? "    trajectories: " : "    samples: ").Append(lhs.Samples.ToString(CultureInfo.InvariantCulture)).Append('\n');
                if (lhs.Method == SamplingMethod.Morris)
                {
                    yaml.Append("    levels: ").Append(lhs.Levels.ToString(CultureInfo.InvariantCulture)).Append('\n');
                }

                if (lhs.Seed is { } seed)
                {
                    yaml.Append("    seed: ").Append(seed.ToString(CultureInfo.InvariantCulture)).Append('\n');
                }

                yaml.Append("    ranges: { ")
                    .AppendJoin(", ", lhs.Ranges.Select(r => $"{Quoted(r.Name)}: \"{Number(r.Low)}..{Number(r.High)}\""))
                    .Append(" }\n");
            }
        }

        if (!experiment.Metrics.IsDefaultOrEmpty)
        {
            yaml.Append("metrics: [").AppendJoin(", ", experiment.Metrics.Select(m => Quoted(m.Name))).Append("]\n");
        }

        if (!experiment.Plots.IsDefaultOrEmpty)
        {
            yaml.Append("plots: [").AppendJoin(", ", experiment.Plots.Select(Quoted)).Append("]\n");
        }

        if (!experiment.Bots.IsDefaultOrEmpty)
        {
            yaml.Append("bots:\n");
            foreach (var bot in experiment.Bots)
            {
                var fields = new List<string>();
                if (bot.Policy is { } policy)
                {
                    fields.Add("policy: " + Quoted(policy));
                }

                if (bot.Temperature is { } temperature)
                {
                    fields.Add("temperature: " + Number(temperature));
                }

                if (bot.RiskAppetite is { } risk)
                {
                    fields.Add("riskAppetite: " + Number(risk));
                }

                yaml.Append("  ").Append(Quoted(bot.Actor)).Append(": { ").AppendJoin(", ", fields).Append(" }\n");
            }
        }

        if (!experiment.Conditions.IsDefaultOrEmpty)
        {
            yaml.Append("conditions:\n");
            foreach (var condition in experiment.Conditions)
            {
                yaml.Append("  ").Append(Quoted(condition.Name)).Append(": ").Append(Quoted(condition.Expression)).Append('\n');
            }
        }

        return yaml.ToString();
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Value(ParameterValue value) => value.Text is { } text ? Quoted(text) : Number(value.Value);

    private static string Quoted(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
