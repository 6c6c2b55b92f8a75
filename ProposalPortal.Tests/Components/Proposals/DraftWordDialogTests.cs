using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Letters;
using ProposalPortal.Features.Summary;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Components.Proposals;

/// <summary>The draft dialog's Word import: a .docx fills the body and is saved with it; a bad file changes nothing.</summary>
public sealed class DraftWordDialogTests : ItemPageContext
{
    private static string BodyValue(IRenderedComponent<MudDialogProvider> dialogs)
    {
        var body = dialogs.Find("#draft-body");
        return body.GetAttribute("value") ?? body.TextContent;
    }

    [Fact]
    public async Task ADocxFillsTheBodyWhichIsSavedAsAVersionNamingTheFileAndABadFileLeavesTheBodyAsItWas()
    {
        // A drafted item, opened by its handler.
        var id = (await Scenario.ItemAsync(ProposalState.Drafted)).Id;

        var before = (await FindAsync(id)).CurrentReply!;
        var dialogs = await SignInAsync(Scenario.Handler);
        var page = RenderPage(id);
        page.WaitForAssertion(() => Assert.Contains("拟稿", Offered(page)));
        page.Find("button[data-step=SaveDraft]").Click();
        dialogs.WaitForElement("#draft-body");

        dialogs.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("not a docx", "答复稿.doc"));
        dialogs.WaitForAssertion(() => Assert.Equal(DraftDocx.NotDocx, dialogs.Find("[data-testid=draft-word-error]").TextContent.Trim()));
        Assert.Equal(before.Body, BodyValue(dialogs));

        var docx = SummaryDocx.Write("稿", "测试", [new("一、建设进展", DocxStyle.Heading1), new("已建成充电桩120个。"), new("（一）下步打算。", DocxStyle.Heading2)]);
        dialogs.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(docx, "审核后.docx"));
        dialogs.WaitForAssertion(() => Assert.Equal("一、建设进展\n已建成充电桩120个。\n（一）下步打算。", BodyValue(dialogs)));
        Assert.Contains("审核后.docx", dialogs.Find("[data-testid=draft-word-read]").TextContent);

        dialogs.Find("[data-testid=step-submit]").Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        var after = (await FindAsync(id)).CurrentReply!;
        Assert.Equal("一、建设进展\n已建成充电桩120个。\n（一）下步打算。", after.Body);
        await using var db = TestPortal.Db();
        var latest = await db.DraftVersions.AsNoTracking().Where(v => v.ReplyId == after.Id).OrderByDescending(v => v.Number).FirstAsync();
        Assert.Equal(("审核后.docx", after.Body, before.VersionCount + 1), (latest.WordFile, latest.Body, latest.Number));
    }
}
