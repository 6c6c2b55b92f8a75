using System.Globalization;
using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProposalPortal.Data;
using ProposalPortal.Domain.Notices;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Account;
using ProposalPortal.Features.Common;
using ProposalPortal.Features.Notices;
using ProposalPortal.Components.Layout;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Components;

/// <summary>通知: the signed-in person's notices, unread first; opening one goes to its item and marks it read.</summary>
public sealed class NoticesPageTests : PortalBunitContext
{
    private TestPortal _portal => Portal!;

    private Scenario _scenario = null!;

    public override async Task InitializeAsync()
    {
        Portal = await TestPortal.StartAsync();
        _scenario = await Scenario.CreateAsync(Portal);
    }


    [Fact]
    public async Task UnreadNoticesComeFirstInBoldWithTheirKind()
    {
        var handler = _scenario.Handler;
        var item = await ItemWithoutStepNoticesAsync();
        var chase = await AddNoticeAsync(handler, item, NoticeKind.Chase, "办公室催办第1号：请抓紧办理", TimeSpan.FromHours(-1));
        var overdue = await AddNoticeAsync(handler, item, NoticeKind.Overdue, "第1号已超期", TimeSpan.FromHours(-3));
        var dueSoon = await AddNoticeAsync(handler, item, NoticeKind.DueSoon, "第1号临近办理时限", TimeSpan.FromHours(-2));
        await _portal.Scoped<NoticeService>().MarkReadAsync(handler, chase);
        SignIn(handler);

        var page = Render<Notices>();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=notice]").Count));
        var rows = page.FindAll("[data-testid=notice]");
        // The two unread ones first (newest first), then the read chase.
        Assert.Equal([dueSoon, overdue, chase], rows.Select(r => long.Parse(r.GetAttribute("data-notice-id")!, CultureInfo.InvariantCulture)));
        Assert.Equal(["false", "false", "true"], rows.Select(r => r.GetAttribute("data-read")));
        Assert.Contains("font-weight: 700", rows[0].GetAttribute("style"));
        Assert.Null(rows[2].GetAttribute("style"));
        Assert.Equal(["临期", "超期", "催办"], page.FindAll("[data-testid=notice-kind]").Select(k => k.TextContent.Trim()));
        Assert.Contains("办公室催办第1号：请抓紧办理", rows[2].TextContent);
        Assert.Contains("2条未读", page.Find("[data-testid=notices-summary]").TextContent);
    }

    [Fact]
    public async Task EachNoticeIsAPlainLinkThatOpensItThroughTheServer()
    {
        // Marking read and going to the item happen at GET /notices/{id}/open (StaticPagesTests follows the link);
        // the static page only draws the link, and drawing it reads nothing.
        var handler = _scenario.Handler;
        var item = await ItemWithoutStepNoticesAsync();
        var notice = await AddNoticeAsync(handler, item, NoticeKind.Chase, "办公室催办第1号：请抓紧办理", TimeSpan.FromHours(-1));
        await AddNoticeAsync(handler, item, NoticeKind.DueSoon, "第1号临近办理时限", TimeSpan.FromHours(-2));
        SignIn(handler);
        var notices = _portal.Scoped<NoticeService>();
        var page = Render<Notices>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=notice]").Count));

        var link = page.Find($"[data-testid=notice][data-notice-id='{notice}'] [data-testid=notice-open]");
        Assert.Equal($"/notices/{notice}/open", link.GetAttribute("href"));
        Assert.Equal(2, await notices.UnreadCountAsync(handler));
    }

    [Fact]
    public async Task SomeoneWithoutNoticesSeesTheEmptyState()
    {
        // Another person's notice is not shown.
        await AddNoticeAsync(_scenario.Handler, (await _scenario.ItemAsync()).Id, NoticeKind.Chase, "办公室催办第1号", TimeSpan.FromHours(-1));
        SignIn(_scenario.Office);

        var page = Render<Notices>();

        page.WaitForAssertion(() => Assert.Equal("暂无通知。", page.Find("[data-testid=notices-empty]").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=notice]"));
    }

    [Fact]
    public async Task TheBellInTheAppBarCountsTheUnreadNoticesAndHidesTheCountWhenThereAreNone()
    {
        var handler = _scenario.Handler;
        var item = await ItemWithoutStepNoticesAsync();
        var first = await AddNoticeAsync(handler, item, NoticeKind.Chase, "办公室催办第1号", TimeSpan.FromHours(-1));
        await AddNoticeAsync(handler, item, NoticeKind.Overdue, "第1号已超期", TimeSpan.FromHours(-2));
        SignIn(handler);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));

        var layout = Render<MainLayout>(ps => ps.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "正文"))));

        layout.WaitForAssertion(() => Assert.Equal("2", layout.Find("[data-testid=notice-bell]").GetAttribute("data-unread")));
        Assert.Equal("2", layout.Find("[data-testid=notice-bell] .mud-badge").TextContent.Trim());
        Assert.Equal("/notices", layout.Find("[data-testid=notice-bell] a").GetAttribute("href"));

        // Read elsewhere, then the user moves on: the bell follows.
        var notices = _portal.Scoped<NoticeService>();
        await notices.MarkReadAsync(handler, first);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/my-work");
        layout.WaitForAssertion(() => Assert.Equal("1", layout.Find("[data-testid=notice-bell]").GetAttribute("data-unread")));
        foreach (var notice in await notices.LatestAsync(handler))
        {
            await notices.MarkReadAsync(handler, notice.Id);
        }

        Services.GetRequiredService<NavigationManager>().NavigateTo("/notices");
        layout.WaitForAssertion(() => Assert.Equal("0", layout.Find("[data-testid=notice-bell]").GetAttribute("data-unread")));
        Assert.Empty(layout.FindAll("[data-testid=notice-bell] .mud-badge"));
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private void SignIn(Actor actor)
    {
        UsePortal(_portal);
        var auth = AddAuthorization();
        auth.SetAuthorized(actor.Name);
        auth.SetClaims(new Claim(PortalClaims.StaffId, actor.StaffId.ToString(CultureInfo.InvariantCulture)));
    }

    // An item in handling, without the 交办 notice its 五定 left (NoticeChannelTests): these tests count their own.
    private async Task<int> ItemWithoutStepNoticesAsync()
    {
        var id = (await _scenario.ItemAsync()).Id;
        await using var db = _portal.Db();
        await db.Notices.Where(n => n.ProposalId == id).ExecuteDeleteAsync();
        return id;
    }

    private async Task<long> AddNoticeAsync(Actor recipient, int proposalId, NoticeKind kind, string text, TimeSpan age)
    {
        await using var db = _portal.Db();
        var notice = new Notice(recipient.StaffId, proposalId, kind, text, TestPortal.DefaultNow + age);
        db.Notices.Add(notice);
        await db.SaveChangesAsync();
        return notice.Id;
    }
}
