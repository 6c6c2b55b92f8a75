using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Proposals.Detail;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Proposals;

/// <summary>
/// The item page's hand-off from prerender to circuit: the circuit gets the prerendered page once, only for the same
/// item and the same person with the same rights, and only while the hand-off lasts; otherwise it loads afresh.
/// </summary>
public sealed class PrerenderedPagesTests : IAsyncLifetime
{
    private TestPortal _portal = null!;
    private Scenario _scenario = null!;

    public async Task InitializeAsync()
    {
        _portal = await TestPortal.StartAsync();
        _scenario = await Scenario.CreateAsync(_portal);
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task TheCircuitTakesThePageOnceForTheSameItemAndRightsAndWithinTheHandOff()
    {
        var id = (await _scenario.ItemAsync(ProposalState.InProgress)).Id;
        var handler = _scenario.Handler;
        var page = (await _portal.Scoped<ProposalPageQuery>().LoadAsync(id, handler))!;
        var pages = _portal.Get<PrerenderedPages>();

        var key = pages.Keep(page, handler);
        Assert.Same(page, pages.Take(key, id, handler));
        Assert.Null(pages.Take(key, id, handler)); // once

        // Another item's island, another person, or the same person whose roles changed since: loaded afresh.
        Assert.Null(pages.Take(pages.Keep(page, handler), id + 1, handler));
        Assert.Null(pages.Take(pages.Keep(page, handler), id, _scenario.Office));
        Assert.Null(pages.Take(pages.Keep(page, handler), id, handler with { Roles = handler.Roles | StaffRoles.Office }));

        // A circuit that comes after the hand-off (30 s by default) finds nothing, and the page no longer waits.
        var late = pages.Keep(page, handler);
        pages.Keep(page, handler); // a client without script: its circuit never comes
        _portal.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Null(pages.Take(late, id, handler));
        pages.Keep(page, handler);
        Assert.Equal(1, pages.Count);
    }

    [Fact]
    public async Task PastTheLimitTheOldestWaitingPageGoesAndItsCircuitLoadsItself()
    {
        // Clients that never start a circuit (a load tool, a script-less client) must not pile pages up for the
        // whole hand-off: at most ItemPage:PrerenderHandOffLimit wait.
        await using var portal = await TestPortal.StartAsync(settings: new Dictionary<string, string?>
        {
            ["ItemPage:PrerenderHandOffLimit"] = "2",
        });
        var scenario = await Scenario.CreateAsync(portal);
        var id = (await scenario.ItemAsync(ProposalState.InProgress)).Id;
        var handler = scenario.Handler;
        var page = (await portal.Scoped<ProposalPageQuery>().LoadAsync(id, handler))!;
        var pages = portal.Get<PrerenderedPages>();

        var first = pages.Keep(page, handler);
        var second = pages.Keep(page, handler);
        var third = pages.Keep(page, handler);

        Assert.Equal(2, pages.Count);
        Assert.Null(pages.Take(first, id, handler)); // the oldest went: its circuit loads the page itself
        Assert.Same(page, pages.Take(second, id, handler));
        Assert.Same(page, pages.Take(third, id, handler));

        // A page taken by its circuit no longer counts against the limit.
        var fourth = pages.Keep(page, handler);
        var fifth = pages.Keep(page, handler);
        Assert.Same(page, pages.Take(fourth, id, handler));
        Assert.Same(page, pages.Take(fifth, id, handler));
    }
}
