using System.Collections.Immutable;
using DiploSim.Agents;

namespace DiploSim.Testing;

/// <summary>The Python agents the tests run: the reference agent and the misbehaving fixtures. python3 is on every test machine.</summary>
public static class AgentPrograms
{
    public static string Root { get; } = FindRoot();

    public static string PythonFolder => Path.Combine(Root, "src", "DiploSim.Agents", "python");

    public static string Fixtures => Path.Combine(Root, "tests", "DiploSim.Agents.Tests", "Fixtures");

    public static AgentCommand Reference(TimeSpan? timeout = null) =>
        new("rule", ["python3", "rule_agent.py"], PythonFolder, timeout ?? TimeSpan.FromSeconds(20));

    public static AgentCommand Bad(string mode, TimeSpan timeout) =>
        new(mode, ["python3", "bad_agent.py", mode], Fixtures, timeout, MaxLineBytes: 1 << 20);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DiploSim.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("DiploSim.sln not found above " + AppContext.BaseDirectory);
    }
}
