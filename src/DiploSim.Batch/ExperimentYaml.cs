using System.Collections.Immutable;
using System.Globalization;
using DiploSim.Agents;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DiploSim.Batch;

/// <summary>
/// Reads an experiment file. Every problem is reported with its file, line and column and what was expected,
/// and all problems found are reported together.
/// </summary>
/// <example>
/// <code>
/// scenario: baseline
/// turns: 40
/// repetitions: 10
/// seed: 1
/// parameters:
///   factorial:
///     TradeElasticity: 2..5:4
///     OilPriceFlexibility: [2, 3]
///     bots.RUS.policy: [doctrine, passive]
///   sets:
///     low-diversion: { EnergyDiversion: 0.3 }
///     high-diversion: { EnergyDiversion: 0.9 }
/// metrics: [gdp, growth, stability, utility, oil_price, tension, trade_IND_RUS]
/// plots: [oil_price, tension]
/// bots:
///   all: doctrine
///   IND: passive
///   CHN: { policy: doctrine, temperature: 0.5, riskAppetite: 0.8 }
/// conditions:
///   india-russia-100: trade_IND_RUS >= 100
/// </code>
/// </example>
public static class ExperimentYaml
{
    private static readonly string[] TopKeys = ["scenario", "turns", "repetitions", "seed", "commonRandomNumbers", "parameters", "metrics", "plots", "workers", "output", "bots", "conditions", "agents", "negotiationRounds"];
    private static readonly string[] BotKeys = ["policy", "temperature", "riskAppetite", "agent"];
    private static readonly string[] AgentsFileKeys = ["agents"];
    private static readonly string[] AgentKeys = ["command", "workingDirectory", "timeoutMs", "maxLineBytes"];
    private static readonly string[] ParameterKeys = ["factorial", "sets", "latinHypercube", "sobol", "morris"];
    private static readonly string[] HypercubeKeys = ["samples", "seed", "ranges"];
    private static readonly string[] MorrisKeys = ["trajectories", "levels", "seed", "ranges"];

    public static (Experiment? Experiment, IReadOnlyList<BatchError> Errors) ParseFile(string path) =>
        Parse(File.ReadAllText(path), path);

    public static (Experiment? Experiment, IReadOnlyList<BatchError> Errors) Parse(string yaml, string file = "experiment.yaml")
    {
        var reader = new Reader(file);
        var experiment = reader.Read(yaml);
        return reader.Errors.Count == 0 ? (experiment, reader.Errors) : (null, reader.Errors);
    }

    private sealed class Reader(string file)
    {
        public List<BatchError> Errors { get; } = [];

        private SourceLocation At(YamlNode node) => new(file, (int)node.Start.Line, (int)node.Start.Column);

        private void Error(YamlNode node, string message) => Errors.Add(new BatchError(At(node), message));

        public Experiment? Read(string yaml)
        {
            var stream = new YamlStream();
            try
            {
                stream.Load(new StringReader(yaml));
            }
            catch (YamlException e)
            {
                Errors.Add(new BatchError(new SourceLocation(file, (int)e.Start.Line, (int)e.Start.Column), $"not valid YAML: {e.Message}"));
                return null;
            }

            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                Errors.Add(new BatchError(new SourceLocation(file, 1, 1), "expected a mapping with at least 'scenario'"));
                return null;
            }

            var map = Keys(root, TopKeys);
            string? scenario = null;
            if (map.TryGetValue("scenario", out var scenarioNode))
            {
                scenario = String(scenarioNode, "a scenario id or path");
            }
            else
            {
                Error(root, "missing 'scenario': expected a scenario id or path");
            }

            int? turns = map.TryGetValue("turns", out var turnsNode) ? Integer(turnsNode, 1, "turns") : null;
            var repetitions = map.TryGetValue("repetitions", out var repNode) ? Integer(repNode, 1, "repetitions") ?? 1 : 1;
            var seed = 1UL;
            if (map.TryGetValue("seed", out var seedNode))
            {
                seed = Seed(seedNode) ?? 1;
            }

