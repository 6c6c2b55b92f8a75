using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Proposers;
using ProposalPortal.Features.Import;
using ProposalPortal.Features.Proposals.Detail;
using ProposalPortal.Features.Proposals.Detail.Panels;
using ProposalPortal.Features.Proposers;
using ProposalPortal.Tests.Features.Import;
using ProposalPortal.Tests.TestSupport;
using ProposalPage = ProposalPortal.Features.Proposals.Detail.ProposalPage;

namespace ProposalPortal.Tests.Components.Proposers;

/// <summary>
/// Picking proposers from 代表委员库 where items come in: the import and the registration form show which names the
/// registry knows and offer the others, which are added only when the user ticks them; the item page shows the contacts.
/// </summary>
public sealed class ProposerMatchingTests : PortalBunitContext
{
    private Scenario _scenario = null!;

    public override async Task InitializeAsync()
    {
        Portal = await TestPortal.StartAsync();
        _scenario = await Scenario.CreateAsync(Portal);
        await Portal.Scoped<ProposerRegistry>().AddAsync(_scenario.Office, new ProposerDetails("张三", ProposerBody.Member, Mobile: "13800000003"));
    }

    private static List<string[]> Rows() =>
        ImportFiles.CleanRows().Select(r => { var c = (string[])r.Clone(); c[2] = "代表委员测试届次"; return c; }).ToList();

    private async Task<List<(string Name, ProposerBody Body)>> EntriesAsync()
    {
        await using var db = Portal!.Db();
        return (await db.RegisteredProposers.AsNoTracking().OrderBy(p => p.Id).ToListAsync()).Select(p => (p.Name, p.Body)).ToList();
    }

    private async Task<Dictionary<string, int?>> LinksAsync()
    {
        await using var db = Portal!.Db();
        return await db.Set<Proposer>().AsNoTracking().ToDictionaryAsync(p => p.Name, p => p.RegistryId);
    }

    private async Task<IRenderedComponent<ImportPage>> PreviewAsync()
    {
        await SignInAsync(Portal!, _scenario.Office.Name);
        var page = Render<ImportPage>();
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(ImportFiles.Xlsx(Rows()), "交办清单.xlsx"));
        page.WaitForAssertion(() => Assert.Contains("以下提出人不在代表委员库中", page.Find("[data-testid=import-unknown-proposers]").TextContent));
        return page;
    }

    [Fact]
    public async Task TheImportNamesTheProposersNotInTheRegistryAndAddsNoneUnlessAsked()
    {
        var page = await PreviewAsync();

        var offered = page.Find("[data-testid=import-unknown-proposers]").TextContent;
        Assert.Contains("李四、王五、赵六、钱七", offered, StringComparison.Ordinal);
        Assert.DoesNotContain("张三", offered, StringComparison.Ordinal);
        page.Find("[data-testid=import-confirm]").Click();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=import-done]")), TimeSpan.FromSeconds(10));

        Assert.Equal([("张三", ProposerBody.Member)], await EntriesAsync());
        var links = await LinksAsync();
        Assert.NotNull(links["张三"]);
        Assert.Null(links["李四"]);
    }

    [Fact]
    public async Task TickedNamesAreAddedInTheirBodyAndTheImportedItemsLinkToThem()
    {
        var page = await PreviewAsync();

        page.Find("[data-testid=import-unknown-proposers] input[type=checkbox]").Change(true);
        page.Find("[data-testid=import-confirm]").Click();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=import-done]")), TimeSpan.FromSeconds(10));

        var entries = await EntriesAsync();
        Assert.Contains(("李四", ProposerBody.Member), entries);
        Assert.Contains(("王五", ProposerBody.Deputy), entries);
        Assert.Contains(("钱七", ProposerBody.Deputy), entries);
        Assert.Equal(5, entries.Count);
        Assert.All(await LinksAsync(), link => Assert.NotNull(link.Value));
    }

    [Fact]
    public async Task TheRegistrationFormSaysWhichNamesTheRegistryKnowsAndOffersTheOthers()
    {
        await SignInAsync(Portal!, _scenario.Office.Name);
        var page = Render<ProposalPortal.Features.Proposals.Register.RegisterProposal>();

        page.Find("#proposers").Change("张三、张叁");

        page.WaitForAssertion(() => Assert.Contains("张三：库中已有", page.Find("[data-testid=proposer-known]").TextContent));
        Assert.Contains("“张叁”不在代表委员库中", page.Find("[data-testid=proposer-matches]").TextContent);
        // Offered, not added: the typo stays out of the registry until someone ticks it and registers.
        Assert.Single(await EntriesAsync());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TheItemPageShowsALinkedProposersRegistryContactsAndTheOfficeALinkToTheirHistory(bool office)
    {
        var proposal = ProposalBuilder.Lead().In(ProposalState.InProgress);
        proposal.Proposers[0].LinkToRegistry(42);
        var context = ProposalBuilder.Day(10);
        var view = new ProposalPage(proposal, context, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"),
            new ProposalPortal.Features.Organization.Names(new Dictionary<int, string>(), new Dictionary<int, string>()), [], null,
            [], [], [], [], [], new AttachmentLimits([".pdf"], 1024),
            new Dictionary<int, ProposerDetails>
            {
                [42] = new(proposal.Proposers[0].Name, ProposerBody.Member, Mobile: "13912345678", OfficePhone: "0878-3000042",
                    Address: "鹿城镇四十二号", Email: "p42@example.cn"),
            }, OpensRegistry: office);

        var panel = Render<ProposersPanel>(ps => ps.Add(p => p.View, view));

        Assert.Equal("13912345678，0878-3000042（办公）", panel.Find("[data-testid=proposer-phone]").TextContent);
        Assert.Equal("p42@example.cn；鹿城镇四十二号", panel.Find("[data-testid=proposer-contact]").TextContent);
        // Section staff see the contacts of their item, but not the history, which spans other sections' items.
        Assert.Equal(office ? ["/proposers/42"] : [], panel.FindAll("[data-testid=proposer-history]").Select(a => a.GetAttribute("href")));
    }
}
