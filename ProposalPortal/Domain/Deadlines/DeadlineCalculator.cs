using System.Text;
using ProposalPortal.Domain.Proposals;

namespace ProposalPortal.Domain.Deadlines;

/// <summary>
/// The deadline rules of DOMAIN.md "Deadlines (defaults)". Months follow Civil Code arts. 201–203; working-day
/// periods follow the holiday calendar. Every result carries a Chinese explanation the user can check by hand.
/// </summary>
public sealed class DeadlineCalculator(DeadlineOptions options, WorkingDayCalendar calendar)
{
    private readonly DeadlineOptions _options = Validated(options);
    private readonly WorkingDayCalendar _calendar = calendar ?? throw new ArgumentNullException(nameof(calendar));

    /// <summary>The rules in force (a copy taken at construction).</summary>
    public DeadlineOptions Options => _options;

    public WorkingDayCalendar Calendar => _calendar;

    /// <summary>
    /// The reply (主办) or opinion (协办) deadline: an explicit 办理时限 from the import wins, then the batch's fixed
    /// date (主办 only), else N months after assignment.
    /// </summary>
    public Deadline ReplyDeadline(HandlingRole role, DateOnly assignedOn, DateOnly? batchFixedDate = null,
        DateOnly? explicitDeadline = null)
    {
        if (explicitDeadline is { } given)
        {
            return new Deadline(given, DeadlineRule.ExplicitOnImport, assignedOn,
                $"导入数据中的办理时限：{ChineseDate.Format(given)}", [], null);
        }

        switch (role)
        {
            case HandlingRole.Lead when batchFixedDate is { } fixedDate:
                return new Deadline(fixedDate, DeadlineRule.BatchFixedDate, assignedOn,
                    $"本批次统一办理时限：{ChineseDate.Format(fixedDate)}", [], null);
            case HandlingRole.Lead:
                return MonthsAfter(assignedOn, _options.LeadReplyMonths, DeadlineRule.LeadReply, "交办日期");
            case HandlingRole.Assisting:
                var opinion = MonthsAfter(assignedOn, _options.AssistingOpinionMonths, DeadlineRule.AssistingOpinion, "交办日期");
                // A batch date is for the lead reply; the assisting opinion must reach the lead unit before that.
                return batchFixedDate is null
                    ? opinion
                    : opinion with { Explanation = opinion.Explanation + "（批次统一办理时限只适用于主办件）" };
            default:
                throw new ArgumentOutOfRangeException(nameof(role), role, null);
        }
    }

    /// <summary>申请退回 window: the last day a return may be requested.</summary>
    public Deadline ReturnWindowEnd(DateOnly assignedOn) =>
        WorkingDaysAfter(assignedOn, _options.ReturnWindowWorkingDays, DeadlineRule.ReturnWindow);

    /// <summary>办前联系: the day by which the proposer must have been contacted.</summary>
    public Deadline FirstContactDue(DateOnly assignedOn) =>
        WorkingDaysAfter(assignedOn, _options.FirstContactWorkingDays, DeadlineRule.FirstContact);

    /// <summary>征询意见: the last day the proposer may answer (or change their answer), counted from the issue date.</summary>
    public DateOnly EvaluationWindowEnd(DateOnly issuedOn) =>
        _calendar.AddWorkingDays(issuedOn, _options.EvaluationWorkingDays).End;

    /// <summary>重新办理 after 不满意: N months after reopening.</summary>
    public Deadline RehandlingDeadline(DateOnly reopenedOn) =>
        MonthsAfter(reopenedOn, _options.RehandlingMonths, DeadlineRule.Rehandling, "重新办理日期");

    /// <summary>
    /// The latest date an extension may reach. Moved to the next working day like any other month-based
    /// period when <see cref="DeadlineOptions.MoveToNextWorkingDay"/> is on.
    /// </summary>
    public DateOnly ExtensionCap(DateOnly assignedOn)
    {
        var cap = assignedOn.AddMonths(_options.ExtensionCapMonths);
        return _options.MoveToNextWorkingDay ? _calendar.NextWorkingDayOnOrAfter(cap) : cap;
    }

    /// <summary>Checks a 延期 request: a reason, a date after the current deadline, and within the cap.</summary>
    public ExtensionCheck CheckExtension(DateOnly assignedOn, DateOnly currentDeadline, DateOnly requested, string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return ExtensionCheck.Refused("延期须填写理由");
        }

        if (requested <= currentDeadline)
        {
            return ExtensionCheck.Refused(
                $"延期后的办理时限须晚于现办理时限（{ChineseDate.Format(currentDeadline)}）");
        }

        var cap = ExtensionCap(assignedOn);
        if (requested > cap)
        {
            return ExtensionCheck.Refused(
                $"延期不得超过交办日期后{_options.ExtensionCapMonths}个月（{ChineseDate.Format(cap)}）");
        }

