using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using DiploSim.Core.State;
using DiploSim.Scenarios;
using NCalc;
using NCalc.Exceptions;

namespace DiploSim.Batch;

/// <summary>A named condition as written, e.g. <c>india-russia-100: trade_IND_RUS &gt;= 100</c>.</summary>
public sealed record ConditionRequest(string Name, string Expression, SourceLocation? Location = null);

/// <summary>
/// A condition checked after every turn of every run: an NCalc expression (the scenario loader's evaluator)
/// over the batch's metrics, named as in the tables (<c>oil_price</c>, <c>gdp_IND</c>, <c>trade_IND_RUS</c>),
/// <c>turn</c>, and the scenario triggers' functions (<c>trust(IND, USA)</c>, <c>agreement(IND, RUS, FreeTrade)</c>,
/// <c>fired('id')</c>, …). Each run records the first turn it held and on how many turns it held.
/// </summary>
public sealed partial class BatchCondition
{
    private const string TurnVariable = "turn";

    private static readonly string[] MathFunctions = ["Abs", "Min", "Max", "Round", "Sqrt", "Log", "Exp", "if", "in"];

    private readonly LogicalExpression _expression;
    private readonly ImmutableArray<(string Name, Metric Metric)> _variables;
    private readonly bool _callsTriggerFunctions;

    private BatchCondition(string name, string text, LogicalExpression expression, ImmutableArray<(string Name, Metric Metric)> variables, bool callsTriggerFunctions)
    {
        Name = name;
        Text = text;
        _expression = expression;
        _variables = variables;
        _callsTriggerFunctions = callsTriggerFunctions;
    }

    public string Name { get; }

    public string Text { get; }

    /// <summary>The per-run column holding the first turn the condition held (empty if never).</summary>
    public string FirstTurnColumn => $"when_{Name}_first_turn";

    /// <summary>The per-run column holding on how many turns the condition held.</summary>
    public string TurnsColumn => $"when_{Name}_turns";

    /// <summary>Whether a condition name can be a column name: letters, digits, '_' and '-', starting with a letter.</summary>
    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    public static string InvalidNameMessage(string name) =>
        $"condition name '{name}' must start with a letter and hold only letters, digits, '_' and '-'";

    /// <summary>Whether an expression parses; the parser's message if not.</summary>
    public static string? CheckSyntax(string text) => Parse(text).Error;

