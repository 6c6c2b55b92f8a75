using System.Globalization;
using Bunit;
using ProposalPortal.Features.Supervision;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Components.Supervision;

/// <summary>
/// 科室办理负荷's chart fits its data and can be read: a section of 37 open items lies within the axis (the old
/// chart's axis stopped at 20), a section of 3 is not flattened onto an axis of 20, and the labels are page text of at
/// least 12 px (the old SVG's labels came out at 6 px).
/// </summary>
public sealed class SectionLoadChartTests : PortalBunitContext
{
    private static SectionLoad Section(string name, params (string State, int Count)[] states) =>
        new(name.GetHashCode(StringComparison.Ordinal), name, states.Select(s => new StateCount(s.State, s.Count)).ToList(),
            states.Sum(s => s.Count), 0, 0, 0);

    private static List<int> Ticks(IRenderedComponent<SectionLoadChart> chart) =>
        chart.FindAll("[data-tick]").Select(t => int.Parse(t.GetAttribute("data-tick")!, CultureInfo.InvariantCulture)).ToList();

    [Fact]
    public void ASectionOf37ItemsLiesWithinTheAxisWhichEndsOnARoundNumber()
    {
        var chart = Render<SectionLoadChart>(p => p.Add(c => c.Data,
            [Section("发展规划科", ("办理中", 30), ("待答复", 7)), Section("农村经济科", ("办理中", 4))]));

        var ticks = Ticks(chart);
        Assert.True(ticks[^1] >= 37, $"the axis ends at {ticks[^1]}");
        Assert.Equal([0, 10, 20, 30, 40], ticks);
        var big = chart.Find("[data-section=发展规划科]");
        Assert.Equal(["width:75%", "width:17.5%"], big.QuerySelectorAll(".section-chart-bar").Select(b => b.GetAttribute("style")!));
        Assert.Contains("37", big.QuerySelector(".section-chart-total")!.TextContent);
    }

    [Fact]
    public void SmallCountsGetAnAxisOfTheirOwnSize()
    {
        var chart = Render<SectionLoadChart>(p => p.Add(c => c.Data, [Section("价格科", ("办理中", 2), ("待答复", 1))]));

        Assert.Equal([0, 1, 2, 3], Ticks(chart));
    }

    [Fact]
    public void LabelsAreTextOfAtLeast12PixelsAndLargerOnTheWall()
    {
        var data = new List<SectionLoad> { Section("发展规划科", ("办理中", 3)) };

        var desk = Render<SectionLoadChart>(p => p.Add(c => c.Data, data));
        var wall = Render<SectionLoadChart>(p => p.Add(c => c.Data, data).Add(c => c.LabelPx, 24));

        Assert.Equal("发展规划科", desk.Find("[data-section] .section-chart-label").TextContent);
        Assert.Empty(desk.FindAll("svg text"));
        Assert.True(FontPx(desk) >= 12, $"labels are {FontPx(desk)} px");
        Assert.Equal(24, FontPx(wall));
    }

    private static int FontPx(IRenderedComponent<SectionLoadChart> chart)
    {
        var style = chart.Find("[data-testid=section-chart]").GetAttribute("style")!;
        var size = style.Split(';').Single(s => s.StartsWith("font-size:", StringComparison.Ordinal))["font-size:".Length..];
        return int.Parse(size.Replace("px", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);
    }
}
