using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Domain.Workflow;

/// <summary>
/// Once the 五定 is complete the item goes straight to the handler: no separate 开始办理 for the Office to click. The
/// timeline keeps both steps, so it still says when the 五定 was set and when handling began.
/// </summary>
public sealed class HandlingStartsWith五定Tests
{
    [Fact]
    public void Setting五定OnAnAcceptedItemStartsHandlingAndPutsItInTheSectionsQueue()
    {
        var p = ProposalBuilder.Lead().In(ProposalState.Accepted);

        var result = p.SetResponsibility(Staff.Office, Staff.DeputyMember, Staff.Planning, Staff.PlanningHandler, null, ProposalBuilder.Day(2));

        Assert.True(result.IsOk, result.Error);
        Assert.Equal(ProposalState.InProgress, p.State);
        Assert.Equal(new WaitingFor(WaitingRole.Section, Staff.Planning.Id), p.WaitingFor);
        Assert.True(p.WaitingFor.Includes(Staff.Section, p.IsKey));
        var last = p.AuditTrail.TakeLast(2).ToList();
        Assert.Equal([AuditAction.SetResponsibility, AuditAction.StartHandling], last.Select(a => a.Action));
        Assert.Null(last[0].ToState);
        Assert.Equal((ProposalState.Accepted, ProposalState.InProgress), (last[1].FromState!.Value, last[1].ToState!.Value));
        Assert.Equal(Proposal.AutoStartNote, last[1].Comment);
        Assert.Equal("尤四", last[1].ActorName);
        // Both steps are heard after the save: the 落实五定 (who was assigned) and the start.
        var steps = p.DomainEvents.OfType<StepTaken>().Select(e => e.Action).TakeLast(2);
        Assert.Equal([AuditAction.SetResponsibility, AuditAction.StartHandling], steps);
        Assert.Equal([WorkflowStep.SaveDraft], p.WaitingFor.ExpectedSteps(p.Role, p.State, true, false));
    }

    [Fact]
    public void An五定SetBeforeAcceptanceStartsHandlingWhenTheItemIsAccepted()
    {
        var p = ProposalBuilder.Lead().Build();
        Assert.True(p.SetResponsibility(Staff.Office, Staff.DeputyMember, Staff.Planning, Staff.PlanningHandler, null, ProposalBuilder.Day(0)).IsOk);
        Assert.Equal(ProposalState.Registered, p.State);

        Assert.True(p.Accept(Staff.Office, ProposalBuilder.Day(1)).IsOk);

        Assert.Equal(ProposalState.InProgress, p.State);
        Assert.Equal([AuditAction.Accept, AuditAction.StartHandling], p.AuditTrail.TakeLast(2).Select(a => a.Action));
    }

    [Fact]
    public void AssistingItemsAlsoGoStraightToTheSection()
    {
        var p = ProposalBuilder.Assisting().In(ProposalState.Accepted);

        Assert.True(p.SetResponsibility(Staff.Office, Staff.DeputyMember, Staff.Planning, Staff.PlanningHandler, null, ProposalBuilder.Day(2)).IsOk);

        Assert.Equal(ProposalState.InProgress, p.State);
        Assert.Contains(WorkflowStep.SendOpinion, ProposalWorkflow.AvailableSteps(p, Staff.Section, ProposalBuilder.Day(3)));
    }

    [Fact]
    public void ARefused五定LeavesTheItemAcceptedAndUnchanged()
    {
        var p = ProposalBuilder.Lead().In(ProposalState.Accepted);
        var (version, entries) = (p.Version, p.AuditTrail.Count);

        var result = p.SetResponsibility(Staff.Office, Staff.DeputyMember, Staff.Planning, Staff.PricesHandler, null, ProposalBuilder.Day(2));

        Assert.False(result.IsOk);
        Assert.Equal(ProposalState.Accepted, p.State);
        Assert.Equal((version, entries), (p.Version, p.AuditTrail.Count));
    }

    [Fact]
    public void Changing五定DuringHandlingTakesNoSecondStart()
    {
        var p = ProposalBuilder.Lead().In(ProposalState.InProgress);
        var starts = p.AuditTrail.Count(a => a.Action == AuditAction.StartHandling);

        Assert.True(p.SetResponsibility(Staff.Office, Staff.DeputyMember, Staff.Prices, Staff.PricesHandler, null, ProposalBuilder.Day(4)).IsOk);

        Assert.Equal(starts, p.AuditTrail.Count(a => a.Action == AuditAction.StartHandling));
        Assert.Equal(ProposalState.InProgress, p.State);
    }
}
