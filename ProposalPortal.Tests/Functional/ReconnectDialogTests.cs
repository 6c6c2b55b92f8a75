using AngleSharp.Html.Parser;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Functional;

/// <summary>
/// The dialog Blazor shows when the connection drops is the portal's own, in Chinese: none of the template's English
/// ("Rejoining the server...", "Failed to rejoin", "Retry") reaches the page.
/// </summary>
public sealed class ReconnectDialogTests(RealDeploymentFactory factory) : IClassFixture<RealDeploymentFactory>
{
    [Fact]
    public async Task EveryPageCarriesTheChineseReconnectDialog()
    {
        var client = factory.CreateClient();

        var html = await client.GetStringAsync("/");
        var dialog = new HtmlParser().ParseDocument(html).GetElementById("components-reconnect-modal");

        Assert.NotNull(dialog);
        var text = dialog.TextContent;
        Assert.Contains("正在重新连接服务器……", text);
        Assert.Contains("重新连接失败", text);
        Assert.Contains("页面已被服务器暂停", text);
        Assert.Equal("重试", dialog.QuerySelector("#components-reconnect-button")!.TextContent.Trim());
        Assert.Equal("恢复", dialog.QuerySelector("#components-resume-button")!.TextContent.Trim());
        Assert.DoesNotMatch("[A-Za-z]", text);
    }
}
