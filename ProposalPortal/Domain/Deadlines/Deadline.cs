using System.Diagnostics.CodeAnalysis;

namespace ProposalPortal.Domain.Deadlines;

/// <summary>Which rule produced a deadline.</summary>
public enum DeadlineRule
{
    /// <summary>主办: N months after assignment.</summary>
    LeadReply,
    /// <summary>协办: N months after assignment.</summary>
    AssistingOpinion,
    /// <summary>A fixed date set for the whole batch (主办 only).</summary>
    BatchFixedDate,
    /// <summary>办理时限 given on the imported row.</summary>
    ExplicitOnImport,
    /// <summary>申请退回 window, in working days.</summary>
    ReturnWindow,
    /// <summary>办前联系, in working days.</summary>
    FirstContact,
    /// <summary>重新办理 after 不满意.</summary>
    Rehandling,
    /// <summary>An approved 延期.</summary>
    Extension,
}

/// <summary>
/// A computed deadline and how it came about, so the user can check it by hand.
/// </summary>
/// <param name="Date">The last day of the period.</param>
/// <param name="Rule">The rule that produced it.</param>
/// <param name="Start">The day the period counts from (not itself counted).</param>
/// <param name="Explanation">Chinese text shown to the user.</param>
/// <param name="NonWorkingDaysSkipped">Non-working days passed over by a working-day count or a move.</param>
/// <param name="MovedFrom">The original date when a non-working day moved it (art. 203).</param>
public sealed record Deadline(
    DateOnly Date,
    DeadlineRule Rule,
    DateOnly Start,
    string Explanation,
    IReadOnlyList<DateOnly> NonWorkingDaysSkipped,
    DateOnly? MovedFrom);

public enum DeadlineLevel
{
    /// <summary>The step the deadline is for is done.</summary>
    Done,
    Normal,
    /// <summary>临期.</summary>
    DueSoon,
    Urgent,
    /// <summary>超期.</summary>
    Overdue,
}

/// <summary>
/// Where an item's deadline stands, in the order 我的待办 lists them: deadlines still running first (soonest first),
/// then those whose step is done, then items without a deadline. Stored on the item (as its number, so that the
/// order is the numbers' order) and kept by every step, so that a page of 我的待办 is read from an index in order.
/// </summary>
public enum DeadlineStanding
{
    /// <summary>The step the deadline is for is still to be done.</summary>
    Running = 0,

    /// <summary>The step the deadline is for is done (<see cref="DeadlineLevel.Done"/>).</summary>
    Done = 1,

    /// <summary>The item has no deadline.</summary>
    None = 2,
}

/// <param name="Level">How pressing the deadline is.</param>
/// <param name="DaysLeft">Calendar days from today to the deadline; 0 on the day, negative when past.</param>
public sealed record DeadlineStatus(DeadlineLevel Level, int DaysLeft);

/// <summary>Outcome of checking an extension request: either a Chinese error or the new deadline.</summary>
public sealed class ExtensionCheck
{
    private ExtensionCheck(string? error, Deadline? deadline)
    {
        Error = error;
        Deadline = deadline;
    }

    /// <summary>Why the extension is refused, in Chinese; null when accepted.</summary>
    public string? Error { get; }

    /// <summary>The extended deadline (Rule = Extension); null when refused.</summary>
    public Deadline? Deadline { get; }

    [MemberNotNullWhen(true, nameof(Deadline))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsAccepted => Deadline is not null;

    public static ExtensionCheck Accepted(Deadline deadline)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        return new(null, deadline);
    }

    public static ExtensionCheck Refused(string error)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(error);
        return new(error, null);
    }
}
