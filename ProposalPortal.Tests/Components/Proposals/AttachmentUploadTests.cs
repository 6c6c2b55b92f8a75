using Bunit;
using Microsoft.AspNetCore.Components.Forms;

namespace ProposalPortal.Tests.Components.Proposals;

/// <summary>Uploading on the item page: a file over the limit is refused with a message instead of nothing happening.</summary>
public sealed class AttachmentUploadTests : ItemPageContext
{
    [Fact]
    public async Task AFileOverTheLimitIsRefusedWithAMessageAndNothingIsKept()
    {
        var id = (await Scenario.ItemAsync(ProposalPortal.Domain.Proposals.ProposalState.InProgress)).Id;
        await SignInAsync(Scenario.Handler);
        var page = RenderPage(id);
        page.WaitForElement("[data-testid=attachment-input]");
        var tooBig = new byte[11 * 1024 * 1024];
        "%PDF-"u8.CopyTo(tooBig);

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(tooBig, "调研报告.pdf"));

        page.WaitForAssertion(() => Assert.Equal("文件过大：“调研报告.pdf”有11MB，超过了单个文件10MB的上限，请压缩或拆分后再上传。",
            page.Find("[data-testid=attachment-error]").TextContent.Trim()));
        Assert.Empty((await FindAsync(id)).Attachments);
    }
}
