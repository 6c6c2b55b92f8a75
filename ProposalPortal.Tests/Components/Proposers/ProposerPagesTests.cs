using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using ProposalPortal.Domain.Proposers;
using ProposalPortal.Features.Common;
using ProposalPortal.Features.Proposers;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Components.Proposers;

/// <summary>The Office's 代表委员库 editors: edit an entry, merge a duplicate into it, import a list.</summary>
public sealed class ProposerPagesTests : PortalBunitContext
{
    private Scenario _scenario = null!;

    public override async Task InitializeAsync()
    {
        Portal = await TestPortal.StartAsync();
        _scenario = await Scenario.CreateAsync(Portal);
    }

    private async Task<int> AddAsync(ProposerDetails details) =>
        (await Portal!.Scoped<ProposerRegistry>().AddAsync(_scenario.Office, details)).Value;

    private async Task<List<RegisteredProposer>> EntriesAsync()
    {
        await using var db = Portal!.Db();
        return await db.RegisteredProposers.AsNoTracking().OrderBy(p => p.Id).ToListAsync();
    }

    [Fact]
    public async Task AnEditIsSavedAndABadPhoneIsRefusedWithoutChangingAnything()
    {
        var id = await AddAsync(new ProposerDetails("李春闻", ProposerBody.Member, Mobile: "13800000001"));
        await SignInAsync(Portal!, _scenario.Office.Name);
        var page = Render<ProposerEditPage>(ps => ps.Add(p => p.Id, id));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("#proposer-mobile")));

        page.Find("#proposer-mobile").Change("打办公室电话");
        page.Find("#proposer-save").Click();

        page.WaitForAssertion(() => Assert.Equal("手机号码“打办公室电话”格式不对", page.Find("[data-testid=proposer-error]").TextContent.Trim()));
        Assert.Equal("13800000001", Assert.Single(await EntriesAsync()).Mobile);

        page.Find("#proposer-mobile").Change("13900000002");
        page.Find("#proposer-email").Change("li@example.cn");
        page.Find("#proposer-save").Click();

        page.WaitForAssertion(() => Assert.EndsWith($"/proposers/{id}", Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().Uri, StringComparison.Ordinal));
        var entry = Assert.Single(await EntriesAsync());
        Assert.Equal(("13900000002", "li@example.cn"), (entry.Mobile, entry.Email));
    }

    [Fact]
    public async Task ADuplicateIsMergedIntoTheEntryAfterConfirmation()
    {
        var kept = await AddAsync(new ProposerDetails("王芳", ProposerBody.Member, Term: "市十届"));
        var duplicate = await AddAsync(new ProposerDetails("王芳", ProposerBody.Member, Term: "市九届", Mobile: "13800000009"));
        await SignInAsync(Portal!, _scenario.Office.Name);
        var dialogs = Render<MudDialogProvider>();
        var page = Render<ProposerEditPage>(ps => ps.Add(p => p.Id, kept));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll($"[data-duplicate='{duplicate}']")));

        page.Find($"[data-duplicate='{duplicate}'] button").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("并入本条", dialogs.Markup, StringComparison.Ordinal));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "合并").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=duplicates]")));
        var entry = Assert.Single(await EntriesAsync());
        Assert.Equal((kept, "市十届", "13800000009"), (entry.Id, entry.Term, entry.Mobile));
    }

    [Fact]
    public async Task AListWithAProblemShowsItsRowAndImportsNothing()
    {
        await SignInAsync(Portal!, _scenario.Office.Name);
        var page = Render<ProposerImportPage>();
        var file = new XlsxWriter().Sheet("名单", ["姓名", "代表团", "电子邮箱"],
            [["赵六", "城区代表团", "zhao@example.cn"], ["钱七", "城区代表团", "qian#example.cn"]]).ToBytes();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(file, "人大代表名单.xlsx"));

        page.WaitForAssertion(() => Assert.Equal("名单中有1处问题，未导入任何一条", page.Find("[data-testid=proposer-import-error]").TextContent.Trim()));
        Assert.Equal("第3行：电子邮箱“qian#example.cn”格式不对", page.Find("[data-testid=proposer-import-problem]").TextContent.Trim());
        Assert.Empty(await EntriesAsync());
    }
}
