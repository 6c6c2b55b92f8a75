using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Administration.Staff;
using ProposalPortal.Features.Proposals.Detail;

namespace ProposalPortal.Tests.Components.Proposals;

/// <summary>
/// An item page left open keeps no rights of its own: every upload, step and dialog action asks the database who the
/// person is now, so a deactivation or a move to another section applies to the very next action.
/// </summary>
public sealed class CurrentPermissionsTests : ItemPageContext
{
    private async Task DeactivateAsync(Actor actor)
    {
        var result = await TestPortal.Scoped<StaffAdministration>().DeactivateAsync(Scenario.Admin, actor.StaffId);
        Assert.True(result.IsOk, result.Error);
    }

    private async Task MoveToSectionAsync(Actor actor, Section section)
    {
        var result = await TestPortal.Scoped<StaffAdministration>().ChangeRolesAsync(Scenario.Admin, actor.StaffId, StaffRoles.SectionStaff, section.Id);
        Assert.True(result.IsOk, result.Error);
    }

    /// <summary>An item of the scenario's section being handled: its handler may log a contact and draft.</summary>
    private async Task<int> ItemInProgressAsync() => (await Scenario.ItemAsync(ProposalState.InProgress)).Id;

    private static InputFileContent Pdf() => InputFileContent.CreateFromBinary(
        "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray(), "沟通记录.pdf", contentType: "application/pdf");

    [Fact]
    public async Task AnOpenPageOfAnAccountDeactivatedSinceCanNeitherUploadNorTakeAStep()
    {
        var id = await ItemInProgressAsync();
        var before = await FindAsync(id);
        var dialogs = await SignInAsync(Scenario.Handler);
        var page = RenderPage(id);
        page.WaitForAssertion(() => Assert.Contains("登记沟通", Offered(page)));
        // A dialog opened while the account still stood, then the administrator deactivates it.
        page.Find("button[data-step=LogCommunication]").Click();
        dialogs.WaitForElement("#communication-summary").Change("电话联系王五委员。");

        await DeactivateAsync(Scenario.Handler);

        dialogs.Find("[data-testid=step-submit]").Click();
        dialogs.WaitForAssertion(() => Assert.Equal(StepRunner.NoLongerAllowed, dialogs.Find("[data-testid=step-error]").TextContent.Trim()));
        page.FindComponent<InputFile>().UploadFiles(Pdf());
        page.WaitForAssertion(() => Assert.Equal(StepRunner.NoLongerAllowed, page.Find("[data-testid=attachment-error]").TextContent.Trim()));
        var after = await FindAsync(id);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Communications.Count, after.Communications.Count);
        Assert.Equal(before.Attachments.Count, after.Attachments.Count);
    }

    [Fact]
    public async Task AStepButtonOnAPageOfADeactivatedAccountOpensNoDialogAndSaysWhy()
    {
        var id = await ItemInProgressAsync();
        var dialogs = await SignInAsync(Scenario.Handler);
        var page = RenderPage(id);
        page.WaitForAssertion(() => Assert.Contains("拟稿", Offered(page)));

        await DeactivateAsync(Scenario.Handler);
        page.Find("button[data-step=SaveDraft]").Click();

        page.WaitForAssertion(() => Assert.Contains(StepRunner.NoLongerAllowed, Snackbars()));
        Assert.Empty(dialogs.FindAll(".mud-dialog"));
        // The reload shows what the account may see now: nothing.
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("button[data-step]")));
    }

    [Fact]
    public async Task AMoveToAnotherSectionAppliesToTheNextActionOfAnOpenPage()
    {
        // The item belongs to the handler's section until the administrator moves them to the other section.
        var id = await ItemInProgressAsync();
        var before = await FindAsync(id);
        var dialogs = await SignInAsync(Scenario.Handler);
        var page = RenderPage(id);
        page.WaitForAssertion(() => Assert.Contains("登记沟通", Offered(page)));
        page.Find("button[data-step=LogCommunication]").Click();
        dialogs.WaitForElement("#communication-summary").Change("电话联系王五委员。");

        await MoveToSectionAsync(Scenario.Handler, Scenario.OtherSection);

        dialogs.Find("[data-testid=step-submit]").Click();
        dialogs.WaitForAssertion(() => Assert.False(string.IsNullOrWhiteSpace(dialogs.Find("[data-testid=step-error]").TextContent)));
        page.FindComponent<InputFile>().UploadFiles(Pdf());
        page.WaitForAssertion(() => Assert.False(string.IsNullOrWhiteSpace(page.Find("[data-testid=attachment-error]").TextContent)));
        var after = await FindAsync(id);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Communications.Count, after.Communications.Count);
        Assert.Equal(before.Attachments.Count, after.Attachments.Count);
    }
}
