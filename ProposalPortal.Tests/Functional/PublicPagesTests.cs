using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProposalPortal.Data;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Functional;

/// <summary>
/// The public pages over the real app, as an anonymous visitor: only published replies, never drafts, withheld
/// texts, contact details, internal comments or the audit trail; search that finds two-character words; 撤销公开.
/// The replies are a scenario's, driven by its people.
/// </summary>
public sealed class PublicPagesTests(ScenarioSite site) : IClassFixture<ScenarioSite>
{
    private ItemDriver Driver => site.Driver;

    private PortalFactory Factory => site.Factory;

    private HttpClient Anonymous() =>
        Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task PublicPagesAndFeedNeverShowWhatIsNotPublished()
    {
        // Seeded secrets: a withheld reply, a summary-only reply's full text, a taken-down reply, phones, internal notes.
        var withheld = await Driver.RepliedAsync("关于不予公开事项标记的提案",
            ItemDriver.Draft("甲不公开正文标记", Disclosure.Withhold), phone: "139-0000-7771",
            communication: "内部沟通标记乙", reviewComment: "内部审核意见标记丙");
        var published = await Driver.RepliedAsync("关于推进屋顶光伏发展的提案",
            ItemDriver.Draft("我局将推进光伏公开正文标记。"), phone: "139-0000-7772",
            communication: "内部沟通标记丁", reviewComment: "内部审核意见标记戊");
        await Driver.StepAsync(published, ScenarioSite.Office, (a, p, c) => p.Publish(a, c));
        var summary = await Driver.RepliedAsync("关于摘要公开事项的提案",
            ItemDriver.Draft("摘要外全文标记己", Disclosure.PublishSummary, "公开摘要标记庚"), phone: "139-0000-7773");
        await Driver.StepAsync(summary, ScenarioSite.Office, (a, p, c) => p.Publish(a, c));
        var takenDown = await Driver.RepliedAsync("关于已撤下事项标记的提案", ItemDriver.Draft("撤下正文标记壬"), phone: "139-0000-7774");
        await Driver.StepAsync(takenDown, ScenarioSite.Office, (a, p, c) => p.Publish(a, c));
        await Driver.StepAsync(takenDown, ScenarioSite.Office, (a, p, c) => p.Unpublish(a, "撤下理由标记辛", c));
        var draftOnly = await Driver.RepliedAsync("关于仍在签发中的提案标记", ItemDriver.Draft("签发正文标记癸"));
        await Driver.StepAsync(draftOnly, ScenarioSite.Office, (a, p, c) => p.RecordEvaluation(a, Satisfaction.Unsatisfied, "评价意见标记子", true, c));

        List<string> phones;
        int maxReplyId;
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            phones = await db.Proposals.SelectMany(p => p.Proposers).Where(p => p.Phone != null).Select(p => p.Phone!).Distinct().ToListAsync();
            maxReplyId = await db.Set<Reply>().MaxAsync(r => r.Id);
        }

