using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Publication;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Functional;

/// <summary>
/// 征询意见 by personal link over the real app: the proposer's answer drives the workflow; links cannot be guessed,
/// used for another item or proposer, used after the window, or brute-forced.
/// </summary>
public sealed class EvaluationLinkTests(ScenarioSite site) : IClassFixture<ScenarioSite>
{
    private PortalFactory Factory => site.Factory;

    private ItemDriver Driver => site.Driver;

    private HttpClient Anonymous() =>
        Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private async Task<IReadOnlyList<EvaluationLink>> LinksAsync(int id)
    {
        var proposal = await Driver.LoadAsync(id);
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EvaluationLinks>().ForProposalAsync(proposal);
    }

    private static string PathOf(EvaluationLink link) => new Uri(link.Url!).AbsolutePath;

    private static FormUrlEncodedContent Answer(string satisfaction, string? comment = null, string? attitude = null) =>
        new(new Dictionary<string, string>
        {
            ["satisfaction"] = satisfaction,
            ["comment"] = comment ?? string.Empty,
            ["attitude"] = attitude ?? string.Empty,
        });

    [Fact]
    public async Task UnsatisfiedFromTheLinkReopensTheItemAndKeepsTheFirstRound()
    {
        var id = await Driver.RepliedAsync("关于完善农村物流网络的提案", ItemDriver.Draft("推进县乡村三级物流体系建设。"));
        var links = await LinksAsync(id);
        Assert.Equal(["测试委员", "附议委员"], links.Select(l => l.ProposerName));
        Assert.StartsWith(PortalFactory.PublicBaseUrl + "/public/evaluate/", links[0].Url);
        Assert.NotEqual(links[0].Url, links[1].Url);
        // The same link every time it is asked for: the letter and the item page print the same.
        Assert.Equal(links[0].Url, (await LinksAsync(id))[0].Url);

        var client = Anonymous();
        var page = await client.GetAsync(PathOf(links[0]));
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("关于完善农村物流网络的提案", html);
        Assert.Contains("尊敬的测试委员", html);
        Assert.False(page.Headers.Contains("Set-Cookie"));
        Assert.Equal("no-store", page.Headers.CacheControl?.ToString());

        var posted = await client.PostAsync(PathOf(links[0]), Answer("Unsatisfied", "希望明确时间表", "Satisfied"));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("data-testid=\"evaluation-saved\"", await posted.Content.ReadAsStringAsync());

        var item = await Driver.LoadAsync(id);
        Assert.Equal(ProposalState.Reopened, item.State);
        Assert.Equal(1, item.ReopenRound);
        var first = Assert.Single(item.Evaluations);
        Assert.Equal((1, Satisfaction.Unsatisfied, "希望明确时间表", false), (first.Round, first.Satisfaction, first.Comment, first.EnteredByStaff));
        Assert.Equal(Satisfaction.Satisfied, first.Attitude);
        Assert.Equal(item.Proposers.Single(p => p.Name == "测试委员").Id, first.ProposerId);

        // Once reopened, the answer stands: the link shows it and takes no further answer.
        var again = await client.PostAsync(PathOf(links[0]), Answer("Satisfied"));
        Assert.Contains("重新办理", await again.Content.ReadAsStringAsync());
        Assert.Single((await Driver.LoadAsync(id)).Evaluations);
    }

    [Fact]
    public async Task AnAnswerCanBeChangedWhileTheWindowIsOpenAndEachProposerHasTheirOwn()
    {
        var id = await Driver.RepliedAsync("关于加强粮食仓储设施的提案", ItemDriver.Draft("支持粮食仓储设施改造。"));
        var links = await LinksAsync(id);
        var client = Anonymous();

        await client.PostAsync(PathOf(links[0]), Answer("BasicallySatisfied"));
        Assert.Equal(ProposalState.Evaluated, (await Driver.LoadAsync(id)).State);
        await client.PostAsync(PathOf(links[0]), Answer("Satisfied", "已沟通清楚"));
        await client.PostAsync(PathOf(links[1]), Answer("BasicallySatisfied"));

        var item = await Driver.LoadAsync(id);
        Assert.Equal(ProposalState.Evaluated, item.State);
        Assert.Equal(2, item.Evaluations.Count);
        Assert.Equal(Satisfaction.Satisfied, item.Evaluations.Single(e => e.ProposerId == item.LeadProposer.Id).Satisfaction);
        Assert.Contains("您的评价：满意", await client.GetStringAsync(PathOf(links[0])));
    }

    [Fact]
    public async Task GuessedOrAlteredTokensFindNothingAndAnotherItemsTokenChangesOnlyThatItem()
    {
        var mine = await Driver.RepliedAsync("关于优化营商环境的提案", ItemDriver.Draft("持续优化营商环境。"));
        var other = await Driver.RepliedAsync("关于支持中小企业融资的提案", ItemDriver.Draft("拓宽融资渠道。"));
        var link = (await LinksAsync(mine))[0];
        var client = Anonymous();

        var token = PathOf(link)[EvaluationLinks.RoutePrefix.Length..];
        var altered = token[..^1] + (token[^1] == 'A' ? 'B' : 'A');
        foreach (var wrong in new[] { altered, "nonsense", new string('A', 43), "1" })
        {
            var response = await client.PostAsync(EvaluationLinks.RoutePrefix + wrong, Answer("Unsatisfied"));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("链接无效", await response.Content.ReadAsStringAsync());
        }

        await client.PostAsync(PathOf(link), Answer("Unsatisfied"));
        Assert.Equal(ProposalState.Reopened, (await Driver.LoadAsync(mine)).State);
        Assert.Equal(ProposalState.Replied, (await Driver.LoadAsync(other)).State);
        Assert.Empty((await Driver.LoadAsync(other)).Evaluations);
    }

