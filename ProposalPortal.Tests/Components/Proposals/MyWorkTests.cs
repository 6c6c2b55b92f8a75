using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Components.Proposals;

/// <summary>我的待办 as each person of a <see cref="Scenario"/> sees it.</summary>
public sealed class MyWorkTests : PortalBunitContext
{
    [Fact]
    public async Task TheDeputyInChargeSeesTheItemWaitingForTheirReviewAndNothingOfTheOtherDeputy()
    {
        await using var portal = await TestPortal.StartAsync();
        var scenario = await Scenario.CreateAsync(portal);
        var mine = await scenario.ItemAsync(ProposalState.UnderReview);
        await OtherSectionUnderReviewAsync(scenario);
        SignedInPortal.Use(this, portal, scenario.Deputy);

        var cut = Render<MyWork>();

        cut.WaitForAssertion(() => Assert.NotEmpty(Rows(cut)));
        var row = Assert.Single(Rows(cut));
        Assert.Contains(mine.Title, row.TextContent);
        Assert.Equal(["审核", scenario.Section.Name, "主办 · 待审核"], Cells(row, 0, 3, 4));
        Assert.DoesNotContain(scenario.OtherSection.Name, cut.Markup);
    }

    [Fact]
    public async Task TheOtherDeputyHasNothingToReviewAndIsToldSo()
    {
        await using var portal = await TestPortal.StartAsync();
        var scenario = await Scenario.CreateAsync(portal);
        var mine = await scenario.ItemAsync(ProposalState.UnderReview);
        SignedInPortal.Use(this, portal, scenario.OtherDeputy);

        var cut = Render<MyWork>();

        cut.WaitForAssertion(() => Assert.Contains("暂无待办事项", cut.Markup));
        Assert.Empty(Rows(cut));
        Assert.DoesNotContain(mine.Title, cut.Markup);
    }

    [Fact]
    public async Task TheDirectorSeesTheKeyItemWaitingForSignOff()
    {
        await using var portal = await TestPortal.StartAsync();
        var scenario = await Scenario.CreateAsync(portal);
        var key = await scenario.ItemAsync(ProposalState.AwaitingSignOff, key: true);
        await scenario.ItemAsync(ProposalState.UnderReview);
        SignedInPortal.Use(this, portal, scenario.Director);

        var cut = Render<MyWork>();

        cut.WaitForAssertion(() => Assert.NotEmpty(Rows(cut)));
        var row = Assert.Single(Rows(cut));
        Assert.Contains(key.Title, row.TextContent);
        Assert.Equal(["签发", scenario.Section.Name, "主办 · 待签发"], Cells(row, 0, 3, 4));
        Assert.NotNull(row.QuerySelector("[data-key]"));
    }

