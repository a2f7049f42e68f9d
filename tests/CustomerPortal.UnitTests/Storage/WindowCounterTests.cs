using CustomerPortal.Functions.Storage;

namespace CustomerPortal.UnitTests.Storage;

/// <summary>The rows limits are counted in: which partition, which UTC window.</summary>
public sealed class WindowCounterTests
{
    private static readonly DateTimeOffset Now = new(2030, 5, 14, 9, 59, 59, TimeSpan.FromHours(2));

    [Fact]
    public void Hourly_IsTheUtcClockHour_AndEndsAtItsEnd()
    {
        var counter = WindowCounter.Hourly("Counters", "ip", "abc", Now);

        Assert.Equal("ip:abc", counter.PartitionKey);
        Assert.Equal("2030051407", counter.RowKey);
        Assert.Equal(new DateTimeOffset(2030, 5, 14, 8, 0, 0, TimeSpan.Zero), counter.WindowEnd);
        Assert.Equal("Counters", counter.Table);
    }

    [Fact]
    public void Daily_WithoutSubject_IsTheScopeAndTheUtcDay()
    {
        var counter = WindowCounter.Daily("Counters", "global", null, Now);

        Assert.Equal("global", counter.PartitionKey);
        Assert.Equal("20300514", counter.RowKey);
        Assert.Equal(new DateTimeOffset(2030, 5, 15, 0, 0, 0, TimeSpan.Zero), counter.WindowEnd);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("a#b")]
    [InlineData("a\nb")]
    public void Subject_ThatATableKeyCannotHold_IsRefused(string subject)
    {
        Assert.Throws<ArgumentException>(() => WindowCounter.Hourly("Counters", "account", subject, Now));
    }

    [Fact]
    public void Hash_IsSha256Hex_AndNotTheValue()
    {
        var hash = WindowCounter.Hash("+12015550123");

        Assert.Equal(64, hash.Length);
        Assert.DoesNotContain("2015550123", hash, StringComparison.Ordinal);
        Assert.Equal(hash, WindowCounter.Hash("+12015550123"));
    }
}
