using System.Text.Json;
using ProposalPortal.Data;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Statistics;
using ProposalPortal.Features.Proposals.UseCases;
using ProposalPortal.Features.Statistics;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Statistics;

/// <summary>
/// The figures after a change come from this node's facts (<see cref="YearFactsStore"/>), with only the changed items read
/// again: after each kind of change (a step, a late evaluation, a face-to-face talk, a correction of the dates and of the
/// 领衔人, a new registration) they equal the figures computed from the year read whole, for the bureau and for a
/// section, without the year being read whole again. And the day moving on changes them as it changes a fresh computation
/// (nothing kept depends on the date).
/// </summary>
public abstract class IncrementalFiguresTests : IAsyncLifetime
{
    /// <summary>The database engine this run of the class uses.</summary>
    protected abstract DatabaseProvider Provider { get; }

    private TestPortal _portal = null!;
    private Scenario _world = null!;
    private int _year;

    public async Task InitializeAsync()
    {
        _portal = await TestPortal.StartAsync(provider: Provider);
        _world = await Scenario.CreateAsync(_portal);
        _year = _portal.Clock.Today.Year;
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private static string Json(YearFigures figures) => JsonSerializer.Serialize(figures);

    /// <summary>The kept figures (bureau and section, this year and last) equal a computation from scratch; nothing was read whole.</summary>
    private async Task AssertAsFromScratchAsync(string after)
    {
        var statistics = _portal.Scoped<StatisticsService>();
        var store = _portal.Get<YearFactsStore>();
        var wholeReads = store.WholeReads;
        foreach (var year in new[] { _year, _year - 1 })
        {
            var (fresh, kept) = (Json(await statistics.ComputeFromScratchAsync(year, null)), Json(await statistics.GetYearFiguresAsync(year)));
            Assert.True(fresh == kept, $"{year}'s figures after {after}:\n{fresh}\n{kept}");
            Assert.True(Json(await statistics.ComputeFromScratchAsync(year, _world.Section.Id)) == Json(await statistics.GetSectionFiguresAsync(year, _world.Section.Id)),
                $"{year}'s section figures after {after}");
        }

        Assert.Equal(wholeReads, store.WholeReads);
    }

    [ProviderFact]
    public async Task AfterEachKindOfChangeTheKeptFiguresEqualAComputationFromScratch()
    {
        var open = await _world.ItemAsync(ProposalState.InProgress, daysAgo: 100);
        var replied = await _world.SignedItemAsync(ProposalState.Replied, daysAgo: 60,
            proposers: [new Proposer("提案人甲", "138-0000-0001"), new Proposer("提案人乙")]);
        var evaluated = await _world.SignedItemAsync(ProposalState.Evaluated, daysAgo: 50, published: true);
        await _world.AssistingItemAsync(ProposalState.OpinionSent, daysAgo: 30);
        var lastYears = await _world.SignedItemAsync(ProposalState.Replied, daysAgo: 400);
        Assert.Equal(_year - 1, lastYears.Year);
        var statistics = _portal.Scoped<StatisticsService>();
        var store = _portal.Get<YearFactsStore>();
        // Each node reads a year whole once, on first use.
        foreach (var year in new[] { _year, _year - 1 })
        {
            await statistics.GetYearFiguresAsync(year);
            await statistics.GetSectionFiguresAsync(year, _world.Section.Id);
        }

        await AssertAsFromScratchAsync("the first read");
        var itemReads = store.ItemReads;

        // A step that changes the state.
        await _world.StepAsync(evaluated.Id, _world.Office, (p, c) => p.Close(_world.Office, null, c));
        await AssertAsFromScratchAsync("a closing");
        Assert.True(store.ItemReads > itemReads, "the closed item was read again");

        // A late evaluation of last year's item, and an answer by one of two proposers.
        await _world.StepAsync(lastYears.Id, _world.Office,
            (p, c) => p.RecordEvaluation(_world.Office, Satisfaction.Unsatisfied, null, enteredByStaff: true, c));
        await _world.StepAsync(replied.Id, _world.Office,
            (p, c) => p.RecordEvaluation(_world.Office, Satisfaction.BasicallySatisfied, null, enteredByStaff: true, c));
        await AssertAsFromScratchAsync("late evaluations");

        // A face-to-face talk.
        await _world.StepAsync(open.Id, _world.Handler, (p, c) => p.LogCommunication(_world.Handler, CommunicationStage.During,
            CommunicationMethod.SiteVisit, c.Today, "提案人甲", "现场调研", c));
        await AssertAsFromScratchAsync("a face-to-face talk");

        // A correction of the date (a new deadline: overdue no more) and of the proposers' order (another 领衔人, whose
        // answer now makes the item's result).
        var current = await _world.FindAsync(open.Id);
        var corrected = await _portal.Scoped<UseCaseDispatcher>().RunAsync(new CorrectRegistration(current.Id, current.Version,
            RegistrationCorrection.Of(current) with { AssignedOn = _portal.Clock.Today.AddDays(-5) }, "交办日期录入有误"), _world.Office);
        Assert.True(corrected.IsOk, corrected.Error);
        current = await _world.FindAsync(replied.Id);
        var (first, second) = (current.Proposers.Single(p => p.Name == "提案人甲"), current.Proposers.Single(p => p.Name == "提案人乙"));
        corrected = await _portal.Scoped<UseCaseDispatcher>().RunAsync(new CorrectRegistration(current.Id, current.Version,
            RegistrationCorrection.Of(current) with
            {
                Proposers = [new ProposerCorrection(second.Id, "提案人乙"), new ProposerCorrection(first.Id, "提案人甲")],
            }, "领衔人录入有误"), _world.Office);
        Assert.True(corrected.IsOk, corrected.Error);
        await AssertAsFromScratchAsync("corrections of the date and the proposers");

        // A new registration, this year's and last year's (which this year's figures compare with).
        await _world.ItemAsync(ProposalState.Registered, daysAgo: 1);
        await _world.ItemAsync(ProposalState.Accepted, daysAgo: 390);
        await AssertAsFromScratchAsync("new registrations");

        // The day moves on: more items overdue, computed from the same facts.
        _portal.Time.Advance(TimeSpan.FromDays(20));
        await AssertAsFromScratchAsync("twenty days");
    }
}

/// <summary><see cref="IncrementalFiguresTests"/> on SQLite.</summary>
public sealed class IncrementalFiguresTestsOnSqlite : IncrementalFiguresTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

/// <summary><see cref="IncrementalFiguresTests"/> on PostgreSQL.</summary>
public sealed class IncrementalFiguresTestsOnPostgreSql : IncrementalFiguresTests, IPostgreSqlTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
}
