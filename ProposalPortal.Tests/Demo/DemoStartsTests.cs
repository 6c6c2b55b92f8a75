using System.Net;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Demo;

/// <summary>The real app starts on a fresh SQLite file, migrates it, loads the demo data and shows the year's figures.</summary>
public sealed class DemoStartsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task TheHomePageShowsThe2022FiguresInChinese()
    {
        var client = factory.CreateClient();
        await HttpSignIn.SignInAsync(client, "yousi");

        var response = await client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html lang=\"zh-CN\">", html);
        Assert.Contains("办理情况一览", html);
        var row2022 = Row(html, 2022);
        Assert.Equal(["2022 年", "20", "13", "7", "13", "100%", "100%", "100%", "100%", "0", "0"], row2022);
        Assert.Equal("9", Row(html, 2021)[1]);
    }

    [Fact]
    public async Task TheDatabaseFileIsCreatedWhereTheConnectionStringSays()
    {
        var client = factory.CreateClient();
        await client.GetAsync("/");

        Assert.True(File.Exists(factory.DatabasePath));
    }

    [Fact]
    public async Task AnUnknownPageSaysSoInChinese()
    {
        var client = factory.CreateClient();
        await HttpSignIn.SignInAsync(client, "heliu");

        var response = await client.GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("页面不存在", await response.Content.ReadAsStringAsync());
    }

    private static string[] Row(string html, int year)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, $"<tr data-year=\"{year}\">(.*?)</tr>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(match.Success, $"no row for {year}");
        return System.Text.RegularExpressions.Regex.Matches(match.Groups[1].Value, "<td>(.*?)</td>", System.Text.RegularExpressions.RegexOptions.Singleline)
            .Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value).Trim()).ToArray();
    }
}
