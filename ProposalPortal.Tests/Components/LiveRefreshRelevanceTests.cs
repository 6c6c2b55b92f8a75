using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;
using ProposalPortal.Components.Layout;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Commitments;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Features.Supervision;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Components;

/// <summary>
/// LiveRefresh on a list with its scope, over a real portal: a change the page cannot show is no refresh, one to an item it
/// shows, one entering its filter or one leaving it (the total moves) is; a new day always is; a page whose browser is
/// away sends nothing and refreshes once when it comes back. Changes are weighed in order, one batch at a time, so a
/// later change that must refresh is the signal that the ones before it were weighed: the counts are exact.
/// </summary>
public sealed class LiveRefreshRelevanceTests : PortalBunitContext
{
    private readonly RefreshCounter _browser = new();

    public LiveRefreshRelevanceTests()
    {
        // Every refresh at once: a refresh that should not have been sent is counted, not folded into a spaced one.
        Services.Configure<SupervisionOptions>(o => o.LiveRefreshMinIntervalMilliseconds = 0);
        Services.AddSingleton<IJSRuntime>(_browser);
    }

    private int Refreshes => _browser.Count;

    private Task WaitForRefreshes(IRenderedComponent<LiveRefresh> cut, int count) => _browser.WaitForAsync(count);

