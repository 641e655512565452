using System.Globalization;

namespace DiploSim.Scenarios;

/// <summary>One problem in a scenario file, located so a person can fix it.</summary>
/// <param name="File">The file's path as it was given.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="What">What is wrong, e.g. <c>unknown actor code</c>.</param>
/// <param name="Found">What the file holds there.</param>
/// <param name="Expected">What would be right.</param>
public sealed record ScenarioError(string File, int Line, int Column, string What, string Found, string Expected)
{
    /// <summary>The compiler-style form, <c>file:line:column: what (found …; expected …)</c>.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{File}:{Line}:{Column}: {What} (found {Found}; expected {Expected})");
}