            var sweep = map.TryGetValue("parameters", out var parametersNode) ? Sweep(parametersNode) : ParameterSweep.None;
            var metrics = map.TryGetValue("metrics", out var metricsNode)
                ? Strings(metricsNode, "metric names").Select(m => new MetricRequest(m.Text, At(m.Node))).ToImmutableArray()
                : [];
            foreach (var metric in metrics)
            {
                if (!MetricCatalog.IsKnownForm(metric.Name))
                {
                    Errors.Add(new BatchError(metric.Location, MetricCatalog.UnknownMessage(metric.Name)));
                }
            }

            var plots = map.TryGetValue("plots", out var plotsNode)
                ? Strings(plotsNode, "metric names").Select(p => p.Text).ToImmutableArray()
                : [];
            var workers = map.TryGetValue("workers", out var workersNode) ? Integer(workersNode, 0, "workers", Experiment.MaxWorkers) ?? 0 : 0;
            var output = map.TryGetValue("output", out var outputNode) ? String(outputNode, "a folder") : null;

            var bots = map.TryGetValue("bots", out var botsNode) ? Bots(botsNode) : [];
            string? agentsFile = null;
            ImmutableArray<AgentCommand> agents = [];
            if (map.TryGetValue("agents", out var agentsNode) && String(agentsNode, "the path of an agents file") is { } agentsPath)
            {
                agentsFile = agentsPath;
                agents = Agents(agentsNode, agentsPath);
            }

            foreach (var bot in bots.Where(b => b.Agent is not null && !agents.Any(a => a.Name == b.Agent)))
            {
                Errors.Add(new BatchError(bot.Location, agentsFile is null
                    ? $"bots: {bot.Actor} is played by agent '{bot.Agent}', but the experiment names no agents file ('agents: agents.yaml')"
                    : $"bots: unknown agent '{bot.Agent}'; the agents file names: {string.Join(", ", agents.Select(a => a.Name))}"));
            }

            var rounds = map.TryGetValue("negotiationRounds", out var roundsNode) ? Integer(roundsNode, 0, "negotiationRounds", AgentOptions.MaxRounds) ?? 0 : 0;

            var conditions = map.TryGetValue("conditions", out var conditionsNode) ? Conditions(conditionsNode) : [];

            var common = false;
            if (map.TryGetValue("commonRandomNumbers", out var commonNode))
            {
                if (commonNode is YamlScalarNode { Value: "true" or "false" } flag)
                {
                    common = flag.Value == "true";
                }
                else
                {
                    Error(commonNode, $"expected true or false for commonRandomNumbers, got '{(commonNode as YamlScalarNode)?.Value ?? commonNode.NodeType.ToString()}'");
                }
            }

            return scenario is null ? null : new Experiment(scenario, turns, repetitions, seed, sweep, metrics, plots, workers, output, bots, conditions, common)
            {
                AgentsFile = agentsFile,
                Agents = agents,
                NegotiationRounds = rounds,
            };
        }

