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

    public override async Task InitializeAsync() => Portal = await TestPortal.StartAsync(demo: true);


    [Fact]
    public async Task UnreadNoticesComeFirstInBoldWithTheirKind()
    {
        var handler = await ActorAsync("何六");
        var item = await ItemAsync(21);
        var chase = await AddNoticeAsync(handler, item, NoticeKind.Chase, "尤四催办第21号:请抓紧办理", TimeSpan.FromHours(-1));
        var overdue = await AddNoticeAsync(handler, item, NoticeKind.Overdue, "第21号已超期", TimeSpan.FromHours(-3));
        var dueSoon = await AddNoticeAsync(handler, item, NoticeKind.DueSoon, "第21号临近办理时限", TimeSpan.FromHours(-2));
        await _portal.Scoped<NoticeService>().MarkReadAsync(handler, chase);
        SignIn("何六", handler.StaffId);

        var page = Render<Notices>();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=notice]").Count));
        var rows = page.FindAll("[data-testid=notice]");
        // The two unread ones first (newest first), then the read chase.
        Assert.Equal([dueSoon, overdue, chase], rows.Select(r => long.Parse(r.GetAttribute("data-notice-id")!, CultureInfo.InvariantCulture)));
        Assert.Equal(["false", "false", "true"], rows.Select(r => r.GetAttribute("data-read")));
        Assert.Contains("font-weight: 700", rows[0].GetAttribute("style"));
        Assert.Null(rows[2].GetAttribute("style"));
        Assert.Equal(["临期", "超期", "催办"], page.FindAll("[data-testid=notice-kind]").Select(k => k.TextContent.Trim()));
        Assert.Contains("尤四催办第21号:请抓紧办理", rows[2].TextContent);
        Assert.Contains("2条未读", page.Find("[data-testid=notices-summary]").TextContent);
    }

    [Fact]
    public async Task EachNoticeIsAPlainLinkThatOpensItThroughTheServer()
    {
        // Marking read and going to the item happen at GET /notices/{id}/open (StaticPagesTests follows the link);
        // the static page only draws the link, and drawing it reads nothing.
        var handler = await ActorAsync("何六");
        var item = await ItemAsync(21);
        var notice = await AddNoticeAsync(handler, item, NoticeKind.Chase, "尤四催办第21号:请抓紧办理", TimeSpan.FromHours(-1));
        await AddNoticeAsync(handler, item, NoticeKind.DueSoon, "第21号临近办理时限", TimeSpan.FromHours(-2));
        SignIn("何六", handler.StaffId);
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
        await AddNoticeAsync(await ActorAsync("何六"), await ItemAsync(21), NoticeKind.Chase, "尤四催办第21号", TimeSpan.FromHours(-1));
        var office = await ActorAsync("尤四");
        SignIn("尤四", office.StaffId);

        var page = Render<Notices>();

        page.WaitForAssertion(() => Assert.Equal("暂无通知。", page.Find("[data-testid=notices-empty]").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=notice]"));
    }

    [Fact]
    public async Task TheBellInTheAppBarCountsTheUnreadNoticesAndHidesTheCountWhenThereAreNone()
    {
        var handler = await ActorAsync("何六");
        var item = await ItemAsync(21);
        var first = await AddNoticeAsync(handler, item, NoticeKind.Chase, "尤四催办第21号", TimeSpan.FromHours(-1));
        await AddNoticeAsync(handler, item, NoticeKind.Overdue, "第21号已超期", TimeSpan.FromHours(-2));
        SignIn("何六", handler.StaffId);
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

    private void SignIn(string name, int staffId)
    {
        UsePortal(_portal);
        var auth = AddAuthorization();
        auth.SetAuthorized(name);
        auth.SetClaims(new Claim(PortalClaims.StaffId, staffId.ToString(CultureInfo.InvariantCulture)));
    }

    private async Task<long> AddNoticeAsync(Actor recipient, int proposalId, NoticeKind kind, string text, TimeSpan age)
    {
        await using var db = _portal.Db();
        var notice = new Notice(recipient.StaffId, proposalId, kind, text, TestPortal.DefaultNow + age);
        db.Notices.Add(notice);
        await db.SaveChangesAsync();
        return notice.Id;
    }

    private async Task<int> ItemAsync(int number)
    {
        await using var db = _portal.Db();
        return await db.Proposals.Where(p => p.Year == 2026 && p.Number == number).Select(p => p.Id).SingleAsync();
    }

    private Task<Actor> ActorAsync(string name) => _portal.ActorAsync(name);
}
