using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ProposalPortal.Data;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Administration.Audit;
using ProposalPortal.Features.Publication;
using ProposalPortal.Features.Statistics;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Data;

/// <summary>
/// What only PostgreSQL has: its own audit triggers (append-only, and the seal that orders concurrent writers), and the
/// move of a SQLite database into it (<c>copy-data</c>).
/// </summary>
public sealed class PostgreSqlTests : IPostgreSqlTests
{
    [ProviderFact]
    public async Task TheAuditTrailsRefuseUpdateDeleteAndTruncate()
    {
        await using var portal = await TestPortal.StartAsync(provider: DatabaseProvider.PostgreSQL);
        var scenario = await WithItemsAsync(portal);
        // The administrators' trail has a row too (a row trigger has nothing to refuse in an empty table).
        await portal.Get<AdminAuditLog>().RecordAsync(scenario.Admin, AdminActions.RuleChange, "办理规则 Rules:Test", "1", "2");
        await using var db = portal.Db();
        var before = await db.AuditEntries.CountAsync();
        Assert.True(before > 20);

        foreach (var sql in new[]
        {
            "UPDATE \"AuditEntries\" SET \"Comment\" = 'x'", "DELETE FROM \"AuditEntries\"", "TRUNCATE \"AuditEntries\" CASCADE",
            "UPDATE \"AdminAuditEntries\" SET \"After\" = 'x'", "DELETE FROM \"AdminAuditEntries\"",
        })
        {
#pragma warning disable EF1002 // constant SQL
            var refused = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync(sql));
#pragma warning restore EF1002
            Assert.Contains("审计记录只能追加", refused.MessageText, StringComparison.Ordinal);
        }

        Assert.Equal(before, await db.AuditEntries.CountAsync());
        Assert.Equal(1, await db.AdminAuditEntries.CountAsync());
    }

    [ProviderFact]
    public async Task ConcurrentWritersExtendOneChainThatVerifies()
    {
        await using var portal = await TestPortal.StartAsync(provider: DatabaseProvider.PostgreSQL);
        var admin = (await WithItemsAsync(portal)).Admin;
        var log = portal.Get<AdminAuditLog>();

        // Twenty records at once, each in its own transaction: the seal trigger's lock queues them, ids in chain order.
        await Task.WhenAll(Enumerable.Range(1, 20).Select(i =>
            Task.Run(() => log.RecordAsync(admin, AdminActions.RuleChange, $"办理规则 Rules:Test:{i}", $"{i}", $"{i + 1}"))));

        var result = await AuditVerification.VerifyAsync(admin, portal.Get<IDbContextFactory<PortalDbContext>>());
        Assert.True(result.IsOk, result.Error);
        Assert.All(result.Value!, r => Assert.True(r.IsIntact, r.Describe()));
        Assert.Equal(20, result.Value!.Single(r => r.Table == AuditChain.AdminAudit).Count);
        Assert.True(result.Value!.Single(r => r.Table == AuditChain.ItemAudit).Count > 20, "the items' trail is chained by the trigger");
    }

    [ProviderFact]
    public async Task CopyDataMovesADatabaseWithItsFiguresAuditChainAndLetters()
    {
        await using var sqlite = await TestPortal.StartAsync();
        var scenario = await WithItemsAsync(sqlite);
        var target = await PostgreSqlServer.CreateDatabaseAsync();
        try
        {
            var (code, output) = await RunAsync("copy-data", "--to-provider", "PostgreSQL", "--to", target,
                $"--ConnectionStrings:Portal={sqlite.ConnectionString}");
            Assert.True(code == 0, output);
            Assert.Contains("哈希链完整", output, StringComparison.Ordinal);

            var settings = new Dictionary<string, string?>
            {
                ["Database:Provider"] = nameof(DatabaseProvider.PostgreSQL),
                ["ConnectionStrings:Portal"] = target,
            };
            await using (var moved = await TestPortal.StartAsync(settings: settings))
            {
                // Every figure as on SQLite.
                var year = sqlite.Clock.Today.Year;
                var figures = await moved.Scoped<StatisticsService>().GetYearFiguresAsync(year);
                Assert.Equal(6, figures.Received);
                Assert.Equal(5, figures.Lead);
                Assert.Equal(1, figures.Assisting);
                var expected = await sqlite.Scoped<StatisticsService>().GetYearFiguresAsync(year);
                Assert.Equal(JsonSerializer.Serialize(expected with { Meetings = null! }), JsonSerializer.Serialize(figures with { Meetings = null! }));
                // Meetings by kind: the same counts, in whatever order each engine grouped them.
                Assert.Equal(expected.Meetings.OrderBy(m => m.Key), figures.Meetings.OrderBy(m => m.Key));

                // The stored letters, byte for byte.
                await using var from = sqlite.Db();
                await using var to = moved.Db();
                var letters = await from.ReplyDocuments.AsNoTracking().OrderBy(d => d.Id).Select(d => new { d.Id, d.Content }).ToListAsync();
                var copied = await to.ReplyDocuments.AsNoTracking().OrderBy(d => d.Id).Select(d => new { d.Id, d.Content }).ToListAsync();
                Assert.NotEmpty(letters);
                Assert.Equal(letters.Select(l => l.Id), copied.Select(l => l.Id));
                Assert.All(letters.Zip(copied), pair => Assert.True(pair.First.Content.AsSpan().SequenceEqual(pair.Second.Content)));

                // A new entry continues the copied chain and the ids (the sequences were moved on).
                var admin = await moved.ActorAsync(scenario.Admin.Name);
                await moved.Get<AdminAuditLog>().RecordAsync(admin, AdminActions.RuleChange, "办理规则 Rules:Test", "1", "2");
                await using var check = moved.Db();
                Assert.Equal(await from.Proposals.CountAsync(), await check.Proposals.CountAsync());
            }

            var (verified, verifyOutput) = await RunAsync("verify-audit", "--Database:Provider=PostgreSQL", $"--ConnectionStrings:Portal={target}");
            Assert.True(verified == AuditVerification.Intact, verifyOutput);

            // The target now holds data: a second copy is refused and changes nothing.
            var (again, refusal) = await RunAsync("copy-data", "--to-provider", "PostgreSQL", "--to", target,
                $"--ConnectionStrings:Portal={sqlite.ConnectionString}");
            Assert.Equal(1, again);
            Assert.Contains("目标数据库不是空的", refusal, StringComparison.Ordinal);
        }
        finally
        {
            await PostgreSqlServer.DropDatabaseAsync(target);
        }
    }

    /// <summary>This year's items in several stages, two of them with signed letters, one assisting: a trail of a few dozen entries.</summary>
    private static async Task<Scenario> WithItemsAsync(TestPortal portal)
    {
        var scenario = await Scenario.CreateAsync(portal);
        await scenario.ItemAsync(ProposalState.InProgress);
        await scenario.ItemAsync(ProposalState.Evaluated);
        await scenario.SignedItemAsync(ProposalState.Closed, published: true);
        await scenario.SignedItemAsync(ProposalState.Replied);
        await scenario.ItemAsync(ProposalState.Accepted);
        await scenario.AssistingItemAsync(ProposalState.OpinionSent);
        return scenario;
    }

    private static async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        await using var output = new StringWriter();
        var code = await PortalCommands.TryRunAsync(args, output);
        return (code ?? -1, output.ToString());
    }
}

