using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Features.Proposals.Detail;
using ProposalPortal.Features.Publication;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Components.Proposals;

/// <summary>撤销公开 on the item page, over the real services and the demo data (2026's 第47号 is published).</summary>
public sealed class PublicationOnItemPageTests : PortalBunitContext
{
    public override async Task InitializeAsync() => Portal = await TestPortal.StartAsync(demo: true);

    [Fact]
    public async Task TheOfficeTakesAPublishedReplyDownWithAReasonAndItLeavesThePublicPagesAtOnce()
    {
        int id;
        await using (var db = Portal!.Db())
        {
            id = await db.Proposals.Where(p => p.Year == 2026 && p.Number == 47).Select(p => p.Id).SingleAsync();
        }

        var replyId = (await FindAsync(id)).CurrentReply!.Id;
        Assert.NotNull(await Portal.Scoped<PublicationService>().FindAsync(replyId));

        await SignInAsync(Portal, "尤四");
        var dialogs = Render<MudDialogProvider>();
        var page = Render<ProposalDetail>(ps => ps.Add(p => p.Id, id));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("button[data-step=Unpublish]")));

        page.Find("button[data-step=Unpublish]").Click();
        dialogs.WaitForElement("#step-comment");
        dialogs.Find("[data-testid=step-submit]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("请填写撤销公开理由", dialogs.Markup));
        Assert.NotNull(await Portal.Scoped<PublicationService>().FindAsync(replyId));

        dialogs.Find("#step-comment").Change("答复中的项目数据需更正");
        dialogs.Find("[data-testid=step-submit]").Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));

        Assert.Null(await Portal.Scoped<PublicationService>().FindAsync(replyId));
        var audit = (await FindAsync(id)).AuditTrail.OrderBy(a => a.Id).Last();
        Assert.Equal(AuditAction.Unpublish, audit.Action);
        Assert.Contains("答复中的项目数据需更正", audit.Comment);
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("button[data-step=Unpublish]")));
    }

    private async Task<Proposal> FindAsync(int id)
    {
        await using var db = Portal!.Db();
        var staff = await db.Staff.SingleAsync(s => s.Name == "尤四");
        return (await Portal.Scoped<ProposalService>().FindAsync(id, Actor.For(staff, [])))!;
    }
}
