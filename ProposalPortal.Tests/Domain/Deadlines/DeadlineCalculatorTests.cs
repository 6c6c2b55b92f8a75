using ProposalPortal.Data.Seed;
using ProposalPortal.Domain.Deadlines;
using ProposalPortal.Domain.Proposals;

namespace ProposalPortal.Tests.Domain.Deadlines;

public class DeadlineCalculatorTests
{
    private static readonly WorkingDayCalendar Shipped = new(ShippedHolidays.Load());

    private static DeadlineCalculator Calculator(DeadlineOptions? options = null, WorkingDayCalendar? calendar = null) =>
        new(options ?? new DeadlineOptions(), calendar ?? Shipped);

    private static DeadlineCalculator Moving() => Calculator(new DeadlineOptions { MoveToNextWorkingDay = true });

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    // ---- Month-based (Civil Code arts. 201–202) ----

    [Fact]
    public void LeadReply_AssignedNov30_EndsOnLastDayOfFebruary()
    {
        var deadline = Calculator().ReplyDeadline(HandlingRole.Lead, D(2022, 11, 30));

        Assert.Equal(D(2023, 2, 28), deadline.Date);
        Assert.Equal(DeadlineRule.LeadReply, deadline.Rule);
        Assert.Equal(D(2022, 11, 30), deadline.Start);
        Assert.Null(deadline.MovedFrom);
        Assert.Empty(deadline.NonWorkingDaysSkipped);
        Assert.Equal("交办日期2022年11月30日起3个月（民法典第201、202条，到期月无对应日取月末），2023年2月28日", deadline.Explanation);
    }

    [Fact]
    public void AssistingOpinion_AssignedJan31InLeapYear_EndsOnFeb29()
    {
        var deadline = Calculator().ReplyDeadline(HandlingRole.Assisting, D(2024, 1, 31));

        Assert.Equal(D(2024, 2, 29), deadline.Date);
        Assert.Equal(DeadlineRule.AssistingOpinion, deadline.Rule);
    }

    [Fact]
    public void LeadReply_OrdinaryDate_IsSameDayThreeMonthsLater()
    {
        var deadline = Calculator().ReplyDeadline(HandlingRole.Lead, D(2022, 3, 15));

        Assert.Equal(D(2022, 6, 15), deadline.Date);
        Assert.Equal("交办日期2022年3月15日起3个月（民法典第201、202条），2022年6月15日", deadline.Explanation);
    }

