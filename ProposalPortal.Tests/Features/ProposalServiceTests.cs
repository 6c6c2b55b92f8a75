using Microsoft.EntityFrameworkCore;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features;

/// <summary>Saving steps against the real database: concurrent edits, section scoping, document numbers.</summary>
public sealed class ProposalServiceTests : IAsyncLifetime
{
    private TestPortal _portal = null!;
    private Actor _office = null!;
    private Actor _director = null!;
    private Actor _deputy = null!;

    public async Task InitializeAsync()
    {
        _portal = await TestPortal.StartAsync(demo: true);
        await using var db = _portal.Db();
        var staff = await db.Staff.ToListAsync();
        var sections = await db.Sections.ToListAsync();
        Actor For(string name)
        {
            var s = staff.Single(x => x.Name == name);
            return Actor.For(s, sections.Where(x => x.DeputyDirectorId == s.Id).Select(x => x.Id));
        }

        _office = For("尤四");
        _director = For("杨一");
        _deputy = For("秦三");
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private async Task<Proposal> FindAsync(Func<IQueryable<Proposal>, IQueryable<Proposal>> filter)
    {
        await using var db = _portal.Db();
        var id = await filter(db.Proposals).Select(p => p.Id).FirstAsync();
        return (await _portal.Scoped<ProposalService>().FindAsync(id, _office))!;
    }

    private async Task<Actor> HandlerOfAsync(Proposal p)
    {
        await using var db = _portal.Db();
        var handler = await db.Staff.SingleAsync(s => s.Id == p.Responsibility!.HandlerId);
        return Actor.For(handler, []);
    }

    [Fact]
    public async Task TheSecondOfTwoConcurrentSavesIsRefusedAndNothingIsMerged()
    {
        var item = await FindAsync(q => q.Where(p => p.State == ProposalState.InProgress && p.ReopenRound == 0 && p.Role == HandlingRole.Lead));
        var handler = await HandlerOfAsync(item);
        var service = _portal.Scoped<ProposalService>();
        var draftA = new ReplyDraft(ResultCategory.A, Disclosure.Publish, null, "甲的答复稿", null, null);
        var draftB = new ReplyDraft(ResultCategory.B, Disclosure.Publish, null, "乙的答复稿", null, null);

        // Both opened the item at the same version.
        var first = await service.ExecuteAsync(item.Id, item.Version, handler, (p, c) => p.SaveDraft(handler, draftA, c));
        var second = await service.ExecuteAsync(item.Id, item.Version, handler, (p, c) => p.SaveDraft(handler, draftB, c));

        Assert.True(first.Succeeded);
        Assert.False(second.Succeeded);
        Assert.Contains("该件刚刚已被", second.Error);
        Assert.Contains("拟稿", second.Error);
        Assert.Contains("您填写的内容仍保留在本页", second.Error);
        var saved = await service.FindAsync(item.Id, _office);
        Assert.Equal("甲的答复稿", saved!.CurrentReply!.Body);
        Assert.Equal(item.Version + 1, saved.Version);
    }

    [Fact]
    public async Task ARaceBetweenLoadAndSaveIsCaughtByTheDatabase()
    {
        var item = await FindAsync(q => q.Where(p => p.State == ProposalState.InProgress && p.ReopenRound == 0 && p.Role == HandlingRole.Lead));
        var handler = await HandlerOfAsync(item);
        var service = _portal.Scoped<ProposalService>();

        // The competing save lands after this step loaded the item but before it saves.
        var result = await service.ExecuteAsync(item.Id, item.Version, handler, (p, c) =>
        {
            var other = _portal.Scoped<ProposalService>().ExecuteAsync(item.Id, item.Version, _office,
                (q, c2) => q.ExtendDeadline(_office, q.AssignedOn.AddMonths(5), "需协调多个部门", c2)).GetAwaiter().GetResult();
            Assert.True(other.Succeeded, other.Error);
            return p.LogCommunication(handler, CommunicationStage.During, CommunicationMethod.Phone, c.Today, "委员", "电话沟通", c);
        });

        Assert.False(result.Succeeded);
        Assert.Contains("尤四(延期)", result.Error);
        var saved = await service.FindAsync(item.Id, _office);
        Assert.DoesNotContain(saved!.Communications, c => c.Summary == "电话沟通");
    }

    [Fact]
    public async Task ARefusedStepSavesNothing()
    {
        var item = await FindAsync(q => q.Where(p => p.State == ProposalState.Accepted));
        var service = _portal.Scoped<ProposalService>();

        var result = await service.ExecuteAsync(item.Id, item.Version, _office, (p, c) => p.StartHandling(_office, c));

        Assert.False(result.Succeeded);
        Assert.StartsWith("五定尚未落实", result.Error);
        var saved = await service.FindAsync(item.Id, _office);
        Assert.Equal(item.Version, saved!.Version);
        Assert.Equal(ProposalState.Accepted, saved.State);
    }

    [Fact]
    public async Task SectionStaffCannotOpenOrChangeAnotherSectionsItem()
    {
        var item = await FindAsync(q => q.Where(p => p.State == ProposalState.InProgress && p.Responsibility != null));
        await using var db = _portal.Db();
        var stranger = await db.Staff.FirstAsync(s => s.Roles == StaffRoles.SectionStaff && s.SectionId != item.Responsibility!.SectionId);
        var actor = Actor.For(stranger, []);
        var service = _portal.Scoped<ProposalService>();

        Assert.Null(await service.FindAsync(item.Id, actor));
        var result = await service.ExecuteAsync(item.Id, item.Version, actor,
            (p, c) => p.LogCommunication(actor, CommunicationStage.During, CommunicationMethod.Phone, c.Today, "x", "x", c));
        Assert.Equal("找不到该件,或您无权处理该件", result.Error);
    }

    [Fact]
    public async Task SignOffNumbersRunOnWithoutGapsOrRepeatsEvenInParallel()
    {
        // Put several items of the current year into 待签发, then sign them all off at once.
        var year = _portal.Clock.Today.Year;
        await using var db = _portal.Db();
        var drafted = await db.Proposals.Where(p => p.Year == year && p.State == ProposalState.AwaitingSignOff).Select(p => p.Id).ToListAsync();
        var service = _portal.Scoped<ProposalService>();
        var existing = await db.Set<Reply>().Where(r => r.DocumentYear == year).Select(r => r.DocumentSerial).ToListAsync();

        var ids = new List<int>(drafted);
        foreach (var candidate in await db.Proposals.Where(p => p.Year == year && p.State == ProposalState.UnderReview).Select(p => p.Id).ToListAsync())
        {
            var p = (await service.FindAsync(candidate, _office))!;
            var deputy = await DeputyForAsync(p);
            Assert.True((await service.ExecuteAsync(p.Id, p.Version, deputy, (x, c) => x.ApproveReview(deputy, null, c))).Succeeded);
            ids.Add(p.Id);
        }

        Assert.True(ids.Count >= 2);
        var results = await Task.WhenAll(ids.Select(async id =>
        {
            var p = (await _portal.Scoped<ProposalService>().FindAsync(id, _office))!;
            return await _portal.Scoped<ProposalService>().SignOffAsync(id, p.Version, _director);
        }));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error));
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