    [Fact]
    public async Task OnlyTheOfficeSeesTheLinksOnTheItemPage()
    {
        var id = await Driver.RepliedAsync("关于建设城市绿道的提案", ItemDriver.Draft("推进城市绿道建设。"));
        var link = (await LinksAsync(id))[0];

        var office = await site.SignedInClientAsync(ScenarioSite.Office);
        Assert.Contains(link.Url!, await office.GetStringAsync($"/proposals/{id}"));

        var section = await site.SignedInClientAsync(ScenarioSite.Handler);
        var html = await section.GetStringAsync($"/proposals/{id}");
        Assert.Contains("关于建设城市绿道的提案", html);
        Assert.DoesNotContain(link.Url!, html);
    }

    [Fact]
    public async Task TheTokenIsStoredOnlyAsAHash()
    {
        var id = await Driver.RepliedAsync("关于推进数字乡村建设的提案", ItemDriver.Draft("推进数字乡村。"));
        var link = (await LinksAsync(id))[0];
        var token = PathOf(link)[EvaluationLinks.RoutePrefix.Length..];
        // The log first, then the file: a checkpoint between the two reads copies the log into the file before
        // it reuses the log, so every committed row is in one of the two reads whenever a checkpoint runs.
        var wal = Factory.DatabasePath + "-wal";
        var logged = File.Exists(wal) ? System.Text.Encoding.ASCII.GetString(await File.ReadAllBytesAsync(wal)) : string.Empty;
        var all = logged + System.Text.Encoding.ASCII.GetString(await File.ReadAllBytesAsync(Factory.DatabasePath));
        Assert.DoesNotContain(token, all);
        Assert.Contains(EvaluationLinks.Hash(token), all);
    }
}

/// <summary>Links after the evaluation window, on a scenario site of their own (the clock moves).</summary>
public sealed class EvaluationLinkExpiryTests : IAsyncLifetime
{
    private readonly ScenarioSite _site = new();

    private PortalFactory Factory => _site.Factory;

    public Task InitializeAsync() => _site.InitializeAsync();

    public Task DisposeAsync() => _site.DisposeAsync();

    [Fact]
    public async Task AfterTheWindowTheLinkTakesNoAnswerAndChangesNothing()
    {
        var driver = _site.Driver;
        var id = await driver.RepliedAsync("关于加快充电设施建设的提案", ItemDriver.Draft("加快充电设施建设。"));
        var proposal = await driver.LoadAsync(id);
        await using var scope = Factory.Services.CreateAsyncScope();
        var link = (await scope.ServiceProvider.GetRequiredService<EvaluationLinks>().ForProposalAsync(proposal))[0];
        // 20 working days after today's issue: about four weeks, more over holidays.
        Assert.InRange(link.ExpiresOn.DayNumber - proposal.CurrentReply!.IssuedOn!.Value.DayNumber, 26, 40);
        var client = Factory.CreateClient();
        var path = new Uri(link.Url!).AbsolutePath;

        Factory.Time.Advance(TimeSpan.FromDays(link.ExpiresOn.DayNumber - proposal.CurrentReply.IssuedOn.Value.DayNumber + 1));

        var page = await client.GetStringAsync(path);
        Assert.Contains("征询意见期已于", page);
        Assert.DoesNotContain("<form", page);
        var posted = await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["satisfaction"] = "Unsatisfied" }));
        Assert.Contains("征询意见期已于", await posted.Content.ReadAsStringAsync());
        var after = await driver.LoadAsync(id);
        Assert.Equal(ProposalState.Replied, after.State);
        Assert.Empty(after.Evaluations);
    }
}

/// <summary>Brute force on the evaluation route meets the rate limit, on an app with a low limit.</summary>
public sealed class EvaluationRateLimitTests : IAsyncLifetime
{
    private readonly LowLimitFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task GuessingTokensIsStoppedAfterTheLimit()
    {
        var client = _factory.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            var token = Convert.ToBase64String(Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray())[..43];
            statuses.Add((await client.GetAsync(EvaluationLinks.RoutePrefix + Uri.EscapeDataString(token))).StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.NotFound, 5), statuses.Take(5));
        Assert.All(statuses.Skip(5), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        var refused = await client.GetAsync(EvaluationLinks.RoutePrefix + "another");
        Assert.Contains("请求过于频繁", await refused.Content.ReadAsStringAsync());
        // The public list is not limited by the evaluation route's budget.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/public")).StatusCode);
    }

    private sealed class LowLimitFactory : PortalFactory
    {
        protected override bool Demo => false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Public:EvaluationRequestsPerMinute", "5");
        }
    }
}
