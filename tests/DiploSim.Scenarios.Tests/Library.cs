namespace DiploSim.Scenarios.Tests;

internal static class Library
{
    public static string Directory => ScenarioLibrary.Locate() ?? throw new InvalidOperationException("scenarios/ not found above the test's folder");

    public static string File(string name) => Path.Combine(Directory, name);
}
