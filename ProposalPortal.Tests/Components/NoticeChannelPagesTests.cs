using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using ProposalPortal.Domain.Notices;
using ProposalPortal.Features.Account;
using ProposalPortal.Features.Notices;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Components;

/// <summary>
/// 提醒方式设置, each person's own channels; and 提醒发送失败, the administrator's list of failed messages with 重试.
/// </summary>
public sealed class NoticeChannelPagesTests : PortalBunitContext
{
    private Scenario _world = null!;

    public override async Task InitializeAsync()
    {
        Portal = await TestPortal.StartAsync();
        _world = await Scenario.CreateAsync(Portal);
    }

    [Fact]
    public async Task APersonSeesTheirChoicesAndABadAddressIsRefusedWithoutSaving()
    {
        Assert.True((await Portal!.Scoped<NoticePreferencesService>().SaveAsync(_world.Handler, "handler@example.gov.cn", EmailMode.DailyDigest, true)).IsOk);
        await SignInAsync(Portal, _world.Handler.Name, PortalRoles.SectionStaff);

        var page = Render<NoticePreferencesPage>();

        page.WaitForAssertion(() => Assert.Equal("handler@example.gov.cn", page.Find("input[type=email]").GetAttribute("value")));
        page.Find("input[type=email]").Change("handler at example");
        page.Find("[data-testid=save-preferences]").Click();

        page.WaitForAssertion(() => Assert.Equal("“handler at example”不是有效的电子邮箱地址",
            page.Find("[data-testid=preferences-error]").TextContent.Trim()));
        await using var db = Portal.Db();
        Assert.Equal("handler@example.gov.cn", (await db.NoticePreferences.SingleAsync(p => p.StaffId == _world.Handler.StaffId)).Email);
    }

    [Fact]
    public async Task TheAdministratorSeesAFailedMessageWithItsErrorAndRetriesIt()
    {
        long id;
        await using (var db = Portal!.Db())
        {
            var delivery = new NoticeDelivery(_world.Handler.StaffId, null, DeliveryChannel.Email, "handler@example.gov.cn",
                "【建议提案】交办：测试会议第1号提案", "正文", Portal.Clock.Now);
            delivery.Failed("Connection refused 127.0.0.1:25", Portal.Clock.Now, TimeSpan.FromMinutes(1), maxAttempts: 1);
            db.NoticeDeliveries.Add(delivery);
            await db.SaveChangesAsync();
            id = delivery.Id;
        }

        // Until the first password is changed the administrator may do nothing else, this list included.
        await _world.AdminPastFirstSignInAsync();
        await SignInAsync(Portal, _world.Admin.Name, PortalRoles.Admin);
        Render<MudPopoverProvider>();
        var page = Render<FailedDeliveriesPage>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=failed-delivery]")));
        var row = page.Find("[data-testid=failed-delivery]");
        Assert.Contains("韩承办", row.TextContent);
        Assert.Contains("电子邮件", row.TextContent);
        Assert.Contains("已停止重试", row.TextContent);
        Assert.Equal("Connection refused 127.0.0.1:25", page.Find("[data-testid=delivery-error]").TextContent.Trim());

        page.Find("[data-testid=retry-delivery]").Click();

        page.WaitForAssertion(() => Assert.Contains("将于2026年11月28日 10:00重试", page.Find("[data-testid=failed-delivery]").TextContent));
        await using var check = Portal.Db();
        var retried = await check.NoticeDeliveries.SingleAsync(d => d.Id == id);
        Assert.Null(retried.GaveUpAt);
        Assert.Equal(Portal.Clock.Now, retried.NextAttemptAt);
    }

    [Fact]
    public async Task SomeoneWhoIsNotTheAdministratorIsRefusedTheList()
    {
        await SignInAsync(Portal!, _world.Office.Name, PortalRoles.Office);

        var page = Render<FailedDeliveriesPage>();

        page.WaitForAssertion(() => Assert.Equal("只有系统管理员可以查看发送失败的提醒", page.Find("[data-testid=deliveries-error]").TextContent.Trim()));
    }
}

/// <summary>The sections editor's one field of the notices: the group robot's webhook, checked before it is saved.</summary>
public sealed class SectionRobotEditorTests : PortalBunitContext
{
    private Scenario _world = null!;

    public override async Task InitializeAsync()
    {
        Portal = await TestPortal.StartAsync();
        _world = await Scenario.CreateAsync(Portal);
        await _world.AdminPastFirstSignInAsync();
        await SignInAsync(Portal, _world.Admin.Name, PortalRoles.Admin);
        Render<MudPopoverProvider>();
    }

    [Fact]
    public async Task TheAdministratorSetsASectionsRobotAndABadAddressIsRefusedInTheDialog()
    {
        var dialogs = Render<MudDialogProvider>();
        var page = Render<ProposalPortal.Features.Administration.Sections.SectionsPage>();
        page.WaitForAssertion(() => Assert.Equal("未设置", page.Find($"tr[data-section='{_world.Section.Id}'] [data-testid=section-robot-kind]").TextContent.Trim()));

        page.Find($"tr[data-section='{_world.Section.Id}'] button").Click();
        dialogs.WaitForElement("input[data-testid=section-robot], [data-testid=section-robot] input").Change("https://example.com/hook");
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "保存").Click();
        dialogs.WaitForAssertion(() => Assert.StartsWith("群机器人地址须为企业微信", dialogs.Find("[data-testid=dialog-error]").TextContent.Trim()));

        dialogs.Find("input[data-testid=section-robot], [data-testid=section-robot] input").Change("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc");
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "保存").Click();

        page.WaitForAssertion(() => Assert.Equal("企业微信", page.Find($"tr[data-section='{_world.Section.Id}'] [data-testid=section-robot-kind]").TextContent.Trim()));
        await using var db = Portal!.Db();
        Assert.Equal("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc",
            (await db.Sections.SingleAsync(s => s.Id == _world.Section.Id)).RobotWebhookUrl);
    }
}
