using ProposalPortal.Domain;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Features.Proposals.Batch;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Proposals;

/// <summary>
/// The Office's batches: each item passes through the same use case as the single step, so the done and the refused
/// come back apart, each refusal with the workflow's own Chinese reason; only the Office may run one.
/// </summary>
public sealed class ProposalBatchTests : IAsyncLifetime
{
    private TestPortal _portal = null!;
    private Scenario _scenario = null!;

    public async Task InitializeAsync()
    {
        _portal = await TestPortal.StartAsync();
        _scenario = await Scenario.CreateAsync(_portal);
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private ProposalBatch Batch => _portal.Scoped<ProposalBatch>();

    private static BatchRequest Chosen(BatchAction action, params int[] ids) => new(action, ids, AllMatching: false, new ProposalQuery());

    [Fact]
    public async Task ABatchOverTheCapIsRefusedWholeWithTheCountAndTouchesNothing()
    {
        await using var portal = await TestPortal.StartAsync(settings: new Dictionary<string, string?> { ["Batch:MaxItems"] = "2" });
        var scenario = await Scenario.CreateAsync(portal);
        var items = new[] { await scenario.ItemAsync(ProposalState.Registered), await scenario.ItemAsync(ProposalState.Registered),
            await scenario.ItemAsync(ProposalState.Registered) };
        var batch = portal.Scoped<ProposalBatch>();

        var chosen = await batch.RunAsync(Chosen(BatchAction.Accept, [.. items.Select(i => i.Id)]), scenario.Office);
        var all = await batch.RunAsync(new BatchRequest(BatchAction.Accept, [], AllMatching: true, new ProposalQuery()), scenario.Office);

        Assert.Equal("一次批量办理最多2件，本次选择了3件，未办理任何一件。请缩小筛选范围后分批办理", chosen.Error);
        Assert.Equal("一次批量办理最多2件，本次选择了3件，未办理任何一件。请缩小筛选范围后分批办理", all.Error);
        foreach (var item in items)
        {
            Assert.Equal(ProposalState.Registered, (await scenario.FindAsync(item.Id)).State);
        }

        // Two are within the cap.
        Assert.True((await batch.RunAsync(Chosen(BatchAction.Accept, items[0].Id, items[1].Id), scenario.Office)).IsOk);
        Assert.Equal(ProposalState.Accepted, (await scenario.FindAsync(items[1].Id)).State);
    }

    [Fact]
    public async Task AcceptingABatchSignsForTheRegisteredItemsAndRefusesTheOneAlreadySignedForWithItsReason()
    {
        var first = await _scenario.ItemAsync(ProposalState.Registered);
        var second = await _scenario.ItemAsync(ProposalState.Registered);
        var accepted = await _scenario.ItemAsync(ProposalState.Accepted);

        var result = await Batch.RunAsync(Chosen(BatchAction.Accept, first.Id, accepted.Id, second.Id), _scenario.Office);

        Assert.True(result.IsOk, result.Error);
        var outcome = result.Value!;
        Assert.Equal([first.Id, second.Id], outcome.Done.Select(d => d.Id));
        var refused = Assert.Single(outcome.Refused);
        Assert.Equal(accepted.Id, refused.Id);
        Assert.Equal("本件当前状态为「已签收」，不能签收", refused.Reason);
        Assert.Equal($"{Scenario.Session}第{first.Number}号提案", outcome.Done[0].Designation);
        Assert.Equal(ProposalState.Accepted, (await _scenario.FindAsync(first.Id)).State);
        Assert.Equal(ProposalState.Accepted, (await _scenario.FindAsync(second.Id)).State);
        // The single step's trail: one 签收 entry each, by the Office.
        Assert.Single((await _scenario.FindAsync(first.Id)).AuditTrail, a => a.Action == AuditAction.Accept && a.ActorName == _scenario.Office.Name);
    }

    [Fact]
    public async Task FiveResponsibilitiesToOneSectionTakeTheHandlersSectionAndItsDeputyAndRefuseAClosedItem()
    {
        var first = await _scenario.ItemAsync(ProposalState.Accepted);
        var second = await _scenario.ItemAsync(ProposalState.Registered);
        var closed = await _scenario.ItemAsync(ProposalState.Closed);

        var result = await Batch.RunAsync(
            Chosen(BatchAction.SetResponsibility, first.Id, second.Id, closed.Id) with { HandlerId = _scenario.OtherHandler.StaffId },
            _scenario.Office);

        Assert.True(result.IsOk, result.Error);
        Assert.Equal([first.Id, second.Id], result.Value!.Done.Select(d => d.Id));
        Assert.Equal("本件当前状态为「已办结」，不能落实五定", Assert.Single(result.Value.Refused).Reason);
        foreach (var id in new[] { first.Id, second.Id })
        {
            var r = (await _scenario.FindAsync(id)).Responsibility!;
            Assert.Equal((_scenario.OtherSection.Id, _scenario.OtherHandler.StaffId, _scenario.OtherDeputy.StaffId), (r.SectionId, r.HandlerId, r.LeaderId));
        }

        Assert.Equal(_scenario.Section.Id, (await _scenario.FindAsync(closed.Id)).Responsibility!.SectionId);
    }

    [Fact]
    public async Task FiveResponsibilitiesWithoutAHandlerAreRefusedAsAWholeAndChangeNothing()
    {
        var item = await _scenario.ItemAsync(ProposalState.Accepted);

        var result = await Batch.RunAsync(Chosen(BatchAction.SetResponsibility, item.Id), _scenario.Office);

        Assert.False(result.IsOk);
        Assert.Equal("请选择承办人（承办科室即其所在科室）", result.Error);
        Assert.Null((await _scenario.FindAsync(item.Id)).Responsibility);
    }

    [Fact]
    public async Task ChasingABatchChasesTheItemsInHandlingWithTheDefaultMessageAndRefusesOneNotYetAssigned()
    {
        var inProgress = await _scenario.ItemAsync(ProposalState.InProgress);
        var registered = await _scenario.ItemAsync(ProposalState.Registered);

        var result = await Batch.RunAsync(Chosen(BatchAction.Chase, inProgress.Id, registered.Id), _scenario.Office);

        Assert.Equal(inProgress.Id, Assert.Single(result.Value!.Done).Id);
        Assert.Equal("本件当前状态为「已登记」，不能催办", Assert.Single(result.Value.Refused).Reason);
        Assert.Equal(ProposalBatch.DefaultChaseMessage, Assert.Single((await _scenario.FindAsync(inProgress.Id)).Chases).Message);
    }

    [Fact]
    public async Task PublishingAndClosingABatchRunTheirStepsAndRefuseItemsNotYetReplied()
    {
        var evaluated = await _scenario.ItemAsync(ProposalState.Evaluated);
        var drafted = await _scenario.ItemAsync(ProposalState.Drafted);

        var published = await Batch.RunAsync(Chosen(BatchAction.Publish, evaluated.Id, drafted.Id), _scenario.Office);
        var closed = await Batch.RunAsync(Chosen(BatchAction.Close, evaluated.Id, drafted.Id), _scenario.Office);

        Assert.Equal(evaluated.Id, Assert.Single(published.Value!.Done).Id);
        Assert.Equal("本件当前状态为「已拟稿」，不能公开", Assert.Single(published.Value.Refused).Reason);
        Assert.Equal(evaluated.Id, Assert.Single(closed.Value!.Done).Id);
        Assert.Equal(drafted.Id, Assert.Single(closed.Value.Refused).Id);
        var done = await _scenario.FindAsync(evaluated.Id);
        Assert.Equal(ProposalState.Closed, done.State);
        Assert.NotNull(done.CurrentReply!.PublishedAt);
    }

    [Fact]
    public async Task AllMatchingIsTheListsFilterReadAgainOnTheServerNotTheIdsSent()
    {
        var first = await _scenario.ItemAsync(ProposalState.Registered);
        var second = await _scenario.ItemAsync(ProposalState.Registered);
        var inProgress = await _scenario.ItemAsync(ProposalState.InProgress);

        // The ids sent name the item in progress; "all matching" the filter (已登记) decides instead.
        var result = await Batch.RunAsync(
            new BatchRequest(BatchAction.Accept, [inProgress.Id], AllMatching: true, new ProposalQuery(State: ProposalState.Registered)),
            _scenario.Office);

        Assert.Equal([first.Id, second.Id], result.Value!.Done.Select(d => d.Id).Order());
        Assert.Empty(result.Value.Refused);
        Assert.Equal(ProposalState.InProgress, (await _scenario.FindAsync(inProgress.Id)).State);
    }

    [Fact]
    public async Task AnIdThatIsNoItemIsRefusedByIdAlone()
    {
        var item = await _scenario.ItemAsync(ProposalState.Registered);

        var result = await Batch.RunAsync(Chosen(BatchAction.Accept, item.Id, 999_999), _scenario.Office);

        Assert.Equal(item.Id, Assert.Single(result.Value!.Done).Id);
        var missing = Assert.Single(result.Value.Refused);
        Assert.Equal(("编号999999", "", "找不到该件，或您无权处理该件"), (missing.Designation, missing.Title, missing.Reason));
    }

    [Fact]
    public async Task OnlyTheOfficeRunsABatchAndARefusedBatchChangesNothing()
    {
        var item = await _scenario.ItemAsync(ProposalState.InProgress);

        foreach (var someone in new[] { _scenario.Handler, _scenario.Director, _scenario.Deputy })
        {
            var result = await Batch.RunAsync(Chosen(BatchAction.Chase, item.Id), someone);

            Assert.False(result.IsOk);
            Assert.Equal((RefusalKind.NotAllowed, "只有办公室可以批量办理"), (result.Kind, result.Error));
        }

        Assert.Empty((await _scenario.FindAsync(item.Id)).Chases);
    }

    [Fact]
    public async Task AnEmptySelectionIsRefusedWithAMessage()
    {
        var result = await Batch.RunAsync(Chosen(BatchAction.Accept), _scenario.Office);

        Assert.Equal("请先勾选要办理的件，或选择全部符合条件的件", result.Error);
    }
}
