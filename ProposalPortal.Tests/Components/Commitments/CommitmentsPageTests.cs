using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Commitments;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Components.Commitments;

/// <summary>跟踪问效 across items, as the demo people see it on 2026-11-28.</summary>
public sealed class CommitmentsPageTests : PortalBunitContext
{
    [Fact]
    public async Task TheOfficeSeesEveryPendingPromiseWithTheLateOnesFirstAndHowLate()
    {
        await using var portal = await TestPortal.StartAsync(demo: true);
        await SignInAsync(portal, "尤四");

        var cut = Open("/commitments");

        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut).Count));
        // The charging promise of 2022 was due 2023年12月31日 and is still open: the longest overdue comes first.
        var first = Rows(cut)[0];
        Assert.Contains("推进公共充电设施建设", first.TextContent);
        Assert.Contains("市政协十届一次会议第199号提案", first.TextContent);
        Assert.Equal("true", first.GetAttribute("data-late"));
        var days = new DateOnly(2026, 11, 28).DayNumber - new DateOnly(2023, 12, 31).DayNumber;
        Assert.Equal($"逾期{days}天", first.QuerySelector("[data-testid='commitment-late']")!.TextContent);
        Assert.Contains("乡镇国土空间规划编制", Rows(cut)[1].TextContent);
        Assert.Contains("其中逾期2项", cut.Find("[data-testid='commitment-summary']").TextContent);
    }

    [Fact]
    public async Task SectionStaffSeeOnlyTheirSectionsPromises()
    {
        await using var portal = await TestPortal.StartAsync(demo: true);
        await SignInAsync(portal, "何六");

        var cut = Open("/commitments");

        cut.WaitForAssertion(() => Assert.Single(Rows(cut)));
        Assert.Contains("乡镇国土空间规划编制", Rows(cut)[0].TextContent);
        Assert.DoesNotContain("充电", cut.Markup);
    }

    [Fact]
    public async Task TheAddressChoosesTheFilterAndYearAndTheSelectsShowThem()
    {
        await using var portal = await TestPortal.StartAsync(demo: true);
        await SignInAsync(portal, "尤四");
        var cut = Open("/commitments?status=Late&year=2022");

        // Of the two late promises only the charging one (an item of 2022) is left.
        cut.WaitForAssertion(() => Assert.Single(Rows(cut)));
        Assert.Contains("推进公共充电设施建设", Rows(cut)[0].TextContent);
        Assert.Equal("Late", cut.Find("#commitment-status option[selected]").GetAttribute("value"));
        Assert.Equal("2022", cut.Find("#commitment-year option[selected]").GetAttribute("value"));
    }

    [Theory]
    [InlineData("/commitments?status=Nonsense&year=abc")]
    [InlineData("/commitments?status=1&year=-5")]
    public async Task AnAddressThePageDoesNotKnowShowsTheDefaultPendingList(string url)
    {
        await using var portal = await TestPortal.StartAsync(demo: true);
        await SignInAsync(portal, "尤四");
        var cut = Open(url);

        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut).Count));
        Assert.Equal("", cut.Find("#commitment-status option[selected]").GetAttribute("value"));
        Assert.Equal("", cut.Find("#commitment-year option[selected]").GetAttribute("value"));
    }

    [Fact]
    public async Task AKeptPromiseLeavesThePendingListAndShowsUnderDone()
    {
        await using var portal = await TestPortal.StartAsync(demo: true);
        var office = await portal.ActorAsync("尤四");
        var queries = portal.Scoped<CommitmentQueryService>();
        var planning = (await queries.ListAsync(office, CommitmentFilter.Pending)).Single(r => r.Description.Contains("国土空间规划"));
        var service = portal.Scoped<ProposalPortal.Features.Proposals.ProposalService>();
        var item = await service.FindAsync(planning.ProposalId, office);
        var handler = await portal.ActorAsync("何六");

        var result = await service.ExecuteAsync(planning.ProposalId, item!.Version, handler, (p, c) =>
            p.UpdateCommitment(handler, planning.Id, CommitmentStatus.Done, "已完成编制并印发", "楚市规〔2026〕3号", c));

        Assert.True(result.IsOk, result.Error);
        Assert.DoesNotContain(await queries.ListAsync(office, CommitmentFilter.Pending), r => r.Id == planning.Id);
        var done = Assert.Single(await queries.ListAsync(office, CommitmentFilter.Done), r => r.Id == planning.Id);
        Assert.False(done.IsLate);
        Assert.Equal(new DateOnly(2026, 11, 28), done.CompletedOn);
    }

    /// <summary>Opens the static page at an address, as a browser's GET would: a fresh render of that URL.</summary>
    private IRenderedComponent<ProposalPortal.Features.Commitments.Commitments> Open(string url)
    {
        // The page renders statically; its LiveRefresh island stays quiet outside a circuit.
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        return Render<ProposalPortal.Features.Commitments.Commitments>();
    }

    private static List<IElement> Rows(IRenderedComponent<ProposalPortal.Features.Commitments.Commitments> cut) =>
        cut.FindAll("[data-testid='commitment-row']").ToList();
}
