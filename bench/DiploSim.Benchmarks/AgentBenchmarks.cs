using BenchmarkDotNet.Attributes;
using DiploSim.Agents;
using DiploSim.Core.State;
using DiploSim.Scenarios;

namespace DiploSim.Benchmarks;

/// <summary>
/// The agent protocol's cost per decision: writing a seat's observation and reading its action in-process, and a whole
/// round trip to a Python program over standard input and output (<c>diplosim_agent.py</c> run as a program: an agent
/// that always passes, so what is measured is the protocol, Python's JSON and the pipes, not a policy).
/// </summary>
[MemoryDiagnoser]
public class AgentBenchmarks
{
    private const string Action = """{"type":"action","decision":1,"moves":[{"kind":"SetTariff","target":"USA","rate":0.1}],"answers":[],"messages":[{"to":"RUS","text":"hello"}]}""";
    private readonly WorldState _world = BaselineScenario.World(1, new ModelParameters());
    private readonly string[] _actors = ["CHN", "EU", "IND", "RUS", "USA"];
    private AgentProcess? _python;
    private string _observation = "";
    private long _decision;

    [GlobalSetup]
    public void Start()
    {
        _observation = AgentJson.Write(Observations.For(_world, "IND", "bench", 1, 0, AgentOptions.Default, [], [], null));
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DiploSim.sln")))
        {
            dir = dir.Parent;
        }

        var python = Path.Combine(dir?.FullName ?? throw new InvalidOperationException("DiploSim.sln not found"), "src", "DiploSim.Agents", "python");
        _python = new AgentProcess(new AgentCommand("pass", ["python3", "diplosim_agent.py"], python, TimeSpan.FromSeconds(30)));
        _python.Begin(AgentJson.Write(new NewGame(AgentProtocol.Version, AgentProtocol.NewGameType, "bench", "IND", "1", "baseline", 40, 0, [.. _actors])));
    }

    [GlobalCleanup]
    public void Stop() => _python?.Dispose();

    /// <summary>Write an observation and read an action with a move and a message: the in-process share of a decision.</summary>
    [Benchmark]
    public int ObservationAndAction()
    {
        var observation = Observations.For(_world, "IND", "bench", 1, 0, AgentOptions.Default, [], [], null);
        var text = AgentJson.Write(observation);
        return text.Length + ActionReader.Read(Action, observation, _actors).Moves.Length;
    }

    /// <summary>One observation to a Python agent over its standard input and its answer back over its standard output.</summary>
    [Benchmark]
    public string? StdioRoundTrip()
    {
        var decision = ++_decision;
        var observation = _observation.Replace("\"decision\":1,", $"\"decision\":{decision},", StringComparison.Ordinal);
        return _python!.Decide(decision, observation).Line;
    }
}
