namespace DiploSim.WebContract;

/// <summary>
/// The generated files on disk: which differ from what the C# contract gives, and writing them. The HTTP API's
/// TypeScript (<see cref="HttpDocument.TypeScript"/>) is written from <see cref="HttpDocument.File"/> by the web client's
/// openapi-typescript, whose build checks it.
/// </summary>
public static class ContractFiles
{
    /// <summary>Every file the C# side writes, by name.</summary>
    public static IReadOnlyDictionary<string, string> Files() =>
        new SortedDictionary<string, string>(TypeScriptWriter.Files().ToDictionary(), StringComparer.Ordinal) { [HttpDocument.File] = HttpDocument.Text() };

    /// <summary>The files in <paramref name="dir"/> that are missing, differ, or are no longer generated.</summary>
    public static IReadOnlyList<string> Stale(string dir)
    {
        var files = Files();
        var present = Directory.Exists(dir) ? Directory.GetFiles(dir).Select(Path.GetFileName).OfType<string>().Where(n => n != HttpDocument.TypeScript) : [];
        return [.. files.Where(f => !File.Exists(Path.Combine(dir, f.Key)) || Normalised(File.ReadAllText(Path.Combine(dir, f.Key))) != f.Value)
            .Select(f => f.Key)
            .Concat(present.Where(name => !files.ContainsKey(name)))
            .Order(StringComparer.Ordinal)];
    }

    public static void Write(string dir)
    {
        Directory.CreateDirectory(dir);
        var files = Files();
        foreach (var name in Directory.GetFiles(dir).Select(Path.GetFileName).OfType<string>().Where(n => !files.ContainsKey(n) && n != HttpDocument.TypeScript))
        {
            File.Delete(Path.Combine(dir, name));
        }

        foreach (var (name, text) in files)
        {
            File.WriteAllText(Path.Combine(dir, name), text);
        }
    }

    // A checkout on Windows may turn LF into CRLF; the contract is the same.
    private static string Normalised(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
