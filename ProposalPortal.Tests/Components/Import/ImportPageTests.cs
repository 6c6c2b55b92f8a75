using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using ProposalPortal.Features.Import;
using ProposalPortal.Tests.Features.Import;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Components.Import;

/// <summary>/import: choose a file, read the preview, confirm; a broken file cannot be confirmed.</summary>
public sealed class ImportPageTests : PortalBunitContext
{
    private Scenario _scenario = null!;

    public override async Task InitializeAsync()
    {
        Portal = await TestPortal.StartAsync();
        _scenario = await Scenario.CreateAsync(Portal);
    }

    private static List<string[]> Rows() =>
        ImportFiles.CleanRows().Select(r => { var c = (string[])r.Clone(); c[2] = "页面测试届次"; return c; }).ToList();

    private async Task<int> CountAsync()
    {
        await using var db = Portal!.Db();
        return await db.Proposals.CountAsync(p => p.Session == "页面测试届次");
    }

    [Fact]
    public async Task ACleanFileIsPreviewedThenImportedOnConfirmation()
    {
        await SignInAsync(Portal!, _scenario.Office.Name);
        var page = Render<ImportPage>();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(ImportFiles.Xlsx(Rows()), "交办清单.xlsx"));

        page.WaitForAssertion(() => Assert.Contains("可导入3件", page.Find("[data-testid=import-summary]").TextContent));
        Assert.Equal(3, page.FindAll("[data-testid=import-preview] tbody tr").Count);
        Assert.Equal(0, await CountAsync()); // nothing before confirmation
        page.Find("[data-testid=import-confirm]").Click();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=import-done]")), TimeSpan.FromSeconds(10));
        Assert.Contains("已导入3件", page.Find("[data-testid=import-done]").TextContent);
        Assert.Equal(3, await CountAsync());
    }

    [Fact]
    public async Task ABrokenFileShowsEachProblemOnItsRowAndCannotBeConfirmed()
    {
        await SignInAsync(Portal!, _scenario.Office.Name);
        var rows = Rows();
        rows[1][Array.IndexOf(ImportFiles.Header, AssignmentList.Source)] = "省人大";
        var page = Render<ImportPage>();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(ImportFiles.Xlsx(rows), "交办清单.xlsx"));

        page.WaitForAssertion(() => Assert.Contains("有1处问题", page.Find("[data-testid=import-summary]").TextContent));
        Assert.Contains("来源“省人大”无法识别", page.Find("[data-testid=row-problem]").TextContent);
        Assert.True(page.Find("[data-testid=import-confirm]").HasAttribute("disabled"));
        Assert.Equal(0, await CountAsync());
    }

    [Fact]
    public async Task AnotherTypeOfFileIsRefusedWithAMessage()
    {
        await SignInAsync(Portal!, _scenario.Office.Name);
        var page = Render<ImportPage>();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("hello", "清单.docx"));

        page.WaitForAssertion(() => Assert.StartsWith("不支持的文件类型（.docx）", page.Find("[data-testid=file-problem]").TextContent.Trim()));
    }
}
