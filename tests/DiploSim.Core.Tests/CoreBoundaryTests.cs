using System.Reflection;
using System.Text.RegularExpressions;

namespace DiploSim.Core.Tests;

/// <summary>Core stays pure: no packages, no I/O, no clocks, no System.Random.</summary>
public sealed partial class CoreBoundaryTests
{
    [Fact]
    public void Core_references_nothing_outside_the_base_library()
    {
        var references = typeof(TurnResolver).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();
        Assert.NotEmpty(references);
        Assert.All(references, name => Assert.True(name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard" or "mscorlib", $"Core references {name}"));
        Assert.DoesNotContain(references, name => name.StartsWith("System.Net", StringComparison.Ordinal) || name == "System.IO.FileSystem");
    }

    [Fact]
    public void Core_uses_no_clock_no_random_and_no_files()
    {
        var source = Path.Combine(RepositoryRoot(), "src", "DiploSim.Core");
        var files = Directory.GetFiles(source, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            Assert.False(Forbidden().IsMatch(text), $"{Path.GetFileName(file)} uses a clock, System.Random, threads or I/O");
        }
    }

    [Fact]
    public void Core_exposes_no_task_returning_members()
    {
        var asyncMembers = typeof(TurnResolver).Assembly.GetExportedTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => typeof(Task).IsAssignableFrom(m.ReturnType))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}");
        Assert.Empty(asyncMembers);
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DiploSim.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("DiploSim.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"\bnew Random\(|System\.Random\b|Random\.Shared|DateTime\.(Now|UtcNow|Today)|DateTimeOffset\.(Now|UtcNow)|Stopwatch|Environment\.TickCount|\bFile\.|Directory\.|Thread\.|Task\.Run|Parallel\.")]
    private static partial Regex Forbidden();
}
