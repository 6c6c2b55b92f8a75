namespace ProposalPortal.Features.Administration.Audit;

/// <summary>
/// One administrative action on the record: who did what to which person, account, rule or file, when, and the values
/// before and after. Append-only (the database refuses UPDATE and DELETE of a sealed row) and hash-chained like the
/// item audit trail (<see cref="Data.AuditChain"/>).
/// </summary>
public sealed class AdminAuditEntry
{
    public const int ActorNameMaxLength = 50;
    public const int ActionMaxLength = 40;
    public const int TargetMaxLength = 200;
    public const int ValueMaxLength = 2000;

    private AdminAuditEntry()
    {
        ActorName = Action = Target = string.Empty;
    }

    internal AdminAuditEntry(DateTimeOffset at, int? actorId, string actorName, string action, string target, string? before, string? after)
    {
        At = at;
        ActorId = actorId;
        ActorName = Clip(actorName, ActorNameMaxLength)!;
        Action = action;
        Target = Clip(target, TargetMaxLength)!;
        Before = Clip(before, ValueMaxLength);
        After = Clip(after, ValueMaxLength);
    }

    public long Id { get; private set; }
    public DateTimeOffset At { get; private set; }

    /// <summary>The acting staff member; null for the command line (backup and restore run outside any sign-in).</summary>
    public int? ActorId { get; private set; }

    public string ActorName { get; private set; }

    /// <summary>A code from <see cref="AdminActions"/>, stable across versions (the label may change, the record may not).</summary>
    public string Action { get; private set; }

    /// <summary>What was acted on, in words: 人员 张三, 账号 zhangsan, 办理规则 Rules:Deadlines:DueSoonDays, ….</summary>
    public string Target { get; private set; }

    public string? Before { get; private set; }
    public string? After { get; private set; }

    // A record is never refused for being long: what does not fit is cut, visibly.
    private static string? Clip(string? value, int max) =>
        value is null || value.Length <= max ? value : string.Concat(value.AsSpan(0, max - 1), "…");
}
