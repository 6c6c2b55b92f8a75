using ProposalPortal.Domain.Deadlines;

namespace ProposalPortal.Tests.Domain.Deadlines;

public class WorkingDayCalendarTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    // 2022 春节 as the notice has it: 01-31..02-06 off, 01-29 and 01-30 worked.
    private static WorkingDayCalendar SpringFestival2022() => new(
        Enumerable.Range(0, 7).Select(i => new CalendarDay(D(2022, 1, 31).AddDays(i), CalendarDayKind.Holiday, "春节"))
            .Append(new CalendarDay(D(2022, 1, 29), CalendarDayKind.MakeUpWorkday, "春节"))
            .Append(new CalendarDay(D(2022, 1, 30), CalendarDayKind.MakeUpWorkday, "春节")));

    [Fact]
    public void Empty_WeekdaysWork_WeekendsDoNot()
    {
        var cal = WorkingDayCalendar.Empty;

        Assert.True(cal.IsWorkingDay(D(2022, 3, 18)));  // Friday
        Assert.False(cal.IsWorkingDay(D(2022, 3, 19))); // Saturday
        Assert.False(cal.IsWorkingDay(D(2022, 3, 20))); // Sunday
        Assert.Empty(cal.Days);
    }

    [Fact]
    public void HolidayOnWeekday_IsNotAWorkingDay()
    {
        Assert.False(SpringFestival2022().IsWorkingDay(D(2022, 2, 1)));
    }

    [Fact]
    public void MakeUpWorkdayOnWeekend_IsAWorkingDay()
    {
        Assert.True(SpringFestival2022().IsWorkingDay(D(2022, 1, 29)));
        Assert.True(SpringFestival2022().IsWorkingDay(D(2022, 1, 30)));
    }

    [Fact]
    public void AddWorkingDays_FromFriday_SkipsTheWeekend()
    {
        var span = WorkingDayCalendar.Empty.AddWorkingDays(D(2022, 3, 18), 1);

        Assert.Equal(D(2022, 3, 21), span.End);
        Assert.Equal([D(2022, 3, 19), D(2022, 3, 20)], span.Skipped);
        Assert.Empty(span.MakeUpWorkdaysCounted);
    }

    [Fact]
    public void AddWorkingDays_DoesNotCountTheStartDay()
    {
        Assert.Equal(D(2022, 3, 16), WorkingDayCalendar.Empty.AddWorkingDays(D(2022, 3, 15), 1).End);
    }

    [Fact]
    public void AddWorkingDays_OverSpringFestival_CountsMakeUpDaysAndListsSkippedHolidays()
    {
        var span = SpringFestival2022().AddWorkingDays(D(2022, 1, 28), 5);

        Assert.Equal(D(2022, 2, 9), span.End);
        Assert.Equal(7, span.Skipped.Count);
        Assert.Equal([D(2022, 1, 29), D(2022, 1, 30)], span.MakeUpWorkdaysCounted);
    }

    [Fact]
    public void AddWorkingDays_Zero_ReturnsTheStartDay()
    {
        var span = WorkingDayCalendar.Empty.AddWorkingDays(D(2022, 3, 19), 0);

        Assert.Equal(D(2022, 3, 19), span.End);
        Assert.Empty(span.Skipped);
    }

    [Fact]
    public void AddWorkingDays_Negative_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WorkingDayCalendar.Empty.AddWorkingDays(D(2022, 3, 19), -1));
    }

    [Fact]
    public void NextWorkingDayOnOrAfter_WorkingDay_IsItself()
    {
        Assert.Equal(D(2022, 1, 29), SpringFestival2022().NextWorkingDayOnOrAfter(D(2022, 1, 29)));
    }

    [Fact]
    public void NextWorkingDayOnOrAfter_Holiday_IsFirstDayAfterTheHolidays()
    {
        Assert.Equal(D(2022, 2, 7), SpringFestival2022().NextWorkingDayOnOrAfter(D(2022, 1, 31)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(15)]
    [InlineData(40)]
    public void WorkingDaysBetween_AgreesWithAddWorkingDays(int count)
    {
        var cal = SpringFestival2022();
        var start = D(2022, 1, 20);

        Assert.Equal(count, cal.WorkingDaysBetween(start, cal.AddWorkingDays(start, count).End));
    }

    [Fact]
    public void WorkingDaysBetween_EmptyOrReversedRange_IsZero()
    {
        Assert.Equal(0, WorkingDayCalendar.Empty.WorkingDaysBetween(D(2022, 3, 15), D(2022, 3, 15)));
        Assert.Equal(0, WorkingDayCalendar.Empty.WorkingDaysBetween(D(2022, 3, 15), D(2022, 3, 1)));
    }

    [Fact]
    public void HasDataFor_IsTrueOnlyForYearsWithEntries()
    {
        var cal = SpringFestival2022();

        Assert.True(cal.HasDataFor(2022));
        Assert.False(cal.HasDataFor(2023));
        Assert.False(WorkingDayCalendar.Empty.HasDataFor(2022));
    }

    [Fact]
    public void Find_ReturnsTheEntryForNamingTheHoliday()
    {
        Assert.Equal("春节", SpringFestival2022().Find(D(2022, 2, 1))?.Name);
        Assert.Null(SpringFestival2022().Find(D(2022, 3, 1)));
    }

    [Fact]
    public void Constructor_ContradictingEntriesForOneDate_Throws()
    {
        Assert.Throws<ArgumentException>(() => new WorkingDayCalendar([
            new CalendarDay(D(2022, 1, 29), CalendarDayKind.Holiday, "春节"),
            new CalendarDay(D(2022, 1, 29), CalendarDayKind.MakeUpWorkday, "春节"),
        ]));
    }

    [Fact]
    public void Constructor_RepeatedIdenticalEntries_AreKeptOnce_AndDaysAreSorted()
    {
        var cal = new WorkingDayCalendar([
            new CalendarDay(D(2022, 2, 1), CalendarDayKind.Holiday, "春节"),
            new CalendarDay(D(2022, 1, 31), CalendarDayKind.Holiday, "春节"),
            new CalendarDay(D(2022, 2, 1), CalendarDayKind.Holiday, "春节"),
        ]);

        Assert.Equal([D(2022, 1, 31), D(2022, 2, 1)], cal.Days.Select(d => d.Date));
    }
}
