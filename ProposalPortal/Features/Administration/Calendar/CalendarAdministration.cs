using Microsoft.EntityFrameworkCore;
using ProposalPortal.Domain;
using ProposalPortal.Data;
using ProposalPortal.Domain.Deadlines;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Administration.Audit;
using ProposalPortal.Features.Common;
using static ProposalPortal.Features.Administration.AdminChecks;

namespace ProposalPortal.Features.Administration.Calendar;

/// <summary>
/// The Admin's working-day calendar: holidays (放假) and 调休 make-up working days, which every deadline counts. Every
/// call takes the acting <see cref="Actor"/> and is refused unless they are 系统管理员; a refused call says why in
/// Chinese and saves nothing. Every change is saved together with its record in <see cref="AdminAuditLog"/>, and the
/// workflow's cached calendar is dropped so that the next deadline counts the change.
/// </summary>
public sealed class CalendarAdministration(
    IDbContextFactory<PortalDbContext> dbFactory,
    WorkflowContextFactory workflowContexts,
    AdminAuditLog audit)
{
    /// <summary>The entries of a year, by date; an empty list means the year's holidays have not been entered.</summary>
    public async Task<Result<IReadOnlyList<CalendarDay>>> CalendarYearAsync(Actor actor, int year, CancellationToken cancellationToken = default)
    {
        if (Refuse(actor, "查看工作日历") is { } refused)
        {
            return Result.Refused(refused);
        }

        var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        IReadOnlyList<CalendarDay> days = await db.CalendarDays.AsNoTracking()
            .Where(d => d.Date >= from && d.Date <= to).OrderBy(d => d.Date).ToListAsync(cancellationToken);
        return Result<IReadOnlyList<CalendarDay>>.Ok(days);
    }

    /// <summary>The years in [<paramref name="fromYear"/>, <paramref name="toYear"/>] without any entry: there only weekends are days off.</summary>
    public async Task<Result<IReadOnlyList<int>>> YearsWithoutEntriesAsync(Actor actor, int fromYear, int toYear, CancellationToken cancellationToken = default)
    {
        if (Refuse(actor, "查看工作日历") is { } refused)
        {
            return Result.Refused(refused);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var present = (await db.CalendarDays.AsNoTracking().Select(d => d.Date).ToListAsync(cancellationToken)).Select(d => d.Year).ToHashSet();
        IReadOnlyList<int> missing = [.. Enumerable.Range(fromYear, Math.Max(0, toYear - fromYear + 1)).Where(y => !present.Contains(y))];
        return Result<IReadOnlyList<int>>.Ok(missing);
    }

    /// <summary>Enters a holiday (放假) or a 调休 make-up working day; a date has at most one entry.</summary>
    public async Task<Result> AddCalendarDayAsync(Actor actor, DateOnly date, CalendarDayKind kind, string name, CancellationToken cancellationToken = default)
    {
        if (Refuse(actor, "维护工作日历") is { } refused)
        {
            return Result.Refused(refused);
        }

        if (CheckCalendarDay(date, kind, name) is { } error)
        {
            return Result.Refused(error);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.CalendarDays.AsNoTracking().SingleOrDefaultAsync(d => d.Date == date, cancellationToken) is { } existing)
        {
            return Result.Refused(
                $"{ChineseDate.Format(date)}已登记为{KindText(existing.Kind)}（{existing.Name}），不能重复登记；如需更改请修改该条目");
        }

        var day = new CalendarDay(date, kind, name.Trim());
        db.CalendarDays.Add(day);
        audit.Add(db, actor, AdminActions.CalendarAdd, CalendarTarget(date), null, DescribeDay(day));
        await db.SaveChangesAsync(cancellationToken);
        workflowContexts.InvalidateCalendar();
        return Result.Ok;
    }

    /// <summary>Changes the kind or name of an entry. To move it to another date, remove it and add a new one.</summary>
    public async Task<Result> ChangeCalendarDayAsync(Actor actor, DateOnly date, CalendarDayKind kind, string name, CancellationToken cancellationToken = default)
    {
        if (Refuse(actor, "维护工作日历") is { } refused)
        {
            return Result.Refused(refused);
        }

        if (CheckCalendarDay(date, kind, name) is { } error)
        {
            return Result.Refused(error);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var existing = await db.CalendarDays.SingleOrDefaultAsync(d => d.Date == date, cancellationToken);
        if (existing is null)
        {
            return Result.Refused($"{ChineseDate.Format(date)}没有登记，无法修改");
        }

        // CalendarDay is an immutable record: the tracked row takes the new values.
        var changed = new CalendarDay(date, kind, name.Trim());
        audit.Add(db, actor, AdminActions.CalendarChange, CalendarTarget(date), DescribeDay(existing), DescribeDay(changed));
        db.Entry(existing).CurrentValues.SetValues(changed);
        await db.SaveChangesAsync(cancellationToken);
        workflowContexts.InvalidateCalendar();
        return Result.Ok;
    }

    public async Task<Result> RemoveCalendarDayAsync(Actor actor, DateOnly date, CancellationToken cancellationToken = default)
    {
        if (Refuse(actor, "维护工作日历") is { } refused)
        {
            return Result.Refused(refused);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var existing = await db.CalendarDays.SingleOrDefaultAsync(d => d.Date == date, cancellationToken);
        if (existing is null)
        {
            return Result.Refused($"{ChineseDate.Format(date)}没有登记，无需删除");
        }

        db.CalendarDays.Remove(existing);
        audit.Add(db, actor, AdminActions.CalendarRemove, CalendarTarget(date), DescribeDay(existing), null);
        await db.SaveChangesAsync(cancellationToken);
        workflowContexts.InvalidateCalendar();
        return Result.Ok;
    }

    /// <summary>放假 / 调休上班, as the calendar page and the refusals name the kinds.</summary>
    public static string KindText(CalendarDayKind kind) => kind == CalendarDayKind.Holiday ? "放假" : "调休上班";

    public static string WeekdayText(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => "星期一",
        DayOfWeek.Tuesday => "星期二",
        DayOfWeek.Wednesday => "星期三",
        DayOfWeek.Thursday => "星期四",
        DayOfWeek.Friday => "星期五",
        DayOfWeek.Saturday => "星期六",
        _ => "星期日",
    };

    private static string CalendarTarget(DateOnly date) => $"工作日历 {ChineseDate.Format(date)}";

    private static string DescribeDay(CalendarDay day) => $"{KindText(day.Kind)}（{day.Name}）";

    private static string? CheckCalendarDay(DateOnly date, CalendarDayKind kind, string? name)
    {
        if (!Enum.IsDefined(kind))
        {
            return "请选择放假或调休上班";
        }

        if (kind == CalendarDayKind.MakeUpWorkday && date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
        {
            return $"调休上班日须为周六或周日，{ChineseDate.Format(date)}是{WeekdayText(date.DayOfWeek)}，本来就是工作日";
        }

        return CheckText(name, "节假日名称（如 春节）", required: true, NameMaxLength);
    }
}
