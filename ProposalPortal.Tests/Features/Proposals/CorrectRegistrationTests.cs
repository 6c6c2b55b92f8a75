using Microsoft.EntityFrameworkCore;
using ProposalPortal.Data;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Proposals.UseCases;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Proposals;

/// <summary>更正登记 over the real database: what is saved, the audit entry that goes with it, and the number's uniqueness.</summary>
public abstract class CorrectRegistrationTests : IAsyncLifetime
{
    /// <summary>The database engine this run of the class uses.</summary>
    protected abstract DatabaseProvider Provider { get; }

    private TestPortal _portal = null!;
    private Scenario _scenario = null!;

    public async Task InitializeAsync()
    {
        _portal = await TestPortal.StartAsync(provider: Provider);
        _scenario = await Scenario.CreateAsync(_portal);
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private Task<ProposalPortal.Domain.Result> CorrectAsync(Proposal item, RegistrationCorrection correction, string reason = "交办清单录入有误") =>
        _portal.Scoped<UseCaseDispatcher>().RunAsync(new CorrectRegistration(item.Id, item.Version, correction, reason), _scenario.Office);

    [ProviderFact]
    public async Task ACorrectionIsSavedWithItsAuditEntryProposersAndRecomputedDeadline()
    {
        var item = await _scenario.ItemAsync(ProposalState.Accepted, daysAgo: 10,
            proposers: [new Proposer("提案人甲", "138-0000-0001"), new Proposer("提案人乙")]);
        var (first, second) = (item.Proposers.Single(p => p.Name == "提案人甲"), item.Proposers.Single(p => p.Name == "提案人乙"));
        var assigned = item.AssignedOn.AddDays(2);

        var result = await CorrectAsync(item, RegistrationCorrection.Of(item) with
        {
            Title = "关于测试事项更正后的提案",
            AssignedOn = assigned,
            // 乙 leads now, 甲 is dropped, 丙 is added.
            Proposers = [new ProposerCorrection(second.Id, "提案人乙"), new ProposerCorrection(null, "提案人丙")],
        });

        Assert.True(result.IsOk, result.Error);
        var saved = await _scenario.FindAsync(item.Id);
        Assert.Equal("关于测试事项更正后的提案", saved.Title);
        Assert.Equal(assigned, saved.AssignedOn);
        Assert.Equal(assigned.AddMonths(3), saved.Deadline);
        Assert.Contains("更正登记后重新计算", saved.DeadlineExplanation);
        Assert.Equal(["提案人乙", "提案人丙"], saved.Proposers.OrderBy(p => p.Order).Select(p => p.Name));
        Assert.Equal(second.Id, saved.LeadProposer.Id);
        Assert.Equal(item.Version + 1, saved.Version);
        var entry = saved.AuditTrail.OrderBy(a => a.Id).Last();
        Assert.Equal(AuditAction.CorrectRegistration, entry.Action);
        Assert.Equal("鹿文书", entry.ActorName);
        Assert.StartsWith("更正理由：交办清单录入有误\n", entry.Comment);
        Assert.Contains("提出人：提案人甲、提案人乙 → 提案人乙、提案人丙", entry.Comment);
        await using var db = _portal.Db();
        Assert.False(await db.Set<Proposer>().AnyAsync(p => p.Id == first.Id));
    }

    [ProviderFact]
    public async Task ANumberTakenByAnotherItemIsRefusedAndNothingIsSaved()
    {
        var item = await _scenario.ItemAsync(ProposalState.Accepted);
        var other = await _scenario.ItemAsync(ProposalState.Registered);

        var result = await CorrectAsync(item, RegistrationCorrection.Of(item) with { Number = other.Number, Title = "改了标题" });

        Assert.False(result.IsOk);
        Assert.Equal($"{item.Session}第{other.Number}号已由另一件登记，不能更正为该编号", result.Error);
        var saved = await _scenario.FindAsync(item.Id);
        Assert.Equal((item.Number, item.Title, item.Version), (saved.Number, saved.Title, saved.Version));
        Assert.DoesNotContain(saved.AuditTrail, a => a.Action == AuditAction.CorrectRegistration);
    }

    [ProviderFact]
    public async Task AFreeNumberInAnotherSessionIsTaken()
    {
        var item = await _scenario.ItemAsync(ProposalState.InProgress);

        var result = await CorrectAsync(item, RegistrationCorrection.Of(item) with { Session = "市政协十届二次会议", Number = 7 });

        Assert.True(result.IsOk, result.Error);
        var saved = await _scenario.FindAsync(item.Id);
        Assert.Equal("市政协十届二次会议第7号提案", saved.Designation);
        Assert.Contains("编号：第" + item.Number + "号 → 第7号", saved.AuditTrail.OrderBy(a => a.Id).Last().Comment);
    }
}

/// <summary><see cref="CorrectRegistrationTests"/> on SQLite.</summary>
public sealed class CorrectRegistrationTestsOnSqlite : CorrectRegistrationTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

/// <summary><see cref="CorrectRegistrationTests"/> on PostgreSQL.</summary>
public sealed class CorrectRegistrationTestsOnPostgreSql : CorrectRegistrationTests, IPostgreSqlTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
}
