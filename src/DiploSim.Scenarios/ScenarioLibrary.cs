namespace DiploSim.Scenarios;

/// <summary>Finds the scenario library: a <c>scenarios</c> folder beside the program, or the repository's own.</summary>
public static class ScenarioLibrary
{
    /// <summary>The library folder, searched from <paramref name="start"/> (default: the program's folder) upwards; null if none.</summary>
    public static string? Locate(string? start = null)
    {
        for (var dir = new DirectoryInfo(start ?? AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "scenarios");
            if (File.Exists(Path.Combine(candidate, "schema.json")))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Every scenario file of the library, in name order.</summary>
    public static IReadOnlyList<string> Files(string? start = null) =>
        Locate(start) is { } dir ? [.. Directory.GetFiles(dir, "*.yaml").Order(StringComparer.Ordinal)] : [];

    /// <summary>The path of a library scenario by id (its file name without <c>.yaml</c>), or null.</summary>
    public static string? Find(string id, string? start = null) =>
        Locate(start) is { } dir && File.Exists(Path.Combine(dir, id + ".yaml")) ? Path.Combine(dir, id + ".yaml") : null;
}
