using ProposalPortal.Domain;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Proposals.UseCases;

namespace ProposalPortal.Features.Proposals.Detail;

public partial class CorrectionDialog
{
    private readonly List<ProposerRow> _proposers = [];
    private string? _session;
    private int _number;
    private string? _title;
    private string? _content;
    private HandlingRole _role;
    private string? _leadUnit;
    private string? _coUnits;
    private DateTime? _assignedOn;
    private DateTime? _fixedDeadline;
    private string? _reason;

    internal override string SubmitText => "保存更正";

    protected override void OnInitialized()
    {
        var now = RegistrationCorrection.Of(Proposal);
        (_session, _number, _title, _content) = (now.Session, now.Number, now.Title, now.Content);
        (_role, _leadUnit, _coUnits) = (now.Role, now.LeadUnit, now.CoUnits);
        _assignedOn = now.AssignedOn.ToDateTime(TimeOnly.MinValue);
        _fixedDeadline = now.FixedDeadline?.ToDateTime(TimeOnly.MinValue);
        _proposers.AddRange(now.Proposers.Select(p => new ProposerRow(p.Id, p.Name)));
    }

    private void MoveUp(int index) => (_proposers[index - 1], _proposers[index]) = (_proposers[index], _proposers[index - 1]);

    protected override Task<Result> RunAsync()
    {
        if (_assignedOn is not { } assigned)
        {
            return Task.FromResult(Result.Refused("请选择交办日期"));
        }

        var correction = new RegistrationCorrection(_session ?? string.Empty, _number, _title ?? string.Empty, _content,
            _proposers.Select(p => new ProposerCorrection(p.Id, p.Name ?? string.Empty)).ToList(),
            DateOnly.FromDateTime(assigned), _fixedDeadline is { } d ? DateOnly.FromDateTime(d) : null,
            _role, _leadUnit, _coUnits);
        return Runner.RunAsync(new CorrectRegistration(Proposal.Id, Runner.Version, correction, _reason ?? string.Empty));
    }

    /// <summary>One line of the proposers' list: who it was (null for a name added here) and the name as typed.</summary>
    private sealed class ProposerRow(int? id, string? name)
    {
        public int? Id { get; } = id;

        public string? Name { get; set; } = name;
    }
}
