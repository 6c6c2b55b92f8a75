using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProposalPortal.Data;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Functional;

/// <summary>
/// WCAG 2.4.2 (page titled): every page of the portal names itself first and the portal second,
/// "… · 建议提案办理门户", so a screen-reader user or a row of browser tabs tells the pages apart.
/// </summary>
public sealed class PageTitleTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Portal = " · 建议提案办理门户";

    [Theory]
    [InlineData("yousi", "/", "首页")]
    [InlineData("yousi", "/proposals", "建议提案")]
    [InlineData("yousi", "/my-work", "我的待办")]
    [InlineData("yousi", "/notices", "通知")]
    [InlineData("yousi", "/commitments", "跟踪问效")]
    [InlineData("yousi", "/statistics", "统计")]
    [InlineData("yousi", "/summary", "年度办理工作总结")]
    [InlineData("yousi", "/import", "导入交办清单")]
    [InlineData("yousi", "/proposals/register", "登记建议提案")]
    [InlineData("yousi", "/supervision", "督办看板")]
    [InlineData("yousi", "/account/change-password", "修改密码")]
    [InlineData("yangyi", "/", "首页")]
    [InlineData("yangyi", "/proposals", "建议提案")]
    [InlineData("yangyi", "/statistics", "统计")]
    [InlineData("yangyi", "/supervision", "督办看板")]
    [InlineData("yangyi", "/summary", "年度办理工作总结")]
    public async Task EachSignedInPageIsTitledItsNameThenThePortal(string userName, string path, string name)
    {
        var client = factory.CreateClient();
        await HttpSignIn.SignInAsync(client, userName);

        Assert.Equal(name + Portal, await TitleAsync(client, path));
    }

    [Fact]
    public async Task TheItemPageIsTitledWithTheItemsDesignation()
    {
        string designation;
        int id;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var proposal = await db.Proposals.OrderBy(p => p.Id).FirstAsync();
            (id, designation) = (proposal.Id, proposal.Designation);
        }
        var client = factory.CreateClient();
        await HttpSignIn.SignInAsync(client, "yousi");

        Assert.Equal(designation + Portal, await TitleAsync(client, $"/proposals/{id}"));
    }

    [Theory]
    [InlineData("/account/login", "登录")]
    [InlineData("/account/denied", "无权访问")]
    [InlineData("/not-found", "页面不存在")]
    public async Task ThePagesOpenToEveryoneFollowThePatternToo(string path, string name)
    {
        Assert.Equal(name + Portal, await TitleAsync(factory.CreateClient(), path));
    }

    [Fact]
    public async Task ThePublicSiteNamesThePageThenTheBureausPublicSite()
    {
        // The public site is the bureau's own, not the staff portal: "… · {局名}建议提案办理答复公开".
        var title = await TitleAsync(factory.CreateClient(), "/public/");
        Assert.StartsWith("答复公开 · ", title, StringComparison.Ordinal);
        Assert.EndsWith("建议提案办理答复公开", title, StringComparison.Ordinal);
    }

    /// <summary>The page's &lt;title&gt; after a GET that must land on the page itself (a redirect to 登录 or 无权访问
    /// would test the wrong page).</summary>
    private static async Task<string> TitleAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
        Assert.Equal(path.TrimEnd('/'), response.RequestMessage!.RequestUri!.AbsolutePath.TrimEnd('/'));
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        return document.Title?.Trim() ?? "";
    }
}
