using System.Collections.Frozen;

namespace ProposalPortal.Domain.Deadlines;

/// <summary>
/// Result of counting working days: the day the count ends on, the non-working days passed over, and the
/// 调休 weekend days that were counted as working days.
/// </summary>
public sealed record WorkingDaySpan(DateOnly End, IReadOnlyList<DateOnly> Skipped, IReadOnlyList<DateOnly> MakeUpWorkdaysCounted);

/// <summary>
/// Which days are working days. Weekends are non-working unless a notice makes them 调休 working days;
/// Holiday entries are non-working even on weekdays. Immutable.
/// </summary>
public sealed class WorkingDayCalendar
{
    private readonly FrozenDictionary<DateOnly, CalendarDay> _byDate;
    private readonly FrozenSet<int> _years;

    /// <exception cref="ArgumentException">The same date is both a holiday and a make-up working day.</exception>
    public WorkingDayCalendar(IEnumerable<CalendarDay> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        var byDate = new Dictionary<DateOnly, CalendarDay>();
        foreach (var day in days)
        {
            if (byDate.TryGetValue(day.Date, out var existing))
            {
                // The same date listed twice with the same meaning is harmless (e.g. shipped + user-entered data);
                // contradicting entries mean the data is wrong and every count would silently depend on order.
                if (existing.Kind != day.Kind)
                {
                    throw new ArgumentException(
                        $"{ChineseDate.Format(day.Date)}既登记为放假又登记为调休上班，请更正节假日数据", nameof(days));
                }

                continue;
            }

            byDate.Add(day.Date, day);
        }

        _byDate = byDate.ToFrozenDictionary();
        _years = byDate.Keys.Select(d => d.Year).ToFrozenSet();
        Days = [.. byDate.Values.OrderBy(d => d.Date)];
    }

    /// <summary>A calendar without holiday data: only weekends are non-working.</summary>
    public static WorkingDayCalendar Empty { get; } = new([]);

    /// <summary>All entries, by date.</summary>
    public IReadOnlyList<CalendarDay> Days { get; }

    /// <summary>True when the calendar holds any entry for <paramref name="year"/>; false means that year's holidays were not entered.</summary>
    public bool HasDataFor(int year) => _years.Contains(year);

    /// <summary>The notice entry for a date, if any (for naming the holiday in texts).</summary>
    public CalendarDay? Find(DateOnly date) => _byDate.GetValueOrDefault(date);

    public bool IsWorkingDay(DateOnly date)
    {
        if (_byDate.TryGetValue(date, out var entry))
        {
            return entry.Kind == CalendarDayKind.MakeUpWorkday;
        }

        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    /// <summary>
    /// Counts <paramref name="count"/> working days after <paramref name="start"/> (the start day itself is not
    /// counted). A count of 0 returns the start day.
    /// </summary>
    public WorkingDaySpan AddWorkingDays(DateOnly start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var skipped = new List<DateOnly>();
        var makeUp = new List<DateOnly>();
        var day = start;
        var counted = 0;
        while (counted < count)
        {
            day = day.AddDays(1);
            if (!IsWorkingDay(day))
            {
                skipped.Add(day);
                continue;
            }

            counted++;
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                makeUp.Add(day);
            }
        }

        return new WorkingDaySpan(day, skipped, makeUp);
    }

    public DateOnly NextWorkingDayOnOrAfter(DateOnly date)
    {
        while (!IsWorkingDay(date))
        {
            date = date.AddDays(1);
        }

        return date;
    }

    /// <summary>Working days in (<paramref name="fromExclusive"/>, <paramref name="toInclusive"/>]; 0 when the range is empty.</summary>
    public int WorkingDaysBetween(DateOnly fromExclusive, DateOnly toInclusive)
    {
        var n = 0;
        for (var day = fromExclusive.AddDays(1); day <= toInclusive; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                n++;
            }
        }

        return n;
    }
}