/// <summary>
/// The public keyword search on each provider (FTS5 bigrams on SQLite, a bigram tsvector on PostgreSQL) finds exactly
/// the published letters whose title or public text contains the word, two-character Chinese words included.
/// </summary>
public abstract class PublicSearchTests
{
    protected abstract DatabaseProvider Provider { get; }

    [ProviderTheory]
    [InlineData("充电")]
    [InlineData("光伏")]
    [InlineData("充电设施")]
    [InlineData("电")]
    public async Task ASearchFindsExactlyThePublishedLettersContainingTheWord(string word)
    {
        await using var portal = await TestPortal.StartAsync(provider: Provider);
        // Published letters on 充电 and on 光伏, and one on 充电 signed but not published.
        var scenario = await Scenario.CreateAsync(portal);
        foreach (var title in new[] { "关于加快推进新能源汽车充电设施建设的提案", "关于推进光伏发电项目建设的提案", "关于优化城乡规划编制的提案" })
        {
            await scenario.SignedItemAsync(published: true, title: title);
        }

        await scenario.TitledItemAsync("关于在乡镇布局公共充电桩的提案", ProposalState.Replied);
        await using var db = portal.Db();
        var published = (await db.Proposals.AsNoTracking().Include(p => p.Replies).ToListAsync())
            .SelectMany(p => p.Replies.Where(r => r.Kind == ReplyKind.Letter && r.PublishedAt != null)
                .Select(r => new { r.Id, p.Title, r.Disclosure, r.Body, r.PublicSummary }))
            .ToList();
        var expected = published
            .Where(r => (r.Title + "\n" + (r.Disclosure == Disclosure.PublishSummary ? r.PublicSummary : r.Body)).Contains(word, StringComparison.Ordinal))
            .Select(r => r.Id).ToHashSet();

        var page = await portal.Scoped<PublicationService>().ListAsync(new PublicFilter(Keyword: word));

        Assert.Equal(expected.Count, page.Total);
        Assert.All(page.Items, item => Assert.Contains(item.ReplyId, expected));
        if (word != "光伏")
        {
            Assert.NotEmpty(expected);
        }
    }

    [ProviderFact]
    public async Task ACorrectedTitleIsWhatThePublishedLetterIsFoundByAtOnce()
    {
        await using var portal = await TestPortal.StartAsync(provider: Provider);
        var scenario = await Scenario.CreateAsync(portal);
        var published = await scenario.SignedItemAsync(published: true, title: "关于推进城市绿道建设的提案");
        var search = portal.Scoped<PublicationService>();
        Assert.Equal(1, (await search.ListAsync(new PublicFilter(Keyword: "绿道"))).Total);
        Assert.Equal(0, (await search.ListAsync(new PublicFilter(Keyword: "储能"))).Total);

        var corrected = await portal.Scoped<ProposalPortal.Features.Proposals.UseCases.UseCaseDispatcher>().RunAsync(
            new ProposalPortal.Features.Proposals.UseCases.CorrectRegistration(published.Id, published.Version,
                RegistrationCorrection.Of(published) with { Title = "关于推进城市储能设施建设的提案" }, "交办清单标题录入有误"),
            scenario.Office);
        Assert.True(corrected.IsOk, corrected.Error);

        // Found by the new title's word at once, and no longer by the old title's alone (the letter's text has neither).
        var found = await search.ListAsync(new PublicFilter(Keyword: "储能"));
        Assert.Equal("关于推进城市储能设施建设的提案", Assert.Single(found.Items).Title);
        Assert.Equal(0, (await search.ListAsync(new PublicFilter(Keyword: "绿道"))).Total);
    }
}

public sealed class PublicSearchTestsOnSqlite : PublicSearchTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PublicSearchTestsOnPostgreSql : PublicSearchTests, IPostgreSqlTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
}