        /// <summary><c>bots:</c> a mapping of <c>all</c> or actor ids to a policy name or <c>{ policy, temperature, riskAppetite }</c>.</summary>
        private ImmutableArray<BotSetting> Bots(YamlNode node)
        {
            if (node is not YamlMappingNode mapping)
            {
                Error(node, $"expected a mapping of '{BotPolicies.All}' or actor ids to a policy ({string.Join(", ", BotPolicies.Names)}) or {{ policy, temperature, riskAppetite }}");
                return [];
            }

            var settings = ImmutableArray.CreateBuilder<BotSetting>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (key, value) in mapping.Children)
            {
                var actor = ((key as YamlScalarNode)?.Value ?? "").Trim();
                if (actor.Length == 0)
                {
                    Error(key, $"expected an actor id or '{BotPolicies.All}'");
                    continue;
                }

                if (!seen.Add(actor))
                {
                    Error(key, $"bots: '{actor}' is given twice");
                    continue;
                }

                if (value is YamlScalarNode { Value: var policyText })
                {
                    var policy = (policyText ?? "").Trim();
                    if (!BotPolicies.IsKnown(policy))
                    {
                        Error(value, BotPolicies.UnknownMessage(policy));
                        continue;
                    }

                    settings.Add(new BotSetting(actor, policy, Location: At(key)));
                    continue;
                }

                if (value is not YamlMappingNode fields)
                {
                    Error(value, $"expected a policy ({string.Join(", ", BotPolicies.Names)}) or {{ policy, temperature, riskAppetite }} for {actor}");
                    continue;
                }

                var map = Keys(fields, BotKeys);
                if (map.TryGetValue("agent", out var agentNode))
                {
                    if (map.Keys.Any(k => k != "agent"))
                    {
                        Error(fields, $"an agent plays {actor}: give only 'agent', not a bot's policy or doctrine");
                    }
                    else if (String(agentNode, "the name of an agent of the agents file") is { } agentName)
                    {
                        settings.Add(new BotSetting(actor, BotPolicies.Agent, Location: At(key), Agent: agentName));
                    }

                    continue;
                }

                string? chosen = null;
                if (map.TryGetValue("policy", out var policyNode))
                {
                    chosen = String(policyNode, "a bot policy");
                    if (chosen is not null && !BotPolicies.IsKnown(chosen))
                    {
                        Error(policyNode, BotPolicies.UnknownMessage(chosen));
                        continue;
                    }
                }

                double? temperature = null, risk = null;
                if (map.TryGetValue("temperature", out var temperatureNode) && Number(temperatureNode, "temperature") is { } t)
                {
                    if (BotPolicies.CheckTemperature(t) is { } error)
                    {
                        Error(temperatureNode, error);
                    }
                    else
                    {
                        temperature = t;
                    }
                }

                if (map.TryGetValue("riskAppetite", out var riskNode) && Number(riskNode, "riskAppetite") is { } r)
                {
                    if (BotPolicies.CheckRiskAppetite(r) is { } error)
                    {
                        Error(riskNode, error);
                    }
                    else
                    {
                        risk = r;
                    }
                }

                settings.Add(new BotSetting(actor, chosen, temperature, risk, At(key)));
            }

