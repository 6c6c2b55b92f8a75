using Microsoft.EntityFrameworkCore;
using ProposalPortal.Domain.Deadlines;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Common;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features;

/// <summary>
/// 我的待办 over the stored waiting-for: for every state, the step it expects of someone is always one the workflow
/// offers them, it misses none the workflow offers, and the SQL agrees with the whole items.
/// </summary>
public sealed class MyWorkServiceTests
{
    /// <summary>Steps that move an item on: if the workflow offers one of these to someone, the item waits for them.</summary>
    private static readonly WorkflowStep[] Progressing =
    [
        WorkflowStep.Accept, WorkflowStep.ApproveReturn, WorkflowStep.RejectReturn, WorkflowStep.StartHandling,
        WorkflowStep.SubmitForReview, WorkflowStep.ApproveReview, WorkflowStep.SignOff, WorkflowStep.RecordEvaluation,
        WorkflowStep.Close, WorkflowStep.SendOpinion, WorkflowStep.Publish,
    ];

    private static readonly WorkflowContext Later = ProposalBuilder.Day(40);

    private static IEnumerable<(string Name, Actor Actor)> People => [.. Staff.Everyone, ("签发人", Staff.Delegate)];

    public static TheoryData<string> Items() => [.. ItemNames()];

    private static List<string> ItemNames()
    {
        var data = new List<string>();
        foreach (var state in new[]
                 {
                     ProposalState.Registered, ProposalState.Accepted, ProposalState.ReturnRequested, ProposalState.Returned,
                     ProposalState.InProgress, ProposalState.Drafted, ProposalState.UnderReview, ProposalState.AwaitingSignOff,
                     ProposalState.Replied, ProposalState.Evaluated, ProposalState.Reopened, ProposalState.Closed,
                 })
        {
            data.Add($"主办:{state}");
            data.Add($"主办重点:{state}");
        }

        foreach (var state in new[]
                 {
                     ProposalState.Registered, ProposalState.Accepted, ProposalState.ReturnRequested, ProposalState.Returned,
                     ProposalState.InProgress, ProposalState.OpinionSent, ProposalState.Closed,
                 })
        {
            data.Add($"协办:{state}");
        }

        data.Add("主办:Accepted+五定");
        data.Add("协办:Accepted+五定");
        data.Add("主办:Replied+公开");
        data.Add("主办:Evaluated+公开");
        data.Add("主办:Closed+公开");
        return data;
    }

    [Theory]
    [MemberData(nameof(Items))]
    public void EveryExpectedStepIsOneTheWorkflowOffersThatPerson(string item)
    {
        var proposal = Build(item);
        foreach (var (name, actor) in People)
        {
            var expected = Expected(proposal, actor);
            var available = ProposalWorkflow.AvailableSteps(proposal, actor, Later);
            Assert.All(expected, step => Assert.True(available.Contains(step),
                $"{item}: 我的待办 expects {step} of {name}, but the workflow offers only {string.Join(", ", available)}"));
        }
    }

    [Theory]
    [MemberData(nameof(Items))]
    public void EveryStepThatMovesTheItemOnPutsItInThatPersonsList(string item)
    {
        var proposal = Build(item);
        foreach (var (name, actor) in People)
        {
            var expected = Expected(proposal, actor);
            var available = ProposalWorkflow.AvailableSteps(proposal, actor, Later);
            // Once evaluated, 登记评价 only revises an answer given (while the window is open): nothing waits for it.
            var mustList = available.Where(s => (Progressing.Contains(s)
                    && !(s == WorkflowStep.RecordEvaluation && proposal.State == ProposalState.Evaluated))
                || (s == WorkflowStep.SaveDraft && proposal.State == ProposalState.InProgress)
                || (s == WorkflowStep.SetResponsibility && proposal.State == ProposalState.Accepted && proposal.Responsibility is null));
            Assert.All(mustList, step => Assert.True(expected.Contains(step),
                $"{item}: the workflow offers {step} to {name}, but 我的待办 expects only {string.Join(", ", expected)}"));
        }
    }

    [Fact]
    public void EveryOpenItemWaitsForSomeone()
    {
        foreach (var item in ItemNames())
        {
            var proposal = Build(item);
            if (proposal.State is ProposalState.Returned || (proposal.State is ProposalState.Closed && !WaitingFor.PublicationPending(proposal)))
            {
                continue;
            }

            Assert.True(People.Any(p => Expected(proposal, p.Actor).Count > 0),
                $"{item} waits for nobody");
        }
    }

    [Fact]
    public void ASignOffDelegateIsNotExpectedToSignKeyItems()
    {
        var key = ProposalBuilder.Lead().Key().In(ProposalState.AwaitingSignOff);
        var ordinary = ProposalBuilder.Lead().In(ProposalState.AwaitingSignOff);

        Assert.Empty(Expected(key, Staff.Delegate));
        Assert.Equal([WorkflowStep.SignOff], Expected(ordinary, Staff.Delegate));
        Assert.Equal([WorkflowStep.SignOff], Expected(key, Staff.Director));
    }

