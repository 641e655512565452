using BenchmarkDotNet.Running;
using DiploSim.Benchmarks;

// dotnet run -c Release --project bench/DiploSim.Benchmarks -- --filter '*'
// (add --job short for a quick pass; docs/benchmarks.md records the figures and the machine).
// dotnet run -c Release --project bench/DiploSim.Benchmarks -- profile-sessions grains memory 300 300
// plays sessions in one process for a profiler to attach to (SessionProfile).
// dotnet run -c Release --project bench/DiploSim.Benchmarks -- batch-scaling 6 6
// alternates batches on one core and on two in processes of their own (BatchScaling).
if (args.FirstOrDefault() == "batch-scaling")
{
    return await BatchScaling.Run(args[1..]);
}

if (args.FirstOrDefault() == "profile-sessions")
{
    return await SessionProfile.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(TurnBenchmarks).Assembly).Run(args);
return 0;
