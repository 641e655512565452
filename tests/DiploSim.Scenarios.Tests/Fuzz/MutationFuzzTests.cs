using System.Text;

namespace DiploSim.Scenarios.Tests.Fuzz;

/// <summary>
/// A seeded fuzz: a few hundred mutants of the library's files, each loaded and, when accepted, played. None may
/// throw, every error must lie inside the file, and an accepted mutant must play with finite numbers.
/// </summary>
public sealed class MutationFuzzTests
{
    private const int Mutants = 300;

    /// <summary>Text a mutation may insert: YAML's syntax, hostile numbers and characters, and edge values of the format.</summary>
    private static readonly string[] Fragments =
    [
        "{", "}", "[", "]", ":", ": ", "- ", ",", "'", "\"", "\t", "\n", "#", "&a ", "*a", "!", "|", ">", "%", "@", "`", "\u2028", "\r",
        "0", "-1", "1e308", "-1e308", ".inf", ".nan", "0x1F", "0o17", "12.0", "18446744073709551616", "2026-Q5", "2026", "~", "null",
        " % 0", " / 0", "(turn - 2)", "||", "&&", "inBloc(IND, 'NOPE')", "if(", "XYZ", "---\n", "...\n", "<<: *a\n",
    ];

    [Fact]
    public void Mutated_library_files_never_crash_are_always_located_and_play_finite()
    {
        var random = new Random(18);
        var files = ScenarioLibrary.Files().Select(f => (Name: Path.GetFileName(f), Text: File.ReadAllText(f))).ToArray();
        var (accepted, refused) = (0, 0);
        var failures = new List<string>();
        for (var i = 0; i < Mutants; i++)
        {
            var (name, original) = files[random.Next(files.Length)];
            var text = Mutate(original, random, 1 + random.Next(3));
            var lines = text.Split('\n').Length;
            ScenarioLoadResult result;
            try
            {
                result = ScenarioLoader.Parse(text, name);
            }
            catch (Exception e)
            {
                failures.Add($"mutant {i} of {name}: {e.GetType().Name}: {e.Message}");
                continue;
            }

            if (!result.IsOk)
            {
                refused++;
                failures.AddRange(result.Errors.Where(e => e.Line < 1 || e.Column < 1 || e.Line > lines + 1 || string.IsNullOrWhiteSpace(e.What))
                    .Select(e => $"mutant {i} of {name}: unlocated error {e}"));
                continue;
            }

            accepted++;
            if (Play.NonFinite(result.Scenario!, 3) is > 0 and var count)
            {
                failures.Add($"mutant {i} of {name}: {count} numbers not finite after 3 turns");
            }
        }

        Assert.Empty(failures);
        Assert.Equal(Mutants, accepted + refused);
        Assert.True(accepted > Mutants / 10 && refused > Mutants / 10, $"the mutations should give both accepted and refused files ({accepted} accepted, {refused} refused)");
    }

    private static string Mutate(string text, Random random, int times)
    {
        var builder = new StringBuilder(text);
        for (var m = 0; m < times; m++)
        {
            var at = random.Next(builder.Length + 1);
            switch (random.Next(6))
            {
                case 0:
                    builder.Insert(at, Fragments[random.Next(Fragments.Length)]);
                    break;
                case 1 when builder.Length > 0:
                    builder.Remove(Math.Min(at, builder.Length - 1), 1 + random.Next(Math.Min(8, builder.Length - Math.Min(at, builder.Length - 1))));
                    break;
                case 2:
                    ReplaceNumber(builder, random);
                    break;
                case 3:
                    DuplicateLine(builder, random);
                    break;
                case 4:
                    builder.Length = Math.Max(1, at);
                    break;
                default:
                    builder.Insert(at, Fragments[random.Next(Fragments.Length)] + Fragments[random.Next(Fragments.Length)]);
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>Replaces one number of the file by an edge value, so that mutants reach the range checks and the model.</summary>
    private static void ReplaceNumber(StringBuilder builder, Random random)
    {
        string[] edges = ["0", "1", "-1", "0.0001", "1e308", "1e5", "99999", "-0.5", "0x10", "12.0", ".inf", "1e-300"];
        var text = builder.ToString();
        var digits = Enumerable.Range(0, text.Length).Where(i => char.IsAsciiDigit(text[i]) && (i == 0 || !char.IsAsciiLetterOrDigit(text[i - 1]) && text[i - 1] != '.')).ToArray();
        if (digits.Length == 0)
        {
            return;
        }

        var start = digits[random.Next(digits.Length)];
        var end = start;
        while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] == '.'))
        {
            end++;
        }

        builder.Remove(start, end - start).Insert(start, edges[random.Next(edges.Length)]);
    }

    private static void DuplicateLine(StringBuilder builder, Random random)
    {
        var lines = builder.ToString().Split('\n');
        var i = random.Next(lines.Length);
        builder.Clear().AppendJoin('\n', lines.Take(i + 1).Append(lines[i]).Concat(lines.Skip(i + 1)));
    }
}
