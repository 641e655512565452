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
        var files = ScenarioLibrary.Files().Select(f => (Name: Path.GetFileName(f), Text: File.ReadAllText(f))).ToArray();
        Fuzz(files, seed: 18, Mutants, around: null);
    }

    /// <summary>
    /// The history files use what no library file does (seasons, purchase halts, the oil market's outlook and demand, the
    /// buyers' crude purchases): mutants of them, and mutants whose changes all fall in a file's <c>seasons:</c> section,
    /// where mutations anywhere in a file seldom land.
    /// </summary>
    [Fact]
    public void Mutated_history_files_and_their_seasons_never_crash_are_always_located_and_play_finite()
    {
        var files = Directory.GetFiles(Library.File("history"), "*.yaml").Order(StringComparer.Ordinal)
            .Select(f => (Name: Path.GetFileName(f), Text: File.ReadAllText(f))).ToArray();
        Assert.Contains(files, f => f.Text.Contains("\nseasons:", StringComparison.Ordinal));
        Fuzz(files, seed: 19, Mutants / 2, around: null);
        Fuzz([.. files.Where(f => f.Text.Contains("\nseasons:", StringComparison.Ordinal))], seed: 20, Mutants / 2, around: "\nseasons:");
    }

    /// <summary>
    /// Loads <paramref name="mutants"/> mutants of <paramref name="files"/> (each change within the section that starts at
    /// <paramref name="around"/> and ends at the next top-level key, when given) and plays the accepted ones for 3 turns.
    /// </summary>
    private static void Fuzz((string Name, string Text)[] files, int seed, int mutants, string? around)
    {
        var random = new Random(seed);
        var (accepted, refused) = (0, 0);
        var failures = new List<string>();
        for (var i = 0; i < mutants; i++)
        {
            var (name, original) = files[random.Next(files.Length)];
            var text = around is null ? Mutate(original, random, 1 + random.Next(3)) : MutateSection(original, around, random);
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
        Assert.Equal(mutants, accepted + refused);
        Assert.True(accepted > mutants / 10 && refused > mutants / 10, $"the mutations should give both accepted and refused files ({accepted} accepted, {refused} refused)");
    }

    /// <summary>Mutates only the section of <paramref name="text"/> that starts at <paramref name="marker"/>, up to the next top-level key.</summary>
    private static string MutateSection(string text, string marker, Random random)
    {
        var start = text.IndexOf(marker, StringComparison.Ordinal) + 1;
        var next = System.Text.RegularExpressions.Regex.Match(text[(start + marker.Length - 1)..], "\n[a-zA-Z]");
        var end = next.Success ? start + marker.Length - 1 + next.Index + 1 : text.Length;
        return text[..start] + Mutate(text[start..end], random, 1 + random.Next(3)) + text[end..];
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
