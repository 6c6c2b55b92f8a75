using ProposalPortal.Domain.Proposals;

namespace ProposalPortal.Features.Proposals.Register;

/// <summary>The hand-registration form, turned into the domain's <see cref="ProposalRegistration"/>.</summary>
public sealed class RegistrationInput
{
    private static readonly char[] Separators = ['、', '，', ',', '；', ';'];

    public int Year { get; set; }
    public ProposalKind Kind { get; set; } = ProposalKind.Proposal;
    public Level Level { get; set; } = Level.City;
    public string? Session { get; set; }
    public int? Number { get; set; }
    public string? Title { get; set; }
    public string? Content { get; set; }
    public string? Proposers { get; set; }
    public string? Topics { get; set; }
    public DateTime? AssignedOn { get; set; }
    public HandlingRole Role { get; set; } = HandlingRole.Lead;
    public string? LeadUnit { get; set; }
    public string? CoUnits { get; set; }
    public bool IsKey { get; set; }
    public string? KeyDesignation { get; set; }
    public DateTime? ExplicitDeadline { get; set; }
    public DateTime? BatchDeadline { get; set; }

    /// <summary>The registration, or the first problem in Chinese.</summary>
    public (ProposalRegistration? Registration, string? Problem) ToRegistration()
    {
        var names = Split(Proposers);
        if (string.IsNullOrWhiteSpace(Session)) return (null, "请填写届次");
        if (Number is not > 0) return (null, "编号须为正整数");
        if (string.IsNullOrWhiteSpace(Title)) return (null, "请填写标题");
        if (names.Count == 0) return (null, "请填写提出人");
        if (AssignedOn is null) return (null, "请选择交办日期");
        if (Role == HandlingRole.Assisting && string.IsNullOrWhiteSpace(LeadUnit)) return (null, "协办件须填写主办单位");

        var assigned = DateOnly.FromDateTime(AssignedOn.Value);
        DateOnly? explicitDeadline = ExplicitDeadline is { } e ? DateOnly.FromDateTime(e) : null;
        if (explicitDeadline <= assigned) return (null, "办理时限须晚于交办日期");

        return (new ProposalRegistration(Year, Kind, Level, Session.Trim(), Number.Value, Title.Trim(), Content,
            names.Select(n => new Proposer(n)).ToList(), Split(Topics), assigned, Role,
            Role == HandlingRole.Assisting ? LeadUnit?.Trim() : null, CoUnits, IsKey, IsKey ? KeyDesignation : null,
            BatchDeadline is { } b ? DateOnly.FromDateTime(b) : null, explicitDeadline), null);
    }

    private static List<string> Split(string? text) =>
        (text ?? string.Empty).Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct().ToList();
}
