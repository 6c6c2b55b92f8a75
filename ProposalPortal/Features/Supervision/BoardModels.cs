using ProposalPortal.Domain.Deadlines;
using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Features.Supervision;

/// <summary>Whose data a board shows: the whole bureau (leaders, the Office, read-only displays) or one section.</summary>
public sealed record BoardScope(int? SectionId)
{
    public static readonly BoardScope WholeBureau = new((int?)null);

    public bool IsWholeBureau => SectionId is null;

    /// <summary>The scope of a person; null when they may not see any board (neither a leader, the Office nor in a section).</summary>
    public static BoardScope? For(Actor actor) =>
        actor.SeesEverything ? WholeBureau
        : actor.Has(Domain.Organization.StaffRoles.SectionStaff) && actor.SectionId is { } section ? new BoardScope(section)
        : null;
}

/// <summary>The headline figures. Rates are the bureau's (from the statistics service) and absent for a section board.</summary>
public sealed record BoardHeadline(
    int Received, int Lead, int Assisting, int Closed, int Open, int Overdue, int DueSoon,
    string? CompletionRate, string? OnTimeRate, string? SatisfactionRate, string? PublicationRate);

/// <summary>One row of the overdue / due-soon list and of the forecast.</summary>
public sealed record BoardItem(
    int Id, string Designation, string Title, bool IsKey, string Section, string Handler, string Leader,
    string State, DateOnly Deadline, int DaysLeft, DeadlineLevel Level, int IdleDays);

/// <summary>Per-section load: open items split by state, overdue and due soon.</summary>
public sealed record SectionLoad(int SectionId, string Section, IReadOnlyList<StateCount> OpenByState, int Open, int Overdue, int DueSoon, int LateCommitments)
{
    // By value, the split included (a record compares a list by reference): BoardParts keeps the previous snapshot's
    // panel data when it did not change, so that no board re-renders it.
    public bool Equals(SectionLoad? other) =>
        other is not null && SectionId == other.SectionId && Section == other.Section && Open == other.Open && Overdue == other.Overdue
        && DueSoon == other.DueSoon && LateCommitments == other.LateCommitments && OpenByState.SequenceEqual(other.OpenByState);

    public override int GetHashCode() => HashCode.Combine(SectionId, Open, Overdue, DueSoon, LateCommitments);
}

public sealed record StateCount(string State, int Count);

/// <summary>One step of a key item's progress.</summary>
public sealed record ProgressStep(string Name, bool Done);

public sealed record KeyProgress(
    int Id, string Designation, string Title, string Section, DateOnly? Deadline, int? DaysLeft, DeadlineLevel? Level,
    string State, IReadOnlyList<ProgressStep> Steps)
{
    public int Percent => Steps.Count == 0 ? 0 : Steps.Count(s => s.Done) * 100 / Steps.Count;

    // By value, the steps included (see SectionLoad.Equals).
    public bool Equals(KeyProgress? other) =>
        other is not null && Id == other.Id && Designation == other.Designation && Title == other.Title && Section == other.Section
        && Deadline == other.Deadline && DaysLeft == other.DaysLeft && Level == other.Level && State == other.State
        && Steps.SequenceEqual(other.Steps);

    public override int GetHashCode() => HashCode.Combine(Id, State, Deadline, DaysLeft);
}

/// <summary>A commitment made in a reply that is past its date and not done (跟踪问效).</summary>
public sealed record LateCommitment(int ProposalId, string Designation, string Section, string Description, DateOnly DueOn, int DaysLate);

/// <summary>One line of the activity feed (the audit trail).</summary>
public sealed record ActivityLine(long Id, int ProposalId, string Designation, DateTimeOffset At, string Actor, string Action, string? From, string? To);

/// <summary>Everything a board shows for one year and one scope, computed in one pass from the database.</summary>
/// <remarks><see cref="Parts"/> is what the Blazor boards render of it; hub clients get the data, not the parts.</remarks>
public sealed record BoardSnapshot(
    int Year,
    DateOnly Today,
    BoardScope Scope,
    string ScopeName,
    BoardHeadline Headline,
    IReadOnlyList<BoardItem> Overdue,
    IReadOnlyList<BoardItem> DueSoon,
    IReadOnlyList<SectionLoad> Sections,
    IReadOnlyList<KeyProgress> KeyItems,
    IReadOnlyList<LateCommitment> LateCommitments,
    IReadOnlyList<BoardItem> Forecast,
    int ForecastWorkingDays,
    int ForecastIdleDays,
    IReadOnlyList<ActivityLine> Activity)
{
    /// <summary>
    /// The panels' data, prepared once for every circuit that shows this snapshot (<see cref="BoardParts"/>). Set by
    /// <see cref="BoardService"/>; absent from the JSON a hub client reads back.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public BoardParts Parts { get; init; } = null!;
}

/// <summary>
/// What a board's deadline list shows: its first rows (the snapshot's order, most urgent first), how many there are in
/// all, and where 查看全部 leads (the item list filtered the same way; null when no list filter matches, as for 预警).
/// Each open board renders only these rows: every board is a circuit that renders its lists again on each change.
/// </summary>
public sealed record BoardList(IReadOnlyList<BoardItem> Rows, int Total, string? AllHref)
{
    /// <summary>
    /// The first <paramref name="rows"/> of <paramref name="items"/>. Without <paramref name="idleDays"/> (超期 and 临期
    /// do not show them) the rows carry 0 idle days, so that a step on a listed item, which only resets its idle
    /// days, leaves the list equal and unrendered on every board.
    /// </summary>
    public static BoardList First(IReadOnlyList<BoardItem> items, int rows, string? allHref = null, bool idleDays = true)
    {
        ArgumentNullException.ThrowIfNull(items);
        IReadOnlyList<BoardItem> first = items.Count <= rows ? items : items.Take(Math.Max(0, rows)).ToList();
        return new BoardList(idleDays ? first : first.Select(i => i.IdleDays == 0 ? i : i with { IdleDays = 0 }).ToList(), items.Count, allHref);
    }

    // By value, the rows included (see SectionLoad.Equals).
    public bool Equals(BoardList? other) =>
        other is not null && Total == other.Total && AllHref == other.AllHref && Rows.SequenceEqual(other.Rows);

    public override int GetHashCode() => HashCode.Combine(Total, AllHref, Rows.Count);
}
