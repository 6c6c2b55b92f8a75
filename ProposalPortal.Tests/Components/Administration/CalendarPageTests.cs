using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProposalPortal.Data;
using ProposalPortal.Features.Account;
using ProposalPortal.Features.Administration.Calendar;
using ProposalPortal.Features.Common;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Components.Administration;

/// <summary>The working-day calendar page over a portal with only the shipped holiday notices (2021–2025), signed in as its administrator.</summary>
public sealed class CalendarPageTests : PortalBunitContext
{
    private TestPortal _portal => Portal!;

    public override async Task InitializeAsync()
    {
        Portal = await TestPortal.StartAsync();
        var admin = await (await Scenario.CreateAsync(_portal)).AdminPastFirstSignInAsync();
        await SignInAsync(_portal, admin.Name, PortalRoles.Admin, PortalRoles.Office);
        Services.AddSingleton(_portal.Get<IDbContextFactory<PortalDbContext>>());
        Services.AddSingleton(_portal.Get<PortalClock>());
        Services.AddSingleton(_portal.Scoped<CalendarAdministration>());
    }


    [Fact]
    public void WarnsThat2026HasNoEntries()
    {
        var cut = Render<CalendarPage>();

        cut.WaitForAssertion(() => Assert.Equal("该年度尚未录入节假日安排，工作日按周末计算", cut.Find("[data-testid='no-calendar']").TextContent.Trim()));
        Assert.Empty(cut.FindAll("tr[data-date]"));
    }

    [Fact]
    public void Lists2022WithTheSpringFestival()
    {
        var cut = Render<CalendarPage>(p => p.Add(c => c.Year, 2022));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("tr[data-date]")));
        Assert.Empty(cut.FindAll("[data-testid='no-calendar']"));
        Assert.Equal(["2022年1月29日", "星期六", "调休上班", "春节"], Cells(cut, "2022-01-29"));
        Assert.Equal(["2022年2月1日", "星期二", "放假", "春节"], Cells(cut, "2022-02-01"));
        Assert.All(cut.FindAll("tr[data-date]"), row => Assert.StartsWith("2022-", row.GetAttribute("data-date")));
    }

    private static string[] Cells(IRenderedComponent<CalendarPage> cut, string date) =>
        [.. cut.Find($"tr[data-date='{date}']").QuerySelectorAll("td").Select(td => td.TextContent.Trim()).Take(4)];
}
