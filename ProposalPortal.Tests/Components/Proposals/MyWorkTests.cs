using AngleSharp.Dom;
using Bunit;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Components.Proposals;

/// <summary>我的待办 as the demo people see it on 2026-11-28.</summary>
public sealed class MyWorkTests : PortalBunitContext
{


    [Fact]
    public async Task TheDeputyInChargeSeesTheItemWaitingForTheirReviewAndNothingOfTheOtherDeputy()
    {
        await using var portal = await SignedInPortal.StartAsync(this, "秦三");

        var cut = Render<MyWork>();

        cut.WaitForAssertion(() => Assert.NotEmpty(Rows(cut)));
        var row = Assert.Single(Rows(cut));
        Assert.Contains("关于规范课后服务收费的建议", row.TextContent);
        Assert.Equal(["审核", "价格管理科", "主办 · 待审核"], Cells(row, 0, 3, 4));
        foreach (var other in new[] { "发展规划科", "固定资产投资科", "农村经济科" })
        {
            Assert.DoesNotContain(other, cut.Markup);
        }
    }

    [Fact]
    public async Task TheOtherDeputyHasNothingToReviewAndIsToldSo()
    {
        await using var portal = await SignedInPortal.StartAsync(this, "朱二");

        var cut = Render<MyWork>();

        cut.WaitForAssertion(() => Assert.Contains("暂无待办事项", cut.Markup));
        Assert.Empty(Rows(cut));
        Assert.DoesNotContain("关于规范课后服务收费的建议", cut.Markup);
    }

    [Fact]
    public async Task TheDirectorSeesTheKeyItemWaitingForSignOff()
    {
        await using var portal = await SignedInPortal.StartAsync(this, "杨一");

        var cut = Render<MyWork>();

        cut.WaitForAssertion(() => Assert.NotEmpty(Rows(cut)));
        var row = Assert.Single(Rows(cut));
        Assert.Contains("关于加快楚雄市新型储能产业发展的提案", row.TextContent);
        Assert.Equal(["签发", "能源科", "主办 · 待签发"], Cells(row, 0, 3, 4));
        Assert.NotNull(row.QuerySelector("[data-key]"));
    }

    [Fact]
    public async Task SectionStaffSeeTheirSectionsWorkSoonestDeadlineFirstWithTheOverdueOneInRed()
    {
        await using var portal = await SignedInPortal.StartAsync(this, "曹十");

        var cut = Render<MyWork>();

        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut).Count));
        var rows = Rows(cut);
        Assert.All(rows, r => Assert.Equal("农村经济科", Cells(r, 3)[0]));
        Assert.All(rows, r => Assert.Equal("拟稿", Cells(r, 0)[0]));
        var dues = rows.Select(r => r.GetAttribute("data-due")).ToList();
        Assert.Equal(dues.Order(StringComparer.Ordinal), dues);

        var late = rows.Single(r => r.TextContent.Contains("关于加快乡村振兴项目储备的建议", StringComparison.Ordinal));
        var chip = late.QuerySelector("td [data-deadline]")!;
        Assert.Equal("overdue", chip.GetAttribute("data-deadline"));
        Assert.Contains("mud-chip-color-error", chip.ClassList);
        Assert.Matches(@"^超期\d+天$", chip.TextContent.Trim());
    }

    [Fact]
    public async Task TheOfficeSeesWhatToAcceptAssignEvaluateAndCloseWithOpenDeadlinesFirst()
    {
        await using var portal = await SignedInPortal.StartAsync(this, "尤四");

        var cut = Render<MyWork>();

        cut.WaitForAssertion(() => Assert.NotEmpty(Rows(cut)));
        var tasks = Rows(cut).ToDictionary(r => r.QuerySelector("a")!.TextContent, r => Cells(r, 0)[0]);
        Assert.Equal("签收", tasks["关于加快城区公共充电桩建设的提案"]);
        Assert.Equal("落实五定", tasks["关于完善农村电商服务体系的提案"]);
        Assert.Equal("确认退回 / 撤销退回申请", tasks["关于城区供水价格调整听证的建议"]);
        Assert.Equal("登记评价", tasks["关于加快推进智慧停车建设的提案"]);
        Assert.Equal("办结", tasks["关于推进光伏发电项目建设的提案"]);
        Assert.Equal("办结", tasks["关于推进州域清洁能源基地建设的提案"]);
        Assert.Equal(6, tasks.Count);

        // Items whose deadline step is done (grey) come after those still running against a deadline.
        var levels = Rows(cut).Select(r => r.GetAttribute("data-deadline")).ToList();
        Assert.Equal(levels.OrderBy(l => l == "done" ? 1 : 0), levels);
        Assert.Contains("done", levels);
    }

    [Fact]
    public async Task SomeoneWithNothingWaitingIsToldSo()
    {
        await using var portal = await SignedInPortal.StartAsync(this, "吕七");

        var cut = Render<MyWork>();

        cut.WaitForAssertion(() => Assert.Contains("暂无待办事项", cut.Find("[data-testid='my-work-empty']").TextContent));
    }

    private static IReadOnlyList<IElement> Rows(IRenderedComponent<MyWork> cut) => cut.FindAll("tr[data-proposal-id]");

    private static string[] Cells(IElement row, params int[] indexes)
    {
        var cells = row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray();
        return indexes.Select(i => cells[i]).ToArray();
    }
}
