using ProposalPortal.Domain.Deadlines;
using ProposalPortal.Features.Common;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Administration;

/// <summary>The Admin's working-day calendar and how it reaches the deadlines, in a <see cref="Scenario"/> of an empty portal.</summary>
public sealed class CalendarAdministrationTests : AdministrationTestBase
{
    [Fact]
    public async Task ANonAdminIsRefusedAndNothingChanges()
    {
        await AssertANonAdminIsRefusedAndNothingChangesAsync(async yangYi =>
        [
            (await CalendarAdmin.AddCalendarDayAsync(Office, AssignedOn.AddDays(2), CalendarDayKind.Holiday, "测试假日")).Error,
            (await CalendarAdmin.RemoveCalendarDayAsync(Office, new DateOnly(2022, 2, 1))).Error,
        ]);
    }

    [Fact]
    public async Task AddingA2026HolidayMovesADeadlineComputedAfterwards()
    {
        var contexts = Portal.Get<WorkflowContextFactory>();
        var before = await contexts.DeadlinesAsync();
        Assert.False(before.Calendar.HasDataFor(2026));
        Assert.Equal(new DateOnly(2026, 3, 9), before.ReturnWindowEnd(AssignedOn).Date);

        var result = await CalendarAdmin.AddCalendarDayAsync(Admin, new DateOnly(2026, 3, 4), CalendarDayKind.Holiday, "测试假日");

        Assert.True(result.IsOk, result.Error);
        var after = await contexts.DeadlinesAsync();
        Assert.True(after.Calendar.HasDataFor(2026));
        Assert.Equal(new DateOnly(2026, 3, 10), after.ReturnWindowEnd(AssignedOn).Date);
    }

    [Fact]
    public async Task RemovingAndChangingEntriesAlsoReachTheDeadlines()
    {
        var contexts = Portal.Get<WorkflowContextFactory>();
        await CalendarAdmin.AddCalendarDayAsync(Admin, new DateOnly(2026, 3, 4), CalendarDayKind.Holiday, "测试假日");
        Assert.Equal(new DateOnly(2026, 3, 10), (await contexts.DeadlinesAsync()).ReturnWindowEnd(AssignedOn).Date);

        // Saturday 7 March as a 调休 working day: the window closes a working day earlier again.
        Assert.True((await CalendarAdmin.AddCalendarDayAsync(Admin, new DateOnly(2026, 3, 7), CalendarDayKind.MakeUpWorkday, "测试假日")).IsOk);
        Assert.Equal(new DateOnly(2026, 3, 9), (await contexts.DeadlinesAsync()).ReturnWindowEnd(AssignedOn).Date);

        Assert.True((await CalendarAdmin.ChangeCalendarDayAsync(Admin, new DateOnly(2026, 3, 7), CalendarDayKind.Holiday, "改为放假")).IsOk);
        Assert.True((await CalendarAdmin.RemoveCalendarDayAsync(Admin, new DateOnly(2026, 3, 4))).IsOk);
        Assert.Equal(new DateOnly(2026, 3, 9), (await contexts.DeadlinesAsync()).ReturnWindowEnd(AssignedOn).Date);
        var year = (await CalendarAdmin.CalendarYearAsync(Admin, 2026)).Value!;
        Assert.Equal([new CalendarDay(new DateOnly(2026, 3, 7), CalendarDayKind.Holiday, "改为放假")], year);
    }

    [Fact]
    public async Task AMakeUpWorkdayOnAWeekdayIsRefused()
    {
        var before = await CountsAsync();

        var result = await CalendarAdmin.AddCalendarDayAsync(Admin, new DateOnly(2026, 3, 4), CalendarDayKind.MakeUpWorkday, "测试调休");

        Assert.Equal("调休上班日须为周六或周日，2026年3月4日是星期三，本来就是工作日", result.Error);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task ADateEnteredTwiceIsRefused()
    {
        var result = await CalendarAdmin.AddCalendarDayAsync(Admin, new DateOnly(2022, 2, 1), CalendarDayKind.Holiday, "春节");

        Assert.Equal("2022年2月1日已登记为放假（春节），不能重复登记；如需更改请修改该条目", result.Error);
    }

    [Fact]
    public async Task YearsWithoutEntriesAreReported()
    {
        var result = await CalendarAdmin.YearsWithoutEntriesAsync(Admin, 2021, 2027);

        Assert.Equal([2026, 2027], result.Value);
    }
}
