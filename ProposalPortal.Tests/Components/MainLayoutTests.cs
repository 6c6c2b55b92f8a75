using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ProposalPortal.Components.Layout;
using ProposalPortal.Features.Account;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Components;

/// <summary>The shell: the menu each role sees, the current page marked, the signed-in name and sign-out.</summary>
public sealed class MainLayoutTests : PortalBunitContext
{
    private Scenario _scenario = null!;

    public override async Task InitializeAsync()
    {
        Portal = await TestPortal.StartAsync();
        _scenario = await Scenario.CreateAsync(Portal);
    }

    [Fact]
    public async Task SectionStaffSeeTheirWorkOnlyAndNotTheOfficeLeadershipOrAdministrationPages()
    {
        await SignInAsync(Portal!, _scenario.Handler.Name, PortalRoles.SectionStaff);

        var layout = RenderLayout();

        Assert.Equal(["首页", "我的待办", "建议提案", "跟踪问效"], MenuTexts(layout));
        Assert.Equal("/account/logout", layout.Find("form[action='/account/logout']").GetAttribute("action"));
    }

    [Fact]
    public async Task TheOfficeSeesRegistrationImportBoardsAndFigures()
    {
        await SignInAsync(Portal!, _scenario.Office.Name, PortalRoles.Office);

        var layout = RenderLayout();

        Assert.Equal(["首页", "我的待办", "建议提案", "跟踪问效", "督办看板", "登记建议提案", "导入交办清单", "代表委员库", "统计", "年度办理工作总结"],
            MenuTexts(layout));
        Assert.Empty(layout.FindAll(".mud-nav-group"));
        // Each entry carries its icon as drawn SVG, not as escaped text.
        var icons = layout.FindAll("nav.mud-navmenu > .mud-nav-item svg.mud-nav-link-icon");
        Assert.Equal(10, icons.Count);
        Assert.All(icons, svg => Assert.NotEmpty(svg.QuerySelectorAll("path, rect")));
        Assert.DoesNotContain("&lt;path", layout.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAdministratorGetsTheAdministrationGroup()
    {
        await SignInAsync(Portal!, _scenario.Admin.Name, PortalRoles.Admin);

        var layout = RenderLayout();

        Assert.Contains("系统管理", layout.Find(".mud-nav-group").TextContent);
        Assert.Equal(["admin/sections", "admin/staff", "admin/calendar", "admin/rules", "admin/signing", "admin/audit", "admin/backups", "admin/deliveries"],
            layout.FindAll(".mud-nav-group a.mud-nav-link").Select(a => a.GetAttribute("href")));
        Assert.DoesNotContain("登记建议提案", MenuTexts(layout));
    }

    [Fact]
    public async Task TheCurrentPageIsMarkedAndTheMarkFollowsNavigation()
    {
        await SignInAsync(Portal!, _scenario.Office.Name, PortalRoles.Office);
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/proposals?year=all");

        var layout = RenderLayout();

        Assert.Equal(["建议提案"], Current(layout));

        // An item's page lies beneath 建议提案; registering one is its own entry, and the home link matches only itself.
        navigation.NavigateTo("/proposals/register");
        layout.WaitForAssertion(() => Assert.Equal(["建议提案", "登记建议提案"], Current(layout)));
        navigation.NavigateTo("/");
        layout.WaitForAssertion(() => Assert.Equal(["首页"], Current(layout)));
    }

    private IRenderedComponent<MainLayout> RenderLayout()
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var layout = Render<MainLayout>(ps => ps.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "正文"))));
        layout.WaitForAssertion(() => Assert.NotEmpty(layout.FindAll("[data-testid=current-user]")));
        return layout;
    }

    private static List<string> MenuTexts(IRenderedComponent<MainLayout> layout) =>
        layout.FindAll("nav.mud-navmenu > .mud-nav-item .mud-nav-link-text").Select(e => e.TextContent.Trim()).ToList();

    private static List<string> Current(IRenderedComponent<MainLayout> layout) =>
        layout.FindAll("a.mud-nav-link[aria-current=page]").Select(a => a.TextContent.Trim()).ToList();
}
