namespace ProposalPortal.Domain.Deadlines;

/// <summary>What the State Council's notice says about a date.</summary>
public enum CalendarDayKind
{
    /// <summary>放假: not a working day, even on a weekday.</summary>
    Holiday,

    /// <summary>调休上班: a weekend day that is a working day.</summary>
    MakeUpWorkday,
}

/// <summary>One dated entry of a holiday notice, e.g. 2022-01-29 MakeUpWorkday 春节.</summary>
public sealed record CalendarDay(DateOnly Date, CalendarDayKind Kind, string Name);
