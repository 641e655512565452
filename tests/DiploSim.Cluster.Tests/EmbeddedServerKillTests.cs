using DiploSim.Contracts;
using DiploSim.Server.Hub;

namespace DiploSim.Cluster.Tests;

/// <summary>
/// The server a teacher runs on one machine (embedded mode, SQLite), killed with SIGKILL while players write and move,
/// then started again on the same data: everything it acknowledged is there.
/// </summary>
public sealed class EmbeddedServerKillTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("diplosim-kill-").FullName;

    private static MoveOrder Summit(params string[] partners) => new() { Kind = "HoldSummit", Partners = [.. partners] };

    [Fact]
    public async Task A_server_killed_right_after_acknowledging_messages_and_moves_has_every_one_of_them_after_its_restart()
    {
        SessionPassesDto passes;
        SeatPassDto india, russia;
        int turn;
        var acknowledged = new List<(string From, string? To, string Text)>();
        using (var first = ServerNode.StartEmbedded("before", _data))
        {
            await first.WaitUntilReady();
            passes = await first.CreateSession(seed: 17);
            india = await first.Join(passes.JoinCode, "IND", "Asha");
            russia = await first.Join(passes.JoinCode, "RUS", "Ivan");
            await using var teacher = await first.Connect(passes.TeacherPass);
            await using var ind = await first.Connect(india.Pass);
            await using var rus = await first.Connect(russia.Pass, messagePack: false);
            Assert.Null((await teacher.Call("Start")).Refusal);
            turn = (await ind.Call<Reply<SnapshotDto>>("GetSnapshot", 0L)).Value!.Status.Turn;

            // Moves and readiness, then messages private and public, each answered before the next; the last answer
            // is followed at once by the kill.
            Assert.Null((await ind.Call("Submit", "IND", turn, new[] { Summit("RUS") })).Refusal);
            Assert.Null((await rus.Call("Submit", "RUS", turn, new[] { Summit("IND") })).Refusal);
            Assert.Null((await ind.Call("SetReady", "IND", turn, true)).Refusal);
            for (var i = 0; i < 30; i++)
            {
                var (client, from, to) = (i % 3) switch
                {
                    0 => (ind, "IND", (string?)"RUS"),
                    1 => (rus, "RUS", (string?)"IND"),
                    _ => (ind, "IND", null),
                };
                var text = $"message {i} from {from}";
                Assert.Null((await client.Call("SendMessage", from, to, text)).Refusal);
                acknowledged.Add((from, to, text));
            }

            first.Kill();
            Assert.False(first.IsRunning);
        }

        using var second = ServerNode.StartEmbedded("after", _data);
        await second.WaitUntilReady();
        await using var indAgain = await second.Connect(india.Pass);
        await using var rusAgain = await second.Connect(russia.Pass);
        var seenByIndia = (await indAgain.Call<Reply<SnapshotDto>>("GetSnapshot", 0L)).Value!;
        var seenByRussia = (await rusAgain.Call<Reply<SnapshotDto>>("GetSnapshot", 0L)).Value!;

        // Every acknowledged message, in the order it was sent, to both of the two countries in the session.
        foreach (var seen in new[] { seenByIndia, seenByRussia })
        {
            Assert.Equal(
                acknowledged.Select(m => (m.From, m.To, m.Text)),
                seen.Events.Where(e => e.Kind == "MessageSent").Select(e => (e.Country!, e.To, e.Message!)));
        }

        // Both submissions and India's readiness stand, and the turn resolves with both moves.
        Assert.Equal(turn, seenByIndia.Status.Turn);
        Assert.All(seenByIndia.Status.Seats.Where(s => s.Country is "IND" or "RUS"), s => Assert.True(s.Submitted, $"{s.Country} lost its submission"));
        Assert.True(seenByIndia.Status.Seats.Single(s => s.Country == "IND").Ready);
        Assert.Null((await rusAgain.Call("SetReady", "RUS", turn, true)).Refusal);
        var outcome = (await indAgain.WaitFor(e => e.Kind == "TurnResolved" && e.Outcome!.Turn == turn)).Outcome!;
        Assert.Contains(outcome.Moves, m => m.Move.Actor == "IND" && m.Move.Kind == "HoldSummit");
        Assert.Contains(outcome.Moves, m => m.Move.Actor == "RUS" && m.Move.Kind == "HoldSummit");
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);
}
