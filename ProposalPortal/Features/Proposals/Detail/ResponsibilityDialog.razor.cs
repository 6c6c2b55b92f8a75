using Microsoft.AspNetCore.Components;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Proposals.UseCases;

namespace ProposalPortal.Features.Proposals.Detail;

public partial class ResponsibilityDialog
{
    private int? _sectionId;
    private int? _handlerId;
    private int? _leaderId;
    private string? _qualityNote;

    [Parameter, EditorRequired]
    public IReadOnlyList<Section> Sections { get; set; } = [];

    /// <summary>Everyone active: leaders and handlers are picked from it.</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<StaffMember> Staff { get; set; } = [];

    private IEnumerable<StaffMember> Leaders => Staff.Where(s => s.IsLeader);

    private IEnumerable<StaffMember> Handlers => _sectionId is { } id
        ? Staff.Where(s => s.SectionId == id && s.Has(StaffRoles.SectionStaff))
        : [];

    protected override void OnInitialized()
    {
        if (Proposal.Responsibility is { } r)
        {
            _sectionId = r.SectionId;
            _handlerId = r.HandlerId;
            _leaderId = r.LeaderId;
            _qualityNote = r.QualityNote;
        }
    }

    private Task SectionChangedAsync(int? sectionId)
    {
        _sectionId = sectionId;
        var handlers = Handlers.ToList();
        if (_handlerId is { } h && handlers.All(s => s.Id != h))
        {
            _handlerId = null;
        }

        // A section with one person leaves nothing to choose; its deputy in charge is the usual responsible leader.
        if (_handlerId is null && handlers.Count == 1)
        {
            _handlerId = handlers[0].Id;
        }

        if (_leaderId is null && Sections.FirstOrDefault(s => s.Id == sectionId)?.DeputyDirectorId is { } deputy
            && Leaders.Any(l => l.Id == deputy))
        {
            _leaderId = deputy;
        }

        return Task.CompletedTask;
    }

    private string SectionName(int? id) => Sections.FirstOrDefault(s => s.Id == id)?.Name ?? string.Empty;

    private string PersonName(int? id) => Staff.FirstOrDefault(s => s.Id == id)?.Name ?? string.Empty;

    private static string LeaderTitle(StaffMember leader) => leader.Has(StaffRoles.Director) ? "局长" : "副局长";

    protected override Task<Result> RunAsync()
    {
        var leader = Staff.FirstOrDefault(s => s.Id == _leaderId);
        var section = Sections.FirstOrDefault(s => s.Id == _sectionId);
        var handler = Staff.FirstOrDefault(s => s.Id == _handlerId);
        if (leader is null || section is null || handler is null)
        {
            return Task.FromResult(Result.Refused("请选择承办科室、承办人和责任领导"));
        }

        var note = _qualityNote;
        return Runner.RunAsync(new SetResponsibility(Proposal.Id, Runner.Version, leader, section, handler, note));
    }
}