    private async Task<Actor> DeputyForAsync(Proposal p)
    {
        await using var db = _portal.Db();
        var section = await db.Sections.SingleAsync(s => s.Id == p.Responsibility!.SectionId);
        var deputy = await db.Staff.SingleAsync(s => s.Id == section.DeputyDirectorId);
        return Actor.For(deputy, [section.Id]);
    }

    [Fact]
    public async Task RegisteringTheSameNumberOfASessionTwiceIsRefused()
    {
        var item = await FindAsync(q => q.Where(p => p.Year == 2022 && p.Number == 199));
        var service = _portal.Scoped<ProposalService>();
        var registration = new ProposalRegistration(2022, ProposalKind.Proposal, Level.City, "市政协十届一次会议", 199, "重复", null,
            [new Proposer("张三")], [], new DateOnly(2022, 3, 21), HandlingRole.Lead);

        var (created, result) = await service.RegisterAsync(registration, _office);

        Assert.Null(created);
        Assert.Equal("市政协十届一次会议第199号已经登记过", result.Error);
        Assert.Equal(ProposalState.Closed, item.State);
        var (_, bySection) = await service.RegisterAsync(registration with { Number = 999 }, await HandlerOfAsync(item));
        Assert.Equal("只有办公室可以登记建议提案", bySection.Error);
    }
}
