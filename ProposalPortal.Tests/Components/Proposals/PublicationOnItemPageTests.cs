using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Features.Proposals.Detail;
using ProposalPortal.Features.Publication;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Components.Proposals;

/// <summary>撤销公开 on the item page, over the real services, on a <see cref="Scenario"/> item whose signed reply is published.</summary>
public sealed class PublicationOnItemPageTests : PortalBunitContext
{
    private Scenario _scenario = null!;

    public override async Task InitializeAsync()
    {
        Portal = await TestPortal.StartAsync();
        _scenario = await Scenario.CreateAsync(Portal);
    }

    [Fact]
    public async Task TheOfficeTakesAPublishedReplyDownWithAReasonAndItLeavesThePublicPagesAtOnce()
    {
        // Signed off with its letter issued (the disclosure decision says publish), then published by the Office.
        var id = (await _scenario.ItemAsync(ProposalState.AwaitingSignOff)).Id;
        var signed = await Portal!.Scoped<ProposalService>().SignOffAsync(id, (await FindAsync(id)).Version, _scenario.Director);
        Assert.True(signed.IsOk, signed.Error);
        await _scenario.StepAsync(id, _scenario.Office, (p, c) => p.Publish(_scenario.Office, c));

        var replyId = (await FindAsync(id)).CurrentReply!.Id;
        Assert.NotNull(await Portal.Scoped<PublicationService>().FindAsync(replyId));

        await SignInAsync(Portal, _scenario.Office.Name);
        var dialogs = Render<MudDialogProvider>();
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
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

    private Task<Proposal> FindAsync(int id) => _scenario.FindAsync(id);
}
