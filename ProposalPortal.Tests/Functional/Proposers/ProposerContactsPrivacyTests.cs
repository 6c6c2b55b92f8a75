using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProposalPortal.Data;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Proposers;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Functional.Proposers;

/// <summary>
/// 代表委员库 over the real app and a scenario's registry and items: the Office finds a person and their history; the
/// contacts it keeps reach the staff-only item page and never the public pages, the Atom feed or the API's read scope.
/// </summary>
public sealed partial class ProposerContactsPrivacyTests(ProposerContactsSite site) : IClassFixture<ProposerContactsSite>
{
    private ApiPortalFactory Factory => site.Factory;

    /// <summary>Every contact the registry and the items' own proposer lines hold, and one published item with a linked proposer.</summary>
    private async Task<(List<string> Contacts, int PublishedItemId, string Email)> ContactsAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var entries = await db.RegisteredProposers.AsNoTracking().ToListAsync();
        Assert.NotEmpty(entries);
        var contacts = entries.SelectMany(e => new[] { e.Mobile, e.OfficePhone, e.Email, e.Address })
            .Concat(await db.Set<Proposer>().Select(p => p.Phone).ToListAsync())
            .OfType<string>().Distinct().ToList();
        var published = await db.Proposals.AsNoTracking().Include(p => p.Proposers).Include(p => p.Replies)
            .Where(p => p.Replies.Any(r => r.PublishedAt != null) && p.Proposers.Any(x => x.RegistryId != null))
            .OrderBy(p => p.Id).FirstAsync();
        var entry = entries.Single(e => e.Id == published.LeadProposer.RegistryId);
        return (contacts, published.Id, entry.Email!);
    }

    private static void AssertNoContact(string text, IReadOnlyList<string> contacts, string where)
    {
        var leaked = contacts.Where(c => text.Contains(c, StringComparison.Ordinal)).ToList();
        Assert.True(leaked.Count == 0, $"{where} shows {string.Join(", ", leaked)}");
    }

    [Fact]
    public async Task TheItemPageShowsTheLinkedProposersContactsToTheOffice()
    {
        var (_, id, email) = await ContactsAsync();
        var client = await site.SignedInClientAsync(ScenarioSite.Office);

        var html = await client.GetStringAsync($"/proposals/{id}");

        // The positive control for the checks below: the same contact is on the page staff see.
        Assert.Contains(email, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContactsNeverAppearOnThePublicPagesOrInTheFeed()
    {
        var (contacts, _, _) = await ContactsAsync();
        var anonymous = Factory.CreateClient();

        var list = await anonymous.GetStringAsync("/public");
        AssertNoContact(list, contacts, "/public");
        var replies = ReplyLink().Matches(list).Select(m => m.Value).Distinct().ToList();
        Assert.NotEmpty(replies);
        foreach (var reply in replies)
        {
            AssertNoContact(await anonymous.GetStringAsync(reply), contacts, reply);
        }

        var feed = await anonymous.GetStringAsync("/public/feed");
        Assert.Contains("<entry", feed, StringComparison.Ordinal);
        AssertNoContact(feed, contacts, "/public/feed");
    }

    [Fact]
    public async Task ContactsNeverAppearInTheApisReadScope()
    {
        var (contacts, _, _) = await ContactsAsync();
        var api = Factory.WithKey(ApiPortalFactory.ReadKey);

        var list = await api.GetAsync($"/api/v1/proposals?year={site.Portal.Clock.Today.Year}&pageSize=100");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var listText = await list.Content.ReadAsStringAsync();
        AssertNoContact(listText, contacts, "/api/v1/proposals");
        foreach (var id in ItemId().Matches(listText).Select(m => m.Groups[1].Value).Distinct())
        {
            var detail = await api.GetStringAsync($"/api/v1/proposals/{id}");
            Assert.Contains("\"proposers\"", detail, StringComparison.Ordinal);
            AssertNoContact(detail, contacts, $"/api/v1/proposals/{id}");
        }
    }

    [Fact]
    public async Task TheOfficeFindsAPersonAndSeesTheirItemsRepliesAndSatisfaction()
    {
        var client = await site.SignedInClientAsync(ScenarioSite.Office);

        var list = await client.GetStringAsync("/proposers?q=%E6%9D%8E%E6%98%A5%E9%97%BB"); // q=李春闻
        var link = HistoryLink().Match(list);
        Assert.True(link.Success, "李春闻 is listed with a link to the history");

        var history = await client.GetStringAsync(link.Groups[1].Value);
        Assert.Contains("李春闻委员", history, StringComparison.Ordinal);
        Assert.Contains(ProposerContactsSite.DigitalTitle, history, StringComparison.Ordinal);
        Assert.Contains($"{Scenario.Session}第{site.Digital.Number}号", history, StringComparison.Ordinal);
        Assert.Contains("满意", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SectionStaffMayNotOpenTheRegistry()
    {
        var client = await site.SignedInClientAsync(ScenarioSite.Handler);

        var response = await client.GetAsync("/proposers");

        Assert.StartsWith("/account/denied", response.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
        Assert.DoesNotContain("data-proposer=", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"/public/replies/\d+")]
    private static partial Regex ReplyLink();

    [GeneratedRegex(@"""id"":(\d+)")]
    private static partial Regex ItemId();

    [GeneratedRegex(@"href=""(proposers/\d+)""")]
    private static partial Regex HistoryLink();
}

/// <summary>
/// Two registry entries with every contact (a member and a deputy), whose closed, published replies name them, and an item
/// in progress whose proposer has only a phone on the item.
/// </summary>
public sealed class ProposerContactsSite : ApiSite
{
    public const string DigitalTitle = "关于加快楚雄市数字经济建设的提案";

    public Proposal Digital { get; private set; } = null!;

    protected override async Task BuildAsync(Scenario scenario)
    {
        await scenario.RegisteredProposerAsync(new ProposerDetails("李春闻", ProposerBody.Member, "十届", "经济界", "某科技公司",
            "139-1234-5601", "0878-3001001", "楚雄市鹿城南路1号", "lichunwen@example.cn"));
        await scenario.RegisteredProposerAsync(new ProposerDetails("王代表", ProposerBody.Deputy, "十届", "鹿城代表团", "某街道办事处",
            "139-1234-5602", "0878-3001002", "楚雄市鹿城北路2号", "wangdaibiao@example.cn"));
        Digital = await scenario.SignedItemAsync(ProposalState.Closed, published: true, title: DigitalTitle,
            proposers: [new Proposer("李春闻", "139-1234-5601")]);
        await scenario.SignedItemAsync(ProposalState.Closed, published: true, kind: ProposalKind.Suggestion,
            proposers: [new Proposer("王代表", "139-1234-5602")]);
        await scenario.ItemAsync(ProposalState.InProgress, proposers: [new Proposer("提案人丙", "138-5555-0003")]);
    }
}
