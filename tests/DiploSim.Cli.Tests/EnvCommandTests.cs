using System.Diagnostics;
using System.Text.Json.Nodes;
using DiploSim.Testing;

namespace DiploSim.Cli.Tests;

public sealed class EnvCommandTests
{
    [Fact]
    public async Task The_Python_parallel_environment_steps_two_seats_with_rewards_and_the_same_seed_and_actions_give_the_same_hash()
    {
        var info = new ProcessStartInfo("python3") { WorkingDirectory = AgentPrograms.Fixtures, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "env_episodes.py", AgentPrograms.PythonFolder, "dotnet", typeof(DiploSimCommand).Assembly.Location })
        {
            info.ArgumentList.Add(argument);
        }

        using var python = Process.Start(info)!;
        var output = python.StandardOutput.ReadToEndAsync();
        var errors = python.StandardError.ReadToEndAsync();
        await python.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(python.ExitCode == 0, await errors);

        var episodes = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(4, episodes.Count);
        Assert.All(episodes, e => Assert.Equal(3, (int)e["steps"]!));
        Assert.All(episodes, e => Assert.True((bool)e["own"]!));
        Assert.All(episodes, e => Assert.Equal(["IND", "RUS"], e["rewards"]!.AsObject().Select(p => p.Key)));
        Assert.All(episodes, e => Assert.True(e["terminations"]!.AsObject().All(p => (bool)p.Value!)));
        var hashes = episodes.Select(e => (string)e["hash"]!).ToList();
        Assert.Equal(hashes[0], hashes[1]);       // same seed, same actions
        Assert.NotEqual(hashes[0], hashes[2]);    // another seed
        Assert.NotEqual(hashes[0], hashes[3]);    // the same seed without India's tariffs: the actions reach the model
    }
}