    [Fact]
    public void AnUnpublishedReplyAsksTheOfficeToPublishBeforeTheEvaluation()
    {
        var replied = ProposalBuilder.Lead().In(ProposalState.Replied);

        Assert.True(WaitingFor.PublicationPending(replied));
        Assert.Equal("公开 / 登记评价", MyWorkService.Describe(Expected(replied, Staff.Office)));
        Assert.Equal("审核", MyWorkService.Describe([WorkflowStep.ApproveReview]));
    }

    [Fact]
    public async Task TheQueryListsForEveryPersonExactlyWhatTheirWholeItemsSay()
    {
        // Items in every state, of both sections, lead and assisting, key and not, published and not.
        await using var portal = await TestPortal.StartAsync();
        var scenario = await Scenario.CreateAsync(portal);
        foreach (var state in new[] { ProposalState.Registered, ProposalState.Accepted, ProposalState.ReturnRequested, ProposalState.Returned,
            ProposalState.InProgress, ProposalState.Drafted, ProposalState.UnderReview, ProposalState.AwaitingSignOff, ProposalState.Replied,
            ProposalState.Evaluated, ProposalState.Closed })
        {
            await scenario.ItemAsync(state, daysAgo: 1); // within the return window
        }

        await scenario.ItemAsync(ProposalState.AwaitingSignOff, key: true);
        await scenario.SignedItemAsync(ProposalState.Replied, published: true);
        await scenario.AssistingItemAsync(ProposalState.InProgress);
        await scenario.AssistingItemAsync(ProposalState.OpinionSent);
        await scenario.StartedItemAsync(90, portal.Clock.Today.AddDays(-5), handler: scenario.OtherHandler);
        await scenario.StartedItemAsync(91, portal.Clock.Today.AddDays(-120));
        await using var db = portal.Db();
        var staff = await db.Staff.AsNoTracking().ToListAsync();
        var sections = await db.Sections.AsNoTracking().ToListAsync();
        var ids = await db.Proposals.Select(p => p.Id).ToListAsync();
        var office = new Actor(0, "测试", StaffRoles.Office);
        var items = new List<Proposal>();
        foreach (var id in ids)
        {
            items.Add((await portal.Scoped<ProposalService>().FindAsync(id, office))!);
        }

        var context = await portal.Get<WorkflowContextFactory>().CreateAsync();
        var service = portal.Scoped<MyWorkService>();
        foreach (var member in staff)
        {
            var actor = Actor.For(member, sections.Where(s => s.DeputyDirectorId == member.Id).Select(s => s.Id));
            var rows = await AllAsync(service, actor);

            var expected = items
                .Select(p => (p.Id, Steps: Expected(p, actor)))
                .Where(x => x.Steps.Count > 0)
                .ToDictionary(x => x.Id, x => x.Steps);
            Assert.Equal(expected.Keys.Order(), rows.Select(r => r.Id).Order());
            foreach (var row in rows)
            {
                Assert.Equal(expected[row.Id], row.Steps);
                var available = ProposalWorkflow.AvailableSteps(items.Single(p => p.Id == row.Id), actor, context);
                Assert.All(row.Steps, step => Assert.Contains(step, available));
            }
        }
    }

    [Fact]
    public async Task TheDeputyGetsTheReviewOfTheirSectionAndTheDirectorTheKeySignOff()
    {
        await using var portal = await TestPortal.StartAsync();
        var scenario = await Scenario.CreateAsync(portal);
        var underReview = await scenario.ItemAsync(ProposalState.UnderReview);
        var keyToSign = await scenario.ItemAsync(ProposalState.AwaitingSignOff, key: true);
        var service = portal.Scoped<MyWorkService>();

        var deputy = await AllAsync(service, scenario.Deputy);
        var otherDeputy = await AllAsync(service, scenario.OtherDeputy);
        var director = await AllAsync(service, scenario.Director);

        var review = Assert.Single(deputy);
        Assert.Equal((underReview.Title, ProposalState.UnderReview, "审核"), (review.Title, review.State, review.Task));
        Assert.Empty(otherDeputy);
        var signOff = Assert.Single(director);
        Assert.Equal((keyToSign.Title, true, "签发"), (signOff.Title, signOff.IsKey, signOff.Task));
    }

