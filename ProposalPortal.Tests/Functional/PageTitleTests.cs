using System.Net;
using AngleSharp.Html.Parser;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Functional;

/// <summary>
/// WCAG 2.4.2 (page titled): every page of the portal names itself first and the portal second,
/// "… · 建议提案办理门户", so a screen-reader user or a row of browser tabs tells the pages apart.
/// </summary>
public sealed class PageTitleTests(ScenarioSite site) : IClassFixture<ScenarioSite>
{
    private PortalFactory Factory => site.Factory;

    private const string Portal = " · 建议提案办理门户";

    [Theory]
    [InlineData(ScenarioSite.Office, "/", "首页")]
    [InlineData(ScenarioSite.Office, "/proposals", "建议提案")]
    [InlineData(ScenarioSite.Office, "/my-work", "我的待办")]
    [InlineData(ScenarioSite.Office, "/notices", "通知")]
    [InlineData(ScenarioSite.Office, "/commitments", "跟踪问效")]
    [InlineData(ScenarioSite.Office, "/statistics", "统计")]
    [InlineData(ScenarioSite.Office, "/summary", "年度办理工作总结")]
    [InlineData(ScenarioSite.Office, "/import", "导入交办清单")]
    [InlineData(ScenarioSite.Office, "/proposals/register", "登记建议提案")]
    [InlineData(ScenarioSite.Office, "/supervision", "督办看板")]
    [InlineData(ScenarioSite.Office, "/account/change-password", "修改密码")]
    [InlineData(ScenarioSite.Director, "/", "首页")]
    [InlineData(ScenarioSite.Director, "/proposals", "建议提案")]
    [InlineData(ScenarioSite.Director, "/statistics", "统计")]
    [InlineData(ScenarioSite.Director, "/supervision", "督办看板")]
    [InlineData(ScenarioSite.Director, "/summary", "年度办理工作总结")]
    public async Task EachSignedInPageIsTitledItsNameThenThePortal(string userName, string path, string name)
    {
        var client = await site.SignedInClientAsync(userName);

        Assert.Equal(name + Portal, await TitleAsync(client, path));
    }

    [Fact]
    public async Task TheItemPageIsTitledWithTheItemsDesignation()
    {
        var proposal = await site.Scenario.ItemAsync();
        var client = await site.SignedInClientAsync(ScenarioSite.Office);

        Assert.Equal(proposal.Designation + Portal, await TitleAsync(client, $"/proposals/{proposal.Id}"));
    }

    [Theory]
    [InlineData("/account/login", "登录")]
    [InlineData("/account/denied", "无权访问")]
    [InlineData("/not-found", "页面不存在")]
    public async Task ThePagesOpenToEveryoneFollowThePatternToo(string path, string name)
    {
        Assert.Equal(name + Portal, await TitleAsync(Factory.CreateClient(), path));
    }

    [Fact]
    public async Task ThePublicSiteNamesThePageThenTheBureausPublicSite()
    {
        // The public site is the bureau's own, not the staff portal: "… · {局名}建议提案办理答复公开".
        var title = await TitleAsync(Factory.CreateClient(), "/public/");
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
