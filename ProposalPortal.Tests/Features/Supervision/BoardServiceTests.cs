using ProposalPortal.Data;
using ProposalPortal.Domain.Deadlines;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Supervision;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Supervision;

/// <summary>
/// What the boards compute, over items driven through the real workflow: lateness with handler and leader, the
/// forecast (deadline within N working days and no step for M days), key items' steps, late commitments, per-section
/// load, and a section's board holding only its own items.
/// </summary>
public abstract class BoardServiceTests : IAsyncLifetime
{
    /// <summary>The database engine this run of the class uses (<see cref="ProviderPairs"/>).</summary>
    protected abstract DatabaseProvider Provider { get; }

    private TestPortal _portal = null!;
    private Scenario _world = null!;
    private int _overdue;
    private int _urgent;
    private int _idleSoon;
    private int _idleLater;
    private int _activeSoon;
    private int _otherSection;
    private int _key;

    public async Task InitializeAsync()
    {
        // Everything is set up on 1 November and the board is read on Saturday 28 November 2026 (10:00 in 楚雄).
        _portal = await TestPortal.StartAsync(provider: Provider, now: new DateTimeOffset(2026, 11, 1, 2, 0, 0, TimeSpan.Zero));
        _world = await Scenario.CreateAsync(_portal);
        var assigned = new DateOnly(2026, 10, 20);
        _overdue = await _world.StartedItemAsync(1, assigned, deadline: new DateOnly(2026, 11, 20));
        _urgent = await _world.StartedItemAsync(2, assigned, deadline: new DateOnly(2026, 12, 5));
        _idleSoon = await _world.StartedItemAsync(3, assigned, deadline: new DateOnly(2026, 12, 8));
        _idleLater = await _world.StartedItemAsync(4, assigned, deadline: new DateOnly(2027, 1, 20));
        _activeSoon = await _world.StartedItemAsync(5, assigned, deadline: new DateOnly(2026, 12, 9));
        _otherSection = await _world.StartedItemAsync(6, assigned, deadline: new DateOnly(2026, 11, 25), handler: _world.OtherHandler);
        _key = await _world.StartedItemAsync(7, assigned, deadline: new DateOnly(2027, 1, 20), key: true);
        await _world.StepAsync(_key, _world.Handler, (p, c) => p.LogCommunication(_world.Handler,
            CommunicationStage.Before, CommunicationMethod.Phone, c.Today, "张三", "电话联系", c));
        await _world.StepAsync(_key, _world.Handler, (p, c) => p.AddCommitment(_world.Handler, "年内完成现场踏勘", null, null,
            new DateOnly(2026, 11, 20), c));

        _portal.Time.Advance(new DateTimeOffset(2026, 11, 28, 2, 0, 0, TimeSpan.Zero) - _portal.Time.GetUtcNow());
        await _world.StepAsync(_activeSoon, _world.Handler, (p, c) => p.LogCommunication(_world.Handler,
            CommunicationStage.Before, CommunicationMethod.Phone, c.Today, "张三", "电话联系", c));
        await _world.StepAsync(_urgent, _world.Handler, (p, c) => p.LogCommunication(_world.Handler,
            CommunicationStage.Before, CommunicationMethod.Phone, c.Today, "张三", "电话联系", c));
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private Task<BoardSnapshot> BoardAsync(BoardScope scope) => _portal.Scoped<BoardService>().GetAsync(2026, scope);

    [ProviderFact]
    public async Task OverdueAndDueSoonItemsCarryDaysSectionHandlerLeaderAndStep()
    {
        var board = await BoardAsync(BoardScope.WholeBureau);

        Assert.Equal([_overdue, _otherSection], board.Overdue.Select(i => i.Id));
        var late = board.Overdue[0];
        Assert.Equal((-8, DeadlineLevel.Overdue, _world.Section.Name, _world.Handler.Name, _world.Deputy.Name, "办理中"),
            (late.DaysLeft, late.Level, late.Section, late.Handler, late.Leader, late.State));
        Assert.Equal([_urgent, _idleSoon, _activeSoon], board.DueSoon.Select(i => i.Id));
        Assert.Equal(DeadlineLevel.Urgent, board.DueSoon[0].Level);
        Assert.Equal(2, board.Headline.Overdue);
        Assert.Equal(3, board.Headline.DueSoon);
        Assert.Equal(7, board.Headline.Received);
    }

    [ProviderFact]
    public async Task TheForecastIsTheItemsDueWithinTenWorkingDaysOnWhichNothingHappenedForTwoWeeks()
    {
        var board = await BoardAsync(BoardScope.WholeBureau);

        // 11 December is the 10th working day after 28 November: item 3 (8 December, idle 27 days) is in; item 5 (9
        // December) had a step today, item 4 is due next year, the overdue ones are already on the overdue list.
        var forecast = Assert.Single(board.Forecast);
        Assert.Equal((_idleSoon, 27), (forecast.Id, forecast.IdleDays));
        Assert.Equal((10, 14), (board.ForecastWorkingDays, board.ForecastIdleDays));
        Assert.DoesNotContain(board.Forecast, i => i.Id == _idleLater);
    }

    [ProviderFact]
    public async Task AKeyItemShowsItsStepsDoneAndToDoAndItsLateCommitmentIsListedUnderItsSection()
    {
        var board = await BoardAsync(BoardScope.WholeBureau);

        var key = Assert.Single(board.KeyItems);
        Assert.Equal(_key, key.Id);
        Assert.Equal(["办前联系", "面商", "拟稿", "审核", "签发", "答复", "评价", "承诺落实"], key.Steps.Select(s => s.Name));
        Assert.Equal([true, false, false, false, false, false, false, false], key.Steps.Select(s => s.Done));
        Assert.Equal(12, key.Percent);
        var commitment = Assert.Single(board.LateCommitments);
        Assert.Equal((_world.Section.Name, "年内完成现场踏勘", 8), (commitment.Section, commitment.Description, commitment.DaysLate));
        var planning = board.Sections.Single(s => s.Section == _world.Section.Name);
        Assert.Equal((6, 1, 3, 1), (planning.Open, planning.Overdue, planning.DueSoon, planning.LateCommitments));
        Assert.Equal("办理中", Assert.Single(planning.OpenByState).State);
    }

    [ProviderFact]
    public async Task ASectionsBoardHoldsOnlyItsOwnItemsAndNoBureauRates()
    {
        var prices = await BoardAsync(BoardScope.For(_world.OtherHandler)!);

        Assert.Equal(_world.OtherSection.Name, prices.ScopeName);
        Assert.Equal([_otherSection], prices.Overdue.Select(i => i.Id));
        Assert.Empty(prices.DueSoon);
        Assert.Empty(prices.KeyItems);
        Assert.Empty(prices.LateCommitments);
        Assert.Equal([_world.OtherSection.Name], prices.Sections.Select(s => s.Section));
        Assert.All(prices.Activity, a => Assert.Equal(_otherSection, a.ProposalId));
        Assert.Equal(1, prices.Headline.Received);
        Assert.Null(prices.Headline.CompletionRate);
        Assert.Null(BoardScope.For(new ProposalPortal.Domain.Workflow.Actor(99, "管理员", ProposalPortal.Domain.Organization.StaffRoles.Admin)));
    }
}

/// <summary><see cref="BoardServiceTests"/> on SQLite.</summary>
public sealed class BoardServiceTestsOnSqlite : BoardServiceTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

/// <summary><see cref="BoardServiceTests"/> on PostgreSQL.</summary>
public sealed class BoardServiceTestsOnPostgreSql : BoardServiceTests, IPostgreSqlTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
}