        return ExtensionCheck.Accepted(new Deadline(requested, DeadlineRule.Extension, assignedOn,
            $"经批准由{ChineseDate.Format(currentDeadline)}延期至{ChineseDate.Format(requested)}" +
            $"（不超过交办日期{ChineseDate.Format(assignedOn)}后{_options.ExtensionCapMonths}个月，即{ChineseDate.Format(cap)}），理由：{reason.Trim()}",
            [], null));
    }

    /// <summary>How pressing a deadline is today, in calendar days. A done step is never overdue.</summary>
    public DeadlineStatus Classify(DateOnly deadline, DateOnly today, bool stepDone)
    {
        var daysLeft = deadline.DayNumber - today.DayNumber;
        var level = stepDone ? DeadlineLevel.Done
            : daysLeft < 0 ? DeadlineLevel.Overdue
            : daysLeft <= _options.UrgentDays ? DeadlineLevel.Urgent
            : daysLeft <= _options.DueSoonDays ? DeadlineLevel.DueSoon
            : DeadlineLevel.Normal;
        return new DeadlineStatus(level, daysLeft);
    }

    private Deadline MonthsAfter(DateOnly start, int months, DeadlineRule rule, string startLabel)
    {
        // Art. 202: the corresponding day of the last month, or its last day when it has none; AddMonths does both.
        var date = start.AddMonths(months);
        var text = new StringBuilder()
            .Append(startLabel).Append(ChineseDate.Format(start)).Append('起').Append(months).Append("个月")
            .Append(date.Day == start.Day ? "（民法典第201、202条）" : "（民法典第201、202条，到期月无对应日取月末）")
            .Append('，').Append(ChineseDate.Format(date));

        if (!_options.MoveToNextWorkingDay || _calendar.IsWorkingDay(date))
        {
            if (_options.MoveToNextWorkingDay)
            {
                AppendMissingYears(text, date, date);
            }

            return new Deadline(date, rule, start, text.ToString(), [], null);
        }

        var moved = _calendar.NextWorkingDayOnOrAfter(date);
        var skipped = new List<DateOnly>();
        for (var d = date; d < moved; d = d.AddDays(1))
        {
            skipped.Add(d);
        }

        text.Append("为非工作日（").Append(DayName(date)).Append("），顺延至")
            .Append(ChineseDate.Format(moved)).Append("（民法典第203条）");
        AppendMissingYears(text, date, moved);
        return new Deadline(moved, rule, start, text.ToString(), skipped, date);
    }

    private Deadline WorkingDaysAfter(DateOnly start, int count, DeadlineRule rule)
    {
        var span = _calendar.AddWorkingDays(start, count);
        var text = new StringBuilder()
            .Append("交办日期").Append(ChineseDate.Format(start)).Append('后').Append(count).Append("个工作日");
        if (span.MakeUpWorkdaysCounted.Count > 0)
        {
            text.Append("（含调休上班日").Append(span.MakeUpWorkdaysCounted.Count).Append("天：")
                .Append(DescribeDates(span.MakeUpWorkdaysCounted)).Append('）');
        }

        if (span.Skipped.Count > 0)
        {
            text.Append("，跳过非工作日").Append(span.Skipped.Count).Append("天（")
                .Append(DescribeDates(span.Skipped)).Append('）');
        }

        text.Append('，').Append(ChineseDate.Format(span.End));
        AppendMissingYears(text, start, span.End);
        return new Deadline(span.End, rule, start, text.ToString(), span.Skipped, null);
    }

    // A count over a year whose notice was not entered treats its holidays as working days; say so rather than
    // let the user trust a date that may be early.
    private void AppendMissingYears(StringBuilder text, DateOnly from, DateOnly to)
    {
        var missing = Enumerable.Range(from.Year, to.Year - from.Year + 1).Where(y => !_calendar.HasDataFor(y)).ToList();
        if (missing.Count > 0)
        {
            text.Append("（注意：").Append(string.Join("、", missing.Select(y => $"{y}年"))).Append("节假日安排未录入，仅按周末计算）");
        }
    }

    private string DayName(DateOnly date) =>
        _calendar.Find(date)?.Name ?? (date.DayOfWeek == DayOfWeek.Saturday ? "星期六" : "星期日");

    // Runs of consecutive dates read as one range: 2022年1月31日至2022年2月6日、2022年2月12日.
    private static string DescribeDates(IReadOnlyList<DateOnly> dates)
    {
        var parts = new List<string>();
        var i = 0;
        while (i < dates.Count)
        {
            var j = i;
            while (j + 1 < dates.Count && dates[j + 1] == dates[j].AddDays(1))
            {
                j++;
            }

            parts.Add(i == j
                ? ChineseDate.Format(dates[i])
                : $"{ChineseDate.Format(dates[i])}至{ChineseDate.Format(dates[j])}");
            i = j + 1;
        }

        return string.Join("、", parts);
    }

    private static DeadlineOptions Validated(DeadlineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Misconfigured rules should fail at startup, not produce odd deadlines months later.
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.LeadReplyMonths, nameof(options.LeadReplyMonths));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.AssistingOpinionMonths, nameof(options.AssistingOpinionMonths));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.ReturnWindowWorkingDays, nameof(options.ReturnWindowWorkingDays));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.FirstContactWorkingDays, nameof(options.FirstContactWorkingDays));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.ExtensionCapMonths, nameof(options.ExtensionCapMonths));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.RehandlingMonths, nameof(options.RehandlingMonths));
        ArgumentOutOfRangeException.ThrowIfNegative(options.DueSoonDays, nameof(options.DueSoonDays));
        ArgumentOutOfRangeException.ThrowIfNegative(options.UrgentDays, nameof(options.UrgentDays));

        // A copy, so changing the bound options object later cannot change this calculator's answers.
        return new DeadlineOptions
        {
            LeadReplyMonths = options.LeadReplyMonths,
            AssistingOpinionMonths = options.AssistingOpinionMonths,
            ReturnWindowWorkingDays = options.ReturnWindowWorkingDays,
            FirstContactWorkingDays = options.FirstContactWorkingDays,
            ExtensionCapMonths = options.ExtensionCapMonths,
            RehandlingMonths = options.RehandlingMonths,
            DueSoonDays = options.DueSoonDays,
            UrgentDays = options.UrgentDays,
            MoveToNextWorkingDay = options.MoveToNextWorkingDay,
        };
    }
}
