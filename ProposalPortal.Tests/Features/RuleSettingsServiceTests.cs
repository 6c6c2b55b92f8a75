using ProposalPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProposalPortal.Domain.Deadlines;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Administration;
using ProposalPortal.Features.Common;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features;

/// <summary>办理规则 changed in the portal: checked, stored, in force at once, and never over a colleague's change.</summary>
public abstract class RuleSettingsServiceTests : IAsyncLifetime
{
    /// <summary>The database engine this run of the class uses (<see cref="ProviderPairs"/>).</summary>
    protected abstract DatabaseProvider Provider { get; }

    private const string DueSoon = "Rules:Deadlines:DueSoonDays";
    private const string Urgent = "Rules:Deadlines:UrgentDays";
    private const string LeadMonths = "Rules:Deadlines:LeadReplyMonths";
    private TestPortal _portal = null!;
    private RuleSettingsService _service = null!;
    private Scenario _scenario = null!;
    private Actor _admin = null!;

    public async Task InitializeAsync()
    {
        _portal = await TestPortal.StartAsync(provider: Provider, settings: new Dictionary<string, string?> { [DueSoon] = "12" });
        _scenario = await Scenario.CreateAsync(_portal);
        _service = _portal.Scoped<RuleSettingsService>();
        _admin = _scenario.Admin;
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [ProviderFact]
    public async Task AChangedRuleIsStoredAndInForceAtOnce()
    {
        var result = await _service.SaveAsync(_admin, Changes((LeadMonths, "2")), Seen(LeadMonths));

        Assert.True(result.IsOk, result.Error);
        Assert.Equal(2, _portal.Get<IOptionsMonitor<DeadlineOptions>>().CurrentValue.LeadReplyMonths);
        // The next deadline the workflow computes uses it: assigned 2022-11-30 → 2023-01-30 instead of 2023-02-28.
        var deadlines = await _portal.Get<WorkflowContextFactory>().DeadlinesAsync();
        Assert.Equal(new DateOnly(2023, 1, 30), deadlines.ReplyDeadline(HandlingRole.Lead, new DateOnly(2022, 11, 30)).Date);
        var stored = Assert.Single(await _service.OverridesAsync());
        Assert.Equal(("2", _admin.Name), (stored.Value.Value, stored.Value.ChangedByName));
    }

    [ProviderFact]
    public async Task RulesThatContradictEachOtherAreRefusedAndNothingChanges()
    {
        var result = await _service.SaveAsync(_admin, Changes((Urgent, "20")), Seen(Urgent));

        Assert.False(result.IsOk);
        Assert.Contains("紧急提醒天数须在0至临期提醒天数之间", result.Error);
        Assert.Equal(7, _portal.Get<IOptionsMonitor<DeadlineOptions>>().CurrentValue.UrgentDays);
        Assert.Empty(await _service.OverridesAsync());
    }

    [ProviderFact]
    public async Task ATextWhereANumberBelongsIsRefused()
    {
        var result = await _service.SaveAsync(_admin, Changes((LeadMonths, "三")), Seen(LeadMonths));

        Assert.False(result.IsOk);
        Assert.Contains("整数", result.Error);
        Assert.Empty(await _service.OverridesAsync());
    }

    [ProviderFact]
    public async Task OnlyTheAdministratorMayChangeRules()
    {
        var office = _scenario.Office;

        var result = await _service.SaveAsync(office, Changes((LeadMonths, "2")), Seen(LeadMonths));

        Assert.Equal("只有系统管理员可以修改办理规则", result.Error);
        Assert.Equal(3, _portal.Get<IOptionsMonitor<DeadlineOptions>>().CurrentValue.LeadReplyMonths);
    }

    [ProviderFact]
    public async Task AColleaguesChangeMadeSinceThePageOpenedIsNotOverwritten()
    {
        var seen = Seen(DueSoon);
        Assert.True((await _service.SaveAsync(_admin, Changes((DueSoon, "20")), Seen(DueSoon))).IsOk);

        var late = await _service.SaveAsync(_admin, Changes((DueSoon, "10")), seen);

        Assert.False(late.IsOk);
        Assert.Contains("已被他人修改为“20”", late.Error);
        Assert.Equal(20, _portal.Get<IOptionsMonitor<DeadlineOptions>>().CurrentValue.DueSoonDays);
    }

    [ProviderFact]
    public async Task RestoringARuleReturnsItToTheConfigurationFilesValue()
    {
        Assert.True((await _service.SaveAsync(_admin, Changes((DueSoon, "20")), Seen(DueSoon))).IsOk);

        var result = await _service.SaveAsync(_admin, Changes((DueSoon, null)), Seen(DueSoon));

        Assert.True(result.IsOk, result.Error);
        Assert.Equal(12, _portal.Get<IOptionsMonitor<DeadlineOptions>>().CurrentValue.DueSoonDays);
        Assert.Empty(await _service.OverridesAsync());
        await using var db = _portal.Db();
        Assert.Equal(0, await db.Set<RuleSetting>().CountAsync());
    }

    private static Dictionary<string, string?> Changes(params (string Key, string? Value)[] changes) =>
        changes.ToDictionary(c => c.Key, c => c.Value);

    private Dictionary<string, string?> Seen(params string[] keys) => keys.ToDictionary(k => k, _service.Current);
}

/// <summary><see cref="RuleSettingsServiceTests"/> on SQLite.</summary>
public sealed class RuleSettingsServiceTestsOnSqlite : RuleSettingsServiceTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

/// <summary><see cref="RuleSettingsServiceTests"/> on PostgreSQL.</summary>
public sealed class RuleSettingsServiceTestsOnPostgreSql : RuleSettingsServiceTests, IPostgreSqlTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
}