            return settings.ToImmutable();
        }

        /// <summary>
        /// The agents file (relative to the experiment): <c>agents:</c> maps names to <c>{ command: [program, args…],
        /// workingDirectory, timeoutMs, maxLineBytes }</c>. A command is a list of arguments passed as they are: no shell
        /// reads it and nothing is substituted in it.
        /// </summary>
        private ImmutableArray<AgentCommand> Agents(YamlNode pathNode, string written)
        {
            var path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".", written));
            if (!File.Exists(path))
            {
                Error(pathNode, $"agents file '{written}' not found (looked for {path})");
                return [];
            }

            var reader = new Reader(path);
            var agents = reader.ReadAgents(File.ReadAllText(path), Path.GetDirectoryName(path)!);
            Errors.AddRange(reader.Errors);
            return agents;
        }

        private ImmutableArray<AgentCommand> ReadAgents(string yaml, string folder)
        {
            var stream = new YamlStream();
            try
            {
                stream.Load(new StringReader(yaml));
            }
            catch (YamlException e)
            {
                Errors.Add(new BatchError(new SourceLocation(file, (int)e.Start.Line, (int)e.Start.Column), $"not valid YAML: {e.Message}"));
                return [];
            }

            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root
                || !Keys(root, AgentsFileKeys).TryGetValue("agents", out var agentsNode) || agentsNode is not YamlMappingNode agents)
            {
                Errors.Add(new BatchError(new SourceLocation(file, 1, 1), "expected 'agents:', a mapping of agent names to { command: [program, arguments…] }"));
                return [];
            }

            var commands = ImmutableArray.CreateBuilder<AgentCommand>();
            foreach (var (key, value) in agents.Children)
            {
                var name = ((key as YamlScalarNode)?.Value ?? "").Trim();
                if (value is not YamlMappingNode fields || name.Length == 0)
                {
                    Error(value, $"expected {{ command: [program, arguments…] }} for agent '{name}'");
                    continue;
                }

                var map = Keys(fields, AgentKeys);
                var command = map.TryGetValue("command", out var commandNode) && commandNode is YamlSequenceNode
                    ? Strings(commandNode, "a program and its arguments").Select(a => a.Text).ToImmutableArray()
                    : [];
                if (command.IsEmpty)
                {
                    Error(commandNode ?? fields, $"agent '{name}': expected 'command', a list of a program and its arguments ([python3, agent.py]); no shell reads it");
                    continue;
                }

                var directory = map.TryGetValue("workingDirectory", out var directoryNode) && String(directoryNode, "a folder") is { } d
                    ? Path.GetFullPath(Path.Combine(folder, d))
                    : folder;
                if (!Directory.Exists(directory))
                {
                    Error(directoryNode ?? fields, $"agent '{name}': working directory '{directory}' does not exist");
                }

                var timeout = map.TryGetValue("timeoutMs", out var timeoutNode) ? Integer(timeoutNode, 1, "timeoutMs") ?? 5000 : 5000;
                var maxLine = map.TryGetValue("maxLineBytes", out var lineNode) ? Integer(lineNode, 1024, "maxLineBytes") ?? (1 << 20) : 1 << 20;
                if (ProgramProblem(command[0], directory) is { } problem)
                {
                    Error(commandNode!, $"agent '{name}': {problem}");
                }

                commands.Add(new AgentCommand(name, command, directory, TimeSpan.FromMilliseconds(timeout), maxLine));
            }

            return commands.ToImmutable();
        }

        /// <summary>Why a program cannot be started, if it cannot: a path that is not a file, or a name on no folder of PATH.</summary>
        private static string? ProgramProblem(string program, string directory)
        {
            if (program.Contains('/') || program.Contains('\\'))
            {
                return File.Exists(Path.Combine(directory, program)) ? null : $"program '{program}' not found in {directory}";
            }

            var path = Environment.GetEnvironmentVariable("PATH") ?? "";
            return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Any(p => File.Exists(Path.Combine(p, program)))
                ? null
                : $"program '{program}' is not on PATH";
        }

        /// <summary><c>conditions:</c> a mapping of names to expressions over the metrics and the triggers' functions.</summary>
        private ImmutableArray<ConditionRequest> Conditions(YamlNode node)
        {
            if (node is not YamlMappingNode mapping)
            {
                Error(node, "expected a mapping of condition names to expressions, e.g. 'oil-spike: oil_price > 80'");
                return [];
            }

            var conditions = ImmutableArray.CreateBuilder<ConditionRequest>();
            foreach (var (key, value) in mapping.Children)
            {
                var name = ((key as YamlScalarNode)?.Value ?? "").Trim();
                if (!BatchCondition.IsValidName(name))
                {
                    Error(key, BatchCondition.InvalidNameMessage(name));
                    continue;
                }

                if (conditions.Any(c => c.Name == name))
                {
                    Error(key, $"condition '{name}' is given twice");
                    continue;
                }

                var text = (value as YamlScalarNode)?.Value;
                if (text is null)
                {
                    Error(value, $"expected an expression for condition '{name}', e.g. 'oil_price > 80'");
                    continue;
                }

                if (BatchCondition.CheckSyntax(text) is { } syntax)
                {
                    Error(value, syntax);
                    continue;
                }

                conditions.Add(new ConditionRequest(name, text, At(value)));
            }

            return conditions.ToImmutable();
        }

        private ParameterSweep Sweep(YamlNode node)
        {
            if (node is not YamlMappingNode mapping)
            {
                Error(node, "expected a mapping with 'factorial', 'sets' or 'latinHypercube'");
                return ParameterSweep.None;
            }

            var map = Keys(mapping, ParameterKeys);
            var factorial = ImmutableArray<ParameterAxis>.Empty;
            if (map.TryGetValue("factorial", out var factorialNode))
            {
                factorial = [.. Parameters(factorialNode).Select(p => Axis(p.Name, p.Key, p.Value)).OfType<ParameterAxis>()];
            }

            var sets = ImmutableArray<NamedParameterSet>.Empty;
            if (map.TryGetValue("sets", out var setsNode))
            {
                sets = Sets(setsNode);
            }

            LatinHypercube? hypercube = null;
            foreach (var (key, method) in new[] { ("latinHypercube", SamplingMethod.LatinHypercube), ("sobol", SamplingMethod.Sobol), ("morris", SamplingMethod.Morris) })
            {
                if (!map.TryGetValue(key, out var hypercubeNode))
                {
                    continue;
                }

                if (hypercube is not null)
                {
                    Error(hypercubeNode, $"use one of 'latinHypercube', 'sobol' and 'morris', not several");
                    continue;
                }

                hypercube = Hypercube(hypercubeNode, method);
                if (factorialNode is not null)
                {
                    Error(hypercubeNode, $"use either 'factorial' or '{key}', not both (named sets combine with 'latinHypercube')");
                }
            }

            return new ParameterSweep(factorial, sets, hypercube);
        }

        private ParameterAxis? Axis(string name, YamlNode key, YamlNode value)
        {
            if (value is YamlSequenceNode sequence)
            {
                var values = sequence.Select(item => Value(name, key, item)).OfType<ParameterValue>().ToList();
                if (sequence.Children.Count == 0)
                {
                    Error(value, $"expected at least one value for {name}");
                }

                return ParameterCatalog.IsText(name)
                    ? ParameterAxis.OfTexts(name, [.. values.Select(v => v.Text!)], At(key))
                    : new ParameterAxis(name, [.. values.Select(v => v.Value)], At(key));
            }

            if (value is YamlScalarNode scalar)
            {
                var (axis, error) = ParameterSpec.ParseAxis(name, scalar.Value ?? "", At(key));
                if (error is not null)
                {
                    Error(value, error);
                }

                return axis;
            }

            Error(value, ParameterCatalog.IsText(name)
                ? $"expected a policy or a list of policies ({string.Join(", ", BotPolicies.Names)}) for {name}"
                : $"expected a number, a list of numbers or a range 'low..high:count' for {name}");
            return null;
        }

        /// <summary>One value of a parameter: a policy name for a bot's policy, a number otherwise.</summary>
        private ParameterValue? Value(string name, YamlNode key, YamlNode node)
        {
            if (!ParameterCatalog.IsText(name))
            {
                return Number(node, name) is { } number ? new ParameterValue(name, number, Location: At(key)) : null;
            }

            if (node is not YamlScalarNode scalar)
            {
                Error(node, $"expected a policy ({string.Join(", ", BotPolicies.Names)}) for {name}");
                return null;
            }

            var value = ParameterValue.OfText(name, (scalar.Value ?? "").Trim(), At(key));
            if (ParameterCatalog.Check(value) is { } error)
            {
                Error(node, error);
                return null;
            }

            return value;
        }

        private ImmutableArray<NamedParameterSet> Sets(YamlNode node)
        {
            if (node is not YamlMappingNode mapping)
            {
                Error(node, "expected a mapping of set names to parameter values, e.g. 'high: { EnergyDiversion: 0.9 }'");
                return [];
            }

            var sets = ImmutableArray.CreateBuilder<NamedParameterSet>();
            foreach (var (key, value) in mapping.Children)
            {
                var name = ((key as YamlScalarNode)?.Value ?? "").Trim();
                if (name.Length == 0)
                {
                    Error(key, "expected a set name");
                    continue;
                }

                var values = Parameters(value).Select(p => Value(p.Name, p.Key, p.Value)).OfType<ParameterValue>().ToImmutableArray();
                sets.Add(new NamedParameterSet(name, values));
            }

            return sets.ToImmutable();
        }

        private LatinHypercube? Hypercube(YamlNode node, SamplingMethod method)
        {
            var count = method == SamplingMethod.Morris ? "trajectories" : "samples";
            if (node is not YamlMappingNode mapping)
            {
                Error(node, $"expected a mapping with '{count}' and 'ranges'");
                return null;
            }

            var map = Keys(mapping, method == SamplingMethod.Morris ? MorrisKeys : HypercubeKeys);
            int? samples = null;
            if (map.TryGetValue(count, out var samplesNode))
            {
                samples = Integer(samplesNode, 1, count);
            }
            else
            {
                Error(mapping, method == SamplingMethod.Morris
                    ? "missing 'trajectories': expected the number of Morris trajectories"
                    : method == SamplingMethod.Sobol ? "missing 'samples': expected the number of base samples (N; the batch has N × (k + 2) points)" : "missing 'samples': expected the number of sampled points");
            }

            var levels = 4;
            if (map.TryGetValue("levels", out var levelsNode))
            {
                levels = Integer(levelsNode, 2, "levels") ?? 4;
                if (levels % 2 != 0)
                {
                    Error(levelsNode, $"expected an even number of levels (Morris's grid), got {levels}");
                }
            }

            ulong? seed = map.TryGetValue("seed", out var seedNode) ? Seed(seedNode) : null;
            var ranges = ImmutableArray.CreateBuilder<ParameterRange>();
            if (map.TryGetValue("ranges", out var rangesNode))
            {
                foreach (var (name, key, value) in Parameters(rangesNode))
                {
                    if (value is not YamlScalarNode scalar)
                    {
                        Error(value, $"expected a range 'low..high' for {name}");
                        continue;
                    }

                    var (low, high, error) = ParameterSpec.ParseRange(name, scalar.Value ?? "");
                    if (error is not null)
                    {
                        Error(value, error);
                        continue;
                    }

                    ranges.Add(new ParameterRange(name, low, high, At(key)));
                }
            }
            else
            {
                Error(mapping, "missing 'ranges': expected parameter ranges such as 'TradeElasticity: 2..5'");
            }

            return samples is null ? null : new LatinHypercube(samples.Value, ranges.ToImmutable(), seed, method, levels);
        }

        /// <summary>A mapping of parameter names (model parameters or bot settings) to nodes, with unknown names reported and skipped.</summary>
        private List<(string Name, YamlNode Key, YamlNode Value)> Parameters(YamlNode node)
        {
            var list = new List<(string Name, YamlNode Key, YamlNode Value)>();
            if (node is not YamlMappingNode mapping)
            {
                Error(node, "expected a mapping of model parameter names or bot settings (bots.ACTOR.FIELD) to values");
                return list;
            }

            foreach (var (key, value) in mapping.Children)
            {
                var (name, error) = ParameterCatalog.Resolve((key as YamlScalarNode)?.Value ?? "");
                if (name is null)
                {
                    Error(key, error!);
                    continue;
                }

                if (list.Any(p => p.Name == name))
                {
                    Error(key, $"{name} is given twice");
                    continue;
                }

                list.Add((name, key, value));
            }

            return list;
        }

        private Dictionary<string, YamlNode> Keys(YamlMappingNode mapping, string[] allowed)
        {
            var map = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            foreach (var (key, value) in mapping.Children)
            {
                var name = (key as YamlScalarNode)?.Value ?? "";
                if (!allowed.Contains(name, StringComparer.Ordinal))
                {
                    Error(key, $"unknown key '{name}'; expected one of: {string.Join(", ", allowed)}");
                }
                else if (!map.TryAdd(name, value))
                {
                    Error(key, $"'{name}' is given twice");
                }
            }

            return map;
        }

        private string? String(YamlNode node, string what)
        {
            if (node is YamlScalarNode { Value: { Length: > 0 } text })
            {
                return text;
            }

            Error(node, $"expected {what}");
            return null;
        }

        private int? Integer(YamlNode node, int minimum, string what, int maximum = int.MaxValue)
        {
            if (node is YamlScalarNode scalar
                && int.TryParse(scalar.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                && value >= minimum
                && value <= maximum)
            {
                return value;
            }

            Error(node, $"expected a whole number from {minimum} to {maximum} for {what}, got '{(node as YamlScalarNode)?.Value ?? node.NodeType.ToString()}'");
            return null;
        }

        private ulong? Seed(YamlNode node)
        {
            if (node is YamlScalarNode scalar
                && ulong.TryParse(scalar.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            Error(node, $"expected a seed (a whole number from 0 to {ulong.MaxValue}), got '{(node as YamlScalarNode)?.Value ?? node.NodeType.ToString()}'");
            return null;
        }

        private double? Number(YamlNode node, string parameter)
        {
            if (node is not YamlScalarNode scalar)
            {
                Error(node, $"expected a number for {parameter}");
                return null;
            }

            var (value, error) = ParameterSpec.ParseNumber(parameter, scalar.Value ?? "");
            if (error is not null)
            {
                Error(node, error);
                return null;
            }

            return value;
        }

        private List<(string Text, YamlNode Node)> Strings(YamlNode node, string what)
        {
            var list = new List<(string, YamlNode)>();
            if (node is not YamlSequenceNode sequence)
            {
                Error(node, $"expected a list of {what}, e.g. [gdp, oil_price]");
                return list;
            }

            foreach (var item in sequence)
            {
                if (item is YamlScalarNode { Value: { Length: > 0 } text })
                {
                    list.Add((text, item));
                }
                else
                {
                    Error(item, $"expected one of the {what}");
                }
            }

            return list;
        }
    }
}