    [Fact]
    public async Task SectionStaffSeeTheirSectionsWorkSoonestDeadlineFirstWithTheOverdueOneInRed()
    {
        await using var portal = await TestPortal.StartAsync();
        var scenario = await Scenario.CreateAsync(portal);
        var today = portal.Clock.Today;
        await scenario.StartedItemAsync(1, today.AddDays(-30), deadline: today.AddDays(40));
        var overdue = await scenario.StartedItemAsync(2, today.AddDays(-100), deadline: today.AddDays(-5));
        await scenario.StartedItemAsync(3, today.AddDays(-30), deadline: today.AddDays(-1), handler: scenario.OtherHandler);
        SignedInPortal.Use(this, portal, scenario.Handler);

        var cut = Render<MyWork>();

        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut).Count));
        var rows = Rows(cut);
        Assert.All(rows, r => Assert.Equal(scenario.Section.Name, Cells(r, 3)[0]));
        Assert.All(rows, r => Assert.Equal("拟稿", Cells(r, 0)[0]));
        var dues = rows.Select(r => r.GetAttribute("data-due")).ToList();
        Assert.Equal(dues.Order(StringComparer.Ordinal), dues);

        var late = rows.Single(r => r.GetAttribute("data-proposal-id") == overdue.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Same(rows[0], late);
        var chip = late.QuerySelector("td [data-deadline]")!;
        Assert.Equal("overdue", chip.GetAttribute("data-deadline"));
        Assert.Contains("mud-chip-color-error", chip.ClassList);
        Assert.Equal("超期5天", chip.TextContent.Trim());
    }

    [Fact]
    public async Task TheOfficeSeesWhatToAcceptAssignEvaluateAndCloseWithOpenDeadlinesFirst()
    {
        await using var portal = await TestPortal.StartAsync();
        var scenario = await Scenario.CreateAsync(portal);
        var registered = await scenario.ItemAsync(ProposalState.Registered);
        var accepted = await scenario.ItemAsync(ProposalState.Accepted);
        var returning = await scenario.ItemAsync(ProposalState.ReturnRequested, daysAgo: 1);
        var replied = await scenario.ItemAsync(ProposalState.Replied);
        var evaluated = await scenario.ItemAsync(ProposalState.Evaluated);
        await scenario.ItemAsync(ProposalState.InProgress);
        var closed = await scenario.ItemAsync(ProposalState.Closed);
        SignedInPortal.Use(this, portal, scenario.Office);

        var cut = Render<MyWork>();

        cut.WaitForAssertion(() => Assert.NotEmpty(Rows(cut)));
        var tasks = Rows(cut).ToDictionary(r => r.QuerySelector("a")!.TextContent, r => Cells(r, 0)[0]);
        // The replies were signed but not yet published (the scenario stores no letter): publishing is the Office's too,
        // also for the closed item. The item in progress is the section's.
        Assert.Equal(new Dictionary<string, string>
        {
            [registered.Title] = "签收",
            [accepted.Title] = "落实五定",
            [returning.Title] = "确认退回 / 不同意退回",
            [replied.Title] = "公开 / 登记评价",
            [evaluated.Title] = "公开 / 办结",
            [closed.Title] = "公开",
        }, tasks);

        // Items whose deadline step is done (grey) come after those still running against a deadline.
        var levels = Rows(cut).Select(r => r.GetAttribute("data-deadline")).ToList();
        Assert.Equal(levels.OrderBy(l => l == "done" ? 1 : 0), levels);
        Assert.Contains("done", levels);
    }

    [Fact]
    public async Task TwentyItemsToAPageTheSecondPageGoesOnInOrderAndTheTotalCountsThemAll()
    {
        await using var portal = await TestPortal.StartAsync();
        var scenario = await Scenario.CreateAsync(portal);
        var today = portal.Clock.Today;
        var items = new List<(int Id, DateOnly Due)>();
        for (var number = 1; number <= MyWorkService.DefaultPageSize + 3; number++)
        {
            // Deadlines out of the numbers' order, several on one day: the order is the deadline, then the id.
            var due = today.AddDays(60 - (number % 7));
            items.Add((await scenario.StartedItemAsync(number, today.AddDays(-30), deadline: due), due));
        }

        var order = items.OrderBy(i => i.Due).ThenBy(i => i.Id)
            .Select(i => i.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        SignedInPortal.Use(this, portal, scenario.Handler);
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("my-work");

        var first = Render<MyWork>();

        first.WaitForAssertion(() => Assert.NotEmpty(Rows(first)));
        Assert.Equal(order.Take(20), Rows(first).Select(r => r.GetAttribute("data-proposal-id")));
        Assert.StartsWith("共23件", first.Find("[data-testid=my-work-total]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("第1-20件，共23件", first.Find("[data-testid=pager-info]").TextContent.Trim());
        var next = first.Find("[data-testid=pager] a[aria-label=下一页]").GetAttribute("href")!;
        Assert.EndsWith("my-work?page=2", next, StringComparison.Ordinal);

        navigation.NavigateTo(next);
        var second = Render<MyWork>();

        second.WaitForAssertion(() => Assert.NotEmpty(Rows(second)));
        Assert.Equal(order.Skip(20), Rows(second).Select(r => r.GetAttribute("data-proposal-id")));
        Assert.StartsWith("共23件", second.Find("[data-testid=my-work-total]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("第21-23件，共23件", second.Find("[data-testid=pager-info]").TextContent.Trim());
        Assert.Empty(second.FindAll("[data-testid=pager] a[aria-label=下一页]"));

        // A page beyond the end (a link from when more waited) shows the last page rather than nothing.
        navigation.NavigateTo("my-work?page=9");
        var beyond = Render<MyWork>();
        beyond.WaitForAssertion(() => Assert.Equal(order.Skip(20), Rows(beyond).Select(r => r.GetAttribute("data-proposal-id"))));
    }

    [Fact]
    public async Task SomeoneWithNothingWaitingIsToldSo()
    {
        await using var portal = await TestPortal.StartAsync();
        var scenario = await Scenario.CreateAsync(portal);
        await scenario.ItemAsync(ProposalState.InProgress);
        SignedInPortal.Use(this, portal, scenario.OtherHandler);

        var cut = Render<MyWork>();

        cut.WaitForAssertion(() => Assert.Contains("暂无待办事项", cut.Find("[data-testid='my-work-empty']").TextContent));
    }

    /// <summary>An item of the other section, drafted and submitted to its own deputy.</summary>
    private static async Task OtherSectionUnderReviewAsync(Scenario scenario)
    {
        var id = await scenario.StartedItemAsync(90, scenario.Portal.Clock.Today.AddDays(-10), handler: scenario.OtherHandler);
        var handler = scenario.OtherHandler;
        await scenario.StepAsync(id, handler, (p, c) => p.LogCommunication(handler, ProposalPortal.Domain.Proposals.CommunicationStage.Before,
            ProposalPortal.Domain.Proposals.CommunicationMethod.Phone, c.Today, "提案人甲", "电话了解诉求", c));
        await scenario.StepAsync(id, handler, (p, c) => p.SaveDraft(handler, ProposalBuilder.Draft(), c));
        await scenario.StepAsync(id, handler, (p, c) => p.SubmitForReview(handler, c));
    }

    private static IReadOnlyList<IElement> Rows(IRenderedComponent<MyWork> cut) => cut.FindAll("tr[data-proposal-id]");

    private static string[] Cells(IElement row, params int[] indexes)
    {
        var cells = row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray();
        return indexes.Select(i => cells[i]).ToArray();
    }
}
