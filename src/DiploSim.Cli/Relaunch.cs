using System.Diagnostics;
using System.Runtime.InteropServices;

namespace DiploSim.Cli;

/// <summary>
/// Starts <c>diplosim batch</c> again with the young-generation budget a batch wants (<see cref="Batch.YoungGeneration"/>),
/// which the runtime takes only from the environment, unless the caller chose one.
/// </summary>
internal static class Relaunch
{
    /// <summary>Whether this invocation should start again with the budget set: a batch, with no budget chosen.</summary>
    public static bool Applies(IReadOnlyList<string> args) =>
        args.Count > 0 && args[0] == "batch"
        && Batch.YoungGeneration.Current is null
        && Environment.ProcessPath is not null;

    /// <summary>
    /// Runs the same command line as a child process with the budget set, on this process's standard streams, and
    /// answers its exit code. Ctrl+C reaches both (the terminal signals the whole process group): this process waits
    /// for the child to stop as it chooses. A termination signal sent to this process alone is passed on.
    /// </summary>
    public static async Task<int> WithBudget(IReadOnlyList<string> args)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        if (string.Equals(Path.GetFileNameWithoutExtension(Environment.ProcessPath), "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            // Started as `dotnet diplosim.dll`: the child needs the assembly too.
            start.ArgumentList.Add(typeof(Relaunch).Assembly.Location);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment[Batch.YoungGeneration.Variable] = Batch.YoungGeneration.PerHeap(Environment.ProcessorCount);
        Console.CancelKeyPress += (_, e) => e.Cancel = true;
        using var child = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        using var terminate = OperatingSystem.IsWindows() ? null : PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            using var kill = Process.Start("kill", ["-TERM", child.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            kill?.WaitForExit();
        });
        await child.WaitForExitAsync();
        return child.ExitCode;
    }
}
