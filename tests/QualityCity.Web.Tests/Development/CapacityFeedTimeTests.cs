using QualityCity.Web.Modules.Development.Capacity;

namespace QualityCity.Web.Tests.Development;

/// <summary>The times of the capacity monitoring feed: a reading's day is its day in China time, so a time without one is refused.</summary>
public sealed class CapacityFeedTimeTests
{
    [Theory]
    [InlineData("0001-01-01T00:00:00")] // China time with no instant in UTC
    [InlineData("0001-01-01 07:59:59")]
    [InlineData("9999-12-31T23:59:59Z")] // an instant whose day in China time is past the calendar
    [InlineData("9999-12-31T20:00:00-05:00")]
    public void A_time_at_the_ends_of_the_calendar_is_refused_instead_of_failing_the_import(string text)
    {
        Assert.Null(CapacityWork.ReadTime(text));
    }

    [Fact]
    public void A_time_without_an_offset_is_china_time_and_one_with_an_offset_keeps_it()
    {
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.FromHours(8)), CapacityWork.ReadTime("2026-03-01 08:00:00"));
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), CapacityWork.ReadTime("2026-03-01T00:00:00Z"));
        Assert.Equal(new DateTimeOffset(0001, 1, 1, 8, 0, 0, TimeSpan.FromHours(8)), CapacityWork.ReadTime("0001-01-01T08:00:00"));
    }
}
