namespace ProposalPortal.Features.Supervision;

/// <summary>What kind of committed change a board hears about.</summary>
public enum SupervisionChangeKind
{
    /// <summary>A workflow step or edit on an item (the audit trail got a line).</summary>
    Step,
    /// <summary>催办.</summary>
    Chase,
    /// <summary>A new item was registered by hand or imported.</summary>
    Registration,
    /// <summary>The deadline monitor found items crossing into due-soon or overdue.</summary>
    DeadlineCrossed,
    /// <summary>A new day began (local midnight): days left and over are counted afresh, nothing else changed.</summary>
    NewDay,
}

/// <summary>
/// One committed change, small enough to travel over SignalR (and later a backplane): boards reload what they show
/// from the database, so the message only says what changed and where.
/// </summary>
/// <param name="Kind">What happened.</param>
/// <param name="ProposalIds">The items concerned (one for a step, several for an import or a midnight crossing).</param>
/// <param name="SectionIds">The sections whose staff may hear of it; empty when no section has the item yet
/// (then only leaders, the Office and read-only displays hear of it).</param>
/// <param name="At">When it was committed.</param>
/// <param name="Summary">A Chinese line for feeds and logs, e.g. 尤四催办市政协十届一次会议第11号提案.</param>
/// <param name="NoticeRecipientIds">Staff who got a new notice with this change: their bells update.</param>
public sealed record SupervisionChange(
    SupervisionChangeKind Kind,
    IReadOnlyList<int> ProposalIds,
    IReadOnlyList<int> SectionIds,
    DateTimeOffset At,
    string Summary,
    IReadOnlyList<int> NoticeRecipientIds)
{
    /// <summary>Whether a person of <paramref name="sectionId"/> (null = sees everything) may hear of this change.</summary>
    public bool IsVisibleTo(int? sectionId) => sectionId is null || SectionIds.Contains(sectionId.Value);
}
