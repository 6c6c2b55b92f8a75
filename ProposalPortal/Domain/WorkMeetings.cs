namespace ProposalPortal.Domain;

/// <summary>The kinds of meetings the annual summary counts.</summary>
public enum WorkMeetingKind
{
    /// <summary>局领导班子会.</summary>
    LeadershipTeam,
    /// <summary>领导小组会议.</summary>
    LeadingGroup,
    /// <summary>职工会 (动员推进).</summary>
    StaffMobilization,
    /// <summary>专题会议.</summary>
    Special,
}

/// <summary>A meeting held about the year's handling work.</summary>
public sealed class WorkMeeting
{
    private WorkMeeting()
    {
        Subject = string.Empty;
    }

    public WorkMeeting(WorkMeetingKind kind, DateOnly date, string subject)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        Kind = kind;
        Date = date;
        Subject = subject.Trim();
        Year = date.Year;
    }

    public int Id { get; private set; }
    public WorkMeetingKind Kind { get; private set; }
    public DateOnly Date { get; private set; }
    public int Year { get; private set; }
    public string Subject { get; private set; }
}
