using System.Collections.Immutable;
using System.Globalization;
using DiploSim.Core;
using DiploSim.Core.State;
using NCalc;
using NCalc.Exceptions;
using NCalc.Handlers;

namespace DiploSim.Scenarios;

/// <summary>
/// A <c>when:</c> trigger: an NCalc expression over the state, parsed and checked once when the
/// scenario loads and evaluated each turn. Variables and functions are listed in docs/scenarios.md;
/// actor codes may be written bare (<c>trade(IND, RUS)</c>) or quoted.
/// </summary>
public sealed class Condition
{
    /// <summary>Variables an expression may name, with their meaning.</summary>
    public static readonly ImmutableSortedDictionary<string, string> Variables = new Dictionary<string, string>
    {
        ["turn"] = "turns resolved so far (0 in the first turn)",
        ["year"] = "calendar year of the turn",
        ["oilPrice"] = "world oil price, USD/bbl",
        ["oilSupply"] = "world oil supply, mb/d",
        ["tension"] = "global tension index, 0-100",
        ["dollarShare"] = "the dollar's share of settlement, 0-1",
        ["priceCap"] = "the oil price cap, USD/bbl",
    }.ToImmutableSortedDictionary(StringComparer.Ordinal);

    /// <summary>Functions an expression may call: name → (argument count range, meaning).</summary>
    public static readonly ImmutableSortedDictionary<string, (int Min, int Max, string Meaning)> Functions = new Dictionary<string, (int, int, string)>
    {
        ["trade"] = (2, 2, "trade(a, b): bilateral trade, both directions, USD bn/yr"),
        ["exports"] = (2, 3, "exports(a, b[, sector]): a's exports to b, USD bn/yr"),
        ["tariff"] = (2, 3, "tariff(importer, exporter[, sector]): the tariff rate (mean over sectors when none is named)"),
        ["sanction"] = (3, 3, "sanction(imposer, target, domain): 0 none, 1 targeted, 2 sectoral, 3 comprehensive"),
        ["trust"] = (2, 2, "trust(a, b): a's trust in b, -100..100"),
        ["gdp"] = (1, 1, "gdp(a): nominal GDP, USD bn"),
        ["growth"] = (1, 1, "growth(a): last turn's growth, annualised fraction"),
        ["stability"] = (1, 1, "stability(a): 0-100"),
        ["crude"] = (2, 2, "crude(buyer, seller): discounted crude bought, mb/d"),
        ["inForce"] = (1, 1, "inForce('agreement-id'): whether that agreement is in force"),
        ["agreement"] = (3, 3, "agreement(a, b, kind): whether a and b share an agreement of that kind in force"),
        ["inBloc"] = (2, 2, "inBloc(a, 'BLOC'): whether a belongs to the bloc"),
        ["fired"] = (1, 1, "fired('shock-id'): whether that shock has fired"),
    }.ToImmutableSortedDictionary(StringComparer.Ordinal);

    /// <summary>The longest expression accepted, in characters (the library's longest is under 100).</summary>
    public const int MaxLength = 1_000;

    /// <summary>The deepest nesting of operators, parentheses and calls accepted.</summary>
    public const int MaxDepth = 32;

    private static readonly HashSet<BinaryExpressionType> Operators =
    [
        BinaryExpressionType.And, BinaryExpressionType.Or, BinaryExpressionType.Equal, BinaryExpressionType.NotEqual,
        BinaryExpressionType.Lesser, BinaryExpressionType.LesserOrEqual, BinaryExpressionType.Greater, BinaryExpressionType.GreaterOrEqual,
        BinaryExpressionType.Plus, BinaryExpressionType.Minus, BinaryExpressionType.Times, BinaryExpressionType.Div,
        BinaryExpressionType.Modulo, BinaryExpressionType.Exponentiation,
    ];

    private readonly LogicalExpression _expression;

    private Condition(string text, LogicalExpression expression)
    {
        Text = text;
        _expression = expression;
    }

    public string Text { get; }

    /// <summary>Parses and checks an expression; the problems are returned as (what, found, expected).</summary>
    public static (Condition? Condition, ImmutableArray<(string What, string Found, string Expected)> Problems) Compile(
        string text, IReadOnlyCollection<string> actors, IReadOnlyCollection<string> shockIds, IReadOnlyCollection<string>? blocs = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxLength)
        {
            return (null, [("the trigger expression is too long", $"{text.Length:N0} characters", $"at most {MaxLength:N0}")]);
        }

        // Parentheses are the one way to nest deeply in few characters; counting them first keeps the parser's recursion short.
        if (ParenthesisDepth(text) > MaxDepth || UnaryRun(text) > MaxDepth)
        {
            return (null, [("the trigger expression nests too deep", $"'{Shorten(text)}'", $"at most {MaxDepth} levels of parentheses and operators")]);
        }