    [Fact]
    public void LeadReply_UsesConfiguredMonths()
    {
        var deadline = Calculator(new DeadlineOptions { LeadReplyMonths = 2 }).ReplyDeadline(HandlingRole.Lead, D(2022, 3, 15));

        Assert.Equal(D(2022, 5, 15), deadline.Date);
        Assert.Contains("起2个月", deadline.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void AssistingOpinion_UsesConfiguredMonths()
    {
        var deadline = Calculator(new DeadlineOptions { AssistingOpinionMonths = 2 })
            .ReplyDeadline(HandlingRole.Assisting, D(2022, 3, 15));

        Assert.Equal(D(2022, 5, 15), deadline.Date);
    }

    // ---- Precedence: explicit > batch > rule ----

    [Fact]
    public void ReplyDeadline_ExplicitDeadline_WinsOverBatchDate()
    {
        var deadline = Calculator().ReplyDeadline(HandlingRole.Lead, D(2022, 3, 15),
            batchFixedDate: D(2022, 7, 10), explicitDeadline: D(2022, 6, 30));

        Assert.Equal(D(2022, 6, 30), deadline.Date);
        Assert.Equal(DeadlineRule.ExplicitOnImport, deadline.Rule);
        Assert.Contains("2022年6月30日", deadline.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void ReplyDeadline_ExplicitDeadline_AppliesToAssistingItems()
    {
        var deadline = Calculator().ReplyDeadline(HandlingRole.Assisting, D(2022, 3, 15), explicitDeadline: D(2022, 4, 1));

        Assert.Equal(D(2022, 4, 1), deadline.Date);
        Assert.Equal(DeadlineRule.ExplicitOnImport, deadline.Rule);
    }

    [Fact]
    public void ReplyDeadline_BatchFixedDate_WinsOverMonthRuleForLeadItems()
    {
        var deadline = Calculator().ReplyDeadline(HandlingRole.Lead, D(2022, 3, 15), batchFixedDate: D(2022, 7, 10));

        Assert.Equal(D(2022, 7, 10), deadline.Date);
        Assert.Equal(DeadlineRule.BatchFixedDate, deadline.Rule);
        Assert.Equal("本批次统一办理时限：2022年7月10日", deadline.Explanation);
    }

    [Fact]
    public void ReplyDeadline_BatchFixedDate_IsIgnoredForAssistingItems()
    {
        var deadline = Calculator().ReplyDeadline(HandlingRole.Assisting, D(2022, 3, 15), batchFixedDate: D(2022, 7, 10));

        Assert.Equal(D(2022, 4, 15), deadline.Date);
        Assert.Equal(DeadlineRule.AssistingOpinion, deadline.Rule);
        Assert.Contains("只适用于主办件", deadline.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void ReplyDeadline_ExplicitOrBatchDate_IsNotMovedEvenWhenMoveIsOn()
    {
        var saturday = D(2023, 6, 17);

        Assert.Equal(saturday, Moving().ReplyDeadline(HandlingRole.Lead, D(2023, 3, 1), batchFixedDate: saturday).Date);
        Assert.Equal(saturday, Moving().ReplyDeadline(HandlingRole.Lead, D(2023, 3, 1), explicitDeadline: saturday).Date);
    }

    // ---- Art. 203: move to the next working day ----

    [Fact]
    public void LeadReply_FallingOnSaturday_StaysByDefault()
    {
        var deadline = Calculator().ReplyDeadline(HandlingRole.Lead, D(2023, 3, 17));

        Assert.Equal(D(2023, 6, 17), deadline.Date);
        Assert.Null(deadline.MovedFrom);
    }

    [Fact]
    public void LeadReply_FallingOnSaturday_MovesToMonday_WhenMoveIsOn()
    {
        var deadline = Moving().ReplyDeadline(HandlingRole.Lead, D(2023, 3, 17));

        Assert.Equal(D(2023, 6, 19), deadline.Date);
        Assert.Equal(D(2023, 6, 17), deadline.MovedFrom);
        Assert.Equal([D(2023, 6, 17), D(2023, 6, 18)], deadline.NonWorkingDaysSkipped);
        Assert.Contains("顺延至2023年6月19日（民法典第203条）", deadline.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void LeadReply_FallingInNationalDayHoliday_MovesToMakeUpSaturday()
    {
        // 2022-10-02 (Sunday, 国庆节) → 10-03..10-07 are holidays → 10-08 is a 调休 working Saturday.
        var deadline = Moving().ReplyDeadline(HandlingRole.Lead, D(2022, 7, 2));

        Assert.Equal(D(2022, 10, 8), deadline.Date);
        Assert.Equal(DayOfWeek.Saturday, deadline.Date.DayOfWeek);
        Assert.Equal(D(2022, 10, 2), deadline.MovedFrom);
        Assert.Equal(6, deadline.NonWorkingDaysSkipped.Count);
        Assert.Contains("2022年10月2日为非工作日（国庆节）", deadline.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void LeadReply_OnWorkingDay_IsNotMoved_WhenMoveIsOn()
    {
        var deadline = Moving().ReplyDeadline(HandlingRole.Lead, D(2022, 3, 15));

        Assert.Equal(D(2022, 6, 15), deadline.Date);
        Assert.Null(deadline.MovedFrom);
    }

    [Fact]
    public void LeadReply_MovedIntoYearWithoutHolidayData_WarnsInExplanation()
    {
        var deadline = Moving().ReplyDeadline(HandlingRole.Lead, D(2026, 1, 15));

        Assert.Contains("2026年节假日安排未录入", deadline.Explanation, StringComparison.Ordinal);
    }

    // ---- Working-day periods ----

    [Fact]
    public void ReturnWindow_OverSpringFestival2022_CountsMakeUpWeekendAndSkipsHoliday()
    {
        // Fri 01-28 assigned. Sat 01-29 (1), Sun 01-30 (2) are 调休 working days; 01-31..02-06 off;
        // Mon 02-07 (3), 02-08 (4), 02-09 (5).
        var deadline = Calculator().ReturnWindowEnd(D(2022, 1, 28));

        Assert.Equal(D(2022, 2, 9), deadline.Date);
        Assert.Equal(DeadlineRule.ReturnWindow, deadline.Rule);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => D(2022, 1, 31).AddDays(i)), deadline.NonWorkingDaysSkipped);
        Assert.Equal(
            "交办日期2022年1月28日后5个工作日（含调休上班日2天：2022年1月29日至2022年1月30日），" +
            "跳过非工作日7天（2022年1月31日至2022年2月6日），2022年2月9日",
            deadline.Explanation);
    }

    [Fact]
    public void FirstContact_OverLabourDay2022_Is15WorkingDaysLater()
    {
        // Wed 04-20 assigned. 04-21,22 (2), Sun 04-24 调休 (3), 04-25..29 (8), 04-30..05-04 off,
        // 05-05,06 (10), Sat 05-07 调休 (11), 05-09..12 (15).
        var deadline = Calculator().FirstContactDue(D(2022, 4, 20));

        Assert.Equal(D(2022, 5, 12), deadline.Date);
        Assert.Equal(DeadlineRule.FirstContact, deadline.Rule);
        Assert.Equal(
            [D(2022, 4, 23), D(2022, 4, 30), D(2022, 5, 1), D(2022, 5, 2), D(2022, 5, 3), D(2022, 5, 4), D(2022, 5, 8)],
            deadline.NonWorkingDaysSkipped);
    }

    [Fact]
    public void ReturnWindow_UsesConfiguredWorkingDays()
    {
        var deadline = Calculator(new DeadlineOptions { ReturnWindowWorkingDays = 1 }).ReturnWindowEnd(D(2022, 3, 18));

        Assert.Equal(D(2022, 3, 21), deadline.Date);
    }

    [Fact]
    public void ReturnWindow_InYearWithoutHolidayData_CountsWeekendsOnlyAndWarns()
    {
        var deadline = Calculator(calendar: WorkingDayCalendar.Empty).ReturnWindowEnd(D(2022, 1, 28));

        Assert.Equal(D(2022, 2, 4), deadline.Date);
        Assert.Contains("2022年节假日安排未录入，仅按周末计算", deadline.Explanation, StringComparison.Ordinal);
    }

    // ---- Re-handling ----

    [Fact]
    public void Rehandling_IsOneMonthAfterReopening_EndOfMonthWhenNoSuchDay()
    {
        var deadline = Calculator().RehandlingDeadline(D(2023, 1, 31));

        Assert.Equal(D(2023, 2, 28), deadline.Date);
        Assert.Equal(DeadlineRule.Rehandling, deadline.Rule);
        Assert.StartsWith("重新办理日期2023年1月31日起1个月", deadline.Explanation, StringComparison.Ordinal);
    }

    // ---- Extension ----

    [Fact]
    public void ExtensionCap_IsSixMonthsAfterAssignment()
    {
        Assert.Equal(D(2023, 5, 30), Calculator().ExtensionCap(D(2022, 11, 30)));
        Assert.Equal(D(2024, 7, 31), Calculator().ExtensionCap(D(2024, 1, 31)));
        Assert.Equal(D(2024, 2, 29), Calculator().ExtensionCap(D(2023, 8, 31)));
    }

    [Fact]
    public void CheckExtension_BeyondCap_IsRefusedWithChineseMessage()
    {
        var check = Calculator().CheckExtension(D(2022, 11, 30), D(2023, 2, 28), D(2023, 5, 31), "需跨部门协调");

        Assert.False(check.IsAccepted);
        Assert.Null(check.Deadline);
        Assert.Equal("延期不得超过交办日期后6个月（2023年5月30日）", check.Error);
    }

    [Fact]
    public void CheckExtension_OnCap_IsAcceptedAsExtensionDeadline()
    {
        var check = Calculator().CheckExtension(D(2022, 11, 30), D(2023, 2, 28), D(2023, 5, 30), "  需跨部门协调 ");

        Assert.True(check.IsAccepted);
        Assert.Null(check.Error);
        Assert.Equal(D(2023, 5, 30), check.Deadline.Date);
        Assert.Equal(DeadlineRule.Extension, check.Deadline.Rule);
        Assert.Equal(D(2022, 11, 30), check.Deadline.Start);
        Assert.EndsWith("理由：需跨部门协调", check.Deadline.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void CheckExtension_WithoutReason_IsRefused(string? reason)
    {
        var check = Calculator().CheckExtension(D(2022, 11, 30), D(2023, 2, 28), D(2023, 4, 30), reason);

        Assert.False(check.IsAccepted);
        Assert.Equal("延期须填写理由", check.Error);
    }

    [Theory]
    [InlineData(2023, 2, 27)]
    [InlineData(2023, 2, 28)]
    public void CheckExtension_NotAfterCurrentDeadline_IsRefused(int y, int m, int d)
    {
        var check = Calculator().CheckExtension(D(2022, 11, 30), D(2023, 2, 28), D(y, m, d), "理由");

        Assert.False(check.IsAccepted);
        Assert.Equal("延期后的办理时限须晚于现办理时限（2023年2月28日）", check.Error);
    }

    [Fact]
    public void CheckExtension_UsesConfiguredCap()
    {
        var check = Calculator(new DeadlineOptions { ExtensionCapMonths = 4 })
            .CheckExtension(D(2022, 11, 30), D(2023, 2, 28), D(2023, 4, 1), "理由");

        Assert.Equal("延期不得超过交办日期后4个月（2023年3月30日）", check.Error);
    }

    // ---- Classify ----

    [Theory]
    [InlineData(0, false, DeadlineLevel.Urgent)]   // deadline today: not overdue yet
    [InlineData(-1, false, DeadlineLevel.Overdue)] // deadline was yesterday
    [InlineData(7, false, DeadlineLevel.Urgent)]
    [InlineData(8, false, DeadlineLevel.DueSoon)]
    [InlineData(15, false, DeadlineLevel.DueSoon)]
    [InlineData(16, false, DeadlineLevel.Normal)]
    [InlineData(-30, true, DeadlineLevel.Done)]    // done is never overdue
    [InlineData(3, true, DeadlineLevel.Done)]
    public void Classify_UsesCalendarDaysAndThresholds(int daysLeft, bool done, DeadlineLevel expected)
    {
        var today = D(2023, 2, 20);

        var status = Calculator().Classify(today.AddDays(daysLeft), today, done);

        Assert.Equal(expected, status.Level);
        Assert.Equal(daysLeft, status.DaysLeft);
    }

    [Fact]
    public void Classify_UsesConfiguredThresholds()
    {
        var calc = Calculator(new DeadlineOptions { DueSoonDays = 30, UrgentDays = 3 });
        var today = D(2023, 2, 20);

        Assert.Equal(DeadlineLevel.DueSoon, calc.Classify(today.AddDays(20), today, false).Level);
        Assert.Equal(DeadlineLevel.DueSoon, calc.Classify(today.AddDays(5), today, false).Level);
        Assert.Equal(DeadlineLevel.Urgent, calc.Classify(today.AddDays(3), today, false).Level);
    }

    // ---- Options ----

    [Fact]
    public void Constructor_RejectsNonPositiveMonths()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Calculator(new DeadlineOptions { LeadReplyMonths = 0 }));
    }

    [Fact]
    public void Calculator_KeepsOptionsAsTheyWereWhenBuilt()
    {
        var options = new DeadlineOptions();
        var calc = Calculator(options);
        options.LeadReplyMonths = 1;

        Assert.Equal(D(2022, 6, 15), calc.ReplyDeadline(HandlingRole.Lead, D(2022, 3, 15)).Date);
    }
}
