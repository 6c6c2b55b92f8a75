using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ProposalPortal.Domain.Deadlines;
using ProposalPortal.Domain.Organization;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Account;
using ProposalPortal.Features.Administration;
using ProposalPortal.Features.Administration.Accounts;
using ProposalPortal.Features.Administration.Calendar;
using ProposalPortal.Features.Administration.Sections;
using ProposalPortal.Features.Administration.Staff;
using ProposalPortal.Features.Administration.Audit;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Administration;

/// <summary>Every administrative action leaves a record with who, when and the values before and after; none can be undone.</summary>
public sealed class AdminAuditTests : IAsyncLifetime
{
    private TestPortal _portal = null!;
    private Actor _admin = null!;
    private int _handlerId;
    private Scenario _scenario = null!;

    public async Task InitializeAsync()
    {
        _portal = await TestPortal.StartAsync();
        _scenario = await Scenario.CreateAsync(_portal);
        _admin = _scenario.Admin;
        // The person whose record and account the administrator changes: the scenario's handler, account "hancb".
        _handlerId = _scenario.Handler.StaffId;
        await _scenario.AccountAsync(_scenario.Handler, "hancb");
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private SectionAdministration SectionAdmin => _portal.Scoped<SectionAdministration>();

    private StaffAdministration StaffAdmin => _portal.Scoped<StaffAdministration>();

    private AccountAdministration Accounts => _portal.Scoped<AccountAdministration>();

    private CalendarAdministration CalendarAdmin => _portal.Scoped<CalendarAdministration>();

    private async Task<List<AdminAuditEntry>> RecordsAsync()
    {
        await using var db = _portal.Db();
        return await db.AdminAuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
    }

    private async Task<AdminAuditEntry> OnlyRecordAsync(string action)
    {
        var entry = Assert.Single(await RecordsAsync(), e => e.Action == action);
        Assert.Equal(_admin.Name, entry.ActorName);
        Assert.Equal(_admin.StaffId, entry.ActorId);
        Assert.Equal(_portal.Clock.Now, entry.At);
        return entry;
    }

    [Fact]
    public async Task DeactivationIsRecordedWithTheStateBeforeAndAfter()
    {
        Assert.True((await StaffAdmin.DeactivateAsync(_admin, _handlerId)).IsOk);

        var entry = await OnlyRecordAsync(AdminActions.Deactivate);
        Assert.Equal($"人员 {_scenario.Handler.Name}（编号{_handlerId}）", entry.Target);
        Assert.Contains("状态：在职", entry.Before, StringComparison.Ordinal);
        Assert.Contains("状态：已停用", entry.After, StringComparison.Ordinal);
        Assert.Contains("账号hancb已锁定", entry.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARoleAndSectionChangeIsRecordedWithBothValues()
    {
        await using var db = _portal.Db();
        var pricing = _scenario.OtherSection;
        var handler = await db.Staff.SingleAsync(s => s.Id == _handlerId);
        var oldSection = await db.Sections.SingleAsync(s => s.Id == handler.SectionId);

        Assert.True((await StaffAdmin.ChangeRolesAsync(_admin, _handlerId, StaffRoles.SectionStaff | StaffRoles.Office, pricing.Id)).IsOk);

        var entry = await OnlyRecordAsync(AdminActions.ChangeRoles);
        Assert.StartsWith($"角色：科室人员；科室：{oldSection.Name}；", entry.Before, StringComparison.Ordinal);
        Assert.StartsWith($"角色：办公室、科室人员；科室：{pricing.Name}；", entry.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASignOffDelegationIsRecorded()
    {
        var deputy = _scenario.Deputy;

        Assert.True((await StaffAdmin.SetSignOffDelegateAsync(_admin, deputy.StaffId, true)).IsOk);

        var entry = await OnlyRecordAsync(AdminActions.SignOffDelegate);
        Assert.Equal(("签发代理人：否", "签发代理人：是"), (entry.Before, entry.After));
        Assert.Contains(deputy.Name, entry.Target, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APasswordResetIsRecordedWithoutThePassword()
    {
        Assert.True((await Accounts.ResetPasswordAsync(_admin, _handlerId, "Reset@2026x")).IsOk);

        var entry = await OnlyRecordAsync(AdminActions.ResetPassword);
        Assert.Equal($"账号 hancb（{_scenario.Handler.Name}）", entry.Target);
        Assert.Equal("下次登录须修改密码：否", entry.Before);
        Assert.Contains("下次登录须修改密码：是", entry.After, StringComparison.Ordinal);
        Assert.DoesNotContain("Reset@2026x", entry.Before + entry.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefusedPasswordLeavesNoRecord()
    {
        Assert.False((await Accounts.ResetPasswordAsync(_admin, _handlerId, "short")).IsOk);

        Assert.DoesNotContain(await RecordsAsync(), e => e.Action == AdminActions.ResetPassword);
    }

    [Fact]
    public async Task UnlockingIsRecordedWithTheLockoutItEnded()
    {
        var users = _portal.Scoped<UserManager<PortalUser>>();
        var user = (await users.FindByNameAsync("hancb"))!;
        await users.SetLockoutEndDateAsync(user, _portal.Clock.Now.AddMinutes(15));

        Assert.True((await Accounts.UnlockAccountAsync(_admin, _handlerId)).IsOk);

        var entry = await OnlyRecordAsync(AdminActions.Unlock);
        Assert.StartsWith("锁定至2026年11月28日 10:15", entry.Before, StringComparison.Ordinal);
        Assert.Equal("未锁定", entry.After);
    }

    [Fact]
    public async Task CalendarChangesAreRecorded()
    {
        var day = new DateOnly(2026, 12, 31);
        Assert.True((await CalendarAdmin.AddCalendarDayAsync(_admin, day, CalendarDayKind.Holiday, "元旦前")).IsOk);
        Assert.True((await CalendarAdmin.ChangeCalendarDayAsync(_admin, day, CalendarDayKind.Holiday, "元旦假期")).IsOk);
        Assert.True((await CalendarAdmin.RemoveCalendarDayAsync(_admin, day)).IsOk);

        var records = (await RecordsAsync()).Select(e => (e.Action, e.Target, e.Before, e.After)).ToList();
        Assert.Equal(
        [
            (AdminActions.CalendarAdd, "工作日历 2026年12月31日", null, "放假（元旦前）"),
            (AdminActions.CalendarChange, "工作日历 2026年12月31日", "放假（元旦前）", "放假（元旦假期）"),
            (AdminActions.CalendarRemove, "工作日历 2026年12月31日", "放假（元旦假期）", null),
        ], records);
    }

    [Fact]
    public async Task ARuleChangeIsRecordedWithTheValueItReplaced()
    {
        const string key = "Rules:Deadlines:LeadReplyMonths";
        var rules = _portal.Scoped<RuleSettingsService>();
        var before = rules.Current(key);

        Assert.Null((await rules.SaveAsync(_admin, new Dictionary<string, string?> { [key] = "2" }, new Dictionary<string, string?> { [key] = before })).Error);
        Assert.Null((await rules.SaveAsync(_admin, new Dictionary<string, string?> { [key] = "3" }, new Dictionary<string, string?> { [key] = "2" })).Error);

        var records = (await RecordsAsync()).Where(e => e.Action == AdminActions.RuleChange).Select(e => (e.Target, e.Before, e.After)).ToList();
        Assert.Equal(
        [
            ($"办理规则 {key}", before ?? "默认值", "2"),
            ($"办理规则 {key}", "2", "3"),
        ], records);
    }

    [Fact]
    public async Task ARecordCanBeNeitherChangedNorDeleted()
    {
        // An item's trail too, so that there is something in both tables to change.
        await _scenario.ItemAsync(ProposalState.InProgress);
        Assert.True((await StaffAdmin.DeactivateAsync(_admin, _handlerId)).IsOk);
        await using var connection = new SqliteConnection($"Data Source={_portal.DatabasePath}");
        await connection.OpenAsync();

        foreach (var sql in new[]
        {
            "UPDATE AdminAuditEntries SET After = '在职'",
            "UPDATE AdminAuditEntries SET Hash = NULL",
            "DELETE FROM AdminAuditEntries",
            "UPDATE AuditEntries SET Comment = '改过'",
            "DELETE FROM AuditEntries",
        })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            var refused = await Assert.ThrowsAsync<SqliteException>(() => command.ExecuteNonQueryAsync());
            Assert.Contains("审计记录只能追加", refused.Message, StringComparison.Ordinal);
        }

        Assert.Contains("状态：已停用", Assert.Single(await RecordsAsync()).After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyAnAdministratorMaySearchTheRecord()
    {
        var office = _scenario.Office;

        var result = await _portal.Get<AdminAuditLog>().SearchAsync(office, new AdminAuditFilter());

        Assert.Equal("只有系统管理员可以查看管理操作记录", result.Error);
    }

    [Fact]
    public async Task TheCommandLineCanRecordBackupsAndRestores()
    {
        await _portal.Get<AdminAuditLog>().RecordAsync(AdminAuditLog.CommandLineActor, AdminActions.Backup, "备份文件 /backups/portal-2026-11-28.zip", null, "12.3 MB");

        var entry = Assert.Single(await RecordsAsync());
        Assert.Equal(("命令行", (int?)null, "备份"), (entry.ActorName, entry.ActorId, AdminActions.Label(entry.Action)));
    }
}
