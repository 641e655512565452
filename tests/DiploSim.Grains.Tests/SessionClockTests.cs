using DiploSim.Contracts;
using DiploSim.Scenarios;

namespace DiploSim.Grains.Tests;

public sealed class SessionClockTests
{
    private static readonly DateTimeOffset Deadline = new(2025, 12, 4, 9, 10, 0, TimeSpan.Zero);

    private static SessionTimeline Running()
    {
        var t = new SessionTimeline(BaselineScenario.Load(), 1, new SessionOptions(TimeSpan.FromMinutes(10), [], PressRules.Open));
        t.Apply(new LoggedEvent(1, Deadline.AddMinutes(-10), "teacher", new SessionStarted(Deadline)));
        return t;
    }

    [Fact]
    public void A_running_turn_is_due_from_its_deadline_on()
    {
        var t = Running();
        Assert.False(SessionClock.Due(t, t.Turn, Deadline.AddTicks(-1)));
        Assert.True(SessionClock.Due(t, t.Turn, Deadline));
        Assert.True(SessionClock.Due(t, t.Turn, Deadline.AddHours(1)));
    }

    [Fact]
    public void A_firing_for_another_turn_is_not_due()
    {
        var t = Running();
        Assert.False(SessionClock.Due(t, t.Turn + 1, Deadline));
        Assert.False(SessionClock.Due(t, t.Turn - 1, Deadline));
    }

    [Fact]
    public void A_paused_session_or_none_is_never_due()
    {
        var t = Running();
        t.Apply(new LoggedEvent(2, Deadline.AddMinutes(-5), "teacher", new SessionPaused(TimeSpan.FromMinutes(5))));
        Assert.False(SessionClock.Due(t, t.Turn, Deadline.AddHours(1)));
        Assert.False(SessionClock.Due(null, 0, Deadline));
    }

    [Fact]
    public void The_time_left_is_never_negative()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), SessionClock.Until(Deadline, Deadline.AddSeconds(-30)));
        Assert.Equal(TimeSpan.Zero, SessionClock.Until(Deadline, Deadline.AddSeconds(30)));
    }
}