        LogicalExpression parsed;
        try
        {
            parsed = LogicalExpressionParser.Parse(text, new LogicalExpressionParserOptions(), CultureInfo.InvariantCulture, CancellationToken.None);
        }
        catch (Exception e) when (e is NCalcException or FormatException or ArgumentException or InvalidOperationException or OverflowException)
        {
            return (null, [("the trigger expression does not parse", $"'{Shorten(text)}'", $"an expression such as trade(IND, RUS) < 50 ({FirstLine(e.Message)})")]);
        }

        if (Depth(parsed) > MaxDepth)
        {
            return (null, [("the trigger expression nests too deep", $"'{Shorten(text)}'", $"at most {MaxDepth} levels of parentheses and operators")]);
        }

        var problems = ImmutableArray.CreateBuilder<(string, string, string)>();
        Check(parsed, new Names(actors, shockIds, blocs), problems, asArgument: false);
        return problems.Count > 0 ? (null, problems.ToImmutable()) : (new Condition(text, parsed), []);
    }

    /// <summary>Evaluates against a state: true, false, or an error message if the expression does not give a yes or no.</summary>
    public Result<bool> Evaluate(WorldState state)
    {
        try
        {
            var context = new ExpressionContext();
            context.Parameters["turn"] = state.Turn;
            context.Parameters["year"] = Year(state);
            context.Parameters["oilPrice"] = state.Global.OilPrice;
            context.Parameters["oilSupply"] = state.Global.OilSupply;
            context.Parameters["tension"] = state.Global.Tension;
            context.Parameters["dollarShare"] = state.Global.DollarShare;
            context.Parameters["priceCap"] = state.Global.PriceCap;
            AddFunctions(context, state);

            var expression = new Expression(_expression, new ExpressionConfiguration(), context, CultureInfo.InvariantCulture, null!);
            return expression.Evaluate(CancellationToken.None) switch
            {
                bool b => Result<bool>.Ok(b),
                var other => Result<bool>.Fail($"'{Shorten(Text)}' gives {other ?? "nothing"}, not true or false"),
            };
        }
        catch (Exception e) when (e is NCalcException or FormatException or InvalidCastException or ArgumentException or InvalidOperationException
            or ArithmeticException)
        {
            return Result<bool>.Fail($"'{Shorten(Text)}' cannot be evaluated: {FirstLine(e.Message)}");
        }
    }

    /// <summary>
    /// Lets an expression evaluated against <paramref name="state"/> call the trigger functions (<see cref="Functions"/>),
    /// with actor codes written as bare names, and applies the arithmetic rule (<see cref="Arithmetic"/>). Batch
    /// conditions use it too, so both speak the same functions and the same arithmetic.
    /// </summary>
    public static void AddFunctions(ExpressionContext context, WorldState state)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        context.EvaluateBinaryHandler = Arithmetic;
        foreach (var actor in state.Actors)
        {
            context.Parameters[actor.Id] = actor.Id;
        }

        foreach (var name in Functions.Keys)
        {
            context.Functions[name] = data => Call(state, name, data);
        }
    }

    /// <summary>
    /// Checks one call of a trigger function: its name, its number of arguments, and the actor codes, sectors,
    /// sanction domains, agreement kinds and shock ids it names. The problems are (what, found, expected).
    /// </summary>
    public static ImmutableArray<(string What, string Found, string Expected)> CheckCall(
        Function call, IReadOnlyCollection<string> actors, IReadOnlyCollection<string> shockIds, IReadOnlyCollection<string>? blocs = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        var problems = ImmutableArray.CreateBuilder<(string, string, string)>();
        CheckFunction(call, new Names(actors, shockIds, blocs), problems);
        return problems.ToImmutable();
    }

    /// <summary>
    /// The arithmetic of expressions (docs/scenarios.md, "Expressions"): numbers are doubles; <c>x / 0</c> and
    /// <c>x % 0</c> are 0; a result beyond the largest double is held at ±1.8e308, and one that is not a number
    /// (<c>(0 - 1) ** 0.5</c>) is 0. So no expression divides by zero or yields NaN or Infinity.
    /// </summary>
    public static void Arithmetic(BinaryEventArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var type = args.BinaryExpression.Type;
        if (type is not (BinaryExpressionType.Plus or BinaryExpressionType.Minus or BinaryExpressionType.Times
            or BinaryExpressionType.Div or BinaryExpressionType.Modulo or BinaryExpressionType.Exponentiation))
        {
            return;
        }

        if (Number(args.LeftValue()) is not { } a || Number(args.RightValue()) is not { } b)
        {
            return;
        }

        var result = type switch
        {
            BinaryExpressionType.Plus => a + b,
            BinaryExpressionType.Minus => a - b,
            BinaryExpressionType.Times => a * b,
            BinaryExpressionType.Div => b == 0 ? 0 : a / b,
            BinaryExpressionType.Modulo => b == 0 ? 0 : a % b,
            _ => Math.Pow(a, b),
        };
        args.Result = double.IsNaN(result) ? 0.0 : Math.Clamp(result, double.MinValue, double.MaxValue);
    }

    private static double? Number(object? value) => value switch
    {
        double d => d,
        int i => i,
        long l => l,
        decimal m => (double)m,
        float f => f,
        _ => null,
    };

    private static int ParenthesisDepth(string text)
    {
        var (depth, max) = (0, 0);
        var quote = '\0';
        foreach (var c in text)
        {
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c is '(' or '[')
            {
                max = Math.Max(max, ++depth);
            }
            else if (c is ')' or ']')
            {
                depth--;
            }
        }

        return max;
    }

    /// <summary>The longest run of prefix operators (<c>!</c>, <c>-</c>, <c>+</c>, <c>~</c>, blanks between them), each a level of the parser.</summary>
    private static int UnaryRun(string text)
    {
        var (run, max) = (0, 0);
        foreach (var c in text)
        {
            if (c is '!' or '-' or '+' or '~')
            {
                max = Math.Max(max, ++run);
            }
            else if (!char.IsWhiteSpace(c))
            {
                run = 0;
            }
        }

        return max;
    }

    /// <summary>The depth of a parsed expression, found without recursion.</summary>
    private static int Depth(LogicalExpression root)
    {
        var max = 0;
        var stack = new Stack<(LogicalExpression Node, int Depth)>([(root, 1)]);
        while (stack.TryPop(out var item))
        {
            max = Math.Max(max, item.Depth);
            if (max > MaxDepth)
            {
                return max;
            }

            var children = item.Node is Function f ? f.Parameters : Operands(item.Node);
            foreach (var child in children)
            {
                stack.Push((child, item.Depth + 1));
            }
        }

        return max;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "...");

    private static int Year(WorldState state) =>
        state.StartYear + (state.TurnsPerYear == 4 ? (state.StartQuarter - 1 + state.Turn) / 4 : state.Turn / Math.Max(1, state.TurnsPerYear));

    private static object Call(WorldState state, string name, FunctionData data)
    {
        string S(int i) => Convert.ToString(data.Evaluate(i), CultureInfo.InvariantCulture) ?? "";
        int A(int i) => state.IndexOf(S(i)) is var k and >= 0 ? k : throw new NCalcEvaluationException($"unknown actor '{S(i)}'");
        Sector? Sec(int i) => data.Count > i ? (Vocabulary.TryParse<Sector>(S(i), out var s) ? s : throw new NCalcEvaluationException($"unknown sector '{S(i)}'")) : null;

        switch (name)
        {
            case "trade":
                return state.Relation(A(0), A(1)).TotalExports + state.Relation(A(1), A(0)).TotalExports;
            case "exports":
                {
                    var r = state.Relation(A(0), A(1));
                    return Sec(2) is { } sector ? r.Exports[(int)sector] : r.TotalExports;
                }

            case "tariff":
                {
                    var r = state.Relation(A(0), A(1));
                    return Sec(2) is { } sector ? r.Tariffs[(int)sector] : r.Tariffs.Average();
                }

            case "sanction":
                return Vocabulary.TryParse<SanctionDomain>(S(2), out var domain)
                    ? (double)(int)state.Relation(A(0), A(1)).Sanction(domain)
                    : throw new NCalcEvaluationException($"unknown sanction domain '{S(2)}'");
            case "trust":
                return state.Relation(A(0), A(1)).Trust;
            case "gdp":
                return state.Actors[A(0)].Gdp;
            case "growth":
                return state.Actors[A(0)].Growth;
            case "stability":
                return state.Actors[A(0)].Stability;
            case "crude":
                return state.Relation(A(0), A(1)).Crude?.VolumeMbd ?? 0.0;
            case "inForce":
                {
                    var id = S(0);
                    return state.Agreements.Any(g => g.Id == id && g.InForce);
                }

            case "agreement":
                return Vocabulary.TryParse<AgreementKind>(S(2), out var kind)
                    ? state.AgreementBetween(state.Actors[A(0)].Id, state.Actors[A(1)].Id, kind) is not null
                    : throw new NCalcEvaluationException($"unknown agreement kind '{S(2)}'");
            case "inBloc":
                return state.InBloc(state.Actors[A(0)].Id, S(1));
            case "fired":
                return state.LastFired(S(0)) is not null;
            default:
                throw new NCalcEvaluationException($"unknown function '{name}'");
        }
    }

    /// <summary>The names an expression may use: actor codes, shock ids and, when known, bloc names.</summary>
    private sealed record Names(IReadOnlyCollection<string> Actors, IReadOnlyCollection<string> ShockIds, IReadOnlyCollection<string>? Blocs);

    private static void Check(LogicalExpression node, Names names, ImmutableArray<(string, string, string)>.Builder problems, bool asArgument)
    {
        var actors = names.Actors;
        switch (node)
        {
            case Function { Identifier.Name: "if" } f:
                if (f.Parameters.Count != 3)
                {
                    problems.Add(("the trigger expression calls if with the wrong number of arguments", f.Parameters.Count.ToString(CultureInfo.InvariantCulture),
                        "if(condition, value when true, value when false)"));
                }

                foreach (var argument in f.Parameters)
                {
                    Check(argument, names, problems, asArgument: false);
                }

                break;
            case Function f:
                CheckFunction(f, names, problems);
                break;
            case BinaryExpression b when !Operators.Contains(b.Type):
                problems.Add(("the trigger expression uses an operator it does not have", b.Type.ToString(),
                    "&& || ! and or not, comparisons (== != < <= > >=) and arithmetic (+ - * / % **)"));
                break;
            case UnaryExpression u when u.Type is not (UnaryExpressionType.Not or UnaryExpressionType.Negate or UnaryExpressionType.Positive):
                problems.Add(("the trigger expression uses an operator it does not have", u.Type.ToString(), "! (not), - and + before a value"));
                break;

            case Identifier id when Variables.ContainsKey(id.Name):
                break;
            case Identifier id when asArgument && actors.Contains(id.Name):
                break;
            case Identifier id when asArgument:
                problems.Add(("the trigger expression names an unknown actor code", $"'{id.Name}'",
                    $"one of {string.Join(", ", actors)} (or a variable: {string.Join(", ", Variables.Keys)})"));
                break;
            case Identifier id:
                problems.Add(("the trigger expression names an unknown variable", $"'{id.Name}'",
                    $"one of {string.Join(", ", Variables.Keys)}, or an actor code inside a function's arguments"));
                break;
            default:
                // An operator's operands are values again; the items of an argument list stay arguments.
                foreach (var operand in Operands(node))
                {
                    Check(operand, names, problems, asArgument && node is LogicalExpressionList);
                }

                break;
        }
    }

    /// <summary>
    /// The operands of an operator node (binary, unary, ternary) or the items of a list; none for a value, a name
    /// or a function call. Trigger checks and batch conditions walk expressions with it.
    /// </summary>
    public static IEnumerable<LogicalExpression> Operands(LogicalExpression node) => node switch
    {
        BinaryExpression b => [b.LeftExpression, b.RightExpression],
        UnaryExpression u => [u.Expression],
        TernaryExpression t => [t.LeftExpression, t.MiddleExpression, t.RightExpression],
        LogicalExpressionList list => list,
        _ => [],
    };

    private static void CheckFunction(Function f, Names names, ImmutableArray<(string, string, string)>.Builder problems)
    {
        var (actors, shockIds) = (names.Actors, names.ShockIds);
        var name = f.Identifier.Name;
        if (!Functions.TryGetValue(name, out var signature))
        {
            problems.Add(("the trigger expression calls an unknown function", $"'{name}'", $"one of {string.Join(", ", Functions.Keys)}"));
            return;
        }

        var count = f.Parameters.Count;
        if (count < signature.Min || count > signature.Max)
        {
            problems.Add(($"the trigger expression calls {name} with the wrong number of arguments", count.ToString(CultureInfo.InvariantCulture), signature.Meaning));
            return;
        }

        for (var i = 0; i < count; i++)
        {
            var argument = f.Parameters[i];
            Check(argument, names, problems, asArgument: true);
            var literal = argument switch
            {
                ValueExpression { Value: string s } => s,
                Identifier id when actors.Contains(id.Name) => id.Name,
                _ => null,
            };
            if (literal is null)
            {
                continue;
            }

            var (role, known) = (name, i) switch
            {
                ("inForce", _) => ((string?)null, (IReadOnlyCollection<string>?)null),
                ("fired", _) => ("shock id", shockIds),
                ("inBloc", 1) => ("bloc", names.Blocs),
                ("exports" or "tariff", 2) => ("sector", Vocabulary.Names<Sector>()),
                ("sanction", 2) => ("sanction domain", Vocabulary.Names<SanctionDomain>()),
                ("agreement", 2) => ("agreement kind", Vocabulary.Names<AgreementKind>()),
                _ => ("actor code", actors),
            };
            if (role is not null && known is not null && !known.Contains(literal))
            {
                problems.Add(($"the trigger expression names an unknown {role}", $"'{literal}'", $"one of {string.Join(", ", known)}"));
            }
        }
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