    /// <summary>The browser's side of the island: counts portal.refresh and signals each (the weighing runs off the renderer).</summary>
    private sealed class RefreshCounter : IJSRuntime
    {
        private readonly SemaphoreSlim _signal = new(0);
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public async Task WaitForAsync(int count)
        {
            while (Count < count)
            {
                Assert.True(await _signal.WaitAsync(TimeSpan.FromSeconds(30)), $"{count} refreshes expected, {Count} came");
            }
        }

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
            InvokeAsync<TValue>(identifier, CancellationToken.None, args);

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args)
        {
            if (identifier == "portal.refresh")
            {
                Interlocked.Increment(ref _count);
                _signal.Release();
            }

            return ValueTask.FromResult(default(TValue)!);
        }
    }

    private async Task<(TestPortal Portal, Scenario Scenario)> StartAsync()
    {
        var portal = await TestPortal.StartAsync(demo: false);
        Portal = portal;
        var scenario = await Scenario.CreateAsync(portal);
        return (portal, scenario);
    }

    private IRenderedComponent<LiveRefresh> RenderConnected(LiveRefreshScope scope, int? sectionId = null)
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var cut = Render<LiveRefresh>(ps => ps.Add(c => c.Scope, scope).Add(c => c.SectionId, sectionId));
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("[data-testid=live-refresh]").GetAttribute("data-connected")));
        return cut;
    }

    /// <summary>The scope the item list hands its island for <paramref name="filter"/>, drawn now.</summary>
    private static async Task<LiveRefreshScope> ListScopeAsync(TestPortal portal, ProposalQuery filter, Actor reader) =>
        LiveRefreshScope.ForProposals(filter, await portal.Scoped<ProposalQueryService>().QueryAsync(filter, reader), portal.Clock.Now);

    private static Task PublishAsync(TestPortal portal, SupervisionChangeKind kind, params int[] ids) =>
        portal.Get<ISupervisionNotifier>().PublishAsync(new SupervisionChange(kind, ids, [], portal.Clock.Now, "测试变更", []));

    [Fact]
    public async Task TheListRefreshesForAnItemItShowsOrOneEnteringOrLeavingItsFilterAndNotForOthers()
    {
        var (portal, scenario) = await StartAsync();
        var shown = await scenario.ItemAsync(ProposalState.Accepted);
        var second = await scenario.ItemAsync(ProposalState.Accepted); // on the second page: one row to a page
        var lastYears = await scenario.ItemAsync(ProposalState.Accepted, daysAgo: 700);
        await SignInAsync(portal, scenario.Office.Name);
        Services.AddSingleton(portal.Get<ISupervisionNotifier>());
        var filter = new ProposalQuery(Year: portal.Clock.Today.Year, State: ProposalState.Accepted, PageSize: 1);
        var scope = await ListScopeAsync(portal, filter, scenario.Office);
        Assert.Equal([shown.Id], scope.ShownIds);
        Assert.Equal(2, scope.Total);
        var cut = RenderConnected(scope);

        // Last year's item changes: not this year's list. Then an item is registered (not 已交办: not in the filter either)
        // and accepted: it enters the filter (the total is 3 now), which is the first refresh.
        await PublishAsync(portal, SupervisionChangeKind.Step, lastYears.Id);
        var entered = await scenario.ItemAsync(ProposalState.Accepted);
        await WaitForRefreshes(cut, 1);

        // The refreshed page comes back with its new scope. The second item leaves the filter (five-fold assignment moves
        // it on to 在办) from the page it is not shown on: the total moves, so the page refreshes.
        var afterEntering = await ListScopeAsync(portal, filter, scenario.Office);
        cut.Render(ps => ps.Add(c => c.Scope, afterEntering));
        await scenario.StepAsync(second.Id, scenario.Office, (p, c) =>
            p.SetResponsibility(scenario.Office, scenario.Member(scenario.Deputy), scenario.Section, scenario.Member(scenario.Handler), null, c));
        await WaitForRefreshes(cut, 2);

        // Last year's item again (none); the one that entered, in the filter but on the second page, chased where it stands
        // (none: the page's ids are the same); then the item the page shows (one): exactly three in all.
        var afterLeaving = await ListScopeAsync(portal, filter, scenario.Office);
        cut.Render(ps => ps.Add(c => c.Scope, afterLeaving));
        Assert.DoesNotContain(entered.Id, afterLeaving.ShownIds);
        await PublishAsync(portal, SupervisionChangeKind.Step, lastYears.Id);
        await PublishAsync(portal, SupervisionChangeKind.Chase, entered.Id);
        await PublishAsync(portal, SupervisionChangeKind.Chase, shown.Id);
        await WaitForRefreshes(cut, 3);
        Assert.Equal(3, Refreshes);
    }

    [Fact]
    public async Task MyWorkRefreshesWhenAnItemComesToWaitForTheReaderAndNotForTheStepsBefore()
    {
        var (portal, scenario) = await StartAsync();
        var elsewhere = await scenario.ItemAsync(ProposalState.InProgress);
        await SignInAsync(portal, scenario.Deputy.Name);
        Services.AddSingleton(portal.Get<ISupervisionNotifier>());
        var scope = LiveRefreshScope.ForMyWork(await portal.Scoped<MyWorkService>().PageAsync(scenario.Deputy), portal.Clock.Now);
        Assert.Equal(0, scope.Total);
        var cut = RenderConnected(scope);

        // An item waiting for its section changes: nothing for the deputy. A new item goes from registration through
        // acceptance, assignment, communication and a draft (none waits for the deputy) to 待审核: that step refreshes.
        await PublishAsync(portal, SupervisionChangeKind.Step, elsewhere.Id);
        var submitted = await scenario.ItemAsync(ProposalState.UnderReview);
        await WaitForRefreshes(cut, 1);

        var waiting = LiveRefreshScope.ForMyWork(await portal.Scoped<MyWorkService>().PageAsync(scenario.Deputy), portal.Clock.Now);
        cut.Render(ps => ps.Add(c => c.Scope, waiting));
        Assert.Equal([submitted.Id], cut.Instance.Scope!.ShownIds);
        await PublishAsync(portal, SupervisionChangeKind.Step, elsewhere.Id);
        await PublishAsync(portal, SupervisionChangeKind.Chase, submitted.Id);
        await WaitForRefreshes(cut, 2);
        Assert.Equal(2, Refreshes);
    }

    [Fact]
    public async Task CommitmentsRefreshForANewPromiseAndNotForAnItemWithoutOne()
    {
        var (portal, scenario) = await StartAsync();
        var year = portal.Clock.Today.Year;
        var promised = await scenario.StartedItemAsync(5, new DateOnly(year, 3, 1));
        await scenario.StepAsync(promised, scenario.Handler, (p, c) => p.AddCommitment(scenario.Handler, "乡镇国土空间规划编制",
            null, null, new DateOnly(year, 12, 31), c));
        var other = await scenario.StartedItemAsync(6, new DateOnly(year, 3, 1));
        await SignInAsync(portal, scenario.Office.Name);
        Services.AddSingleton(portal.Get<ISupervisionNotifier>());
        var rows = await portal.Scoped<CommitmentQueryService>().ListAsync(scenario.Office, CommitmentFilter.Pending, year);
        var cut = RenderConnected(LiveRefreshScope.ForCommitments(CommitmentFilter.Pending, year, rows, portal.Clock.Now));

        // The other item, without a promise, changes: none. Then it gets one: the list has a new row, one refresh.
        await PublishAsync(portal, SupervisionChangeKind.Step, other);
        await scenario.StepAsync(other, scenario.Handler, (p, c) => p.AddCommitment(scenario.Handler, "新建社区充电设施",
            null, null, new DateOnly(year, 12, 31), c));
        await WaitForRefreshes(cut, 1);

        // The item the page shows (one more): two in all, so the first change was none.
        await PublishAsync(portal, SupervisionChangeKind.Chase, promised);
        await WaitForRefreshes(cut, 2);
        Assert.Equal(2, Refreshes);
    }

    [Fact]
    public async Task ANewDayRefreshesTheList()
    {
        var (portal, scenario) = await StartAsync();
        await scenario.ItemAsync(ProposalState.InProgress);
        await SignInAsync(portal, scenario.Office.Name);
        Services.AddSingleton(portal.Get<ISupervisionNotifier>());
        var cut = RenderConnected(await ListScopeAsync(portal, new ProposalQuery(Year: portal.Clock.Today.Year), scenario.Office));

        // Days left and over are counted afresh: the deadline chips may all read otherwise.
        await PublishAsync(portal, SupervisionChangeKind.NewDay);
        await WaitForRefreshes(cut, 1);
    }

    [Fact]
    public async Task WhileTheBrowserIsAwayNothingIsSentAndItRefreshesOnceWhenItComesBack()
    {
        var (portal, scenario) = await StartAsync();
        var shown = await scenario.ItemAsync(ProposalState.InProgress);
        await SignInAsync(portal, scenario.Office.Name);
        Services.AddSingleton(portal.Get<ISupervisionNotifier>());
        var cut = RenderConnected(await ListScopeAsync(portal, new ProposalQuery(Year: portal.Clock.Today.Year), scenario.Office));
        var connection = Services.GetRequiredService<CircuitConnection>();

        await connection.OnConnectionDownAsync(null!, CancellationToken.None);
        await PublishAsync(portal, SupervisionChangeKind.Chase, shown.Id);
        await PublishAsync(portal, SupervisionChangeKind.NewDay);
        await PublishAsync(portal, SupervisionChangeKind.Chase, shown.Id);

        // Back: the three changes held are one refresh. Then one more change, one more refresh: two in all, so none was
        // sent while the browser was away.
        await connection.OnConnectionUpAsync(null!, CancellationToken.None);
        await WaitForRefreshes(cut, 1);
        await PublishAsync(portal, SupervisionChangeKind.Chase, shown.Id);
        await WaitForRefreshes(cut, 2);
        Assert.Equal(2, Refreshes);
    }
}
