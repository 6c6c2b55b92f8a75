using Microsoft.Playwright;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Browser;

/// <summary>
/// 征询意见 in the browser: the Office finds the proposer's link on the item page; the proposer opens it on a phone,
/// answers 不满意, and at once the director's open board shows the item reopened, without a reload; the item page
/// shows it too.
/// </summary>
public sealed class EvaluationBrowserTests(ScenarioBrowserFixture browser) : IClassFixture<ScenarioBrowserFixture>
{
    private static string Shot(string name) => Path.Combine(BrowserFixture.ArtifactsFolder, name);

    [Fact]
    public async Task AProposerAnswersUnsatisfiedOnAPhoneAndTheItemIsReopened()
    {
        var id = await browser.Site.Driver.RepliedAsync("关于改善农村饮水安全的提案",
            ItemDriver.Draft("我局将会同有关部门推进农村供水保障工程。\n计划分批实施。"));

        var office = await browser.NewPageAsync();
        await browser.SignInAsync(office, ScenarioSite.Office);
        await office.GotoAsync($"{browser.BaseUrl}/proposals/{id}");
        await BrowserFixture.WaitForCircuitAsync(office);
        await Assertions.Expect(office.GetByTestId("proposal-state")).ToHaveTextAsync("已答复");
        var link = office.GetByTestId("evaluation-link").First;
        await Assertions.Expect(link).ToBeVisibleAsync();
        var url = new Uri((await link.GetAttributeAsync("href"))!);

        // The director watches the board in a third browser context.
        var designation = (await browser.Scenario.FindAsync(id)).Designation;

        var director = await browser.NewPageAsync(1600, 1000);
        await browser.SignInAsync(director, ScenarioSite.Director);
        await director.GotoAsync($"{browser.BaseUrl}/supervision");
        await BrowserFixture.WaitForCircuitAsync(director);
        var board = director.GetByTestId("board");
        await Assertions.Expect(board).ToHaveAttributeAsync("data-updates", "0");

        var phone = await browser.NewPageAsync(390, 844);
        await phone.GotoAsync(browser.BaseUrl + url.AbsolutePath);
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "答复征询意见" })).ToBeVisibleAsync();
        await Assertions.Expect(phone.GetByText("关于改善农村饮水安全的提案")).ToBeVisibleAsync();
        // Nothing wider than the phone: no sideways scrolling.
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("evaluation-phone.png"), FullPage = true });

        await phone.Locator("input[name=satisfaction][value=Unsatisfied]").CheckAsync();
        await phone.Locator("input[name=substance][value=Unsatisfied]").CheckAsync();
        await phone.Locator("textarea[name=comment]").FillAsync("希望明确完工时间");
        await phone.GetByRole(AriaRole.Button, new() { Name = "提交评价" }).ClickAsync();
        await Assertions.Expect(phone.GetByTestId("evaluation-saved")).ToBeVisibleAsync();
        await Assertions.Expect(phone.GetByTestId("evaluation-message")).ToContainTextAsync("重新办理");
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("evaluation-phone-submitted.png"), FullPage = true });

        await Assertions.Expect(board).Not.ToHaveAttributeAsync("data-updates", "0", new LocatorAssertionsToHaveAttributeOptions { Timeout = 5_000 });
        var latest = director.Locator("[data-testid=board-activity] tbody tr").First;
        await Assertions.Expect(latest).ToContainTextAsync(designation);
        await Assertions.Expect(latest).ToContainTextAsync("重新办理");

        await office.ReloadAsync();
        await BrowserFixture.WaitForCircuitAsync(office);
        await Assertions.Expect(office.GetByTestId("proposal-state")).ToHaveTextAsync("重新办理");
        await Assertions.Expect(office.GetByTestId("evaluation-first")).ToContainTextAsync("不满意");
        await Assertions.Expect(office.GetByTestId("evaluation-first")).ToContainTextAsync("提出人在线评价");
    }
}
