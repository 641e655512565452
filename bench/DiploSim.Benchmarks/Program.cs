using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/DiploSim.Benchmarks -- --filter '*'
// (add --job short for a quick pass; docs/benchmarks.md records the figures and the machine).
BenchmarkSwitcher.FromAssembly(typeof(DiploSim.Benchmarks.TurnBenchmarks).Assembly).Run(args);
