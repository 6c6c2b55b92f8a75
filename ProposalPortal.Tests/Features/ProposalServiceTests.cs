using ProposalPortal.Data;
using Microsoft.EntityFrameworkCore;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features;

/// <summary>Saving steps against the real database: concurrent edits, section scoping, document numbers.</summary>
public abstract class ProposalServiceTests : IAsyncLifetime
{
    /// <summary>The database engine this run of the class uses (the class runs once per provider, see the two classes below it).</summary>
    protected abstract DatabaseProvider Provider { get; }

    private TestPortal _portal = null!;
    private Scenario _scenario = null!;
    private Actor _office = null!;
    private Actor _director = null!;

    public async Task InitializeAsync()
    {
        _portal = await TestPortal.StartAsync(provider: Provider);
        _scenario = await Scenario.CreateAsync(_portal);
        _office = _scenario.Office;
        _director = _scenario.Director;
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [ProviderFact]
    public async Task TheSecondOfTwoConcurrentSavesIsRefusedAndNothingIsMerged()
    {
        var item = await _scenario.ItemAsync(ProposalState.InProgress);
        var handler = _scenario.Handler;
        var service = _portal.Scoped<ProposalService>();
        var draftA = new ReplyDraft(ResultCategory.A, Disclosure.Publish, null, "甲的答复稿", null, null);
        var draftB = new ReplyDraft(ResultCategory.B, Disclosure.Publish, null, "乙的答复稿", null, null);

        // Both opened the item at the same version.
        var first = await service.ExecuteAsync(item.Id, item.Version, handler, (p, c) => p.SaveDraft(handler, draftA, c));
        var second = await service.ExecuteAsync(item.Id, item.Version, handler, (p, c) => p.SaveDraft(handler, draftB, c));

        Assert.True(first.IsOk);
        Assert.False(second.IsOk);
        Assert.Contains("该件刚刚已被", second.Error);
        Assert.Contains("拟稿", second.Error);
        Assert.Contains("您填写的内容仍保留在本页", second.Error);
        var saved = await service.FindAsync(item.Id, _office);
        Assert.Equal("甲的答复稿", saved!.CurrentReply!.Body);
        Assert.Equal(item.Version + 1, saved.Version);
    }

    [ProviderFact]
    public async Task ARaceBetweenLoadAndSaveIsCaughtByTheDatabase()
    {
        var item = await _scenario.ItemAsync(ProposalState.InProgress);
        var handler = _scenario.Handler;
        var service = _portal.Scoped<ProposalService>();

        // The competing save lands after this step loaded the item but before it saves.
        var result = await service.ExecuteAsync(item.Id, item.Version, handler, (p, c) =>
        {
            var other = _portal.Scoped<ProposalService>().ExecuteAsync(item.Id, item.Version, _office,
                (q, c2) => q.ExtendDeadline(_office, q.AssignedOn.AddMonths(5), "需协调多个部门", c2)).GetAwaiter().GetResult();
            Assert.True(other.IsOk, other.Error);
            return p.LogCommunication(handler, CommunicationStage.During, CommunicationMethod.Phone, c.Today, "委员", "电话沟通", c);
        });

        Assert.False(result.IsOk);
        Assert.Contains($"{_office.Name}（延期）", result.Error);
        var saved = await service.FindAsync(item.Id, _office);
        Assert.DoesNotContain(saved!.Communications, c => c.Summary == "电话沟通");
    }

    [ProviderFact]
    public async Task ARefusedStepSavesNothing()
    {
        var item = await _scenario.ItemAsync(ProposalState.Accepted);
        var service = _portal.Scoped<ProposalService>();

        var result = await service.ExecuteAsync(item.Id, item.Version, _office, (p, c) => p.StartHandling(_office, c));

        Assert.False(result.IsOk);
        Assert.StartsWith("五定尚未落实", result.Error);
        var saved = await service.FindAsync(item.Id, _office);
        Assert.Equal(item.Version, saved!.Version);
        Assert.Equal(ProposalState.Accepted, saved.State);
    }

    [ProviderFact]
    public async Task SectionStaffCannotOpenOrChangeAnotherSectionsItem()
    {
        var item = await _scenario.ItemAsync(ProposalState.InProgress);
        var actor = _scenario.OtherHandler;
        var service = _portal.Scoped<ProposalService>();

        Assert.Null(await service.FindAsync(item.Id, actor));
        var result = await service.ExecuteAsync(item.Id, item.Version, actor,
            (p, c) => p.LogCommunication(actor, CommunicationStage.During, CommunicationMethod.Phone, c.Today, "x", "x", c));
        Assert.Equal("找不到该件，或您无权处理该件", result.Error);
    }

    [ProviderFact]
    public async Task SignOffNumbersRunOnWithoutGapsOrRepeatsEvenInParallel()
    {
        // Put several items of the current year into 待签发, then sign them all off at once.
        var year = _portal.Clock.Today.Year;
        await using var db = _portal.Db();
        var service = _portal.Scoped<ProposalService>();
        var existing = await db.Set<Reply>().Where(r => r.DocumentYear == year).Select(r => r.DocumentSerial).ToListAsync();

        var ids = new List<int>();
        for (var n = 0; n < 4; n++)
        {
            var p = await _scenario.ItemAsync(ProposalState.UnderReview);
            var deputy = _scenario.Deputy;
            Assert.True((await service.ExecuteAsync(p.Id, p.Version, deputy, (x, c) => x.ApproveReview(deputy, null, c))).IsOk);
            ids.Add(p.Id);
        }

        Assert.True(ids.Count >= 2);
        var results = await Task.WhenAll(ids.Select(async id =>
        {
            var p = (await _portal.Scoped<ProposalService>().FindAsync(id, _office))!;
            return await _portal.Scoped<ProposalService>().SignOffAsync(id, p.Version, _director);
        }));

        Assert.All(results, r => Assert.True(r.IsOk, r.Error));
        var serials = await db.Set<Reply>().Where(r => r.DocumentYear == year).Select(r => r.DocumentSerial!.Value).OrderBy(s => s).ToListAsync();
        Assert.Equal(Enumerable.Range(1, existing.Count + ids.Count), serials);

        // Each item got its own signed letter, printed with the number its reply holds.
        var numbers = await db.Set<Reply>().Where(r => ids.Contains(EF.Property<int>(r, "ProposalId")) && r.DocumentNumber != null)
            .ToDictionaryAsync(r => r.Id, r => r.DocumentNumber!);
        var documents = await db.ReplyDocuments.Where(d => ids.Contains(d.ProposalId)).ToListAsync();
        Assert.Equal(ids.Count, documents.Count);
        Assert.Equal(ids.Count, documents.Select(d => d.DocumentNumber).Distinct().Count());
        Assert.All(documents, d =>
        {
            Assert.Equal(numbers[d.ReplyId], d.DocumentNumber);
            Assert.Contains(d.DocumentNumber!, PdfInspection.Read(d.Content)[0].Text, StringComparison.Ordinal);
        });
    }

    [ProviderFact]
    public async Task RegisteringTheSameNumberOfASessionTwiceIsRefused()
    {
        var item = await _scenario.ItemAsync(ProposalState.InProgress);
        var service = _portal.Scoped<ProposalService>();
        var registration = new ProposalRegistration(item.Year, ProposalKind.Proposal, Level.City, item.Session, item.Number, "重复", null,
            [new Proposer("张三")], [], item.AssignedOn, HandlingRole.Lead);

        var (created, result) = await service.RegisterAsync(registration, _office);

        Assert.Null(created);
        Assert.Equal($"{Scenario.Session}第{item.Number}号已经登记过", result.Error);
        Assert.Equal(item.Title, (await service.FindAsync(item.Id, _office))!.Title);
        var (_, bySection) = await service.RegisterAsync(registration with { Number = 999 }, _scenario.Handler);
        Assert.Equal("只有办公室可以登记建议提案", bySection.Error);
    }

    [ProviderFact]
    public async Task ABatchTheDatabaseRefusesHalfwaySavesNoneOfIt()
    {
        // Two rows with one number, neither registered yet: the check before saving passes them, and it is the unique
        // index that refuses the second, in the middle of the one transaction. Nothing of the batch may remain.
        var service = _portal.Scoped<ProposalService>();
        await using var before = _portal.Db();
        var count = await before.Proposals.CountAsync();
        var audit = await before.AuditEntries.CountAsync();
        ProposalRegistration Row(string title) => new(2026, ProposalKind.Proposal, Level.City, Scenario.Session, 901, title, null,
            [new Proposer("张三")], [], new DateOnly(2026, 3, 1), HandlingRole.Lead);

        var (created, result) = await service.RegisterManyAsync([Row("第一行"), Row("第二行")], _office);

        Assert.Empty(created);
        Assert.Equal("保存未成功：其中有编号刚刚已被他人登记，请重新预览后再导入", result.Error);
        await using var after = _portal.Db();
        Assert.Equal(count, await after.Proposals.CountAsync());
        Assert.Equal(audit, await after.AuditEntries.CountAsync());
    }
}

/// <summary><see cref="ProposalServiceTests"/> on SQLite.</summary>
public sealed class ProposalServiceTestsOnSqlite : ProposalServiceTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

/// <summary><see cref="ProposalServiceTests"/> on PostgreSQL.</summary>
public sealed class ProposalServiceTestsOnPostgreSql : ProposalServiceTests, IPostgreSqlTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
}