        var client = Anonymous();
        var paths = new List<string> { "/public", "/public/feed", "/public?q=标记", "/public?q=光伏", "/public?q=正文", "/public?q=139",
            "/public?q=内部沟通", "/public?year=2026&source=市政协&topic=测试主题", "/public?category=A&page=2" };
        paths.AddRange(Enumerable.Range(1, maxReplyId).Select(id => $"/public/replies/{id}"));
        var everything = new System.Text.StringBuilder();
        foreach (var path in paths)
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{path}: {response.StatusCode}");
            Assert.False(response.Headers.Contains("Set-Cookie"), $"{path} set a cookie");
            everything.Append(await response.Content.ReadAsStringAsync());
        }

        var text = everything.ToString();
        // The test can fail: what is published is there.
        Assert.Contains("我局将推进光伏公开正文标记", text);
        Assert.Contains("公开摘要标记庚", text);
        foreach (var secret in new[]
                 {
                     "甲不公开正文标记", "关于不予公开事项标记的提案", "内部沟通标记乙", "内部审核意见标记丙", "内部沟通标记丁", "内部审核意见标记戊",
                     "摘要外全文标记己", "撤下正文标记壬", "撤下理由标记辛", "关于已撤下事项标记的提案", "签发正文标记癸", "评价意见标记子",
                     "某某单位", "0878-0000000", "市人民政府办公室",
                 })
        {
            Assert.DoesNotContain(secret, text);
        }

        Assert.NotEmpty(phones);
        foreach (var phone in phones)
        {
            Assert.DoesNotContain(phone, text);
        }
    }

    [Fact]
    public async Task TheListShowsTheNewestReplyFirstByTheLettersDate()
    {
        // Three published letters signed on three days, the newest last.
        foreach (var day in new[] { "一", "二", "三" })
        {
            Factory.Time.Advance(TimeSpan.FromDays(1));
            var id = await Driver.RepliedAsync($"关于第{day}天签发事项的提案", ItemDriver.Draft("我局将认真研究落实。"));
            await Driver.StepAsync(id, ScenarioSite.Office, (a, p, c) => p.Publish(a, c));
        }

        var html = await Anonymous().GetStringAsync("/public");

        var dates = System.Text.RegularExpressions.Regex.Matches(html, "<li data-issued=\"(\\d{4}-\\d{2}-\\d{2})\"")
            .Select(m => DateOnly.ParseExact(m.Groups[1].Value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(dates.Distinct().Count() > 2, $"the first page has letters of several dates: {string.Join(", ", dates)}");
        Assert.Equal(dates.OrderDescending(), dates);
    }

    [Fact]
    public async Task PublicPagesAreStaticWithStrictHeadersAndNoCookie()
    {
        var client = Anonymous();
        foreach (var path in new[] { "/public", "/public/feed", "/public/replies/999999", "/public/evaluate/nonsense", "/public/no/such/page" })
        {
            var response = await client.GetAsync(path);
            Assert.NotEqual(HttpStatusCode.Redirect, response.StatusCode);
            Assert.False(response.Headers.Contains("Set-Cookie"), $"{path} set a cookie");
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.Contains("default-src 'none'", csp);
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            var html = await response.Content.ReadAsStringAsync();
            // No interactive circuit, no internal navigation.
            Assert.DoesNotContain("blazor.web.js", html);
            Assert.DoesNotContain("/proposals", html);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/public/replies/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/public/no/such/page")).StatusCode);
        Assert.Contains("http://www.w3.org/2005/Atom", await client.GetStringAsync("/public/feed"));
    }

    [Fact]
    public async Task SearchFindsTwoCharacterWordsAndFiltersCombine()
    {
        var id = await Driver.RepliedAsync("关于发展风电储能的提案", ItemDriver.Draft("支持储能电站建设，推进风电项目。"), topic: "储能专题");
        await Driver.StepAsync(id, ScenarioSite.Office, (a, p, c) => p.Publish(a, c));
        var client = Anonymous();

        Assert.Contains("关于发展风电储能的提案", await client.GetStringAsync("/public?q=" + Uri.EscapeDataString("储能")));
        Assert.Contains("关于发展风电储能的提案", await client.GetStringAsync("/public?q=" + Uri.EscapeDataString("风电项目")));
        Assert.Contains("关于发展风电储能的提案", await client.GetStringAsync("/public?topic=" + Uri.EscapeDataString("储能专题") + "&source=" + Uri.EscapeDataString("市政协")));
        Assert.DoesNotContain("关于发展风电储能的提案", await client.GetStringAsync("/public?q=" + Uri.EscapeDataString("储电")));
        Assert.DoesNotContain("关于发展风电储能的提案", await client.GetStringAsync("/public?topic=" + Uri.EscapeDataString("储能专题") + "&source=" + Uri.EscapeDataString("市人大")));
    }

    [Fact]
    public async Task APublishedReplyOffersItsSignedLetterAsStoredAndASummaryOnlyReplyDoesNot()
    {
        var full = await Driver.RepliedAsync("关于加快城区充电站布局的提案", ItemDriver.Draft("我局将加快城区充电站布局。"));
        var summaryOnly = await Driver.RepliedAsync("关于摘要公开答复函的提案",
            ItemDriver.Draft("全文含有不宜公开的细节。", Disclosure.PublishSummary, "已研究落实。"));
        var client = Anonymous();
        var fullReply = (await Driver.LoadAsync(full)).CurrentReply!.Id;
        var summaryReply = (await Driver.LoadAsync(summaryOnly)).CurrentReply!.Id;

        // Signed but not yet published: nothing for the public.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/public/replies/{fullReply}/pdf")).StatusCode);

        await Driver.StepAsync(full, ScenarioSite.Office, (a, p, c) => p.Publish(a, c));
        await Driver.StepAsync(summaryOnly, ScenarioSite.Office, (a, p, c) => p.Publish(a, c));

        Assert.Contains($"/public/replies/{fullReply}/pdf", await client.GetStringAsync($"/public/replies/{fullReply}"));
        var response = await client.GetAsync($"/public/replies/{fullReply}/pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProposalPortal.Data.PortalDbContext>();
            var stored = await db.ReplyDocuments.AsNoTracking().SingleAsync(d => d.ReplyId == fullReply);
            Assert.Equal(stored.Content, await response.Content.ReadAsByteArrayAsync());
        }

        Assert.DoesNotContain("/pdf", await client.GetStringAsync($"/public/replies/{summaryReply}"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/public/replies/{summaryReply}/pdf")).StatusCode);

        await Driver.StepAsync(full, ScenarioSite.Office, (a, p, c) => p.Unpublish(a, "数据待核实", c));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/public/replies/{fullReply}/pdf")).StatusCode);
    }

    [Fact]
    public async Task UnpublishingTakesTheReplyDownAtOnceWithTheReasonInTheAuditTrail()
    {
        var id = await Driver.RepliedAsync("关于城市夜间经济的提案", ItemDriver.Draft("推进夜间经济集聚区建设。"));
        await Driver.StepAsync(id, ScenarioSite.Office, (a, p, c) => p.Publish(a, c));
        var replyId = (await Driver.LoadAsync(id)).CurrentReply!.Id;
        var client = Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/public/replies/{replyId}")).StatusCode);
        Assert.Contains("关于城市夜间经济的提案", await client.GetStringAsync("/public?q=" + Uri.EscapeDataString("夜间")));

        await Driver.StepAsync(id, ScenarioSite.Office, (a, p, c) => p.Unpublish(a, "含有未经核实的数据", c));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/public/replies/{replyId}")).StatusCode);
        Assert.DoesNotContain("关于城市夜间经济的提案", await client.GetStringAsync("/public?q=" + Uri.EscapeDataString("夜间")));
        Assert.DoesNotContain("关于城市夜间经济的提案", await client.GetStringAsync("/public"));
        Assert.DoesNotContain("关于城市夜间经济的提案", await client.GetStringAsync("/public/feed"));
        var audit = (await Driver.LoadAsync(id)).AuditTrail.OrderBy(a => a.Id).Last();
        Assert.Equal(AuditAction.Unpublish, audit.Action);
        Assert.Contains("含有未经核实的数据", audit.Comment);
    }
}