    /// <summary>
    /// Compiles a condition against a world: every name must be a single metric of its actors (or <c>turn</c>),
    /// every call of a trigger function must name this world's actors (and, for <c>fired</c>, one of
    /// <paramref name="shockIds"/>), and the expression must give true or false on the turn-0 world.
    /// </summary>
    public static (BatchCondition? Condition, IReadOnlyList<BatchError> Errors) Compile(
        ConditionRequest request, WorldState world, IReadOnlyCollection<string>? shockIds = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(world);
        var (parsed, error) = Parse(request.Expression);
        if (parsed is null)
        {
            return (null, [new BatchError(request.Location, error!)]);
        }

        var errors = new List<BatchError>();
        var names = new SortedSet<string>(StringComparer.Ordinal);
        var calls = new Calls([.. world.Actors.Select(a => a.Id)], shockIds ?? []);
        Collect(parsed, names, request, errors, calls);
        var variables = new List<(string, Metric)>();
        foreach (var name in names.Where(n => n != TurnVariable))
        {
            var (metrics, metricErrors) = MetricCatalog.Resolve([new MetricRequest(name, request.Location)], world);
            // A world metric may be written as in the tables (oil_price) or as in the triggers (oilPrice).
            if (metricErrors.Count > 0 || metrics.Length != 1 || (metrics[0].Name != name && !MetricCatalog.IsWorldMetric(name)))
            {
                var detail = metricErrors.Count > 0 ? metricErrors[0].Message : $"'{name}' stands for several metrics; name one, e.g. {metrics[0].Name}";
                errors.Add(new BatchError(request.Location, $"condition '{request.Name}': {detail}"));
                continue;
            }

            variables.Add((name, metrics[0]));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var condition = new BatchCondition(request.Name, request.Expression, parsed, [.. variables], calls.Any);
        try
        {
            condition.Holds(world, 0);
        }
        catch (InvalidOperationException e)
        {
            return (null, [new BatchError(request.Location, $"condition '{request.Name}': {e.Message}")]);
        }

        return (condition, []);
    }

    /// <summary>Whether the condition holds in a state (the state after turn <paramref name="turn"/>).</summary>
    /// <exception cref="InvalidOperationException">The expression does not give true or false.</exception>
    public bool Holds(WorldState state, int turn)
    {
        ArgumentNullException.ThrowIfNull(state);
        try
        {
            var context = new ExpressionContext();
            context.Parameters[TurnVariable] = turn;
            foreach (var (name, metric) in _variables)
            {
                context.Parameters[name] = metric.Read(state);
            }

            if (_callsTriggerFunctions)
            {
                Condition.AddFunctions(context, state);
            }

            var expression = new Expression(_expression, new ExpressionConfiguration(), context, CultureInfo.InvariantCulture, null!);
            return expression.Evaluate(CancellationToken.None) switch
            {
                bool b => b,
                var other => throw new InvalidOperationException(
                    $"'{Text}' gives {Convert.ToString(other, CultureInfo.InvariantCulture) ?? "nothing"}, not true or false"),
            };
        }
        catch (Exception e) when (e is NCalcException or FormatException or InvalidCastException or ArgumentException)
        {
            throw new InvalidOperationException($"'{Text}' cannot be evaluated: {FirstLine(e.Message)}", e);
        }
    }

    /// <summary>What a condition's calls of trigger functions may name, and whether it makes any.</summary>
    private sealed class Calls(IReadOnlyCollection<string> actors, IReadOnlyCollection<string> shockIds)
    {
        public IReadOnlyCollection<string> Actors => actors;

        public IReadOnlyCollection<string> ShockIds => shockIds;

        public bool Any { get; set; }
    }

    private static (LogicalExpression? Expression, string? Error) Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, "expected a condition such as 'oil_price > 80'");
        }

        try
        {
            return (LogicalExpressionParser.Parse(text, new LogicalExpressionParserOptions(), CultureInfo.InvariantCulture, CancellationToken.None), null);
        }
        catch (Exception e) when (e is NCalcException or FormatException or ArgumentException or InvalidOperationException)
        {
            return (null, $"the condition '{text}' does not parse: {FirstLine(e.Message)}; expected e.g. 'trade_IND_RUS >= 100 and oil_price > 80'");
        }
    }

    private static void Collect(LogicalExpression node, SortedSet<string> names, ConditionRequest request, List<BatchError> errors, Calls calls)
    {
        switch (node)
        {
            case Function f when MathFunctions.Contains(f.Identifier.Name):
                foreach (var argument in f.Parameters)
                {
                    Collect(argument, names, request, errors, calls);
                }

                break;
            case Function f when Condition.Functions.ContainsKey(f.Identifier.Name):
                // The scenario's own check: arity, actor codes, sectors, domains, kinds and shock ids.
                calls.Any = true;
                foreach (var (what, found, expected) in Condition.CheckCall(f, calls.Actors, calls.ShockIds))
                {
                    errors.Add(new BatchError(request.Location, $"condition '{request.Name}': {what}: {found}; expected {expected}"));
                }

                break;
            case Function f:
                errors.Add(new BatchError(request.Location,
                    $"condition '{request.Name}': unknown function '{f.Identifier.Name}'; expected metrics, numbers, comparisons, and/or/not, "
                    + $"{string.Join(", ", MathFunctions)}, and the scenario triggers' functions {string.Join(", ", Condition.Functions.Keys)}"));
                break;
            case Identifier id:
                names.Add(id.Name);
                break;
            default:
                foreach (var operand in Condition.Operands(node))
                {
                    Collect(operand, names, request, errors, calls);
                }

                break;
        }
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]*$")]
    private static partial Regex NamePattern();
}