    [Fact]
    public async Task RowsComeSoonestDeadlineFirstWithDoneDeadlinesLast()
    {
        // The Office's work: two items to accept, assigned on different days, and two replied ones to evaluate and close.
        await using var portal = await TestPortal.StartAsync();
        var scenario = await Scenario.CreateAsync(portal);
        await scenario.ItemAsync(ProposalState.Registered, daysAgo: 3);
        await scenario.ItemAsync(ProposalState.Registered, daysAgo: 30);
        await scenario.ItemAsync(ProposalState.Replied);
        await scenario.ItemAsync(ProposalState.Evaluated);
        var rows = await AllAsync(portal.Scoped<MyWorkService>(), scenario.Office);

        var open = rows.TakeWhile(r => r.Status is { Level: not DeadlineLevel.Done }).ToList();
        Assert.NotEmpty(open);
        Assert.Equal(open.Select(r => r.Deadline).Order(), open.Select(r => r.Deadline));
        Assert.All(rows.Skip(open.Count), r => Assert.Equal(DeadlineLevel.Done, r.Status!.Level));
        Assert.NotEqual(open.Count, rows.Count);
    }

    [Fact]
    public async Task OnceTheEvaluationWindowEndsAReplyNobodyAnsweredIsTheOfficesToClose()
    {
        await using var portal = await TestPortal.StartAsync();
        var scenario = await Scenario.CreateAsync(portal);
        var replied = await scenario.ItemAsync(ProposalState.Replied);
        async Task<MyWorkRow> RowAsync() => (await AllAsync(portal.Scoped<MyWorkService>(), scenario.Office)).Single(r => r.Id == replied.Id);

        Assert.DoesNotContain(WorkflowStep.Close, (await RowAsync()).Steps);

        var deadlines = await portal.Get<WorkflowContextFactory>().DeadlinesAsync();
        var windowEnd = deadlines.EvaluationWindowEnd(replied.CurrentReply!.IssuedOn!.Value);
        portal.Time.Advance(TimeSpan.FromDays(windowEnd.DayNumber - portal.Clock.Today.DayNumber + 1));

        var row = await RowAsync();
        Assert.Contains(WorkflowStep.Close, row.Steps);
        Assert.Contains("办结", row.Task);
        // What 我的待办 suggests, the workflow allows: the item closes as 未反馈.
        await scenario.StepAsync(replied.Id, scenario.Office, (p, c) => p.Close(scenario.Office, null, c));
        Assert.Equal(ProposalState.Closed, (await scenario.FindAsync(replied.Id)).State);
    }

    [Theory]
    [MemberData(nameof(Items))]
    public void EveryStepStoresWhoTheItemWaitsFor(string item)
    {
        var proposal = Build(item);

        Assert.Equal(WaitingFor.Of(proposal), proposal.WaitingFor);
        Assert.Equal(Proposal.DeadlineStandingOf(proposal.Deadline, proposal.State), proposal.DeadlineStanding);
        Assert.Equal(proposal.WaitingFor.Role is WaitingRole.Section or WaitingRole.DeputyInCharge,
            proposal.WaitingFor.SectionId is not null);
    }

    /// <summary>Everything waiting for <paramref name="actor"/>: one page large enough for any scenario here.</summary>
    private static async Task<IReadOnlyList<MyWorkRow>> AllAsync(MyWorkService service, Actor actor) =>
        (await service.PageAsync(actor, pageSize: 1_000)).Rows;

    /// <summary>What 我的待办 expects of <paramref name="actor"/>: the stored waiting-for, if it includes them.</summary>
    private static IReadOnlyList<WorkflowStep> Expected(Proposal proposal, Actor actor) =>
        proposal.WaitingFor.Includes(actor, proposal.IsKey)
            ? proposal.WaitingFor.ExpectedSteps(proposal.Role, proposal.State, proposal.Responsibility is not null, WaitingFor.PublicationPending(proposal),
                proposal.EvaluationWindowEnded(Later.Deadlines, Later.Today))
            : [];

    private static async Task<Actor> ActorAsync(TestPortal portal, string name)
    {
        await using var db = portal.Db();
        var member = await db.Staff.SingleAsync(s => s.Name == name);
        return Actor.For(member, await db.Sections.Where(s => s.DeputyDirectorId == member.Id).Select(s => s.Id).ToListAsync());
    }

    private static Proposal Build(string item)
    {
        var (kind, rest) = (item.Split(':')[0], item.Split(':')[1].Split('+'));
        var builder = kind switch
        {
            "主办" => ProposalBuilder.Lead(),
            "主办重点" => ProposalBuilder.Lead().Key(),
            _ => ProposalBuilder.Assisting(),
        };
        var proposal = builder.In(Enum.Parse<ProposalState>(rest[0]));
        foreach (var extra in rest.Skip(1))
        {
            var result = extra switch
            {
                "五定" => proposal.SetResponsibility(Staff.Office, Staff.DeputyMember, Staff.Planning, Staff.PlanningHandler, null, ProposalBuilder.Day(3)),
                "公开" => proposal.Publish(Staff.Office, ProposalBuilder.Day(30)),
                _ => throw new ArgumentOutOfRangeException(nameof(item), extra, null),
            };
            Assert.True(result.IsOk, $"{item}: {result.Error}");
        }

        return proposal;
    }
}
