using Microsoft.EntityFrameworkCore;
using ProposalPortal.Data;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Statistics;
using ProposalPortal.Features.Letters;
using ProposalPortal.Features.Nodes;
using ProposalPortal.Features.Publication;
using ProposalPortal.Features.Statistics;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Statistics;

/// <summary>
/// The year's figures are kept per node (<see cref="FiguresCache"/>): a second read of a closed year asks the database
/// nothing, and any committed save to that year's items (a late 满意度, for one) is seen by the next read, on this node
/// and, through the node bus, on the others (which read again only the items the message names).
/// </summary>
public sealed class FiguresCacheTests : IAsyncLifetime
{
    private TestPortal _portal = null!;
    private Scenario _world = null!;
    private int _lastYear;
    private int _awaitingAnswer;

    public async Task InitializeAsync()
    {
        _portal = await TestPortal.StartAsync();
        _world = await Scenario.CreateAsync(_portal);
        // Two of last year's items, replied and awaiting the proposer's answer: the year is over, its figures are settled.
        var first = await _world.ItemAsync(ProposalState.Replied, daysAgo: 400);
        await _world.ItemAsync(ProposalState.Replied, daysAgo: 400);
        _lastYear = first.Year;
        _awaitingAnswer = first.Id;
        Assert.True(_lastYear < _portal.Clock.Today.Year);
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private Task<YearFigures> FiguresAsync(int year) => _portal.Scoped<StatisticsService>().GetYearFiguresAsync(year);

    [Fact]
    public async Task AClosedYearReadASecondTimeAsksTheDatabaseNothing()
    {
        var (first, firstCommands) = await SqlCommandCounter.CountAsync(() => FiguresAsync(_lastYear));
        var (second, secondCommands) = await SqlCommandCounter.CountAsync(() => FiguresAsync(_lastYear));

        Assert.True(firstCommands > 0);
        Assert.Equal(0, secondCommands);
        Assert.Equal(2, second.Received);
        Assert.Same(first, second);
    }

    [Fact]
    public async Task ALateEvaluationOfALastYearItemIsInTheNextReadOfThatYear()
    {
        var before = await FiguresAsync(_lastYear);
        Assert.Equal(0, before.Evaluated);

        await _world.StepAsync(_awaitingAnswer, _world.Office,
            (p, c) => p.RecordEvaluation(_world.Office, Satisfaction.Satisfied, null, enteredByStaff: true, c));

        var after = await FiguresAsync(_lastYear);
        Assert.Equal(1, after.Evaluated);
        Assert.Equal(new Rate(1, 1), after.FinalSatisfaction);
    }

    [Fact]
    public async Task AStepOnThisYearsItemLeavesLastYearsCopyAlone()
    {
        var item = await _world.ItemAsync(ProposalState.InProgress);
        await FiguresAsync(_lastYear);
        var computed = _portal.Get<FiguresCache>().Computations;

        await _world.StepAsync(item.Id, _world.Office, (p, c) => p.Chase(_world.Office, "请抓紧", c));
        await FiguresAsync(_lastYear);

        Assert.Equal(computed, _portal.Get<FiguresCache>().Computations);
    }

    [Fact]
    public async Task ASaveOnOneNodeDropsTheYearsCopyOnTheOthers()
    {
        // Node A is the test portal, whose bus is replaced by one that hands A's messages to node B's subscribers.
        var wire = new Wire();
        await using var nodeB = await TestPortal.StartAsync(settings: new Dictionary<string, string?> { ["ConnectionStrings:Portal"] = _portal.ConnectionString });
        var nodeBCache = nodeB.Get<FiguresCache>();
        var listener = new NodeCacheInvalidation(wire, nodeB.Get<PublicSearchIndex>(), nodeB.Get<SigningCertificate>(), nodeBCache,
            nodeB.Get<YearFactsStore>());
        await listener.StartAsync(CancellationToken.None);
        var invalidation = new FiguresInvalidation(_portal.Get<FiguresCache>(), _portal.Get<YearFactsStore>(), wire);
        Assert.Equal(0, (await nodeB.Scoped<StatisticsService>().GetYearFiguresAsync(_lastYear)).KeyItems);

        // A save on node A: a context with A's interceptor, its bus being the wire to node B.
        var options = new DbContextOptionsBuilder<PortalDbContext>().UseSqlite(_portal.ConnectionString).AddInterceptors(invalidation).Options;
        await using (var db = new PortalDbContext(options))
        {
            var proposal = await db.Proposals.SingleAsync(p => p.Id == _awaitingAnswer);
            db.Entry(proposal).Property(nameof(Proposal.IsKey)).CurrentValue = true;
            await db.SaveChangesAsync();
        }

        // The changed item by its id, so that node B reads that item again and not the whole year.
        Assert.Equal([$"{_lastYear}:{_awaitingAnswer}"], wire.Sent);
        var computed = nodeBCache.Computations;
        var nodeBFacts = nodeB.Get<YearFactsStore>();
        var (wholeReads, itemReads) = (nodeBFacts.WholeReads, nodeBFacts.ItemReads);
        var figures = await nodeB.Scoped<StatisticsService>().GetYearFiguresAsync(_lastYear);
        Assert.Equal(computed + 1, nodeBCache.Computations);
        // Node B read that item again, not the year, and counts it as a key item now.
        Assert.Equal((wholeReads, itemReads + 1), (nodeBFacts.WholeReads, nodeBFacts.ItemReads));
        Assert.Equal(1, figures.KeyItems);
        await listener.StopAsync(CancellationToken.None);
    }

    /// <summary>Carries node A's messages to node B's subscribers, in the test's own flow.</summary>
    private sealed class Wire : INodeBus
    {
        private readonly List<(string Topic, Func<string, Task> OnMessage)> _subscribers = [];

        public List<string> Sent { get; } = [];

        public async Task PublishAsync(string topic, string message)
        {
            if (topic == NodeCacheInvalidation.FiguresTopic)
            {
                Sent.Add(message);
            }

            foreach (var (_, onMessage) in _subscribers.Where(s => s.Topic == topic).ToList())
            {
                await onMessage(message);
            }
        }

        public IDisposable Subscribe(string topic, Func<string, Task> onMessage)
        {
            _subscribers.Add((topic, onMessage));
            return new Unsubscribe(() => _subscribers.RemoveAll(s => s.OnMessage == onMessage));
        }

        private sealed class Unsubscribe(Action action) : IDisposable
        {
            public void Dispose() => action();
        }
    }
}
