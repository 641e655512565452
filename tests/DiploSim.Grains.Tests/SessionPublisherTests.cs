using DiploSim.Contracts;

namespace DiploSim.Grains.Tests;

public sealed class SessionPublisherTests
{
    private static readonly DateTimeOffset At = new(2025, 12, 4, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_seat_assignment_reaches_readers_without_its_token_digest()
    {
        var entry = new LoggedEvent(4, At, "IND", new SeatAssigned("IND", "Asha", "digest"));
        var redacted = SessionPublisher.Redact(entry);
        Assert.Equal(new SeatAssigned("IND", "Asha", string.Empty), redacted.Event);
        Assert.Equal((4L, "IND"), (redacted.Sequence, redacted.By));
    }

    [Fact]
    public void Other_events_reach_readers_unchanged()
    {
        var entry = new LoggedEvent(5, At, "IND", new MessageSent(1, "IND", "RUS", "hello"));
        Assert.Same(entry, SessionPublisher.Redact(entry));
    }

    [Theory]
    [InlineData(TokenHolder.Seat, "IND", true)]
    [InlineData(TokenHolder.Seat, "RUS", true)]
    [InlineData(TokenHolder.Seat, "USA", false)]
    [InlineData(TokenHolder.Teacher, null, true)]
    [InlineData(TokenHolder.Spectator, null, false)]
    public void A_private_message_is_read_by_its_sender_its_recipient_and_the_teacher(TokenHolder holder, string? country, bool readable)
    {
        var entry = new LoggedEvent(1, At, "IND", new MessageSent(1, "IND", "RUS", "hello"));
        Assert.Equal(readable, SessionPublisher.Readable(entry, new Credential(holder, country, "token")));
    }

    [Theory]
    [InlineData(TokenHolder.Seat, "USA")]
    [InlineData(TokenHolder.Spectator, null)]
    public void A_public_message_is_read_by_everyone(TokenHolder holder, string? country)
    {
        var entry = new LoggedEvent(1, At, "IND", new MessageSent(1, "IND", null, "hello all"));
        Assert.True(SessionPublisher.Readable(entry, new Credential(holder, country, "token")));
    }
}
