using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using ProposalPortal.Tests.Features.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProposalPortal.Data;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Features.Letters;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Functional.Api;

/// <summary>
/// The JSON API's answers over a scenario's items: the shapes other systems rely on, section scoping, the import. (The
/// seed's 2022 figures through the API are <see cref="Demo.DemoApiFiguresTests"/>.)
/// </summary>
public sealed partial class ApiShapesTests(ApiShapesSite site) : IClassFixture<ApiShapesSite>
{
    private ApiPortalFactory Factory => site.Factory;

    private static string Year(Proposal item) => item.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task AYearWithoutItemsHasNullRatesNotZero()
    {
        var json = await JsonAsync(await Factory.WithKey(ApiPortalFactory.ReadKey).GetAsync("/api/v1/statistics/2030"));

        Assert.Equal(0, json.GetProperty("received").GetInt32());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("completionRate").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("satisfactionRate").ValueKind);
    }

    [Fact]
    public async Task TheListFiltersByYearAndNumberAndGivesDatesAsIsoDays()
    {
        var charging = site.Charging;
        var json = await JsonAsync(await Factory.WithKey(ApiPortalFactory.ReadKey).GetAsync($"/api/v1/proposals?year={Year(charging)}&number={charging.Number}"));

        Assert.Equal(1, json.GetProperty("total").GetInt32());
        var item = json.GetProperty("items").EnumerateArray().Single();
        Assert.Equal(ApiShapesSite.ChargingTitle, item.GetProperty("title").GetString());
        Assert.Equal("市政协", item.GetProperty("source").GetString());
        Assert.Equal(Scenario.Session, item.GetProperty("session").GetString());
        Assert.Equal("主办", item.GetProperty("role").GetString());
        Assert.Equal("已办结", item.GetProperty("state").GetString());
        Assert.True(item.GetProperty("isKey").GetBoolean());
        Assert.False(item.GetProperty("overdue").GetBoolean());
        Assert.Matches(IsoDay(), item.GetProperty("assignedOn").GetString());
        Assert.Equal(charging.Deadline!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), item.GetProperty("deadline").GetString());
        Assert.Equal(charging.Year, item.GetProperty("year").GetInt32());
        Assert.True(item.GetProperty("id").GetInt32() > 0);
    }

    [Fact]
    public async Task TheListPagesAndFiltersByStateInChineseOrCode()
    {
        var client = Factory.WithKey(ApiPortalFactory.ReadKey);

        var year = Year(site.Charging);
        var chinese = await JsonAsync(await client.GetAsync($"/api/v1/proposals?year={year}&state=已办结&pageSize=5&page=2"));
        var code = await JsonAsync(await client.GetAsync($"/api/v1/proposals?year={year}&state=Closed&pageSize=5&page=2"));

        Assert.Equal(ApiShapesSite.Closed, chinese.GetProperty("total").GetInt32());
        Assert.Equal(5, chinese.GetProperty("items").GetArrayLength());
        Assert.Equal(chinese.GetProperty("items").ToString(), code.GetProperty("items").ToString());
    }

    [Fact]
    public async Task OverdueTrueListsOnlyOverdueItems()
    {
        var json = await JsonAsync(await Factory.WithKey(ApiPortalFactory.ReadKey).GetAsync("/api/v1/proposals?overdue=true&pageSize=200"));

        Assert.True(json.GetProperty("total").GetInt32() > 0);
        Assert.All(json.GetProperty("items").EnumerateArray(), i => Assert.True(i.GetProperty("overdue").GetBoolean()));
    }

    [Fact]
    public async Task OverdueFalseListsEverythingElse()
    {
        var client = Factory.WithKey(ApiPortalFactory.ReadKey);
        var all = await JsonAsync(await client.GetAsync("/api/v1/proposals?pageSize=200"));
        var overdue = await JsonAsync(await client.GetAsync("/api/v1/proposals?overdue=true&pageSize=200"));

        var rest = await JsonAsync(await client.GetAsync("/api/v1/proposals?overdue=false&pageSize=200"));

        Assert.Equal(all.GetProperty("total").GetInt32() - overdue.GetProperty("total").GetInt32(), rest.GetProperty("total").GetInt32());
        Assert.All(rest.GetProperty("items").EnumerateArray(), i => Assert.False(i.GetProperty("overdue").GetBoolean()));
    }

    [Theory]
    [InlineData("/api/v1/proposals?state=不存在", "state“不存在”无效")]
    [InlineData("/api/v1/proposals?pageSize=1000", "pageSize 须在1至200之间")]
    [InlineData("/api/v1/statistics/1900", "年度须在2000至2100之间")]
    public async Task BadQueriesGet400WithTheProblem(string path, string problem)
    {
        var response = await Factory.WithKey(ApiPortalFactory.ReadKey).GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(problem, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SectionStaffThroughTheCookieSeeOnlyTheirSectionsItems()
    {
        var year = Year(site.Charging);
        var all = await JsonAsync(await Factory.WithKey(ApiPortalFactory.ReadKey).GetAsync($"/api/v1/proposals?year={year}&pageSize=200"));
        var client = await site.SignedInClientAsync(ScenarioSite.OtherHandler); // the other section's staff

        var own = await JsonAsync(await client.GetAsync($"/api/v1/proposals?year={year}&pageSize=200"));

        var ownIds = own.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).ToHashSet();
        Assert.InRange(ownIds.Count, 1, all.GetProperty("total").GetInt32() - 1);
        var other = all.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).First(id => !ownIds.Contains(id));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/proposals/{other}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/proposals/{ownIds.First()}")).StatusCode);
    }

    [Fact]
    public async Task TheDetailNamesTheProposersButNeverTheirPhones()
    {
        var client = Factory.WithKey(ApiPortalFactory.ReadKey);
        var charging = site.Charging;
        var id = (await JsonAsync(await client.GetAsync($"/api/v1/proposals?year={Year(charging)}&number={charging.Number}"))).GetProperty("items")[0].GetProperty("id").GetInt32();

        var response = await client.GetAsync($"/api/v1/proposals/{id}");
        var json = await JsonAsync(response);

        Assert.Equal(["提案人甲", "提案人乙"], json.GetProperty("proposers").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("A", json.GetProperty("reply").GetProperty("category").GetString());
        Assert.Matches($@"^楚市发改复〔{Year(charging)}〕\d+号$", json.GetProperty("reply").GetProperty("documentNumber").GetString());
        Assert.DoesNotContain("138", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheReplyPdfIsTheStoredSignedLetterByteForByte()
    {
        var client = Factory.WithKey(ApiPortalFactory.ReadKey);
        // A key item waits for the director; before sign-off there is no letter to give.
        var id = site.AwaitingSignOff.Id;

        var before = await client.GetAsync($"/api/v1/proposals/{id}/reply.pdf");
        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.Contains("尚无已签发的答复函", await before.Content.ReadAsStringAsync());

        ReplyDocument stored;
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<PortalDbContext>();
            var actor = site.Scenario.Director;
            var proposals = services.GetRequiredService<ProposalService>();
            var item = (await proposals.FindAsync(id, actor))!;
            var signed = await proposals.SignOffAsync(id, item.Version, actor);
            Assert.True(signed.IsOk, signed.Error);
            stored = await db.ReplyDocuments.AsNoTracking().SingleAsync(d => d.ProposalId == id);
        }

        var response = await client.GetAsync($"/api/v1/proposals/{id}/reply.pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(stored.Content, await response.Content.ReadAsByteArrayAsync());
    }

    private static MultipartFormDataContent Upload(byte[] file, string name = "交办清单.xlsx")
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        return new MultipartFormDataContent { { content, "file", name } };
    }

    private static List<string[]> Rows(string session) =>
        ImportFiles.CleanRows().Select(r => { var c = (string[])r.Clone(); c[2] = session; return c; }).ToList();

    [Fact]
    public async Task ADryRunPreviewsAndImportsNothing()
    {
        var client = Factory.WithKey(ApiPortalFactory.BothKey);
        var file = ImportFiles.Xlsx(Rows("测试届次甲"));

        var preview = await JsonAsync(await client.PostAsync("/api/v1/imports?dryRun=true", Upload(file)));
        var list = await JsonAsync(await client.GetAsync("/api/v1/proposals?q=物流体系"));

        Assert.True(preview.GetProperty("clean").GetBoolean());
        Assert.Equal(3, preview.GetProperty("newRows").GetInt32());
        Assert.Equal(0, preview.GetProperty("imported").GetInt32());
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("session").GetString() == "测试届次甲");
    }

    [Fact]
    public async Task ABrokenListGets400WithEveryProblemAndNothingIsImported()
    {
        var rows = Rows("测试届次乙");
        rows[1][4] = "";
        rows[2][0] = "二〇二三";

        var response = await Factory.WithKey(ApiPortalFactory.ImportKey).PostAsync("/api/v1/imports", Upload(ImportFiles.Xlsx(rows)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var problems = json.GetProperty("problems").EnumerateArray().Select(p => p.GetString()).ToList();
        Assert.Contains("第3行：标题为空", problems);
        Assert.Contains(problems, p => p!.StartsWith("第4行：年度“二〇二三”无效", StringComparison.Ordinal));
        Assert.Equal(0, json.GetProperty("imported").GetInt32());
        var list = await JsonAsync(await Factory.WithKey(ApiPortalFactory.ReadKey).GetAsync("/api/v1/proposals?number=7&pageSize=200"));
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("session").GetString() == "测试届次乙");
    }

    [Fact]
    public async Task ACleanListIsImportedOnceAndTheSecondTimeAddsNothing()
    {
        var client = Factory.WithKey(ApiPortalFactory.ImportKey);
        var file = ImportFiles.Xlsx(Rows("测试届次丙"));

        var first = await JsonAsync(await client.PostAsync("/api/v1/imports", Upload(file)));
        var second = await JsonAsync(await client.PostAsync("/api/v1/imports", Upload(file)));

        Assert.Equal(3, first.GetProperty("imported").GetInt32());
        Assert.Equal(0, second.GetProperty("imported").GetInt32());
        Assert.Equal(3, second.GetProperty("alreadyRegistered").GetInt32());
    }

    [Fact]
    public async Task ImportNeedsTheImportScopeOrTheOffice()
    {
        var file = ImportFiles.Xlsx(Rows("测试届次丁"));
        var section = await site.SignedInClientAsync(ScenarioSite.Handler);
        var office = await site.SignedInClientAsync(ScenarioSite.Office);

        Assert.Equal(HttpStatusCode.Forbidden, (await Factory.WithKey(ApiPortalFactory.ReadKey).PostAsync("/api/v1/imports", Upload(file))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Factory.WithKey("nope").PostAsync("/api/v1/imports", Upload(file))).StatusCode);
        var refused = await section.PostAsync("/api/v1/imports?dryRun=true", Upload(file));
        Assert.True(refused.StatusCode == HttpStatusCode.Forbidden, await refused.Content.ReadAsStringAsync());
        Assert.Equal(3, (await JsonAsync(await office.PostAsync("/api/v1/imports", Upload(file)))).GetProperty("imported").GetInt32());
    }

    [Fact]
    public async Task AWrongFileTypeIsRefusedWithAMessage()
    {
        var response = await Factory.WithKey(ApiPortalFactory.ImportKey).PostAsync("/api/v1/imports", Upload([1, 2, 3], "清单.pdf"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("不支持的文件类型（.pdf）", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheEndpoints()
    {
        var response = await Factory.WithKey(ApiPortalFactory.ReadKey).GetAsync("/openapi/v1.json");
        var json = await JsonAsync(response);

        var paths = json.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/statistics/{year}", "/api/v1/proposals", "/api/v1/proposals/{id}", "/api/v1/proposals/{id}/reply.pdf", "/api/v1/imports" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} missing from the OpenAPI document");
        }
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex IsoDay();
}

/// <summary>
/// The API's world: a closed, published key item with two proposers and its signed letter, more closed items (two pages of
/// five and more), a key item awaiting sign-off, an overdue item and one of the other section.
/// </summary>
public sealed class ApiShapesSite : ApiSite
{
    public const string ChargingTitle = "关于加快推进新能源汽车充电设施建设的提案";

    /// <summary>The year's closed items, <see cref="Charging"/> among them.</summary>
    public const int Closed = 11;

    public Proposal Charging { get; private set; } = null!;

    public Proposal AwaitingSignOff { get; private set; } = null!;

    protected override async Task BuildAsync(Scenario scenario)
    {
        Charging = await scenario.SignedItemAsync(ProposalState.Closed, daysAgo: 200, key: true, published: true, title: ChargingTitle,
            proposers: [new Proposer("提案人甲", "138-0000-0001"), new Proposer("提案人乙", "138-0000-0002")]);
        for (var i = 1; i < Closed; i++)
        {
            await scenario.ItemAsync(ProposalState.Closed, daysAgo: 150);
        }

        AwaitingSignOff = await scenario.ItemAsync(ProposalState.AwaitingSignOff, key: true);
        await scenario.ItemAsync(ProposalState.InProgress, daysAgo: 150); // past its deadline
        await scenario.StartedItemAsync(90, scenario.Portal.Clock.Today.AddDays(-20), handler: scenario.OtherHandler);
    }
}
