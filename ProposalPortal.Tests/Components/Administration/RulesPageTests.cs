using Bunit;
using Microsoft.Extensions.Options;
using ProposalPortal.Domain.Deadlines;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Account;
using ProposalPortal.Tests.TestSupport;
using RulesPage = ProposalPortal.Features.Administration.Rules;

namespace ProposalPortal.Tests.Components.Administration;

/// <summary>办理规则 as the portal's administrator edits them.</summary>
public sealed class RulesPageTests : PortalBunitContext
{
    private string _admin = null!;

    public override async Task InitializeAsync()
    {
        Portal = await TestPortal.StartAsync();
        _admin = (await (await Scenario.CreateAsync(Portal)).AdminPastFirstSignInAsync()).Name;
        await SignInAsync(Portal, _admin, PortalRoles.Admin, PortalRoles.Office);
    }

    [Fact]
    public void ASavedRuleIsInForceAndShowsWhoChangedIt()
    {
        var cut = Render<RulesPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("tr[data-key]")));
        Assert.Equal("配置", Source(cut, "Rules:Deadlines:DueSoonDays"));

        cut.Find("tr[data-key='Rules:Deadlines:DueSoonDays'] input").Change("10");
        cut.Find("[data-testid='rules-save']").Click();

        cut.WaitForAssertion(() => Assert.Equal($"{_admin}于2026年11月28日在本页修改", Source(cut, "Rules:Deadlines:DueSoonDays")));
        Assert.Equal(10, Portal!.Get<IOptionsMonitor<DeadlineOptions>>().CurrentValue.DueSoonDays);
        Assert.Contains("font-weight: bold", cut.Find("tr[data-key='Rules:Deadlines:DueSoonDays']").GetAttribute("style"));
    }

    [Fact]
    public void AnUnsoundEntryIsRefusedWithTheReasonAndStaysOnThePage()
    {
        var cut = Render<RulesPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("tr[data-key]")));

        cut.Find("tr[data-key='Rules:Deadlines:UrgentDays'] input").Change("30");
        cut.Find("[data-testid='rules-save']").Click();

        cut.WaitForAssertion(() => Assert.Contains("紧急提醒天数须在0至临期提醒天数之间", cut.Find("[data-testid='rules-error']").TextContent));
        Assert.Equal("30", cut.Find("tr[data-key='Rules:Deadlines:UrgentDays'] input").GetAttribute("value"));
        Assert.Equal(7, Portal!.Get<IOptionsMonitor<DeadlineOptions>>().CurrentValue.UrgentDays);
        Assert.Equal("配置", Source(cut, "Rules:Deadlines:UrgentDays"));
    }

    [Fact]
    public async Task TheRuleForSeveralProposersIsChosenByNameAndIsInForceOnceSaved()
    {
        var cut = Render<RulesPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("tr[data-key]")));
        const string Key = "Rules:Workflow:SatisfactionRule";
        Assert.Contains("任一提出人不满意即为不满意", cut.Find($"tr[data-key='{Key}']").TextContent); // the default

        var select = cut.FindComponents<MudBlazor.MudSelect<string>>().Single();
        await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(nameof(SatisfactionRule.LeadProposer)));
        cut.Find("[data-testid='rules-save']").Click();

        cut.WaitForAssertion(() => Assert.Equal($"{_admin}于2026年11月28日在本页修改", Source(cut, Key)));
        Assert.Equal(SatisfactionRule.LeadProposer, Portal!.Get<IOptionsMonitor<WorkflowOptions>>().CurrentValue.SatisfactionRule);
    }

    private static string Source(IRenderedComponent<RulesPage> cut, string key) =>
        cut.Find($"tr[data-key='{key}'] [data-testid='rule-source']").TextContent.Trim();
}
