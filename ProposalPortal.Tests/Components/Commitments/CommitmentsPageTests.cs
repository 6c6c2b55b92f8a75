using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Commitments;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Components.Commitments;

/// <summary>跟踪问效 across items, as a <see cref="Scenario"/>'s people see it on 2026-11-28.</summary>
public sealed class CommitmentsPageTests : PortalBunitContext
{
    /// <summary>
    /// Two late promises: one of 2022 by the other section (due 2023年12月31日, still open) and one of this year by the
    /// scenario's section (due 2026年10月31日).
    /// </summary>
    private static async Task<(TestPortal Portal, Scenario Scenario)> PromisesAsync()
    {
        var portal = await TestPortal.StartAsync();
        var scenario = await Scenario.CreateAsync(portal);
        var charging = await scenario.StartedItemAsync(199, new DateOnly(2022, 3, 1), handler: scenario.OtherHandler);
        await scenario.StepAsync(charging, scenario.OtherHandler, (p, c) => p.AddCommitment(scenario.OtherHandler, "推进公共充电设施建设",
            null, null, new DateOnly(2023, 12, 31), c));
        var planning = await scenario.StartedItemAsync(5, new DateOnly(2026, 3, 1));
        await scenario.StepAsync(planning, scenario.Handler, (p, c) => p.AddCommitment(scenario.Handler, "乡镇国土空间规划编制",
            null, null, new DateOnly(2026, 10, 31), c));
        return (portal, scenario);
    }

    [Fact]
    public async Task TheOfficeSeesEveryPendingPromiseWithTheLateOnesFirstAndHowLate()
    {
        var (portal, scenario) = await PromisesAsync();
        await using var _ = portal;
        await SignInAsync(portal, scenario.Office.Name);

        var cut = Open("/commitments");

        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut).Count));
        // The charging promise of 2022 was due 2023年12月31日 and is still open: the longest overdue comes first.
        var first = Rows(cut)[0];
        Assert.Contains("推进公共充电设施建设", first.TextContent);
        Assert.Contains($"{Scenario.Session}第199号提案", first.TextContent);
        Assert.Equal("true", first.GetAttribute("data-late"));
        var days = new DateOnly(2026, 11, 28).DayNumber - new DateOnly(2023, 12, 31).DayNumber;
        Assert.Equal($"逾期{days}天", first.QuerySelector("[data-testid='commitment-late']")!.TextContent);
        Assert.Contains("乡镇国土空间规划编制", Rows(cut)[1].TextContent);
        Assert.Contains("其中逾期2项", cut.Find("[data-testid='commitment-summary']").TextContent);
    }

    [Fact]
    public async Task SectionStaffSeeOnlyTheirSectionsPromises()
    {
        var (portal, scenario) = await PromisesAsync();
        await using var _ = portal;
        await SignInAsync(portal, scenario.Handler.Name);

        var cut = Open("/commitments");

        cut.WaitForAssertion(() => Assert.Single(Rows(cut)));
        Assert.Contains("乡镇国土空间规划编制", Rows(cut)[0].TextContent);
        Assert.DoesNotContain("充电", cut.Markup);
    }

    [Fact]
    public async Task TheAddressChoosesTheFilterAndYearAndTheSelectsShowThem()
    {
        var (portal, scenario) = await PromisesAsync();
        await using var _ = portal;
        await SignInAsync(portal, scenario.Office.Name);
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
        var (portal, scenario) = await PromisesAsync();
        await using var _ = portal;
        await SignInAsync(portal, scenario.Office.Name);
        var cut = Open(url);

        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut).Count));
        Assert.Equal("", cut.Find("#commitment-status option[selected]").GetAttribute("value"));
        Assert.Equal("", cut.Find("#commitment-year option[selected]").GetAttribute("value"));
    }

    [Fact]
    public async Task AKeptPromiseLeavesThePendingListAndShowsUnderDone()
    {
        var (portal, scenario) = await PromisesAsync();
        await using var _ = portal;
        var office = scenario.Office;
        var queries = portal.Scoped<CommitmentQueryService>();
        var planning = (await queries.ListAsync(office, CommitmentFilter.Pending)).Single(r => r.Description.Contains("国土空间规划"));
        var service = portal.Scoped<ProposalPortal.Features.Proposals.ProposalService>();
        var item = await service.FindAsync(planning.ProposalId, office);
        var handler = scenario.Handler;

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
